/*
 * Validation time (issue 4):
 *   1. the rules alone (validateDefinition on a parsed definition) for 500, 2,000 and 8,000 states,
 *      median CPU time, and the time per state relative to 500 states (1.00 = linear);
 *   2. validation as a share of synth time for a 500-state aws-cdk-lib state machine: `app.synth()`
 *      with StepwiseChecks (warnings as found, and acknowledged) against `app.synth()` without, in
 *      one process, alternating; the difference is what validation adds.
 *
 *   npx projen bench:validate
 *
 * Targets: time per state stays flat (linear growth); validation <= 5% of synth time at 500 states.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Annotations, App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { StepwiseChecks } from '../../src';
import { validateDefinition } from '../../src/validation/validate';
import { cpuMs, median, settle, table } from '../lib/stats';

/** States per unit: Task, Pass, Choice + 2 targets, Parallel + 2 branch states, Map + 1 item state. */
const UNIT = 10;
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:work';
const LAMBDA_RETRY = {
  ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

/** A raw ASL definition of `units * UNIT` states (plus a final Succeed). */
function definition(units: number): Record<string, unknown> {
  const states: Record<string, unknown> = {};
  for (let i = 0; i < units; i++) {
    const next = i + 1 < units ? `Task ${i + 1}` : 'Done';
    states[`Task ${i}`] = {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'FunctionName': FUNCTION_ARN, 'Payload.$': '$' },
      TimeoutSeconds: 30,
      Retry: [LAMBDA_RETRY],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
      Next: `Pass ${i}`,
    };
    states[`Pass ${i}`] = { Type: 'Pass', Result: { step: i }, ResultPath: '$.step', Next: `Choice ${i}` };
    states[`Choice ${i}`] = { Type: 'Choice', Choices: [{ Variable: '$.flag', BooleanEquals: true, Next: `Yes ${i}` }], Default: `No ${i}` };
    states[`Yes ${i}`] = { Type: 'Pass', Next: `Parallel ${i}` };
    states[`No ${i}`] = { Type: 'Pass', Next: `Parallel ${i}` };
    states[`Parallel ${i}`] = {
      Type: 'Parallel',
      ResultPath: null,
      Next: `Map ${i}`,
      Branches: [{ StartAt: `Left ${i}`, States: { [`Left ${i}`]: { Type: 'Pass', End: true } } }, { StartAt: `Right ${i}`, States: { [`Right ${i}`]: { Type: 'Pass', End: true } } }],
    };
    states[`Map ${i}`] = {
      Type: 'Map',
      MaxConcurrency: 10,
      ItemsPath: '$.items',
      ResultPath: null,
      Next: next,
      ItemProcessor: { ProcessorConfig: { Mode: 'INLINE' }, StartAt: `Item ${i}`, States: { [`Item ${i}`]: { Type: 'Pass', End: true } } },
    };
  }
  states.Done = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'Bench.Failed' };
  return { StartAt: 'Task 0', TimeoutSeconds: 3600, States: states };
}

/** A 500-state aws-cdk-lib state machine in a new app, checked by StepwiseChecks when `checks`. */
function buildApp(units: number, checks: boolean): { app: App; stateMachine: sfn.StateMachine; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  const app = new App({ outdir });
  if (checks) {
    StepwiseChecks.enable(app);
  }
  const stack = new Stack(app, 'Bench');
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', FUNCTION_ARN);
  let chain: sfn.Chain | undefined;
  const append = (c: sfn.IChainable): void => {
    chain = chain ? chain.next(c) : sfn.Chain.start(c);
  };
  for (let i = 0; i < units; i++) {
    append(new tasks.LambdaInvoke(stack, `Task ${i}`, { lambdaFunction: fn, taskTimeout: sfn.Timeout.duration(Duration.seconds(30)) }));
    append(new sfn.Pass(stack, `Pass ${i}`));
    const join = new sfn.Pass(stack, `Join ${i}`);
    append(new sfn.Choice(stack, `Choice ${i}`)
      .when(sfn.Condition.booleanEquals('$.flag', true), new sfn.Pass(stack, `Yes ${i}`).next(join))
      .otherwise(new sfn.Pass(stack, `No ${i}`).next(join)));
    chain = sfn.Chain.custom(chain!.startState, [join], join);
    append(new sfn.Parallel(stack, `Parallel ${i}`).branch(new sfn.Pass(stack, `Left ${i}`)).branch(new sfn.Pass(stack, `Right ${i}`)));
    append(new sfn.Map(stack, `Map ${i}`, { itemsPath: '$.items', maxConcurrency: 10 }).itemProcessor(new sfn.Pass(stack, `Item ${i}`)));
  }
  append(new sfn.Succeed(stack, 'Done'));
  const stateMachine = new sfn.StateMachine(stack, 'Workflow', { definitionBody: sfn.DefinitionBody.fromChainable(chain!), timeout: Duration.hours(1) });
  return { app, stateMachine, outdir };
}

