import { LocalRun } from './run';

/* eslint-disable @typescript-eslint/no-namespace */
declare global {
  namespace jest {
    interface Matchers<R> {
      /** The run succeeded. */
      toHaveSucceeded(): R;
      /** The run succeeded with an output equal (recursively) to `expected`. */
      toHaveSucceededWith(expected: unknown): R;
      /** The run failed with this error name, and, if given, a cause that equals the string or matches the RegExp. */
      toHaveFailedWith(error: string, cause?: string | RegExp): R;
      /** The states entered at the top level are exactly these, in this order (see `LocalRun.path`). */
      toHaveVisited(path: string[]): R;
      /** The run entered this state at least once: by name (any scope) or by state path (`Fanout/Branches[0]/Notify`). */
      toHaveEntered(state: string): R;
      /** The state's work ran this many times in total, retries included (see `LocalRun.attemptsOf`). */
      toHaveAttempted(state: string, times: number): R;
    }
  }
}

type Result = { pass: boolean; message: () => string };

type MatcherContext = jest.MatcherContext;

function asRun(received: unknown, matcher: string): LocalRun {
  if (!(received instanceof LocalRun)) {
    throw new Error(`${matcher}: expected a LocalRun (the result of LocalWorkflow.run()), received ${typeof received}. Did you forget to await run()?`);
  }
  return received;
}

function result(ctx: MatcherContext, pass: boolean, what: string, run: LocalRun): Result {
  return { pass, message: () => `expected the run ${ctx.isNot ? 'not ' : ''}to ${what}\nbut it ${run.describe()}` };
}

/**
 * Jest matchers for `LocalRun`. Install them once, for example in a jest setup file
 * (`setupFilesAfterEach`) or at the top of a test file:
 *
 * ```ts
 * import { matchers } from 'cdk-stepwise/testing';
 * expect.extend(matchers);
 * ```
 *
 * Importing `cdk-stepwise/testing` also declares their types on `jest.Matchers`.
 */
export const matchers: jest.ExpectExtendMap = {
  toHaveSucceeded(this: MatcherContext, received: unknown): Result {
    const run = asRun(received, 'toHaveSucceeded');
    return result(this, run.succeeded, 'succeed', run);
  },

  toHaveSucceededWith(this: MatcherContext, received: unknown, expected: unknown): Result {
    const run = asRun(received, 'toHaveSucceededWith');
    return result(this, run.succeeded && this.equals(run.output, expected), `succeed with ${this.utils.printExpected(expected)}`, run);
  },

  toHaveFailedWith(this: MatcherContext, received: unknown, error: string, cause?: string | RegExp): Result {
    const run = asRun(received, 'toHaveFailedWith');
    const causeMatches = cause === undefined
      || (cause instanceof RegExp ? cause.test(run.cause ?? '') : run.cause === cause);
    const what = `fail with ${error}${cause === undefined ? '' : ` and cause ${String(cause)}`}`;
    return result(this, !run.succeeded && run.error === error && causeMatches, what, run);
  },

  toHaveVisited(this: MatcherContext, received: unknown, path: string[]): Result {
    const run = asRun(received, 'toHaveVisited');
    return result(this, this.equals(run.path, path), `visit ${this.utils.printExpected(path)}`, run);
  },

  toHaveEntered(this: MatcherContext, received: unknown, state: string): Result {
    const run = asRun(received, 'toHaveEntered');
    const entered = run.entriesOf(state).length > 0;
    return {
      pass: entered,
      message: () => `expected the run ${this.isNot ? 'not ' : ''}to enter '${state}'\nstates entered: ${run.states.map((s) => s.statePath).join(', ') || '(none)'}`,
    };
  },

  toHaveAttempted(this: MatcherContext, received: unknown, state: string, times: number): Result {
    const run = asRun(received, 'toHaveAttempted');
    const actual = run.attemptsOf(state);
    return {
      pass: actual === times,
      message: () => `expected '${state}' ${this.isNot ? 'not ' : ''}to run ${times} time(s), it ran ${actual} time(s)\n${run.describe()}`,
    };
  },
};
