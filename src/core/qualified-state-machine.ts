import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * A version or an alias of a state machine. Its `stateMachineArn` is the state machine's ARN with
 * a qualifier (`arn:aws:states:us-east-1:123456789012:stateMachine:Orders:live` for the alias
 * `live`, `...:Orders:7` for version 7): an execution started with it runs the revision the
 * version pins, or one of the versions the alias routes to.
 *
 * It is an `sfn.IStateMachine`, so it is accepted wherever aws-cdk-lib takes one to start
 * executions (EventBridge rule and EventBridge Scheduler targets, API Gateway integrations,
 * nested-execution steps), and its `grant*()` methods grant what starting and managing executions
 * through the version or alias needs: Step Functions authorizes those calls against the
 * unqualified state machine ARN, narrowed to the version or alias with the
 * `states:StateMachineQualifier` condition key.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
 */
export interface IQualifiedStateMachine extends sfn.IStateMachine {
  /**
   * The version number or the alias name: what follows the state machine's name in the ARN.
   *
   * @attribute
   */
  readonly qualifier: string;

  /**
   * The state machine the version or alias belongs to; its `stateMachineArn` is the unqualified
   * ARN.
   */
  readonly stateMachine: sfn.IStateMachine;

  /**
   * Standard or Express, when it is known: grants that only one type can use are refused for the
   * other.
   *
   * @default - not known (imported without it)
   */
  readonly workflowType?: sfn.StateMachineType;
}

/**
 * A published version of a state machine: an immutable snapshot of its definition and settings
 * (role, logging, tracing), numbered by Step Functions.
 */
export interface IWorkflowVersion extends IQualifiedStateMachine {
  /**
   * The version's ARN (`arn:aws:states:...:stateMachine:<name>:<number>`).
   *
   * @attribute
   */
  readonly versionArn: string;

  /**
   * The version number (a CloudFormation expression until deployed).
   *
   * @attribute
   */
  readonly version: string;
}

/**
 * A named pointer to one or two versions of a state machine. Executions started with the alias
 * ARN run the version it points at (or one of two, at random by weight).
 */
export interface IWorkflowAlias extends IQualifiedStateMachine {
  /**
   * The alias ARN (`arn:aws:states:...:stateMachine:<name>:<alias>`).
   *
   * @attribute
   */
  readonly aliasArn: string;

  /**
   * The alias name.
   *
   * @attribute
   */
  readonly aliasName: string;
}
