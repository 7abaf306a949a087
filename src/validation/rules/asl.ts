/*
 * SW2xx: Amazon States Language rules. Sources: ASL = https://states-language.net/spec.html
 * (November 2024, with JSONata and variables); ERR = AWS "Handling errors in Step Functions
 * workflows"; STRUCT = AWS "State machine structure"; the service's own diagnostics
 * (MISSING_TRANSITION_TARGET, MISSING_END_STATE) as reported by CreateStateMachine.
 */
import {
  STATE_TYPES, Scope, StateNode, fmt, isJsonataExpression, isObject, isTerminal, startState, successors, transitionsOf,
} from '../../core/asl/model';
import { CODES, CodeInfo } from '../../core/codes';
import { QUOTAS, isUnknownStatesError } from '../../core/quotas';
import { Rule, RuleContext } from '../private/context';

/** States that take `Next` or `End` (ASL "Transitions"). */
const FLOW_TYPES = new Set(['Task', 'Parallel', 'Map', 'Pass', 'Wait']);
/** States that take `Retry` and `Catch` (ASL "Errors"). */
const ERROR_HANDLING_TYPES = new Set(['Task', 'Parallel', 'Map']);
const ERROR_HANDLING_FIELDS = ['Retry', 'Catch'];
/** Fields only Task states take (ASL "Task State"). */
const TASK_ONLY_FIELDS = ['Resource', 'TimeoutSeconds', 'TimeoutSecondsPath', 'HeartbeatSeconds', 'HeartbeatSecondsPath'];

/** The fields of `names` that `json` sets (a new array, empty when none is set). */
function present(json: Record<string, any>, names: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    if (json[name] !== undefined) {
      out.push(name);
    }
  }
  return out;
}


/** Fields only JSONPath states accept (ASL "Document History", Nov 2024; JSONATA "Arguments and Output"). */
const JSONPATH_ONLY_FIELDS = [
  'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath',
  'ItemsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath',
  'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'SecondsPath', 'TimestampPath', 'ErrorPath', 'CausePath',
];
/** Fields only JSONata states accept. */
const JSONATA_ONLY_FIELDS = ['Arguments', 'Output', 'Items'];
/** The state fields the query-language rule (SW216) reports in JSONata states. */
export const JSONPATH_ONLY_FIELDS_OF: ReadonlySet<string> = new Set(JSONPATH_ONLY_FIELDS);
/** The state fields the query-language rule (SW217) reports in JSONPath states. */
export const JSONATA_ONLY_FIELDS_OF: ReadonlySet<string> = new Set(JSONATA_ONLY_FIELDS);
/** JSONPath Choice rule fields (ASL "Choice Rules"): `Variable`, the operators, the Boolean combinators. */
const JSONPATH_CHOICE_FIELDS = /^(Variable|And|Or|Not|(String|Numeric|Boolean|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals|Matches)(Path)?|Is(Null|Present|Numeric|String|Boolean|Timestamp))$/;

/** `Notify/Branches[0]` for a branch, `''` for the top level: where scope-level findings point. */
function scopeName(scope: Scope): string {
  return scope.path === '' ? 'the state machine' : `'${scope.path}'`;
}

