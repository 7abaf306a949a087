import { InvalidTaskTokenError, TaskFailure } from './errors';
import { QUOTAS, describeQuota } from '../core/quotas';

/** A failure as SendTaskFailure takes it, already within the API's limits. */
export interface FailureReport {
  /** The error name, at most 256 characters. */
  readonly error: string;
  /** The cause, at most 32,768 characters. */
  readonly cause: string;
}

/** Either the output to send with SendTaskSuccess, or the failure to send instead. */
export type EncodedOutput = { readonly ok: true; readonly output: string } | { readonly ok: false; readonly failure: FailureReport };

/**
 * Cuts `text` to at most `max` characters without splitting a surrogate pair. Counting UTF-16
 * code units is conservative: a string of at most `max` code units has at most `max` characters
 * however the service counts them.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  const marker = '…';
  let end = max - marker.length;
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) {
    end -= 1;
  }
  return text.slice(0, end) + marker;
}

/** A failure with `error` and `cause` cut to SendTaskFailure's limits. */
export function failure(error: string, cause: string): FailureReport {
  return {
    error: truncate(error || 'Error', QUOTAS.taskErrorLength.value),
    cause: truncate(cause, QUOTAS.taskCauseLength.value),
  };
}

/**
 * The failure to report for whatever a handler threw: a `TaskFailure` keeps its error name and
 * cause; anything else becomes `error` = its name (`TypeError`, `MyError`, ...) and `cause` = a
 * JSON object shaped like Lambda's errors (`errorType`, `errorMessage`, `stackTrace`), so that
 * `Catch` + `ResultPath` and `States.StringToJson` work the same as for a Lambda task.
 */
export function failureFromError(thrown: unknown): FailureReport {
  if (thrown instanceof TaskFailure) {
    return failure(thrown.error, thrown.failureCause ?? '');
  }
  if (thrown instanceof Error) {
    const body = {
      errorType: thrown.name,
      errorMessage: thrown.message,
      stackTrace: (thrown.stack ?? '').split('\n').slice(1).map((line) => line.trim()).filter((line) => line),
    };
    let cause = JSON.stringify(body);
    if (cause.length > QUOTAS.taskCauseLength.value) {
      // Keep the cause valid JSON: drop the stack first, then cut the message.
      cause = JSON.stringify({ errorType: body.errorType, errorMessage: truncate(body.errorMessage, QUOTAS.taskCauseLength.value - 200) });
    }
    return failure(thrown.name || 'Error', cause);
  }
  return failure('Error', JSON.stringify({ errorType: 'Error', errorMessage: String(thrown) }));
}

/**
 * The output of a handler as SendTaskSuccess's `output`: JSON of at most 262,144 bytes of UTF-8
 * (API `SendTaskSuccess`). `undefined` (a handler that returns nothing) is sent as `null`.
 * Anything that is not JSON, or too large, becomes a failure to report instead: Step Functions
 * would answer `InvalidOutput`, and the task must not be dropped.
 */
export function encodeOutput(result: unknown): EncodedOutput {
  let output: string | undefined;
  try {
    output = result === undefined ? 'null' : JSON.stringify(result);
  } catch (e) {
    return {
      ok: false,
      failure: failure('Worker.InvalidOutput', `[SW611] The handler returned a value that cannot be converted to JSON: ${(e as Error).message}. Fix: return plain JSON data (objects, arrays, strings, numbers, booleans, null).`),
    };
  }
  if (output === undefined) {
    return {
      ok: false,
      failure: failure('Worker.InvalidOutput', `[SW611] The handler returned a ${typeof result}, which has no JSON form. Fix: return plain JSON data (objects, arrays, strings, numbers, booleans, null).`),
    };
  }
  // Only strings long enough to possibly exceed the limit need their bytes counted.
  const max = QUOTAS.taskOutputSize.value;
  if (output.length * 3 > max) {
    const bytes = Buffer.byteLength(output, 'utf8');
    if (bytes > max) {
      return {
        ok: false,
        failure: failure('Worker.OutputTooLarge', `[SW611] The task output is ${bytes.toLocaleString('en-US')} bytes of JSON. Limit: ${describeQuota('taskOutputSize')} (SendTaskSuccess output). Fix: store the result elsewhere (e.g. S3) and return a reference to it.`),
      };
    }
  }
  return { ok: true, output };
}

/**
 * Checks a task token before it is sent: 1 to 2,048 characters (API `TaskToken`) and no
 * whitespace. Tokens are base64-like and contain `+`, `/` and `=`; a space almost always means a
 * `+` was decoded as a space from a URL query string.
 *
 * @throws InvalidTaskTokenError
 */
export function checkTaskToken(token: unknown): string {
  if (typeof token !== 'string' || token.length === 0) {
    throw new InvalidTaskTokenError('The task token is empty. Fix: pass the token Step Functions produced ($$.Task.Token, or GetActivityTask\'s taskToken).');
  }
  if (token.length > QUOTAS.taskTokenLength.value) {
    throw new InvalidTaskTokenError(`The task token is ${token.length} characters long. Limit: ${describeQuota('taskTokenLength')}. Fix: pass the token exactly as Step Functions produced it.`);
  }
  if (/\s/.test(token)) {
    throw new InvalidTaskTokenError('The task token contains whitespace: a \'+\' in it was probably decoded as a space from a URL query string. Fix: encode tokens put in URLs with TaskTokens.toUrlSafe() or encodeURIComponent(), and decode them with TaskTokens.fromUrlSafe() or decodeURIComponent().');
  }
  return token;
}
