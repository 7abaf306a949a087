import { S3ObjectNotMockedError, TooManyTransitionsError } from '../errors';
import type { LocalS3 } from '../s3';
import { evaluateChoiceRule } from './choice-rules';
import { batchItems, ChildNaming, ChildOutcome, executionRecord, readItems, ReadItems, serialize, transformResults } from './distributed-map';
import { evaluateIntrinsic } from './intrinsics';
import { evaluateJsonata, JsonataBindings } from './jsonata';
import { applyPayloadTemplate, applyResultPath, evaluatePath, PathEnv, preview } from './jsonpath';
import { SeededRandom } from './random';
import { errorMatches, StatesError } from './states-error';

/** One call of a Task state's work, handed to whatever stands in for the real service. */
export interface TaskCall {
  /** The state's name. */
  readonly stateName: string;
  /** Where the state ran: `Fanout/Branches[1]/Notify`, `Process/ItemProcessor[2]/Charge`. */
  readonly statePath: string;
  /** The state's `Resource`, placeholders included. */
  readonly resource: string;
  /** The effective input: after InputPath and Parameters (JSONPath) or Arguments (JSONata). */
  readonly input: unknown;
  /** The Context Object as the state sees it. */
  readonly context: unknown;
  /** 1 for the first attempt, 2 for the first retry, ... */
  readonly attempt: number;
}

/** How a state ended. */
export type StateStatus = 'SUCCEEDED' | 'FAILED' | 'CAUGHT';

/** One state entered during a run. */
export interface StateRecord {
  /** The state's name. */
  readonly name: string;
  /** The state's `Type`. */
  readonly type: string;
  /** The scope the state ran in: `''` for the top level, `Fanout/Branches[0]`, `Process/ItemProcessor[3]`. */
  readonly scope: string;
  /** `scope/name`, or the name at the top level. */
  readonly statePath: string;
  /** The state's raw input. */
  readonly input: unknown;
  /** The state's output, when it succeeded or a Catcher handled its error. */
  output?: unknown;
  /** SUCCEEDED, FAILED, or CAUGHT (failed and a Catcher moved on). Undefined while it runs. */
  status?: StateStatus;
  /** The error name, when it failed or was caught. */
  error?: string;
  /** The error cause, when it failed or was caught. */
  cause?: string;
  /** How many times the state's work ran: 1 plus the number of retries. */
  attempts: number;
  /** The delay before each retry, in seconds, as Step Functions would wait (jitter applied). */
  readonly retryDelaysSeconds: number[];
  /** For a Wait state: how long it would wait, in seconds. */
  waitSeconds?: number;
  /** The state the run went to next, if any. */
  next?: string;
}

/** Execution-level values of the Context Object. */
export interface ContextSeed {
  readonly executionId: string;
  readonly executionName: string;
  readonly roleArn: string;
  readonly startTime: string;
  readonly stateMachineId: string;
  readonly stateMachineName: string;
}

/** How the interpreter runs. */
export interface InterpreterOptions {
  /** Runs a Task state's work; returns the result or throws a StatesError. */
  readonly invokeTask: (call: TaskCall) => unknown;
  /** Whether Wait states and retry intervals take real time. */
  readonly realTime: boolean;
  /** The most states one run may enter. */
  readonly maxTransitions: number;
  /** Execution-level Context Object values. */
  readonly context: ContextSeed;
  /** The run's random numbers: retry jitter, unseeded `States.MathRandom` and `$random()`, UUIDs. */
  readonly random: SeededRandom;
  /** The S3 objects Distributed Map readers read and result writers write. */
  readonly s3?: LocalS3;
  /** How many child executions of each Map Run have their states recorded in the trace. */
  readonly recordedChildExecutions?: number;
}

/** The end of a run. */
export interface InterpreterResult {
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  readonly states: StateRecord[];
  /** Top-level workflow variables when the run ended. */
  readonly variables: Record<string, unknown>;
}

type QueryLanguage = 'JSONPath' | 'JSONata';

/** Workflow variables of one scope (the state machine, a Parallel branch, a Map iteration). */
class VariableScope {
  private readonly values = new Map<string, unknown>();

  constructor(private readonly parent?: VariableScope, private readonly seesParent = true) {}

  public lookup(name: string): { value: unknown } | undefined {
    if (this.values.has(name)) {
      return { value: this.values.get(name) };
    }
    return this.parent && this.seesParent ? this.parent.lookup(name) : undefined;
  }

  /** Every visible variable, inner values over outer ones, for JSONata bindings. */
  public visible(): Record<string, unknown> {
    const outer = this.parent && this.seesParent ? this.parent.visible() : {};
    return Object.assign(outer, Object.fromEntries(this.values));
  }

