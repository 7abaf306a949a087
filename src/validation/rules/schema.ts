/*
 * The States Language schema (../schema/states.ts) applied to a definition: the top level, and
 * every state by its type and query language, with the objects inside it. The schema finds every
 * field-level problem; the hand-written ASL rules (./asl.ts) already report some of them with
 * their own codes (StartAt, Type, Next/End, Retry and Catch, timeouts, the JSONPath/JSONata field
 * lists, Map limits in ./quotas.ts), and this rule leaves those to them, so that every problem is
 * reported once.
 */
import { JSONATA_ONLY_FIELDS_OF, JSONPATH_ONLY_FIELDS_OF, describe } from './asl';
import { expressionRule, variablesRule } from './expressions';
import { closestName } from '../../core/asl/closest';
import { StateNode, isObject } from '../../core/asl/model';
import { CODES, CodeInfo } from '../../core/codes';
import { Rule, RuleContext } from '../private/context';
import { SchemaProblem, validateAgainst } from '../private/schema-engine';
import { ASL_SCHEMA } from '../schema/states';

const DEFINITIONS = ASL_SCHEMA.definitions as Record<string, Record<string, any>>;

/** Every field some state type takes, in either query language. */
const STATE_FIELDS: ReadonlySet<string> = new Set(
  Object.entries(DEFINITIONS).filter(([name]) => /^(Pass|Task|Choice|Wait|Succeed|Fail|Parallel|Map)JSON/.test(name))
    .flatMap(([, d]) => Object.keys(d.properties ?? {})),
);

