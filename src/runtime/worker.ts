import { EventEmitter } from 'events';
import * as os from 'os';
import { GetActivityTaskCommand } from '@aws-sdk/client-sfn';
import { POLL_REQUEST_TIMEOUT_MS, SEND_REQUEST_TIMEOUT_MS, SfnClientLike, createPollClient, createSendClient, regionOfArn } from './clients';
import { Calls } from './deadline';
import { DeliveryError, FatalPollError, InvalidTaskTokenError, TaskClosedError, WorkerConfigError, WorkerShuttingDownError, WorkerStateError } from './errors';
import { FailureReport, encodeOutput, failure, failureFromError } from './limits';
import { JsonLogger, Logger, describeError } from './logger';
import { WorkerMetrics } from './metrics';
import { RateLimiter } from './rate-limiter';
import { Delivery, TaskReporter } from './reporter';
import { ErrorKind, ResolvedRetry, RetryOptions, backoffDelay, classifyError, isRetryable, resolveRetry } from './retry';
import { QUOTAS, describeQuota } from '../core/quotas';
import { WORKER_METRICS_INTERVAL_MS } from '../core/worker-metrics';

/** What an activity handler gets besides the task input. */
export interface TaskContext {
  /** The task token (for your own SendTask* calls; the worker reports the result for you). */
  readonly taskToken: string;
  /**
   * Aborts when the task is gone or the worker gives up on it: a heartbeat answered
   * `TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken` (reason: `TaskClosedError`), or the
   * worker's drain deadline passed (reason: `WorkerShuttingDownError`). Pass it to `fetch`, the
   * AWS SDK (`{ abortSignal }`) and your own loops: nothing you return after it aborts is reported.
   */
  readonly signal: AbortSignal;
  /** Aborts when the worker starts stopping (SIGTERM, SIGINT, `stop()`); finish soon, or checkpoint. */
  readonly stopSignal: AbortSignal;
  /** The worker's name, as shown in the execution history. */
  readonly workerName: string;
  /** When the worker received the task. */
  readonly receivedAt: Date;
  /** The worker's logger. */
  readonly logger: Logger;
  /**
   * Sends a heartbeat now (the worker also sends them automatically). Calls within a second of
   * the last heartbeat are coalesced into it.
   *
   * @throws TaskClosedError when the task is closed (the `signal` has aborted too)
   */
  heartbeat(): Promise<void>;
}

/**
 * The work: receives the task input (parsed JSON) and returns the output (any JSON value), or
 * throws to fail the task (`TaskFailure` to choose the error name and cause).
 */
export type ActivityHandler<I = any, O = any> = (input: I, context: TaskContext) => O | Promise<O>;

/** Options of an `ActivityWorker`. */
export interface ActivityWorkerOptions<I = any, O = any> {
  /** The ARN of the activity to poll (`arn:aws:states:<region>:<account>:activity:<name>`). */
  readonly activityArn: string;

  /** The function that does the work for each task. */
  readonly handler: ActivityHandler<I, O>;

  /**
   * The most tasks this worker runs at once. Each free slot has one GetActivityTask poll open, so
   * the worker never receives a task it has no slot for (a task waiting in a buffer has its
   * heartbeat and timeout clocks running).
   *
   * @default 10
   */
  readonly concurrency?: number;

  /**
   * The most GetActivityTask polls open at once (at most `concurrency`). Lower it to save sockets
   * when tasks are long and plentiful. AWS recommends at least 100 open polls per activity across
   * the fleet for low latency, and allows 1,000.
   *
   * @default - `concurrency`
   */
  readonly maxConcurrentPolls?: number;

  /**
   * The worker name shown in the execution history (1 to 80 characters).
   *
   * @default - `<hostname>-<pid>`, cut to 80 characters
   */
  readonly workerName?: string;

  /**
   * The heartbeat (`HeartbeatSeconds`) of the activity steps this worker serves. Sets the default
   * automatic heartbeat interval to a third of it, and `heartbeatIntervalMs` is checked against it.
   *
   * @default - unknown; heartbeats every 20 seconds
   */
  readonly activityHeartbeatSeconds?: number;

  /**
   * How often each running task sends a heartbeat, in milliseconds. Each beat is jittered down by
   * up to a quarter so that tasks started together do not heartbeat together.
   *
   * @default - a third of `activityHeartbeatSeconds`, else 20000
   */
  readonly heartbeatIntervalMs?: number;

  /**
   * Whether running tasks send heartbeats automatically.
   *
   * @default true
   */
  readonly autoHeartbeat?: boolean;

  /**
   * The most SendTaskHeartbeat calls this worker sends per second (a token bucket shared by its
   * tasks). Heartbeats past it wait their turn.
   *
   * @default 50
   */
  readonly maxHeartbeatsPerSecond?: number;

  /**
   * How long running tasks may take to finish once the worker is asked to stop, in milliseconds.
   * Tasks still running then are reported failed with `Worker.ShuttingDown`. Keep it below the
   * time your host waits before it kills the process (ECS: the container's `stopTimeout`,
   * 30 seconds by default, at most 120 on Fargate).
   *
   * @default 25000
   */
  readonly drainTimeoutMs?: number;

  /**
   * The hard bound on a stop, in milliseconds from the moment it begins: whatever is still pending
   * then (a poll, a report still retrying) is aborted, reports not delivered are `reportFailed`,
   * and `stop()` resolves, whatever the network does. Keep it below the time your host waits
   * before it kills the process (`ActivityWorkerService` sets it to just under `stopTimeout`).
   *
   * @default - the larger of `drainTimeoutMs` + 10000 and `pollTimeoutMs` (open polls are never cut short by default)
   */
  readonly stopTimeoutMs?: number;

  /**
   * The deadline of each GetActivityTask long poll, in milliseconds. The service holds a poll up
   * to 60 s, so a poll still silent after this is on a dead connection: it is aborted (its socket
   * closed) and polled again with backoff. Below 65 s, polls the service is still holding are cut
   * short, and a task handed out at that moment can be lost (it times out in Step Functions).
   *
   * @default 70000
   * @see https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html
   */
  readonly pollTimeoutMs?: number;

  /**
   * The deadline of each SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat attempt, in
   * milliseconds. An attempt with no complete answer by then is aborted and retried within
   * `retry.maxAttempts`.
   *
   * @default 10000
   */
  readonly sendTimeoutMs?: number;

  /**
   * How often the worker writes its busy fraction (tasks in flight over concurrency, averaged
   * over the interval) as a CloudWatch Embedded Metric Format line, in milliseconds; 0 turns it
   * off. `ActivityWorkerService` scales on it.
   *
   * @default 60000
   */
  readonly metricsIntervalMs?: number;

  /**
   * Where metric lines go (one JSON document per line).
   *
   * @default - `process.stdout`
   */
  readonly metricsWriter?: (line: string) => void;

