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
 * An error thrown by cdk-stepwise when a construct is built with props that can never work.
 * Its message follows `formatFinding`; `code` and `finding` are there for tools and tests.
 */
export class StepwiseError extends Error {
  public readonly code: string;
  public readonly finding: Finding;

  constructor(finding: Omit<Finding, 'severity'>, constructPath?: string) {
    const full: Finding = { ...finding, severity: Severity.ERROR };
    super(formatFinding(full, constructPath));
    this.name = 'StepwiseError';
    this.code = finding.code;
    this.finding = full;
  }
}
