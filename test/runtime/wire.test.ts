/*
 * Fault tests over the wire: a real SFNClient (the runtime's own client factories, the real
 * @smithy/node-http-handler) against a Step Functions API server on 127.0.0.1 that misbehaves.
 * Each case checks the same invariants: every polled task gets exactly one accepted terminal
 * report (or the server closed it, as the service would time out a task whose poll answer was
 * lost), no task is left behind, no more tasks are out at once than the worker's concurrency, and
 * stop() resolves in time. Deadlines are shrunk (1 s polls, 300 ms SendTask* attempts) so the
 * suite stays fast; the defaults are asserted in worker.test.ts, and the first test below shows
 * the default client's own timeout aborting a silent socket.
 */
import { GetActivityTaskCommand, SFNClient } from '@aws-sdk/client-sfn';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { ConcurrencyProbe, sleep, waitFor } from './fake-sfn';
import { Fault, StepFunctionsServer } from './sfn-server';
import { ActivityWorker, ActivityWorkerOptions, RequestTimeoutError, SilentLogger } from '../../src/runtime';

const ARN = 'arn:aws:states:us-east-1:123456789012:activity:wire';
const POLL_TIMEOUT_MS = 1_000;
const SEND_TIMEOUT_MS = 300;

let server: StepFunctionsServer;
let clients: { pollClient: SFNClient; client: SFNClient } | undefined;
let running: ActivityWorker | undefined;

beforeEach(async () => {
  server = new StepFunctionsServer({ emptyPollHoldMs: 100 });
  await server.listen();
});

afterEach(async () => {
  await running?.stop();
  running = undefined;
  clients?.pollClient.destroy();
  clients?.client.destroy();
  clients = undefined;
  await server.close();
});

interface Run {
  readonly worker: ActivityWorker;
  readonly probe: ConcurrencyProbe;
  readonly events: Record<string, unknown[]>;
  /** How long stop() took, in milliseconds. */
  stopMs: number;
}

/** Runs a worker against the server until `done()` holds (or 8 s pass), then stops it. */
async function runWorker(options: Partial<ActivityWorkerOptions> & { concurrency: number }, done: () => boolean): Promise<Run> {
  clients = server.clients({ poll: POLL_TIMEOUT_MS + 2_000, send: SEND_TIMEOUT_MS + 2_000 });
  const probe = new ConcurrencyProbe();
  const worker = new ActivityWorker({
    activityArn: ARN,
    ...clients,
    handleSignals: false,
    logger: new SilentLogger(),
    metricsIntervalMs: 0,
    minEmptyPollIntervalMs: 50,
    pollTimeoutMs: POLL_TIMEOUT_MS,
    sendTimeoutMs: SEND_TIMEOUT_MS,
    drainTimeoutMs: 500,
    stopTimeoutMs: 2_500,
    retry: { maxAttempts: 6, baseDelayMs: 10, maxDelayMs: 200 },
    handler: (input: { n: number }) => probe.run(async () => {
      await sleep(20);
      return { doubled: input.n * 2 };
    }),
    ...options,
  });
  running = worker;
  const events: Record<string, unknown[]> = {};
  for (const name of ['pollError', 'pollThrottled', 'retry', 'completionAmbiguous', 'reportFailed', 'taskClosed'] as const) {
    events[name] = [];
    worker.on(name, (e: unknown) => events[name].push(e));
  }
  const result: Run = { worker, probe, events, stopMs: 0 };
  const run = worker.start();
  await waitFor(done, 8_000, 'the tasks to be reported');
  const began = Date.now();
  await worker.stop();
  await run;
  result.stopMs = Date.now() - began;
  running = undefined;
  return result;
}

/** The invariants every case checks. */
function expectSound(run: Run, concurrency: number, tasks: number): void {
  const books = server.accounting();
  expect({ lost: books.lost, duplicated: books.duplicated }).toEqual({ lost: [], duplicated: [] });
  expect(books.completed + books.closed).toBe(tasks);
  expect(server.maxOutstanding).toBeLessThanOrEqual(concurrency);
  expect(run.probe.max).toBeLessThanOrEqual(concurrency);
  // stop(): open polls return within the 100 ms hold or their 1 s deadline; nothing else is pending
  // (the margin is for a loaded CI machine).
  expect(run.stopMs).toBeLessThan(POLL_TIMEOUT_MS + 1_000);
  expect(run.worker.status()).toMatchObject({ state: 'stopped', inFlight: 0, polling: 0 });
}

/** Every task has an accepted completion or was closed by the server. */
function allSettled(tasks: number): () => boolean {
  return () => {
    const books = server.accounting();
    return server.queue.length === 0 && books.completed + books.closed === tasks;
  };
}

/** The fault for the first `n` requests of `operation`, `ok` afterwards. */
function first(operation: string, n: number, fault: Fault): (call: { operation: string; index: number }) => Fault {
  return (call) => (call.operation === operation && call.index <= n ? fault : { kind: 'ok' });
}

