import { InterpreterResult, StateRecord } from './engine/interpreter';

/**
 * The result of one local run: how it ended, and every state it entered.
 *
 * Paths: states at the top level are named as they are (`Charge`); states inside a Parallel branch
 * or a Map iteration are named with their scope, `Fanout/Branches[1]/Notify` (branch 1 of the
 * Parallel `Fanout`) or `Process/ItemProcessor[2]/Charge` (the iteration over item 2 of the Map
 * `Process`). Branches and iterations run one after another, in order, so `states` is stable
 * from run to run.
 */
export class LocalRun {
  /** `SUCCEEDED` or `FAILED`. */
  public readonly status: 'SUCCEEDED' | 'FAILED';
  /** The execution's output, when it succeeded. */
  public readonly output: unknown;
  /** The error name, when it failed. */
  public readonly error?: string;
  /** The error cause, when it failed. */
  public readonly cause?: string;
  /** Every state entered, in the order entered, in every scope. */
  public readonly states: readonly StateRecord[];
  /** The top-level workflow variables when the run ended. */
  public readonly variables: Readonly<Record<string, unknown>>;

  /** @internal */
  constructor(result: InterpreterResult) {
    this.status = result.status;
    this.output = result.output;
    this.error = result.error;
    this.cause = result.cause;
    this.states = result.states;
    this.variables = result.variables;
  }

  /** Whether the execution succeeded. */
  public get succeeded(): boolean {
    return this.status === 'SUCCEEDED';
  }

  /** The names of the states entered at the top level, in order (a state entered twice appears twice). */
  public get path(): string[] {
    return this.pathIn('');
  }

  /**
   * The names of the states entered in one scope, in order: `pathIn('Fanout/Branches[0]')`,
   * `pathIn('Process/ItemProcessor[2]')`; `''` is the top level.
   */
  public pathIn(scope: string): string[] {
    return this.states.filter((s) => s.scope === scope).map((s) => s.name);
  }

  /**
   * The records of a state, once per entry: by name (`Charge`, every scope) or by state path
   * (`Process/ItemProcessor[2]/Charge`, that one place).
   */
  public entriesOf(state: string): StateRecord[] {
    return this.states.filter((s) => s.name === state || s.statePath === state);
  }

  /**
   * How many times a state's work ran, retries included, summed over all its entries (so a Task in
   * a Map over 3 items that each succeed at once has 3). By name or state path, as for `entriesOf`.
   */
  public attemptsOf(state: string): number {
    return this.entriesOf(state).reduce((n, s) => n + s.attempts, 0);
  }

  /** One line: how the run ended and its top-level path. Used in matcher messages. */
  public describe(): string {
    const how = this.succeeded ? `SUCCEEDED with ${JSON.stringify(this.output)}` : `FAILED with ${this.error}: ${this.cause}`;
    return `${how}; path: ${this.path.join(' -> ') || '(none)'}`;
  }
}
