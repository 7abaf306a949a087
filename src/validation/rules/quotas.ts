/*
 * SW1xx: Step Functions service quotas. Every number comes from `../quotas.ts`, with its source.
 */
import { loopsOf, shortestCycle, shortestRun } from '../../core/asl/graph';
import {
  ExecutionContext, StateNode, resourceOf, codePoints, fmt, isDistributedMap, isObject, processorConfig, successors,
} from '../../core/asl/model';
import { jsonBytesBound, staticPart } from '../../core/asl/size';
import { CODES } from '../../core/codes';
import {
  CLOUDWATCH_FRIENDLY_NAME, LABEL_FORBIDDEN_CHARACTERS, NAME_FORBIDDEN_CHARACTERS, QUOTAS, QuotaName,
  TAG_ALLOWED_CHARACTERS, TAG_RESERVED_PREFIX, THRESHOLDS, describeQuota,
} from '../../core/quotas';
import { Rule, RuleContext } from '../private/context';

/** Definition size against the 1 MB quota, unresolved CloudFormation values estimated (SQ; API `Definition`). */
export const definitionSizeRule: Rule = {
  name: 'definition size',
  codes: [CODES.SW101, CODES.SW102],
  check(ctx) {
    const size = ctx.size;
    const limit = QUOTAS.definitionSize.value;
    const tokens = size.tokenCount > 0
      ? ` (${fmt(size.tokenCount)} unresolved CloudFormation value${size.tokenCount === 1 ? '' : 's'} estimated at ${fmt(size.tokenCharacters)} characters together)`
      : '';
    if (size.lowerBound > limit) {
      ctx.report(CODES.SW101, '', `the definition has ${fmt(size.lowerBound)} characters${size.tokenCount > 0 ? ' even with every unresolved CloudFormation value at its shortest' : ''}, over the definition size quota`, {
        limit: describeQuota('definitionSize'), actual: `${fmt(size.lowerBound)} characters`,
      });
    } else if (size.estimate >= THRESHOLDS.nearQuotaShare * limit) {
      const share = Math.round((size.estimate / limit) * 100);
      ctx.report(CODES.SW102, '', size.estimate > limit
        ? `the definition may exceed the size quota once deployed: about ${fmt(size.estimate)} characters (${share}%)${tokens}`
        : `the definition is near the size quota: about ${fmt(size.estimate)} characters (${share}%)${tokens}`, {
        limit: `${describeQuota('definitionSize')} (warning from ${Math.round(THRESHOLDS.nearQuotaShare * 100)}%)`,
        actual: `about ${fmt(size.estimate)} characters (${share}%)`,
      });
    }
  },
};

/** State names: 1 to 80 Unicode characters (ASL "States"; API `StateName`). */
export const stateNameRule: Rule = {
  name: 'state names',
  codes: [CODES.SW103],
  check(ctx) {
    const max = QUOTAS.stateNameLength.value;
    for (const state of ctx.model.states) {
      // Most names are short ASCII: count code points only when the UTF-16 length could exceed the limit.
      const length = state.name.length > max ? codePoints(state.name) : state.name.length;
      if (length === 0 || length > max) {
        ctx.report(CODES.SW103, state.path, length === 0 ? 'a state has an empty name (0 characters)' : `the state name '${state.name}' is ${length} characters long`, {
          limit: `1 to ${describeQuota('stateNameLength')}`,
          actual: `${length} characters`,
          fix: length === 0 ? 'give the state a name' : `shorten the name to at most ${max} characters (for example '${[...state.name].slice(0, max - 3).join('')}...')`,
        });
      }
    }
  },
};

/** The state machine's name: length, forbidden characters, CloudWatch-friendly characters (SQ "General quotas"; API `name`). */
export const stateMachineNameRule: Rule = {
  name: 'state machine name',
  codes: [CODES.SW104, CODES.SW105],
  check(ctx) {
    const name = ctx.settings.stateMachineName;
    if (name === undefined) {
      return;
    }
    const problem = nameProblem(name);
    if (problem) {
      ctx.report(CODES.SW104, '', `the state machine name '${name}' ${problem.message}`, { limit: problem.limit, actual: problem.actual });
    } else if (!CLOUDWATCH_FRIENDLY_NAME.test(name)) {
      const odd = [...new Set([...name].filter((c) => !CLOUDWATCH_FRIENDLY_NAME.test(c)))].join(' ');
      ctx.report(CODES.SW105, '', `the state machine name '${name}' contains ${odd}${ctx.settings.loggingEnabled ? ', and the state machine logs to CloudWatch Logs' : ''}`, {
        limit: 'only 0-9 A-Z a-z - _', actual: odd,
      });
    }
  },
};

