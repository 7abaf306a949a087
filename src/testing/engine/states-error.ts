/**
 * A runtime error of the state machine itself, as Step Functions names it (`States.TaskFailed`,
 * `PaymentDeclined`, ...): what Retry and Catch match on, and what a failed execution reports.
 * Distinct from `LocalRunError`, which means the test itself cannot run.
 */
export class StatesError extends Error {
  constructor(public readonly error: string, public readonly cause: string) {
    super(`${error}: ${cause}`);
    this.name = 'StatesError';
  }
}

/**
 * Errors that `States.ALL` does not catch and that are never retried.
 * Source: "Error handling in Step Functions", https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 * (`States.Runtime` "not retriable", `States.DataLimitExceeded` terminal).
 */
const UNCATCHABLE = new Set(['States.Runtime', 'States.DataLimitExceeded']);

/**
 * Whether a Retrier's or Catcher's `ErrorEquals` matches an error. `States.ALL` matches any error
 * but the uncatchable ones; `States.TaskFailed` matches any error except `States.Timeout` (same source).
 */
export function errorMatches(errorEquals: unknown, error: string): boolean {
  if (!Array.isArray(errorEquals) || UNCATCHABLE.has(error)) {
    return false;
  }
  return errorEquals.some((name) =>
    name === error
    || name === 'States.ALL'
    || (name === 'States.TaskFailed' && error !== 'States.Timeout'));
}
