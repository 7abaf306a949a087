/*
 * Validation as a pure function: the rendered definition plus the state machine's settings in,
 * findings out. No construct, no file, no clock: the wiring (checks.ts), the public entry points
 * (validator.ts) and the report (report.ts) all call this.
 */
import { Finding } from '../core/finding';
import { Rule, ValidationSettings, runRule } from './private/context';
import { ASL_RULES } from './rules/asl';
import { EXPRESS_RULES } from './rules/express';
import { HYGIENE_RULES } from './rules/hygiene';
import { QUOTA_RULES } from './rules/quotas';
import { DefinitionModel, buildModel, isObject } from '../core/asl/model';
import { DefinitionSize, measureDefinition } from '../core/asl/size';
import { CODES } from '../core/codes';
import { findingOf } from '../core/errors';

export type { ValidationSettings, TagEntry } from './private/context';

/** Every rule, in the order it runs: quotas, ASL, Express, hygiene. */
export const ALL_RULES: readonly Rule[] = [...QUOTA_RULES, ...ASL_RULES, ...EXPRESS_RULES, ...HYGIENE_RULES];

/** A definition parsed, modelled and measured, ready for the rules (or the report). */
export interface PreparedDefinition {
  readonly model: DefinitionModel;
  readonly size: DefinitionSize;
}

/**
 * Parses (when given text), models and measures a definition. Returns a finding instead when the
 * definition is not a JSON object.
 */
export function prepareDefinition(definition: unknown, settings: ValidationSettings = {}): PreparedDefinition | Finding {
  let parsed = definition;
  let text = settings.definitionText;
  if (typeof definition === 'string') {
    text = text ?? definition;
    try {
      parsed = JSON.parse(definition);
    } catch (e) {
      return invalidDefinition(`the definition is not valid JSON: ${(e as Error).message}`);
    }
  }
  if (!isObject(parsed)) {
    const what = parsed === null ? 'null' : Array.isArray(parsed) ? 'an array' : typeof parsed;
    return invalidDefinition(`the definition is ${what}, not a JSON object with StartAt and States`);
  }
  const model = buildModel(parsed, settings.workflowType ?? 'STANDARD');
  const size = measureDefinition(text ?? JSON.stringify(parsed), settings.tokens, settings.resourceTypes);
  return { model, size };
}

/**
 * Validates a state machine definition: the definition (parsed JSON, or its text) and what is
 * known of the state machine (type, timeout, name, tags, logging). Never throws; returns the
 * findings, errors and warnings alike, in rule order then document order.
 *
 * @param definition the definition, parsed or as text (placeholders for CloudFormation values allowed)
 * @param settings the state machine's settings; a check that needs a missing one is skipped
 * @param rules the rules to run (all of them unless a test says otherwise)
 */
export function validateDefinition(definition: unknown, settings: ValidationSettings = {}, rules: readonly Rule[] = ALL_RULES): Finding[] {
  const prepared = prepareDefinition(definition, settings);
  if (!('model' in prepared)) {
    return [prepared];
  }
  return runRules(prepared, settings, rules);
}

/** Runs rules on a prepared definition. */
export function runRules(prepared: PreparedDefinition, settings: ValidationSettings, rules: readonly Rule[] = ALL_RULES): Finding[] {
  const findings: Finding[] = [];
  for (const rule of rules) {
    findings.push(...runRule(rule, prepared.model, settings, prepared.size));
  }
  return findings;
}

/** The SW201 finding for a definition that is not a JSON object. */
export function invalidDefinition(message: string): Finding {
  return findingOf({
    code: CODES.SW201,
    statePath: '',
    message,
    fix: 'Fix the definition so that it is a JSON object with StartAt and States (the message says what is wrong), then validate again.',
  });
}