/** What is wrong with a state machine or activity name, if anything (SQ "General quotas"). */
export function nameProblem(name: string): { message: string; limit: string; actual: string } | undefined {
  const length = codePoints(name);
  if (length === 0 || length > QUOTAS.nameLength.value) {
    return { message: `is ${length} characters long`, limit: `1 to ${describeQuota('nameLength')}`, actual: `${length} characters` };
  }
  const bad = NAME_FORBIDDEN_CHARACTERS.exec(name);
  if (bad) {
    const shown = /\s/.test(bad[0]) ? 'whitespace' : /[\u0000-\u001f\u007f-\u009f]/.test(bad[0]) ? 'a control character' : `'${bad[0]}'`;
    return { message: `contains ${shown}, which Step Functions does not accept`, limit: 'no whitespace, ? * < > { } [ ] " # % \\ ^ | ~ ` $ & , ; : / or control characters', actual: shown };
  }
  return undefined;
}

/** Activity names in activity ARNs used as Task resources (SQ "General quotas"). */
export const activityNameRule: Rule = {
  name: 'activity names',
  codes: [CODES.SW106],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Task') {
        continue;
      }
      const resource = resourceOf(state, ctx.settings.resourceTypes);
      const name = resource.activityName;
      const problem = name === undefined ? undefined : nameProblem(name);
      if (problem) {
        ctx.report(CODES.SW106, state.path, `the activity name '${name}' in the Resource of '${state.name}' ${problem.message}`, { limit: problem.limit, actual: problem.actual });
      }
    }
  },
};

/** A static payload of one state: where it is and which quota applies. */
interface Payload {
  readonly field: string;
  readonly value: unknown;
  readonly quota: QuotaName;
  /** Whether the value is a literal (Pass `Result`) rather than a template with dynamic parts. */
  readonly literal: boolean;
}

/** The static payloads a state writes (SQ "task executions": 256 KiB; VAR: 256 KiB per Assign; BATCH). */
function payloadsOf(state: StateNode): Payload[] {
  const json = state.json;
  const out: Payload[] = [];
  const add = (field: string, value: unknown, quota: QuotaName, literal = false): void => {
    if (value !== undefined) {
      out.push({ field, value, quota, literal });
    }
  };
  if (state.type === 'Pass') {
    add('Result', json.Result, 'payloadSize', true);
  }
  for (const field of ['Parameters', 'Arguments', 'ItemSelector', 'ResultSelector', 'Output']) {
    add(field, json[field], 'payloadSize');
  }
  add('Assign', json.Assign, 'assignSize');
  if (isObject(json.ItemBatcher)) {
    add('ItemBatcher.BatchInput', json.ItemBatcher.BatchInput, 'batchInputBytes');
  }
  for (const list of ['Choices', 'Catch']) {
    if (Array.isArray(json[list])) {
      json[list].forEach((entry: unknown, i: number) => {
        if (isObject(entry)) {
          add(`${list}[${i}].Assign`, entry.Assign, 'assignSize');
          add(`${list}[${i}].Output`, entry.Output, 'payloadSize');
        }
      });
    }
  }
  return out;
}

