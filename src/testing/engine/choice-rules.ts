import { evaluatePath, PathEnv } from './jsonpath';
import { StatesError } from './states-error';

/*
 * JSONPath Choice Rules: And / Or / Not and the data-test comparison operators
 * (ASL "Choice Rules"; AWS "Choice workflow state", https://docs.aws.amazon.com/step-functions/latest/dg/state-choice.html).
 * A comparison between values of different types is false; a `Variable` that is not in the input
 * fails with `States.Runtime`, except for `IsPresent`.
 */

type Compare = (a: unknown, b: unknown) => boolean;

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number';

/** RFC 3339 timestamp, uppercase T and Z (ASL "Timestamps"). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const timestamp = (v: unknown): number | undefined => (isString(v) && RFC3339.test(v) ? Date.parse(v) : undefined);

function strings(test: (a: string, b: string) => boolean): Compare {
  return (a, b) => isString(a) && isString(b) && test(a, b);
}
function numbers(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => isNumber(a) && isNumber(b) && test(a, b);
}
function timestamps(test: (a: number, b: number) => boolean): Compare {
  return (a, b) => {
    const [x, y] = [timestamp(a), timestamp(b)];
    return x !== undefined && y !== undefined && test(x, y);
  };
}

/** `StringMatches`: `*` is a wildcard; `\*` and `\\` are escapes. */
function wildcardMatch(value: string, pattern: string): boolean {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      re += pattern[++i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    } else if (ch === '*') {
      re += '[\\s\\S]*';
    } else {
      re += ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${re}$`).test(value);
}

const COMPARISONS: Record<string, Compare> = {
  StringEquals: strings((a, b) => a === b),
  StringLessThan: strings((a, b) => a < b),
  StringGreaterThan: strings((a, b) => a > b),
  StringLessThanEquals: strings((a, b) => a <= b),
  StringGreaterThanEquals: strings((a, b) => a >= b),
  StringMatches: strings(wildcardMatch),
  NumericEquals: numbers((a, b) => a === b),
  NumericLessThan: numbers((a, b) => a < b),
  NumericGreaterThan: numbers((a, b) => a > b),
  NumericLessThanEquals: numbers((a, b) => a <= b),
  NumericGreaterThanEquals: numbers((a, b) => a >= b),
  BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
  TimestampEquals: timestamps((a, b) => a === b),
  TimestampLessThan: timestamps((a, b) => a < b),
  TimestampGreaterThan: timestamps((a, b) => a > b),
  TimestampLessThanEquals: timestamps((a, b) => a <= b),
  TimestampGreaterThanEquals: timestamps((a, b) => a >= b),
};

const TYPE_TESTS: Record<string, (v: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsNumeric: isNumber,
  IsString: isString,
  IsBoolean: (v) => typeof v === 'boolean',
  IsTimestamp: (v) => timestamp(v) !== undefined,
};

/** Evaluates one JSONPath Choice Rule (without its `Next`) against the state's effective input. */
export function evaluateChoiceRule(rule: Record<string, any>, input: unknown, env: PathEnv, field: string): boolean {
  if (Array.isArray(rule.And)) {
    return rule.And.every((r: Record<string, any>, i: number) => evaluateChoiceRule(r, input, env, `${field}.And[${i}]`));
  }
  if (Array.isArray(rule.Or)) {
    return rule.Or.some((r: Record<string, any>, i: number) => evaluateChoiceRule(r, input, env, `${field}.Or[${i}]`));
  }
  if (rule.Not && typeof rule.Not === 'object') {
    return !evaluateChoiceRule(rule.Not, input, env, `${field}.Not`);
  }
  const variable = rule.Variable;
  if (typeof variable !== 'string') {
    throw new StatesError('States.Runtime', `${field}: the Choice Rule has no Variable, And, Or or Not.`);
  }
  if ('IsPresent' in rule) {
    let present = true;
    try {
      evaluatePath(variable, input, env, 'States.Runtime', field);
    } catch (e) {
      if (!(e instanceof StatesError)) {
        throw e;
      }
      present = false;
    }
    return present === rule.IsPresent;
  }
  const value = evaluatePath(variable, input, env, 'States.Runtime', `${field}.Variable`);
  for (const [op, test] of Object.entries(TYPE_TESTS)) {
    if (op in rule) {
      return test(value) === rule[op];
    }
  }
  for (const [op, compare] of Object.entries(COMPARISONS)) {
    if (op in rule) {
      return compare(value, rule[op]);
    }
    const pathOp = `${op}Path`;
    if (pathOp in rule) {
      return compare(value, evaluatePath(rule[pathOp], input, env, 'States.Runtime', `${field}.${pathOp}`));
    }
  }
  throw new StatesError('States.Runtime', `${field}: the Choice Rule has no comparison operator.`);
}
