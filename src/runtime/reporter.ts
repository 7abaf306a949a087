import { SendTaskFailureCommand, SendTaskHeartbeatCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { SEND_REQUEST_TIMEOUT_MS, SfnClientLike } from './clients';
import { Calls } from './deadline';
import { DeliveryError, InvalidTaskTokenError } from './errors';
import { FailureReport } from './limits';
import { Logger, describeError } from './logger';
import { ErrorKind, ResolvedRetry, backoffDelay, classifyError, isRetryable } from './retry';

/**
 * What became of a SendTask* call.
 *
 * - `delivered`: Step Functions accepted it.
 * - `closed`: Step Functions answered `TaskTimedOut` or `TaskDoesNotExist` and no earlier attempt
 *   can have gone through: the task had already timed out, been completed, or its execution ended.
 * - `possiblyDelivered`: an earlier attempt failed in a way that may have reached the service (a
 *   network error, a 5xx), and the retry answered `TaskTimedOut`: the first attempt probably
 *   completed the task. Never reported as a plain success or failure.
 */
export type DeliveryOutcome = 'delivered' | 'closed' | 'possiblyDelivered';

/** The result of one SendTask* call, with the attempts it took. */
export interface Delivery {
  /** What became of the call. */
  readonly outcome: DeliveryOutcome;
  /** How many requests were sent. */
  readonly attempts: number;
  /** The service error behind `closed` / `possiblyDelivered` (`TaskTimedOut`, `TaskDoesNotExist`). */
  readonly serviceError?: string;
}

/** Called before each retry, for events and logs. */
export type RetryListener = (operation: string, attempt: number, delayMs: number, error: unknown) => void;

/** How a `TaskReporter` bounds its calls. */
export interface ReporterDeadlines {
  /** The deadline of each attempt, in milliseconds (a hung call is aborted and retried). */
  readonly timeoutMs?: number;
  /** The calls' tracker; its `abortAll()` abandons every report still retrying (the worker's stop deadline). */
  readonly calls?: Calls;
}

/**
 * Sends SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat with retries: throttling and
 * transient errors, and attempts that hit their deadline (aborted: `RequestTimeoutError`), are
 * retried with capped, fully jittered exponential backoff, within `retry.maxAttempts`;
 * `TaskTimedOut` and `TaskDoesNotExist` end the call with outcome `closed` (or
 * `possiblyDelivered`); `InvalidToken` throws `InvalidTaskTokenError`; anything else throws
 * `DeliveryError`.
 */
export class TaskReporter {
  private readonly timeoutMs: number;
  private readonly calls: Calls;

  constructor(
    private readonly client: SfnClientLike,
    private readonly retry: ResolvedRetry,
    private readonly logger: Logger,
    private readonly random: () => number = Math.random,
    private readonly onRetry?: RetryListener,
    deadlines: ReporterDeadlines = {},
  ) {
    this.timeoutMs = deadlines.timeoutMs ?? SEND_REQUEST_TIMEOUT_MS;
    this.calls = deadlines.calls ?? new Calls();
  }

  /** SendTaskSuccess with `output` (already checked: JSON, within the size limit). */
  public succeed(taskToken: string, output: string): Promise<Delivery> {
    return this.send('SendTaskSuccess', () => new SendTaskSuccessCommand({ taskToken, output }), this.retry.maxAttempts);
  }

  /** SendTaskFailure with `error` and `cause` (already within their limits). */
  public fail(taskToken: string, report: FailureReport): Promise<Delivery> {
    return this.send('SendTaskFailure', () => new SendTaskFailureCommand({ taskToken, error: report.error, cause: report.cause }), this.retry.maxAttempts);
  }

  /** SendTaskHeartbeat; tried at most `maxAttempts` times (a later heartbeat follows anyway). */
  public heartbeat(taskToken: string, maxAttempts: number = this.retry.maxAttempts): Promise<Delivery> {
    return this.send('SendTaskHeartbeat', () => new SendTaskHeartbeatCommand({ taskToken }), maxAttempts);
  }

  private async send(operation: string, command: () => unknown, maxAttempts: number): Promise<Delivery> {
    // Whether an earlier attempt may have been processed by the service (not throttled).
    let maybeProcessed = false;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.calls.send(this.client, command(), operation, this.timeoutMs);
        return { outcome: 'delivered', attempts: attempt };
      } catch (error) {
        if (this.calls.aborted) {
          throw new DeliveryError(operation, attempt, `${operation} was abandoned: the worker's stop deadline passed before it was delivered.`, { cause: error });
        }
        const kind = classifyError(error);
        const name = (error as Error)?.name;
        if (kind === ErrorKind.TASK_CLOSED) {
          return { outcome: maybeProcessed ? 'possiblyDelivered' : 'closed', attempts: attempt, serviceError: name };
        }
        if (kind === ErrorKind.INVALID_TOKEN) {
          throw new InvalidTaskTokenError(`${operation} answered InvalidToken: Step Functions does not recognize the task token. Fix: pass the token exactly as Step Functions produced it (in URLs, encode it with TaskTokens.toUrlSafe() or encodeURIComponent()).`, { cause: error });
        }
        if (!isRetryable(kind)) {
          throw new DeliveryError(operation, attempt, `${operation} failed with ${name ?? 'an error'}, which a retry cannot fix: ${(error as Error)?.message}. Fix: check the worker's IAM permissions (states:${operation}) and, for a customer managed KMS key, its key policy.`, { cause: error });
        }
        if (kind === ErrorKind.TRANSIENT) {
          maybeProcessed = true;
        }
        if (attempt >= maxAttempts) {
          throw new DeliveryError(operation, attempt, `${operation} still failed after ${attempt} attempts (last error: ${name}: ${(error as Error)?.message}). Fix: check the network path to Step Functions, or raise retry.maxAttempts or the account's ${operation} quota.`, { cause: error });
        }
        const delay = backoffDelay(this.retry, attempt, this.random);
        this.onRetry?.(operation, attempt, delay, error);
        this.logger.debug('retrying Step Functions call', { operation, attempt, delayMs: delay, error: describeError(error) });
        await this.calls.sleep(delay);
      }
    }
  }
}