/** Literal payloads against the 256 KiB payload quota, and `Assign` against the 256 KiB variables quota. */
export const payloadSizeRule: Rule = {
  name: 'static payload size',
  codes: [CODES.SW107, CODES.SW108],
  check(ctx) {
    for (const state of ctx.model.states) {
      for (const payload of payloadsOf(state)) {
        const limit = QUOTAS[payload.quota].value;
        const threshold = THRESHOLDS.nearQuotaShare * limit;
        // Most payloads are small: bound their size cheaply and measure only those that could matter.
        if (jsonBytesBound(payload.value, threshold) < threshold) {
          continue;
        }
        const part = payload.literal ? payload.value : staticPart(payload.value);
        const text = part === undefined ? undefined : JSON.stringify(part);
        if (text === undefined) {
          continue;
        }
        const bytes = Buffer.byteLength(text, 'utf8');
        const what = payload.literal ? payload.field : `the static part of ${payload.field}`;
        if (bytes > limit) {
          ctx.report(CODES.SW107, state.path, `${what} of '${state.name}' is ${fmt(bytes)} bytes: every run of the state fails with States.DataLimitExceeded`, {
            limit: describeQuota(payload.quota), actual: `${fmt(bytes)} bytes`,
          });
        } else if (bytes >= THRESHOLDS.nearQuotaShare * limit) {
          ctx.report(CODES.SW108, state.path, `${what} of '${state.name}' is ${fmt(bytes)} bytes, ${Math.round((bytes / limit) * 100)}% of the quota`, {
            limit: `${describeQuota(payload.quota)} (warning from ${Math.round(THRESHOLDS.nearQuotaShare * 100)}%)`, actual: `${fmt(bytes)} bytes`,
          });
        }
      }
    }
  },
};

/** Tags: 50 per resource; keys 1-128, values 0-256 characters; no `aws:` prefix; allowed characters (SQ "tagging"). */
export const tagRule: Rule = {
  name: 'tags',
  codes: [CODES.SW109, CODES.SW110, CODES.SW111],
  check(ctx) {
    const tags = ctx.settings.tags;
    if (!tags) {
      return;
    }
    if (tags.length > QUOTAS.tagsPerResource.value) {
      ctx.report(CODES.SW109, '', `the state machine has ${tags.length} tags`, { limit: describeQuota('tagsPerResource'), actual: `${tags.length} tags` });
    }
    for (const { key, value } of tags) {
      const keyLength = codePoints(key);
      const valueLength = codePoints(value);
      if (keyLength === 0 || keyLength > QUOTAS.tagKeyLength.value) {
        ctx.report(CODES.SW110, '', `the tag key '${key}' is ${keyLength} characters long`, { limit: `1 to ${describeQuota('tagKeyLength')}`, actual: `${keyLength} characters` });
      }
      if (valueLength > QUOTAS.tagValueLength.value) {
        ctx.report(CODES.SW110, '', `the value of the tag '${key}' is ${valueLength} characters long`, { limit: `0 to ${describeQuota('tagValueLength')}`, actual: `${valueLength} characters` });
      }
      if (key.toLowerCase().startsWith(TAG_RESERVED_PREFIX)) {
        ctx.report(CODES.SW110, '', `the tag key '${key}' starts with the reserved prefix '${TAG_RESERVED_PREFIX}'`, { limit: `no key starting with '${TAG_RESERVED_PREFIX}'`, actual: `'${key}'` });
      }
      for (const [what, text] of [['key', key], ['value', value]] as const) {
        if (!TAG_ALLOWED_CHARACTERS.test(text)) {
          const odd = [...new Set([...text].filter((c) => !TAG_ALLOWED_CHARACTERS.test(c)))].join(' ');
          ctx.report(CODES.SW111, '', `the tag ${what} '${text}' contains ${odd}`, { limit: 'letters, digits, whitespace and _ . : / = + - @', actual: odd });
        }
      }
    }
  },
};

