import * as fs from 'fs';
import * as path from 'path';
import { Annotations, AspectPriority, Aspects, IAspect, IResolvable, IResolveContext, Stack, Stage, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { Finding, Severity } from '../core/finding';
import { buildReport } from './private/report-builder';
import { readStateMachine } from './private/settings';
import { ValidationReport } from './report';
import { ReportedFinding, StackReport, WorkflowReport } from './report-model';
import { nameProblem } from './rules/quotas';
import { prepareDefinition, runRules } from './validate';
import { ValidationOptions } from './validator';
import { findCfnStateMachine } from '../core/asl/render';
import { CODES } from '../core/codes';
import { StepwiseError, findingOf, formatFinding } from '../core/errors';

/** Options for checking one state machine at synth time. */
export interface StateMachineCheckOptions extends ValidationOptions {
  /**
   * Whether to write the validation report next to the stack's template
   * (`<outdir>/<artifactId>.stepwise-report.json`).
   *
   * @default true
   */
  readonly writeReport?: boolean;
}

/** Options for checking every state machine under a scope. */
export interface StepwiseChecksOptions {
  /**
   * Whether to write a validation report next to each stack's template
   * (`<outdir>/<artifactId>.stepwise-report.json`).
   *
   * @default true
   */
  readonly writeReports?: boolean;
}

/** The state machines already checked, so a Workflow and the Aspect never report twice. */
const CHECKED = new WeakSet<sfn.CfnStateMachine>();
const CHECKED_ACTIVITIES = new WeakSet<sfn.CfnActivity>();
/** The reports recorded per deployed stack during this process, by construct path. */
const STACK_REPORTS = new WeakMap<Stack, Map<string, WorkflowReport>>();

/**
 * Synth-time checks of Step Functions state machines: service quotas, Amazon States Language
 * rules, Express restrictions and best-practice warnings (see `Validator` for the rules).
 *
 * Errors fail `cdk synth` (and `app.synth()`) through `node.addValidation`; warnings are
 * Annotations with the ID `cdk-stepwise:<code>`, which you can acknowledge:
 * `Annotations.of(stateMachine).acknowledgeWarning('cdk-stepwise:SW401', 'why')`.
 * A `Workflow` checks itself; `StepwiseChecks.enable(app)` checks every state machine of an app,
 * including those written with plain aws-cdk-lib.
 *
 * @example
 * const app = new App();
 * StepwiseChecks.enable(app);
 */
export class StepwiseChecks {
  /**
   * Checks every `sfn.StateMachine` and `sfn.CfnStateMachine` (and the names of `sfn.CfnActivity`)
   * under `scope` when the app is synthesized.
   *
   * Aspects do not cross Stage boundaries in aws-cdk-lib: the checks reach the Stages that exist
   * under `scope` when this is called; call it again with each Stage created later.
   *
   * @param scope an App, a Stage or a Stack
   * @param options what to write
   */
  public static enable(scope: IConstruct, options: StepwiseChecksOptions = {}): void {
    const aspect = new StepwiseChecksAspect(options);
    for (const c of scope.node.findAll()) {
      if (c === scope || Stage.isStage(c)) {
        Aspects.of(c).add(aspect, { priority: AspectPriority.READONLY });
      }
    }
  }

  /**
   * Checks one state machine when the app is synthesized. Calling it twice for the same state
   * machine, or enabling the Aspect as well, checks it once.
   *
   * @param stateMachine an `sfn.StateMachine`, an `sfn.CfnStateMachine`, or a construct whose default child is one
   * @param options overrides of what is read from the state machine
   * @throws StepwiseError (SW201) if `stateMachine` holds no state machine
   */
  public static check(stateMachine: IConstruct, options: StateMachineCheckOptions = {}): void {
    const cfn = findCfnStateMachine(stateMachine);
    if (!cfn) {
      throw new StepwiseError({
        code: CODES.SW201,
        statePath: '',
        message: `${stateMachine.node.path} holds no state machine (no AWS::StepFunctions::StateMachine under it), so there is nothing to check`,
        fix: 'pass an sfn.StateMachine, an sfn.CfnStateMachine or a Workflow',
      });
    }
    attach(stateMachine, cfn, options);
  }

  private constructor() {}
}

/**
 * An Aspect that checks every Step Functions state machine it visits (see `StepwiseChecks`).
 * `StepwiseChecks.enable(app)` adds it; add it yourself to choose its priority.
 */
export class StepwiseChecksAspect implements IAspect {
  private readonly writeReports: boolean;

  /**
   * @param options what to write
   */
  constructor(options: StepwiseChecksOptions = {}) {
    this.writeReports = options.writeReports ?? true;
  }

  /**
   * Checks `node` if it is a state machine or an activity.
   *
   * @param node the construct visited
   */
  public visit(node: IConstruct): void {
    if (node instanceof sfn.CfnStateMachine) {
      // Annotate the L2 state machine when there is one: its path is the one users know.
      const parent = node.node.scope;
      const target = parent instanceof sfn.StateMachine && parent.node.defaultChild === node ? parent : node;
      attach(target, node, { writeReport: this.writeReports });
    } else if (node instanceof sfn.CfnActivity) {
      checkActivity(node);
    }
  }
}

/**
 * The definition of a state machine, resolved once for validation and template synthesis both.
 *
 * aws-cdk-lib resolves `DefinitionString` (the whole state graph rendered as JSON, the costliest
 * property of a large state machine) when it prepares the app, when it writes the template and when
 * it writes tree.json. Validation needs it resolved too. Wrapping the property lets the template
 * and tree.json reuse the resolution validation made moments before in the same synthesis (the
 * construct tree is locked from validation on) instead of doing it twice more, so checking a state
 * machine costs the rules, not another rendering.
 *
 * The shared value exists only after validation armed it, is served at most `SERVES` times (the
 * template and tree.json), and is dropped whenever aws-cdk-lib prepares an app again, so a later
 * synthesis never sees a stale definition.
 */
class SharedDefinition implements IResolvable {
  /** The resolutions that follow validation's in one synthesis: the template's and tree.json's. */
  private static readonly SERVES = 2;

  public readonly creationStack: string[] = [];
  private armed = false;
  private shared?: { readonly value: unknown };
  private serves = 0;

  constructor(private readonly original: string) {}

  /** The next resolution (validation's) is kept for the one after it. */
  public arm(): void {
    this.armed = true;
    this.shared = undefined;
  }

  public resolve(context: IResolveContext): unknown {
    if (context.preparing) {
      this.armed = false;
      this.shared = undefined;
      return context.resolve(this.original);
    }
    if (this.armed) {
      this.armed = false;
      const value = context.resolve(this.original);
      this.shared = { value };
      this.serves = SharedDefinition.SERVES;
      return value;
    }
    const shared = this.shared;
    if (shared) {
      if (--this.serves === 0) {
        this.shared = undefined;
      }
      return shared.value;
    }
    return context.resolve(this.original);
  }

  public toString(): string {
    return Token.asString(this);
  }
}

/** Wraps the definition of `cfn` for sharing (see `SharedDefinition`), when it is a rendered token. */
function shareDefinition(cfn: sfn.CfnStateMachine): SharedDefinition | undefined {
  const original = cfn.definitionString;
  if (typeof original !== 'string' || !Token.isUnresolved(original)) {
    return undefined;
  }
  const shared = new SharedDefinition(original);
  cfn.definitionString = Token.asString(shared);
  return shared;
}

/** Adds the validation of `cfn` to `target` once. */
function attach(target: IConstruct, cfn: sfn.CfnStateMachine, options: StateMachineCheckOptions): void {
  if (CHECKED.has(cfn)) {
    return;
  }
  CHECKED.add(cfn);
  const shared = shareDefinition(cfn);
  target.node.addValidation({
    validate: () => {
      shared?.arm();
      const input = readStateMachine(cfn, options);
      const prepared = input.problem ? input.problem : prepareDefinition(input.definition, input.settings);
      const findings = 'model' in prepared ? runRules(prepared, input.settings) : [prepared];
      // Warnings go on the L1 resource, below `target`: aws-cdk-lib only honours an
      // acknowledgement made before a warning exists for warnings on *descendants* of the
      // acknowledged construct (Acknowledgements.has searches the ancestors' paths, not the
      // node's own), so this is what lets `Annotations.of(workflow).acknowledgeWarning()` work.
      const reported = annotate(cfn, findings);
      if (options.writeReport ?? true) {
        record(cfn, buildReport(prepared, reported, input.settings, target.node.path));
      }
      return findings.filter((f) => f.severity === Severity.ERROR).map((f) => formatFinding(f));
    },
  });
}

/**
 * Turns warnings and infos into acknowledgeable Annotations (`cdk-stepwise:<code>`); errors are
 * returned to `addValidation` by the caller. Returns the findings with whether each was acknowledged.
 */
function annotate(target: IConstruct, findings: Finding[]): ReportedFinding[] {
  return findings.map((f) => {
    if (f.severity === Severity.ERROR) {
      return f;
    }
    const message = formatFinding(f);
    const id = `cdk-stepwise:${f.code}`;
    const annotations = withoutStackTraces(() => Annotations.of(target));
    if (f.severity === Severity.WARNING) {
      annotations.addWarningV2(id, message);
    } else {
      annotations.addInfoV2(id, message);
    }
    // An acknowledged annotation is not added: its absence is how we know.
    const acknowledged = !target.node.metadata.some((m) => typeof m.data === 'string' && m.data.startsWith(message));
    return acknowledged ? { ...f, acknowledged } : f;
  });
}

/**
 * Annotations without a stack trace. A finding is raised during validation, so its trace would
 * point into cdk-stepwise rather than to the user's code, and capturing one costs about a
 * millisecond under ts-node's source maps. `Annotations` reads this switch when it is created.
 */
function withoutStackTraces<T>(fn: () => T): T {
  const before = process.env.CDK_DISABLE_STACK_TRACE;
  process.env.CDK_DISABLE_STACK_TRACE = '1';
  try {
    return fn();
  } finally {
    if (before === undefined) {
      delete process.env.CDK_DISABLE_STACK_TRACE;
    } else {
      process.env.CDK_DISABLE_STACK_TRACE = before;
    }
  }
}

/** SW106 for an activity whose name Step Functions would reject. */
function checkActivity(activity: sfn.CfnActivity): void {
  if (CHECKED_ACTIVITIES.has(activity)) {
    return;
  }
  CHECKED_ACTIVITIES.add(activity);
  activity.node.addValidation({
    validate: () => {
      const name = activity.name;
      if (typeof name !== 'string' || Token.isUnresolved(name)) {
        return [];
      }
      const problem = nameProblem(name);
      return problem ? [formatFinding(findingOf({
        code: CODES.SW106,
        statePath: '',
        message: `the activity name '${name}' ${problem.message}`,
        limit: problem.limit,
        actual: problem.actual,
        fix: 'Use 1 to 80 characters from A-Z a-z 0-9 - _ for the activity name',
      }))] : [];
    },
  });
}

/** The stack whose template is deployed (the outermost parent of a nested stack). */
function deployedStack(construct: IConstruct): Stack {
  let stack = Stack.of(construct);
  while (stack.nestedStackParent) {
    stack = stack.nestedStackParent;
  }
  return stack;
}

/** The file a stack's report is written to: next to its template in the assembly directory. */
function reportFile(stack: Stack): string | undefined {
  const stage = Stage.of(stack);
  return stage ? path.join(stage.outdir, `${stack.artifactId}${ValidationReport.FILE_SUFFIX}`) : undefined;
}

/** Records a state machine's report and rewrites its stack's report file. */
function record(cfn: sfn.CfnStateMachine, report: WorkflowReport): void {
  const stack = deployedStack(cfn);
  let reports = STACK_REPORTS.get(stack);
  if (!reports) {
    reports = new Map();
    STACK_REPORTS.set(stack, reports);
  }
  reports.set(report.constructPath, report);
  const file = reportFile(stack);
  if (!file) {
    return;
  }
  const content: StackReport = {
    stackName: stack.stackName,
    artifactId: stack.artifactId,
    stateMachines: [...reports.values()].sort((a, b) => a.constructPath.localeCompare(b.constructPath)),
  };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(content, undefined, 2) + '\n');
}
