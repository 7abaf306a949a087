import { Severity } from '../finding';

/**
 * What one finding code means. Every code cdk-stepwise can report has one entry, and the README's
 * table of codes is checked against these entries.
 */
export interface CodeInfo {
  /** `SW` and three digits. */
  readonly code: string;
  /** A few words, e.g. `State name too long`. */
  readonly title: string;
  /** The severity the code is reported with. */
  readonly severity: Severity;
  /** What the code means, one or two sentences. */
  readonly meaning: string;
  /** How to fix it. */
  readonly fix: string;
}