/** Map limits: inline concurrency, Distributed Map concurrency, tolerated failures, batching, reader (ASL; IMAP; DMAP; BATCH). */
export const mapLimitsRule: Rule = {
  name: 'Map limits',
  codes: [CODES.SW112, CODES.SW113],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Map') {
        continue;
      }
      const json = state.json;
      const distributed = isDistributedMap(state);
      const bad = (message: string, limit: string, actual: string): void => ctx.report(CODES.SW113, state.path, `${message} of the Map state '${state.name}' is ${actual}; it must be ${limit}`, { limit, actual });
      const mc = json.MaxConcurrency;
      if (typeof mc === 'number') {
        if (!Number.isInteger(mc) || mc < 0) {
          bad('MaxConcurrency', 'a non-negative integer (0 = no limit)', String(mc));
        } else if (distributed && mc > QUOTAS.distributedMapConcurrency.value) {
          bad('MaxConcurrency', `at most ${describeQuota('distributedMapConcurrency')}`, fmt(mc));
        } else if (!distributed && mc > QUOTAS.inlineMapConcurrency.value) {
          ctx.report(CODES.SW112, state.path, `the inline Map state '${state.name}' sets MaxConcurrency ${fmt(mc)}; an inline Map runs about ${QUOTAS.inlineMapConcurrency.value} iterations at a time`, {
            limit: `about ${describeQuota('inlineMapConcurrency')} at a time`, actual: `MaxConcurrency ${fmt(mc)}`,
          });
        }
      }
      const pct = json.ToleratedFailurePercentage;
      if (typeof pct === 'number' && !(pct >= 0 && pct <= QUOTAS.toleratedFailurePercentageMax.value)) {
        bad('ToleratedFailurePercentage', `0 to ${QUOTAS.toleratedFailurePercentageMax.value}`, String(pct));
      }
      const count = json.ToleratedFailureCount;
      if (typeof count === 'number' && !(Number.isInteger(count) && count >= 0)) {
        bad('ToleratedFailureCount', 'a non-negative integer', String(count));
      }
      if (isObject(json.ItemBatcher)) {
        const b = json.ItemBatcher;
        if (['MaxItemsPerBatch', 'MaxItemsPerBatchPath', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'].every((f) => b[f] === undefined)) {
          ctx.report(CODES.SW113, state.path, `ItemBatcher of the Map state '${state.name}' sets no batch limit: neither MaxItemsPerBatch nor MaxInputBytesPerBatch (nor their Path); it must set one of them`, {
            limit: 'MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path)', actual: 'neither MaxItemsPerBatch nor MaxInputBytesPerBatch',
          });
        }
        if (typeof b.MaxItemsPerBatch === 'number' && !(Number.isInteger(b.MaxItemsPerBatch) && b.MaxItemsPerBatch > 0)) {
          bad('ItemBatcher.MaxItemsPerBatch', 'a positive integer', String(b.MaxItemsPerBatch));
        }
        const bytes = b.MaxInputBytesPerBatch;
        if (typeof bytes === 'number' && !(Number.isInteger(bytes) && bytes > 0 && bytes <= QUOTAS.batchInputBytes.value)) {
          bad('ItemBatcher.MaxInputBytesPerBatch', `a positive integer of at most ${describeQuota('batchInputBytes')}`, fmt(bytes));
        }
      }
      const maxItems = isObject(json.ItemReader) && isObject(json.ItemReader.ReaderConfig) ? json.ItemReader.ReaderConfig.MaxItems : undefined;
      if (typeof maxItems === 'number' && !(Number.isInteger(maxItems) && maxItems >= 0 && maxItems <= QUOTAS.readerMaxItems.value)) {
        bad('ItemReader.ReaderConfig.MaxItems', `an integer from 0 (no limit) to ${describeQuota('readerMaxItems')}`, String(maxItems));
      }
      if (distributed) {
        const type = processorConfig(state).ExecutionType;
        if (type !== 'STANDARD' && type !== 'EXPRESS') {
          bad('ItemProcessor.ProcessorConfig.ExecutionType', 'STANDARD or EXPRESS (required in DISTRIBUTED mode)', type === undefined ? 'missing' : JSON.stringify(type));
        }
      }
    }
  },
};

/** Distributed Map `Label`: at most 40 characters, no forbidden characters, unique (DMAP "Label"). */
export const mapLabelRule: Rule = {
  name: 'Map Run labels',
  codes: [CODES.SW114],
  check(ctx) {
    const seen = new Map<string, StateNode>();
    for (const state of ctx.model.states) {
      const label = state.json.Label;
      if (state.type !== 'Map' || typeof label !== 'string') {
        continue;
      }
      const length = codePoints(label);
      if (length > QUOTAS.mapRunLabelLength.value) {
        ctx.report(CODES.SW114, state.path, `the label '${label}' of '${state.name}' is ${length} characters long`, { limit: describeQuota('mapRunLabelLength'), actual: `${length} characters` });
      }
      const bad = LABEL_FORBIDDEN_CHARACTERS.exec(label);
      if (bad) {
        const shown = /\s/.test(bad[0]) ? 'whitespace' : `'${bad[0]}'`;
        ctx.report(CODES.SW114, state.path, `the label '${label}' of '${state.name}' contains ${shown}`, { limit: 'no whitespace, ? * < > { } [ ] : ; , \\ | ^ ~ $ # % & ` " or control characters', actual: shown });
      }
      const other = seen.get(label);
      if (other) {
        ctx.report(CODES.SW114, state.path, `the label '${label}' of '${state.name}' is also the label of '${other.path}': 2 Map states labelled '${label}'`, { limit: 'labels unique in the state machine', actual: `2 Map states labelled '${label}'` });
      } else {
        seen.set(label, state);
      }
    }
  },
};

