import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { ChoiceOptions, DistributedMapOptions, MapOptions, ParallelOptions } from './options';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { DistributedMapState } from './private/distributed-map-state';
import { Step } from '../core/step';

/**
 * Properties for a `Flow`.
 */
export interface FlowProps {
  /**
   * The query language of the states this flow creates.
   *
   * Leave it unset to inherit the state machine's query language (set on the `Workflow`). Set
   * it to `JSONATA` to build a JSONata flow inside a JSONPath state machine. A JSONata state
   * machine cannot contain JSONPath states.
   *
   * @default - the state machine's query language
   */
  readonly queryLanguage?: sfn.QueryLanguage;
}

/** @internal what a flow remembers about each piece appended to it, for the definition checks */
export interface FlowEntry {
  /** The state name (for steps and chains: the name of their first state). */
  readonly name: string;
  /** `Pass`, `Task`, `Choice`, ... or `Chain` for an appended aws-cdk-lib chain. */
  readonly kind: string;
  /** The first state of the piece. */
  readonly state: sfn.State;
  /** Every state of the piece (reachable from its first state when it was added, error handlers included). */
  readonly states: sfn.State[];
  /** Flows and chains nested in the piece: Choice targets, Catch handlers, branches, processors. */
  readonly children: FlowChild[];
}

/** @internal a flow or chain nested inside an entry */
export interface FlowChild {
  /** `branch 2`, `item processor`, `Catch handler`, ... */
  readonly label: string;
  readonly chainable: sfn.IChainable;
  /** Whether it is a new scope (Parallel branch, Map processor) rather than a path in the same scope. */
  readonly newScope: boolean;
}

/**
 * A fluent builder for Step Functions workflows that reads top to bottom.
 *
 * Each `add*()` call creates an aws-cdk-lib state (a `sfn.Pass`, `sfn.Choice`, a task from a
 * `Step`, ...) named as given, chains it after the states added before, and returns the flow.
 * A flow is an `sfn.IChainable`: pass it to a `Workflow` (or any aws-cdk-lib API that takes a
 * chainable) as the definition, or use it as a Choice target, a Parallel branch, a Map item
 * processor or a Catch handler.
 *
 * The states are constructs created in the flow's scope (with construct ids made unique there,
 * so two workflows in one stack can both have a state named `Done`); the flow itself is not a
 * construct, which keeps large definitions as cheap to synthesize as plain aws-cdk-lib ones.
 * State names are checked for uniqueness across the whole definition when a `Workflow` is built
 * from it.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * const approved = new Flow(this, 'Approved').addSucceed('Done');
 * const rejected = new Flow(this, 'Rejected').addFail('Rejected', { error: 'OrderInvalid' });
 * const orders = new Flow(this, 'Orders')
 *   .addPass('Normalize', { parameters: { order: sfn.JsonPath.objectAt('$.detail') } })
 *   .addChoice('Valid?', {
 *     branches: [{ condition: sfn.Condition.booleanEquals('$.order.valid', true), next: approved }],
 *     otherwise: rejected,
 *   });
 */
export class Flow implements sfn.IChainable {
  /**
   * Whether `x` is a `Flow`.
   *
   * @param x any value
   */
  public static isFlow(x: any): x is Flow {
    return x !== null && typeof x === 'object' && FLOW_SYMBOL in x;
  }

  /** The flow's name, as `sfn.IChainable` requires (it names the flow in error messages). */
  public readonly id: string;

  /**
   * The query language of the states this flow creates.
   *
   * @default - the state machine's query language
   */
  public readonly queryLanguage?: sfn.QueryLanguage;

  /** Where the states are created. */
  private readonly scope: Construct;
  /** @internal `<scope path>/<id>`, for messages */
  public readonly _path: string;

  private _start?: sfn.State;
  private _ends: sfn.INextable[] = [];
  /** Why `_ends` is empty once the flow has states: the state that ended it. */
  private _endedBy?: string;
  private _last?: { readonly state: sfn.State; readonly name: string; readonly kind: string };
  private readonly _entries: FlowEntry[] = [];
  private readonly _states = new Set<sfn.State>();
  private readonly _names = new Map<string, number>();

