import { SEND_REQUEST_TIMEOUT_MS, SfnClientLike, createSendClient } from './clients';
import { InvalidOutputError, InvalidTaskTokenError, WorkerConfigError } from './errors';
import { checkTaskToken, encodeOutput, failure, failureFromError } from './limits';
import { Logger, SilentLogger } from './logger';
import { Delivery, DeliveryOutcome, TaskReporter } from './reporter';
import { RetryOptions, resolveRetry } from './retry';

/** Options of a `TaskTokenClient`. */
export interface TaskTokenClientOptions {
  /**
   * The Step Functions client.
   *
   * @default - a client for `region` with its own socket pool and the SDK's retries off (the
   * helper retries with its own backoff)
   */
  readonly client?: SfnClientLike;

  /**
   * The AWS Region of the client the helper creates.
   *
   * @default - the SDK's default chain (`AWS_REGION` in Lambda)
   */
  readonly region?: string;

  /**
   * Retries of throttling, network and service errors.
   *
   * @default - 8 attempts, 100 ms base, 20 s cap, full jitter
   */
  readonly retry?: RetryOptions;

  /**
   * The deadline of each attempt, in milliseconds: a call with no complete answer by then is
   * aborted (its socket closed) and retried within `retry.maxAttempts`.
   *
   * @default 10000
   */
  readonly timeoutMs?: number;

  /**
   * Where retries are logged (at debug level).
   *
   * @default - nothing is logged
   */
  readonly logger?: Logger;
}

/** What became of a completion or heartbeat sent with a task token. */
export interface CompletionResult {
  /**
   * `delivered`; `closed` when the task had already timed out or been completed (e.g. a second
   * click on an approval link: answer "already decided"); `possiblyDelivered` when a retry
   * answered `TaskTimedOut` after an attempt that may have gone through.
   */
  readonly outcome: DeliveryOutcome;
  /** How many requests were sent. */
  readonly attempts: number;
  /** `TaskTimedOut` or `TaskDoesNotExist` for `closed` / `possiblyDelivered`. */
  readonly serviceError?: string;
}

/**
 * Completes callback (`.waitForTaskToken`) and activity tasks from any Node process, such as a
 * Lambda function behind an approval page or an SQS consumer: SendTaskSuccess, SendTaskFailure and
 * SendTaskHeartbeat with the same limits, retries and outcomes as the activity worker.
 *
 * - The token is checked first (1 to 2,048 characters, no whitespace: a space means a `+` was
 *   decoded from a URL query string); a bad one throws `InvalidTaskTokenError` (SW612).
 * - The output must be JSON of at most 262,144 bytes; otherwise `succeed` throws
 *   `InvalidOutputError` (SW611) and sends nothing.
 * - `error` is cut to 256 characters and `cause` to 32,768.
 * - Throttling, network and 5xx errors are retried with capped, fully jittered backoff; a task
 *   that is already closed is an outcome (`closed`), not an exception. Other failures throw
 *   `DeliveryError` (SW614).
 *
 * Create one per process (outside the Lambda handler) so its connections are reused.
 *
 * @example
 * const tokens = new TaskTokenClient();
 * export const handler = async (event: { taskToken: string; approved: boolean }) => {
 *   const result = event.approved
 *     ? await tokens.succeed(event.taskToken, { approved: true })
 *     : await tokens.fail(event.taskToken, 'Approval.Rejected', 'rejected by the reviewer');
 *   return { statusCode: result.outcome === 'closed' ? 409 : 200 };
 * };
 */
export class TaskTokenClient {
  private readonly reporter: TaskReporter;

  constructor(options: TaskTokenClientOptions = {}) {
    const client = options.client ?? createSendClient({ region: options.region });
    const timeoutMs = options.timeoutMs ?? SEND_REQUEST_TIMEOUT_MS;
    if (!(timeoutMs > 0 && Number.isFinite(timeoutMs))) {
      throw new WorkerConfigError(`timeoutMs is ${timeoutMs}. It must be a positive number of milliseconds.`);
    }
    const logger = options.logger ?? new SilentLogger();
    this.reporter = new TaskReporter(client, resolveRetry(options.retry), logger, Math.random, undefined, { timeoutMs });
  }

