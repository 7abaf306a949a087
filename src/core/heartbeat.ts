import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';

/**
 * How often the worker of a callback (or long-running job) step must call SendTaskHeartbeat:
 * the task's `HeartbeatSeconds`.
 *
 * Without a heartbeat, a task whose worker died is noticed only when the task timeout expires
 * (up to a year for a callback). A callback or activity step requires one: pass `Heartbeat.none()`
 * to opt out explicitly, which validation reports as warning SW402.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html
 */
export class Heartbeat {
  /**
   * The worker must send a heartbeat at least this often, or the task fails with `States.Timeout`.
   *
   * @param interval the longest time between two heartbeats (whole seconds)
   */
  public static every(interval: Duration): Heartbeat {
    return new Heartbeat(sfn.Timeout.duration(interval));
  }

  /**
   * The heartbeat interval in seconds is read from the state input at run time
   * (`HeartbeatSecondsPath`, JSONPath states only).
   *
   * @param path a JSONPath to a positive integer in the state input, e.g. `$.heartbeatSeconds`
   */
  public static at(path: string): Heartbeat {
    return new Heartbeat(sfn.Timeout.at(path));
  }

  /**
   * The heartbeat interval in seconds is computed by a JSONata expression (JSONata states only).
   *
   * @param expression a JSONata expression, e.g. `{% $states.input.heartbeatSeconds %}`
   */
  public static jsonata(expression: string): Heartbeat {
    return new Heartbeat(sfn.Timeout.jsonata(expression));
  }

  /**
   * No heartbeat: the task waits until its task timeout. Validation reports it as warning SW402
   * on a callback or activity step; acknowledge it if the task timeout is short enough.
   */
  public static none(): Heartbeat {
    return new Heartbeat(undefined);
  }

  /**
   * The heartbeat as the `heartbeatTimeout` of an aws-cdk-lib task.
   *
   * @default - no heartbeat (`Heartbeat.none()`)
   */
  public readonly timeout?: sfn.Timeout;

  /** Whether this is `Heartbeat.none()`. */
  public readonly isNone: boolean;

  private constructor(timeout: sfn.Timeout | undefined) {
    this.timeout = timeout;
    this.isNone = timeout === undefined;
  }
}