  /**
   * Whether SIGTERM and SIGINT stop the worker gracefully.
   *
   * @default true
   */
  readonly handleSignals?: boolean;

  /**
   * The AWS Region of the clients the worker creates.
   *
   * @default - the Region in `activityArn`
   */
  readonly region?: string;

  /**
   * The client for GetActivityTask. The worker enforces `pollTimeoutMs` on every call through
   * `abortSignal` whatever the client; give yours enough sockets for `maxConcurrentPolls` and
   * timeouts of its own above 65 s (`createPollClient()` builds one).
   *
   * @default - `createPollClient()`: a 70 s enforced deadline and a socket per poll
   */
  readonly pollClient?: SfnClientLike;

  /**
   * The client for SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat. Keep it apart from the
   * poll client, or heartbeats can wait behind open polls for a free socket.
   *
   * @default - `createSendClient()`: a 10 s enforced deadline and its own socket pool
   */
  readonly client?: SfnClientLike;

  /**
   * Retries of SendTask* calls (and the backoff of failed polls).
   *
   * @default - 8 attempts, 100 ms base, 20 s cap, full jitter
   */
  readonly retry?: RetryOptions;

  /**
   * If a poll returns no task faster than this (milliseconds), the next poll waits about this
   * long. The service holds an empty poll for 60 seconds, so this only matters when something in
   * between (an emulator, a mock, a proxy) answers at once: the worker then does not spin.
   *
   * @default 1000
   */
  readonly minEmptyPollIntervalMs?: number;

  /**
   * How long to wait for a handler to return after its `signal` aborted because the task closed,
   * before its slot is given to a new task anyway (milliseconds).
   *
   * @default 10000
   */
  readonly abortGraceMs?: number;

  /**
   * Where the worker logs.
   *
   * @default - `new JsonLogger()`: JSON lines, level from `STEPWISE_LOG_LEVEL` or 'info'
   */
  readonly logger?: Logger;

  /**
   * The random source for jitter, in [0, 1).
   *
   * @default Math.random
   */
  readonly random?: () => number;
}

/** Why a task was reported as failed by the worker itself rather than by the handler. */
export type WorkerFailureReason = 'handler' | 'invalidInput' | 'invalidOutput' | 'shuttingDown';

/** The events an `ActivityWorker` emits, with their payloads. */
/** `taskStarted`: a poll returned a task and the handler was started. */
export interface TaskStartedEvent {
  /** The task token Step Functions handed out with the task. */
  readonly taskToken: string;
  /** The task's input, parsed from JSON. */
  readonly input: unknown;
  /** When the poll returned the task. */
  readonly receivedAt: Date;
}

/** `taskSucceeded`: SendTaskSuccess was delivered. */
export interface TaskSucceededEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** From receiving the task to delivering its result, in milliseconds. */
  readonly durationMs: number;
  /** SendTaskSuccess calls made (1 when the first one was delivered). */
  readonly attempts: number;
}

/** `taskFailed`: SendTaskFailure was delivered. */
export interface TaskFailedEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** From receiving the task to delivering its failure, in milliseconds. */
  readonly durationMs: number;
  /** Why the task failed: the handler threw, the input or output was invalid, or the worker stopped. */
  readonly reason: WorkerFailureReason;
  /** The error name sent (what `Retry`/`Catch` `ErrorEquals` match). */
  readonly error: string;
  /** The cause sent. */
  readonly cause: string;
  /** SendTaskFailure calls made. */
  readonly attempts: number;
}

/** `taskClosed`: the task closed before it was reported; nothing was or will be sent. */
export interface TaskClosedEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** What the service answered: `TaskTimedOut`, `TaskDoesNotExist` or `InvalidToken`. */
  readonly serviceError: string;
  /** Whether a heartbeat or the completion learned it. */
  readonly during: 'heartbeat' | 'completion';
}

/** `completionAmbiguous`: a retried completion answered `TaskTimedOut`: an earlier attempt probably completed the task. */
export interface CompletionAmbiguousEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** `SendTaskSuccess` or `SendTaskFailure`. */
  readonly operation: string;
  /** Calls made. */
  readonly attempts: number;
  /** What the service answered to the last call. */
  readonly serviceError: string;
}

/** `reportFailed`: a completion could not be delivered after every retry: the task will time out in Step Functions. */
export interface ReportFailedEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** `SendTaskSuccess` or `SendTaskFailure`. */
  readonly operation: string;
  /** The last call's error. */
  readonly error: Error;
}

/** `heartbeat`: a heartbeat was delivered. */
export interface HeartbeatEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** Whether the handler asked for it (`context.heartbeat()`), rather than the worker's schedule. */
  readonly manual: boolean;
}

/** `heartbeatError`: a heartbeat failed after its retries (the next one is tried on schedule). */
export interface HeartbeatErrorEvent {
  /** The task's token. */
  readonly taskToken: string;
  /** The last call's error. */
  readonly error: Error;
}

/** `pollError`: a poll failed (or hit its deadline); the worker polls again after `delayMs`. */
export interface PollErrorEvent {
  /** The poll's error. */
  readonly error: unknown;
  /** Polls that failed in a row, this one included. */
  readonly consecutiveFailures: number;
  /** How long the worker waits before the next poll, in milliseconds. */
  readonly delayMs: number;
}

/**
 * `pollThrottled`: a poll met a capacity signal and the pollers slow down: `throttled` (the API's
 * token bucket is empty: every poll of the worker waits `delayMs`) or `pollerLimit`
 * (`ActivityWorkerLimitExceeded`: the activity has 1,000 pollers; this poll waits `delayMs`, the
 * open ones keep their place).
 */
export interface PollThrottledEvent {
  /** Which signal: `throttled` or `pollerLimit`. */
  readonly reason: 'throttled' | 'pollerLimit';
  /** The poll's error. */
  readonly error: unknown;
  /** Capacity signals in a row, this one included. */
  readonly consecutive: number;
  /** How long the poll waits, in milliseconds. */
  readonly delayMs: number;
}

/** `retry`: a SendTask* call is retried after `delayMs`. */
export interface RetryEvent {
  /** `SendTaskSuccess`, `SendTaskFailure` or `SendTaskHeartbeat`. */
  readonly operation: string;
  /** The attempt that failed (1 for the first call). */
  readonly attempt: number;
  /** How long the worker waits before the next attempt, in milliseconds. */
  readonly delayMs: number;
  /** The failed attempt's error. */
  readonly error: unknown;
}

/** `stopping`: the worker started stopping. */
export interface StoppingEvent {
  /** When running tasks that have not finished are failed with `Worker.ShuttingDown`. */
  readonly drainDeadline: Date;
}

