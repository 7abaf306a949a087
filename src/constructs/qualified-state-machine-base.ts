import { Resource } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { IQualifiedStateMachine } from '../core/qualified-state-machine';
import { QUALIFIABLE_ACTIONS, StartTarget, executionsArn, qualifierConditions, startTargetOf } from '../core/qualifier';

/**
 * The metrics Step Functions also publishes per version (dimension `Version`) and per alias
 * (dimension `Alias`), beside `StateMachineArn`, for executions started with a version or alias
 * ARN. No other metric has these dimensions.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/execution-alias-version-associate.html#view-executions-metrics
 */
const QUALIFIED_METRICS: ReadonlySet<string> = new Set([
  'ExecutionTime', 'ExecutionsAborted', 'ExecutionsFailed', 'ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsTimedOut',
]);

/** The execution actions `grantRead()` gives (aws-cdk-lib's `grantRead` gives the same on executions). */
const READ_EXECUTION_ACTIONS = ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'];

/**
 * What a version and an alias of a state machine have in common: the grants and the metrics of
 * starting executions through them. `WorkflowVersion` and `WorkflowAlias` extend it.
 *
 * The grants follow the Service Authorization Reference and the Step Functions guide's page on
 * authorization for versions and aliases: calls made with a version or alias ARN are authorized
 * against the unqualified state machine ARN, narrowed to the version or alias by the
 * `states:StateMachineQualifier` condition key; execution ARNs carry no qualifier, so the grants
 * on executions (`grantExecution()`, the execution part of `grantRead()`) cover the executions of
 * every version of the state machine: IAM has no way to say less.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 */
export abstract class QualifiedStateMachineBase extends Resource implements IQualifiedStateMachine {
  /** The version or alias ARN (the ARN to start executions with). */
  public abstract readonly stateMachineArn: string;

  /** The version number or alias name. */
  public abstract readonly qualifier: string;

  /** The state machine this version or alias belongs to. */
  public abstract readonly stateMachine: sfn.IStateMachine;

  /**
   * Standard or Express, when known.
   *
   * @default - not known
   */
  public abstract readonly workflowType?: sfn.StateMachineType;

  /** `Version` for a version, `Alias` for an alias: the dimension of its metrics. */
  protected abstract readonly metricDimension: string;

  /** The actions `grantRead()` gives on the state machine, narrowed to this version or alias. */
  protected abstract readonly readActions: string[];

  /** The principal the state machine's executions run as (its role). */
  public get grantPrincipal(): iam.IPrincipal {
    return this.stateMachine.grantPrincipal;
  }

  /**
   * A reference to this version or alias as a state machine (its qualified ARN), for the
   * aws-cdk-lib APIs that read `IStateMachineRef` (aws-cdk-lib 2.227 and later).
   */
  public get stateMachineRef(): sfn.StateMachineReference {
    return { stateMachineArn: this.stateMachineArn };
  }

  /**
   * Lets `identity` start executions through this version or alias (StartExecution, and with it
   * the revision it points at), and no other way: not the latest revision, not another version
   * or alias.
   *
   * The statement: `states:StartExecution` on the unqualified state machine ARN, with the
   * condition `ForAnyValue:StringEquals` `states:StateMachineQualifier` = this qualifier.
   *
   * @param identity the principal
   */
  public grantStartExecution(identity: iam.IGrantable): iam.Grant {
    return this.grantQualified(identity, ['states:StartExecution']);
  }

  /**
   * Lets `identity` run synchronous Express executions through this version or alias
   * (StartSyncExecution), narrowed as `grantStartExecution()`.
   *
   * @param identity the principal
   * @throws StepwiseError (SW066) when the workflow is known to be Standard
   */
  public grantStartSyncExecution(identity: iam.IGrantable): iam.Grant {
    if (this.workflowType === sfn.StateMachineType.STANDARD) {
      throw new StepwiseError({
        code: CODES.SW066,
        statePath: '',
        message: `${this.describe()} belongs to a Standard workflow, and StartSyncExecution starts Express workflows only`,
        limit: 'an Express workflow',
        actual: 'a Standard workflow',
      }, this.node.path);
    }
    return this.grantQualified(identity, ['states:StartSyncExecution']);
  }

  /**
   * Lets `identity` read this version or alias and the executions of the state machine:
   * `states:ListExecutions`, `states:DescribeStateMachine` (and `states:DescribeStateMachineAlias`
   * for an alias) on the unqualified state machine ARN narrowed to this qualifier, and
   * `states:DescribeExecution`, `states:DescribeStateMachineForExecution` and
   * `states:GetExecutionHistory` on the state machine's executions (`execution:<name>:*`; execution
   * ARNs carry no qualifier, so this covers the executions of every version).
   *
   * Unlike aws-cdk-lib's `grantRead()` on a state machine, it does not grant
   * `states:ListStateMachines`, `states:ListActivities` and `states:DescribeActivity`, which are
   * not reads through a version or alias.
   *
   * @param identity the principal
   */
  public grantRead(identity: iam.IGrantable): iam.Grant {
    return this.grantQualified(identity, this.readActions)
      .combine(this.grantExecution(identity, ...READ_EXECUTION_ACTIONS));
  }

