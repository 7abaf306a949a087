import { IConstruct } from 'constructs';
import { analyzeDefinition, DefinitionFacts } from './engine/analyze';
import { ContextSeed, Interpreter, TaskCall } from './engine/interpreter';
import { SeededRandom } from './engine/random';
import { InvalidDefinitionError, InvalidMockError, UnmockedTaskError } from './errors';
import { TaskMock } from './mocks';
import { LocalRun } from './run';
import { LocalS3 } from './s3';
import { renderDefinition } from '../core/asl/render';

/** Values of the Context Object (`$$` / `$states.context`) for a run. */
export interface LocalContextOptions {
  /** @default 'local-execution' */
  readonly executionName?: string;
  /** @default - an ARN built from the state machine and execution names */
  readonly executionId?: string;
  /** @default 'arn:aws:iam::123456789012:role/local-run' */
  readonly roleArn?: string;
  /** ISO 8601 start time; the virtual clock starts here. @default - the current time */
  readonly startTime?: string;
  /** @default 'LocalStateMachine' */
  readonly stateMachineName?: string;
}

/** How to run a workflow locally. */
export interface LocalRunOptions {
  /** The execution input. @default {} */
  readonly input?: unknown;
  /** A mock for each Task state the run reaches, by state name. @default - no mocks (a run that reaches a Task fails with SW801) */
  readonly mocks?: Readonly<Record<string, TaskMock>>;
  /**
   * Whether Wait states and retry intervals take real time. By default they take none: a virtual
   * clock moves instead (it is what `$$.State.EnteredTime` and Wait `Timestamp` see), and each
   * state's record says how long it would have waited.
   * @default false
   */
  readonly realTime?: boolean;
  /** The most states one run may enter before it is stopped (SW806): a guard against endless loops. @default 10000 */
  readonly maxTransitions?: number;
  /** Context Object values. @default - see LocalContextOptions */
  readonly context?: LocalContextOptions;
  /**
   * The seed of the run's random numbers: retry jitter (`JitterStrategy: FULL`), `States.MathRandom`
   * and `$random()` without a seed of their own, `States.UUID` and `$uuid()`. The same seed gives
   * the same values, so runs repeat exactly; another seed gives other values.
   * @default 0
   */
  readonly seed?: number;
  /**
   * The S3 objects Distributed Map item readers read, and where result writers write (inspect it
   * after the run with `writtenObjects()`).
   * @default - none (a run whose Distributed Map reads from S3 fails with SW807)
   */
  readonly s3?: LocalS3;
  /**
   * How many child executions of each Distributed Map Run have their states in `run.states`; the
   * rest run alike but leave no trace, so a run over a million items keeps little in memory.
   * @default 1000
   */
  readonly recordedChildExecutions?: number;
}

/**
 * A state machine definition ready to run in process, with mocked tasks.
 *
 * ```ts
 * const local = LocalWorkflow.of(workflow);        // a Workflow, sfn.StateMachine, ASL object or ASL text
 * const run = await local.run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.result({ ok: true }) } });
 * expect(run).toHaveVisited(['Validate', 'Charge', 'Done']);
 * ```
 *
 * The definition is rendered and checked once; each `run()` is independent.
 */
export class LocalWorkflow {
  /**
   * @param source a state machine construct (`Workflow`, `sfn.StateMachine`, `sfn.CfnStateMachine`),
   * a parsed ASL definition, or ASL JSON text.
   * @throws InvalidDefinitionError (SW805) when the definition cannot be read or run;
   * UnsupportedFeatureError (SW804) when it uses a feature the runner does not emulate.
   */
  public static of(source: IConstruct | object | string): LocalWorkflow {
    return new LocalWorkflow(readDefinition(source));
  }

  /** The definition that runs (CloudFormation values appear as placeholders such as `${GetAtt:Fn.Arn}`). */
  public readonly definition: Readonly<Record<string, unknown>>;
  private readonly facts: DefinitionFacts;