/** `stopped`: the worker stopped: no polls open, every task reported. */
export interface StoppedEvent {
  /**
   * The error that stopped the worker, if one did (also thrown by `start()`).
   *
   * @default - none: `stop()` stopped it
   */
  readonly error?: Error;
}

/** The events an `ActivityWorker` emits, by name, with the argument each listener receives. */
export interface ActivityWorkerEvents {
  /** A poll returned a task and the handler was started. */
  taskStarted: [TaskStartedEvent];
  /** SendTaskSuccess was delivered. */
  taskSucceeded: [TaskSucceededEvent];
  /** SendTaskFailure was delivered. */
  taskFailed: [TaskFailedEvent];
  /** The task closed before it was reported (`TaskTimedOut`, `TaskDoesNotExist`, `InvalidToken`): nothing was or will be sent. */
  taskClosed: [TaskClosedEvent];
  /** A retried completion answered `TaskTimedOut`: an earlier attempt probably completed the task. */
  completionAmbiguous: [CompletionAmbiguousEvent];
  /** A completion could not be delivered after every retry: the task will time out in Step Functions. */
  reportFailed: [ReportFailedEvent];
  /** A heartbeat was delivered. */
  heartbeat: [HeartbeatEvent];
  /** A heartbeat failed after its retries (the next one will be tried on schedule). */
  heartbeatError: [HeartbeatErrorEvent];
  /** A poll failed (or hit its deadline); the worker polls again after `delayMs`. */
  pollError: [PollErrorEvent];
  /** A poll met a capacity signal and the pollers slow down (see `PollThrottledEvent`). */
  pollThrottled: [PollThrottledEvent];
  /** A SendTask* call is retried after `delayMs`. */
  retry: [RetryEvent];
  /** The worker started stopping. */
  stopping: [StoppingEvent];
  /** The worker stopped: no polls open, every task reported. */
  stopped: [StoppedEvent];
}

/** Counters of a worker since it started. */
export interface WorkerStats {
  /** Polls sent. */
  polls: number;
  /** Polls that returned no task. */
  emptyPolls: number;
  /** Polls that failed (including those below). */
  pollErrors: number;
  /** Polls answered with throttling or `ActivityWorkerLimitExceeded`. */
  throttledPolls: number;
  /** Calls aborted at their deadline (polls and SendTask* attempts). */
  timeouts: number;
  /** Tasks received. */
  tasks: number;
  /** Tasks reported with SendTaskSuccess. */
  succeeded: number;
  /** Tasks reported with SendTaskFailure. */
  failed: number;
  /** Tasks that closed before they were reported (or whose completion came back `TaskTimedOut`). */
  closed: number;
  /** Tasks whose completion could not be delivered. */
  reportFailures: number;
  /** Heartbeats delivered. */
  heartbeats: number;
}

/** What `status()` returns, e.g. for a health check. */
export interface WorkerStatus {
  /** `new`, `running`, `stopping` or `stopped`. */
  readonly state: 'new' | 'running' | 'stopping' | 'stopped';
  /** Tasks running now. */
  readonly inFlight: number;
  /** Polls open now. */
  readonly polling: number;
  /** Counters since start. */
  readonly stats: Readonly<WorkerStats>;
}

const ZERO_STATS: WorkerStats = {
  polls: 0,
  emptyPolls: 0,
  pollErrors: 0,
  throttledPolls: 0,
  timeouts: 0,
  tasks: 0,
  succeeded: 0,
  failed: 0,
  closed: 0,
  reportFailures: 0,
  heartbeats: 0,
};
const DEFAULT_CONCURRENCY = 10;
const DEFAULT_HEARTBEAT_MS = 20_000;
const MANUAL_HEARTBEAT_COALESCE_MS = 1_000;
const HEARTBEAT_ATTEMPTS = 3;
const ACTIVITY_ARN = /^arn:[a-z0-9-]+:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/;

type TaskState = 'running' | 'reporting' | 'done';

/** One task from poll to report. */
class Task {
  public state: TaskState = 'running';
  public readonly started = Date.now();
  /** When the next automatic heartbeat is due (epoch ms; 0: none scheduled). */
  public nextBeatAt = 0;
  public lastHeartbeat = 0;
  public heartbeatInFlight?: Promise<void>;
  /** The Worker.ShuttingDown report, once the worker gave up on the task. */
  public finishing?: Promise<void>;
  /** Set while the worker waits for an async handler: stops waiting (task closed, or shutting down). */
  public abandon?: () => void;
  private controller?: AbortController;
  private received?: Date;

  constructor(public readonly token: string) {}

  /** The handler's signal (created on first use: most handlers never read it). */
  public get signal(): AbortSignal {
    this.controller ??= new AbortController();
    return this.controller.signal;
  }

  public get receivedAt(): Date {
    this.received ??= new Date(this.started);
    return this.received;
  }

  public abort(reason: Error): void {
    this.controller ??= new AbortController();
    this.controller.abort(reason);
  }
}

/** What the context of a task needs from its worker. */
interface ContextHost {
  readonly workerName: string;
  readonly stopSignal: AbortSignal;
  readonly taskLogger: Logger;
  manualHeartbeat(task: Task): Promise<void>;
}

/** What an activity handler gets: one small object per task, its accessors on the prototype. */
class Context implements TaskContext {
  constructor(private readonly host: ContextHost, private readonly task: Task) {}

  public get taskToken(): string {
    return this.task.token;
  }

  public get signal(): AbortSignal {
    return this.task.signal;
  }

  public get stopSignal(): AbortSignal {
    return this.host.stopSignal;
  }

  public get workerName(): string {
    return this.host.workerName;
  }

  public get receivedAt(): Date {
    return this.task.receivedAt;
  }

  public get logger(): Logger {
    return this.host.taskLogger;
  }

  public heartbeat(): Promise<void> {
    return this.host.manualHeartbeat(this.task);
  }
}

type Settled = { ok: true; value: unknown } | { ok: false; error: unknown };

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/**
 * Runs an activity's tasks: long-polls GetActivityTask, calls your handler for each task, sends
 * heartbeats while it runs, and reports SendTaskSuccess or SendTaskFailure, exactly once per task.
 *
 * `start()` returns a promise that settles when the worker has stopped: it resolves after a
 * graceful stop (SIGTERM, SIGINT or `stop()`) and rejects with a `FatalPollError` when polling
 * cannot work (the activity does not exist, access denied).
 *
 * @example
 * const worker = new ActivityWorker({
 *   activityArn: process.env.ACTIVITY_ARN!,
 *   concurrency: 8,
 *   handler: async (order: { id: string }, { signal }) => {
 *     const res = await fetch(`https://example.com/orders/${order.id}`, { signal });
 *     return { status: res.status };
 *   },
 * });
 * await worker.start();
 */