  /**
   * @param scope the construct scope the flow's states are created in
   * @param id the flow's name, used in error messages
   * @param props the flow's properties
   */
  constructor(scope: Construct, id: string, props: FlowProps = {}) {
    Object.defineProperty(this, FLOW_SYMBOL, { value: true });
    this.scope = scope;
    this.id = id;
    this._path = `${scope.node.path}/${id}`;
    this.queryLanguage = props.queryLanguage;
  }

  /**
   * The first state of the flow.
   *
   * @throws SW001 when the flow has no states
   */
  public get startState(): sfn.State {
    if (!this._start) {
      throw new StepwiseError({
        code: CODES.SW001,
        statePath: '',
        message: `the flow '${this.id}' has no states, so there is nothing to start at`,
        fix: `add at least one state to the flow '${this.id}' before using it (e.g. addPass('Start'))`,
      }, this._path);
    }
    return this._start;
  }

  /** The states the next added state will follow. Empty once the flow ends (Succeed, Fail, a jump). */
  public get endStates(): sfn.INextable[] {
    return [...this._ends];
  }

  /** Whether the flow has no states yet. */
  public get isEmpty(): boolean {
    return this._start === undefined;
  }

  /** @internal the pieces appended so far, for the definition checks */
  public get _flowEntries(): FlowEntry[] {
    return this._entries;
  }

  /**
   * Adds a step (a service integration, an activity, a pattern) named `name`.
   *
   * @param name the state name; unique in the whole state machine, at most 80 characters
   * @param step what to run, e.g. `LambdaSteps.invoke({ lambdaFunction: fn })`
   */
  public addStep(name: string, step: Step): Flow {
    this.checkName(name);
    const built = step.bind(this.scope, this.idFor(name), { stateName: name, queryLanguage: this.queryLanguage });
    // A step made of several states (a pattern) is not one state that retry/catch could apply to.
    return this.append(name, built === built.startState ? kindOf(built.startState) : 'Step', built, []);
  }

  /**
   * Adds any aws-cdk-lib state, task or chain, or another flow, after the states added so far.
   *
   * If its first state is already part of this flow, this is a jump back to that state (a loop):
   * the flow ends there, and nothing can be added after it.
   *
   * @param next an aws-cdk-lib state (e.g. `new tasks.LambdaInvoke(...)`), a chain, or a flow
   */
  public addNext(next: sfn.IChainable): Flow {
    const start = startOf(next, `the chainable '${next.id}' added to the flow '${this.id}'`);
    if (this._states.has(start)) {
      this.connect(next, `a jump back to '${start.stateId}'`);
      this._ends = [];
      this._endedBy = `the jump back to '${start.stateId}'`;
      return this;
    }
    if (next === start) {
      // A single aws-cdk-lib state: it is "the state added last" for addRetry()/addCatch().
      this.checkName(start.stateId);
      return this.append(start.stateId, kindOf(start), start, []);
    }
    const children: FlowChild[] = Flow.isFlow(next) ? [{ label: `flow '${next.id}'`, chainable: next, newScope: false }] : [];
    return this.append(start.stateId, Flow.isFlow(next) ? 'Flow' : 'Chain', next, children);
  }

  /**
   * Adds a Pass state: passes its input to its output, optionally transformed, or injects a
   * fixed result; can assign variables.
   *
   * @param name the state name
   * @param props the Pass state's properties (`stateName` is ignored)
   */
  public addPass(name: string, props: sfn.PassProps = {}): Flow {
    this.checkName(name);
    return this.append(name, 'Pass', new sfn.Pass(this.scope, this.idFor(name), this.stateProps(name, props)), [], true);
  }

  /**
   * Adds a Wait state: pauses for a time or until a timestamp.
   *
   * @param name the state name
   * @param props the Wait state's properties (`stateName` is ignored)
   */
  public addWait(name: string, props: sfn.WaitProps): Flow {
    this.checkName(name);
    return this.append(name, 'Wait', new sfn.Wait(this.scope, this.idFor(name), this.stateProps(name, props)), [], true);
  }

