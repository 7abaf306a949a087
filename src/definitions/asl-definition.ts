import * as path from 'path';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { checkShape, parseAslText, readAslFile } from './private/parse';
import { SubstitutedResource } from './private/resource';
import { SubstitutionEntry, substitute } from './private/substitute';
import { AslSubstitution } from './substitution';
import { buildModel } from '../core/asl/model';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';

/**
 * What a state is granted explicitly, where cdk-stepwise cannot derive it from the definition:
 * a resource chosen at run time (a JSONPath or JSONata value), a literal that names no resource,
 * an integration it does not know.
 */
export interface AslStateGrant {
  /**
   * The ARNs the state's call may act on. The actions are still derived from the state's
   * `Resource` (for example `sqs:SendMessage` for `sqs:sendMessage`); these ARNs replace the
   * resource that could not be read. `*` is refused here: say `allResources: true`.
   *
   * @default - none
   */
  readonly resourceArns?: string[];

  /**
   * Grant the derived actions on every resource (`*`), for an API without resource-level
   * permissions or a resource that can be anything.
   *
   * @default false
   */
  readonly allResources?: boolean;

  /**
   * The statements the state needs, instead of the derived ones (for an integration whose IAM is
   * not derived, or an ECS task definition whose roles are unknown).
   *
   * @default - the derived statements
   */
  readonly statements?: iam.PolicyStatement[];
}

/**
 * Options of an Amazon States Language definition.
 */
export interface AslDefinitionOptions {
  /**
   * The values of the definition's `${Name}` placeholders, by name. A placeholder without a
   * substitution, or a substitution without a placeholder, is an error. The AWS pseudo parameters
   * (`${AWS::Region}`, `${AWS::AccountId}`, `${AWS::Partition}`, `${AWS::URLSuffix}`) need none.
   *
   * @default - no substitutions
   */
  readonly substitutions?: { [name: string]: AslSubstitution };

  /**
   * Explicit grants, by state name, where the role's statements cannot be derived from the
   * definition.
   *
   * @default - every statement derived
   */
  readonly grants?: { [stateName: string]: AslStateGrant };
}

/**
 * A state machine definition written in Amazon States Language (a Workflow Studio export, an
 * `.asl.json` file), for a `Workflow`'s `aslDefinition`.
 *
 * The `Workflow` validates it with the same rules as a built definition, gives it its logging,
 * tracing and timeout, and derives the role's IAM statements from its Task states: for each
 * `Resource` (optimized integrations with their `.sync` and `.waitForTaskToken` patterns, AWS SDK
 * calls, Lambda functions, activities, nested executions, the HTTP Task, Distributed Map readers
 * and writers) exactly the actions the pattern needs, on the resource the state names. Where a
 * state's resource is chosen at run time, the synth fails naming the state and the field, unless
 * `grants` says what it may reach.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const definition = AslDefinition.fromFile('orders.asl.json', {
 *   substitutions: {
 *     'ChargeFunction': AslSubstitution.lambdaFunction(chargeFn),
 *     'OrdersQueue': AslSubstitution.queue(queue),
 *   },
 * });
 * new Workflow(this, 'Orders', { aslDefinition: definition });
 */
export class AslDefinition {
  /**
   * A definition read from a file (JSON; the file is read at once).
   *
   * @param file the path of the `.asl.json` file (a relative path is resolved from the current directory)
   * @param options substitutions and explicit grants
   */
  public static fromFile(file: string, options: AslDefinitionOptions = {}): AslDefinition {
    const where = `the file '${path.basename(file)}'`;
    return new AslDefinition(parseAslText(readAslFile(file), where), options, where);
  }

  /**
   * A definition given as JSON text.
   *
   * @param definition the definition as JSON
   * @param options substitutions and explicit grants
   */
  public static fromString(definition: string, options: AslDefinitionOptions = {}): AslDefinition {
    return new AslDefinition(parseAslText(definition, 'the definition string'), options, 'the definition string');
  }

  /**
   * A definition given as an object (the parsed JSON; it is copied, so later changes to the
   * object do not change the definition).
   *
   * @param definition the definition: an object with `StartAt` and `States`
   * @param options substitutions and explicit grants
   */
  public static fromObject(definition: { [key: string]: any }, options: AslDefinitionOptions = {}): AslDefinition {
    const copy = JSON.parse(JSON.stringify(definition ?? null));
    return new AslDefinition(checkShape(copy, 'the definition object'), options, 'the definition object');
  }

  private readonly definition: Record<string, any>;
  private readonly resources: Map<string, SubstitutedResource>;
  private readonly grants: { [stateName: string]: AslStateGrant };