/** The longest an execution may run and why: the state machine timeout, or the type's maximum (SQ "executions"). */
interface DurationBound {
  readonly seconds: number;
  readonly reason: string;
}

function typeMaximum(type: 'STANDARD' | 'EXPRESS'): DurationBound {
  return type === 'EXPRESS'
    ? { seconds: QUOTAS.expressMaxDuration.value, reason: `an Express execution runs at most ${describeQuota('expressMaxDuration')}` }
    : { seconds: QUOTAS.standardMaxDuration.value, reason: `a Standard execution runs at most ${describeQuota('standardMaxDuration')} (1 year)` };
}

/** The state machine timeout: the definition's `TimeoutSeconds`, else the settings'. */
function stateMachineTimeout(ctx: RuleContext): number | undefined {
  const top = ctx.model.root.TimeoutSeconds;
  if (typeof top === 'number' && top > 0) {
    return top;
  }
  return ctx.settings.timeoutSeconds;
}

/** The bound on how long states of an execution can run: its type's maximum, the state machine timeout, its parent's bound. */
function boundOf(ctx: RuleContext, execution: ExecutionContext, cache: Map<ExecutionContext, DurationBound>): DurationBound {
  const cached = cache.get(execution);
  if (cached) {
    return cached;
  }
  let bound = typeMaximum(execution.type);
  if (execution.parent) {
    const parent = boundOf(ctx, execution.parent, cache);
    if (parent.seconds <= bound.seconds) {
      bound = parent;
    } else {
      const kind = execution.type === 'EXPRESS' ? 'Express' : 'Standard';
      bound = { seconds: bound.seconds, reason: `the ${kind} child executions of '${execution.childOf!.path}' run at most ${fmt(bound.seconds)} seconds` };
    }
  } else {
    const timeout = stateMachineTimeout(ctx);
    if (timeout !== undefined && timeout < bound.seconds) {
      bound = { seconds: timeout, reason: `the state machine times out after ${fmt(timeout)} seconds` };
    }
  }
  cache.set(execution, bound);
  return bound;
}

/** State machine timeout, Wait seconds and task timeouts against the maximum execution duration (SQ; WAIT). */
export const durationRule: Rule = {
  name: 'execution duration',
  codes: [CODES.SW115, CODES.SW116, CODES.SW117],
  check(ctx) {
    const max = typeMaximum(ctx.workflowType);
    const timeout = stateMachineTimeout(ctx);
    if (timeout !== undefined && timeout > max.seconds) {
      ctx.report(CODES.SW115, '', `the state machine timeout is ${fmt(timeout)} seconds, but ${max.reason}`, {
        limit: `${fmt(max.seconds)} seconds`, actual: `${fmt(timeout)} seconds`,
      });
    }
    const cache = new Map<ExecutionContext, DurationBound>();
    for (const state of ctx.model.states) {
      const bound = boundOf(ctx, state.scope.execution, cache);
      if (state.type === 'Wait') {
        const seconds = state.json.Seconds;
        // Values above the Wait maximum are SW214's; everything else longer than the bound is certain to time out.
        if (Number.isInteger(seconds) && seconds > bound.seconds && seconds <= QUOTAS.waitSecondsMax.value) {
          ctx.report(CODES.SW116, state.path, `the Wait state '${state.name}' waits ${fmt(seconds)} seconds, but ${bound.reason}: every execution that reaches it fails with States.Timeout`, {
            limit: `${fmt(bound.seconds)} seconds`, actual: `${fmt(seconds)} seconds`,
          });
        }
      } else if (state.type === 'Task') {
        for (const field of ['TimeoutSeconds', 'HeartbeatSeconds']) {
          const value = state.json[field];
          if (Number.isInteger(value) && value > bound.seconds) {
            ctx.report(CODES.SW117, state.path, `${field} of '${state.name}' is ${fmt(value)} seconds, but ${bound.reason}, so it can never fire`, {
              limit: `${fmt(bound.seconds)} seconds`, actual: `${fmt(value)} seconds`,
            });
          }
        }
      }
    }
  },
};

