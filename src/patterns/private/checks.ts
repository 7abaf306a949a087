import { Duration, Token } from 'aws-cdk-lib';
import { CODES, CodeInfo } from '../../core/codes';
import { StepwiseError } from '../../core/errors';
import { QUOTAS, isUnknownStatesError } from '../../core/quotas';


/** A field or variable name: letters, digits and underscores, not starting with a digit. */
export const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * SW702: a list of error names a Retry or Catch can use: not empty, no empty names, `States.ALL`
 * alone, and no `States.` name Step Functions does not define (ASL "Error names").
 */
export function checkErrorNames(errors: string[], what: string): void {
  const fail = (message: string, actual: string): never => {
    throw new StepwiseError({
      code: CODES.SW702,
      statePath: '',
      message: `${what}: ${message}`,
      limit: 'a non-empty list of error names; States.ALL alone; only the States.* names Step Functions defines',
      actual,
      fix: 'list the exact error names (e.g. Lambda.TooManyRequestsException); use States.ALL on its own; user-defined errors must not start with States.',
    });
  };
  if (errors.length === 0) {
    fail('the list of errors is empty', 'no errors');
  }
  for (const error of errors) {
    if (Token.isUnresolved(error)) {
      continue;
    }
    if (typeof error !== 'string' || error.trim().length === 0) {
      fail('an error name is empty', JSON.stringify(error));
    }
    if (isUnknownStatesError(error)) {
      fail(`'${error}' is not an error Step Functions defines`, error);
    }
  }
  if (errors.includes('States.ALL') && errors.length > 1) {
    fail('States.ALL must be the only error in its list', errors.join(', '));
  }
}

/** Whole seconds of a duration, or undefined when it is not whole (or a token). */
export function wholeSeconds(duration: Duration): number | undefined {
  if (Token.isUnresolved(duration.toMilliseconds({ integral: false }))) {
    return undefined;
  }
  const ms = duration.toMilliseconds({ integral: false });
  return ms % 1000 === 0 ? ms / 1000 : undefined;
}

/**
 * A duration that must be whole seconds between `min` and `max`; throws `code` otherwise.
 * Returns the seconds, or undefined for an unresolved token (which is not checked).
 */
export function checkSeconds(duration: Duration, min: number, max: number, code: CodeInfo, what: string, fix: string): number | undefined {
  const raw = duration.toMilliseconds({ integral: false });
  if (Token.isUnresolved(raw)) {
    return undefined;
  }
  const seconds = raw / 1000;
  if (!Number.isInteger(seconds) || seconds < min || seconds > max) {
    throw new StepwiseError({
      code,
      statePath: '',
      message: `${what} is ${Number.isInteger(seconds) ? `${seconds} seconds` : `${raw} ms, not a whole number of seconds`}`,
      limit: `a whole number of seconds from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`,
      actual: `${seconds} seconds`,
      fix,
    });
  }
  return seconds;
}

/** The largest `TimeoutSeconds`, `HeartbeatSeconds`, `IntervalSeconds` and Wait `Seconds`. */
export const MAX_SECONDS_FIELD = QUOTAS.maxSecondsField.value;
