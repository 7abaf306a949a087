/*
 * Validation time (issue 4):
 *   1. the rules alone (validateDefinition on a definition object) for 500, 2,000 and 8,000 states,
 *      median CPU time of several runs, and the time per state relative to 500 states (1.00 = linear);
 *   2. validation as a share of synth time for a 500-state aws-cdk-lib state machine checked by
 *      StepwiseChecks: the time of the validation itself (rendering the definition, the rules, the
 *      report) against the whole `app.synth()`, and, as a cross-check, synth with the checks against
 *      synth without them.
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
import { prepareDefinition, runRules, validateDefinition } from '../../src/validation/validate';
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
    const out = execFileSync(process.execPath, ['-r', require.resolve('ts-node/register'), __filename, '--rules', String(states)], {
      env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'test', 'tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
      encoding: 'utf8',
    });
    const r = JSON.parse(out.trim().split('\n').pop()!);
    const perState = (r.ms * 1000) / r.states;
    base = base || perState;
    rows.push([r.states, r.runs, r.reps, r.ms.toFixed(2), perState.toFixed(2), (perState / base).toFixed(2), r.findings]);
  }
  console.log('1. Validation rules alone (validateDefinition on a parsed definition), median CPU time (user+system)');
  console.log(table(['states', 'runs', 'reps/run', 'ms', 'us/state', 'per-state vs 500', 'findings'], rows));
  console.log('   Linear growth: the time per state stays near that of 500 states (ratio near 1.00).');
}

function synthShareBenchmark(): void {
  const units = 50;
  const runs = 41;
  for (let i = 0; i < 2; i++) {
    const warm = buildApp(units, true);
    warm.app.synth();
    fs.rmSync(warm.outdir, { recursive: true, force: true });
  }
  const withChecks: number[] = [];
  const withoutChecks: number[] = [];
  const added: number[] = [];
  const standalone: number[] = [];
  const rules: number[] = [];
  for (let r = 0; r < runs; r++) {
    // Alternate the order, so drift in machine load hits both equally.
    const order = r % 2 === 0 ? [true, false] : [false, true];
    for (const checks of order) {
      const { app, stateMachine, outdir } = buildApp(units, checks);
      settle();
      const ms = cpuMs(() => app.synth());
      (checks ? withChecks : withoutChecks).push(ms);
      if (checks) {
        // Validator on its own, outside synth: renders the definition again, then runs the rules.
        settle();
        standalone.push(cpuMs(() => Validator.validateStateMachine(stateMachine)));
        // The rules alone on the rendered definition.
        const input = readStateMachine(stateMachine);
        settle();
        rules.push(cpuMs(() => runRules(prepareDefinition(input.definition, input.settings) as any, input.settings)));
      }
      fs.rmSync(outdir, { recursive: true, force: true });
    }
    // Paired: the two synths of one round ran back to back, under the same machine load.
    added.push(withChecks[withChecks.length - 1] - withoutChecks[withoutChecks.length - 1]);
  }
  const states = buildApp(units, false).stateMachine.node.scope!.node.findAll().filter((c) => c instanceof sfn.State).length;
  const synth = median(withChecks);
  const bare = median(withoutChecks);
  const r = median(rules);
  const cost = median(added);
  const alone = median(standalone);
  console.log(`2. Validation as a share of synth: ${states} states, an aws-cdk-lib L2 state machine, ${runs} runs each, median CPU time`);
  console.log(table(['synth with checks ms', 'synth without ms', 'added by the checks', 'share of synth', 'rules alone ms', 'Validator outside synth ms'], [[
    synth.toFixed(1), bare.toFixed(1), `${cost.toFixed(1)} ms`, `${((cost / synth) * 100).toFixed(1)}%`, r.toFixed(1), alone.toFixed(1),
  ]]));
  console.log('   "added by the checks" is the median of the paired differences (with - without) of the rounds: what');
  console.log('   validation costs inside synth. The rendering of the definition it needs is');
  console.log('   shared with the template, so it is the rules, the report and the annotations. "Validator outside synth"');
  console.log('   renders the definition once more on its own. Target: validation <= 5% of synth time at 500 states.');
}

if (process.argv[2] === '--rules') {
  measureRules(Number(process.argv[3]));
} else {
  rulesBenchmark();
  console.log('');
  synthShareBenchmark();
}
