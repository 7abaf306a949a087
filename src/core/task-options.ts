import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Heartbeat } from './heartbeat';

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
 * The timeouts every step that waits for a worker must state (callback steps and activity
 * steps): how long to wait for the answer, and how often the worker must send a heartbeat.
 */
export interface CallbackOptions {
  /**
   * How long to wait for SendTaskSuccess/SendTaskFailure before failing with `States.Timeout`.
   * Required: without one a lost token keeps the execution waiting for up to a year.
   */
  readonly taskTimeout: sfn.Timeout;

  /**
   * How often the worker must call SendTaskHeartbeat; must be shorter than `taskTimeout`.
   * `Heartbeat.none()` opts out, which validation reports as warning SW402.
   */
  readonly heartbeat: Heartbeat;
}
