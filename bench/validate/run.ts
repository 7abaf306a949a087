/*
 * Validation time (issue 4):
 *   1. the rules alone (validateDefinition on a parsed definition) for 500, 2,000 and 8,000 states,
 *      median CPU time, and the time per state relative to 500 states (1.00 = linear);
 *   2. validation as a share of synth time for a 500-state aws-cdk-lib state machine: `app.synth()`
 *      with StepwiseChecks against `app.synth()` without, the difference being what validation adds.
 * Every size and variant runs in a process of its own (this file, started again with an argument),
 * like a `cdk synth` does, so no measurement pays for the garbage of another.
 *
 *   npx ts-node --project test/tsconfig.json bench/validate/run.ts
 *
 * Targets: time per state stays flat (linear growth); validation <= 5% of synth time at 500 states.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { StepwiseChecks, Validator } from '../../src';
import { readStateMachine } from '../../src/validation/private/settings';
import { PreparedDefinition, prepareDefinition, runRules, validateDefinition } from '../../src/validation/validate';
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

/** Measures validateDefinition on one size, in this process; prints its medians as JSON. */
function measureRules(states: number): void {
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
  let findings = 0;
  for (let r = 0; r < runs; r++) {
    settle();
    times.push(cpuMs(() => {
      for (let i = 0; i < reps; i++) {
        findings = validateDefinition(def, { stateMachineName: 'Bench', definitionText: text }).length;
      }
    }) / reps);
  }
  console.log(JSON.stringify({ states: states + 2, runs, reps, ms: median(times), findings }));
}

function rulesBenchmark(): void {
  // Each size runs in a process of its own, as a synth does: the heap a validation works in then
  // holds that definition only, not the garbage of the sizes measured before it.
  const rows: (string | number)[][] = [];
  let base = 0;
  for (const states of [500, 2000, 8000]) {
    const r = child(['--rules', String(states)]);
    const perState = (r.ms * 1000) / r.states;
    base = base || perState;
    rows.push([r.states, r.runs, r.reps, r.ms.toFixed(2), perState.toFixed(2), (perState / base).toFixed(2), r.findings]);
  }
  console.log('1. Validation rules alone (validateDefinition on a parsed definition), median CPU time (user+system)');
  console.log(table(['states', 'runs', 'reps/run', 'ms', 'us/state', 'per-state vs 500', 'findings'], rows));
  console.log('   Linear growth: the time per state stays near that of 500 states (ratio near 1.00).');
}

/** Synthesizes the 500-state app `runs` times in this process; prints the median CPU time of `app.synth()` as JSON. */
function measureSynth(checks: boolean): void {
  const units = 50;
  const runs = 15;
  for (let i = 0; i < 3; i++) {
    const warm = buildApp(units, checks);
    warm.app.synth();
    fs.rmSync(warm.outdir, { recursive: true, force: true });
  }
  const times: number[] = [];
  let states = 0;
  for (let r = 0; r < runs; r++) {
    const { app, stateMachine, outdir } = buildApp(units, checks);
    states = stateMachine.node.scope!.node.findAll().filter((c) => c instanceof sfn.State).length;
    settle();
    times.push(cpuMs(() => app.synth()));
    fs.rmSync(outdir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ ms: median(times), states, runs }));
}

/** Runs this file in a new process with the given arguments; returns the JSON it printed last. */
function child(args: string[]): any {
  const out = execFileSync(process.execPath, ['-r', require.resolve('ts-node/register'), __filename, ...args], {
    env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function synthShareBenchmark(): void {
  // Each measurement is a process of its own, like a `cdk synth`: the two variants never share a
  // heap, whose garbage would otherwise be billed to whichever synth runs next. The variants
  // alternate (with, without, without, with, ...) so drift in machine load hits both alike.
  const rounds = 6;
  const withChecks: number[] = [];
  const withoutChecks: number[] = [];
  let states = 0;
  let runs = 0;
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 === 0 ? [true, false] : [false, true];
    for (const checks of order) {
      const result = child(['--synth', checks ? 'with' : 'without']);
      (checks ? withChecks : withoutChecks).push(result.ms);
      states = result.states;
      runs = result.runs;
    }
  }
  const synth = median(withChecks);
  const bare = median(withoutChecks);
  const added = synth - bare;
  // The rules alone on the rendered definition, in this process.
  const { app, stateMachine } = buildApp(50, false);
  app.synth();
  const input = readStateMachine(stateMachine);
  const rules: number[] = [];
  const standalone: number[] = [];
  for (let i = 0; i < 15; i++) {
    settle();
    rules.push(cpuMs(() => runRules(prepareDefinition(input.definition, input.settings) as PreparedDefinition, input.settings)));
    settle();
    standalone.push(cpuMs(() => Validator.validateStateMachine(stateMachine)));
  }
  console.log(`2. Validation as a share of synth: ${states} states, an aws-cdk-lib L2 state machine, median CPU time of \`app.synth()\``);
  console.log(`   (${rounds} processes per variant, ${runs} synths each)`);
  console.log(table(['synth with checks ms', 'synth without ms', 'added by the checks', 'share of synth', 'rules alone ms', 'Validator outside synth ms'], [[
    synth.toFixed(1), bare.toFixed(1), `${added.toFixed(1)} ms`, `${((added / synth) * 100).toFixed(1)}%`, median(rules).toFixed(1), median(standalone).toFixed(1),
  ]]));
  console.log('   "added by the checks" is what validation costs inside synth. The rendering of the definition it needs is');
  console.log('   shared with the template, so that is the rules, the model, the report and the annotations; "Validator');
  console.log('   outside synth" renders the definition once more on its own. Target: validation <= 5% of synth time.');
}

if (process.argv[2] === '--rules') {
  measureRules(Number(process.argv[3]));
} else if (process.argv[2] === '--synth') {
  measureSynth(process.argv[3] === 'with');
} else {
  rulesBenchmark();
  console.log('');
  synthShareBenchmark();
}