/** Measures validateDefinition on one size: median CPU and wall milliseconds of one validation. */
function measureRules(states: number): { states: number; runs: number; reps: number; ms: number; wall: number; findings: number } {
  // Each timed sample validates about 16,000 states (32 x 500, 8 x 2,000, 2 x 8,000), so that
  // garbage collection, which a sample pays for the allocations of those before it, weighs alike.
  const runs = 15;
  const def = definition(states / UNIT);
  const text = JSON.stringify(def);
  const reps = Math.max(1, Math.round(16_000 / states));
  for (let i = 0; i < 5; i++) {
    validateDefinition(def, { stateMachineName: 'Bench', definitionText: text });
  }
  const times: number[] = [];
  const walls: number[] = [];
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    settle();
    const start = performance.now();
    times.push(cpuMs(() => {
      for (let i = 0; i < reps; i++) {
        findings = validateDefinition(def, { stateMachineName: 'Bench', definitionText: text }).length;
      }
    }) / reps);
    walls.push((performance.now() - start) / reps);
  }
  return { states: states + 2, runs, reps, ms: median(times), wall: median(walls), findings };
}

function rulesBenchmark(): void {
  // The sizes run one after the other in this process, after an aws-cdk-lib app has been built and
  // synthesized in it, so the heap is sized as in a `cdk synth`: in a fresh process the young
  // generation starts small, and the garbage of a large definition outgrows it.
  const warm = buildApp(50, false);
  warm.app.synth();
  fs.rmSync(warm.outdir, { recursive: true, force: true });
  const rows: (string | number)[][] = [];
  let base = 0;
  let baseWall = 0;
  for (const states of [500, 2000, 8000]) {
    const r = measureRules(states);
    const perState = (r.ms * 1000) / r.states;
    const perStateWall = (r.wall * 1000) / r.states;
    base = base || perState;
    baseWall = baseWall || perStateWall;
    rows.push([
      r.states, r.runs, r.reps, r.ms.toFixed(2), perState.toFixed(2), (perState / base).toFixed(2),
      r.wall.toFixed(2), perStateWall.toFixed(2), (perStateWall / baseWall).toFixed(2), r.findings,
    ]);
  }
  console.log('1. Validation rules alone (validateDefinition on a parsed definition), medians');
  console.log(table(['states', 'runs', 'reps/run', 'CPU ms', 'CPU us/state', 'vs 500', 'wall ms', 'wall us/state', 'vs 500', 'findings'], rows));
  console.log('   Linear growth: the time per state stays near that of 500 states (ratio near 1.00). CPU time counts every');
  console.log("   thread of the process, V8's concurrent garbage collection included, whose work grows with the heap;");
  console.log('   wall time is the validation itself (and whatever else the machine runs meanwhile).');
}

type SynthVariant = 'without checks' | 'with checks' | 'with checks, warnings acknowledged';

/** Builds the 500-state app and times `app.synth()`: [wall ms, CPU ms]. */
function timeSynth(variant: SynthVariant): [number, number] {
  const { app, stateMachine, outdir } = buildApp(50, variant !== 'without checks');
  if (variant === 'with checks, warnings acknowledged') {
    Annotations.of(stateMachine).acknowledgeWarning('cdk-stepwise:SW119', 'the benchmark maps over short lists');
  }
  settle();
  const start = performance.now();
  const cpu = cpuMs(() => app.synth());
  const wall = performance.now() - start;
  fs.rmSync(outdir, { recursive: true, force: true });
  return [wall, cpu];
}

function synthShareBenchmark(): void {
  // The variants alternate in one process, in a rotating order, after a warm-up of each, so drift
  // in machine load and JIT state hit them alike; a GC before each synth bills no variant for the
  // garbage of another.
  const variants: SynthVariant[] = ['without checks', 'with checks', 'with checks, warnings acknowledged'];
  const runs = 31;
  for (let i = 0; i < 5; i++) {
    variants.forEach((v) => timeSynth(v));
  }
  const times = new Map<SynthVariant, Array<[number, number]>>(variants.map((v) => [v, []]));
  for (let r = 0; r < runs; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length];
      times.get(v)!.push(timeSynth(v));
    }
  }
  const wall = (v: SynthVariant) => median(times.get(v)!.map((t) => t[0]));
  const cpu = (v: SynthVariant) => median(times.get(v)!.map((t) => t[1]));
  const probe = buildApp(50, true);
  const states = probe.stateMachine.node.scope!.node.findAll().filter((c) => c instanceof sfn.State).length;
  const warnings = probe.app.synth().getStackByName('Bench').messages.filter((m) => m.level === 'warning').length;
  fs.rmSync(probe.outdir, { recursive: true, force: true });
  const base = variants[0];
  console.log(`2. Validation as a share of synth: app.synth() of ${states} states (an aws-cdk-lib L2 state machine), medians of ${runs} runs`);
  console.log(table(['variant', 'wall ms', 'CPU ms', 'wall vs without', 'share of synth (wall)', 'CPU vs without'], variants.map((v) => [
    v, wall(v).toFixed(1), cpu(v).toFixed(1),
    `${wall(v) - wall(base) >= 0 ? '+' : ''}${(wall(v) - wall(base)).toFixed(1)} ms`,
    v === base ? '' : `${(((wall(v) - wall(base)) / wall(v)) * 100).toFixed(1)}%`,
    `${cpu(v) - cpu(base) >= 0 ? '+' : ''}${(cpu(v) - cpu(base)).toFixed(1)} ms`,
  ])));
  console.log(`   The checks find ${warnings} warnings here (SW119 on each inline Map over its input); each becomes an annotation, which`);
  console.log('   aws-cdk-lib writes to the assembly manifest and validates against its schema. The template and tree.json reuse');
  console.log("   the definition validation resolved. CPU time counts every thread, V8's concurrent garbage collection included.");
  console.log('   Target: validation <= 5% of synth time at 500 states.');
}

rulesBenchmark();
console.log('');
synthShareBenchmark();