  private constructor(definition: Record<string, unknown>) {
    this.facts = analyzeDefinition(definition);
    this.definition = definition;
  }

  /** The names of all Task states, in every scope: the names `mocks` may use. */
  public get taskNames(): string[] {
    return [...this.facts.stateTypes].filter(([, type]) => type === 'Task').map(([name]) => name);
  }

  /**
   * Runs the workflow once. Resolves with the result whether the workflow succeeds or fails;
   * rejects only when the test cannot run as written (an unmocked Task, a bad mock, too many
   * transitions), with a `LocalRunError`.
   */
  public async run(options: LocalRunOptions = {}): Promise<LocalRun> {
    const mocks = options.mocks ?? {};
    for (const name of Object.keys(mocks)) {
      const type = this.facts.stateTypes.get(name);
      if (type !== 'Task') {
        throw new InvalidMockError(name, `${type ? `is a ${type} state; only Task states take mocks` : 'is not a state of this workflow'}. Task states: ${this.taskNames.map((t) => `'${t}'`).join(', ') || 'none'}.`);
      }
      if (!(mocks[name] instanceof TaskMock)) {
        throw new InvalidMockError(name, 'the mock is not a TaskMock; use TaskMock.result(), .error(), .sequence() or .fn().');
      }
    }
    const calls = new Map<string, number>();
    const interpreter = new Interpreter(this.definition, {
      realTime: options.realTime ?? false,
      maxTransitions: options.maxTransitions ?? 10000,
      context: contextSeed(options.context ?? {}),
      random: new SeededRandom(options.seed ?? 0),
      s3: options.s3,
      recordedChildExecutions: options.recordedChildExecutions,
      invokeTask: (call: TaskCall) => {
        const mock = mocks[call.stateName];
        if (!mock) {
          throw new UnmockedTaskError(call.stateName, call.statePath, Object.keys(mocks));
        }
        const n = calls.get(call.stateName) ?? 0;
        calls.set(call.stateName, n + 1);
        return mock._invoke(call.input, { ...call, call: n });
      },
    });
    return new LocalRun(await interpreter.run(structuredClone(options.input ?? {})));
  }
}

function readDefinition(source: IConstruct | object | string): Record<string, unknown> {
  let definition: unknown = source;
  if (typeof source === 'string') {
    try {
      definition = JSON.parse(source);
    } catch (e) {
      throw new InvalidDefinitionError(`the definition is not valid JSON: ${(e as Error).message}`);
    }
  } else if (isConstruct(source)) {
    const rendered = renderDefinition(source);
    if (rendered.definition === undefined) {
      throw new InvalidDefinitionError(`${source.node.path}: ${rendered.error}`);
    }
    definition = rendered.definition;
  }
  if (!definition || typeof definition !== 'object' || Array.isArray(definition)) {
    throw new InvalidDefinitionError('the definition must be a JSON object with StartAt and States.');
  }
  // The runner never changes the definition, but a caller might: keep our own copy.
  return structuredClone(definition) as Record<string, unknown>;
}

function isConstruct(x: object): x is IConstruct {
  return 'node' in x && typeof (x as IConstruct).node?.path === 'string';
}

function contextSeed(o: LocalContextOptions): ContextSeed {
  const stateMachineName = o.stateMachineName ?? 'LocalStateMachine';
  const executionName = o.executionName ?? 'local-execution';
  // Placeholder account and region: a local run has neither.
  return {
    executionName,
    executionId: o.executionId ?? `arn:aws:states:us-east-1:123456789012:execution:${stateMachineName}:${executionName}`,
    roleArn: o.roleArn ?? 'arn:aws:iam::123456789012:role/local-run',
    startTime: o.startTime ?? new Date().toISOString(),
    stateMachineId: `arn:aws:states:us-east-1:123456789012:stateMachine:${stateMachineName}`,
    stateMachineName,
  };
}
