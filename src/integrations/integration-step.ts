import { Annotations } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { Heartbeat } from './heartbeat';
import { bindContext } from './private/bind';
import { missingTokenError, renderedStateHasTaskToken } from './private/token';
import { RetryPreset } from '../patterns/retry';
import { Step, StepBindOptions } from '../patterns/step';
import { StepwiseError, formatFinding } from '../private/errors';
import { Severity } from '../validation/finding';

/**
 * The options of a step's task state: its comment and its input and output processing (JSONPath
 * or JSONata). Service integrations and activities both take them.
 *
 * JSONPath states use `inputPath`, `resultSelector`, `resultPath` and `outputPath`; JSONata
 * states use `outputs`. Both use `assign`. Options of the other language are an error (SW508)
 * when the step is bound with a query language.
 */
export interface TaskStepOptions {
  /**
   * A comment on the state.
   *
   * @default - no comment
   */
  readonly comment?: string;

  /**
   * JSONPath: the part of the state input the task sees.
   *
   * @default '$' (the whole input)
   */
  readonly inputPath?: string;

  /**
   * JSONPath: a template that picks the parts of the result (the service's response, or the
   * worker's output) to keep.
   *
   * @default - the whole result
   */
  readonly resultSelector?: { [key: string]: any };

  /**
   * JSONPath: where the result goes in the state input to form the state output
   * (`JsonPath.DISCARD` keeps the input unchanged).
   *
   * @default '$' (the result replaces the input)
   */
  readonly resultPath?: string;

  /**
   * JSONPath: the part of the combined state output passed to the next state.
   *
   * @default '$' (all of it)
   */
  readonly outputPath?: string;

  /**
   * JSONata: the state output, usually computed from `$states.result`.
   *
   * @default - the result
   */
  readonly outputs?: any;

  /**
   * Workflow variables to set from the result (both query languages).
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
   * @default - no variables
   */
  readonly assign?: { [name: string]: any };
}

/**
 * Options every service integration step takes: those of its task state, the role it runs
 * with, and its retriers.
 */
export interface IntegrationStepOptions extends TaskStepOptions {
  /**
   * A role the state machine assumes to run this task (cross-account calls).
   *
   * @default - the state machine's role
   */
  readonly credentials?: sfn.Credentials;

  /**
   * The task's retriers, in this order: replaces the service's default retriers; `[]` for none.
   *
   * To extend the default instead, start from its presets:
   * `[...ServiceRetries.lambdaInvoke(), RetryPreset.custom(['Payments.Busy'])]`. Retriers added
   * later with `flow.addRetry()` (or the state's `addRetry()`) come after these, and Step
   * Functions applies only the first retrier whose `ErrorEquals` matches an error: to change how
   * an error covered here is retried, change it here, not with `addRetry()`. A `States.ALL`
   * retrier is always rendered last, as the States Language requires.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
   * @default - the service's default presets (`ServiceRetries`): Lambda `lambdaInvoke()`
   * (`lambdaThrottling()` alone with `retryOnServiceExceptions: false`), AWS SDK
   * `awsSdk(service)` (none when the service is a deploy-time token), DynamoDB `dynamoDb()`, ECS
   * `ecsRunTask()`, Batch `batchSubmitJob()`, Glue `glueStartJobRun()`, Step Functions
   * `stepFunctionsStartExecution()`, HTTP Task `httpInvoke()`; none for SQS, SNS, EventBridge,
   * CodeBuild, Athena and Bedrock, whose integrations' error names are not documented
   */
  readonly retries?: RetryPreset[];
}

/**
 * The task timeout of a request-response or run-a-job step.
 */
export interface TaskTimeoutOptions {
  /**
   * How long the task may run before it fails with `States.Timeout` (`TimeoutSeconds`).
   *
   * @default - no timeout (Step Functions then waits up to the execution's own limit)
   */
  readonly taskTimeout?: sfn.Timeout;
}

/**
 * The timeouts of a run-a-job (`.sync`) step.
 */
export interface RunJobOptions extends TaskTimeoutOptions {
  /**
   * How often the job must call SendTaskHeartbeat (optional for `.sync` tasks). The job needs
   * the task token for that: pass `sfn.JsonPath.taskToken` (or `TaskToken.JSONATA`) to it, e.g.
   * in an environment variable or its input.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskHeartbeat.html
   * @default - no heartbeat
   */
  readonly heartbeat?: Heartbeat;
}

/**
 * The timeouts every wait-for-callback step must state: how long to wait for the callback, and
 * how often the worker holding the token must send a heartbeat.
 */
export interface CallbackOptions {
  /**
   * How long to wait for SendTaskSuccess/SendTaskFailure before failing with `States.Timeout`.
   * Required: without one a lost token keeps the execution waiting for up to a year.
   */
  readonly taskTimeout: sfn.Timeout;

  /**
   * How often the worker must call SendTaskHeartbeat; must be shorter than `taskTimeout`.
   * `Heartbeat.none()` opts out, with a synth warning (SW503).
   */
  readonly heartbeat: Heartbeat;
}

/**
 * Where a callback step puts the task token in its payload object.
 */
export interface TaskTokenFieldOptions {
  /**
   * The field of the payload object the step adds the task token in. Not added when the
   * payload already carries the token; an error (SW507) when the payload already has a field of
   * this name with another value.
   *
   * @default 'taskToken'
   */
  readonly taskTokenField?: string;
}