export class ActivityWorker<I = any, O = any> extends EventEmitter {
  /**
   * The options `ActivityWorkerService` passes a worker container in its environment:
   * `ACTIVITY_ARN`, `STEPWISE_CONCURRENCY`, `STEPWISE_DRAIN_TIMEOUT_MS`,
   * `STEPWISE_STOP_TIMEOUT_MS` and `STEPWISE_HEARTBEAT_SECONDS` (all but the first optional). Spread them into the options:
   * `new ActivityWorker({ ...ActivityWorker.optionsFromEnvironment(), handler })`.
   *
   * @param env the environment to read
   * @throws WorkerConfigError when ACTIVITY_ARN is missing or a number does not parse
   */
  public static optionsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Pick<ActivityWorkerOptions, 'activityArn' | 'concurrency' | 'drainTimeoutMs' | 'stopTimeoutMs' | 'activityHeartbeatSeconds'> {
    const activityArn = env.ACTIVITY_ARN;
    if (!activityArn) {
      throw new WorkerConfigError('ACTIVITY_ARN is not set. Fix: set it to the activity ARN (ActivityWorkerService sets it for you).');
    }
    const number = (name: string): number | undefined => {
      const raw = env[name];
      if (raw === undefined || raw === '') {
        return undefined;
      }
      const value = Number(raw);
      if (!Number.isFinite(value)) {
        throw new WorkerConfigError(`${name} is '${raw}', not a number.`);
      }
      return value;
    };
    const options = {
      activityArn,
      concurrency: number('STEPWISE_CONCURRENCY'),
      drainTimeoutMs: number('STEPWISE_DRAIN_TIMEOUT_MS'),
      stopTimeoutMs: number('STEPWISE_STOP_TIMEOUT_MS'),
      activityHeartbeatSeconds: number('STEPWISE_HEARTBEAT_SECONDS'),
    };
    // Unset variables are left out, so that spreading the result keeps the defaults.
    for (const key of Object.keys(options) as Array<keyof typeof options>) {
      if (options[key] === undefined) {
        delete options[key];
      }
    }
    return options;
  }

  /** The activity this worker polls. */
  public readonly activityArn: string;
  /** The worker name shown in the execution history. */
  public readonly workerName: string;
  /** The most tasks run at once. */
  public readonly concurrency: number;
  /** The automatic heartbeat interval, in milliseconds. */
  public readonly heartbeatIntervalMs: number;

  private readonly handler: ActivityHandler<I, O>;
  private readonly maxPolls: number;
  private readonly logger: Logger;
  private readonly random: () => number;
  private readonly retry: ResolvedRetry;
  private readonly pollRetry: ResolvedRetry;
  private readonly pollClient: SfnClientLike;
  private readonly reporter: TaskReporter;
  private readonly limiter: RateLimiter;
  private readonly ownedClients: Array<{ destroy(): void }> = [];
  private readonly options: ActivityWorkerOptions<I, O>;
  private readonly drainTimeoutMs: number;
  private readonly minEmptyPollIntervalMs: number;
  private readonly abortGraceMs: number;
  private readonly autoHeartbeat: boolean;

  private state: WorkerStatus['state'] = 'new';
  private readonly inFlight = new Set<Task>();
  private polling = 0;
  private pollWaiters: Array<() => void> = [];
  private readonly stopController = new AbortController();
  private drainDeadline = Infinity;
  private drainTimer?: ReturnType<typeof setTimeout>;
  private runPromise?: Promise<void>;
  private stopPromise?: Promise<void>;
  private fatal?: FatalPollError;
  private readonly wakers = new Set<() => void>();
  private readonly stats: WorkerStats = { ...ZERO_STATS };
  /** Every Step Functions call, with its deadline; aborted at the stop deadline. */
  private readonly calls = new Calls();
  private readonly pollTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly throttleRetry: ResolvedRetry;
  private readonly metrics: WorkerMetrics;
  /** Polls wait until then (a throttled API: every poller slows down). */
  private pollsPausedUntil = 0;
  private throttleStreak = 0;
  private stopTimer?: ReturnType<typeof setTimeout>;
  private heartbeatTicker?: ReturnType<typeof setInterval>;
  /** What each task's context reads from the worker. */
  private readonly contextHost: ContextHost;
  private readonly signalHandler: (signal: NodeJS.Signals) => void;

  /**
   * @throws WorkerConfigError (SW610) for options that cannot work
   */
  constructor(options: ActivityWorkerOptions<I, O>) {
    super();
    this.signalHandler = (signal) => {
      this.logger.info('signal received, stopping', { signal });
      void this.stop();
    };
    this.options = options;
    this.activityArn = checkArn(options.activityArn);
    if (typeof options.handler !== 'function') {
      throw new WorkerConfigError('handler must be a function (input, context) => output.');
    }
    this.handler = options.handler;
    this.concurrency = positiveInteger('concurrency', options.concurrency ?? DEFAULT_CONCURRENCY);
    this.maxPolls = Math.min(this.concurrency, positiveInteger('maxConcurrentPolls', options.maxConcurrentPolls ?? this.concurrency));
    if (this.maxPolls > QUOTAS.activityPollersPerArn.value) {
      throw new WorkerConfigError(`maxConcurrentPolls (or concurrency) is ${this.maxPolls}. Limit: ${describeQuota('activityPollersPerArn')} per activity ARN (GetActivityTask answers ActivityWorkerLimitExceeded past it). Fix: lower maxConcurrentPolls; run several workers for more.`);
    }
    this.workerName = checkWorkerName(options.workerName ?? `${os.hostname()}-${process.pid}`.slice(0, QUOTAS.workerNameLength.value));
    this.heartbeatIntervalMs = heartbeatInterval(options);
    this.autoHeartbeat = options.autoHeartbeat ?? true;
    this.drainTimeoutMs = nonNegative('drainTimeoutMs', options.drainTimeoutMs ?? 25_000);
    this.minEmptyPollIntervalMs = nonNegative('minEmptyPollIntervalMs', options.minEmptyPollIntervalMs ?? 1_000);
    this.abortGraceMs = nonNegative('abortGraceMs', options.abortGraceMs ?? 10_000);
    this.logger = options.logger ?? new JsonLogger({ fields: { worker: this.workerName } });
    this.random = options.random ?? Math.random;
    this.retry = resolveRetry(options.retry);
    this.pollRetry = resolveRetry({ baseDelayMs: 200, ...options.retry });
    // Capacity signals back off from 5x the base (500 ms by default, the SDK's own throttling base).
    this.throttleRetry = resolveRetry({ ...options.retry, baseDelayMs: (options.retry?.baseDelayMs ?? 100) * 5 });
    this.limiter = new RateLimiter(positiveNumber('maxHeartbeatsPerSecond', options.maxHeartbeatsPerSecond ?? 50));
    this.pollTimeoutMs = positiveNumber('pollTimeoutMs', options.pollTimeoutMs ?? POLL_REQUEST_TIMEOUT_MS);
    const sendTimeoutMs = positiveNumber('sendTimeoutMs', options.sendTimeoutMs ?? SEND_REQUEST_TIMEOUT_MS);
    this.stopTimeoutMs = positiveNumber('stopTimeoutMs', options.stopTimeoutMs ?? Math.max(this.drainTimeoutMs + 10_000, this.pollTimeoutMs));
    if (this.stopTimeoutMs <= this.drainTimeoutMs) {
      throw new WorkerConfigError(`stopTimeoutMs is ${this.stopTimeoutMs}, not above drainTimeoutMs (${this.drainTimeoutMs}): tasks still running at the drain deadline would have no time to be reported. Fix: leave a few seconds between them.`);
    }
    const metricsIntervalMs = nonNegative('metricsIntervalMs', options.metricsIntervalMs ?? WORKER_METRICS_INTERVAL_MS);
    this.metrics = new WorkerMetrics(this.activityArn, this.concurrency, metricsIntervalMs,
      options.metricsWriter ?? ((line) => process.stdout.write(line + '\n')), { worker: this.workerName });

    const region = options.region ?? regionOfArn(this.activityArn);
    if (options.pollClient) {
      this.pollClient = options.pollClient;
    } else {
      const created = createPollClient({ region, maxSockets: this.maxPolls + 4, requestTimeoutMs: this.pollTimeoutMs });
      this.ownedClients.push(created);
      this.pollClient = created;
    }
    let sendClient = options.client;
    if (!sendClient) {
      const created = createSendClient({ region, maxSockets: Math.max(50, this.concurrency * 2), requestTimeoutMs: sendTimeoutMs });
      this.ownedClients.push(created);
      sendClient = created;
    }
    this.contextHost = {
      workerName: this.workerName,
      stopSignal: this.stopController.signal,
      taskLogger: this.logger,
      manualHeartbeat: (task) => this.manualHeartbeat(task),
    };
    this.reporter = new TaskReporter(sendClient, this.retry, this.logger, this.random, (operation, attempt, delayMs, error) => {
      this.countTimeout(error);
      this.emit('retry', { operation, attempt, delayMs, error });
    }, { timeoutMs: sendTimeoutMs, calls: this.calls });
  }