/** The scope's `StartAt`, `States`, Parallel `Branches` and Map `ItemProcessor`; state `Type`. */
export const structureRule: Rule = {
  name: 'structure',
  codes: [CODES.SW203, CODES.SW204],
  check(ctx: RuleContext) {
    for (const scope of ctx.model.scopes) {
      const body = scope.body;
      if (!isObject(body) || !isObject(body.States)) {
        const actual = isObject(body) ? `States is ${describe(body.States)}` : `the scope is ${describe(body)}`;
        ctx.report(CODES.SW203, scope.path, `${scopeName(scope)} has no States object: ${actual}`, {
          limit: 'a States object with at least one state', actual,
        });
        continue;
      }
      if (scope.states.length === 0) {
        ctx.report(CODES.SW203, scope.path, `${scopeName(scope)} has 0 states`, { limit: 'at least one state', actual: '0 states' });
        continue;
      }
      if (typeof body.StartAt !== 'string') {
        const actual = `StartAt is ${describe(body.StartAt)}`;
        ctx.report(CODES.SW203, scope.path, `${scopeName(scope)} has no StartAt naming a state: ${actual}`, {
          limit: 'StartAt naming one of its states', actual,
        });
      } else if (!scope.byName.has(body.StartAt)) {
        ctx.report(CODES.SW203, scope.path, `StartAt of ${scopeName(scope)} names '${body.StartAt}', which is not one of its states`, {
          limit: 'StartAt naming one of its states', actual: `'${body.StartAt}'`,
        });
      }
    }
    for (const state of ctx.model.states) {
      if (!state.isObject) {
        ctx.report(CODES.SW204, state.path, `the state '${state.name}' is ${describe(state.raw)}, not a JSON object`, { limit: 'a JSON object with a Type', actual: describe(state.raw) });
        continue;
      }
      if (state.type === undefined || !STATE_TYPES.has(state.type)) {
        ctx.report(CODES.SW204, state.path, `the state '${state.name}' has ${state.json.Type === undefined ? 'no Type' : `the unknown Type ${JSON.stringify(state.json.Type)}`}`, {
          limit: 'one of Task, Parallel, Map, Pass, Wait, Choice, Succeed, Fail',
          actual: state.json.Type === undefined ? 'no Type' : JSON.stringify(state.json.Type),
        });
        continue;
      }
      if (state.type === 'Parallel' && (!Array.isArray(state.json.Branches) || state.json.Branches.length === 0)) {
        const actual = Array.isArray(state.json.Branches) ? '0 branches' : `Branches is ${describe(state.json.Branches)}`;
        ctx.report(CODES.SW203, state.path, `the Parallel state '${state.name}' has no branches: ${Array.isArray(state.json.Branches) ? 'Branches is an empty list, 0 branches' : actual}`, {
          limit: 'at least one branch', actual,
        });
      }
      if (state.type === 'Map' && state.json.ItemProcessor === undefined && state.json.Iterator === undefined) {
        ctx.report(CODES.SW203, state.path, `the Map state '${state.name}' has no ItemProcessor`, { limit: 'an ItemProcessor with StartAt and States', actual: 'no ItemProcessor' });
      }
    }
  },
};

/** Exactly one of `Next` and `"End": true` on Task, Parallel, Map, Pass, Wait; neither on Choice, Succeed, Fail (ASL "Transitions"). */
export const nextEndRule: Rule = {
  name: 'Next/End',
  codes: [CODES.SW205],
  check(ctx) {
    for (const state of ctx.model.states) {
      const { type, json } = state;
      if (type === undefined) {
        continue;
      }
      const hasNext = json.Next !== undefined;
      const ends = json.End === true;
      if (FLOW_TYPES.has(type)) {
        if (!hasNext && !ends) {
          ctx.report(CODES.SW205, state.path, `the ${type} state '${state.name}' has neither Next nor "End": true`, {
            limit: 'exactly one of Next or "End": true',
            actual: 'neither',
            fix: `add "Next": "<state>" to '${state.name}', or "End": true if the ${state.scope.path ? 'branch' : 'execution'} ends there`,
          });
        } else if (hasNext && ends) {
          ctx.report(CODES.SW205, state.path, `the ${type} state '${state.name}' has both Next and "End": true`, {
            limit: 'exactly one of Next or "End": true', actual: 'both', fix: `remove either Next or "End": true from '${state.name}'`,
          });
        }
      } else if (type === 'Choice' || type === 'Succeed' || type === 'Fail') {
        const fields = [hasNext ? 'Next' : '', json.End !== undefined ? 'End' : ''].filter((f) => f);
        if (fields.length > 0) {
          ctx.report(CODES.SW205, state.path, `the ${type} state '${state.name}' has ${fields.join(' and ')}, which a ${type} state does not take`, {
            actual: fields.join(' and '),
            fix: type === 'Choice' ? 'give the Choice its next states through its rules and Default' : `remove ${fields.join(' and ')}: a ${type} state ends the ${state.scope.path ? 'branch' : 'execution'}`,
          });
        }
      }
    }
  },
};

