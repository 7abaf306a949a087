/*
 * A read-only model of a state machine definition, built once per validation and shared by every
 * rule: its scopes (the top level, each Parallel branch, each Map processor), its states with their
 * paths, and the executions they run in. Building it never throws, whatever the input: malformed
 * parts become empty scopes or states with no type, which the ASL rules report.
 */
import { formatNumber } from '../quotas';

/** The two query languages (ASL "Query Languages"). */
export type QueryLanguageName = 'JSONPath' | 'JSONata';

/** The workflow types (API `StateMachineType`). */
export type WorkflowTypeName = 'STANDARD' | 'EXPRESS';

/** The eight state types (ASL "States"). */
export const STATE_TYPES = new Set(['Task', 'Parallel', 'Map', 'Pass', 'Wait', 'Choice', 'Succeed', 'Fail']);

/**
 * An execution states run in: the state machine's own, or the child executions a Distributed Map
 * starts for its items (DMAP: each child is a Standard or Express execution with its own history and
 * duration).
 */
export interface ExecutionContext {
  readonly type: WorkflowTypeName;
  /** The Distributed Map that starts these child executions; undefined for the top-level execution. */
  readonly childOf?: StateNode;
  /** The execution this one is a child of. */
  readonly parent?: ExecutionContext;
}

/** A set of states with its own `StartAt`: the top level, a Parallel branch, a Map processor. */
export interface Scope {
  /** `''` for the top level, else the owner's path plus `/Branches[i]` or `/ItemProcessor`. */
  readonly path: string;
  /** The JSON object holding `StartAt` and `States` (anything, when the definition is malformed). */
  readonly body: unknown;
  /** The Parallel or Map state this scope belongs to. */
  readonly owner?: StateNode;
  /** 0 for the top level, 1 for a branch or processor of a top-level state, ... */
  readonly depth: number;
  /** The states, in definition order. */
  readonly states: StateNode[];
  readonly byName: Map<string, StateNode>;
  readonly execution: ExecutionContext;
}

/** One state of the definition. */
export interface StateNode {
  readonly name: string;
  /** Its `statePath` (see `Finding.statePath`). */
  readonly path: string;
  /** The state as written in the definition. */
  readonly raw: unknown;
  /** The state's JSON object, or `{}` when the state is not an object. */
  readonly json: Record<string, any>;
  readonly isObject: boolean;
  /** `Type`, when it is a string. */
  readonly type?: string;
  readonly scope: Scope;
  /** The state's effective query language: its own `QueryLanguage`, else the state machine's. */
  readonly queryLanguage: QueryLanguageName;
  /** Scopes inside this state (Parallel branches, the Map processor). */
  readonly children: Scope[];
  /** Its position in `scope.states`. */
  readonly localIndex: number;
  /** The states it can go to in its scope, once computed (see `successors`). */
  succ?: StateNode[];
  /** What its `Resource` is, once classified (see `resourceOf`). */
  res?: TaskResource;
}

/** A definition, modelled. */
export interface DefinitionModel {
  /** The top-level JSON object. */
  readonly root: Record<string, any>;
  readonly topQueryLanguage: QueryLanguageName;
  readonly workflowType: WorkflowTypeName;
  /** Every scope, parents before children. */
  readonly scopes: Scope[];
  /** Every state, in document order (a state before the states of its branches). */
  readonly states: StateNode[];
  /** Every state with a given name, anywhere (more than one is a duplicate). */
  readonly statesByName: Map<string, StateNode[]>;
  /** The deepest scope's depth. */
  readonly maxDepth: number;
}

/** Whether a value is a plain JSON object. */
export function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a JSONata state's field holds an expression (`{% ... %}`) rather than a value. */
export function isJsonataExpression(value: unknown): boolean {
  return typeof value === 'string' && value.startsWith('{%') && value.endsWith('%}');
}

