import { ActivityDoesNotExist, InvalidOutput, InvalidToken, KmsAccessDeniedException, KmsThrottlingException, SFNServiceException, TaskDoesNotExist, TaskTimedOut } from '@aws-sdk/client-sfn';
import { ErrorKind, backoffDelay, classifyError, isRetryable, resolveRetry } from '../../src/runtime/retry';

const meta = { $metadata: {} };

describe('classifyError', () => {
  test.each([
    [new TaskTimedOut({ message: 'x', ...meta }), ErrorKind.TASK_CLOSED],
    [new TaskDoesNotExist({ message: 'x', ...meta }), ErrorKind.TASK_CLOSED],
    [new InvalidToken({ message: 'x', ...meta }), ErrorKind.INVALID_TOKEN],
    [new InvalidOutput({ message: 'x', ...meta }), ErrorKind.INVALID_OUTPUT],
    [new KmsThrottlingException({ message: 'x', ...meta }), ErrorKind.THROTTLED],
    [new SFNServiceException({ name: 'ThrottlingException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'Rate exceeded' }), ErrorKind.THROTTLED],
    [new SFNServiceException({ name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 }, message: 'oops' }), ErrorKind.TRANSIENT],
    [new SFNServiceException({ name: 'Unknown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'oops' }), ErrorKind.TRANSIENT],
    [Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), ErrorKind.TRANSIENT],
    [new Error('socket hang up'), ErrorKind.TRANSIENT],
    [Object.assign(new Error('timed out'), { name: 'TimeoutError' }), ErrorKind.TRANSIENT],
    [new ActivityDoesNotExist({ message: 'x', ...meta }), ErrorKind.FATAL],
    [new KmsAccessDeniedException({ message: 'x', ...meta }), ErrorKind.FATAL],
    [new SFNServiceException({ name: 'AccessDeniedException', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'denied' }), ErrorKind.FATAL],
    [undefined, ErrorKind.FATAL],
  ])('%#: classifies %s', (error, kind) => {
    expect(classifyError(error)).toBe(kind);
  });

  test('classifies by name, so plain objects from mocks classify like SDK exceptions', () => {
    expect(classifyError({ name: 'TaskTimedOut' })).toBe(ErrorKind.TASK_CLOSED);
    expect(isRetryable(ErrorKind.THROTTLED)).toBe(true);
    expect(isRetryable(ErrorKind.TASK_CLOSED)).toBe(false);
  });
});

describe('backoffDelay', () => {
  test('is full jitter under an exponential ceiling, capped', () => {
    const retry = resolveRetry({ baseDelayMs: 100, maxDelayMs: 1_000 });
    expect(backoffDelay(retry, 1, () => 0.999)).toBe(99);
    expect(backoffDelay(retry, 3, () => 0.5)).toBe(200);
    expect(backoffDelay(retry, 10, () => 0.999)).toBe(999);
    expect(backoffDelay(retry, 3, () => 0)).toBe(0);
  });

  test('resolveRetry applies the defaults and floors', () => {
    expect(resolveRetry()).toEqual({ maxAttempts: 8, baseDelayMs: 100, maxDelayMs: 20_000 });
    expect(resolveRetry({ maxAttempts: 0 }).maxAttempts).toBe(1);
  });
});