/** Every transition names a state of the same scope (ASL "Transitions", "Parallel State", "Map State"). */
export const transitionRule: Rule = {
  name: 'transitions',
  codes: [CODES.SW206, CODES.SW207],
  check(ctx) {
    for (const state of ctx.model.states) {
      for (const t of transitionsOf(state)) {
        if (typeof t.target !== 'string') {
          ctx.report(CODES.SW206, state.path, `${t.field} of '${state.name}' is ${describe(t.target)}, not a state name`, { actual: describe(t.target) });
          continue;
        }
        if (state.scope.byName.has(t.target)) {
          continue;
        }
        const elsewhere = ctx.model.statesByName.get(t.target);
        if (elsewhere) {
          const where = elsewhere[0].scope.path ? `in '${elsewhere[0].scope.path}'` : 'at the top level';
          ctx.report(CODES.SW207, state.path, `${t.field} of '${state.name}' names a state outside its scope: '${t.target}' is ${where}, not in the same ${state.scope.path ? `scope ('${state.scope.path}')` : 'scope (the top level)'}`, {
            limit: 'transitions stay inside their branch or processor',
            actual: `'${t.target}' is ${where}`,
          });
        } else {
          ctx.report(CODES.SW206, state.path, `${t.field} of '${state.name}' names '${t.target}', which is not a state`, {
            actual: `'${t.target}'`,
            fix: `correct the name in ${t.field} (names are case-sensitive) or add a state named '${t.target}'`,
          });
        }
      }
    }
  },
};

/** Every state is reachable from its scope's `StartAt` (service: "State is not reachable"). */
export const reachabilityRule: Rule = {
  name: 'reachability',
  codes: [CODES.SW208],
  check(ctx) {
    for (const scope of ctx.model.scopes) {
      const start = startState(scope);
      if (!start) {
        continue; // SW203 already says the scope has no valid StartAt
      }
      const seen = new Uint8Array(scope.states.length);
      seen[start.localIndex] = 1;
      const queue = [start];
      for (let i = 0; i < queue.length; i++) {
        for (const target of successors(queue[i])) {
          if (!seen[target.localIndex]) {
            seen[target.localIndex] = 1;
            queue.push(target);
          }
        }
      }
      for (const state of scope.states) {
        if (!seen[state.localIndex]) {
          ctx.report(CODES.SW208, state.path, `no transition leads to the state '${state.name}' from StartAt '${start.name}'`, {
            fix: `reach '${state.name}' with a Next, a Choice rule, a Default or a Catch, or delete it`,
          });
        }
      }
    }
  },
};

/** Each scope has a terminal state (service: MISSING_END_STATE). */
export const terminalRule: Rule = {
  name: 'terminal state',
  codes: [CODES.SW209],
  check(ctx) {
    for (const scope of ctx.model.scopes) {
      if (scope.states.length > 0 && !scope.states.some(isTerminal)) {
        const actual = `${scope.states.length} state${scope.states.length === 1 ? '' : 's'}, none terminal`;
        ctx.report(CODES.SW209, scope.path, `${scopeName(scope)} has no terminal state (${actual}): no Succeed or Fail state and no state with "End": true`, {
          limit: 'at least one terminal state', actual,
        });
      }
    }
  },
};

/** `Retry` and `Catch`: `States.ALL` alone and last, `ErrorEquals`, retrier ranges, catcher `Next`, reserved names (ASL "Errors"; ERR). */
export const errorHandlingRule: Rule = {
  name: 'Retry and Catch',
  codes: [CODES.SW210, CODES.SW211, CODES.SW212, CODES.SW223],
  check(ctx) {
    for (const state of ctx.model.states) {
      for (const field of ['Retry', 'Catch'] as const) {
        const list = state.json[field];
        if (list === undefined || state.type === undefined || !ERROR_HANDLING_TYPES.has(state.type)) {
          continue; // SW220 reports Retry/Catch on other state types
        }
        const code = field === 'Retry' ? CODES.SW211 : CODES.SW212;
        if (!Array.isArray(list)) {
          ctx.report(code, state.path, `${field} of '${state.name}' is ${describe(list)}, not a list`, { actual: describe(list) });
          continue;
        }
        list.forEach((entry: unknown, i: number) => {
          const where = `${field}[${i}] of '${state.name}'`;
          if (!isObject(entry)) {
            ctx.report(code, state.path, `${where} is ${describe(entry)}, not an object`, { actual: describe(entry) });
            return;
          }
          checkErrorEquals(ctx, state, entry.ErrorEquals, where, code, i, list.length);
          if (field === 'Retry') {
            checkRetrier(ctx, state, entry, where);
          } else if (typeof entry.Next !== 'string') {
            ctx.report(CODES.SW212, state.path, `${where} has no Next`, { limit: 'a Next state', actual: entry.Next === undefined ? 'no Next' : describe(entry.Next) });
          }
        });
      }
      if (state.type === 'Fail' && typeof state.json.Error === 'string') {
        checkReservedName(ctx, state, state.json.Error, `Error of '${state.name}'`);
      }
    }
  },
};

