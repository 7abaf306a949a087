import { IResolvable, IResolveContext, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * The definition of a state machine, resolved once for validation and template synthesis both.
 *
 * aws-cdk-lib resolves `DefinitionString` (the whole state graph rendered as JSON, the costliest
 * property of a large state machine) when it prepares the app, when it writes the template and when
 * it writes tree.json. Validation needs it resolved too. Wrapping the property lets the template
 * and tree.json reuse the resolution validation made moments before in the same synthesis (the
 * construct tree is locked from validation on) instead of doing it twice more, so checking a state
 * machine costs the rules, not another rendering.
 *
 * The shared value exists only after validation armed it, is served at most `SERVES` times (the
 * template and tree.json), and is dropped whenever aws-cdk-lib prepares an app again, so a later
 * synthesis never sees a stale definition.
 */
export class SharedDefinition implements IResolvable {
  /** The resolutions that follow validation's in one synthesis: the template's and tree.json's. */
  private static readonly SERVES = 2;

  public readonly creationStack: string[] = [];
  private armed = false;
  private shared?: { readonly value: unknown };
  private serves = 0;

  constructor(private readonly original: string) {}

  /** The next resolution (validation's) is kept for the one after it. */
  public arm(): void {
    this.armed = true;
    this.shared = undefined;
  }

  public resolve(context: IResolveContext): unknown {
    if (context.preparing) {
      this.armed = false;
      this.shared = undefined;
      return context.resolve(this.original);
    }
    if (this.armed) {
      this.armed = false;
      const value = context.resolve(this.original);
      this.shared = { value };
      this.serves = SharedDefinition.SERVES;
      return value;
    }
    const shared = this.shared;
    if (shared) {
      if (--this.serves === 0) {
        this.shared = undefined;
      }
      return shared.value;
    }
    return context.resolve(this.original);
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** Wraps the definition of `cfn` for sharing (see `SharedDefinition`), when it is a rendered token. */
export function shareDefinition(cfn: sfn.CfnStateMachine): SharedDefinition | undefined {
  const original = cfn.definitionString;
  if (typeof original !== 'string' || !Token.isUnresolved(original)) {
    return undefined;
  }
  const shared = new SharedDefinition(original);
  cfn.definitionString = Token.asString(shared);
  return shared;
}
