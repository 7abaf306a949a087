/*
 * Validation as a pure function: the rendered definition plus the state machine's settings in,
 * findings out. No construct, no file, no clock: the wiring (checks.ts), the public entry points
 * (validator.ts) and the report (report.ts) all call this.
 */
import { IValidationRule, RulePack, ValidationInput } from './options';
import { Finding } from '../core/finding';
import { Rule, ValidationSettings, runRule } from './private/context';
import { ASL_RULES } from './rules/asl';
import { DEPLOYMENT_RULES } from './rules/deployment';
import { DISTRIBUTED_MAP_RULES } from './rules/distributed-map';
import { EXPRESS_RULES } from './rules/express';
import { literalExpressionRule } from './rules/expressions';
import { HYGIENE_RULES } from './rules/hygiene';
import { QUOTA_RULES } from './rules/quotas';
import { SCHEMA_RULES } from './rules/schema';
import { DefinitionModel, buildModel, isObject } from '../core/asl/model';
import { DefinitionSize, measureDefinition } from '../core/asl/size';
import { CODES } from '../core/codes';
import { findingOf } from '../core/errors';

export type { ValidationSettings, TagEntry } from './private/context';

/** The built-in rules of each pack, in the order the packs run. */
export const RULE_PACKS: ReadonlyArray<readonly [RulePack, readonly Rule[]]> = [
  [RulePack.QUOTAS, QUOTA_RULES],
  [RulePack.ASL, [...ASL_RULES, ...SCHEMA_RULES, ...DISTRIBUTED_MAP_RULES]],
  [RulePack.EXPRESS, EXPRESS_RULES],
  [RulePack.HYGIENE, [...HYGIENE_RULES, literalExpressionRule]],
  [RulePack.DEPLOYMENT, DEPLOYMENT_RULES],
];

/** Every built-in rule, in the order it runs: quotas, ASL, Express, hygiene, deployment. */
export const ALL_RULES: readonly Rule[] = RULE_PACKS.flatMap(([, rules]) => rules);

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
export function validateDefinition(definition: unknown, settings: ValidationSettings = {}, rules?: readonly Rule[]): Finding[] {
  const prepared = prepareDefinition(definition, settings);
  if (!('model' in prepared)) {
    return [prepared];
  }
  return runRules(prepared, settings, rules);
}

/**
 * Runs rules on a prepared definition: the built-in rules of the packs the settings leave on (or
 * `rules`, for a test), then the user's own rules.
 */
export function runRules(prepared: PreparedDefinition, settings: ValidationSettings, rules?: readonly Rule[]): Finding[] {
  const disabled = new Set(settings.disabledRulePacks ?? []);
  const builtIn = rules ?? RULE_PACKS.filter(([pack]) => !disabled.has(pack)).flatMap(([, packRules]) => packRules);
  const findings: Finding[] = [];
  for (const rule of builtIn) {
    findings.push(...runRule(rule, prepared.model, settings, prepared.size));
  }
  if (settings.customRules?.length) {
    const input = validationInput(prepared.model, settings);
    for (const rule of settings.customRules) {
      findings.push(...runCustomRule(rule, input));
    }
  }
  return findings;
}

/** What a rule of the user's own sees. */
function validationInput(model: DefinitionModel, settings: ValidationSettings): ValidationInput {
  return {
    definition: model.root,
    states: model.states.map((s) => ({ name: s.name, statePath: s.path, type: s.type ?? '', queryLanguage: s.queryLanguage, json: s.json })),
    workflowType: model.workflowType,
    ...(settings.stateMachineName !== undefined ? { stateMachineName: settings.stateMachineName } : {}),
  };
}

/** Runs a rule of the user's own; one that throws, or returns no list, becomes an SW901 warning. */
function runCustomRule(rule: IValidationRule, input: ValidationInput): Finding[] {
  try {
    const found = rule.check(input);
    if (!Array.isArray(found)) {
      throw new Error(`it returned ${found === null ? 'null' : typeof found}, not a list of findings`);
    }
    return found;
  } catch (e) {
    return [findingOf({
      code: CODES.SW901,
      statePath: '',
      message: `the rule '${rule.name}' failed and was skipped: ${(e as Error)?.message ?? String(e)}`,
    })];
  }
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