function checkErrorEquals(ctx: RuleContext, state: StateNode, names: unknown, where: string, code: CodeInfo, index: number, count: number): void {
  if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string')) {
    const actual = names === undefined ? 'no ErrorEquals' : JSON.stringify(names);
    ctx.report(code, state.path, names === undefined ? `${where} has no ErrorEquals` : `${where} has no valid ErrorEquals: ${actual}`, {
      limit: 'a non-empty list of error names', actual,
    });
    return;
  }
  if (names.includes('States.ALL')) {
    if (names.length > 1) {
      ctx.report(CODES.SW210, state.path, `${where} lists States.ALL together with other error names: ${JSON.stringify(names)}`, {
        limit: 'States.ALL alone in its ErrorEquals', actual: JSON.stringify(names),
      });
    }
    if (index < count - 1) {
      const kind = code === CODES.SW211 ? 'retrier' : 'catcher';
      ctx.report(CODES.SW210, state.path, `${where} uses States.ALL but is not the last ${kind}: it is ${kind} ${index + 1} of ${count}`, {
        limit: `States.ALL only in the last ${kind}`, actual: `${kind} ${index + 1} of ${count}`,
      });
    }
  }
  for (const name of names as string[]) {
    checkReservedName(ctx, state, name, where);
  }
}

function checkReservedName(ctx: RuleContext, state: StateNode, name: string, where: string): void {
  if (isUnknownStatesError(name)) {
    ctx.report(CODES.SW223, state.path, `${where} uses the error name '${name}', which Step Functions does not define`, {
      limit: 'the States. prefix is reserved for predefined errors', actual: `'${name}'`,
    });
  }
}

function checkRetrier(ctx: RuleContext, state: StateNode, retrier: Record<string, any>, where: string): void {
  const bad = (field: string, limit: string): void => {
    ctx.report(CODES.SW211, state.path, `${field} of ${where} is ${describe(retrier[field])}, out of range`, { limit, actual: describe(retrier[field]) });
  };
  const max = QUOTAS.retryMaxAttemptsMax.value;
  const interval = retrier.IntervalSeconds;
  const intervalOk = Number.isInteger(interval) && interval >= QUOTAS.retryIntervalMin.value && interval <= QUOTAS.maxSecondsField.value;
  if (interval !== undefined && !intervalOk) {
    bad('IntervalSeconds', `an integer from ${QUOTAS.retryIntervalMin.value} to ${fmt(QUOTAS.maxSecondsField.value)}`);
  }
  const attempts = retrier.MaxAttempts;
  if (attempts !== undefined && !(Number.isInteger(attempts) && attempts >= 0 && attempts <= max)) {
    bad('MaxAttempts', `an integer from 0 to ${fmt(max)}`);
  }
  const backoff = retrier.BackoffRate;
  if (backoff !== undefined && !(typeof backoff === 'number' && backoff >= QUOTAS.retryBackoffRateMin.value)) {
    bad('BackoffRate', `a number of at least ${QUOTAS.retryBackoffRateMin.value.toFixed(1)}`);
  }
  const delay = retrier.MaxDelaySeconds;
  if (delay !== undefined && !(Number.isInteger(delay) && delay > 0 && delay < QUOTAS.retryMaxDelayExclusiveMax.value)) {
    bad('MaxDelaySeconds', `an integer above 0 and below ${fmt(QUOTAS.retryMaxDelayExclusiveMax.value)}`);
  }
  const jitter = retrier.JitterStrategy;
  if (jitter !== undefined && jitter !== 'FULL' && jitter !== 'NONE') {
    bad('JitterStrategy', 'FULL or NONE');
  }
}

