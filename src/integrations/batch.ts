import { Duration, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { RunJobOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { StepTimeouts, bindContext, renderStateTimeout, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { batchJobDefinitionResource, batchRunJobStatements, batchSubmitJobStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The job a Batch step submits, for both patterns.
 */
export interface BatchSubmitJobOptions {
  /** The ARN of the job definition. */
  readonly jobDefinitionArn: string;

  /** The name of the job (up to 128 letters, digits, hyphens and underscores). */
  readonly jobName: string;

  /** The ARN of the job queue. */
  readonly jobQueueArn: string;

  /**
   * Run an array job of this many children (2 to 10,000).
   *
   * @default - a single job
   */
  readonly arraySize?: number;

  /**
   * Overrides of the container's command, environment and resources.
   *
   * @default - none
   */
  readonly containerOverrides?: tasks.BatchContainerOverrides;

  /**
   * Jobs this job depends on (up to 20).
   *
   * @default - none
   */
  readonly dependsOn?: tasks.BatchJobDependency[];

  /**
   * Parameters substituted into the job definition's command placeholders.
   *
   * @default - none
   */
  readonly payload?: sfn.TaskInput;

  /**
   * How many times Batch tries the job (1 to 10).
   *
   * @default - the job definition's retry strategy
   */
  readonly attempts?: number;

  /**
   * Tags of the job.
   *
   * @default - none
   */
  readonly tags?: { [key: string]: string };

  /**
   * Batch's own timeout of each attempt (`Timeout.AttemptDurationSeconds`, at least 60 s).
   * Independent of the state's `taskTimeout`.
   *
   * @default - the job definition's timeout
   */
  readonly attemptDuration?: Duration;
}

/**
 * Properties of `BatchSteps.submitJob()`.
 */
export interface BatchSubmitJobStepProps extends IntegrationStepOptions, TaskTimeoutOptions, BatchSubmitJobOptions {
}

/**
 * Properties of `BatchSteps.submitJobAndWait()`.
 */
export interface BatchSubmitJobAndWaitStepProps extends IntegrationStepOptions, RunJobOptions, BatchSubmitJobOptions {
}

/**
 * AWS Batch steps: submit a job (request-response) or submit it and wait for it to finish
 * (`.sync`). Batch has no callback pattern.
 *
 * The role gets `batch:SubmitJob` on the job queue and the account's job definitions. `.sync`
 * adds `batch:DescribeJobs` (on `*`: it supports no resource-level permissions) and
 * `batch:TerminateJob` on the account's jobs (job IDs exist only at run time), and the
 * `StepFunctionsGetEventsForBatchJobsRule` managed rule; aws-cdk-lib's `BatchSubmitJob` grants
 * the rule for every pattern and leaves out the polling and cancel actions.
 *
 * The task retries throttled submissions and Batch server errors (`ServiceRetries.batchSubmitJob()`)
 * unless `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html
 */
export class BatchSteps {
  /**
   * Submits a job and continues with its ID (`arn:aws:states:::batch:submitJob`).
   *
   * @param props the job and state options
   */
  public static submitJob(props: BatchSubmitJobStepProps): RequestResponseStep {
    return new SubmitJobStep(props);
  }

  /**
   * Submits a job and waits until it succeeds or fails (`batch:submitJob.sync`). Aborting the
   * execution terminates the job.
   *
   * @param props the job, timeouts and state options
   */
  public static submitJobAndWait(props: BatchSubmitJobAndWaitStepProps): RunJobStep {
    return new SubmitJobAndWaitStep(props);
  }

  private constructor() {}
}

function submitJob(
  scope: Construct, id: string, props: IntegrationStepOptions & BatchSubmitJobOptions, timeouts: StepTimeouts,
  options: StepBindOptions, pattern: sfn.IntegrationPattern,
): sfn.TaskStateBase {
  // aws-cdk-lib's `BatchSubmitJob` turns `taskTimeout` into the job's attempt duration and renders
  // the state without `TimeoutSeconds`: the state timeout is rendered here, apart from it.
  return adaptedTask(tasks.BatchSubmitJob, scope, id, {
    ...taskStateProps(props, timeouts, bindContext(scope, id, options)),
    // aws-cdk-lib's taskTimeout is the job's attempt duration here.
    taskTimeout: props.attemptDuration ? sfn.Timeout.duration(props.attemptDuration) : undefined,
    integrationPattern: pattern,
    jobDefinitionArn: props.jobDefinitionArn,
    jobName: props.jobName,
    jobQueueArn: props.jobQueueArn,
    arraySize: props.arraySize,
    containerOverrides: props.containerOverrides,
    dependsOn: props.dependsOn,
    payload: props.payload,
    attempts: props.attempts,
    tags: props.tags,
  }, {
    render: (rendered) => ({ ...rendered, ...renderStateTimeout(timeouts.taskTimeout) }),
    statements: (inherited) => {
      // aws-cdk-lib grants the `.sync` managed rule for every pattern, and SubmitJob on every job
      // definition of the account: `batchSubmitJobStatements` grants what the pattern needs, on
      // the job definition and queue the step names. A job definition or queue chosen at run
      // time keeps aws-cdk-lib's SubmitJob statement.
      if (isPath(props.jobDefinitionArn) || isPath(props.jobQueueArn)) {
        return [...inherited.filter((s) => s.actions.includes('batch:SubmitJob')), ...batchRunJobStatements(scope, pattern)];
      }
      return batchSubmitJobStatements(scope, batchJobDefinitionResource(props.jobDefinitionArn, Token.isUnresolved(props.jobDefinitionArn)),
        props.jobQueueArn, pattern);
    },
  });
}

/** A JSONPath or JSONata value, known only at run time. */
function isPath(value: string): boolean {
  return value.startsWith('$') || value.startsWith('{%');
}

class SubmitJobStep extends RequestResponseStep {
  constructor(private readonly props: BatchSubmitJobStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return submitJob(scope, id, this.props, { taskTimeout: this.props.taskTimeout }, options, sfn.IntegrationPattern.REQUEST_RESPONSE);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.batchSubmitJob());
  }
}

class SubmitJobAndWaitStep extends RunJobStep {
  constructor(private readonly props: BatchSubmitJobAndWaitStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const timeouts = { taskTimeout: this.props.taskTimeout, heartbeat: this.props.heartbeat };
    return submitJob(scope, id, this.props, timeouts, options, sfn.IntegrationPattern.RUN_JOB);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.batchSubmitJob());
  }
}
