/**
 * How serious a finding is.
 */
export enum Severity {
  /** Step Functions or CloudFormation would reject this, or it fails at run time every time. Fails the synth. */
  ERROR = 'ERROR',
  /** Likely wrong, or close to a limit. Reported as an acknowledgeable warning. */
  WARNING = 'WARNING',
  /** Worth knowing; never fails anything. */
  INFO = 'INFO',
}

/**
 * One problem found in a state machine, by validation or by a construct.
 */
export interface Finding {
  /** Stable code, e.g. `SW101`. docs/validation.md lists every code with its meaning and fix. */
  readonly code: string;

  /** How serious the finding is. */
  readonly severity: Severity;

  /**
   * Where in the definition: state names from the top level down, with `Branches[i]` and
   * `ItemProcessor` segments for nested scopes, joined by `/` (for example
   * `Notify/Branches[0]/Send email`). Empty for the state machine as a whole.
   */
  readonly statePath: string;

  /** What was found, in one sentence, naming the state. */
  readonly message: string;

  /**
   * The limit or rule that applies, e.g. `80 characters`.
   *
   * @default - no single limit applies
   */
  readonly limit?: string;

  /**
   * The value found, e.g. `81 characters`.
   *
   * @default - no single value applies
   */
  readonly actual?: string;

  /** How to fix it. */
  readonly fix: string;
}
