import { Severity } from '../finding';

/**
 * What one finding code means. Every code cdk-stepwise can report has one entry, and the table of
 * codes in docs/validation.md is generated from these entries.
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

/**
 * A family of codes, keyed by code: `defineCodes({ SW101: { title, severity, meaning, fix } })`.
 * Each entry gets its `code` from its key, so a code is written once.
 */
export function defineCodes<K extends string>(entries: Record<K, Omit<CodeInfo, 'code'>>): Record<K, CodeInfo> {
  const out = {} as Record<K, CodeInfo>;
  for (const code of Object.keys(entries) as K[]) {
    out[code] = { code, ...entries[code] };
  }
  return out;
}