  /**
   * Reports success (SendTaskSuccess) with `output` as the task's result.
   *
   * @param taskToken the task token
   * @param output any JSON value; `undefined` is sent as `null`
   * @throws InvalidTaskTokenError, InvalidOutputError, DeliveryError
   */
  public async succeed(taskToken: string, output: unknown): Promise<CompletionResult> {
    checkTaskToken(taskToken);
    const encoded = encodeOutput(output);
    if (!encoded.ok) {
      throw new InvalidOutputError(encoded.failure.error, encoded.failure.cause.replace(/^\[SW611\] /, ''));
    }
    return result(await this.reporter.succeed(taskToken, encoded.output));
  }

  /**
   * Reports failure (SendTaskFailure): the state's `Retry` and `Catch` match `error`.
   *
   * @param taskToken the task token
   * @param error an error name such as `Approval.Rejected`, or an `Error` (its name and a
   *   Lambda-style JSON cause are sent)
   * @param cause a human-readable explanation (with a string `error`)
   * @throws InvalidTaskTokenError, DeliveryError
   */
  public async fail(taskToken: string, error: string | Error, cause?: string): Promise<CompletionResult> {
    checkTaskToken(taskToken);
    const report = typeof error === 'string' ? failure(error, cause ?? '') : failureFromError(error);
    return result(await this.reporter.fail(taskToken, report));
  }

  /**
   * Sends a heartbeat (SendTaskHeartbeat), resetting the task's heartbeat clock. Outcome `closed`
   * means the task is gone: stop working on it.
   *
   * @param taskToken the task token
   * @throws InvalidTaskTokenError, DeliveryError
   */
  public async heartbeat(taskToken: string): Promise<CompletionResult> {
    checkTaskToken(taskToken);
    return result(await this.reporter.heartbeat(taskToken));
  }
}

/**
 * Task tokens in URLs. Tokens contain `+`, `/` and `=`, which query strings mangle (a `+` becomes
 * a space). Prefer storing the token server-side and putting an id in the link; when the token
 * itself must travel in a URL, use these (base64url of the token's UTF-8, no padding).
 */
export class TaskTokens {
  /** The token as a URL-safe string (`A-Z a-z 0-9 - _`). */
  public static toUrlSafe(taskToken: string): string {
    return Buffer.from(checkTaskToken(taskToken), 'utf8').toString('base64url');
  }

  /**
   * The token back from `toUrlSafe()`.
   *
   * @throws InvalidTaskTokenError when `value` is not base64url
   */
  public static fromUrlSafe(value: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(value)) {
      throw new InvalidTaskTokenError('The value is not a URL-safe task token (base64url: A-Z a-z 0-9 - _). Fix: pass the value TaskTokens.toUrlSafe() produced, unchanged.');
    }
    return checkTaskToken(Buffer.from(value, 'base64url').toString('utf8'));
  }

  private constructor() {}
}

let shared: TaskTokenClient | undefined;

/** One client for the functions below, created on first use and reused (e.g. across Lambda invocations). */
function sharedClient(): TaskTokenClient {
  shared ??= new TaskTokenClient();
  return shared;
}

/** `new TaskTokenClient().succeed(...)` with a shared client. */
export function sendTaskSuccess(taskToken: string, output: unknown): Promise<CompletionResult> {
  return sharedClient().succeed(taskToken, output);
}

/** `new TaskTokenClient().fail(...)` with a shared client. */
export function sendTaskFailure(taskToken: string, error: string | Error, cause?: string): Promise<CompletionResult> {
  return sharedClient().fail(taskToken, error, cause);
}

/** `new TaskTokenClient().heartbeat(...)` with a shared client. */
export function sendTaskHeartbeat(taskToken: string): Promise<CompletionResult> {
  return sharedClient().heartbeat(taskToken);
}

function result(delivery: Delivery): CompletionResult {
  return { outcome: delivery.outcome, attempts: delivery.attempts, ...(delivery.serviceError ? { serviceError: delivery.serviceError } : {}) };
}