/**
 * A service integration step: builds one aws-cdk-lib task state when bound.
 *
 * Get one from a service's factory class (`LambdaSteps`, `SqsSteps`, ...), typed by its
 * integration pattern: `RequestResponseStep`, `RunJobStep` or `CallbackStep`. A pattern the
 * service does not support has no factory method.
 */
export abstract class IntegrationStep extends Step {
  /**
   * Builds the step's task state in `scope` and adds its retriers (`defaultRetries()`).
   *
   * @param scope the construct scope of the new state
   * @param id the construct id of the new state
   * @param options the state name and query language
   */
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const task = this.createTask(scope, id, options);
    for (const retry of this.defaultRetries()) {
      task.addRetry(retry);
    }
    return task;
  }

  /**
   * Creates the aws-cdk-lib task state.
   *
   * @param scope the construct scope of the new state
   * @param id the construct id of the new state
   * @param options the state name and query language
   */
  protected abstract createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase;

  /**
   * The retriers `bind()` adds to the task, in order, after `createTask()` (so before any the
   * caller adds with `addRetry()`), on top of any the aws-cdk-lib task adds itself. The service
   * steps return their `retries` option, or the service's default presets (`ServiceRetries`).
   *
   * @default - none
   */
  protected defaultRetries(): sfn.RetryProps[] {
    return [];
  }
}

/**
 * A step that calls a service API and moves on as soon as the service answers (the default
 * integration pattern; Standard and Express workflows).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-default
 */
export abstract class RequestResponseStep extends IntegrationStep {
  /** Always `REQUEST_RESPONSE`. */
  public readonly integrationPattern: sfn.IntegrationPattern = sfn.IntegrationPattern.REQUEST_RESPONSE;

  // A private member makes the pattern classes distinct types in TypeScript, which compares
  // classes with private members nominally: a RequestResponseStep is not a RunJobStep. Declared
  // only (no value at run time, nothing in the jsii assembly).
  private declare readonly requestResponseBrand: true;
}

/**
 * A step that starts a job and waits for it to finish (`.sync`; Standard workflows only). Its
 * role can poll and cancel the job, and receives the job's completion event through the
 * service's EventBridge managed rule where the service uses one.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-sync
 */
export abstract class RunJobStep extends IntegrationStep {
  /** Always `RUN_JOB`. */
  public readonly integrationPattern: sfn.IntegrationPattern = sfn.IntegrationPattern.RUN_JOB;

  // Distinct type, see RequestResponseStep.
  private declare readonly runJobBrand: true;
}

/**
 * A step that passes a task token to a service and waits until someone calls
 * SendTaskSuccess/SendTaskFailure with it (`.waitForTaskToken`; Standard workflows only).
 *
 * It cannot be built without the token in its payload (SW501), and it always has a task timeout
 * and a heartbeat (or an explicit `Heartbeat.none()`, reported as warning SW503).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 */
export abstract class CallbackStep extends IntegrationStep {
  /** Always `WAIT_FOR_TASK_TOKEN`. */
  public readonly integrationPattern: sfn.IntegrationPattern = sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN;

  /** How long the step waits for the callback. */
  public readonly taskTimeout: sfn.Timeout;

  /** How often the worker must send a heartbeat. */
  public readonly heartbeat: Heartbeat;

  // Distinct type, see RequestResponseStep.
  private declare readonly callbackBrand: true;

  /**
   * @param options the step's task timeout and heartbeat
   */
  protected constructor(options: CallbackOptions) {
    super();
    this.taskTimeout = options.taskTimeout;
    this.heartbeat = options.heartbeat;
  }

  /**
   * Builds the task state, then checks that the state as rendered passes the task token
   * (SW501) and warns when the step has no heartbeat (SW503).
   *
   * @param scope the construct scope of the new state
   * @param id the construct id of the new state
   * @param options the state name and query language
   */
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const ctx = bindContext(scope, id, options);
    const missing = [this.taskTimeout ? undefined : 'taskTimeout', this.heartbeat ? undefined : 'heartbeat'].filter((m) => m);
    if (missing.length > 0) {
      throw new StepwiseError({
        code: 'SW511',
        statePath: options.stateName,
        message: `the callback step has no ${missing.join(' and no ')}`,
        fix: 'pass taskTimeout (e.g. sfn.Timeout.duration(Duration.hours(1))) and heartbeat (Heartbeat.every(...), or Heartbeat.none() to opt out)',
      }, ctx.constructPath);
    }
    const task = super.bind(scope, id, options) as sfn.TaskStateBase;
    const rendered = task.toStateJson(options.queryLanguage) as Record<string, unknown>;
    if (!renderedStateHasTaskToken(rendered)) {
      throw missingTokenError({ ...ctx, prop: 'payload' }, 'the state\'s parameters do not reference the task token');
    }
    if (this.heartbeat.isNone) {
      Annotations.of(task).addWarningV2('cdk-stepwise:SW503', formatFinding({
        code: 'SW503',
        severity: Severity.WARNING,
        statePath: options.stateName,
        message: 'the callback step has no heartbeat (Heartbeat.none()): if the worker holding the task token dies, the execution waits until the task timeout',
        fix: 'give the step a heartbeat, e.g. Heartbeat.every(Duration.minutes(5)), and have the worker call SendTaskHeartbeat; or acknowledge this warning',
      }, task.node.path));
    }
    return task;
  }
}
