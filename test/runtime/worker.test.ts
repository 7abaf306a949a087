import { ActivityDoesNotExist, GetActivityTaskCommand, InvalidToken, SFNServiceException, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ARN, ConcurrencyProbe, FakeSfn, networkError, sleep, throttling, timedOut, token, waitFor } from './fake-sfn';
import { codeInfo } from '../../src/core/codes';
import { BUSY_FRACTION_METRIC, TASKS_STARTED_METRIC, WORKER_METRICS_DIMENSION, WORKER_METRICS_NAMESPACE } from '../../src/core/worker-metrics';
import {
  ActivityWorker, ActivityWorkerOptions, FatalPollError, POLL_REQUEST_TIMEOUT_MS, RequestTimeoutError, SEND_REQUEST_TIMEOUT_MS, SilentLogger,
  TaskClosedError, TaskFailure, WorkerConfigError, WorkerShuttingDownError, WorkerStateError, createPollClient, createSendClient,
} from '../../src/runtime';

/** Fast settings: every interval in milliseconds, no signal handlers, no logs. */
function worker<I = any, O = any>(fake: FakeSfn, options: Partial<ActivityWorkerOptions<I, O>> & Pick<ActivityWorkerOptions<I, O>, 'handler'>): ActivityWorker<I, O> {
  return new ActivityWorker<I, O>({
    activityArn: ARN,
    concurrency: 4,
    pollClient: fake.client(),
    client: fake.client(),
    handleSignals: false,
    logger: new SilentLogger(),
    heartbeatIntervalMs: 1_000,
    drainTimeoutMs: 1_000,
    minEmptyPollIntervalMs: 1,
    abortGraceMs: 50,
    metricsIntervalMs: 0,
    retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 4 },
    ...options,
  });
}

function tasks(n: number, input: (i: number) => unknown = (i) => ({ n: i })): Array<{ taskToken: string; input: string }> {
  return Array.from({ length: n }, (_, i) => ({ taskToken: token(i), input: JSON.stringify(input(i)) }));
}

/** The fault-matrix invariant: every polled task got exactly one accepted terminal report. */
function expectExactlyOneReportEach(fake: FakeSfn, n: number): void {
  for (let i = 0; i < n; i++) {
    expect({ task: i, reports: fake.reportsFor(token(i)).length }).toEqual({ task: i, reports: 1 });
  }
  expect(fake.totalReports()).toBe(n);
}

let fake: FakeSfn;
afterEach(() => fake?.restore());

