import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { TaskStepOptions } from './options';
import { CODES } from '../core/codes';
import { Heartbeat } from '../core/heartbeat';
import { CallbackOptions } from '../core/task-options';
import { bindContext, BindContext, taskStateProps } from './private/bind';
import { StepwiseError } from '../core/errors';
import { NAME_FORBIDDEN_CHARACTERS, QUOTAS, describeQuota } from '../core/quotas';
import { Step, StepBindOptions } from '../core/step';

/**
 * Properties of an activity step: the task a worker runs, how long it may take once a worker has
 * it (`taskTimeout`), and how often the worker must prove it is alive (`heartbeat`), the same
 * two props every step that waits for a callback takes.
 *
 * The task timeout counts from the moment a worker received the task; time the task waits for a
 * worker counts against the execution's timeout. The `cdk-stepwise/runtime` worker heartbeats at
 * a third of the heartbeat when told (`activityHeartbeatSeconds`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html#task-state-fields
 */
export interface ActivityStepProps extends TaskStepOptions, CallbackOptions {
  /**
   * The activity to run: a `WorkerActivity`, or any aws-cdk-lib activity.
   */
  readonly activity: sfn.IActivity;

  /**
   * The input the worker receives: an object (`TaskInput.fromObject`, rendered as `Parameters`
   * in JSONPath and `Arguments` in JSONata), or a JSONata expression (`TaskInput.fromText('{% ... %}')`,
   * JSONata only).
   *
   * @default - the state input (after `inputPath`)
   */
  readonly input?: sfn.TaskInput;
}

/**
 * A Task state that hands work to an activity worker: the execution waits until a worker
 * polling the activity (GetActivityTask) reports SendTaskSuccess or SendTaskFailure, sends no
 * heartbeat for `heartbeat`, or runs out of `taskTimeout`.
 *
 * Activities are for Standard workflows (Express workflows do not support them). The state
 * machine's role needs no permission for an activity task; the worker needs
 * `WorkerActivity.grantWorkerAccess()`.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-activities.html
 */
export class ActivityStep extends Step {
  /**
   * `REQUEST_RESPONSE`: an activity task has no integration pattern suffix; Step Functions itself
   * waits for the worker.
   */
  public readonly integrationPattern: sfn.IntegrationPattern = sfn.IntegrationPattern.REQUEST_RESPONSE;

  /** The activity workers poll. */
  public readonly activity: sfn.IActivity;

  /** How often the worker must send a heartbeat. */
  public readonly heartbeat: Heartbeat;

  /** How long the task may run once a worker received it. */
  public readonly taskTimeout: sfn.Timeout;

  private readonly props: ActivityStepProps;

  /**
   * Prefer `ActivitySteps.invoke()`.
   *
   * @param props the activity, the task timeout, the heartbeat, the input and output processing
   */
  constructor(props: ActivityStepProps) {
    super();
    this.activity = props.activity;
    this.heartbeat = props.heartbeat;
    this.taskTimeout = props.taskTimeout;
    this.props = props;
  }

  /**
   * Builds the activity task state.
   *
   * @param scope the construct scope of the new state
   * @param id the construct id of the new state
   * @param options the state name and query language
   * @throws SW213 (heartbeat not below the timeout), SW214 (a time out of range), SW602 (activity name), SW604 (input), SW508 (options of the other query language)
   */
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const ctx = bindContext(scope, id, options);
    WorkerActivity.checkActivityName(this.activity.activityName, ctx.constructPath);

    const base = taskStateProps(this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx);
    const input = this.renderInput(ctx);
    const props: tasks.StepFunctionsInvokeActivityProps = { ...base, activity: this.activity, ...input };
    if (options.queryLanguage === sfn.QueryLanguage.JSONATA) {
      return tasks.StepFunctionsInvokeActivity.jsonata(scope, id, props);
    }
    if (options.queryLanguage === sfn.QueryLanguage.JSON_PATH) {
      return tasks.StepFunctionsInvokeActivity.jsonPath(scope, id, props);
    }
    return new tasks.StepFunctionsInvokeActivity(scope, id, props);
  }

  /** `parameters` (rendered as Parameters or Arguments by the actual language) or `arguments`. */
  private renderInput(ctx: BindContext): { parameters?: { [key: string]: any }; arguments?: any } {
    const input = this.props.input;
    if (input === undefined) {
      return {};
    }
    if (input.type === sfn.InputType.OBJECT) {
      return { parameters: input.value };
    }
    // TaskInput.fromJsonPathAt() is a TEXT input holding an encoded JSONPath token.
    const isPath = sfn.JsonPath.isEncodedJsonPath(String(input.value));
    if (!isPath && ctx.queryLanguage !== sfn.QueryLanguage.JSON_PATH) {
      return { arguments: input.value };
    }
    throw new StepwiseError({
      code: CODES.SW604,
      statePath: ctx.stateName,
      message: isPath
        ? 'the activity step\'s input is a JSON path (TaskInput.fromJsonPathAt), which a state cannot pass as its Parameters'
        : 'the activity step\'s input is a text, which a JSONPath state cannot pass as its Parameters',
      fix: 'pass TaskInput.fromObject({...}); to hand the worker part of the state input, use inputPath (JSONPath) or an expression in a JSONata flow',
    }, ctx.constructPath);
  }
}

/**
 * Activity steps, for `flow.addStep(name, ActivitySteps.invoke({ activity, ... }))`.
 */
export class ActivitySteps {
  /**
   * A Task state that waits for a worker to run the task.
   *
   * @param props the heartbeat, the task timeout, the input and output processing
   */
  public static invoke(props: ActivityStepProps): ActivityStep {
    return new ActivityStep(props);
  }

