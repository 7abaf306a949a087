import { StatesError } from './engine/states-error';
import { InvalidMockError, MockExhaustedError } from './errors';
import { TaskFailure } from '../core/task-failure';

/** What a `TaskMock.fn()` handler is told about the call. */
export interface TaskMockCall {
  /** The Task state's name. */
  readonly stateName: string;
  /** Where it ran: `Fanout/Branches[1]/Notify`, `Process/ItemProcessor[2]/Charge`. */
  readonly statePath: string;
  /** The state's `Resource`, CloudFormation placeholders included. */
  readonly resource: string;
  /** The Context Object as the state sees it (`$$` / `$states.context`). */
  readonly context: unknown;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
  /** How many times this state's mock was called before in this run (all attempts, all Map iterations). */
  readonly call: number;
}


type Step =
  | { readonly kind: 'result'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: string; readonly cause: string }
  | { readonly kind: 'fn'; readonly fn: (input: any, call: TaskMockCall) => unknown }
  | { readonly kind: 'sequence'; readonly steps: readonly TaskMock[] };

/**
 * What a Task state returns in a local run, instead of calling AWS. Mocks are keyed by state name:
 *
 * ```ts
 * mocks: {
 *   'Validate': TaskMock.result({ valid: true }),
 *   'Charge card': TaskMock.sequence(
 *     TaskMock.error('Payment.Throttled', 'slow down'),
 *     TaskMock.result({ chargeId: 'c-1' }),
 *   ),
 *   'Notify': TaskMock.fn((input) => ({ sent: input.email })),
 * }
 * ```
 *
 * A mock is a description; it keeps no state between runs. The result is what the service returns
 * (the state's `$states.result`, before ResultSelector / ResultPath / OutputPath): for a
 * `LambdaInvoke` without `payloadResponseOnly`, that is `{ Payload: ... }`.
 */
export class TaskMock {
  /** Every call returns this JSON value. */
  public static result(value: unknown): TaskMock {
    return new TaskMock({ kind: 'result', value });
  }

  /** Every call fails with this error name and cause, as the service would (`States.Timeout`, `Lambda.ServiceException`, ...). */
  public static error(error: string, cause: string = ''): TaskMock {
    return new TaskMock({ kind: 'error', error, cause });
  }

  /**
   * The first call uses the first step, the second call the second, and so on; a call past the
   * last step is an error (SW803). Retries count as calls, so
   * `sequence(error, error, result)` succeeds on the third attempt.
   */
  public static sequence(...steps: TaskMock[]): TaskMock {
    if (steps.length === 0) {
      throw new InvalidMockError('(sequence)', 'TaskMock.sequence() needs at least one step.');
    }
    return new TaskMock({ kind: 'sequence', steps });
  }

  /** Shorthand for a sequence of results: `results(a, b)` is `sequence(result(a), result(b))`. */
  public static results(...values: unknown[]): TaskMock {
    return TaskMock.sequence(...values.map((v) => TaskMock.result(v)));
  }

  /**
   * Computes the result from the effective input. Throw a `TaskFailure` to fail the Task with a
   * Step Functions error; any other exception aborts the run and reaches your test as is.
   */
  public static fn(handler: (input: any, call: TaskMockCall) => unknown): TaskMock {
    return new TaskMock({ kind: 'fn', fn: handler });
  }

  private constructor(private readonly step: Step) {}

  /** @internal Runs the mock for one call. */
  public async _invoke(input: unknown, call: TaskMockCall): Promise<unknown> {
    const step = this.step;
    switch (step.kind) {
      case 'result':
        return checkJson(call.stateName, step.value);
      case 'error':
        throw new StatesError(step.error, step.cause);
      case 'sequence': {
        const next = step.steps[call.call];
        if (!next) {
          throw new MockExhaustedError(call.stateName, call.call + 1, step.steps.length);
        }
        return next._invoke(input, call);
      }
      case 'fn': {
        let value: unknown;
        try {
          value = await step.fn(structuredClone(input), call);
        } catch (e) {
          if (e instanceof TaskFailure) {
            throw new StatesError(e.error, e.failureCause ?? '');
          }
          throw e;
        }
        return checkJson(call.stateName, value);
      }
    }
  }
}

/** A mock result must be JSON: the runner copies it so later states cannot change the mock. */
function checkJson(stateName: string, value: unknown): unknown {
  if (value === undefined) {
    throw new InvalidMockError(stateName, 'the mock returned undefined; a Task result must be a JSON value (use null for "nothing").');
  }
  try {
    return JSON.parse(JSON.stringify(value));
  } catch (e) {
    throw new InvalidMockError(stateName, `the mock result is not JSON: ${(e as Error).message}.`);
  }
}