  /**
   * Adds a Choice state: continues with the first branch whose condition holds.
   *
   * Branches that do not end (with Succeed, Fail or a jump) join again: the next state added to
   * this flow follows each of them. Without `otherwise`, that next state is also the Choice's
   * default.
   *
   * @param name the state name
   * @param options the branches, the default, and the Choice state's properties
   */
  public addChoice(name: string, options: ChoiceOptions): Flow {
    this.checkName(name);
    const branches = options.branches ?? [];
    if (branches.length === 0) {
      throw new StepwiseError({
        code: CODES.SW005,
        statePath: name,
        message: `the Choice state '${name}' has no branches`,
        limit: 'at least 1 branch',
        actual: '0 branches',
        fix: `pass one or more { condition, next } entries in 'branches' of '${name}'; use addPass() if no decision is needed`,
      }, this._path);
    }
    const { branches: _b, otherwise, ...props } = options;
    const choice = new sfn.Choice(this.scope, this.idFor(name), this.stateProps(name, props));
    const children: FlowChild[] = [];
    branches.forEach((branch, i) => {
      const label = `branch ${i + 1}`;
      startOf(branch.next, `${label} of the Choice state '${name}'`);
      choice.when(branch.condition, branch.next, { comment: branch.comment, outputs: branch.outputs, assign: branch.assign });
      children.push({ label, chainable: branch.next, newScope: false });
    });
    if (otherwise) {
      startOf(otherwise, `the 'otherwise' of the Choice state '${name}'`);
      choice.otherwise(otherwise);
      children.push({ label: 'otherwise', chainable: otherwise, newScope: false });
    }
    this.connect(choice, `the Choice state '${name}'`);
    this.record(name, 'Choice', choice, children, false);
    this._ends = choice.afterwards({ includeOtherwise: !otherwise }).endStates;
    this._endedBy = this._ends.length === 0 ? `the Choice state '${name}', all of whose branches end` : undefined;
    return this;
  }

  /**
   * Adds a Parallel state: runs its branches at the same time; its result is the array of the
   * branches' results, in order.
   *
   * @param name the state name
   * @param options the branches and the Parallel state's properties
   */
  public addParallel(name: string, options: ParallelOptions): Flow {
    this.checkName(name);
    const branches = options.branches ?? [];
    if (branches.length === 0) {
      throw new StepwiseError({
        code: CODES.SW004,
        statePath: name,
        message: `the Parallel state '${name}' has no branches`,
        limit: 'at least 1 branch',
        actual: '0 branches',
        fix: `pass one or more flows in 'branches' of '${name}'`,
      }, this._path);
    }
    const { branches: _b, ...props } = options;
    const parallel = new sfn.Parallel(this.scope, this.idFor(name), this.stateProps(name, props));
    const children = branches.map((branch, i): FlowChild => {
      startOf(branch, `branch ${i + 1} of the Parallel state '${name}'`);
      return { label: `branch ${i + 1}`, chainable: branch, newScope: true };
    });
    parallel.branch(...branches);
    return this.append(name, 'Parallel', parallel, children, true);
  }

  /**
   * Adds an inline Map state: runs `processor` for each item of an array in the input.
   *
   * @param name the state name
   * @param options the item processor, where the items come from, and the Map state's properties
   */
  public addMap(name: string, options: MapOptions): Flow {
    this.checkName(name);
    const processor = this.requireProcessor(name, 'Map', options.processor);
    const { processor: _p, ...props } = options;
    const map = new sfn.Map(this.scope, this.idFor(name), this.stateProps(name, props));
    map.itemProcessor(processor);
    return this.append(name, 'Map', map, [{ label: 'item processor', chainable: processor, newScope: true }], true);
  }

  /**
   * Adds a Distributed Map state: runs `processor` as child workflow executions, for items read
   * by an item reader (e.g. the objects under an S3 prefix) or found in the input. Distributed
   * Map is for Standard workflows only.
   *
   * @param name the state name
   * @param options the item processor, reader, writer, batching, failure tolerance, and the
   * Distributed Map state's properties
   */
  public addDistributedMap(name: string, options: DistributedMapOptions): Flow {
    this.checkName(name);
    const processor = this.requireProcessor(name, 'DistributedMap', options.processor);
    const map = new DistributedMapState(this.scope, this.idFor(name), this.stateProps(name, { ...options, processor }));
    return this.append(name, 'DistributedMap', map, [{ label: 'item processor', chainable: processor, newScope: true }], true);
  }