describe('ActivityWorker', () => {
  test('runs every task once, reports its output, and never runs more than `concurrency` at once', async () => {
    // GIVEN 20 tasks and a handler that takes a while
    fake = new FakeSfn(tasks(20));
    const probe = new ConcurrencyProbe();
    const w = worker(fake, {
      concurrency: 4,
      handler: (input: { n: number }) => probe.run(async () => {
        await sleep(5);
        return { doubled: input.n * 2 };
      }),
    });
    const started: string[] = [];
    w.on('taskStarted', (e) => started.push(e.taskToken));

    // WHEN the worker runs until every task is reported
    const run = w.start();
    await waitFor(() => fake.totalReports() === 20);
    await w.stop();
    await run;

    // THEN each task has one success with its output, and concurrency stayed within 4 (and reached it)
    expectExactlyOneReportEach(fake, 20);
    expect(fake.reportsFor(token(7))).toEqual([{ kind: 'success', output: '{"doubled":14}' }]);
    expect(probe.max).toBe(4);
    expect(started).toHaveLength(20);
    expect(w.status()).toMatchObject({ state: 'stopped', inFlight: 0, polling: 0, stats: { tasks: 20, succeeded: 20, failed: 0 } });
  });

  test('never polls more than maxConcurrentPolls at once, nor runs more than concurrency tasks', async () => {
    fake = new FakeSfn(tasks(12));
    let maxPolls = 0;
    fake.onPoll = async () => {
      maxPolls = Math.max(maxPolls, fake.pollsInFlight);
      await sleep(1);
      return undefined;
    };
    const probe = new ConcurrencyProbe();
    const w = worker(fake, { concurrency: 6, maxConcurrentPolls: 2, handler: () => probe.run(() => sleep(10)) });
    const run = w.start();
    await waitFor(() => fake.totalReports() === 12);
    await w.stop();
    await run;
    expectExactlyOneReportEach(fake, 12);
    expect(maxPolls).toBeLessThanOrEqual(2);
    expect(probe.max).toBeLessThanOrEqual(6);
  });

  describe('handler failures', () => {
    test('a handler that throws fails the task with the error name and a Lambda-style cause', async () => {
      fake = new FakeSfn(tasks(2));
      const w = worker(fake, {
        handler: (input: { n: number }) => {
          if (input.n === 0) {
            throw new TypeError('order.total is not a number');
          }
          throw new TaskFailure('Payment.Declined', 'card declined');
        },
      });
      const failed: string[] = [];
      w.on('taskFailed', (e) => failed.push(`${e.reason}:${e.error}`));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 2);
      await w.stop();
      await run;

      expectExactlyOneReportEach(fake, 2);
      const [typeError] = fake.reportsFor(token(0));
      expect(typeError.error).toBe('TypeError');
      expect(JSON.parse(typeError.cause!)).toMatchObject({ errorType: 'TypeError', errorMessage: 'order.total is not a number' });
      expect(fake.reportsFor(token(1))).toEqual([{ kind: 'failure', error: 'Payment.Declined', cause: 'card declined' }]);
      expect(failed.sort()).toEqual(['handler:Payment.Declined', 'handler:TypeError']);
    });

    test('cuts error to 256 and cause to 32,768 characters', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, { handler: () => { throw new TaskFailure('E'.repeat(300), 'c'.repeat(40_000)); } });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      const [report] = fake.reportsFor(token(0));
      expect(report.error!.length).toBe(256);
      expect(report.cause!.length).toBe(32_768);
    });

    test('fails a task whose output is over 262,144 bytes, or not JSON, instead of dropping it', async () => {
      fake = new FakeSfn(tasks(3));
      const w = worker(fake, {
        handler: (input: { n: number }) => {
          if (input.n === 0) {
            return { blob: 'é'.repeat(140_000) }; // 140,000 characters, 280,000+ bytes
          }
          if (input.n === 1) {
            return { big: BigInt(1) };
          }
          return { ok: 'x'.repeat(1000) };
        },
      });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 3);
      await w.stop();
      await run;

      expectExactlyOneReportEach(fake, 3);
      expect(fake.reportsFor(token(0))[0]).toMatchObject({ kind: 'failure', error: 'Worker.OutputTooLarge' });
      expect(fake.reportsFor(token(0))[0].cause).toMatch(/280,0\d\d bytes.*Limit: 262,144 bytes/);
      expect(fake.reportsFor(token(1))[0]).toMatchObject({ kind: 'failure', error: 'Worker.InvalidOutput' });
      expect(fake.reportsFor(token(2))[0].kind).toBe('success');
    });

    test('fails a task whose input is not JSON with Worker.InvalidInput, without calling the handler', async () => {
      fake = new FakeSfn([{ taskToken: token(0), input: '{not json' }]);
      const handler = jest.fn();
      const w = worker(fake, { handler });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      expect(fake.reportsFor(token(0))[0]).toMatchObject({ kind: 'failure', error: 'Worker.InvalidInput' });
      expect(handler).not.toHaveBeenCalled();
    });
  });

  describe('polling faults', () => {
    test.each([
      ['throttling', throttling],
      ['network errors', networkError],
    ])('retries GetActivityTask %s with backoff and then runs the tasks', async (_name, makeError) => {
      fake = new FakeSfn([makeError(), makeError(), makeError(), ...tasks(3)]);
      const w = worker(fake, { concurrency: 1, handler: () => 'ok' });
      const pollErrors: number[] = [];
      w.on('pollError', (e) => pollErrors.push(e.consecutiveFailures));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 3);
      await w.stop();
      await run;
      expectExactlyOneReportEach(fake, 3);
      expect(pollErrors).toEqual([1, 2, 3]);
    });

    test('stops and rejects start() with FatalPollError (SW615) when the activity does not exist', async () => {
      fake = new FakeSfn([new ActivityDoesNotExist({ message: 'Activity does not exist', $metadata: {} })]);
      const w = worker(fake, { concurrency: 1, handler: () => 'ok' });
      const run = w.start();
      await expect(run).rejects.toThrow(FatalPollError);
      await expect(run).rejects.toThrow(/\[SW615\] GetActivityTask failed with ActivityDoesNotExist/);
      expect(w.status().state).toBe('stopped');
      expect(codeInfo('SW615').title).toBe('Worker cannot poll');
    });

    test('backs off after empty polls that return at once (no busy loop)', async () => {
      fake = new FakeSfn([], 0);
      const w = worker(fake, { concurrency: 1, minEmptyPollIntervalMs: 40, random: () => 1, handler: () => 'ok' });
      const run = w.start();
      await sleep(200);
      await w.stop();
      await run;
      // One poll per ~40 ms: about 5, certainly not hundreds.
      expect(fake.polls).toBeGreaterThanOrEqual(2);
      expect(fake.polls).toBeLessThanOrEqual(8);
    });
  });

  describe('completion faults', () => {
    test('retries a throttled SendTaskSuccess and reports the task exactly once', async () => {
      fake = new FakeSfn(tasks(3));
      fake.onSuccess = (_input, attempt) => {
        if (attempt <= 2) {
          throw throttling();
        }
      };
      const w = worker(fake, { handler: () => ({ ok: true }) });
      const retries: string[] = [];
      w.on('retry', (e) => retries.push(e.operation));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 3);
      await w.stop();
      await run;
      expectExactlyOneReportEach(fake, 3);
      expect(fake.attemptsFor('success', token(0))).toBe(3);
      expect(retries.filter((op) => op === 'SendTaskSuccess')).toHaveLength(6);
    });

    test('retries a SendTaskFailure that fails with a network error, then succeeds', async () => {
      fake = new FakeSfn(tasks(2));
      fake.onFailure = (_input, attempt) => {
        if (attempt === 1) {
          throw networkError();
        }
      };
      const w = worker(fake, { handler: () => { throw new Error('boom'); } });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 2);
      await w.stop();
      await run;
      expectExactlyOneReportEach(fake, 2);
      expect(fake.attemptsFor('failure', token(1))).toBe(2);
    });

    test('reports a retried completion that answers TaskTimedOut as possibly delivered, not as a success or a crash', async () => {
      // GIVEN SendTaskSuccess fails with a network error (it may have reached the service), then answers TaskTimedOut
      fake = new FakeSfn(tasks(1));
      fake.onSuccess = (_input, attempt) => {
        throw attempt === 1 ? networkError() : timedOut();
      };
      const w = worker(fake, { handler: () => 'done' });
      const ambiguous: Array<{ attempts: number; serviceError: string }> = [];
      const succeeded = jest.fn();
      w.on('completionAmbiguous', (e) => ambiguous.push({ attempts: e.attempts, serviceError: e.serviceError }));
      w.on('taskSucceeded', succeeded);
      const run = w.start();
      await waitFor(() => ambiguous.length === 1);
      await w.stop();
      await run;

      // THEN it is reported as ambiguous, no further call is made, and nothing counts as delivered
      expect(ambiguous).toEqual([{ attempts: 2, serviceError: 'TaskTimedOut' }]);
      expect(fake.attemptsFor('success', token(0))).toBe(2);
      expect(fake.attemptsFor('failure', token(0))).toBe(0);
      expect(succeeded).not.toHaveBeenCalled();
    });

    test('a first SendTaskSuccess that answers TaskTimedOut means the task had closed: taskClosed, no retry', async () => {
      fake = new FakeSfn(tasks(1));
      fake.onSuccess = () => {
        throw timedOut();
      };
      const w = worker(fake, { handler: () => 'late' });
      const closed: string[] = [];
      w.on('taskClosed', (e) => closed.push(`${e.during}:${e.serviceError}`));
      const run = w.start();
      await waitFor(() => closed.length === 1);
      await w.stop();
      await run;
      expect(closed).toEqual(['completion:TaskTimedOut']);
      expect(fake.attemptsFor('success', token(0))).toBe(1);
    });

    test('gives up after maxAttempts and leaves the task to time out (reportFailed, DeliveryError)', async () => {
      fake = new FakeSfn(tasks(1));
      fake.onSuccess = () => {
        throw throttling();
      };
      const w = worker(fake, { handler: () => 'x', retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
      const failures: Error[] = [];
      w.on('reportFailed', (e) => failures.push(e.error));
      const run = w.start();
      await waitFor(() => failures.length === 1);
      await w.stop();
      await run;
      expect(fake.attemptsFor('success', token(0))).toBe(3);
      expect(fake.totalReports()).toBe(0);
      expect(failures[0]).toMatchObject({ name: 'DeliveryError', code: 'SW614', attempts: 3 });
      expect(failures[0].message).toMatch(/SendTaskSuccess still failed after 3 attempts \(last error: ThrottlingException/);
    });
  });

  describe('heartbeats', () => {
    test('heartbeats a handler that runs past several heartbeat intervals, retrying throttled heartbeats', async () => {
      fake = new FakeSfn(tasks(1));
      fake.onHeartbeat = (_input, attempt) => {
        if (attempt === 1) {
          throw throttling();
        }
      };
      const w = worker(fake, { heartbeatIntervalMs: 10, handler: () => sleep(120).then(() => 'slow but alive') });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      expectExactlyOneReportEach(fake, 1);
      expect(fake.heartbeats.get(token(0))).toBeGreaterThanOrEqual(4);
      expect(fake.attemptsFor('heartbeat', token(0))).toBe((fake.heartbeats.get(token(0)) ?? 0) + 1);
    });

    test('a task that times out while running aborts the handler signal, sends no completion, and frees the slot', async () => {
      // GIVEN the first task's heartbeat answers TaskTimedOut after a while; the handler waits on its signal
      fake = new FakeSfn(tasks(2));
      fake.onHeartbeat = (input, attempt) => {
        if (input.taskToken === token(0) && attempt >= 3) {
          throw timedOut();
        }
      };
      let reason: unknown;
      const w = worker(fake, {
        concurrency: 1,
        heartbeatIntervalMs: 10,
        handler: (input: { n: number }, ctx) => {
          if (input.n === 1) {
            return 'second';
          }
          return new Promise((_resolve, reject) => ctx.signal.addEventListener('abort', () => {
            reason = ctx.signal.reason;
            reject(ctx.signal.reason);
          }));
        },
      });
      const closed: string[] = [];
      w.on('taskClosed', (e) => closed.push(`${e.during}:${e.serviceError}`));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;

      // THEN the first task is left closed (nothing sent), the second ran in the freed slot
      expect(closed).toEqual(['heartbeat:TaskTimedOut']);
      expect(reason).toBeInstanceOf(TaskClosedError);
      expect((reason as TaskClosedError).code).toBe('SW613');
      expect(fake.attemptsFor('success', token(0)) + fake.attemptsFor('failure', token(0))).toBe(0);
      expect(fake.reportsFor(token(1))).toEqual([{ kind: 'success', output: '"second"' }]);
    });

    test('a handler that hangs and ignores its aborted signal holds the slot for abortGraceMs only', async () => {
      fake = new FakeSfn(tasks(2));
      fake.onHeartbeat = (input) => {
        if (input.taskToken === token(0)) {
          throw new InvalidToken({ message: 'Invalid token', $metadata: {} });
        }
      };
      const probe = new ConcurrencyProbe();
      const w = worker(fake, {
        concurrency: 1,
        heartbeatIntervalMs: 5,
        abortGraceMs: 30,
        handler: (input: { n: number }) => probe.run(() => (input.n === 0 ? new Promise<never>(() => undefined) : Promise.resolve('ran'))),
      });
      const closed: string[] = [];
      w.on('taskClosed', (e) => closed.push(e.serviceError));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      expect(closed).toEqual(['InvalidToken']);
      expect(fake.reportsFor(token(1))).toEqual([{ kind: 'success', output: '"ran"' }]);
    });

    test('a manual heartbeat is sent at once, and calls within a second are coalesced', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, {
        heartbeatIntervalMs: 60_000,
        handler: async (_input, ctx) => {
          await ctx.heartbeat();
          await ctx.heartbeat();
          await Promise.all([ctx.heartbeat(), ctx.heartbeat()]);
          return 'ok';
        },
      });
      const manual: boolean[] = [];
      w.on('heartbeat', (e) => manual.push(e.manual));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      expect(fake.heartbeats.get(token(0))).toBe(1);
      expect(manual).toEqual([true]);
    });

    test('a manual heartbeat on a closed task rejects with TaskClosedError', async () => {
      fake = new FakeSfn(tasks(1));
      fake.onHeartbeat = () => {
        throw timedOut();
      };
      let thrown: unknown;
      const w = worker(fake, {
        handler: async (_input, ctx) => {
          try {
            await ctx.heartbeat();
          } catch (e) {
            thrown = e;
          }
          expect(ctx.signal.aborted).toBe(true);
          return 'ignored';
        },
      });
      const run = w.start();
      await waitFor(() => thrown !== undefined);
      await w.stop();
      await run;
      expect(thrown).toBeInstanceOf(TaskClosedError);
      expect(fake.totalReports()).toBe(0);
    });
  });

  describe('deadlines', () => {
    test('a poll that never answers is aborted at pollTimeoutMs and polled again; the tasks still run', async () => {
      // GIVEN the first poll hangs forever (aws-sdk-client-mock ignores abortSignal: only the worker's own deadline can end it)
      fake = new FakeSfn(tasks(2));
      let hung = 0;
      fake.onPoll = () => (hung++ === 0 ? new Promise<never>(() => undefined) : undefined);
      const w = worker(fake, { concurrency: 1, pollTimeoutMs: 60, handler: () => 'ok' });
      const errors: unknown[] = [];
      w.on('pollError', (e) => errors.push(e.error));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 2);
      await w.stop();
      await run;

      // THEN the hung poll failed with RequestTimeoutError (SW617) and the slot went on polling
      expectExactlyOneReportEach(fake, 2);
      expect(errors[0]).toBeInstanceOf(RequestTimeoutError);
      expect(errors[0]).toMatchObject({ code: 'SW617', operation: 'GetActivityTask', timeoutMs: 60 });
      expect(w.status().stats).toMatchObject({ timeouts: 1, pollErrors: 1 });
    });

    test('a SendTaskSuccess that hangs is aborted at sendTimeoutMs and retried: one report, nothing lost', async () => {
      fake = new FakeSfn(tasks(3));
      fake.onSuccess = (input, attempt) => (input.taskToken === token(1) && attempt === 1 ? new Promise<never>(() => undefined) : undefined);
      const w = worker(fake, { sendTimeoutMs: 40, handler: () => 'ok' });
      const retries: unknown[] = [];
      w.on('retry', (e) => retries.push(e.error));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 3);
      await w.stop();
      await run;
      expectExactlyOneReportEach(fake, 3);
      expect(fake.attemptsFor('success', token(1))).toBe(2);
      expect(retries).toEqual([expect.any(RequestTimeoutError)]);
    });

    test('stop() resolves at stopTimeoutMs even when polls and reports hang forever; what was not reported is reportFailed', async () => {
      // GIVEN one task whose every SendTaskSuccess hangs, and polls that hang from then on
      fake = new FakeSfn(tasks(1));
      let polls = 0;
      fake.onPoll = () => (polls++ >= 1 ? new Promise<never>(() => undefined) : undefined);
      fake.onSuccess = () => new Promise<never>(() => undefined);
      const w = worker(fake, {
        concurrency: 2, drainTimeoutMs: 20, stopTimeoutMs: 150, pollTimeoutMs: 60_000, sendTimeoutMs: 60_000, handler: () => 'ok',
      });
      const failures: Error[] = [];
      w.on('reportFailed', (e) => failures.push(e.error));
      const run = w.start();
      await waitFor(() => fake.attemptsFor('success', token(0)) === 1 && w.status().polling === 1);

      // WHEN it is stopped
      const began = Date.now();
      await w.stop();
      await run;

      // THEN it stopped at its deadline, not after the 60 s call deadlines, and said what it gave up
      expect(Date.now() - began).toBeLessThan(1_000);
      expect(Date.now() - began).toBeGreaterThanOrEqual(140);
      expect(w.status()).toMatchObject({ state: 'stopped', inFlight: 0, polling: 0 });
      expect(failures).toHaveLength(1);
      expect(failures[0].message).toMatch(/SendTaskSuccess was abandoned: the worker's stop deadline passed/);
    });

    test('the defaults: a 70 s poll deadline (above the 65 s AWS asks for), 10 s per SendTask* attempt, enforced by the clients it creates', async () => {
      expect(POLL_REQUEST_TIMEOUT_MS).toBe(70_000);
      expect(POLL_REQUEST_TIMEOUT_MS).toBeGreaterThan(65_000);
      expect(SEND_REQUEST_TIMEOUT_MS).toBe(10_000);
      const w = new ActivityWorker({ activityArn: ARN, handler: () => 'x', handleSignals: false, logger: new SilentLogger() });
      expect((w as any).pollTimeoutMs).toBe(70_000);
      expect((w as any).stopTimeoutMs).toBe(70_000); // max(drain 25 s + 10 s, the poll deadline): open polls are not cut short
      type Handled = { config: { requestHandler: { configProvider: Promise<Record<string, unknown>> } } };
      const [poll, send] = (w as any).ownedClients as Handled[];
      await expect(poll.config.requestHandler.configProvider)
        .resolves.toMatchObject({ requestTimeout: 70_000, throwOnRequestTimeout: true, socketTimeout: 70_000, connectionTimeout: 5_000 });
      await expect(send.config.requestHandler.configProvider)
        .resolves.toMatchObject({ requestTimeout: 10_000, throwOnRequestTimeout: true, socketTimeout: 10_000 });
      // The factories, for users who bring their own clients.
      const own = createPollClient({ region: 'eu-west-1', requestTimeoutMs: 80_000 }) as any;
      await expect(own.config.requestHandler.configProvider)
        .resolves.toMatchObject({ requestTimeout: 80_000, throwOnRequestTimeout: true, socketTimeout: 80_000 });
      await expect(own.config.region()).resolves.toBe('eu-west-1');
      const sender = createSendClient() as any;
      await expect(sender.config.requestHandler.configProvider).resolves.toMatchObject({ requestTimeout: 10_000, throwOnRequestTimeout: true });
      own.destroy();
      sender.destroy();
      for (const client of (w as any).ownedClients) {
        client.destroy();
      }
    });
  });

  describe('capacity signals', () => {
    function limitExceeded(): SFNServiceException {
      return new SFNServiceException({ name: 'ActivityWorkerLimitExceeded', $fault: 'client', $metadata: { httpStatusCode: 400 }, message: 'The maximum number of workers concurrently polling for activity tasks has been reached.' });
    }

    test('ActivityWorkerLimitExceeded slows the poll down (pollThrottled, pollerLimit) and never ends the worker', async () => {
      fake = new FakeSfn([limitExceeded(), limitExceeded(), limitExceeded(), ...tasks(2)]);
      const warnings: string[] = [];
      const logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (msg: string) => warnings.push(msg) };
      const w = worker(fake, { concurrency: 1, random: () => 0, logger, retry: { maxAttempts: 5, baseDelayMs: 1, maxDelayMs: 100 }, handler: () => 'ok' });
      const throttled: Array<{ reason: string; consecutive: number; delayMs: number }> = [];
      w.on('pollThrottled', (e) => throttled.push({ reason: e.reason, consecutive: e.consecutive, delayMs: e.delayMs }));
      const run = w.start();
      await waitFor(() => fake.totalReports() === 2);
      await w.stop();
      await expect(run).resolves.toBeUndefined();
      expectExactlyOneReportEach(fake, 2);
      // Equal jitter from 5x the base (5 ms here): at least half the ceiling, which doubles.
      expect(throttled).toEqual([
        { reason: 'pollerLimit', consecutive: 1, delayMs: 2 },
        { reason: 'pollerLimit', consecutive: 2, delayMs: 5 },
        { reason: 'pollerLimit', consecutive: 3, delayMs: 10 },
      ]);
      expect(w.status().stats.throttledPolls).toBe(3);
      // A log line for each, besides the event.
      expect(warnings.filter((m) => /most pollers Step Functions allows \(ActivityWorkerLimitExceeded\)/.test(m))).toHaveLength(3);
    });

    test('throttling pauses every poll of the worker, not just the one that was throttled', async () => {
      // GIVEN 4 slots, and a poll that is throttled while the others are waiting
      fake = new FakeSfn([throttling()], 5);
      const warnings: string[] = [];
      const logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (msg: string) => warnings.push(msg) };
      const w = worker(fake, { concurrency: 4, random: () => 1, logger, retry: { maxAttempts: 5, baseDelayMs: 40, maxDelayMs: 1_000 }, handler: () => 'ok' });
      const throttled: string[] = [];
      w.on('pollThrottled', (e) => throttled.push(`${e.reason}:${e.delayMs}`));
      const run = w.start();
      await waitFor(() => throttled.length === 1);
      const pollsAtThrottle = fake.polls;
      await sleep(120);
      const pollsDuringPause = fake.polls - pollsAtThrottle;
      await w.stop();
      await run;
      // THEN the pause was 200 ms (5 x 40 ms, full ceiling with random 1): only the 3 polls already open returned, none was sent
      expect(throttled).toEqual(['throttled:200']);
      expect(pollsDuringPause).toBe(0);
      expect(warnings).toContain('GetActivityTask is throttled: every poll of this worker waits');
    });
  });

  describe('lifecycle', () => {
    test('start() while running returns the same run; stop() twice returns the same promise', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, { handler: () => 'ok' });
      const run = w.start();
      expect(w.start()).toBe(run);
      await waitFor(() => fake.totalReports() === 1);
      const stopping = w.stop();
      expect(w.stop()).toBe(stopping);
      await stopping;
      await run;
      // one set of pollers only: never more polls open than the concurrency of one run (4)
      expect(fake.maxPollsInFlight).toBeLessThanOrEqual(4);
    });

    test('fails when start() is called after stop(): WorkerStateError (SW618), and the worker stays stopped', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, { handler: () => 'ok' });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 1);
      await w.stop();
      await run;
      const polls = fake.polls;
      await expect(w.start()).rejects.toThrow(WorkerStateError);
      await expect(w.start()).rejects.toThrow(/\[SW618\] start\(\) was called on a worker that is stopped\. A worker runs once/);
      await sleep(20);
      expect(fake.polls).toBe(polls);
      expect(w.status().state).toBe('stopped');
      expect(codeInfo('SW618').title).toBe('Worker already stopped');
    });

    test('fails when start() is called after a stop() that came before any start(): nothing polls', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, { handler: () => 'ok' });
      await w.stop();
      await expect(w.start()).rejects.toThrow(WorkerStateError);
      await sleep(20);
      expect(fake.polls).toBe(0);
      expect(w.status().state).toBe('stopped');
    });

    test('fails when start() is called while stopping', async () => {
      fake = new FakeSfn(tasks(1));
      const w = worker(fake, { handler: () => sleep(30).then(() => 'ok') });
      const run = w.start();
      await waitFor(() => w.status().inFlight === 1);
      const stopping = w.stop();
      await expect(w.start()).rejects.toThrow(/worker that is stopping/);
      await stopping;
      await run;
      expectExactlyOneReportEach(fake, 1);
    });
  });

  describe('metrics', () => {
    test('writes its busy fraction as a CloudWatch Embedded Metric Format line, in the namespace and dimension the service scales on', async () => {
      fake = new FakeSfn(tasks(40));
      const lines: string[] = [];
      const w = worker(fake, { concurrency: 2, metricsIntervalMs: 40, metricsWriter: (line) => lines.push(line), handler: () => sleep(10).then(() => 'ok') });
      const run = w.start();
      await waitFor(() => fake.totalReports() === 40 && lines.length >= 2, 5_000);
      await w.stop();
      await run;
      const docs = lines.map((line) => JSON.parse(line));
      const doc = docs[0];
      expect(doc._aws.CloudWatchMetrics).toEqual([{
        Namespace: WORKER_METRICS_NAMESPACE,
        Dimensions: [[WORKER_METRICS_DIMENSION]],
        Metrics: [{ Name: BUSY_FRACTION_METRIC, Unit: 'None' }, { Name: TASKS_STARTED_METRIC, Unit: 'Count' }],
      }]);
      expect(doc[WORKER_METRICS_DIMENSION]).toBe(ARN);
      expect(typeof doc._aws.Timestamp).toBe('number');
      // Both slots were busy nearly all the time while the tasks ran.
      expect(Math.max(...docs.map((d) => d[BUSY_FRACTION_METRIC]))).toBeGreaterThan(0.5);
      for (const d of docs) {
        expect(d[BUSY_FRACTION_METRIC]).toBeGreaterThanOrEqual(0);
        expect(d[BUSY_FRACTION_METRIC]).toBeLessThanOrEqual(1);
      }
      expect(docs.reduce((n, d) => n + d[TASKS_STARTED_METRIC], 0)).toBeLessThanOrEqual(40);
    });
  });

  describe('graceful stop', () => {
    test('stop() with tasks in flight: no new polls, quick tasks finish, slow ones fail with Worker.ShuttingDown at the deadline', async () => {
      // GIVEN 4 tasks running: two finish in 20 ms, two would take 10 s
      fake = new FakeSfn(tasks(4));
      const aborted: unknown[] = [];
      const w = worker(fake, {
        concurrency: 4,
        drainTimeoutMs: 60,
        handler: async (input: { n: number }, ctx) => {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, input.n < 2 ? 20 : 10_000);
            ctx.signal.addEventListener('abort', () => {
              aborted.push(ctx.signal.reason);
              clearTimeout(t);
              resolve();
            });
          });
          return `done ${input.n}`;
        },
      });
      const stopSignals: boolean[] = [];
      w.on('taskStarted', () => undefined);
      const run = w.start();
      await waitFor(() => w.status().inFlight === 4);

      // WHEN the worker is stopped
      const pollsAtStop = fake.polls;
      const stopped = w.stop();
      stopSignals.push(w.status().state === 'stopping');
      await stopped;
      await run;

      // THEN no poll was sent after the stop, every task has exactly one report
      expect(fake.polls).toBe(pollsAtStop);
      expectExactlyOneReportEach(fake, 4);
      expect(fake.reportsFor(token(0))).toEqual([{ kind: 'success', output: '"done 0"' }]);
      expect(fake.reportsFor(token(3))[0]).toMatchObject({ kind: 'failure', error: 'Worker.ShuttingDown' });
      expect(fake.reportsFor(token(3))[0].cause).toMatch(/\[SW616\]/);
      expect(aborted).toHaveLength(2);
      expect(aborted[0]).toBeInstanceOf(WorkerShuttingDownError);
      expect(stopSignals).toEqual([true]);
      expect(w.status().stats).toMatchObject({ succeeded: 2, failed: 2 });
    });

    test('does not abort an in-flight poll: a task it returns after the drain deadline is failed at once', async () => {
      // GIVEN a poll that is open when stop() is called and returns a task 80 ms later
      fake = new FakeSfn();
      let pollStarted = false;
      fake.onPoll = async () => {
        if (!pollStarted) {
          pollStarted = true;
          await sleep(80);
          return { taskToken: token(0), input: '{}' };
        }
        await sleep(5);
        return undefined;
      };
      const handler = jest.fn();
      const w = worker(fake, { concurrency: 1, drainTimeoutMs: 10, handler });
      const run = w.start();
      await waitFor(() => pollStarted);

      // WHEN the worker stops with a 10 ms drain
      await w.stop();
      await run;

      // THEN the poll completed, and its task was handed back with Worker.ShuttingDown, not run
      expect(fake.reportsFor(token(0))).toEqual([expect.objectContaining({ kind: 'failure', error: 'Worker.ShuttingDown' })]);
      expect(handler).not.toHaveBeenCalled();
      expect(fake.polls).toBe(1);
    });

    test('SIGTERM stops the worker gracefully; the stopSignal tells handlers at once', async () => {
      fake = new FakeSfn(tasks(2));
      let sawStop = false;
      const w = worker(fake, {
        handleSignals: true,
        concurrency: 2,
        handler: async (_input, ctx) => {
          await new Promise<void>((resolve) => ctx.stopSignal.addEventListener('abort', () => resolve()));
          sawStop = true;
          return 'checkpointed';
        },
      });
      const run = w.start();
      await waitFor(() => w.status().inFlight === 2);
      process.emit('SIGTERM', 'SIGTERM');
      await run;
      expect(sawStop).toBe(true);
      expectExactlyOneReportEach(fake, 2);
      expect(fake.reportsFor(token(1))).toEqual([{ kind: 'success', output: '"checkpointed"' }]);
      expect(process.listeners('SIGTERM')).not.toContain((w as any).signalHandler);
    });

    test('stop() before start() resolves at once', async () => {
      fake = new FakeSfn();
      const w = worker(fake, { handler: () => 'x' });
      await expect(w.stop()).resolves.toBeUndefined();
      expect(w.status().state).toBe('stopped');
    });
  });

  describe('configuration', () => {
    const base = { handler: () => 'x', logger: new SilentLogger(), handleSignals: false };

    test.each([
      [{ activityArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:orders' }, /activityArn .* is not an activity ARN/],
      [{ activityArn: ARN, concurrency: 0 }, /concurrency is 0\. It must be a whole number of at least 1/],
      [{ activityArn: ARN, concurrency: 2.5 }, /concurrency is 2\.5/],
      [{ activityArn: ARN, maxConcurrentPolls: 1001, concurrency: 1001 }, /maxConcurrentPolls \(or concurrency\) is 1001\. Limit: 1,000 pollers/],
      [{ activityArn: ARN, workerName: 'w'.repeat(81) }, /workerName is 81 characters long\. Limit: 1 to 80 characters/],
      [{ activityArn: ARN, activityHeartbeatSeconds: 30, heartbeatIntervalMs: 30_000 }, /heartbeatIntervalMs is 30000, not below the activity's heartbeat of 30 s/],
      [{ activityArn: ARN, drainTimeoutMs: -1 }, /drainTimeoutMs is -1/],
    ])('fails when the options are %j', (options, message) => {
      expect(() => new ActivityWorker({ ...base, ...options } as ActivityWorkerOptions)).toThrow(WorkerConfigError);
      expect(() => new ActivityWorker({ ...base, ...options } as ActivityWorkerOptions)).toThrow(message);
    });

    test('accepts good options and derives the heartbeat interval from the activity heartbeat', () => {
      const w = new ActivityWorker({ ...base, activityArn: ARN, activityHeartbeatSeconds: 30 });
      expect(w.heartbeatIntervalMs).toBe(10_000);
      expect(w.concurrency).toBe(10);
      expect(w.workerName.length).toBeLessThanOrEqual(80);
      expect(new ActivityWorker({ ...base, activityArn: ARN }).heartbeatIntervalMs).toBe(20_000);
      expect(codeInfo('SW610').title).toBe('Invalid worker configuration');
    });

    test('creates its own poll and send clients, in the Region of the ARN, and closes them on stop', async () => {
      fake = new FakeSfn();
      const w = new ActivityWorker({ ...base, activityArn: 'arn:aws:states:eu-west-1:123456789012:activity:x', minEmptyPollIntervalMs: 1 });
      const clients = (w as any).ownedClients as Array<{ config: { region: () => Promise<string> } }>;
      expect(clients).toHaveLength(2);
      await expect(clients[0].config.region()).resolves.toBe('eu-west-1');
      const run = w.start();
      await waitFor(() => fake.polls > 0);
      await w.stop();
      await run;
      expect(fake.mock.commandCalls(GetActivityTaskCommand)[0].args[0].input).toEqual({ activityArn: 'arn:aws:states:eu-west-1:123456789012:activity:x', workerName: w.workerName });
      expect(fake.mock.commandCalls(SendTaskSuccessCommand)).toHaveLength(0);
    });
  });
});

describe('ActivityWorker.optionsFromEnvironment', () => {
  test('reads the variables ActivityWorkerService sets', () => {
    expect(ActivityWorker.optionsFromEnvironment({ ACTIVITY_ARN: ARN, STEPWISE_CONCURRENCY: '8', STEPWISE_DRAIN_TIMEOUT_MS: '105000', STEPWISE_HEARTBEAT_SECONDS: '60' }))
      .toEqual({ activityArn: ARN, concurrency: 8, drainTimeoutMs: 105_000, activityHeartbeatSeconds: 60 });
    expect(ActivityWorker.optionsFromEnvironment({ ACTIVITY_ARN: ARN })).toEqual({ activityArn: ARN });
  });

  test('fails when ACTIVITY_ARN is missing or a number does not parse', () => {
    expect(() => ActivityWorker.optionsFromEnvironment({})).toThrow(/\[SW610\] ACTIVITY_ARN is not set/);
    expect(() => ActivityWorker.optionsFromEnvironment({ ACTIVITY_ARN: ARN, STEPWISE_CONCURRENCY: 'ten' })).toThrow(/STEPWISE_CONCURRENCY is 'ten', not a number/);
  });
});