/** Builds the model of a definition's top-level object, in one pass, in document order. */
export function buildModel(root: Record<string, any>, workflowType: WorkflowTypeName): DefinitionModel {
  const topQueryLanguage: QueryLanguageName = root.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const scopes: Scope[] = [];
  const states: StateNode[] = [];
  const statesByName = new Map<string, StateNode[]>();
  let maxDepth = 0;

  // A depth-first walk with an explicit stack rather than recursion: nesting is usually shallow,
  // but a definition from elsewhere may be anything. A state's branches and processor are walked
  // before its next sibling, which is document order.
  const stack: { scope: Scope; entries: [string, unknown][]; next: number }[] = [];
  const open = (body: unknown, path: string, owner: StateNode | undefined, depth: number, execution: ExecutionContext): Scope => {
    const scope: Scope = { path, body, owner, depth, states: [], byName: new Map(), execution };
    owner?.children.push(scope);
    scopes.push(scope);
    maxDepth = Math.max(maxDepth, depth);
    return scope;
  };
  const entriesOf = (scope: Scope): [string, unknown][] => {
    const body = scope.body;
    return isObject(body) && isObject(body.States) ? Object.entries(body.States) : [];
  };
  const top = open(root, '', undefined, 0, { type: workflowType });
  stack.push({ scope: top, entries: entriesOf(top), next: 0 });
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.next >= frame.entries.length) {
      stack.pop();
      continue;
    }
    const [name, raw] = frame.entries[frame.next++];
    const scope = frame.scope;
    const json = isObject(raw) ? raw : {};
    const node: StateNode = {
      name,
      path: scope.path ? `${scope.path}/${name}` : name,
      raw,
      json,
      isObject: isObject(raw),
      type: typeof json.Type === 'string' ? json.Type : undefined,
      scope,
      queryLanguage: json.QueryLanguage === 'JSONata' || json.QueryLanguage === 'JSONPath' ? json.QueryLanguage : topQueryLanguage,
      children: [],
      localIndex: scope.states.length,
    };
    scope.states.push(node);
    scope.byName.set(name, node);
    states.push(node);
    const same = statesByName.get(name);
    if (same) {
      same.push(node);
    } else {
      statesByName.set(name, [node]);
    }
    const children: Scope[] = [];
    if (node.type === 'Parallel' && Array.isArray(json.Branches)) {
      json.Branches.forEach((branch: unknown, b: number) => {
        children.push(open(branch, `${node.path}/Branches[${b}]`, node, scope.depth + 1, scope.execution));
      });
    } else if (node.type === 'Map') {
      const processor = json.ItemProcessor ?? json.Iterator;
      if (processor !== undefined) {
        const execution: ExecutionContext = isDistributedMap(node)
          ? { type: processorConfig(node).ExecutionType === 'EXPRESS' ? 'EXPRESS' : 'STANDARD', childOf: node, parent: scope.execution }
          : scope.execution;
        children.push(open(processor, `${node.path}/ItemProcessor`, node, scope.depth + 1, execution));
      }
    }
    // The first branch on top of the stack: walked first.
    for (let c = children.length - 1; c >= 0; c--) {
      stack.push({ scope: children[c], entries: entriesOf(children[c]), next: 0 });
    }
  }
  return { root, topQueryLanguage, workflowType, scopes, states, statesByName, maxDepth };
}

/** A Map state's `ItemProcessor.ProcessorConfig` (ASL "Map State"; DMAP), or `{}`. */
export function processorConfig(state: StateNode): Record<string, any> {
  const processor = state.json.ItemProcessor ?? state.json.Iterator;
  return isObject(processor) && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
}

/** Whether a Map state runs in Distributed mode (`ItemProcessor.ProcessorConfig.Mode`). */
export function isDistributedMap(state: StateNode): boolean {
  return state.type === 'Map' && processorConfig(state).Mode === 'DISTRIBUTED';
}

/** One transition out of a state. */
export interface Transition {
  /** What the transition names (a string, or whatever the definition holds). */
  readonly target: unknown;
  /** Where it is written: `Next`, `Default`, `Choices[2].Next`, `Catch[0].Next`. */
  readonly field: string;
}

/** Every transition out of a state: `Next`, Choice rules and `Default`, Catch `Next`. */
export function transitionsOf(state: StateNode): Transition[] {
  const out: Transition[] = [];
  const json = state.json;
  if (json.Next !== undefined) {
    out.push({ target: json.Next, field: 'Next' });
  }
  if (state.type === 'Choice') {
    if (Array.isArray(json.Choices)) {
      json.Choices.forEach((rule: unknown, i: number) => {
        if (isObject(rule) && rule.Next !== undefined) {
          out.push({ target: rule.Next, field: `Choices[${i}].Next` });
        }
      });
    }
    if (json.Default !== undefined) {
      out.push({ target: json.Default, field: 'Default' });
    }
  }
  if (Array.isArray(json.Catch)) {
    json.Catch.forEach((catcher: unknown, i: number) => {
      if (isObject(catcher) && catcher.Next !== undefined) {
        out.push({ target: catcher.Next, field: `Catch[${i}].Next` });
      }
    });
  }
  return out;
}

/** The states a state can go to within its scope (targets that exist there); computed once. */
export function successors(state: StateNode): StateNode[] {
  if (state.succ) {
    return state.succ;
  }
  const out: StateNode[] = [];
  for (const t of transitionsOf(state)) {
    const target = typeof t.target === 'string' ? state.scope.byName.get(t.target) : undefined;
    if (target && !out.includes(target)) {
      out.push(target);
    }
  }
  state.succ = out;
  return out;
}

/** Whether a state ends its scope: `"End": true`, Succeed or Fail. */
export function isTerminal(state: StateNode): boolean {
  return state.json.End === true || state.type === 'Succeed' || state.type === 'Fail';
}

/** The state a scope starts at, when `StartAt` names one of its states. */
export function startState(scope: Scope): StateNode | undefined {
  const startAt = isObject(scope.body) ? scope.body.StartAt : undefined;
  return typeof startAt === 'string' ? scope.byName.get(startAt) : undefined;
}