  /**
   * Adds a Succeed state: the execution (or the branch, or the iteration) ends successfully.
   * Nothing can be added after it.
   *
   * @param name the state name
   * @param props the Succeed state's properties (`stateName` is ignored)
   */
  public addSucceed(name: string, props: sfn.SucceedProps = {}): Flow {
    this.checkName(name);
    return this.append(name, 'Succeed', new sfn.Succeed(this.scope, this.idFor(name), this.stateProps(name, props)), [], true);
  }

  /**
   * Adds a Fail state: the execution (or the branch, or the iteration) fails with an error and
   * a cause. Nothing can be added after it.
   *
   * @param name the state name
   * @param props the error, the cause, and the Fail state's properties (`stateName` is ignored)
   */
  public addFail(name: string, props: sfn.FailProps = {}): Flow {
    this.checkName(name);
    return this.append(name, 'Fail', new sfn.Fail(this.scope, this.idFor(name), this.stateProps(name, props)), [], true);
  }

  /**
   * Adds a retrier to the state added last, which must be a Task, Parallel or Map state.
   * Retriers are tried in the order they are added; only the first that matches an error applies.
   *
   * @param props the errors to retry and how
   */
  public addRetry(props: sfn.RetryProps = {}): Flow {
    const last = this.lastRetryable('addRetry');
    last.addRetry(props);
    return this;
  }

  /**
   * Adds a catcher to the state added last, which must be a Task, Parallel or Map state: when
   * one of the errors happens (and no retry is left), the execution continues with `handler`.
   *
   * @param handler where to go on error: a flow, or any aws-cdk-lib state or chain
   * @param props the errors to catch (default `States.ALL`) and where to put the error output
   */
  public addCatch(handler: sfn.IChainable, props: sfn.CatchProps = {}): Flow {
    const last = this.lastRetryable('addCatch');
    const name = this._last!.name;
    startOf(handler, `the Catch handler of '${name}'`);
    last.addCatch(handler, props);
    this._entries[this._entries.length - 1].children.push({ label: 'Catch handler', chainable: handler, newScope: false });
    return this;
  }

  /**
   * @param fresh whether `piece` is a state this flow just created, with no transition yet (its
   * branches and item processor are scopes of their own), so it is the only state it reaches
   */
  private append(name: string, kind: string, piece: sfn.IChainable, children: FlowChild[], fresh = false): Flow {
    this.connect(piece, `the ${kind} state '${name}'`);
    this.record(name, kind, piece, children, fresh);
    this._ends = piece.endStates;
    this._endedBy = this._ends.length === 0 ? `the ${kind} state '${name}'` : undefined;
    return this;
  }

  /** Chains `piece` after the open ends of the flow (or makes it the start). */
  private connect(piece: sfn.IChainable, what: string): void {
    if (!this._start) {
      this._start = piece.startState;
      return;
    }
    if (this._ends.length === 0) {
      throw new StepwiseError({
        code: CODES.SW008,
        statePath: piece.startState.stateId,
        message: `${what} is added to the flow '${this.id}' after ${this._endedBy}, which ends it, so nothing could reach it`,
        fix: `add ${what} before ${this._endedBy}, or start a new Flow for it and reach it from a Choice branch or a Catch handler`,
      }, this._path);
    }
    for (const end of this._ends) {
      end.next(piece);
    }
  }

  private record(name: string, kind: string, piece: sfn.IChainable, children: FlowChild[], fresh: boolean): void {
    const state = piece.startState;
    // Taken now, before anything is chained after the piece, so it holds the piece's own states
    // only (walking from it later would cover the rest of the flow too).
    const states = fresh ? [state] : sfn.State.findReachableStates(state, { includeErrorHandlers: true });
    this._entries.push({ name, kind, state, states, children });
    this._names.set(name, this._entries.length - 1);
    this._last = { state, name, kind };
    for (const s of states) {
      this._states.add(s);
    }
  }

  private checkName(name: string): void {
    if (typeof name !== 'string' || name.length === 0) {
      throw new StepwiseError({
        code: CODES.SW009,
        statePath: '',
        message: `a state in the flow '${this.id}' has an empty name`,
        fix: 'give every state a non-empty name of at most 80 characters',
      }, this._path);
    }
    const earlier = this._names.get(name);
    if (earlier !== undefined) {
      throw new StepwiseError({
        code: CODES.SW002,
        statePath: name,
        message: `the state name '${name}' is used twice in the flow '${this.id}': by the ${this._entries[earlier].kind} state added ${ordinal(earlier + 1)} and by the state being added now (${ordinal(this._entries.length + 1)})`,
        fix: `state names must be unique in the whole state machine: rename one of the two states named '${name}'`,
      }, this._path);
    }
  }