/** Task timeouts and heartbeats, the state machine timeout, Wait seconds (ASL "Task State", "Wait State"; TASK; WAIT). */
export const timeRule: Rule = {
  name: 'timeouts',
  codes: [CODES.SW213, CODES.SW214],
  check(ctx) {
    const top = ctx.model.root.TimeoutSeconds;
    if (top !== undefined && !isPositiveInteger(top)) {
      ctx.report(CODES.SW214, '', `the state machine's TimeoutSeconds is ${describe(top)}`, { limit: 'a positive integer', actual: describe(top) });
    }
    for (const state of ctx.model.states) {
      if (state.type === 'Task') {
        const { TimeoutSeconds: timeout, HeartbeatSeconds: heartbeat } = state.json;
        for (const [field, value] of [['TimeoutSeconds', timeout], ['HeartbeatSeconds', heartbeat]] as const) {
          if (value !== undefined && !(isPositiveInteger(value) && value <= QUOTAS.maxSecondsField.value)
            && !(state.queryLanguage === 'JSONata' && isJsonataExpression(value))) {
            ctx.report(CODES.SW214, state.path, `${field} of '${state.name}' is ${describe(value)}`, {
              limit: `a whole number of seconds from 1 to ${fmt(QUOTAS.maxSecondsField.value)}`, actual: describe(value),
            });
          }
        }
        if (isPositiveInteger(timeout) && isPositiveInteger(heartbeat) && heartbeat >= timeout) {
          ctx.report(CODES.SW213, state.path, `the heartbeat of '${state.name}' (${fmt(heartbeat)} seconds) is not below its timeout (${fmt(timeout)} seconds)`, {
            limit: `below ${fmt(timeout)} seconds`, actual: `${fmt(heartbeat)} seconds`,
          });
        }
      } else if (state.type === 'Wait') {
        const seconds = state.json.Seconds;
        const max = QUOTAS.waitSecondsMax.value;
        if (seconds !== undefined && !(state.queryLanguage === 'JSONata' && isJsonataExpression(seconds))
          && !(Number.isInteger(seconds) && seconds >= 0 && seconds <= max)) {
          ctx.report(CODES.SW214, state.path, `Seconds of the Wait state '${state.name}' is ${describe(seconds)}`, {
            limit: `an integer from 0 to ${fmt(max)}`, actual: describe(seconds),
          });
        }
      }
    }
  },
};

/** Choice rules and `Default` (ASL "Choice State"). */
export const choiceRule: Rule = {
  name: 'Choice rules',
  codes: [CODES.SW215, CODES.SW222],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Choice') {
        continue;
      }
      const choices = state.json.Choices;
      if (!Array.isArray(choices) || choices.length === 0) {
        const actual = Array.isArray(choices) ? '0 rules' : `Choices is ${describe(choices)}`;
        ctx.report(CODES.SW222, state.path, `the Choice state '${state.name}' has no rules: ${Array.isArray(choices) ? 'Choices is an empty list, 0 rules' : actual}`, {
          limit: 'at least one rule in Choices', actual,
        });
      } else {
        choices.forEach((rule: unknown, i: number) => {
          if (!isObject(rule)) {
            ctx.report(CODES.SW222, state.path, `Choices[${i}] of '${state.name}' is ${describe(rule)}, not a rule`, { actual: describe(rule) });
            return;
          }
          if (rule.Next === undefined) {
            ctx.report(CODES.SW222, state.path, `Choices[${i}] of '${state.name}' has no Next`, { limit: 'a Next state in every rule', actual: 'no Next' });
          }
          if (state.queryLanguage === 'JSONata' && rule.Condition === undefined) {
            ctx.report(CODES.SW222, state.path, `Choices[${i}] of the JSONata state '${state.name}' has no Condition`, { limit: 'a Condition in every JSONata rule', actual: 'no Condition' });
          }
        });
      }
      if (state.json.Default === undefined) {
        ctx.report(CODES.SW215, state.path, `the Choice state '${state.name}' has no Default: when no rule matches, the execution fails with States.NoChoiceMatched`, {
          fix: `add a Default to '${state.name}' (for example a Fail state that names the unexpected input), or make sure its rules cover every input`,
        });
      }
    }
  },
};