/** States that take `Retry` and `Catch`, and the fields only a Task takes (reported by ./asl.ts as SW220). */
const ERROR_HANDLING_TYPES = new Set(['Task', 'Parallel', 'Map']);
const TASK_ONLY_FIELDS = new Set(['Resource', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath']);
/** Fields whose values ./asl.ts (SW214) and ./quotas.ts (SW113) check when they are numbers. */
const NUMBERS_CHECKED_ELSEWHERE = new Set([
  'TimeoutSeconds', 'HeartbeatSeconds', 'Seconds', 'MaxConcurrency', 'ToleratedFailurePercentage', 'ToleratedFailureCount',
]);

/** The schema's checks: unknown and misplaced fields, required fields, value types, ranges, formats. */
export const schemaRule: Rule = {
  name: 'States Language schema',
  codes: [
    CODES.SW224, CODES.SW225, CODES.SW226, CODES.SW227, CODES.SW228, CODES.SW232,
    CODES.SW220, CODES.SW221, CODES.SW222, CODES.SW216, CODES.SW217,
  ],
  check(ctx) {
    for (const problem of validateAgainst('StateMachine', ctx.model.root)) {
      if (problem.keyword === 'additionalProperties' || (problem.field !== 'StartAt' && problem.field !== 'States' && problem.field !== 'TimeoutSeconds')) {
        reportProblem(ctx, undefined, problem);
      }
    }
    for (const state of ctx.model.states) {
      if (!state.isObject || state.type === undefined) {
        continue; // SW204
      }
      const definition = `${state.type}${state.queryLanguage}`;
      if (!DEFINITIONS[definition]) {
        continue; // an unknown Type: SW204
      }
      for (const problem of validateAgainst(definition, state.json)) {
        if (!reportedElsewhere(state, problem)) {
          reportProblem(ctx, state, problem);
        }
      }
    }
  },
};

/** Whether a hand-written rule already reports this problem (see the file comment). */
function reportedElsewhere(state: StateNode, p: SchemaProblem): boolean {
  const type = state.type!;
  const top = p.path[0];
  if (p.path.length === 0) {
    if (p.keyword === 'additionalProperties' && p.field !== undefined) {
      const f = p.field;
      return f === 'Next' || f === 'End' // SW205
        || ((f === 'Retry' || f === 'Catch') && !ERROR_HANDLING_TYPES.has(type)) // SW220
        || (TASK_ONLY_FIELDS.has(f) && type !== 'Task') // SW220
        || (state.queryLanguage === 'JSONata' && JSONPATH_ONLY_FIELDS_OF.has(f)) // SW216
        || (state.queryLanguage === 'JSONPath' && JSONATA_ONLY_FIELDS_OF.has(f)); // SW217
    }
    return false;
  }
  if (p.keyword === 'additionalProperties' && p.path.length === 2 && (top === 'Choices' || top === 'Catch') && otherQueryLanguageTakes(state, p)) {
    return true; // SW216, SW217 list the other language's fields of Choice rules and catchers
  }
  if (p.keyword === 'choiceRule' && isObject(p.value) && p.value.Condition !== undefined) {
    return true; // a JSONata rule in a JSONPath state: SW217
  }
  if ((type === 'Task' && (top === 'TimeoutSeconds' || top === 'HeartbeatSeconds')) || (type === 'Wait' && top === 'Seconds')) {
    return true; // SW214 checks every value
  }
  if (top === 'Next' || top === 'End' || top === 'Type') {
    return true; // SW204, SW205, SW206
  }
  if ((top === 'Choices' || top === 'Branches' || top === 'Retry' || top === 'Catch') && p.path.length <= 2 && p.keyword === 'type') {
    return true; // SW203, SW211, SW212, SW222: not a list, an entry not an object
  }
  if (typeof top === 'string' && NUMBERS_CHECKED_ELSEWHERE.has(top) && p.path.length === 1 && typeof p.value === 'number') {
    return true; // SW113, SW214
  }
  if (top === 'QueryLanguage' && state.json.QueryLanguage === 'JSONPath') {
    return true; // SW218
  }
  return type === 'Map' && distributedMapRuleReports(p);
}

/**
 * Whether the Distributed Map rules (rules/distributed-map.ts) report this problem: fields only a
 * Distributed Map takes (SW150), an item reader without its Resource (SW151) or with an unknown
 * InputType (SW152), a value set beside its path in ReaderConfig or ItemBatcher (SW158).
 */
function distributedMapRuleReports(p: SchemaProblem): boolean {
  const [top, second, third] = p.path;
  if (p.keyword === 'mapMode') {
    return true;
  }
  if (top === 'ItemReader' && p.path.length === 1 && p.keyword === 'required' && p.field === 'Resource') {
    return true;
  }
  if (top === 'ItemReader' && second === 'ReaderConfig' && third === 'InputType' && p.keyword === 'enum') {
    return true;
  }
  return p.keyword === 'exclusive' && (top === 'ItemBatcher' || (top === 'ItemReader' && second === 'ReaderConfig'));
}

/** `Retry[0].MaxAttempt`: a path for messages. */
function where(path: ReadonlyArray<string | number>): string {
  return path.map((s, i) => typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`).join('');
}

function reportProblem(ctx: RuleContext, state: StateNode | undefined, p: SchemaProblem): void {
  const statePath = state?.path ?? '';
  const owner = state ? `the ${state.type} state '${state.name}'` : 'the state machine';
  const inside = p.path.length ? `${where(p.path)} of ${state ? `'${state.name}'` : 'the state machine'}` : owner;
  const report = (code: CodeInfo, message: string, details: { limit?: string; actual?: string; fix?: string } = {}): void => {
    ctx.report(code, statePath, message, details);
  };
  switch (p.keyword) {
    case 'additionalProperties': {
      const field = p.field!;
      const holder = p.path.length === 0 ? owner : inside;
      const otherLanguage = otherQueryLanguageTakes(state, p);
      if (otherLanguage) {
        const code = otherLanguage === 'JSONPath' ? CODES.SW216 : CODES.SW217;
        report(code, `${holder} has the ${otherLanguage} field ${field}, which a ${otherLanguage === 'JSONPath' ? 'JSONata' : 'JSONPath'} state does not take`, {
          limit: `the fields of ${p.node ?? 'this object'} in ${otherLanguage === 'JSONPath' ? 'JSONata' : 'JSONPath'}`, actual: field,
        });
        return;
      }
      if (state && p.path.length === 0 && STATE_FIELDS.has(field)) {
        report(CODES.SW220, `${owner} has ${field}, which a ${state.type} state${state.queryLanguage === 'JSONata' ? ' in JSONata' : ''} does not take`, {
          limit: `the fields of a ${state.type} state: ${(p.allowed ?? []).join(', ')}`, actual: field,
        });
        return;
      }
      const near = closestName(field, p.allowed ?? []);
      report(CODES.SW224, `${holder} has the unknown field ${JSON.stringify(field)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ''}`, {
        limit: `the fields of ${p.node ?? 'this object'}: ${(p.allowed ?? []).join(', ')}`,
        actual: JSON.stringify(field),
        fix: near ? `Rename ${JSON.stringify(field)} to ${JSON.stringify(near)}.` : `Remove ${JSON.stringify(field)}: ${p.node ?? 'this object'} takes ${(p.allowed ?? []).join(', ')}.`,
      });
      return;
    }
    case 'required': {
      const holder = p.path.length === 0 ? owner : inside;
      report(CODES.SW225, `${holder} has no ${p.field}`, { limit: `${p.node ?? 'this object'} requires ${p.field}`, actual: `no ${p.field}` });
      return;
    }
    case 'atLeastOne':
      report(p.path.length === 0 || !p.path.includes('Choices') ? CODES.SW225 : CODES.SW222, `${p.path.length === 0 ? owner : inside} ${p.detail}`, { actual: 'none' });
      return;
    case 'exclusive':
      report(CODES.SW221, `${p.path.length === 0 ? owner : inside} ${p.detail}`, { actual: 'both' });
      return;
    case 'choiceRule':
      report(CODES.SW222, `${inside} ${p.detail}`, { limit: 'either one of And, Or, Not, or a Variable with exactly one comparison operator' });
      return;
      return;
    case 'format': {
      const code = p.format === 'asl-jsonata-expression' ? CODES.SW232
        : p.format?.endsWith('-resource') ? CODES.SW227
          : p.format === 'asl-timestamp-or-expression' && typeof p.value === 'string' && p.value.trimStart().startsWith('{%') ? CODES.SW232
            : p.format?.startsWith('asl-timestamp') ? CODES.SW228 : CODES.SW226;
      const value = describe(p.value);
      // A Resource's explanation often quotes it already; say the value once.
      const resourceMessage = p.expected?.includes(value) ? `${inside} is not a Resource Step Functions recognizes: ${p.expected}`
        : `${inside} is ${value}, not a Resource Step Functions recognizes: ${p.expected}`;
      report(code, code === CODES.SW227 ? resourceMessage : `${inside} is ${value}; it must be ${p.expected}`, {
        limit: p.expected, actual: value,
      });
      return;
    }
    case 'minItems': {
      const code = p.path.includes('Choices') ? CODES.SW222 : CODES.SW226;
      report(code, `${inside} is an empty list; it must hold at least one ${p.path.includes('Choices') ? 'rule' : 'entry'}`, { limit: p.expected, actual: 'an empty list' });
      return;
    }
    default: {
      const code = p.path.includes('Choices') ? CODES.SW222 : CODES.SW226;
      const value = p.keyword === 'type' ? describeTyped(p.value) : describe(p.value);
      const pathField = `${String(p.path[0])}Path`;
      const takesPath = state && p.path.length === 1 && DEFINITIONS[`${state.type}${state.queryLanguage}`]?.properties?.[pathField] !== undefined;
      if (takesPath && typeof p.value === 'string' && p.value.trimStart().startsWith('$')) {
        // aws-cdk-lib renders some number fields given as a JsonPath string into the field itself (aws-cdk #20835).
        report(code, `${inside} is ${value}, a path in a field that takes ${p.expected}; a path goes in ${pathField}`, {
          limit: p.expected, actual: value, fix: `Write "${pathField}": ${JSON.stringify(p.value)} instead of ${String(p.path[0])} (in aws-cdk-lib, set the ...Path property, e.g. maxConcurrencyPath).`,
        });
        return;
      }
      report(code, `${inside} is ${value}; it must be ${p.expected}`, { limit: p.expected, actual: value });
    }
  }
}

/** `"true" (a string)`: a value with its JSON type, for type errors. */
function describeTyped(value: unknown): string {
  const text = describe(value);
  if (typeof value === 'string') {
    return `${text} (a string)`;
  }
  return text;
}

/**
 * The query language whose version of this object takes the field (a JSONPath `Parameters` in a
 * JSONata ItemReader, a `ResultPath` in a JSONata catcher), when the state's own does not.
 */
function otherQueryLanguageTakes(state: StateNode | undefined, p: SchemaProblem): 'JSONPath' | 'JSONata' | undefined {
  if (!state || p.path.length === 0) {
    return undefined;
  }
  const other = state.queryLanguage === 'JSONPath' ? 'JSONata' : 'JSONPath';
  const stateDef = DEFINITIONS[`${state.type}${other}`];
  let node: Record<string, any> | undefined = stateDef;
  for (const seg of p.path) {
    if (!isObject(node)) {
      return undefined;
    }
    if (typeof seg === 'number') {
      node = resolve(node.items);
    } else {
      node = resolve(node.properties?.[seg]);
    }
  }
  return isObject(node) && isObject(node.properties) && node.properties[p.field!] !== undefined ? other : undefined;
}

function resolve(node: unknown): Record<string, any> | undefined {
  if (!isObject(node)) {
    return undefined;
  }
  if (typeof node.$ref === 'string') {
    return DEFINITIONS[node.$ref.replace('#/definitions/', '')];
  }
  return node;
}

/** The schema-driven rules, run after the hand-written ASL rules in the ASL pack. */
export const SCHEMA_RULES: Rule[] = [schemaRule, expressionRule, variablesRule];
