import { CodeInfo } from './codes/types';
import { Finding, Severity } from './finding';

/**
 * The one way cdk-stepwise words a problem, for thrown errors and Annotations alike:
 *
 *   [SW101] Orders/Workflow, state 'Validate order': the state name is 81 characters long.
 *   Limit: 80 characters. Found: 81 characters. Fix: shorten the name.
 */
export function formatFinding(finding: Finding, constructPath?: string): string {
  const where = [
    constructPath,
    finding.statePath ? `state '${finding.statePath}'` : undefined,
  ].filter((x) => x).join(', ');
  const sentence = /[.!?]$/.test(finding.message) ? finding.message : `${finding.message}.`;
  const parts = [`[${finding.code}] ${where ? `${where}: ` : ''}${sentence}`];
  if (finding.limit !== undefined) {
    parts.push(`Limit: ${finding.limit}.`);
  }
  if (finding.actual !== undefined) {
    parts.push(`Found: ${finding.actual}.`);
  }
  parts.push(`Fix: ${/[.!?]$/.test(finding.fix) ? finding.fix : `${finding.fix}.`}`);
  return parts.join(' ');
}

/**
 * A problem found while building: its code from the registry, where it is and what was found.
 * The severity comes from the registry, and so does the fix unless the problem has its own.
 */
export interface Problem {
  readonly code: CodeInfo;
  readonly statePath: string;
  readonly message: string;
  readonly limit?: string;
  readonly actual?: string;
  /** A fix specific to this problem. @default - the code's fix from the registry */
  readonly fix?: string;
}

/** The finding of a problem: its code's severity, and the code's fix unless it has its own. */
export function findingOf(problem: Problem): Finding {
  const { code, fix, ...rest } = problem;
  return { ...rest, code: code.code, severity: code.severity, fix: fix ?? code.fix };
}

/**
 * An error thrown by cdk-stepwise when a construct is built with props that can never work.
 * Its message follows `formatFinding`; `code` and `finding` are there for tools and tests.
 */
export class StepwiseError extends Error {
  public readonly code: string;
  public readonly finding: Finding;

  constructor(problem: Problem, constructPath?: string) {
    if (problem.code.severity !== Severity.ERROR) {
      // The registry says how serious a code is; a warning is reported, never thrown.
      throw new Error(`cdk-stepwise: ${problem.code.code} is a ${problem.code.severity} in the codes registry and cannot be thrown`);
    }
    const finding = findingOf(problem);
    super(formatFinding(finding, constructPath));
    this.name = 'StepwiseError';
    this.code = finding.code;
    this.finding = finding;
  }
}
