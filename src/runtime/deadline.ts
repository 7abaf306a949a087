import { SfnClientLike, isSdkClient, isSelfTimedClient } from './clients';
import { RequestTimeoutError } from './errors';

/**
 * Step Functions calls with a deadline that holds whatever the network or the client does.
 *
 * At its deadline a call rejects with `RequestTimeoutError` (SW617), at once, whatever the
 * client does: a timer settles it even if the client never does (a test double, a response still
 * dripping in). The request itself is aborted, which closes its socket:
 * - a client from `createPollClient`/`createSendClient` gets the deadline as its handler's
 *   per-call `requestTimeout` (with `throwOnRequestTimeout`): the handler destroys the request
 *   itself, and no signal is passed, which spares the SDK its abort bookkeeping (measured: about
 *   45 µs of CPU per task at 64 tasks in flight); the handler's timeout ends with the response
 *   headers, so a response still arriving at the deadline is left to finish on its own;
 * - any other AWS SDK v3 client gets the SDK's own signal shape (`{ aborted, onabort }`, the
 *   `AbortSignal` of `@smithy/types`, which the SDK's handlers and retry middleware accept): cheap
 *   to create, and aborting it destroys the request at any stage;
 * - anything else (a test double) gets a platform `AbortController`'s signal (a platform signal
 *   costs the SDK 15-20 µs per call, so SDK clients never get one).
 * `abortAll()` ends every open call, and every later one, with the reason given (the worker's
 * stop deadline).
 */
export class Calls {
  private readonly open = new Set<(reason: unknown) => void>();
  private abortReason: unknown;
  private isAborted = false;
  private readonly sleepers = new Set<() => void>();

  /** Whether `abortAll()` was called. */
  public get aborted(): boolean {
    return this.isAborted;
  }

  /** The reason given to `abortAll()`. */
  public get reason(): unknown {
    return this.abortReason;
  }

  /**
   * `client.send(command)` that settles within `timeoutMs`.
   *
   * @param operation the API name, for the timeout error
   * @throws RequestTimeoutError past the deadline; the `abortAll()` reason after it
   */
  public send<T = any>(client: SfnClientLike, command: unknown, operation: string, timeoutMs: number): Promise<T> {
    if (this.isAborted) {
      return Promise.reject(this.abortReason);
    }
    if (isSelfTimedClient(client)) {
      return this.sendSelfTimed(client, command, operation, timeoutMs);
    }
    const signal = isSdkClient(client) ? new SdkSignal() : new AbortController();
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const end = (reason: unknown) => {
        if (done) {
          return;
        }
        done = true;
        clearTimeout(timer);
        this.open.delete(end);
        signal.abort(reason);
        reject(reason);
      };
      const timer = setTimeout(() => end(new RequestTimeoutError(operation, timeoutMs)), timeoutMs);
      this.open.add(end);
      client.send(command, { abortSignal: signal.signal }).then((value) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          this.open.delete(end);
          resolve(value as T);
        }
      }, (error) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          this.open.delete(end);
          reject(error);
        }
      });
    });
  }

  /**
   * A client from `createPollClient`/`createSendClient` aborts the request itself at the deadline
   * (its handler's `requestTimeout`, given per call, with `throwOnRequestTimeout`): no signal is
   * passed, which spares the SDK its abort bookkeeping (measured: about 45 µs of CPU per task at
   * 64 tasks in flight). The timer here still settles the call at the deadline, whatever happens,
   * e.g. to a response that is still arriving then (the handler's timeout ends with the headers):
   * that request is left to finish or to hit its socket's idle timeout, and the call is retried.
   */
  private sendSelfTimed<T>(client: SfnClientLike, command: unknown, operation: string, timeoutMs: number): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const end = (reason: unknown) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          this.open.delete(end);
          reject(reason);
        }
      };
      // A few milliseconds after the handler's own timeout, which normally ends the call first.
      const timer = setTimeout(() => end(new RequestTimeoutError(operation, timeoutMs)), timeoutMs + 5);
      this.open.add(end);
      client.send(command, { requestTimeout: timeoutMs }).then((value) => {
        if (!done) {
          done = true;
          clearTimeout(timer);
          this.open.delete(end);
          resolve(value as T);
        }
      }, (error) => {
        if (!done) {
          end(isHandlerTimeout(error) ? new RequestTimeoutError(operation, timeoutMs) : error);
        }
      });
    });
  }

  /**
   * Waits `ms` milliseconds, or less if `abortAll()` is called meanwhile. The timer keeps the
   * process alive on purpose: a worker backing off has nothing else pending, and must not exit.
   */
  public sleep(ms: number): Promise<void> {
    if (ms <= 0 || this.isAborted) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  /** Aborts every open call with `reason`, wakes every sleeper, and rejects every later call. */
  public abortAll(reason: unknown): void {
    this.isAborted = true;
    this.abortReason = reason;
    for (const end of [...this.open]) {
      end(reason);
    }
    for (const wake of [...this.sleepers]) {
      wake();
    }
  }
}

/**
 * The SDK's own abort signal shape (`AbortSignal` in `@smithy/types`: `aborted` and `onabort`),
 * which `@smithy/node-http-handler` and the SDK's retry middleware accept besides the platform's:
 * the handler sets `onabort` to destroy the request.
 */
class SdkSignal {
  public aborted = false;
  public reason: unknown = undefined;
  public onabort: ((event?: unknown) => void) | null = null;

  public get signal(): this {
    return this;
  }

  public abort(reason: unknown): void {
    if (this.aborted) {
      return;
    }
    this.aborted = true;
    this.reason = reason;
    this.onabort?.({ type: 'abort' });
  }
}

/** The error `@smithy/node-http-handler` throws at a request's `requestTimeout` (with `throwOnRequestTimeout`). */
function isHandlerTimeout(error: unknown): boolean {
  const e = error as { name?: string; message?: string } | undefined;
  return e?.name === 'TimeoutError' && /requestTimeout/.test(e.message ?? '');
}