  /**
   * Starts polling. The promise settles when the worker has stopped: it resolves after a graceful
   * stop and rejects with a `FatalPollError` (SW615) when polling cannot work.
   *
   * A worker runs once. `start()` while it runs returns the same promise (no second set of
   * pollers); `start()` once it is stopping or stopped (after `stop()`, a signal or a fatal
   * error, even a `stop()` before any `start()`) rejects with `WorkerStateError` (SW618): create
   * a new `ActivityWorker` instead.
   */
  public start(): Promise<void> {
    if (this.state === 'running') {
      return this.runPromise!;
    }
    if (this.state !== 'new') {
      return Promise.reject(new WorkerStateError(`start() was called on a worker that is ${this.state}. A worker runs once: its clients are closed when it stops. Fix: create a new ActivityWorker.`));
    }
    this.state = 'running';
    if (this.options.handleSignals ?? true) {
      process.on('SIGTERM', this.signalHandler);
      process.on('SIGINT', this.signalHandler);
    }
    this.logger.info('worker started', { activityArn: this.activityArn, concurrency: this.concurrency, maxConcurrentPolls: this.maxPolls, heartbeatIntervalMs: this.heartbeatIntervalMs, pollTimeoutMs: this.pollTimeoutMs });
    if (this.pollTimeoutMs < QUOTAS.activityPollSocketTimeout.value * 1000) {
      this.logger.warn('pollTimeoutMs is below the 65 s AWS asks for: polls the service still holds are cut short, and a task handed out at that moment can be lost', { pollTimeoutMs: this.pollTimeoutMs });
    }
    this.metrics.start();
    this.startHeartbeatTicker();
    const loops: Promise<void>[] = [];
    for (let slot = 0; slot < this.concurrency; slot++) {
      loops.push(this.slotLoop());
    }
    this.runPromise = Promise.all(loops).then(() => this.finishStop());
    return this.runPromise;
  }

  /**
   * Stops gracefully: no new polls; polls already open are left to return (aborting one could
   * lose a task the service already handed out) or to reach their deadline; running tasks have
   * `drainTimeoutMs` to finish, then are reported failed with `Worker.ShuttingDown`; a task a poll
   * returns after that is failed at once. Resolves when every poll has returned and every task is
   * reported, and at the latest `stopTimeoutMs` after the stop began: then every call still open is
   * aborted and every report not delivered is `reportFailed`.
   *
   * `stop()` before `start()` resolves at once (the worker is then stopped for good); a second
   * `stop()` returns the first one's promise.
   *
   * @param options.drainTimeoutMs overrides the worker's drain timeout for this stop (capped below `stopTimeoutMs`)
   */
  public stop(options: { drainTimeoutMs?: number } = {}): Promise<void> {
    if (this.stopPromise) {
      return this.stopPromise;
    }
    if (!this.runPromise) {
      this.state = 'stopped';
      this.stopPromise = Promise.resolve();
      return this.stopPromise;
    }
    this.state = 'stopping';
    const drain = Math.min(options.drainTimeoutMs ?? this.drainTimeoutMs, this.stopTimeoutMs - 1);
    this.drainDeadline = Date.now() + drain;
    this.stopTimer = setTimeout(() => this.abandon(), this.stopTimeoutMs);
    this.emit('stopping', { drainDeadline: new Date(this.drainDeadline) });
    this.logger.info('worker stopping', { inFlight: this.inFlight.size, polling: this.polling, drainTimeoutMs: drain });
    this.stopController.abort();
    for (const wake of [...this.wakers]) {
      wake();
    }
    for (const release of this.pollWaiters.splice(0)) {
      release();
    }
    this.drainTimer = setTimeout(() => this.shutDownRunningTasks(), drain);
    this.stopPromise = this.runPromise.catch(() => undefined);
    return this.stopPromise;
  }

  /** The stop deadline passed: abort every open call; what is still unreported is reportFailed. */
  private abandon(): void {
    this.stopTimer = undefined;
    const pending = { inFlight: this.inFlight.size, polling: this.polling };
    this.logger.warn('stop deadline passed: aborting open calls', { ...pending, stopTimeoutMs: this.stopTimeoutMs });
    this.shutDownRunningTasks();
    this.calls.abortAll(new WorkerShuttingDownError(`The worker's stop deadline (${this.stopTimeoutMs} ms) passed.`));
  }

  /** Counts a call that hit its deadline. */
  private countTimeout(error: unknown): void {
    if ((error as Error)?.name === 'RequestTimeoutError') {
      this.stats.timeouts++;
    }
  }

  /** The worker's state, running tasks, open polls and counters. */
  public status(): WorkerStatus {
    return { state: this.state, inFlight: this.inFlight.size, polling: this.polling, stats: { ...this.stats } };
  }