  private constructor() {}
}

/**
 * An activity (`sfn.Activity`) with its name checked against the Step Functions naming quota, a
 * grant for its workers, and the backlog metric that worker autoscaling uses.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const activity = new WorkerActivity(this, 'Resize', { activityName: 'resize-images' });
 * activity.grantWorker(workerRole);
 */
export class WorkerActivity extends sfn.Activity {
  /**
   * Grants `grantee` exactly what an activity worker needs: `states:GetActivityTask` on the
   * activity, and `states:SendTaskSuccess`, `states:SendTaskFailure` and
   * `states:SendTaskHeartbeat` to report its tasks; plus `kms:Decrypt` on the activity's customer
   * managed key, if it has one (activity inputs are encrypted with it, and GetActivityTask
   * answers `KmsAccessDeniedException` without it).
   *
   * @param grantee the worker's role
   */
  public static grantWorkerAccess(activity: sfn.IActivity, grantee: iam.IGrantable): iam.Grant {
    // GetActivityTask takes the activity resource type. For SendTaskSuccess/Failure/Heartbeat the
    // Service Authorization Reference lists no resource type (which would mean "*"), but the
    // service authorizes them against the resource the token belongs to: the activity for an
    // activity task (aws/aws-cdk PR #8486: verified against the service, "worked correctly when
    // mapped onto the activity"; callback tokens are checked against the state machine, as the
    // AccessDenied message "on resource: arn:aws:states:...:stateMachine:..." shows in
    // NOAA-OWP/hydrovis #837). So the whole grant is scoped to the activity's ARN.
    // https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: [...WORKER_ACTIONS],
      resourceArns: [activity.activityArn],
    });
    const encryption = activity.encryptionConfiguration;
    if (encryption instanceof sfn.CustomerManagedEncryptionConfiguration) {
      // "Activity inputs will be encrypted with the key applied to the Activity" (API
      // EncryptionConfiguration): the worker decrypts them when it polls.
      encryption.kmsKey.grantDecrypt(grantee);
    }
    return grant;
  }

  /**
   * The activity's backlog: tasks scheduled minus tasks started, per period (`ActivitiesScheduled`
   * − `ActivitiesStarted`, missing data as 0). Above 0 when tasks wait for a worker.
   *
   * @param period the period of both metrics
   */
  public static backlogOf(activity: sfn.IActivity, period: Duration = Duration.minutes(1)): cloudwatch.MathExpression {
    const metric = (metricName: string) => new cloudwatch.Metric({
      namespace: 'AWS/States',
      metricName,
      dimensionsMap: { ActivityArn: activity.activityArn },
      statistic: cloudwatch.Stats.SUM,
      period,
    });
    return new cloudwatch.MathExpression({
      expression: 'FILL(scheduled, 0) - FILL(started, 0)',
      usingMetrics: { scheduled: metric('ActivitiesScheduled'), started: metric('ActivitiesStarted') },
      label: 'Activity backlog (scheduled - started)',
      period,
    });
  }

  /**
   * Checks an activity name against the Step Functions naming quota: 1 to 80 characters, none
   * of the forbidden characters. Unresolved names (tokens, generated names) are not checked.
   *
   * @param name the activity name
   * @param constructPath where the name comes from, for the message
   * @throws SW602
   */
  public static checkActivityName(name: string, constructPath?: string): void {
    if (Token.isUnresolved(name)) {
      return;
    }
    const problem = name.length === 0
      ? 'is empty'
      : name.length > QUOTAS.nameLength.value
        ? `is ${name.length} characters long`
        : NAME_FORBIDDEN_CHARACTERS.test(name)
          ? `contains '${NAME_FORBIDDEN_CHARACTERS.exec(name)![0].replace(/\s/, ' ')}', a character Step Functions rejects in names`
          : undefined;
    if (problem) {
      throw new StepwiseError({
        code: CODES.SW602,
        statePath: '',
        message: `the activity name '${name}' ${problem}`,
        limit: `1 to ${describeQuota('nameLength')}, without whitespace, ? * < > { } [ ] " # % \\ ^ | ~ \` $ & , ; : / or control characters`,
        fix: 'use letters, digits, - and _ only (CloudWatch needs those), or leave activityName out to get a generated name',
      }, constructPath);
    }
  }

  /**
   * @param scope the construct scope
   * @param id the construct id
   * @param props the activity's name (checked: SW602) and encryption
   */
  constructor(scope: Construct, id: string, props: sfn.ActivityProps = {}) {
    if (props.activityName !== undefined) {
      WorkerActivity.checkActivityName(props.activityName, `${scope.node.path}/${id}`);
    }
    super(scope, id, props);
  }

  /**
   * Grants `grantee` exactly what a worker of this activity needs (see `grantWorkerAccess`).
   *
   * @param grantee the worker's role
   */
  public grantWorker(grantee: iam.IGrantable): iam.Grant {
    return WorkerActivity.grantWorkerAccess(this, grantee);
  }

  /**
   * Tasks scheduled minus tasks started per period (see `backlogOf`).
   *
   * @param period the period of both metrics
   * @default - one minute
   */
  public metricBacklog(period?: Duration): cloudwatch.MathExpression {
    return WorkerActivity.backlogOf(this, period);
  }
}

/** What an activity worker needs, and no more. */
const WORKER_ACTIONS = [
  'states:GetActivityTask',
  'states:SendTaskSuccess',
  'states:SendTaskFailure',
  'states:SendTaskHeartbeat',
];
