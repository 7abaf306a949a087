import { Annotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { formatFinding } from '../../core/errors';
import { Finding, Severity } from '../../core/finding';
import { ReportedFinding } from '../report-model';

/**
 * Turns warnings and infos into acknowledgeable Annotations (`cdk-stepwise:<code>`); errors are
 * returned to `addValidation` by the caller. Returns the findings with whether each was acknowledged.
 */
export function annotate(target: IConstruct, findings: Finding[]): ReportedFinding[] {
  return findings.map((f) => {
    if (f.severity === Severity.ERROR) {
      return f;
    }
    const message = formatFinding(f);
    const id = `cdk-stepwise:${f.code}`;
    const annotations = withoutStackTraces(() => Annotations.of(target));
    if (f.severity === Severity.WARNING) {
      annotations.addWarningV2(id, message);
    } else {
      annotations.addInfoV2(id, message);
    }
    // An acknowledged annotation is not added: its absence is how we know.
    const acknowledged = !target.node.metadata.some((m) => typeof m.data === 'string' && m.data.startsWith(message));
    return acknowledged ? { ...f, acknowledged } : f;
  });
}

/**
 * Annotations without a stack trace. A finding is raised during validation, so its trace would
 * point into cdk-stepwise rather than to the user's code, and capturing one costs about a
 * millisecond under ts-node's source maps. `Annotations` reads this switch when it is created.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const before = process.env.CDK_DISABLE_STACK_TRACE;
  process.env.CDK_DISABLE_STACK_TRACE = '1';
  try {
    return fn();
  } finally {
    if (before === undefined) {
      delete process.env.CDK_DISABLE_STACK_TRACE;
    } else {
      process.env.CDK_DISABLE_STACK_TRACE = before;
    }
  }
}
