/**
 * How a runtime call retries throttling, network and service errors: capped exponential backoff
 * with full jitter (the delay before retry n is random in [0, min(maxDelayMs, baseDelayMs * 2^n)]),
 * which spreads retries of many workers hitting the same token bucket.
 *
 * @see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/
 */
export interface RetryOptions {
  /**
   * How many times a SendTask* call is tried in all (GetActivityTask polls retry until the worker
   * stops, with the same backoff).
   *
   * @default 8
   */
  readonly maxAttempts?: number;

  /**
   * The backoff base in milliseconds.
   *
   * @default 100
   */
  readonly baseDelayMs?: number;

  /**
   * The longest delay between two attempts, in milliseconds.
   *
   * @default 20000
   */
  readonly maxDelayMs?: number;
}

/** Retry options with every default applied. */
export interface ResolvedRetry {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
}

export function resolveRetry(options: RetryOptions = {}): ResolvedRetry {
  return {
    maxAttempts: Math.max(1, Math.floor(options.maxAttempts ?? 8)),
    baseDelayMs: Math.max(0, options.baseDelayMs ?? 100),
    maxDelayMs: Math.max(0, options.maxDelayMs ?? 20_000),
  };
}

/**
 * The delay before retry number `attempt` (1 for the first retry): random in
 * [`floor` × ceiling, ceiling], ceiling = min(maxDelayMs, baseDelayMs × 2^(attempt-1)). `floor` 0
 * is full jitter (spreads retries best); 0.5 is "equal jitter", which always waits at least half
 * the ceiling (used for capacity signals, where waiting is the point).
 */
export function backoffDelay(retry: ResolvedRetry, attempt: number, random: () => number, floor = 0): number {
  const ceiling = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(ceiling * floor + random() * ceiling * (1 - floor));
}

/** What the runtime does with an error from a Step Functions API call. */
export enum ErrorKind {
  /** Throttled: the request was not processed; retry after a backoff. */
  THROTTLED = 'THROTTLED',
  /**
   * `ActivityWorkerLimitExceeded`: the activity already has the most pollers the service allows
   * (1,000 per ARN). A capacity condition that clears when other pollers return; retry later.
   */
  POLLER_LIMIT = 'POLLER_LIMIT',
  /** A network or service (5xx) error: the request may or may not have been processed; retry. */
  TRANSIENT = 'TRANSIENT',
  /** `TaskTimedOut` / `TaskDoesNotExist`: the task is closed; never retry. */
  TASK_CLOSED = 'TASK_CLOSED',
  /** `InvalidToken`: the token is malformed; never retry. */
  INVALID_TOKEN = 'INVALID_TOKEN',
  /** `InvalidOutput`: the output was rejected; never retry. */
  INVALID_OUTPUT = 'INVALID_OUTPUT',
  /** Anything else (access denied, KMS access denied, activity does not exist, ...): never retry. */
  FATAL = 'FATAL',
}

// Error names from the Step Functions API reference (Common Errors, SendTask*, GetActivityTask)
// and the SDK's own retryable lists (@smithy/service-error-classification).
const THROTTLING = new Set([
  'ThrottlingException', 'Throttling', 'ThrottledException', 'TooManyRequestsException',
  'RequestLimitExceeded', 'RequestThrottled', 'RequestThrottledException', 'SlowDown',
  'ProvisionedThroughputExceededException', 'BandwidthLimitExceeded', 'TransactionInProgressException',
  'KmsThrottlingException', 'EC2ThrottledException', 'PriorRequestNotComplete',
]);
const TRANSIENT = new Set([
  'InternalFailure', 'InternalServerError', 'InternalError', 'ServiceUnavailable', 'ServiceUnavailableException',
  'RequestTimeout', 'RequestTimeoutException', 'TimeoutError', 'RequestAbortedError', 'NetworkingError',
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH',
]);
const TASK_CLOSED = new Set(['TaskTimedOut', 'TaskDoesNotExist']);
/** A call the runtime aborted at its deadline (`RequestTimeoutError`, SW617): it may have been processed. */
const DEADLINE = 'RequestTimeoutError';

/**
 * Classifies an error by its `name` (and `code`, `$metadata`, `$fault`), never by `instanceof`:
 * errors from another copy of the SDK, or built by test mocks, classify the same.
 */
export function classifyError(error: unknown): ErrorKind {
  const e = (error ?? {}) as {
    name?: string; code?: string; $fault?: string; $retryable?: { throttling?: boolean }; $metadata?: { httpStatusCode?: number };
  };
  const name = e.name ?? '';
  if (TASK_CLOSED.has(name)) {
    return ErrorKind.TASK_CLOSED;
  }
  if (name === 'InvalidToken') {
    return ErrorKind.INVALID_TOKEN;
  }
  if (name === 'InvalidOutput') {
    return ErrorKind.INVALID_OUTPUT;
  }
  if (name === 'ActivityWorkerLimitExceeded') {
    return ErrorKind.POLLER_LIMIT;
  }
  if (name === DEADLINE) {
    return ErrorKind.TRANSIENT;
  }
  if (THROTTLING.has(name) || e.$retryable?.throttling || e.$metadata?.httpStatusCode === 429) {
    return ErrorKind.THROTTLED;
  }
  if (TRANSIENT.has(name) || (e.code !== undefined && TRANSIENT.has(e.code)) || e.$retryable !== undefined) {
    return ErrorKind.TRANSIENT;
  }
  const status = e.$metadata?.httpStatusCode;
  if ((status !== undefined && status >= 500) || e.$fault === 'server') {
    return ErrorKind.TRANSIENT;
  }
  // Node network errors that carry no code: "socket hang up", "aborted".
  if (error instanceof Error && status === undefined && e.$fault === undefined && /socket hang up|ECONNRESET|network|aborted|timed? ?out/i.test(error.message)) {
    return ErrorKind.TRANSIENT;
  }
  return ErrorKind.FATAL;
}

/** Whether an error of this kind is worth another attempt. */
export function isRetryable(kind: ErrorKind): boolean {
  return kind === ErrorKind.THROTTLED || kind === ErrorKind.TRANSIENT || kind === ErrorKind.POLLER_LIMIT;
}

/**
 * `setTimeout` as a promise. The timer keeps the process alive on purpose: a worker backing off
 * between polls has nothing else pending, and must not exit.
 */
export function sleep(ms: number): Promise<void> {
  if (ms <= 0) {
    return Promise.resolve();
  }
  return new Promise((resolve) => setTimeout(resolve, ms));
}
