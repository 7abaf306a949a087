/**
 * Throw this to fail a task with your own error name and cause (`SendTaskFailure` `error` and
 * `cause`), which the state's `Retry` and `Catch` can match: from an activity handler of the
 * `cdk-stepwise/runtime` worker, or from a `TaskMock.fn()` of the local runner (`cdk-stepwise/testing`),
 * so that a handler and its test fail the same way.
 *
 * The worker sends the error cut to 256 characters and the cause cut to 32,768 (the limits of
 * SendTaskFailure).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html
 *
 * @example
 * throw new TaskFailure('Payment.Declined', 'card 4242 declined: insufficient funds');
 */
export class TaskFailure extends Error {
  /** The error name: what `Retry`/`Catch` `ErrorEquals` match. */
  public readonly error: string;

  /**
   * A human-readable explanation (`Error.cause` is a different thing, hence the name).
   *
   * @default - no cause
   */
  public readonly failureCause: string | undefined;

  /**
   * @param error the error name, e.g. `Payment.Declined`
   * @param cause a human-readable explanation
   */
  constructor(error: string, cause?: string) {
    super(cause ? `${error}: ${cause}` : error);
    this.name = 'TaskFailure';
    this.error = error;
    this.failureCause = cause;
  }
}