/** How a Task calls what it calls (PAT "service integration patterns"). */
export enum IntegrationPattern {
  REQUEST_RESPONSE = 'REQUEST_RESPONSE',
  RUN_JOB = 'RUN_JOB',
  WAIT_FOR_TASK_TOKEN = 'WAIT_FOR_TASK_TOKEN',
  ACTIVITY = 'ACTIVITY',
  UNKNOWN = 'UNKNOWN',
}

/** What a Task's `Resource` is. */
export interface TaskResource {
  readonly pattern: IntegrationPattern;
  /**
   * A short name of what is called: `lambda:invoke`, `aws-sdk:s3:getObject`, `http:invoke`,
   * `lambda function`, `activity`, or `unknown`.
   */
  readonly service: string;
  /** `.sync`, `.sync:2`, `.waitForTaskToken`, or `''`. */
  readonly suffix: string;
  /** The activity's name, when the resource is an activity ARN with a literal name. */
  readonly activityName?: string;
  /** Whether the resource is a Lambda function (`lambda:invoke` or a function ARN). */
  readonly isLambda: boolean;
}

/** Matches the placeholders `renderDefinition` writes for CloudFormation values: `${Ref:Queue}`. */
const PLACEHOLDER = /\$\{[^}]*\}/g;
const TOKEN_MARK = '\u241f';
const ACTIVITY_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:activity:(.+)$/;
const SERVICE_ARN = /^arn:[^:]+:states:::(.+?)(\.sync(?::2)?|\.waitForTaskToken)?$/;
const LAMBDA_FUNCTION_ARN = /^arn:[^:]+:lambda:[^:]*:[^:]*:function:.+$/;

/** CloudFormation resource types whose `Ref`/`Fn::GetAtt` a Task `Resource` may name. */
const ACTIVITY_TYPE = 'AWS::StepFunctions::Activity';
const LAMBDA_TYPES = new Set(['AWS::Lambda::Function', 'AWS::Lambda::Alias', 'AWS::Lambda::Version']);

/**
 * Classifies a Task's `Resource` (PAT; TASK): an optimized or AWS SDK integration (with its
 * `.sync`, `.sync:2` or `.waitForTaskToken` suffix), an activity ARN, or a Lambda function ARN.
 * Placeholders for CloudFormation values are looked up in `resourceTypes` (placeholder ->
 * CloudFormation type), so `${Ref:Activity}` is known to be an activity.
 */
export function classifyResource(resource: unknown, resourceTypes?: ReadonlyMap<string, string>): TaskResource {
  if (typeof resource !== 'string') {
    return { pattern: IntegrationPattern.UNKNOWN, service: 'unknown', suffix: '', isLambda: false };
  }
  const whole = /^\$\{[^}]*\}$/.test(resource) ? resourceTypes?.get(resource) : undefined;
  if (whole === ACTIVITY_TYPE) {
    return { pattern: IntegrationPattern.ACTIVITY, service: 'activity', suffix: '', isLambda: false };
  }
  if (whole && LAMBDA_TYPES.has(whole)) {
    return { pattern: IntegrationPattern.REQUEST_RESPONSE, service: 'lambda function', suffix: '', isLambda: true };
  }
  // Placeholders may contain colons (`${AWS::Partition}`): mask them before matching ARN parts.
  const shape = resource.replace(PLACEHOLDER, TOKEN_MARK);
  const activity = ACTIVITY_ARN.exec(shape);
  if (activity) {
    const name = activity[1].includes(TOKEN_MARK) ? undefined : activity[1];
    return { pattern: IntegrationPattern.ACTIVITY, service: 'activity', suffix: '', activityName: name, isLambda: false };
  }
  const service = SERVICE_ARN.exec(shape);
  if (service) {
    const suffix = service[2];
    const pattern = suffix === undefined ? IntegrationPattern.REQUEST_RESPONSE
      : suffix === '.waitForTaskToken' ? IntegrationPattern.WAIT_FOR_TASK_TOKEN : IntegrationPattern.RUN_JOB;
    const name = service[1].replace(new RegExp(TOKEN_MARK, 'g'), '*');
    return { pattern, service: name, suffix: suffix ?? '', isLambda: name === 'lambda:invoke' };
  }
  if (LAMBDA_FUNCTION_ARN.test(shape)) {
    return { pattern: IntegrationPattern.REQUEST_RESPONSE, service: 'lambda function', suffix: '', isLambda: true };
  }
  return { pattern: IntegrationPattern.UNKNOWN, service: 'unknown', suffix: '', isLambda: false };
}

/** What a state's `Resource` is (`classifyResource`), classified once per state. */
export function resourceOf(state: StateNode, resourceTypes?: ReadonlyMap<string, string>): TaskResource {
  if (!state.res) {
    state.res = classifyResource(state.json.Resource, resourceTypes);
  }
  return state.res;
}

/** `1,048,576`: a number as messages write it. */
export function fmt(n: number): string {
  return formatNumber(n);
}

/** The number of Unicode characters (code points) in a string. */
export function codePoints(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        i++;
      }
    }
    n++;
  }
  return n;
}