/** Fields of the other query language; JSONPath states in a JSONata state machine (ASL; JSONATA; STRUCT). */
export const queryLanguageRule: Rule = {
  name: 'query language fields',
  codes: [CODES.SW216, CODES.SW217, CODES.SW218],
  check(ctx) {
    const jsonataMachine = ctx.model.topQueryLanguage === 'JSONata';
    for (const state of ctx.model.states) {
      const json = state.json;
      if (jsonataMachine && json.QueryLanguage === 'JSONPath') {
        ctx.report(CODES.SW218, state.path, `the state '${state.name}' sets "QueryLanguage": "JSONPath" in a state machine whose query language is JSONata`, {
          limit: 'a JSONata state machine cannot contain JSONPath states', actual: '"QueryLanguage": "JSONPath"',
        });
      }
      if (state.queryLanguage === 'JSONata') {
        const found = present(json, JSONPATH_ONLY_FIELDS);
        if (state.type === 'Choice') {
          found.push(...choiceRuleFields(state).filter((f) => JSONPATH_CHOICE_FIELDS.test(f.split('.').pop()!)));
        }
        if (json.Catch !== undefined) {
          found.push(...catcherFields(state, 'ResultPath'));
        }
        found.push(...dollarKeys(state));
        if (found.length > 0) {
          ctx.report(CODES.SW216, state.path, `the JSONata state '${state.name}' has JSONPath-only fields: ${found.join(', ')}`, {
            limit: 'JSONata states take Arguments, Output, Assign, Items, Condition and {% %} expressions', actual: found.join(', '),
          });
        }
      } else {
        const found = present(json, JSONATA_ONLY_FIELDS);
        if (state.type === 'Choice') {
          found.push(...choiceRuleFields(state).filter((f) => f.endsWith('.Condition')));
        }
        if (json.Catch !== undefined) {
          found.push(...catcherFields(state, 'Output'));
        }
        if (found.length > 0) {
          ctx.report(CODES.SW217, state.path, `the JSONPath state '${state.name}' has JSONata-only fields: ${found.join(', ')}`, {
            limit: 'JSONPath states take Parameters, ResultSelector, ResultPath, OutputPath, ItemsPath and Variable-based Choice rules', actual: found.join(', '),
          });
        }
      }
    }
  },
};

/** `Choices[i].Field` for every top-level field of every Choice rule. */
function choiceRuleFields(state: StateNode): string[] {
  if (state.type !== 'Choice' || !Array.isArray(state.json.Choices)) {
    return [];
  }
  const out: string[] = [];
  state.json.Choices.forEach((rule: unknown, i: number) => {
    if (isObject(rule)) {
      for (const key of Object.keys(rule)) {
        out.push(`Choices[${i}].${key}`);
      }
    }
  });
  return out;
}

/** `Catch[i].<field>` where a catcher sets `field`. */
function catcherFields(state: StateNode, field: string): string[] {
  if (!Array.isArray(state.json.Catch)) {
    return [];
  }
  return state.json.Catch.flatMap((c: unknown, i: number) => (isObject(c) && c[field] !== undefined ? [`Catch[${i}].${field}`] : []));
}

/** Keys ending in `.$` (JSONPath payload templates) in the fields a JSONata state writes. */
function dollarKeys(state: StateNode): string[] {
  const out: string[] = [];
  for (const field of ['Arguments', 'Output', 'Assign', 'ItemSelector']) {
    const value = state.json[field];
    if (isObject(value)) {
      const key = firstDollarKey(value);
      if (key) {
        out.push(`${field} key '${key}'`);
      }
    }
  }
  return out;
}

function firstDollarKey(value: unknown): string | undefined {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...v);
    } else if (isObject(v)) {
      for (const [k, child] of Object.entries(v)) {
        if (k.endsWith('.$')) {
          return k;
        }
        stack.push(child);
      }
    }
  }
  return undefined;
}

