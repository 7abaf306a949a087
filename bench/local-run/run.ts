/*
 * Executions per second of a 20-state workflow: through cdk-stepwise's local runner
 * (LocalWorkflow.run: mocks by state name, trace of every state, virtual clock) and through
 * aws-local-stepfunctions, the bare ASL interpreter on npm, with the same task results.
 * Rounds alternate between the two so that machine noise hits both alike; medians are reported.
 *
 *   npx ts-node --project test/tsconfig.json bench/local-run/run.ts [rounds] [executionsPerRound]
 */
import { performance } from 'perf_hooks';
import { distributedMapBenchmark } from './distributed-map';
import { installPromiseWithResolvers } from '../../src/core/promise-with-resolvers';
import { LocalWorkflow, TaskMock } from '../../src/testing';
import { median, table } from '../lib/stats';

// aws-local-stepfunctions needs Promise.withResolvers, which Node 20 lacks.
installPromiseWithResolvers();

const TASKS = ['Validate', 'Price', 'Tax', 'Reserve', 'Charge', 'Notify', 'Audit', 'Archive'];

/** 21 states, 20 of them on the path taken: Pass, Task, Choice, Wait, Succeed; JSONPath (the bare interpreter has no JSONata). */
const definition = {
  StartAt: 'Start',
  States: {
    'Start': { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'items.$': '$.items', 'total.$': '$.total' }, Next: 'Validate' },
    'Validate': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.validation', Next: 'Is valid?' },
    'Is valid?': { Type: 'Choice', Choices: [{ Variable: '$.validation.ok', BooleanEquals: true, Next: 'Enrich' }], Default: 'Rejected' },
    'Enrich': { Type: 'Pass', Result: { channel: 'web' }, ResultPath: '$.meta', Next: 'Price' },
    'Price': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.price', Next: 'Tax' },
    'Tax': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.tax', Next: 'Settle' },
    'Settle': { Type: 'Wait', Seconds: 5, Next: 'Discount?' },
    'Discount?': { Type: 'Choice', Choices: [{ Variable: '$.total', NumericGreaterThan: 100, Next: 'Apply discount' }], Default: 'Reserve' },
    'Apply discount': { Type: 'Pass', Result: 10, ResultPath: '$.discount', Next: 'Reserve' },
    'Reserve': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.reservation', Next: 'Charge' },
    'Charge': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.charge', Retry: [{ ErrorEquals: ['Payment.Throttled'], MaxAttempts: 2 }], Next: 'Record' },
    'Record': { Type: 'Pass', Parameters: { 'orderId.$': '$.orderId', 'charge.$': '$.charge', 'total.$': '$.total' }, Next: 'Notify' },
    'Notify': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: null, Next: 'Audit' },
    'Audit': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: null, Next: 'Shape' },
    'Shape': { Type: 'Pass', Parameters: { 'summary.$': "States.Format('order {} charged {}', $.orderId, $.total)", 'orderId.$': '$.orderId' }, Next: 'Cool down' },
    'Cool down': { Type: 'Wait', Seconds: 60, Next: 'Final check' },
    'Final check': { Type: 'Choice', Choices: [{ Variable: '$.orderId', IsPresent: true, Next: 'Archive' }], Default: 'Rejected' },
    'Archive': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ResultPath: '$.archived', Next: 'Summary' },
    'Summary': { Type: 'Pass', OutputPath: '$.summary', Next: 'Done' },
    'Done': { Type: 'Succeed' },
    'Rejected': { Type: 'Fail', Error: 'Rejected' },
  },
};
const input = { orderId: 'o-1', items: ['a', 'b', 'c'], total: 250 };
const result = (name: string): Record<string, string | boolean> => (name === 'Validate' ? { ok: true } : { by: name });

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 15);
  const perRound = Number(process.argv[3] ?? 200);

  const local = LocalWorkflow.of(definition);
  const mocks = Object.fromEntries(TASKS.map((t) => [t, TaskMock.result(result(t))]));
  const ours = async () => {
    const run = await local.run({ input, mocks });
    if (!run.succeeded || run.path.length !== 20) {
      throw new Error(`unexpected run: ${run.describe()}`);
    }
  };

  // aws-local-stepfunctions is an ES module: a dynamic import loads it from this CommonJS script.
  const { StateMachine } = await import('aws-local-stepfunctions');
  const bare = new StateMachine(definition as any, { validationOptions: { noValidate: true } });
  const overrides = {
    taskResourceLocalHandlers: Object.fromEntries(TASKS.map((t) => [t, () => result(t)])),
    waitTimeOverrides: { 'Settle': 0, 'Cool down': 0 },
  };
  const theirs = async () => {
    const output = await bare.run(input, { overrides }).result;
    if (output !== 'order o-1 charged 250') {
      throw new Error(`unexpected output: ${JSON.stringify(output)}`);
    }
  };

  // Same answer from both before timing anything.
  const check = await local.run({ input, mocks });
  if (check.output !== 'order o-1 charged 250') {
    throw new Error(`the runner disagrees with the bare interpreter: ${check.describe()}`);
  }

  const perSecond = async (fn: () => Promise<void>) => {
    const start = performance.now();
    for (let i = 0; i < perRound; i++) {
      await fn();
    }
    return perRound / ((performance.now() - start) / 1000);
  };

  // Warm up both (JIT, JSONPath caches).
  await perSecond(ours);
  await perSecond(theirs);

  const oursRates: number[] = [];
  const theirRates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      oursRates.push(await perSecond(ours));
      theirRates.push(await perSecond(theirs));
    } else {
      theirRates.push(await perSecond(theirs));
      oursRates.push(await perSecond(ours));
    }
  }
  const a = median(oursRates);
  const b = median(theirRates);
  console.log(`local-run: a 20-state JSONPath workflow, ${rounds} alternating rounds of ${perRound} executions (node ${process.version})`);
  console.log(table(['interpreter', 'median exec/s', 'min', 'max'], [
    ['cdk-stepwise LocalWorkflow.run', a.toFixed(0), Math.min(...oursRates).toFixed(0), Math.max(...oursRates).toFixed(0)],
    ['aws-local-stepfunctions 3.0.0 (bare)', b.toFixed(0), Math.min(...theirRates).toFixed(0), Math.max(...theirRates).toFixed(0)],
  ]));
  console.log(`ratio (ours / bare): ${(a / b).toFixed(2)} (target >= 0.9)`);

  await distributedMapBenchmark();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