  public assign(values: Record<string, unknown>): void {
    for (const [name, value] of Object.entries(values)) {
      this.values.set(name, value);
    }
  }
}

/** What one execution of a state produced. */
interface StateOutcome {
  readonly output: unknown;
  readonly assign?: Record<string, unknown>;
  readonly next?: string;
}

/** Where a state runs. */
interface Place {
  readonly scope: VariableScope;
  readonly scopePath: string;
  readonly queryLanguage: QueryLanguage;
  /** Inside a Distributed Map child execution: its identity, and whether its states are recorded. */
  readonly child?: { readonly index: number; readonly naming: ChildNaming; readonly input: unknown; readonly record: boolean };
}

/**
 * Runs an Amazon States Language definition in process: all eight state types, Retry and Catch,
 * JSONPath (with intrinsic functions) and JSONata, and workflow variables with their scopes.
 * Task work is delegated to `invokeTask`. Parallel branches and Map iterations run one after
 * another, in order, so that a run and its trace are deterministic.
 */
export class Interpreter {
  private readonly topQueryLanguage: QueryLanguage;
  private states: StateRecord[] = [];
  private transitions = 0;
  /** Virtual time in ms since the epoch: starts at the execution's start and moves with Waits and retries. */
  private clock = 0;
  private executionInput: unknown;

  constructor(private readonly definition: any, private readonly options: InterpreterOptions) {
    this.topQueryLanguage = definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  }

  /** Runs the state machine once with an input. Throws only `LocalRunError`s (the test cannot run); a failing workflow is a result. */
  public async run(input: unknown): Promise<InterpreterResult> {
    this.states = [];
    this.transitions = 0;
    this.clock = Date.parse(this.options.context.startTime);
    this.executionInput = input;
    const scope = new VariableScope();
    try {
      const output = await this.runScope(this.definition, input, { scope, scopePath: '', queryLanguage: this.topQueryLanguage });
      return { status: 'SUCCEEDED', output, states: this.states, variables: scope.visible() };
    } catch (e) {
      if (e instanceof StatesError) {
        return { status: 'FAILED', error: e.error, cause: e.cause, states: this.states, variables: scope.visible() };
      }
      throw e;
    }
  }

  private async runScope(scopeDefinition: any, input: unknown, place: Place): Promise<unknown> {
    let name: string = scopeDefinition.StartAt;
    let current = input;
    for (;;) {
      const state = scopeDefinition.States[name];
      if (++this.transitions > this.options.maxTransitions) {
        throw new TooManyTransitionsError(this.options.maxTransitions, name);
      }
      const record: StateRecord = {
        name,
        type: state.Type,
        scope: place.scopePath,
        statePath: place.scopePath ? `${place.scopePath}/${name}` : name,
        input: current,
        attempts: 1,
        retryDelaysSeconds: [],
      };
      if (place.child?.record !== false) {
        this.states.push(record);
      }
      const statePlace: Place = { ...place, queryLanguage: state.QueryLanguage ?? place.queryLanguage };
      let outcome: StateOutcome;
      try {
        outcome = await this.runState(name, state, current, statePlace, record);
      } catch (e) {
        if (e instanceof StatesError) {
          record.status = 'FAILED';
          record.error = e.error;
          record.cause = e.cause;
        }
        throw e;
      }
      record.status ??= 'SUCCEEDED';
      record.output = outcome.output;
      record.next = outcome.next;
      if (outcome.assign) {
        place.scope.assign(outcome.assign);
      }
      if (outcome.next === undefined) {
        return outcome.output;
      }
      name = outcome.next;
      current = outcome.output;
    }
  }

  private async runState(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    switch (state.Type) {
      case 'Task':
      case 'Parallel':
      case 'Map':
        return this.runWithRetryAndCatch(name, state, input, place, record);
      case 'Pass':
        return this.runPass(name, state, input, place, record);
      case 'Wait':
        return this.runWait(name, state, input, place, record);
      case 'Choice':
        return this.runChoice(name, state, input, place, record);
      case 'Succeed':
        return this.isJsonata(place)
          ? { output: await this.jsonata(state.Output, this.bindings(name, input, place, record), `${name}.Output`, input) }
          : { output: this.outputPath(state, this.inputPath(state, input, place, name, record), place, name, record) };
      case 'Fail':
        throw await this.failError(name, state, input, place, record);
      default:
        throw new StatesError('States.Runtime', `state '${name}' has an unknown Type '${state.Type}'.`);
    }
  }

  // ---- state types -------------------------------------------------------------------------

