/*
 * Synth time of workflows built with the Flow builder + Workflow, against the same workflows built
 * with aws-cdk-lib L2 alone (sfn.StateMachine with the same log group, tracing and timeout), in
 * one run, alternating, at 50, 500 and 2,000 states. Prints the median CPU time of each and the
 * ratio (CPU time: other processes on the machine disturb it less than wall time).
 *
 *   npx ts-node --project bench/tsconfig.json --transpile-only bench/synth/run.ts
 *
 * Target (issue 2): ratio <= 1.05 at 500 states.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Flow, Workflow } from '../../src';
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

function main(): void {
  const sizes = [{ states: 50, runs: 31 }, { states: 500, runs: 21 }, { states: 2000, runs: 9 }];
  // Warm up both paths (module loading, JIT) before measuring.
  for (let i = 0; i < 3; i++) {
    withStepwise(20);
    withL2(20);
  }
  const rows: (string | number)[][] = [];
  for (const { states, runs } of sizes) {
    const units = states / UNIT;
    const ours: number[] = [];
    const theirs: number[] = [];
    for (let r = 0; r < runs; r++) {
      // Alternate which goes first, so drift in machine load hits both equally.
      if (r % 2 === 0) {
        settle(); ours.push(cpuMs(() => withStepwise(units)));
        settle(); theirs.push(cpuMs(() => withL2(units)));
      } else {
        settle(); theirs.push(cpuMs(() => withL2(units)));
        settle(); ours.push(cpuMs(() => withStepwise(units)));
      }
    }
    const a = median(ours);
    const b = median(theirs);
    rows.push([states + 1, runs, a.toFixed(1), b.toFixed(1), (a / b).toFixed(3)]);
  }
  console.log('Synth CPU time (user+system): Flow + Workflow (cdk-stepwise) vs aws-cdk-lib L2 alone, medians');
  console.log(table(['states', 'runs', 'stepwise ms', 'L2 ms', 'ratio'], rows));
  console.log('Target (issue 2): ratio <= 1.05 at 500 states.');
}

main();
