/*
 * Build + synth time of workflows built with the Flow builder + Workflow, against the same
 * workflows built with aws-cdk-lib L2 alone (sfn.StateMachine with the same log group, tracing
 * and timeout), in one run, rotating, at 50, 500 and 2,000 states: with the synth-time checks off
 * (the builder's own cost) and on (as shipped). Prints the median wall time of each and the ratios,
 * of wall time and of CPU time.
 *
 *   npx ts-node --project bench/tsconfig.json --transpile-only bench/synth/run.ts
 *
 * Target (issue 2): ratio <= 1.05 at 500 states.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Flow, StepwiseChecks, Workflow } from '../../src';
import { cpuMs, median, settle, table } from '../lib/stats';

const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111111111111:function:work';
/** States per unit: Task, Pass, Choice + 2 targets, Parallel + 2 branch states, Map + 1 item state. */
const UNIT = 10;

function newApp(): { app: App; stack: Stack; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-bench-'));
  const app = new App({ outdir });
  return { app, stack: new Stack(app, 'Bench'), outdir };
}

function task(stack: Stack, fn: lambda.IFunction, name: string): tasks.LambdaInvoke {
  return new tasks.LambdaInvoke(stack, name, { lambdaFunction: fn, taskTimeout: sfn.Timeout.duration(Duration.seconds(30)) });
}

/** The workflow with the Flow builder and the Workflow construct. */
function withStepwise(units: number): void {
  const { app, stack, outdir } = newApp();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', FUNCTION_ARN);
  const flow = new Flow(stack, 'Flow');
  for (let i = 0; i < units; i++) {
    flow
      .addNext(task(stack, fn, `Task ${i}`))
      .addPass(`Pass ${i}`)
      .addChoice(`Choice ${i}`, {
        branches: [{ condition: sfn.Condition.booleanEquals('$.flag', true), next: new Flow(stack, `Yes ${i}`).addPass(`Yes ${i}`) }],
        otherwise: new Flow(stack, `No ${i}`).addPass(`No ${i}`),
      })
      .addParallel(`Parallel ${i}`, {
        branches: [new Flow(stack, `Left ${i}`).addPass(`Left ${i}`), new Flow(stack, `Right ${i}`).addPass(`Right ${i}`)],
      })
      .addMap(`Map ${i}`, { itemsPath: '$.items', processor: new Flow(stack, `Item ${i}`).addPass(`Item ${i}`) });
  }
  new Workflow(stack, 'Workflow', { definition: flow.addSucceed('Done'), timeout: Duration.hours(1) });
  app.synth();
  fs.rmSync(outdir, { recursive: true, force: true });
}

/** The same workflow with aws-cdk-lib L2 only: same states, log group, tracing and timeout. */
function withL2(units: number): void {
  const { app, stack, outdir } = newApp();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', FUNCTION_ARN);
  // The usual L2 idiom: `.next()` chains, and a Choice's open branches joined with afterwards().
  let start: sfn.State | undefined;
  let ends: sfn.INextable[] = [];
  const append = (next: sfn.IChainable, endsAfter: sfn.INextable[] = next.endStates) => {
    if (!start) {
      start = next.startState;
    } else {
      ends.forEach((end) => end.next(next));
    }
    ends = endsAfter;
  };
  for (let i = 0; i < units; i++) {
    append(task(stack, fn, `Task ${i}`));
    append(new sfn.Pass(stack, `Pass ${i}`));
    const choice = new sfn.Choice(stack, `Choice ${i}`)
      .when(sfn.Condition.booleanEquals('$.flag', true), new sfn.Pass(stack, `Yes ${i}`))
      .otherwise(new sfn.Pass(stack, `No ${i}`));
    append(choice, choice.afterwards().endStates);
    append(new sfn.Parallel(stack, `Parallel ${i}`).branch(new sfn.Pass(stack, `Left ${i}`)).branch(new sfn.Pass(stack, `Right ${i}`)));
    append(new sfn.Map(stack, `Map ${i}`, { itemsPath: '$.items' }).itemProcessor(new sfn.Pass(stack, `Item ${i}`)));
  }
  append(new sfn.Succeed(stack, 'Done'));
  const logGroup = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
  new sfn.StateMachine(stack, 'Workflow', {
    definitionBody: sfn.DefinitionBody.fromChainable(start!),
    timeout: Duration.hours(1),
    tracingEnabled: true,
    logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
  });
  app.synth();
  fs.rmSync(outdir, { recursive: true, force: true });
}

const check = StepwiseChecks.check;

/**
 * The Flow builder and the Workflow construct without the synth-time checks, to separate the
 * builder's cost from the validation's (issue 4 measures validation on its own in bench/validate).
 */
function withStepwiseNoChecks(units: number): void {
  (StepwiseChecks as { check: unknown }).check = () => undefined;
  try {
    withStepwise(units);
  } finally {
    (StepwiseChecks as { check: unknown }).check = check;
  }
}

function main(): void {
  const sizes = [{ states: 50, runs: 41 }, { states: 500, runs: 41 }, { states: 2000, runs: 11 }];
  const variants: Array<[string, (units: number) => void]> = [
    ['L2', withL2], ['builder', withStepwiseNoChecks], ['stepwise', withStepwise],
  ];
  // Warm up every path (module loading, JIT) before measuring.
  for (let i = 0; i < 3; i++) {
    variants.forEach(([, build]) => build(20));
  }
  const rows: (string | number)[][] = [];
  for (const { states, runs } of sizes) {
    const units = states / UNIT;
    const cpu = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    const wall = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    for (let r = 0; r < runs; r++) {
      // Rotate the order, so drift in machine load hits every variant alike.
      for (let v = 0; v < variants.length; v++) {
        const [name, build] = variants[(v + r) % variants.length];
        settle();
        const start = performance.now();
        cpu.get(name)!.push(cpuMs(() => build(units)));
        wall.get(name)!.push(performance.now() - start);
      }
    }
    const c = (name: string) => median(cpu.get(name)!);
    const w = (name: string) => median(wall.get(name)!);
    rows.push([
      states + 1, runs,
      w('L2').toFixed(1), w('builder').toFixed(1), w('stepwise').toFixed(1),
      (w('builder') / w('L2')).toFixed(3), (w('stepwise') / w('L2')).toFixed(3),
      (c('builder') / c('L2')).toFixed(3), (c('stepwise') / c('L2')).toFixed(3),
    ]);
  }
  console.log('Build + synth time, medians; ratios against aws-cdk-lib L2 alone, of wall time and of CPU time (user+system,');
  console.log("every thread: V8's concurrent garbage collection included)");
  console.log('  builder  = Flow + Workflow with the synth-time checks off;  stepwise = Flow + Workflow as shipped (checks on)');
  console.log(table(['states', 'runs', 'L2 ms', 'builder ms', 'stepwise ms', 'builder/L2', 'stepwise/L2', 'CPU builder/L2', 'CPU stepwise/L2'], rows));
  console.log('The checks find a warning on each inline Map over its input (SW119, one per 10 states): aws-cdk-lib writes each');
  console.log('annotation to the assembly manifest and validates it against its schema (see bench:validate for the share).');
  console.log('Target (issue 2): ratio <= 1.05 at 500 states.');
}

main();