  private requireProcessor(name: string, kind: string, processor: sfn.IChainable | undefined): sfn.IChainable {
    if (!processor) {
      throw new StepwiseError({
        code: CODES.SW006,
        statePath: name,
        message: `the ${kind} state '${name}' has no item processor`,
        fix: `pass the flow to run for each item in 'processor' of '${name}'`,
      }, this._path);
    }
    startOf(processor, `the item processor of the ${kind} state '${name}'`);
    return processor;
  }

  private lastRetryable(method: string): sfn.TaskStateBase | sfn.Parallel | sfn.Map | sfn.DistributedMap | sfn.CustomState {
    const last = this._last;
    if (last && (last.kind === 'Chain' || last.kind === 'Flow' || last.kind === 'Step')) {
      // The last piece was several states: its first state is not the one just before this call.
      throw retryTargetError(method, `the ${last.kind === 'Step' ? 'multi-state step' : last.kind.toLowerCase()} starting at '${last.name}'`, this._path);
    }
    const state = last?.state;
    if (state instanceof sfn.TaskStateBase || state instanceof sfn.Parallel || state instanceof sfn.Map
      || state instanceof sfn.DistributedMap || state instanceof sfn.CustomState) {
      return state;
    }
    throw retryTargetError(method, last ? `the ${last.kind} state '${last.name}'` : 'nothing (the flow is empty)', this._path);
  }

  /** Props for an aws-cdk-lib state: our name, and our query language unless the props set one. */
  private stateProps<T extends sfn.StateBaseProps>(name: string, props: T): T {
    return { ...props, stateName: name, queryLanguage: props.queryLanguage ?? this.queryLanguage };
  }

  /** A construct id for a state: its name (construct ids cannot contain '/'), made unique in the flow. */
  private idFor(name: string): string {
    const base = name.includes('/') ? name.split('/').join('|') : name;
    let id = base;
    for (let i = 2; this.scope.node.tryFindChild(id); i++) {
      id = `${base} (${i})`;
    }
    return id;
  }
}

const FLOW_SYMBOL = Symbol.for('cdk-stepwise.Flow');

/** The start state of a chainable, with a clear SW001 when it is an empty flow. */
function startOf(chainable: sfn.IChainable, what: string): sfn.State {
  if (Flow.isFlow(chainable) && chainable.isEmpty) {
    throw new StepwiseError({
      code: CODES.SW001,
      statePath: '',
      message: `${what} is the flow '${chainable.id}', which has no states`,
      fix: `add at least one state to the flow '${chainable.id}' before using it`,
    }, chainable._path);
  }
  return chainable.startState;
}

/** The ASL type of an aws-cdk-lib state, for messages. */
export function kindOf(state: sfn.State): string {
  if (state instanceof sfn.TaskStateBase || state instanceof sfn.CustomState) return 'Task';
  if (state instanceof sfn.DistributedMap || DistributedMapState.isDistributedMapState(state)) return 'DistributedMap';
  if (state instanceof sfn.MapBase) return 'Map';
  for (const [cls, kind] of [[sfn.Pass, 'Pass'], [sfn.Wait, 'Wait'], [sfn.Choice, 'Choice'], [sfn.Parallel, 'Parallel'], [sfn.Succeed, 'Succeed'], [sfn.Fail, 'Fail']] as const) {
    if (state instanceof cls) return kind;
  }
  return 'Task';
}

function retryTargetError(method: string, what: string, path: string): StepwiseError {
  return new StepwiseError({
    code: CODES.SW007,
    statePath: '',
    message: `${method}() applies to the state added last, which is ${what}; only Task, Parallel and Map states take Retry and Catch`,
    fix: `call ${method}() right after adding a Task (addStep), Parallel or Map state; to retry a group of states, put them in a Parallel`,
  }, path);
}

function ordinal(n: number): string {
  const suffix = n % 10 === 1 && n % 100 !== 11 ? 'st' : n % 10 === 2 && n % 100 !== 12 ? 'nd' : n % 10 === 3 && n % 100 !== 13 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
