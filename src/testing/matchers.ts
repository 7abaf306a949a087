import { LocalRun } from './run';

/**
 * The matchers on `expect(run)`, for the test runner's types. `cdk-stepwise/testing/jest` adds them
 * to `jest.Matchers` (with `@types/jest`), `cdk-stepwise/testing/vitest` to Vitest's `Assertion`;
 * with `@jest/globals`, add them yourself:
 *
 * ```ts
 * import type { LocalRunMatchers } from 'cdk-stepwise/testing';
 * declare module 'expect' { interface Matchers<R> extends LocalRunMatchers<R> {} }
 * ```
 */
export interface LocalRunMatchers<R> {
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

/** What a matcher uses of the `this` Jest and Vitest give it. */
export interface MatcherContext {
  /** Whether the matcher was called through `.not`. */
  readonly isNot: boolean;
  /** The test runner's formatting helpers. */
  readonly utils: {
    /** Formats an expected value for a failure message. */
    printExpected(value: unknown): string;
  };
  /** The test runner's deep equality. */
  equals(a: unknown, b: unknown): boolean;
}

/** What a matcher returns to Jest and Vitest. */
export interface MatcherResult {
  /** Whether the expectation holds. */
  readonly pass: boolean;
  /** The failure message, built only when the test runner shows it. */
  readonly message: () => string;
}

type Result = MatcherResult;

/** A matcher, as `expect.extend()` takes it in Jest and Vitest. */
export type LocalRunMatcher = (this: MatcherContext, received: unknown, ...expected: any[]) => MatcherResult;

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
 * Matchers for `LocalRun`, for Jest and Vitest (`expect.extend(matchers)`). Importing
 * `cdk-stepwise/testing/jest` or `cdk-stepwise/testing/vitest` (in a setup file, or at the top
 * of a test file) installs them and declares their types; `LocalRunMatchers` is the interface to
 * declare them on for other setups.
 */
export const matchers: Record<keyof LocalRunMatchers<unknown>, LocalRunMatcher> = {
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