/** State names are unique in the whole state machine (ASL "States"). */
export const duplicateNameRule: Rule = {
  name: 'duplicate state names',
  codes: [CODES.SW002],
  check(ctx) {
    if (ctx.settings.namesChecked) {
      return; // the builder checked them, and named both places (SW002)
    }
    for (const [name, nodes] of ctx.model.statesByName) {
      for (const dup of nodes.slice(1)) {
        ctx.report(CODES.SW002, dup.path, `there are ${nodes.length} states named '${name}': '${nodes[0].path}' and '${dup.path}'${nodes.length > 2 ? ` (and ${nodes.length - 2} more)` : ''}`, {
          limit: 'state names unique in the whole state machine',
          actual: `${nodes.length} states named '${name}'`,
          fix: `rename one of the states named '${name}'`,
        });
      }
    }
  },
};

/** Fields that belong to other state types: Retry/Catch, Resource, timeouts (ASL state field tables). */
export const fieldPlacementRule: Rule = {
  name: 'field placement',
  codes: [CODES.SW220],
  check(ctx) {
    for (const state of ctx.model.states) {
      const type = state.type;
      if (type === undefined || !STATE_TYPES.has(type)) {
        continue;
      }
      const misplaced = ERROR_HANDLING_TYPES.has(type) ? [] : present(state.json, ERROR_HANDLING_FIELDS);
      if (type !== 'Task') {
        misplaced.push(...present(state.json, TASK_ONLY_FIELDS));
      }
      if (misplaced.length > 0) {
        ctx.report(CODES.SW220, state.path, `the ${type} state '${state.name}' has ${misplaced.join(', ')}, which a ${type} state does not take`, {
          limit: misplaced.some((f) => f === 'Retry' || f === 'Catch') ? 'Retry and Catch only on Task, Parallel and Map states' : 'Resource, timeouts and heartbeats only on Task states',
          actual: misplaced.join(', '),
        });
      }
    }
  },
};

/** Fields of which only one may be set (ASL; TASK; WAIT). */
export const exclusiveFieldsRule: Rule = {
  name: 'mutually exclusive fields',
  codes: [CODES.SW221],
  check(ctx) {
    const pairs: [string, string][] = [
      ['TimeoutSeconds', 'TimeoutSecondsPath'], ['HeartbeatSeconds', 'HeartbeatSecondsPath'],
      ['Error', 'ErrorPath'], ['Cause', 'CausePath'], ['MaxConcurrency', 'MaxConcurrencyPath'],
      ['ToleratedFailureCount', 'ToleratedFailureCountPath'], ['ToleratedFailurePercentage', 'ToleratedFailurePercentagePath'],
    ];
    for (const state of ctx.model.states) {
      for (const [a, b] of pairs) {
        if (state.json[a] !== undefined && state.json[b] !== undefined) {
          ctx.report(CODES.SW221, state.path, `the state '${state.name}' sets both ${a} and ${b}`, { limit: `one of ${a} and ${b}`, actual: 'both' });
        }
      }
      if (state.type === 'Wait') {
        const set = ['Seconds', 'SecondsPath', 'Timestamp', 'TimestampPath'].filter((f) => state.json[f] !== undefined);
        if (set.length !== 1) {
          ctx.report(CODES.SW221, state.path, `the Wait state '${state.name}' sets ${set.length === 0 ? 'none' : set.join(', ')} of Seconds, SecondsPath, Timestamp, TimestampPath`, {
            limit: 'exactly one of Seconds, SecondsPath, Timestamp, TimestampPath', actual: set.length === 0 ? 'none' : set.join(', '),
          });
        }
      }
    }
  },
};

/** The ASL rules, in the order they run. */
export const ASL_RULES: Rule[] = [
  structureRule, nextEndRule, transitionRule, reachabilityRule, terminalRule, duplicateNameRule,
  errorHandlingRule, timeRule, choiceRule, queryLanguageRule, fieldPlacementRule, exclusiveFieldsRule,
];

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** A JSON value, briefly, for messages: `"abc"`, `12`, `an array`, `missing`. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return 'missing';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (isObject(value)) {
    return 'an object';
  }
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
