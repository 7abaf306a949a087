import { Finding } from '../../src/core/finding';
import { Rule, ValidationSettings } from '../../src/validation/private/context';
import { validateDefinition } from '../../src/validation/validate';

/** A definition whose StartAt is its first state. */
export function machine(states: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, any> {
  return { StartAt: Object.keys(states)[0], States: states, ...extra };
}

/** Runs one rule on a definition. */
export function check(rule: Rule, definition: unknown, settings: ValidationSettings = {}): Finding[] {
  return validateDefinition(definition, settings, [rule]);
}

/** The findings with a code. */
export function withCode(findings: Finding[], code: string): Finding[] {
  return findings.filter((f) => f.code === code);
}

/** A Task that passes every hygiene check: timeout, no callback, not Lambda. */
export function task(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', TimeoutSeconds: 30, End: true, ...extra };
}