  /**
   * Lets `identity` answer the callback tasks of the state machine's executions
   * (`states:SendTaskSuccess`, `states:SendTaskFailure`, `states:SendTaskHeartbeat` on the
   * unqualified state machine ARN, as aws-cdk-lib grants them on a state machine). These actions
   * have no `states:StateMachineQualifier` key: the grant covers the tasks of every version.
   *
   * @see https://github.com/aws/aws-cdk/pull/8486
   * @param identity the principal
   */
  public grantTaskResponse(identity: iam.IGrantable): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
      resourceArns: [this.target().stateMachineArn],
    });
  }

  /**
   * Lets `identity` perform `actions` on the state machine's executions (`execution:<name>:*`).
   * Execution ARNs carry no qualifier and the execution actions have no qualifier key, so this
   * covers the executions of every version of the state machine.
   *
   * @param identity the principal
   * @param actions execution actions, e.g. `states:StopExecution`
   */
  public grantExecution(identity: iam.IGrantable, ...actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions,
      resourceArns: [executionsArn(this, this.target())],
    });
  }

  /**
   * Lets `identity` redrive the state machine's executions (`states:RedriveExecution` on
   * `execution:<name>:*`, every version's).
   *
   * @param identity the principal
   * @throws StepwiseError (SW067) when the workflow is known to be Express
   */
  public grantRedriveExecution(identity: iam.IGrantable): iam.Grant {
    if (this.workflowType === sfn.StateMachineType.EXPRESS) {
      throw new StepwiseError({
        code: CODES.SW067,
        statePath: '',
        message: `${this.describe()} belongs to an Express workflow, and only Standard executions can be redriven`,
        limit: 'a Standard workflow',
        actual: 'an Express workflow',
      }, this.node.path);
    }
    return this.grantExecution(identity, 'states:RedriveExecution');
  }

  /**
   * Lets `identity` perform `actions` through this version or alias: on the unqualified state
   * machine ARN, narrowed to this qualifier.
   *
   * @param identity the principal
   * @param actions actions that support the `states:StateMachineQualifier` key
   * @throws StepwiseError (SW068) for an action IAM cannot narrow to a version or alias
   */
  public grant(identity: iam.IGrantable, ...actions: string[]): iam.Grant {
    const unqualifiable = actions.filter((a) => !QUALIFIABLE_ACTIONS.has(a));
    if (unqualifiable.length > 0) {
      throw new StepwiseError({
        code: CODES.SW068,
        statePath: '',
        message: `${unqualifiable.join(', ')} cannot be granted through ${this.describe()}: IAM cannot narrow ${unqualifiable.length === 1 ? 'it' : 'them'} to a version or alias`,
        limit: `actions with the states:StateMachineQualifier key: ${[...QUALIFIABLE_ACTIONS].join(', ')}`,
        actual: unqualifiable.join(', '),
      }, this.node.path);
    }
    return this.grantQualified(identity, actions);
  }

  /**
   * A metric of the executions started through this version or alias. `ExecutionTime`,
   * `ExecutionsAborted`, `ExecutionsFailed`, `ExecutionsStarted`, `ExecutionsSucceeded` and
   * `ExecutionsTimedOut` have a copy per version and per alias (dimensions `StateMachineArn` and
   * `Version` or `Alias`); CloudWatch publishes no other metric per version or alias, so any
   * other name is the state machine's metric (dimension `StateMachineArn` only).
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/execution-alias-version-associate.html#view-executions-metrics
   * @param metricName the metric's name in `AWS/States`
   * @param props options, e.g. the period and statistic
   */
  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    const dimensionsMap: Record<string, string> = { StateMachineArn: this.target().stateMachineArn };
    if (QUALIFIED_METRICS.has(metricName)) {
      dimensionsMap[this.metricDimension] = this.qualifier;
    }
    return new cloudwatch.Metric({ namespace: 'AWS/States', metricName, dimensionsMap, statistic: 'sum', ...props }).attachTo(this);
  }

  /**
   * Executions started through this version or alias that failed (`ExecutionsFailed`, sum).
   *
   * @param props options
   */
  public metricFailed(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionsFailed', props);
  }

  /**
   * Throttled state transitions (`ExecutionThrottled`, sum). CloudWatch publishes it per state
   * machine only: this is the whole state machine's metric, every version's.
   *
   * @param props options
   */
  public metricThrottled(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionThrottled', props);
  }

  /**
   * Executions started through this version or alias that were aborted (`ExecutionsAborted`, sum).
   *
   * @param props options
   */
  public metricAborted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionsAborted', props);
  }

  /**
   * Executions started through this version or alias that succeeded (`ExecutionsSucceeded`, sum).
   *
   * @param props options
   */
  public metricSucceeded(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionsSucceeded', props);
  }

  /**
   * Executions started through this version or alias that timed out (`ExecutionsTimedOut`, sum).
   *
   * @param props options
   */
  public metricTimedOut(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionsTimedOut', props);
  }

  /**
   * Executions started through this version or alias (`ExecutionsStarted`, sum).
   *
   * @param props options
   */
  public metricStarted(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionsStarted', props);
  }

  /**
   * How long executions started through this version or alias ran (`ExecutionTime`, average, in
   * milliseconds).
   *
   * @param props options
   */
  public metricTime(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ExecutionTime', { statistic: 'Average', ...props });
  }

  /** `version 3 of Orders`, `alias 'live' of Orders`: this, for messages. */
  protected abstract describe(): string;

  /** The state machine as IAM sees a start through this version or alias. */
  private target(): StartTarget {
    return startTargetOf(this, this);
  }

  private grantQualified(identity: iam.IGrantable, actions: string[]): iam.Grant {
    return iam.Grant.addToPrincipal({
      grantee: identity,
      actions,
      resourceArns: [this.target().stateMachineArn],
      conditions: qualifierConditions(this.qualifier),
    });
  }
}
