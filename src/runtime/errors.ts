/*
 * Typed errors of the worker runtime. Each has a `name` (for `instanceof`-free checks across
 * package copies) and a stable `code` from the SW6xx registry (src/validation/codes/activities.ts).
 */

import { CODES, CodeInfo } from '../core/codes';

// One TaskFailure for worker handlers and local mocks alike.
export { TaskFailure } from '../core/task-failure';

/** Base class of every error the runtime throws. */
export class StepwiseRuntimeError extends Error {
  /** The SW6xx code (docs/validation.md lists every code). */
  public readonly code: string;

  constructor(code: CodeInfo, message: string, options?: { cause?: unknown }) {
    super(`[${code.code}] ${message}`);
    this.name = 'StepwiseRuntimeError';
    this.code = code.code;
    if (options && 'cause' in options) {
      // `Error.cause` (ES2022); assigned so that Node 20 prints it too.
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, writable: true, configurable: true });
    }
  }
}

/** SW610: `new ActivityWorker(options)` with options that cannot work. */
export class WorkerConfigError extends StepwiseRuntimeError {
  constructor(message: string) {
    super(CODES.SW610, message);
    this.name = 'WorkerConfigError';
  }
}

/** SW612: a task token that is malformed, or that Step Functions rejected with `InvalidToken`. */
export class InvalidTaskTokenError extends StepwiseRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(CODES.SW612, message, options);
    this.name = 'InvalidTaskTokenError';
  }
}

/**
 * SW613: the task is closed (Step Functions answered `TaskTimedOut` or `TaskDoesNotExist`).
 * The reason an activity handler's `signal` aborts when its task times out.
 */
export class TaskClosedError extends StepwiseRuntimeError {
  /** The Step Functions error name: `TaskTimedOut` or `TaskDoesNotExist` (`InvalidToken` for a heartbeat). */
  public readonly serviceError: string;

  constructor(serviceError: string, message: string, options?: { cause?: unknown }) {
    super(CODES.SW613, message, options);
    this.name = 'TaskClosedError';
    this.serviceError = serviceError;
  }
}

/** SW614: a SendTask* call that failed after every retry, or with an error retries cannot fix. */
export class DeliveryError extends StepwiseRuntimeError {
  /** The API that failed: `SendTaskSuccess`, `SendTaskFailure` or `SendTaskHeartbeat`. */
  public readonly operation: string;
  /** How many times it was tried. */
  public readonly attempts: number;

  constructor(operation: string, attempts: number, message: string, options?: { cause?: unknown }) {
    super(CODES.SW614, message, options);
    this.name = 'DeliveryError';
    this.operation = operation;
    this.attempts = attempts;
  }
}

/** SW615: GetActivityTask failed with an error no retry can fix; the worker stopped. */
export class FatalPollError extends StepwiseRuntimeError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(CODES.SW615, message, options);
    this.name = 'FatalPollError';
  }
}

/**
 * SW617: a Step Functions call got no complete answer within its deadline (a silent socket, a
 * half-open connection, a response that drips in too slowly). The request was aborted, which closes
 * its socket; the worker retries it (a poll with backoff, a SendTask* call within its attempts).
 */
export class RequestTimeoutError extends StepwiseRuntimeError {
  /** The API that timed out: `GetActivityTask`, `SendTaskSuccess`, `SendTaskFailure` or `SendTaskHeartbeat`. */
  public readonly operation: string;
  /** The deadline that passed, in milliseconds. */
  public readonly timeoutMs: number;

  constructor(operation: string, timeoutMs: number) {
    super(CODES.SW617, `${operation} got no complete answer within ${timeoutMs} ms; the request was aborted.`);
    this.name = 'RequestTimeoutError';
    this.operation = operation;
    this.timeoutMs = timeoutMs;
  }
}

/** SW618: `start()` on a worker that was stopped: a worker runs once. */
export class WorkerStateError extends StepwiseRuntimeError {
  constructor(message: string) {
    super(CODES.SW618, message);
    this.name = 'WorkerStateError';
  }
}

/**
 * SW616: the worker stopped before the task finished. The reason an activity handler's
 * `signal` aborts at the drain deadline.
 */
export class WorkerShuttingDownError extends StepwiseRuntimeError {
  constructor(message: string) {
    super(CODES.SW616, message);
    this.name = 'WorkerShuttingDownError';
  }
}

/** SW611: output a callback helper cannot send (not JSON, or over 262,144 bytes). Nothing was sent. */
export class InvalidOutputError extends StepwiseRuntimeError {
  /** The failure the worker would report instead (`Worker.InvalidOutput` / `Worker.OutputTooLarge`). */
  public readonly error: string;

  constructor(error: string, message: string) {
    super(CODES.SW611, message);
    this.name = 'InvalidOutputError';
    this.error = error;
  }
}