  private constructor(parsed: Record<string, unknown>, options: AslDefinitionOptions, where: string) {
    const entries: { [name: string]: SubstitutionEntry } = {};
    for (const [name, s] of Object.entries(options.substitutions ?? {})) {
      entries[name] = { value: s.text, resource: s._resource };
    }
    const substituted = substitute(parsed, entries, where);
    this.definition = substituted.definition;
    this.resources = substituted.resources;
    this.grants = { ...options.grants };
  }

  /**
   * Sets fields of a state, by its name (in any Parallel branch or Map processor), without editing
   * the file: a field given here replaces the state's field of that name.
   *
   * @param stateName the state's name, as in the definition
   * @param fields the fields to set, in Amazon States Language (e.g. `{ TimeoutSeconds: 30 }`)
   * @returns this definition
   */
  public overrideState(stateName: string, fields: { [field: string]: any }): AslDefinition {
    const state = this.stateNamed(stateName);
    Object.assign(state, JSON.parse(JSON.stringify(fields)));
    return this;
  }

  /**
   * Adds a retrier to a Task, Parallel or Map state, after its own.
   *
   * @param stateName the state's name
   * @param retry the retrier
   * @returns this definition
   */
  public addRetry(stateName: string, retry: sfn.RetryProps = {}): AslDefinition {
    const state = this.retriable(stateName, 'a retrier');
    const rendered: Record<string, unknown> = {
      ErrorEquals: retry.errors ?? ['States.ALL'],
      IntervalSeconds: retry.interval?.toSeconds(),
      MaxAttempts: retry.maxAttempts,
      BackoffRate: retry.backoffRate,
      MaxDelaySeconds: retry.maxDelay?.toSeconds(),
      JitterStrategy: retry.jitterStrategy,
    };
    state.Retry = [...(Array.isArray(state.Retry) ? state.Retry : []), withoutUndefined(rendered)];
    return this;
  }

  /**
   * Adds a catcher to a Task, Parallel or Map state, after its own: on the errors it names, the
   * execution goes on at `handlerState`.
   *
   * @param stateName the state's name
   * @param handlerState the state to go to, in the same branch or processor
   * @param props the errors caught and where the error goes
   * @returns this definition
   */
  public addCatch(stateName: string, handlerState: string, props: sfn.CatchProps = {}): AslDefinition {
    const state = this.retriable(stateName, 'a catcher');
    const model = buildModel(this.definition, 'STANDARD');
    const node = model.states.find((s) => s.json === state)!;
    if (!node.scope.byName.has(handlerState)) {
      throw new StepwiseError({
        code: CODES.SW026,
        statePath: stateName,
        message: `the catcher of '${stateName}' goes to '${handlerState}', which is not a state beside it (in its branch or processor)`,
        actual: `states beside it: ${[...node.scope.byName.keys()].map((n) => `'${n}'`).join(', ')}`,
      });
    }
    const rendered: Record<string, unknown> = {
      ErrorEquals: props.errors ?? ['States.ALL'],
      Next: handlerState,
      ResultPath: props.resultPath === null ? null : props.resultPath,
    };
    state.Catch = [...(Array.isArray(state.Catch) ? state.Catch : []), withoutUndefined(rendered)];
    return this;
  }

  /**
   * The definition as it will be deployed, before the `Workflow` adds its settings: placeholders
   * substituted, overrides applied (a copy).
   */
  public toObject(): { [key: string]: any } {
    return JSON.parse(JSON.stringify(this.definition));
  }

  /** @internal the definition (not a copy), its resources and grants, for the Workflow */
  public _parts(): AslDefinitionParts {
    return { definition: this.definition, resources: this.resources, grants: this.grants };
  }

  private stateNamed(stateName: string): Record<string, any> {
    const model = buildModel(this.definition, 'STANDARD');
    const node = model.statesByName.get(stateName)?.[0];
    if (!node || !node.isObject) {
      throw new StepwiseError({
        code: CODES.SW026,
        statePath: stateName,
        message: `there is no state named '${stateName}' in the definition`,
        actual: `states: ${[...model.statesByName.keys()].map((n) => `'${n}'`).join(', ')}`,
      });
    }
    return node.json;
  }

  private retriable(stateName: string, what: string): Record<string, any> {
    const state = this.stateNamed(stateName);
    if (!['Task', 'Parallel', 'Map'].includes(state.Type)) {
      throw new StepwiseError({
        code: CODES.SW027,
        statePath: stateName,
        message: `'${stateName}' is a ${String(state.Type)} state, which cannot have ${what}`,
        limit: 'Retry and Catch are fields of Task, Parallel and Map states',
        actual: String(state.Type),
      });
    }
    return state;
  }
}

function withoutUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** What a Workflow reads from an `AslDefinition`. */
interface AslDefinitionParts {
  readonly definition: Record<string, any>;
  readonly resources: ReadonlyMap<string, SubstitutedResource>;
  readonly grants: { readonly [stateName: string]: AslStateGrant };
}