  private async runPass(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    if (this.isJsonata(place)) {
      const b = this.bindings(name, input, place, record);
      return {
        output: await this.jsonata(state.Output, b, `${name}.Output`, input),
        assign: await this.jsonataAssign(state.Assign, b, name),
        next: state.Next,
      };
    }
    const env = this.pathEnv(name, place, record);
    let effective = this.inputPath(state, input, place, name, record);
    if (state.Parameters !== undefined) {
      effective = applyPayloadTemplate(state.Parameters, effective, env, `${name}.Parameters`);
    }
    const result = 'Result' in state ? structuredClone(state.Result) : effective;
    return {
      output: this.outputPath(state, applyResultPath(input, state.ResultPath, result), place, name, record),
      assign: this.pathAssign(state.Assign, result, env, name),
      next: state.Next,
    };
  }

  private async runWait(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    let seconds: unknown;
    let timestamp: unknown;
    let outcome: StateOutcome;
    if (this.isJsonata(place)) {
      const b = this.bindings(name, input, place, record);
      seconds = state.Seconds === undefined ? undefined : await this.jsonata(state.Seconds, b, `${name}.Seconds`);
      timestamp = state.Timestamp === undefined ? undefined : await this.jsonata(state.Timestamp, b, `${name}.Timestamp`);
      outcome = {
        output: await this.jsonata(state.Output, b, `${name}.Output`, input),
        assign: await this.jsonataAssign(state.Assign, b, name),
        next: state.Next,
      };
    } else {
      const env = this.pathEnv(name, place, record);
      const effective = this.inputPath(state, input, place, name, record);
      seconds = state.SecondsPath !== undefined ? evaluatePath(state.SecondsPath, effective, env, 'States.Runtime', `${name}.SecondsPath`) : state.Seconds;
      timestamp = state.TimestampPath !== undefined ? evaluatePath(state.TimestampPath, effective, env, 'States.Runtime', `${name}.TimestampPath`) : state.Timestamp;
      outcome = {
        output: this.outputPath(state, effective, place, name, record),
        assign: this.pathAssign(state.Assign, effective, env, name),
        next: state.Next,
      };
    }
    let wait: number;
    if (seconds !== undefined) {
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
        throw new StatesError('States.Runtime', `state '${name}': Seconds must be a non-negative integer, got ${preview(seconds)}.`);
      }
      wait = seconds;
    } else {
      const at = typeof timestamp === 'string' ? Date.parse(timestamp) : NaN;
      if (Number.isNaN(at)) {
        throw new StatesError('States.Runtime', `state '${name}': Timestamp must be an RFC 3339 timestamp, got ${preview(timestamp)}.`);
      }
      // Timestamps are truncated to whole seconds (AWS "Wait workflow state").
      wait = Math.max(0, Math.floor((at - this.clock) / 1000));
    }
    record.waitSeconds = wait;
    await this.pass(wait);
    return outcome;
  }

  private async runChoice(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    const choices: any[] = state.Choices ?? [];
    if (this.isJsonata(place)) {
      const b = this.bindings(name, input, place, record);
      for (let i = 0; i < choices.length; i++) {
        const rule = choices[i];
        const field = `${name}.Choices[${i}].Condition`;
        const matched = typeof rule.Condition === 'boolean' ? rule.Condition : await this.jsonata(rule.Condition, b, field);
        if (typeof matched !== 'boolean') {
          throw new StatesError('States.QueryEvaluationError', `${field}: the Condition must evaluate to a boolean, got ${preview(matched)}.`);
        }
        if (matched) {
          // A matched rule's Output and Assign are used instead of the state's (ASL "Choice State").
          return {
            output: await this.jsonata(rule.Output, b, `${name}.Choices[${i}].Output`, input),
            assign: await this.jsonataAssign(rule.Assign, b, name),
            next: rule.Next,
          };
        }
      }
      if (state.Default === undefined) {
        throw new StatesError('States.NoChoiceMatched', `state '${name}': no Choice Rule matched and there is no Default.`);
      }
      return {
        output: await this.jsonata(state.Output, b, `${name}.Output`, input),
        assign: await this.jsonataAssign(state.Assign, b, name),
        next: state.Default,
      };
    }
    const env = this.pathEnv(name, place, record);
    const effective = this.inputPath(state, input, place, name, record);
    const output = this.outputPath(state, effective, place, name, record);
    for (let i = 0; i < choices.length; i++) {
      if (evaluateChoiceRule(choices[i], effective, env, `${name}.Choices[${i}]`)) {
        return { output, assign: this.pathAssign(choices[i].Assign, effective, env, name), next: choices[i].Next };
      }
    }
    if (state.Default === undefined) {
      throw new StatesError('States.NoChoiceMatched', `state '${name}': no Choice Rule matched the input ${preview(effective)} and there is no Default.`);
    }
    return { output, assign: this.pathAssign(state.Assign, effective, env, name), next: state.Default };
  }

  private async failError(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StatesError> {
    let error: unknown = state.Error;
    let cause: unknown = state.Cause;
    if (this.isJsonata(place)) {
      const b = this.bindings(name, input, place, record);
      error = error === undefined ? undefined : await this.jsonata(error, b, `${name}.Error`);
      cause = cause === undefined ? undefined : await this.jsonata(cause, b, `${name}.Cause`);
    } else {
      const env = this.pathEnv(name, place, record);
      const dynamic = (value: string, field: string): unknown => (value.startsWith('$')
        ? evaluatePath(value, input, env, 'States.Runtime', field)
        : evaluateIntrinsic(value, input, env, field));
      if (state.ErrorPath !== undefined) {
        error = dynamic(state.ErrorPath, `${name}.ErrorPath`);
      }
      if (state.CausePath !== undefined) {
        cause = dynamic(state.CausePath, `${name}.CausePath`);
      }
    }
    return new StatesError(error === undefined ? 'States.Fail' : String(error), cause === undefined ? '' : String(cause));
  }

  /** Task, Parallel and Map: the work, retried and caught as the state says. */
  private async runWithRetryAndCatch(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    const retriers: any[] = state.Retry ?? [];
    const retryCounts = retriers.map(() => 0);
    for (;; record.attempts++) {
      try {
        return await this.runWork(name, state, input, place, record);
      } catch (e) {
        if (!(e instanceof StatesError)) {
          throw e;
        }
        // Only the first Retrier whose ErrorEquals matches applies (ASL "Retrying after error").
        const index = retriers.findIndex((r) => errorMatches(r.ErrorEquals, e.error));
        if (index >= 0 && retryCounts[index] < (retriers[index].MaxAttempts ?? 3)) {
          const delay = retryDelay(retriers[index], retryCounts[index], this.options.random);
          retryCounts[index]++;
          record.retryDelaysSeconds.push(delay);
          await this.pass(delay);
          continue;
        }
        const catcher = (state.Catch ?? []).find((c: any) => errorMatches(c.ErrorEquals, e.error));
        if (!catcher) {
          throw e;
        }
        record.status = 'CAUGHT';
        record.error = e.error;
        record.cause = e.cause;
        const errorOutput = { Error: e.error, Cause: e.cause };
        if (this.isJsonata(place)) {
          const b = this.bindings(name, input, place, record, { errorOutput });
          return {
            output: await this.jsonata(catcher.Output, b, `${name}.Catch.Output`, errorOutput),
            assign: await this.jsonataAssign(catcher.Assign, b, name),
            next: catcher.Next,
          };
        }
        return {
          output: applyResultPath(input, catcher.ResultPath, errorOutput),
          assign: this.pathAssign(catcher.Assign, errorOutput, this.pathEnv(name, place, record), name),
          next: catcher.Next,
        };
      }
    }
  }

  /** One attempt of a Task, Parallel or Map state. */
  private async runWork(name: string, state: any, input: unknown, place: Place, record: StateRecord): Promise<StateOutcome> {
    // One of the two: JSONata bindings or a JSONPath environment.
    const b = this.isJsonata(place) ? this.bindings(name, input, place, record) : undefined;
    const env = b ? undefined : this.pathEnv(name, place, record);
    let effective: unknown;
    if (b) {
      effective = state.Type === 'Map' || state.Arguments === undefined
        ? input
        : await this.jsonata(state.Arguments, b, `${name}.Arguments`);
    } else {
      effective = this.inputPath(state, input, place, name, record);
      if (state.Parameters !== undefined && state.Type !== 'Map') {
        effective = applyPayloadTemplate(state.Parameters, effective, env!, `${name}.Parameters`);
      }
    }

    let result: unknown;
    if (state.Type === 'Task') {
      result = await this.options.invokeTask({
        stateName: name,
        statePath: record.statePath,
        resource: state.Resource,
        input: effective,
        context: b ? b.states.context : env!.context,
        attempt: record.attempts,
      });
    } else if (state.Type === 'Parallel') {
      result = await this.runParallel(state, effective, place, record);
    } else {
      result = await this.runMap(name, state, input, effective, place, record, b);
    }

    if (b) {
      const withResult = this.bindings(name, input, place, record, { result });
      return {
        output: await this.jsonata(state.Output, withResult, `${name}.Output`, result),
        assign: await this.jsonataAssign(state.Assign, withResult, name),
        next: state.Next,
      };
    }
    // JSONPath Assign sees the result before ResultSelector (AWS "Passing data between states with variables").
    const assign = this.pathAssign(state.Assign, result, env!, name);
    const selected = state.ResultSelector !== undefined ? applyPayloadTemplate(state.ResultSelector, result, env!, `${name}.ResultSelector`) : result;
    return {
      output: this.outputPath(state, applyResultPath(input, state.ResultPath, selected), place, name, record),
      assign,
      next: state.Next,
    };
  }

  private async runParallel(state: any, input: unknown, place: Place, record: StateRecord): Promise<unknown[]> {
    const results: unknown[] = [];
    for (let i = 0; i < state.Branches.length; i++) {
      const branch = state.Branches[i];
      results.push(await this.runScope(branch, input, {
        scope: new VariableScope(place.scope),
        scopePath: `${record.statePath}/Branches[${i}]`,
        queryLanguage: branch.QueryLanguage ?? this.topQueryLanguage,
      }));
    }
    return results;
  }

  /** The items of a Map that come from its input: `ItemsPath` (JSONPath) or `Items` (JSONata). */
  private async inputItems(
    name: string, state: any, rawInput: unknown, effective: unknown, env: PathEnv | undefined, b: JsonataBindings | undefined,
  ): Promise<unknown> {
    if (b) {
      return state.Items === undefined ? rawInput : this.jsonata(state.Items, b, `${name}.Items`);
    }
    return state.ItemsPath === undefined ? effective : evaluatePath(state.ItemsPath, effective, env!, 'States.Runtime', `${name}.ItemsPath`);
  }

  /** A field that may be static, a `...Path` (JSONPath) or a JSONata expression; undefined when absent. */
  private async dynamicNumber(
    name: string, holder: any, field: string, effective: unknown, env: PathEnv | undefined, b: JsonataBindings | undefined,
  ): Promise<number | undefined> {
    let value: unknown = holder?.[field];
    if (b && typeof value === 'string') {
      value = await this.jsonata(value, b, `${name}.${field}`);
    } else if (!b && holder?.[`${field}Path`] !== undefined) {
      value = evaluatePath(holder[`${field}Path`], effective, env!, 'States.Runtime', `${name}.${field}Path`);
    }
    if (value === undefined) {
      return undefined;
    }
    if (typeof value !== 'number' || Number.isNaN(value)) {
      throw new StatesError('States.Runtime', `state '${name}': ${field} must be a number, got ${preview(value)}.`);
    }
    return value;
  }

  /**
   * A Distributed Map (AWS "Using Map state in Distributed mode"): items from the reader or the
   * input, MaxItems, ItemSelector with `Map.Item.*`, batches, one isolated child execution per
   * item or batch (no outer variables, its own transitions and execution ARN), the tolerated
   * failure threshold, and the result writer.
   */
  private async runDistributedMap(
    name: string, state: any, rawInput: unknown, effective: unknown, place: Place, record: StateRecord, b: JsonataBindings | undefined,
  ): Promise<unknown> {
    const env = b ? undefined : this.pathEnv(name, place, record);
    const processor = state.ItemProcessor;
    const c = this.options.context;
    const label = typeof state.Label === 'string' ? state.Label : name.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'map';
    const region = c.stateMachineId.split(':')[3] ?? 'us-east-1';
    const account = c.stateMachineId.split(':')[4] ?? '123456789012';
    const mapRunId = this.options.random.uuid();
    const mapRunArn = `arn:aws:states:${region}:${account}:mapRun:${c.stateMachineName}/${label}:${mapRunId}`;

    // Items.
    let read: ReadItems;
    if (state.ItemReader !== undefined) {
      const reader = state.ItemReader;
      const args = (b
        ? await this.jsonata(reader.Arguments ?? {}, b, `${name}.ItemReader.Arguments`)
        : applyPayloadTemplate(reader.Parameters ?? {}, effective, env!, `${name}.ItemReader.Parameters`)) as Record<string, any>;
      if (!this.options.s3) {
        throw new S3ObjectNotMockedError(name, String(args.Bucket), String(args.Key ?? args.Prefix ?? ''), []);
      }
      read = readItems(name, reader, args, this.options.s3);
    } else {
      const items = await this.inputItems(name, state, rawInput, effective, env, b);
      if (Array.isArray(items)) {
        read = { items, total: items.length, source: 'STATE_DATA' };
      } else if (items !== null && typeof items === 'object') {
        const values = Object.values(items);
        read = { items: values, total: values.length, keys: Object.keys(items), source: 'STATE_DATA' };
      } else {
        throw new StatesError(b ? 'States.QueryEvaluationError' : 'States.Runtime', `state '${name}': the items to iterate over must be an array or object, got ${preview(items)}.`);
      }
    }
    const maxItems = await this.dynamicNumber(name, state.ItemReader?.ReaderConfig, 'MaxItems', effective, env, b);
    const total = maxItems !== undefined && maxItems > 0 ? Math.min(read.total, maxItems) : read.total;

    // ItemSelector, with Map.Item.* in the context (only there).
    const selector = state.ItemSelector ?? (b ? undefined : state.Parameters);
    const select = async (value: unknown, i: number): Promise<unknown> => {
      if (selector === undefined) {
        return value;
      }
      const item: Record<string, unknown> = { Index: i, Value: value, Source: read.source };
      if (read.keys) {
        item.Key = read.keys[i];
      }
      return b
        ? this.jsonata(selector, { ...b, states: { ...b.states, context: { ...(b.states.context as object), Map: { Item: item } } } }, `${name}.ItemSelector`)
        : applyPayloadTemplate(selector, effective, { ...env!, context: { ...(env!.context as object), Map: { Item: item } } }, `${name}.ItemSelector`);
    };

    // Batches: by count and by bytes (IB).
    let batching: { perBatch?: number; bytes: number; batchInput?: unknown } | undefined;
    if (state.ItemBatcher !== undefined) {
      const batcher = state.ItemBatcher;
      batching = {
        perBatch: await this.dynamicNumber(name, batcher, 'MaxItemsPerBatch', effective, env, b),
        bytes: await this.dynamicNumber(name, batcher, 'MaxInputBytesPerBatch', effective, env, b) ?? 262_144,
        batchInput: batcher.BatchInput === undefined ? undefined
          : b ? await this.jsonata(batcher.BatchInput, b, `${name}.ItemBatcher.BatchInput`)
            : applyPayloadTemplate(batcher.BatchInput, effective, env!, `${name}.ItemBatcher.BatchInput`),
      };
    }
    const wrap = (items: unknown[]): unknown => (batching!.batchInput === undefined
      ? { Items: items }
      : { Items: items, BatchInput: batching!.batchInput });

    // Tolerance: failed items / all items, against the percentage and the count (either fails).
    const pct = await this.dynamicNumber(name, state, 'ToleratedFailurePercentage', effective, env, b);
    const count = await this.dynamicNumber(name, state, 'ToleratedFailureCount', effective, env, b);
    const exceeded = (failedItems: number): boolean => {
      if (pct === undefined && count === undefined) {
        return failedItems > 0;
      }
      return (count !== undefined && failedItems > count) || (pct !== undefined && total > 0 && (failedItems / total) * 100 > pct);
    };

    // Children, one after another, each isolated; items are read, selected and batched as the
    // children start, and only the outcomes the results need are kept.
    const childType = processor.ProcessorConfig?.ExecutionType === 'EXPRESS' ? 'express' : 'execution';
    const recorded = this.options.recordedChildExecutions ?? 1000;
    const writer = state.ResultWriter;
    const exportsToS3 = writer !== undefined && writer.Resource !== undefined;
    const transformation: string = writer?.WriterConfig?.Transformation ?? (exportsToS3 ? 'NONE' : 'COMPACT');
    const keepInputs = transformation === 'NONE';
    const outcomes: ChildOutcome[] = [];
    const pending: unknown[] = [];
    let failedItems = 0;
    let stopped = false;
    let children = 0;
    const savedTransitions = this.transitions;
    // Child names are UUID-shaped and unique in the run: the Map Run's id with the child's index.
    const naming: ChildNaming = {
      name: (i) => `${mapRunId.slice(0, 24)}${i.toString(16).padStart(12, '0')}`,
      arn: (i) => (childType === 'express'
        ? `arn:aws:states:${region}:${account}:express:${c.stateMachineName}/${label}:${mapRunId}:${naming.name(i)}`
        : `arn:aws:states:${region}:${account}:execution:${c.stateMachineName}/${label}:${naming.name(i)}`),
    };
    const runChild = async (input: unknown, size: number): Promise<void> => {
      const i = children++;
      const start = this.clock;
      this.transitions = 0;
      try {
        const output = await this.runScope(processor, input, {
          scope: new VariableScope(place.scope, false),
          scopePath: `${record.statePath}/ItemProcessor[${i}]`,
          queryLanguage: processor.QueryLanguage ?? this.topQueryLanguage,
          child: { index: i, naming, input, record: i < recorded },
        });
        outcomes.push({ index: i, input: keepInputs ? input : undefined, status: 'SUCCEEDED', output, start, stop: this.clock });
      } catch (e) {
        if (!(e instanceof StatesError)) {
          throw e;
        }
        outcomes.push({ index: i, input, status: 'FAILED', error: e.error, cause: e.cause, start, stop: this.clock });
        failedItems += size;
        stopped = exceeded(failedItems);
      }
    };
    let batch: unknown[] = [];
    let batchBytes = 0;
    let index = 0;
    for (const raw of read.items) {
      if (index >= total) {
        break;
      }
      const value = await select(raw, index++);
      if (stopped) {
        // Never started: the writer lists them as PENDING.
        pending.push(value);
        continue;
      }
      if (!batching) {
        await runChild(value, 1);
        continue;
      }
      const size = Buffer.byteLength(JSON.stringify(value), 'utf8') + 1;
      if (batch.length > 0 && ((batching.perBatch !== undefined && batch.length >= batching.perBatch) || batchBytes + size > batching.bytes)) {
        const full = batch;
        batch = [];
        batchBytes = 0;
        await runChild(wrap(full), full.length);
        if (stopped) {
          pending.push(value);
          continue;
        }
      }
      batch.push(value);
      batchBytes += size;
    }
    if (batch.length > 0) {
      if (stopped) {
        pending.unshift(...batch);
      } else {
        await runChild(wrap(batch), batch.length);
      }
    }
    this.transitions = savedTransitions;
    const failedRun = exceeded(failedItems);

    // Results.
    const smArn = `${c.stateMachineId}/${label}`;
    const succeeded = outcomes.filter((o) => o.status === 'SUCCEEDED');
    let output: unknown;
    if (exportsToS3) {
      const args = (b
        ? await this.jsonata(writer.Arguments ?? {}, b, `${name}.ResultWriter.Arguments`)
        : applyPayloadTemplate(writer.Parameters ?? {}, effective, env!, `${name}.ResultWriter.Parameters`)) as Record<string, any>;
      const s3 = this.options.s3;
      if (!s3) {
        throw new StatesError('States.ResultWriterFailed', `state '${name}': the run has no LocalS3 to write results to.`);
      }
      const bucket = String(args.Bucket);
      const prefix = args.Prefix === undefined || args.Prefix === '' ? '' : `${String(args.Prefix).replace(/\/+$/, '')}/`;
      const outputType = writer.WriterConfig?.OutputType ?? 'JSON';
      const ext = outputType === 'JSONL' ? 'jsonl' : 'json';
      const base = `${prefix}${mapRunId}/`;
      const files: Record<string, { Key: string; Size: number }[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
      const write = (kind: string, values: unknown[]): void => {
        if (values.length === 0) {
          return;
        }
        const key = `${base}${kind}_0.${ext}`;
        const body = serialize(values, outputType);
        s3._write(bucket, key, body);
        files[kind].push({ Key: key, Size: Buffer.byteLength(body, 'utf8') });
      };
      write('SUCCEEDED', transformResults(succeeded, transformation, smArn, naming));
      write('FAILED', outcomes.filter((o) => o.status === 'FAILED').map((o) => executionRecord(o, smArn, naming)));
      const pendingInputs = batching ? batchItems(pending, batching.perBatch, batching.bytes).map(wrap) : pending;
      write('PENDING', pendingInputs.map((input) => ({ Input: JSON.stringify(input), InputDetails: { Included: true } })));
      const manifestKey = `${base}manifest.json`;
      s3._write(bucket, manifestKey, JSON.stringify({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }));
      output = { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
    } else {
      output = transformResults(succeeded, transformation, smArn, naming);
    }
    if (failedRun) {
      const failed = outcomes.filter((o) => o.status === 'FAILED');
      const last = failed[failed.length - 1];
      throw new StatesError('States.ExceedToleratedFailureThreshold',
        `The specified tolerated failure threshold was exceeded: ${failedItems} of ${total} items failed (last: ${last?.error}: ${last?.cause}).`);
    }
    return output;
  }

  private async runMap(
    name: string, state: any, rawInput: unknown, effective: unknown, place: Place, record: StateRecord, b: JsonataBindings | undefined,
  ): Promise<unknown> {
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor.ProcessorConfig?.Mode === 'DISTRIBUTED') {
      return this.runDistributedMap(name, state, rawInput, effective, place, record, b);
    }
    const env = b ? undefined : this.pathEnv(name, place, record);
    const items = await this.inputItems(name, state, rawInput, effective, env, b);
    if (!Array.isArray(items)) {
      throw new StatesError(b ? 'States.QueryEvaluationError' : 'States.Runtime', `state '${name}': the items to iterate over must be an array, got ${preview(items)}.`);
    }
    const seesOuter = true;
    const selector = state.ItemSelector ?? (b ? undefined : state.Parameters);
    const results: unknown[] = [];
    for (let i = 0; i < items.length; i++) {
      const mapContext = { Item: { Index: i, Value: items[i] } };
      let itemInput = items[i];
      if (selector !== undefined) {
        itemInput = b
          ? await this.jsonata(selector, { ...b, states: { ...b.states, context: { ...(b.states.context as object), Map: mapContext } } }, `${name}.ItemSelector`)
          : applyPayloadTemplate(selector, effective, { ...env!, context: { ...(env!.context as object), Map: mapContext } }, `${name}.ItemSelector`);
      }
      results.push(await this.runScope(processor, itemInput, {
        scope: new VariableScope(place.scope, seesOuter),
        scopePath: `${record.statePath}/ItemProcessor[${i}]`,
        queryLanguage: processor.QueryLanguage ?? this.topQueryLanguage,
      }));
    }
    return results;
  }

  // ---- query-language helpers --------------------------------------------------------------

  private isJsonata(place: Place): boolean {
    return place.queryLanguage === 'JSONata';
  }

  private contextObject(name: string, record: StateRecord, place?: Place): Record<string, unknown> {
    const c = this.options.context;
    const child = place?.child;
    return {
      Execution: {
        Id: child ? child.naming.arn(child.index) : c.executionId,
        Input: child ? child.input : this.executionInput,
        Name: child ? child.naming.name(child.index) : c.executionName,
        RoleArn: c.roleArn,
        StartTime: c.startTime,
        RedriveCount: 0,
      },
      State: { EnteredTime: new Date(this.clock).toISOString(), Name: name, RetryCount: Math.max(0, record.attempts - 1) },
      StateMachine: { Id: c.stateMachineId, Name: c.stateMachineName },
      Task: { Token: `local-task-token:${record.statePath}:${record.attempts}` },
    };
  }

  private bindings(
    name: string, input: unknown, place: Place, record: StateRecord, extra: { result?: unknown; errorOutput?: unknown } = {},
  ): JsonataBindings {
    return {
      states: { input, context: this.contextObject(name, record, place), ...extra },
      variables: place.scope.visible(),
      random: this.options.random,
    };
  }

  /** Evaluates a JSONata field; an absent field gives `fallback`. */
  private async jsonata(field: unknown, b: JsonataBindings, fieldName: string, fallback?: unknown): Promise<unknown> {
    if (field === undefined) {
      return fallback;
    }
    return evaluateJsonata(field, b, fieldName);
  }

  private async jsonataAssign(assign: unknown, b: JsonataBindings, name: string): Promise<Record<string, unknown> | undefined> {
    if (assign === undefined) {
      return undefined;
    }
    return await evaluateJsonata(assign, b, `${name}.Assign`) as Record<string, unknown>;
  }

  private pathEnv(name: string, place: Place, record: StateRecord): PathEnv {
    return {
      context: this.contextObject(name, record, place),
      variable: (variable) => place.scope.lookup(variable),
      random: this.options.random,
    };
  }

  private pathAssign(assign: unknown, value: unknown, env: PathEnv, name: string): Record<string, unknown> | undefined {
    if (assign === undefined) {
      return undefined;
    }
    return applyPayloadTemplate(assign, value, env, `${name}.Assign`) as Record<string, unknown>;
  }

  private inputPath(state: any, input: unknown, place: Place, name: string, record: StateRecord): unknown {
    if (!('InputPath' in state) || state.InputPath === '$') {
      return input;
    }
    // A null InputPath gives an empty object (ASL "InputPath, Parameters and ResultSelector").
    return state.InputPath === null ? {} : evaluatePath(state.InputPath, input, this.pathEnv(name, place, record), 'States.Runtime', `${name}.InputPath`);
  }

  private outputPath(state: any, output: unknown, place: Place, name: string, record: StateRecord): unknown {
    if (!('OutputPath' in state) || state.OutputPath === '$') {
      return output;
    }
    return state.OutputPath === null ? {} : evaluatePath(state.OutputPath, output, this.pathEnv(name, place, record), 'States.Runtime', `${name}.OutputPath`);
  }

  /** Moves the virtual clock; sleeps for real only when asked to. */
  private async pass(seconds: number): Promise<void> {
    this.clock += seconds * 1000;
    if (this.options.realTime && seconds > 0) {
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }
}

/**
 * The delay before retry number `count + 1`: IntervalSeconds (default 1) × BackoffRate (default 2)
 * ^ count, capped by MaxDelaySeconds; JitterStrategy FULL picks a random delay up to that
 * (ASL "Retrying after error"; AWS "Error handling in Step Functions").
 */
function retryDelay(retrier: any, count: number, random: SeededRandom): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const backoff = retrier.BackoffRate ?? 2;
  let delay = interval * Math.pow(backoff, count);
  if (retrier.MaxDelaySeconds !== undefined) {
    delay = Math.min(delay, retrier.MaxDelaySeconds);
  }
  if (retrier.JitterStrategy === 'FULL') {
    delay = random.next() * delay;
  }
  return delay;
}
