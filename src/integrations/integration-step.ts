import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { Heartbeat } from '../core/heartbeat';
import { CallbackOptions } from '../core/task-options';
import { bindContext } from './private/bind';
import { missingTokenError, renderedStateHasTaskToken } from './private/token';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { Step, StepBindOptions } from '../core/step';

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
 * and a heartbeat (or an explicit `Heartbeat.none()`, which validation reports as warning SW402).
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
   * (SW501).
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
        code: CODES.SW511,
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
    return task;
  }
}