/** The fewest history events one run of a state adds, its contents aside (HIST `HistoryEventType`). */
export function historyEvents(state: StateNode): number {
  switch (state.type) {
    case 'Task': return QUOTAS.historyEventsPerTask.value;
    case 'Parallel':
    case 'Map': return QUOTAS.historyEventsPerParallelOrMap.value;
    case 'Fail': return QUOTAS.historyEventsPerFail.value;
    default: return QUOTAS.historyEventsPerState.value;
  }
}

/** Whether states of this execution count against the 25,000-event history quota (Standard only; SQ). */
function historyLimited(execution: ExecutionContext): boolean {
  return execution.type === 'STANDARD';
}

/** Loops and inline Maps over input-sized lists against the 25,000-event execution history (SQ; BP). */
export const historyRule: Rule = {
  name: 'execution history',
  codes: [CODES.SW118, CODES.SW119],
  check(ctx) {
    const limit = QUOTAS.executionHistoryEvents.value;
    for (const scope of ctx.model.scopes) {
      if (!historyLimited(scope.execution)) {
        continue;
      }
      // Most branches and processors hold one state: a loop there can only be a self-transition.
      const loops = scope.states.length === 1
        ? (successors(scope.states[0]).includes(scope.states[0]) ? [[scope.states[0]]] : [])
        : loopsOf(scope);
      for (const loop of loops) {
        // A PollUntilDone loop records its bound; SW707 already refuses one that does not fit.
        const bounded = loop.map((s) => ctx.settings.stateFacts?.get(s.name)?.loopBound).find((m) => m !== undefined);
        if (bounded && bounded.worstCaseHistoryEvents <= limit) {
          continue;
        }
        const entry = loop[0];
        const perPass = shortestCycle(entry, new Set(loop), historyEvents);
        const names = loop.length > 6 ? `${loop.slice(0, 5).map((s) => `'${s.name}'`).join(', ')} and ${loop.length - 5} more` : loop.map((s) => `'${s.name}'`).join(', ');
        ctx.report(CODES.SW118, entry.path, loop.length === 1
          ? `the state '${entry.name}' loops back to itself, adding at least ${perPass} events per pass to the execution history, so the execution fails after about ${fmt(Math.floor(limit / perPass))} passes`
          : `the states ${names} form a loop that adds at least ${perPass} events per pass to the execution history, so the execution fails after about ${fmt(Math.floor(limit / perPass))} passes`, {
          limit: `${describeQuota('executionHistoryEvents')} per execution`, actual: `at least ${perPass} events per pass`,
        });
      }
    }
    for (const state of ctx.model.states) {
      if (state.type !== 'Map' || isDistributedMap(state) || !historyLimited(state.scope.execution)) {
        continue;
      }
      const items = state.queryLanguage === 'JSONata' ? state.json.Items : undefined;
      const processor = state.children[0];
      const perItem = QUOTAS.historyEventsPerMapIteration.value + (processor ? shortestRun(processor, historyEvents) : 0);
      const maxItems = Math.floor(limit / perItem);
      if (Array.isArray(items)) {
        if (items.length > maxItems) {
          ctx.report(CODES.SW119, state.path, `the inline Map state '${state.name}' iterates over ${fmt(items.length)} items, each adding at least ${perItem} events to the execution history`, {
            limit: `${describeQuota('executionHistoryEvents')} per execution (about ${fmt(maxItems)} items)`, actual: `${fmt(items.length)} items`,
          });
        }
        continue;
      }
      const source = items !== undefined ? `Items ${JSON.stringify(items)}` : state.json.ItemsPath !== undefined ? `ItemsPath ${JSON.stringify(state.json.ItemsPath)}` : 'its input';
      ctx.report(CODES.SW119, state.path, `the inline Map state '${state.name}' iterates over ${source}, adding at least ${perItem} events per item to the execution history, so a list of more than about ${fmt(maxItems)} items fails the execution`, {
        limit: `${describeQuota('executionHistoryEvents')} per execution`, actual: `at least ${perItem} events per item`,
      });
    }
  },
};

/** The quota rules, in the order they run. */
export const QUOTA_RULES: Rule[] = [
  definitionSizeRule, stateNameRule, stateMachineNameRule, activityNameRule, payloadSizeRule, tagRule,
  mapLimitsRule, mapLabelRule, durationRule, historyRule,
];