  // ---- polling

  private get stopping(): boolean {
    return this.state !== 'running';
  }

  private async slotLoop(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      const paused = this.pollsPausedUntil - Date.now();
      if (paused > 0) {
        await this.interruptibleSleep(paused);
        continue;
      }
      if (this.polling < this.maxPolls) {
        this.polling++;
      } else if (!(await this.acquirePoll())) {
        break;
      }
      const started = Date.now();
      let result: { taskToken?: string; input?: string } | undefined;
      try {
        this.stats.polls++;
        result = await this.calls.send(this.pollClient, new GetActivityTaskCommand({ activityArn: this.activityArn, workerName: this.workerName }), 'GetActivityTask', this.pollTimeoutMs);
        failures = 0;
        this.throttleStreak = 0;
      } catch (error) {
        this.releasePoll();
        if (this.calls.aborted) {
          break; // the stop deadline passed
        }
        this.stats.pollErrors++;
        this.countTimeout(error);
        failures++;
        const kind = classifyError(error);
        if (!isRetryable(kind)) {
          this.failFatally(error);
          break;
        }
        const delayMs = this.pollBackoff(kind, error, failures);
        this.emit('pollError', { error, consecutiveFailures: failures, delayMs });
        if (kind === ErrorKind.TRANSIENT) {
          this.logger.warn('poll failed, retrying', { error: describeError(error), consecutiveFailures: failures, delayMs });
        }
        await this.interruptibleSleep(delayMs);
        continue;
      }
      this.releasePoll();
      const token = result?.taskToken;
      if (!token) {
        this.stats.emptyPolls++;
        const elapsed = Date.now() - started;
        if (elapsed < this.minEmptyPollIntervalMs) {
          await this.interruptibleSleep(this.minEmptyPollIntervalMs * (0.5 + this.random() / 2));
        }
        continue;
      }
      await this.runTask(token, result?.input);
    }
  }

  /**
   * How long this slot waits after a failed poll. Capacity signals slow the pollers down, never
   * stop them: throttling pauses every poll of the worker (the token bucket is shared by the
   * account); `ActivityWorkerLimitExceeded` (1,000 pollers on the ARN) backs off this slot only,
   * so the polls still open keep their place. Both wait at least half their backoff ceiling.
   */
  private pollBackoff(kind: ErrorKind, error: unknown, failures: number): number {
    if (kind === ErrorKind.TRANSIENT) {
      return backoffDelay(this.pollRetry, failures, this.random);
    }
    this.stats.throttledPolls++;
    let consecutive: number;
    let delayMs: number;
    const reason = kind === ErrorKind.POLLER_LIMIT ? 'pollerLimit' as const : 'throttled' as const;
    if (reason === 'throttled') {
      consecutive = ++this.throttleStreak;
      delayMs = backoffDelay(this.throttleRetry, consecutive, this.random, 0.5);
      this.pollsPausedUntil = Math.max(this.pollsPausedUntil, Date.now() + delayMs);
    } else {
      consecutive = failures;
      delayMs = backoffDelay(this.throttleRetry, consecutive, this.random, 0.5);
    }
    this.emit('pollThrottled', { reason, error, consecutive, delayMs });
    this.logger.warn(reason === 'throttled'
      ? 'GetActivityTask is throttled: every poll of this worker waits'
      : 'the activity has the most pollers Step Functions allows (ActivityWorkerLimitExceeded): this poll waits', {
      error: describeError(error), consecutive, delayMs, openPolls: this.polling,
    });
    return delayMs;
  }

  /** Waits for a poll permit (when `maxConcurrentPolls` < `concurrency`); false when stopping. */
  private async acquirePoll(): Promise<boolean> {
    while (this.polling >= this.maxPolls) {
      if (this.stopping) {
        return false;
      }
      await new Promise<void>((resolve) => this.pollWaiters.push(resolve));
    }
    if (this.stopping) {
      return false;
    }
    this.polling++;
    return true;
  }

  private releasePoll(): void {
    this.polling--;
    this.pollWaiters.shift()?.();
  }

  private failFatally(error: unknown): void {
    const name = (error as Error)?.name ?? 'Error';
    this.fatal = new FatalPollError(`GetActivityTask failed with ${name}: ${(error as Error)?.message}. The worker stopped. Fix: check the activity ARN (${this.activityArn}) and its Region, the worker's states:GetActivityTask permission, and for a customer managed KMS key its key policy.`, { cause: error });
    this.logger.error('polling cannot work, stopping', { error: describeError(error) });
    void this.stop();
  }

  private interruptibleSleep(ms: number): Promise<void> {
    if (this.stopping || ms <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  // ---- tasks

  private async runTask(token: string, rawInput: string | undefined): Promise<void> {
    const task = new Task(token);
    this.stats.tasks++;
    this.inFlight.add(task);
    this.metrics.taskStarted();
    try {
      if (this.stopping && Date.now() >= this.drainDeadline) {
        // A poll opened before the stop returned a task after the drain deadline: hand it back
        // at once rather than let it wait for its timeout.
        await this.shutDown(task);
        return;
      }
      let input: I;
      try {
        input = (rawInput === undefined || rawInput === '' ? null : JSON.parse(rawInput)) as I;
      } catch (e) {
        await this.report(task, { ok: false, failure: failure('Worker.InvalidInput', `The task input is not valid JSON: ${(e as Error).message}.`) }, 'invalidInput');
        return;
      }
      if (this.listenerCount('taskStarted') > 0) {
        this.emit('taskStarted', { taskToken: token, input, receivedAt: task.receivedAt });
      }
      this.scheduleHeartbeat(task);
      let outcome: Settled | undefined;
      let result: unknown;
      try {
        result = this.handler(input, new Context(this.contextHost, task));
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (outcome === undefined && isThenable(result)) {
        const pending = result;
        outcome = await new Promise<Settled | undefined>((resolve) => {
          task.abandon = () => resolve(undefined);
          pending.then((value) => resolve({ ok: true, value }), (error) => resolve({ ok: false, error }));
        });
        task.abandon = undefined;
        if (outcome === undefined) {
          if (task.finishing) {
            // Shutting down: the slot is done once the Worker.ShuttingDown failure is reported.
            await task.finishing;
            return;
          }
          // The task closed: give the handler a grace period to notice its signal, so that no more
          // than `concurrency` handlers run, but never wait forever for one that ignores it.
          if (!(await settlesWithin(Promise.resolve(pending).then(undefined, () => undefined), this.abortGraceMs))) {
            this.logger.warn('handler still running after its signal aborted; freeing its slot', { taskToken: abbreviate(token), abortGraceMs: this.abortGraceMs });
          }
          return;
        }
      } else if (outcome === undefined) {
        outcome = { ok: true, value: result };
      }
      if (outcome.ok) {
        await this.report(task, encodeOutput(outcome.value), 'invalidOutput');
      } else {
        await this.report(task, { ok: false, failure: failureFromError(outcome.error) }, 'handler');
      }
    } finally {
      this.stopHeartbeat(task);
      this.inFlight.delete(task);
      this.metrics.taskEnded();
    }
  }

  /**
   * Reports the task once: success with the encoded output, or failure. A task not in the
   * `running` state (closed, already reported, being shut down) is never reported again.
   */
  private async report(task: Task, encoded: ReturnType<typeof encodeOutput>, failureReason: WorkerFailureReason): Promise<void> {
    if (task.state !== 'running') {
      return;
    }
    task.state = 'reporting';
    this.stopHeartbeat(task);
    if (encoded.ok) {
      try {
        const delivery = await this.reporter.succeed(task.token, encoded.output);
        if (this.afterDelivery(task, 'SendTaskSuccess', delivery)) {
          this.stats.succeeded++;
          if (this.listenerCount('taskSucceeded') > 0) {
            this.emit('taskSucceeded', { taskToken: task.token, durationMs: Date.now() - task.started, attempts: delivery.attempts });
          }
        }
        return;
      } catch (error) {
        if (!(error instanceof DeliveryError && classifyError(error.cause) === ErrorKind.INVALID_OUTPUT)) {
          this.reportFailed(task, 'SendTaskSuccess', error as Error);
          return;
        }
        // Step Functions rejected the output itself: report that instead of dropping the task.
        encoded = { ok: false, failure: failure('Worker.InvalidOutput', `[SW611] Step Functions rejected the handler's output with InvalidOutput: ${(error.cause as Error)?.message}. Fix: return plain JSON data within ${describeQuota('taskOutputSize')}.`) };
      }
    }
    await this.sendFailure(task, encoded.failure, failureReason);
  }

  private async sendFailure(task: Task, report: FailureReport, reason: WorkerFailureReason): Promise<void> {
    try {
      const delivery = await this.reporter.fail(task.token, report);
      if (this.afterDelivery(task, 'SendTaskFailure', delivery)) {
        this.stats.failed++;
        this.emit('taskFailed', { taskToken: task.token, durationMs: Date.now() - task.started, reason, error: report.error, cause: report.cause, attempts: delivery.attempts });
        const level = reason === 'handler' ? 'info' : 'warn';
        this.logger[level]('task failed', { taskToken: abbreviate(task.token), reason, error: report.error });
      }
    } catch (error) {
      this.reportFailed(task, 'SendTaskFailure', error as Error);
    }
  }

  /** Records what became of a completion; true when it was delivered. */
  private afterDelivery(task: Task, operation: string, delivery: Delivery): boolean {
    task.state = 'done';
    if (delivery.outcome === 'delivered') {
      return true;
    }
    this.stats.closed++;
    if (delivery.outcome === 'possiblyDelivered') {
      this.emit('completionAmbiguous', { taskToken: task.token, operation, attempts: delivery.attempts, serviceError: delivery.serviceError! });
      this.logger.warn('a retried completion answered TaskTimedOut: an earlier attempt probably completed the task', { taskToken: abbreviate(task.token), operation, attempts: delivery.attempts });
    } else {
      this.emit('taskClosed', { taskToken: task.token, serviceError: delivery.serviceError!, during: 'completion' });
      this.logger.warn('task closed before its completion was delivered', { taskToken: abbreviate(task.token), operation, serviceError: delivery.serviceError });
    }
    return false;
  }

  private reportFailed(task: Task, operation: string, error: Error): void {
    task.state = 'done';
    this.stats.reportFailures++;
    this.emit('reportFailed', { taskToken: task.token, operation, error });
    this.logger.error('could not report the task; it will time out in Step Functions', { taskToken: abbreviate(task.token), operation, error: describeError(error) });
  }

  /** The task closed (heartbeat answered TaskTimedOut, ...): abort the handler, send nothing. */
  private closeTask(task: Task, serviceError: string, error: Error): void {
    if (task.state !== 'running') {
      return;
    }
    task.state = 'done';
    this.stopHeartbeat(task);
    this.stats.closed++;
    task.abort(error);
    task.abandon?.();
    this.emit('taskClosed', { taskToken: task.token, serviceError, during: 'heartbeat' });
    this.logger.warn('task closed while running; handler aborted', { taskToken: abbreviate(task.token), serviceError });
  }

  /** Fails a task the worker will not finish (drain deadline passed) with `Worker.ShuttingDown`. */
  private async shutDown(task: Task): Promise<void> {
    if (task.state !== 'running') {
      return;
    }
    const report = failure('Worker.ShuttingDown', `[SW616] The worker ${this.workerName} stopped (SIGTERM, SIGINT or stop()) before the task finished; its drain timeout passed. Fix: add a Retry on Worker.ShuttingDown to the activity step so another worker runs it.`);
    task.state = 'reporting';
    this.stopHeartbeat(task);
    task.finishing = this.sendFailure(task, report, 'shuttingDown');
    task.abort(new WorkerShuttingDownError('The worker stopped before the task finished.'));
    task.abandon?.();
    await task.finishing;
  }

  private shutDownRunningTasks(): void {
    for (const task of this.inFlight) {
      void this.shutDown(task);
    }
  }

  // ---- heartbeats

  /** Schedules the task's next automatic heartbeat (the ticker sends it when due). */
  private scheduleHeartbeat(task: Task): void {
    if (!this.autoHeartbeat || task.state !== 'running') {
      task.nextBeatAt = 0;
      return;
    }
    task.nextBeatAt = Date.now() + this.heartbeatIntervalMs * (0.75 + this.random() / 4);
  }

  private stopHeartbeat(task: Task): void {
    task.nextBeatAt = 0;
  }

  /**
   * One timer for every task's heartbeats: it looks for due heartbeats a few times per interval,
   * so that a task shorter than an interval costs no timer at all.
   */
  private startHeartbeatTicker(): void {
    if (!this.autoHeartbeat) {
      return;
    }
    const period = Math.max(1, Math.min(1_000, this.heartbeatIntervalMs / 4));
    this.heartbeatTicker = setInterval(() => {
      if (this.inFlight.size === 0) {
        return;
      }
      const now = Date.now();
      for (const task of this.inFlight) {
        if (task.nextBeatAt !== 0 && now >= task.nextBeatAt) {
          task.nextBeatAt = 0;
          void this.sendHeartbeat(task, false).catch(() => undefined).then(() => this.scheduleHeartbeat(task));
        }
      }
    }, period);
    // The polls keep a running worker's process alive; heartbeats alone never should.
    this.heartbeatTicker.unref?.();
  }

  private manualHeartbeat(task: Task): Promise<void> {
    if (task.state !== 'running') {
      const reason = task.signal.reason;
      return Promise.reject(reason instanceof Error ? reason : new TaskClosedError('Unknown', 'The task is no longer running.'));
    }
    if (task.heartbeatInFlight) {
      return task.heartbeatInFlight;
    }
    if (Date.now() - task.lastHeartbeat < MANUAL_HEARTBEAT_COALESCE_MS) {
      return Promise.resolve();
    }
    this.stopHeartbeat(task);
    return this.sendHeartbeat(task, true).finally(() => this.scheduleHeartbeat(task));
  }

  private sendHeartbeat(task: Task, manual: boolean): Promise<void> {
    if (task.heartbeatInFlight) {
      return task.heartbeatInFlight;
    }
    const sending = (async () => {
      await this.limiter.take();
      if (task.state !== 'running') {
        return;
      }
      try {
        const delivery = await this.reporter.heartbeat(task.token, HEARTBEAT_ATTEMPTS);
        if (delivery.outcome === 'delivered') {
          task.lastHeartbeat = Date.now();
          this.stats.heartbeats++;
          this.emit('heartbeat', { taskToken: task.token, manual });
          return;
        }
        const error = new TaskClosedError(delivery.serviceError!, `SendTaskHeartbeat answered ${delivery.serviceError}: the task timed out, was completed elsewhere, or its execution ended. Stop working on it; nothing will be reported.`);
        this.closeTask(task, delivery.serviceError!, error);
        throw error;
      } catch (error) {
        if (error instanceof InvalidTaskTokenError) {
          const closed = new TaskClosedError('InvalidToken', error.message, { cause: error });
          this.closeTask(task, 'InvalidToken', closed);
          throw closed;
        }
        if (error instanceof TaskClosedError) {
          throw error;
        }
        this.emit('heartbeatError', { taskToken: task.token, error: error as Error });
        this.logger.warn('heartbeat failed', { taskToken: abbreviate(task.token), error: describeError(error) });
        throw error;
      }
    })();
    task.heartbeatInFlight = sending;
    void sending.catch(() => undefined).finally(() => {
      if (task.heartbeatInFlight === sending) {
        task.heartbeatInFlight = undefined;
      }
    });
    return sending;
  }

  // ---- stop

  private async finishStop(): Promise<void> {
    if (this.drainTimer) {
      clearTimeout(this.drainTimer);
    }
    if (this.stopTimer) {
      clearTimeout(this.stopTimer);
      this.stopTimer = undefined;
    }
    this.metrics.stop();
    if (this.heartbeatTicker) {
      clearInterval(this.heartbeatTicker);
    }
    this.limiter.releaseAll();
    process.removeListener('SIGTERM', this.signalHandler);
    process.removeListener('SIGINT', this.signalHandler);
    for (const client of this.ownedClients) {
      client.destroy();
    }
    this.state = 'stopped';
    this.emit('stopped', { error: this.fatal });
    this.logger.info('worker stopped', { ...this.stats });
    if (this.fatal) {
      throw this.fatal;
    }
  }
}

// Typed `on`/`once`/`off`/`emit` for the events above.
export interface ActivityWorker<I, O> {
  /** Calls `listener` on every `event` (see `ActivityWorkerEvents`). */
  on<K extends keyof ActivityWorkerEvents>(event: K, listener: (...args: ActivityWorkerEvents[K]) => void): this;
  /** Calls `listener` on the next `event` only. */
  once<K extends keyof ActivityWorkerEvents>(event: K, listener: (...args: ActivityWorkerEvents[K]) => void): this;
  /** Removes a listener added with `on` or `once`. */
  off<K extends keyof ActivityWorkerEvents>(event: K, listener: (...args: ActivityWorkerEvents[K]) => void): this;
  /** Emits `event` to its listeners (the worker's own use). */
  emit<K extends keyof ActivityWorkerEvents>(event: K, ...args: ActivityWorkerEvents[K]): boolean;
}

function checkArn(arn: unknown): string {
  if (typeof arn !== 'string' || !ACTIVITY_ARN.test(arn) || arn.length > QUOTAS.arnLength.value) {
    throw new WorkerConfigError(`activityArn '${String(arn)}' is not an activity ARN. Fix: pass arn:<partition>:states:<region>:<account>:activity:<name> (at most ${describeQuota('arnLength')}), e.g. from the ACTIVITY_ARN environment variable the hosting construct sets.`);
  }
  return arn;
}

function checkWorkerName(name: string): string {
  if (name.length < 1 || name.length > QUOTAS.workerNameLength.value) {
    throw new WorkerConfigError(`workerName is ${name.length} characters long. Limit: 1 to ${describeQuota('workerNameLength')}. Fix: use a shorter name.`);
  }
  return name;
}

function positiveInteger(option: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new WorkerConfigError(`${option} is ${value}. It must be a whole number of at least 1. Fix: set ${option} to 1 or more.`);
  }
  return value;
}

function positiveNumber(option: string, value: number): number {
  if (!(typeof value === 'number' && value > 0 && Number.isFinite(value))) {
    throw new WorkerConfigError(`${option} is ${value}. It must be a positive number. Fix: set ${option} above 0.`);
  }
  return value;
}

function nonNegative(option: string, value: number): number {
  if (!(typeof value === 'number' && value >= 0 && Number.isFinite(value))) {
    throw new WorkerConfigError(`${option} is ${value}. It must be 0 or more milliseconds.`);
  }
  return value;
}

function heartbeatInterval(options: ActivityWorkerOptions<any, any>): number {
  const seconds = options.activityHeartbeatSeconds;
  if (seconds !== undefined && !(seconds > 0 && Number.isFinite(seconds))) {
    throw new WorkerConfigError(`activityHeartbeatSeconds is ${seconds}. It must be the HeartbeatSeconds of the activity steps, a positive number.`);
  }
  if (options.heartbeatIntervalMs === undefined) {
    return seconds !== undefined ? Math.floor((seconds * 1000) / 3) : DEFAULT_HEARTBEAT_MS;
  }
  const interval = positiveNumber('heartbeatIntervalMs', options.heartbeatIntervalMs);
  if (seconds !== undefined && interval >= seconds * 1000) {
    throw new WorkerConfigError(`heartbeatIntervalMs is ${interval}, not below the activity's heartbeat of ${seconds} s: the task would time out between two heartbeats. Fix: use at most a third of it (${Math.floor((seconds * 1000) / 3)} ms) to leave room for retries, or leave heartbeatIntervalMs unset.`);
  }
  return interval;
}

/** Whether `promise` settles within `ms` milliseconds (the timer is cleared either way). */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    void promise.then(() => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** The start and end of a token, for logs (a token is up to 2,048 characters). */
function abbreviate(token: string): string {
  return token.length <= 24 ? token : `${token.slice(0, 12)}…${token.slice(-8)}`;
}
