import { Duration, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { checkSeconds, MAX_SECONDS_FIELD } from './private/checks';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { Heartbeat } from '../core/heartbeat';
import { CallbackOptions, RunJobOptions, TaskTimeoutOptions } from '../core/task-options';

/**
 * Task timeouts (and heartbeats) by integration pattern, in the shape the service integrations
 * take: pass `preset.taskTimeout` and `preset.heartbeat`, or spread `preset.toCallbackOptions()`.
 *
 * A task without `TimeoutSeconds` can wait up to the execution's own limit (a year for a
 * Standard workflow): AWS's advice is a timeout on every task, and a heartbeat on every callback,
 * so that a lost worker or token fails fast with `States.Timeout` instead of hanging
 * (BP "Using timeouts to avoid stuck executions").
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const timeouts = TimeoutPreset.callback(Duration.hours(2));
 * flow.addStep('Wait for label', SqsSteps.sendMessageWithCallback({
 *   queue,
 *   messageBody: sfn.TaskInput.fromObject({ 'orderId': sfn.JsonPath.stringAt('$.orderId') }),
 *   taskTimeout: timeouts.taskTimeout,
 *   heartbeat: timeouts.heartbeat,
 * }));
 */
export class TimeoutPreset {
  /**
   * A request-response call: an API call that has not answered within the timeout is stuck, so
   * fail it (a retrier on `States.Timeout` can try again).
   *
   * @param timeout how long the call may take; 60 seconds when omitted
   */
  public static requestResponse(timeout: Duration = Duration.seconds(60)): TimeoutPreset {
    return new TimeoutPreset('requestResponse', timeout, undefined);
  }

  /**
   * A Lambda invocation (request-response): the function's own timeout plus 30 seconds, so that
   * the function's timeout error (`Sandbox.Timedout`, with its logs) arrives before the task's
   * `States.Timeout`, and the task still fails if the answer never comes.
   *
   * @param functionTimeout the function's `timeout`
   */
  public static lambdaInvoke(functionTimeout: Duration): TimeoutPreset {
    checkSeconds(functionTimeout, 1, MAX_SECONDS_FIELD, CODES.SW704, 'the function timeout', 'pass the function\'s timeout in whole seconds (e.g. Duration.seconds(30))');
    return new TimeoutPreset('lambdaInvoke', functionTimeout.plus(Duration.seconds(30)), undefined);
  }

  /**
   * A run-a-job (`.sync`) step: the longest the job may run. Without a heartbeat, because a job
   * started by `.sync` does not send heartbeats unless you pass it the task token.
   *
   * Note that aws-cdk-lib's Batch and Glue tasks pass the task timeout to the job itself (its
   * `Timeout`), so the service stops the job when it expires.
   *
   * @param maxRunTime the longest the job may run
   * @param heartbeat how often the job sends SendTaskHeartbeat, if it does; no heartbeat when omitted
   */
  public static runJob(maxRunTime: Duration, heartbeat?: Duration): TimeoutPreset {
    return new TimeoutPreset('runJob', maxRunTime, heartbeat);
  }

  /**
   * A wait-for-callback (`.waitForTaskToken`) step with a heartbeat: the worker holding the token
   * must call SendTaskHeartbeat more often than `heartbeat`, so a dead worker is noticed within
   * `heartbeat` instead of `timeout`.
   *
   * @param timeout the longest to wait for SendTaskSuccess/SendTaskFailure
   * @param heartbeat the longest between two heartbeats, shorter than `timeout`; when omitted,
   * 5 minutes, or half the timeout when that is shorter
   */
  public static callback(timeout: Duration, heartbeat?: Duration): TimeoutPreset {
    // At least 2 seconds: a heartbeat must be a whole number of seconds below the timeout.
    const timeoutSeconds = checkSeconds(timeout, 2, MAX_SECONDS_FIELD, CODES.SW704, 'the callback timeout',
      'use whole seconds, at least 2 so that a heartbeat fits below it, e.g. Duration.hours(1)');
    const beat = heartbeat ?? (timeoutSeconds === undefined
      ? Duration.minutes(5)
      : Duration.seconds(Math.max(1, Math.min(300, Math.floor(timeoutSeconds / 2)))));
    return new TimeoutPreset('callback', timeout, beat);
  }

  /**
   * A person's answer (human approval): a timeout and deliberately no heartbeat, since a person
   * sends none. Use `HumanApproval`, which builds the whole step (`taskTimeout: preset.taskTimeout`).
   *
   * @param timeout how long the person has to answer
   */
  public static humanApproval(timeout: Duration): TimeoutPreset {
    return new TimeoutPreset('humanApproval', timeout, undefined);
  }

  /** Which preset this is (`requestResponse`, `runJob`, `callback`, ...). */
  public readonly presetName: string;

  /** The task timeout, for the `taskTimeout` of a step. */
  public readonly taskTimeout: sfn.Timeout;

  /** The heartbeat, for the `heartbeat` of a callback or run-a-job step (`Heartbeat.none()` when none). */
  public readonly heartbeat: Heartbeat;

  /** The task timeout in seconds. */
  public readonly timeoutSeconds: number;

  /**
   * The heartbeat in seconds.
   *
   * @default - no heartbeat
   */
  public readonly heartbeatSeconds?: number;

  private constructor(presetName: string, timeout: Duration, heartbeat: Duration | undefined) {
    this.presetName = presetName;
    const timeoutSeconds = checkSeconds(timeout, 1, MAX_SECONDS_FIELD, CODES.SW704, `the task timeout of the '${presetName}' timeout preset`, 'use whole seconds from 1 to 99,999,999 (e.g. Duration.minutes(5))');
    const heartbeatSeconds = heartbeat === undefined ? undefined
      : checkSeconds(heartbeat, 1, MAX_SECONDS_FIELD, CODES.SW704, `the heartbeat of the '${presetName}' timeout preset`, 'use whole seconds, e.g. Duration.minutes(5)');
    if (timeoutSeconds !== undefined && heartbeatSeconds !== undefined && heartbeatSeconds >= timeoutSeconds) {
      throw new StepwiseError({
        code: CODES.SW213,
        statePath: '',
        message: `the heartbeat of the '${presetName}' timeout preset is not shorter than its timeout, so it could never fire first`,
        limit: `a heartbeat below the timeout (${timeoutSeconds} seconds)`,
        actual: `${heartbeatSeconds} seconds`,
        fix: 'make the heartbeat shorter than the timeout, e.g. 5 minutes for a 1-hour timeout',
      });
    }
    this.taskTimeout = sfn.Timeout.duration(timeout);
    this.heartbeat = heartbeat === undefined ? Heartbeat.none() : Heartbeat.every(heartbeat);
    this.timeoutSeconds = timeoutSeconds ?? (Token.isUnresolved(timeout.toSeconds()) ? 0 : timeout.toSeconds());
    this.heartbeatSeconds = heartbeatSeconds;
  }

  /** The timeout as the options of a request-response step (`taskTimeout`). */
  public toTaskTimeoutOptions(): TaskTimeoutOptions {
    return { taskTimeout: this.taskTimeout };
  }

  /** The timeouts as the options of a run-a-job step (`taskTimeout`, and `heartbeat` when there is one). */
  public toRunJobOptions(): RunJobOptions {
    return this.heartbeat.isNone ? { taskTimeout: this.taskTimeout } : { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat };
  }

  /** The timeouts as the options of a step that waits for a worker: a callback or activity step (`taskTimeout` and `heartbeat`). */
  public toCallbackOptions(): CallbackOptions {
    return { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat };
  }
}