describe('ActivityWorker over the wire (real SFNClient, HTTP server on 127.0.0.1)', () => {
  test('the default client itself aborts a request on a silent socket (requestTimeout + throwOnRequestTimeout), and closes it', async () => {
    server.fault = () => ({ kind: 'hang' });
    clients = server.clients({ poll: 300, send: 300 });
    const began = Date.now();
    await expect(clients.pollClient.send(new GetActivityTaskCommand({ activityArn: ARN }))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - began).toBeGreaterThanOrEqual(290);
    expect(Date.now() - began).toBeLessThan(1_500);
    await waitFor(() => server.abortedByClient === 1, 1_000, 'the server to see the connection close');
  });

  test('hang: polls and a SendTaskSuccess that never answer are aborted at their deadline and retried', async () => {
    const tasks = 6;
    server.addTasks(tasks);
    server.fault = (call) => {
      if (call.operation === 'GetActivityTask' && call.index <= 2) {
        return { kind: 'hang' };
      }
      if (call.operation === 'SendTaskSuccess' && call.index === 1) {
        return { kind: 'hang' };
      }
      return { kind: 'ok' };
    };
    const run = await runWorker({ concurrency: 3 }, allSettled(tasks));
    expectSound(run, 3, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollError.map((e: any) => e.error)).toEqual([expect.any(RequestTimeoutError), expect.any(RequestTimeoutError)]);
    expect(run.events.retry.map((e: any) => e.error.name)).toEqual(['RequestTimeoutError']);
    expect(run.worker.status().stats.timeouts).toBe(3);
  });

  test('reset mid-request: the connection dies before or after the service processed the call; nothing is lost or sent twice', async () => {
    const tasks = 6;
    const [, notProcessed, answerLost] = server.addTasks(tasks);
    const attempts = new Map<string, number>();
    server.fault = (call) => {
      if (call.operation === 'GetActivityTask' && call.index <= 2) {
        return { kind: 'reset' };
      }
      if (call.operation === 'SendTaskSuccess') {
        const token = String(call.body.taskToken);
        const attempt = (attempts.get(token) ?? 0) + 1;
        attempts.set(token, attempt);
        if (token === notProcessed && attempt === 1) {
          return { kind: 'reset' }; // not processed: the retry delivers it
        }
        if (token === answerLost && attempt === 1) {
          return { kind: 'processThenReset' }; // processed, answer lost: the retry hears TaskTimedOut
        }
      }
      return { kind: 'ok' };
    };
    const run = await runWorker({ concurrency: 3 }, allSettled(tasks));
    expectSound(run, 3, tasks);
    expect(run.events.pollError).toHaveLength(2);
    // The completion whose answer was lost is reported as possibly delivered, not as a success or a failure.
    expect(run.events.completionAmbiguous).toEqual([{ taskToken: answerLost, operation: 'SendTaskSuccess', attempts: 2, serviceError: 'TaskTimedOut' }]);
    expect(server.completions.get(notProcessed)).toHaveLength(1);
    expect(server.duplicateCompletions).toBe(1);
  });

  test('slow answers within the deadline: no retry, no timeout', async () => {
    const tasks = 6;
    server.addTasks(tasks);
    server.fault = (call) => ({ kind: 'slow', ms: call.operation === 'GetActivityTask' ? 300 : 150 });
    const run = await runWorker({ concurrency: 3 }, allSettled(tasks));
    expectSound(run, 3, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollError).toEqual([]);
    expect(run.events.retry).toEqual([]);
  });

  test('dripped bytes: a response still trickling in at the deadline is given up on, and the call retried', async () => {
    // (The client's own timeouts end with the response headers: only the worker's deadline catches this.)
    const tasks = 4;
    server.addTasks(tasks);
    server.fault = (call) => {
      if (call.operation === 'GetActivityTask' && call.index === 1) {
        return { kind: 'drip', everyMs: 60, empty: true }; // 40 bytes: 2.4 s, past the 1 s poll deadline
      }
      if (call.operation === 'SendTaskSuccess' && call.index === 1) {
        return { kind: 'drip', everyMs: 500 }; // '{}': 500 ms, past the 300 ms attempt deadline, after it was processed
      }
      if (call.operation === 'GetActivityTask' && call.index === 2) {
        return { kind: 'drip', everyMs: 5 }; // within the deadline: delivered
      }
      return { kind: 'ok' };
    };
    const run = await runWorker({ concurrency: 2 }, allSettled(tasks));
    expectSound(run, 2, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollError.map((e: any) => e.error)).toEqual([expect.any(RequestTimeoutError)]);
    expect(run.events.completionAmbiguous).toHaveLength(1);
  });

  test('a client of your own with no timeouts at all: the worker\'s deadline aborts its silent and dripping requests (the server sees them closed)', async () => {
    const tasks = 3;
    server.addTasks(tasks);
    server.fault = (call) => {
      if (call.operation === 'GetActivityTask' && call.index === 1) {
        return { kind: 'hang' };
      }
      if (call.operation === 'GetActivityTask' && call.index === 2) {
        return { kind: 'drip', everyMs: 60 }; // a task that never fully arrives: its connection is closed
      }
      return { kind: 'ok' };
    };
    const own = () => new SFNClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDLOOPBACK', secretAccessKey: 'loopback' },
      maxAttempts: 1,
      requestHandler: new NodeHttpHandler(), // no timeout of any kind
    });
    const pollClient = own();
    const client = own();
    try {
      const run = await runWorker({ concurrency: 1, pollClient, client }, allSettled(tasks));
      expectSound(run, 1, tasks);
      // The hung and the dripping poll were aborted: the server saw both connections close, and
      // closed the task that was on its way (the service would time it out).
      expect(run.events.pollError.map((e: any) => e.error)).toEqual([expect.any(RequestTimeoutError), expect.any(RequestTimeoutError)]);
      expect(server.abortedByClient).toBeGreaterThanOrEqual(2);
      expect(server.accounting()).toMatchObject({ completed: tasks - 1, closed: 1 });
    } finally {
      pollClient.destroy();
      client.destroy();
    }
  });

  test('HTML 503s from a proxy: retried as transient errors on polls and completions', async () => {
    const tasks = 6;
    server.addTasks(tasks);
    server.fault = (call) => (call.index <= 3 && call.operation !== 'SendTaskHeartbeat' ? { kind: 'html503' } : { kind: 'ok' });
    const run = await runWorker({ concurrency: 3 }, allSettled(tasks));
    expectSound(run, 3, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollError).toHaveLength(3);
    expect(run.events.retry).toHaveLength(3);
    expect((run.events.pollError[0] as any).error.$metadata.httpStatusCode).toBe(503);
  });

  test('throttling: polls slow down together (pollThrottled), completions are retried', async () => {
    const tasks = 6;
    server.addTasks(tasks);
    const throttle = first('GetActivityTask', 3, { kind: 'throttle' });
    server.fault = (call) => (call.operation === 'SendTaskSuccess' && call.index <= 2 ? { kind: 'throttle' } : throttle(call));
    const run = await runWorker({ concurrency: 3 }, allSettled(tasks));
    expectSound(run, 3, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollThrottled.map((e: any) => e.reason)).toEqual(['throttled', 'throttled', 'throttled']);
    expect(run.events.retry).toHaveLength(2);
    expect(run.worker.status().stats.throttledPolls).toBe(3);
  });

  test('ActivityWorkerLimitExceeded: polls past the activity\'s poller limit back off, and the worker keeps going', async () => {
    // GIVEN a server that allows 2 open polls, and a worker with 4 slots
    await server.close();
    server = new StepFunctionsServer({ emptyPollHoldMs: 150, maxOpenPolls: 2 });
    await server.listen();
    // WHEN tasks arrive once the extra slots have been refused a few times
    const tasks = 8;
    let added = false;
    const run = await runWorker({ concurrency: 4 }, () => {
      if (!added && (running?.status().stats.throttledPolls ?? 0) >= 4) {
        server.addTasks(tasks);
        added = true;
      }
      return added && allSettled(tasks)();
    });

    // THEN the refused polls backed off (pollThrottled: pollerLimit), the worker never stopped, and every task ran
    expectSound(run, 4, tasks);
    expect(server.accounting().completed).toBe(tasks);
    expect(run.events.pollThrottled.length).toBeGreaterThanOrEqual(4);
    expect(run.events.pollThrottled.every((e: any) => e.reason === 'pollerLimit')).toBe(true);
    expect(run.events.reportFailed).toEqual([]);
  });

  test('stop() while every call hangs resolves by stopTimeoutMs; the task whose report hung is reportFailed, not lost silently', async () => {
    const tasks = 2;
    server.addTasks(tasks);
    server.fault = (call) => (call.operation === 'GetActivityTask' && call.index <= 2 ? { kind: 'ok' } : { kind: 'hang' });
    clients = server.clients({ poll: 60_000, send: 60_000 });
    const worker = new ActivityWorker({
      activityArn: ARN,
      ...clients,
      concurrency: 3,
      handleSignals: false,
      logger: new SilentLogger(),
      metricsIntervalMs: 0,
      pollTimeoutMs: 60_000,
      sendTimeoutMs: 60_000,
      drainTimeoutMs: 100,
      stopTimeoutMs: 600,
      handler: () => 'ok',
    });
    running = worker;
    const failed: unknown[] = [];
    worker.on('reportFailed', (e) => failed.push(e));
    const run = worker.start();
    await waitFor(() => (server.requests.get('SendTaskSuccess') ?? 0) === 2 && (server.requests.get('GetActivityTask') ?? 0) >= 3, 3_000);
    const began = Date.now();
    await worker.stop();
    await run;
    const stopMs = Date.now() - began;
    running = undefined;
    expect(stopMs).toBeGreaterThanOrEqual(590);
    expect(stopMs).toBeLessThan(2_000); // 600 ms, far below the 60 s call deadlines (margin for a loaded machine)
    expect(failed).toHaveLength(2);
    expect(worker.status()).toMatchObject({ state: 'stopped', inFlight: 0, polling: 0 });
    // Nothing was accepted: both tasks will time out in Step Functions, and the worker said so.
    expect(server.accounting()).toMatchObject({ completed: 0, duplicated: [] });
  });
});
