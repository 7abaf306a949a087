import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { RunJobOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { StepTimeouts, bindContext, renderStateTimeout, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { glueStartJobRunStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The job run a Glue step starts, for both patterns.
 */
export interface GlueStartJobRunOptions {
  /**
   * The name of the Glue job to run.
   */
  readonly jobName: string;

  /**
   * Arguments of the job run (`--key: value`), replacing the job's default arguments.
   *
   * @default - the job's default arguments
   */
  readonly jobArguments?: sfn.TaskInput;

  /**
   * The security configuration of the run.
   *
   * @default - the job's
   */
  readonly securityConfiguration?: string;

  /**
   * Send a delay notification after the run has been running this long.
   *
   * @default - the job's setting
   */
  readonly notifyDelayAfter?: Duration;

  /**
   * Worker type and number of workers.
   *
   * @default - the job's
   */
  readonly workerConfiguration?: tasks.WorkerConfigurationProperty;

  /**
   * `FLEX` (cheaper, may start later) or `STANDARD`.
   *
   * @default - the job's
   */
  readonly executionClass?: tasks.ExecutionClass;

  /**
   * Glue's own timeout of the run (`Timeout`, whole minutes). Independent of the state's
   * `taskTimeout`.
   *
   * @default - the job's timeout
   */
  readonly jobTimeout?: Duration;
}

/**
 * Properties of `GlueSteps.startJobRun()`.
 */
export interface GlueStartJobRunStepProps extends IntegrationStepOptions, TaskTimeoutOptions, GlueStartJobRunOptions {
}

/**
 * Properties of `GlueSteps.startJobRunAndWait()`.
 */
export interface GlueStartJobRunAndWaitStepProps extends IntegrationStepOptions, RunJobOptions, GlueStartJobRunOptions {
}

/**
 * AWS Glue steps: start a job run (request-response) or run the job to completion (`.sync`).
 * Glue has no callback pattern (the Step Functions integration table says "Not supported").
 *
 * The role gets `glue:StartJobRun` on the job; `.sync` adds `glue:GetJobRun` and
 * `glue:GetJobRuns` (Step Functions polls Glue: there is no EventBridge rule) and
 * `glue:BatchStopJobRun` (to stop the run when the execution is aborted).
 *
 * The task retries Glue's transient StartJobRun errors (`ServiceRetries.glueStartJobRun()`)
 * unless `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-glue.html
 */
export class GlueSteps {
  /**
   * Starts a job run and continues with its ID (`arn:aws:states:::glue:startJobRun`).
   *
   * @param props the run and state options
   */
  public static startJobRun(props: GlueStartJobRunStepProps): RequestResponseStep {
    return new StartJobRunStep(props.jobName, props);
  }

  /**
   * Runs the job and waits until the run finishes (`glue:startJobRun.sync`). Aborting the
   * execution stops the run.
   *
   * @param props the run, timeouts and state options
   */
  public static startJobRunAndWait(props: GlueStartJobRunAndWaitStepProps): RunJobStep {
    return new StartJobRunAndWaitStep(props.jobName, props);
  }

  private constructor() {}
}

function startJobRun(
  scope: Construct, id: string, jobName: string, props: IntegrationStepOptions & GlueStartJobRunOptions, timeouts: StepTimeouts,
  options: StepBindOptions, pattern: sfn.IntegrationPattern,
): sfn.TaskStateBase {
  // The IAM statements are aws-cdk-lib's (`glueStartJobRunStatements`): StartJobRun, plus
  // GetJobRun, GetJobRuns and BatchStopJobRun for `.sync`, on the job's ARN.
  // aws-cdk-lib's `GlueStartJobRun` turns `taskTimeout` into the run's own timeout and renders the
  // state without `TimeoutSeconds`: the state timeout is rendered here, apart from it. It also
  // writes `NotificationProperty: null` into JSONata `Arguments` when there is no
  // `notifyDelayAfter` (JSONPath `Parameters` drop nulls, `Arguments` keep them): left out here.
  return adaptedTask(tasks.GlueStartJobRun, scope, id, {
    ...taskStateProps(props, timeouts, bindContext(scope, id, options)),
    // aws-cdk-lib's taskTimeout is the run's own timeout here.
    taskTimeout: props.jobTimeout ? sfn.Timeout.duration(props.jobTimeout) : undefined,
    integrationPattern: pattern,
    glueJobName: jobName,
    arguments: props.jobArguments,
    securityConfiguration: props.securityConfiguration,
    notifyDelayAfter: props.notifyDelayAfter,
    workerConfiguration: props.workerConfiguration,
    executionClass: props.executionClass,
  }, {
    statements: () => glueStartJobRunStatements(scope, jobName, pattern),
    render: (rendered) => {
      if (rendered.Arguments && rendered.Arguments.NotificationProperty === null) {
        const { NotificationProperty: _, ...args } = rendered.Arguments;
        rendered = { ...rendered, Arguments: args };
      }
      return { ...rendered, ...renderStateTimeout(timeouts.taskTimeout) };
    },
  });
}

class StartJobRunStep extends RequestResponseStep {
  constructor(private readonly jobName: string, private readonly props: GlueStartJobRunStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const timeouts = { taskTimeout: this.props.taskTimeout };
    return startJobRun(scope, id, this.jobName, this.props, timeouts, options, sfn.IntegrationPattern.REQUEST_RESPONSE);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.glueStartJobRun());
  }
}

class StartJobRunAndWaitStep extends RunJobStep {
  constructor(private readonly jobName: string, private readonly props: GlueStartJobRunAndWaitStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const timeouts = { taskTimeout: this.props.taskTimeout, heartbeat: this.props.heartbeat };
    return startJobRun(scope, id, this.jobName, this.props, timeouts, options, sfn.IntegrationPattern.RUN_JOB);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.glueStartJobRun());
  }
}
