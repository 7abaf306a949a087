import { IConstruct } from 'constructs';
import { renderDefinition } from './render';

/**
 * Readable, stable Amazon States Language for tests and snapshots.
 *
 * aws-cdk-lib renders a definition as an `Fn::Join` of string fragments and CloudFormation
 * intrinsics, which makes a poor snapshot. `Asl.of()` returns the definition as plain JSON
 * with every CloudFormation value replaced by a placeholder that names what it stands for:
 *
 * - `${AWS::Partition}`, `${AWS::Region}`, `${AWS::AccountId}` for pseudo parameters;
 * - `${Ref:OrdersQueue}` for a `Ref` (the logical ID without CDK's hash suffix, unless two
 *   resources would then share a name);
 * - `${GetAtt:ValidateFn.Arn}` for an `Fn::GetAtt`;
 * - `${ImportValue:Name}` for a cross-stack reference.
 *
 * `DefinitionSubstitutions` are applied first. The result is the same from run to run, so
 * `expect(Asl.of(workflow)).toMatchSnapshot()` is readable and stable.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * // The definition as JSON, unresolved values as ${Token[...]} placeholders
 * console.log(Asl.toJson(workflow));
 */
export class Asl {
  /**
   * The definition of a state machine as plain JSON.
   *
   * @param stateMachine a `Workflow`, an `sfn.StateMachine`, an `sfn.CfnStateMachine`, or any
   * construct whose default child is one of those.
   * @throws if the construct holds no state machine, or its definition cannot be read
   * (it lives in S3, or is not JSON).
   */
  public static of(stateMachine: IConstruct): { [key: string]: any } {
    const rendered = renderDefinition(stateMachine);
    if (rendered.definition === undefined) {
      throw new Error(`Asl.of(${stateMachine.node.path}): ${rendered.error}`);
    }
    return rendered.definition;
  }

  /**
   * The definition as pretty-printed JSON text (two-space indent), placeholders included.
   *
   * @param stateMachine as for `Asl.of()`.
   */
  public static toJson(stateMachine: IConstruct): string {
    return JSON.stringify(Asl.of(stateMachine), undefined, 2);
  }

  private constructor() {}
}
