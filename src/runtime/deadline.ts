import { SfnClientLike, isSdkClient } from './clients';
import { RequestTimeoutError } from './errors';

/**
 * Step Functions calls with a deadline that holds whatever the network or the client does.
 *
 * Each call gets an `abortSignal`; at its deadline the signal aborts (an SDK v3 client then
 * destroys the request and its socket) and the call rejects with `RequestTimeoutError` (SW617)
 * at once, without waiting for the client to notice: a client that ignores `abortSignal` (a test
 * double, an old handler) cannot hold a slot past the deadline either. `abortAll()` ends every
 * open call, and every later one, with the reason given (the worker's stop deadline).
 *
 * The client's own timeouts (`requestTimeout` with `throwOnRequestTimeout`, `socketTimeout`) are a
 * second line of defence on the clients the runtime creates; this one is the line that holds for
 * any client.
 *
 * Cost: a platform `AbortSignal` costs the SDK an `addEventListener`/`removeEventListener` pair per
 * call, and the signal itself is a heavy object to create and collect (measured: 15-20 µs per call,
 * about 5% of a task's CPU against a local endpoint). AWS SDK v3 clients also take the SDK's own
 * signal shape (`{ aborted, onabort }`, the `AbortSignal` of `@smithy/types`, which the Node and
 * fetch handlers and the retry middleware all accept): they get that plain object, which aborts
 * the request (destroys its socket) the same way for next to nothing. Any other client (a test
 * double) gets a platform `AbortController`'s signal.
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
