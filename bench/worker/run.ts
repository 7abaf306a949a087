/*
 * Activity worker benchmark: tasks per second of `ActivityWorker` side by side with a bare SDK
 * poll/complete loop on the same clients and server, and the worker's overhead per task.
 *
 *   npx projen bench:worker [--quick]
 *   (BENCH_ONLY=fake|real, BENCH_CONCURRENCY=1|8|64, BENCH_LATENCY=0|20 run a subset)
 *
 * Each row runs the same tasks twice, once through the worker and once through the bare loop
 * (`concurrency` loops of GetActivityTask -> JSON.parse -> handler -> JSON.stringify ->
 * SendTaskSuccess, no deadlines, heartbeats, events or bookkeeping) in `REPEATS` pairs of runs,
 * alternating which goes first, each run after a full GC, and keeps the medians:
 * 1. an in-process fake client (no SDK, no network), 0 and 20 ms per call;
 * 2. the real SFNClient (the runtime's client factories, the real HTTP handler) against a Step
 *    Functions API server on 127.0.0.1, 0 and 20 ms per call;
 * each at concurrency 1, 8 and 64. It prints worker/bare throughput (target >= 0.95) and the
 * worker's overhead per task: (worker wall time - bare wall time) / tasks, and the same for CPU.
 * Numbers vary with the machine; the report records where they were measured.
 */
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import { GetActivityTaskCommand, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ActivityWorker, SfnClientLike, SilentLogger, createPollClient, createSendClient } from '../../src/runtime';

const ARN = 'arn:aws:states:us-east-1:123456789012:activity:bench';
const TOKEN_PAD = 'A'.repeat(600); // real tokens are several hundred characters

/**
 * A Step Functions fake: `count` tasks, then empty polls; every call takes `latencyMs`. It has a
 * (stub) middleware stack, so the worker treats it as the SDK client it stands for and passes it
 * the SDK's light abort signal, as it does a real `SFNClient`.
 */
class FakeClient implements SfnClientLike {
  public readonly middlewareStack = { add: () => undefined };
  public completed = 0;
  public failed = 0;
  private next = 0;

  constructor(private readonly count: number, private readonly latencyMs: number, private readonly onDone: () => void) {}

  public async send(command: unknown): Promise<unknown> {
    if (this.latencyMs > 0) {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    }
    if (command instanceof GetActivityTaskCommand) {
      if (this.next < this.count) {
        const i = this.next++;
        return { taskToken: `${TOKEN_PAD}${i}`, input: `{"orderId":${i},"items":[1,2,3]}` };
      }
      // Nothing left: an empty poll (the real service would hold it up to 60 s).
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { taskToken: '' };
    }
    if (command instanceof SendTaskSuccessCommand || command instanceof SendTaskFailureCommand) {
      if (command instanceof SendTaskFailureCommand) {
        this.failed++;
      }
      if (++this.completed === this.count) {
        this.onDone();
      }
    }
    return {};
  }
}

interface Measure {
  readonly seconds: number;
  readonly cpuUs: number;
}

interface Row {
  readonly setup: string;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly tasks: number;
  /** Median run of each side. */
  readonly worker: Measure;
  readonly bare: Measure;
  /** Median of the paired worker/bare throughput ratios. */
  readonly ratio: number;
  /** Median of the paired differences per task, in µs. */
  readonly wallUs: number;
  readonly cpuUs: number;
}

type Handler = (input: { orderId: number; items: number[] }) => unknown;
const handler: Handler = (input) => ({ orderId: input.orderId, total: input.items.length });

/** A pair of clients for one run, and a way to learn when `count` tasks were completed. */
interface Setup {
  readonly pollClient: SfnClientLike;
  readonly client: SfnClientLike;
  readonly finished: Promise<void>;
  close(): Promise<void>;
}

type SetupFactory = (count: number, latencyMs: number) => Promise<Setup>;

/** The in-process fake: one object for both clients. */
const fakeSetup: SetupFactory = async (count, latencyMs) => {
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const client = new FakeClient(count, latencyMs, () => done());
  return {
    pollClient: client,
    client,
    finished,
    close: async () => {
      if (client.failed > 0) {
        throw new Error(`${client.failed} tasks failed`);
      }
    },
  };
};

/** A Step Functions API server on 127.0.0.1 (AWS JSON 1.0) and the runtime's own clients pointed at it. */
const serverSetup: SetupFactory = async (count, latencyMs) => {
  let next = 0;
  let completed = 0;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      let body = '{}';
      if (target.endsWith('GetActivityTask')) {
        body = next < count ? JSON.stringify({ taskToken: `${TOKEN_PAD}${next}`, input: `{"orderId":${next++},"items":[1,2,3]}` }) : '{}';
      } else if (target.endsWith('SendTaskSuccess') && ++completed === count) {
        done();
      }
      const answer = () => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body) });
        res.end(body);
      };
      // Nothing left: an empty poll is held a little (the real service holds it up to 60 s).
      const delay = target.endsWith('GetActivityTask') && body === '{}' ? Math.max(latencyMs, 5) : latencyMs;
      if (delay > 0) {
        setTimeout(answer, delay);
      } else {
        answer();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const clientConfig = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
  };
  const pollClient = createPollClient({ clientConfig, maxSockets: 128 });
  const client = createSendClient({ clientConfig, maxSockets: 128 });
  return {
    pollClient,
    client,
    finished,
    close: async () => {
      pollClient.destroy();
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};

async function measure(body: () => Promise<void>): Promise<Measure> {
  // Start each run with no garbage left by the previous one (node --expose-gc).
  (globalThis as { gc?: () => void }).gc?.();
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  return { seconds, cpuUs: used.user + used.system };
}

async function runWorker(makeSetup: SetupFactory, concurrency: number, latencyMs: number, tasks: number): Promise<Measure> {
  const setup = await makeSetup(tasks, latencyMs);
  const worker = new ActivityWorker({
    activityArn: ARN,
    concurrency,
    pollClient: setup.pollClient,
    client: setup.client,
    handleSignals: false,
    logger: new SilentLogger(),
    metricsIntervalMs: 0,
    heartbeatIntervalMs: 60_000, // each task still arms and clears its heartbeat timer
    minEmptyPollIntervalMs: 1,
    handler,
  });
  let running!: Promise<void>;
  const result = await measure(async () => {
    running = worker.start();
    await setup.finished;
  });
  await worker.stop();
  await running;
  await setup.close();
  return result;
}

/** The bare loop: what any activity worker must do per task, and nothing else. */
async function runBare(makeSetup: SetupFactory, concurrency: number, latencyMs: number, tasks: number): Promise<Measure> {
  const setup = await makeSetup(tasks, latencyMs);
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      const task = await setup.pollClient.send(new GetActivityTaskCommand({ activityArn: ARN, workerName: 'bare' }));
      if (!task?.taskToken) {
        continue;
      }
      const output = JSON.stringify(handler(JSON.parse(task.input)));
      await setup.client.send(new SendTaskSuccessCommand({ taskToken: task.taskToken, output }));
    }
  };
  let loops!: Promise<void[]>;
  const result = await measure(async () => {
    loops = Promise.all(Array.from({ length: concurrency }, loop));
    await setup.finished;
  });
  stopped = true;
  await loops;
  await setup.close();
  return result;
}

const REPEATS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Runs the bare loop and the worker back to back `REPEATS` times (alternating, so that both see
 * the same machine) and keeps the median of each side and of the paired ratios: on a shared
 * machine one run can be off by 10%, a pair much less.
 */
async function row(setup: string, makeSetup: SetupFactory, concurrency: number, latencyMs: number, tasks: number): Promise<Row> {
  const bare: Measure[] = [];
  const worker: Measure[] = [];
  for (let i = 0; i < REPEATS; i++) {
    // Alternate which side goes first, so that neither always runs on a warmer (or more loaded) machine.
    if (i % 2 === 0) {
      bare.push(await runBare(makeSetup, concurrency, latencyMs, tasks));
      worker.push(await runWorker(makeSetup, concurrency, latencyMs, tasks));
    } else {
      worker.push(await runWorker(makeSetup, concurrency, latencyMs, tasks));
      bare.push(await runBare(makeSetup, concurrency, latencyMs, tasks));
    }
  }
  return {
    setup,
    concurrency,
    latencyMs,
    tasks,
    worker: { seconds: median(worker.map((m) => m.seconds)), cpuUs: median(worker.map((m) => m.cpuUs)) },
    bare: { seconds: median(bare.map((m) => m.seconds)), cpuUs: median(bare.map((m) => m.cpuUs)) },
    ratio: median(bare.map((b, i) => b.seconds / worker[i].seconds)),
    wallUs: median(bare.map((b, i) => ((worker[i].seconds - b.seconds) * 1e6) / tasks)),
    cpuUs: median(bare.map((b, i) => (worker[i].cpuUs - b.cpuUs) / tasks)),
  };
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

function table(rows: Row[]): string {
  const header = '| setup | concurrency | round trip | tasks | worker tasks/s | bare tasks/s | worker/bare | overhead wall µs/task | overhead CPU µs/task |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|---:|---:|';
  const lines = rows.map((r) => {
    const w = r.tasks / r.worker.seconds;
    const b = r.tasks / r.bare.seconds;
    return `| ${r.setup} | ${r.concurrency} | ${r.latencyMs} ms | ${fmt(r.tasks)} | ${fmt(w)} | ${fmt(b)} | ${r.ratio.toFixed(2)} | ${r.wallUs.toFixed(1)} | ${r.cpuUs.toFixed(1)} |`;
  });
  return [header, rule, ...lines].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const rows: Row[] = [];
  // Warm up the JIT so the first row is not penalised.
  await runWorker(fakeSetup, 8, 0, quick ? 2_000 : 10_000);
  await runBare(fakeSetup, 8, 0, quick ? 2_000 : 10_000);
  await runWorker(serverSetup, 8, 0, quick ? 500 : 2_000);
  await runBare(serverSetup, 8, 0, quick ? 500 : 2_000);

  const setups = [['fake client', fakeSetup, quick ? 5_000 : 50_000], ['real SFNClient, HTTP on 127.0.0.1', serverSetup, quick ? 1_000 : 4_000]] as const;
  const only = process.env.BENCH_ONLY;
  for (const [label, makeSetup, zeroTasks] of setups.filter(([l]) => !only || l.startsWith(only))) {
    for (const latencyMs of [0, 20].filter((l) => !process.env.BENCH_LATENCY || String(l) === process.env.BENCH_LATENCY)) {
      for (const concurrency of [1, 8, 64].filter((c) => !process.env.BENCH_CONCURRENCY || String(c) === process.env.BENCH_CONCURRENCY)) {
        // With 20 ms per call each slot does ~25 tasks/s: about 1-2 s per run.
        const tasks = latencyMs === 0 ? zeroTasks : Math.max(50, Math.round(concurrency * 25 * (quick ? 0.5 : 1)));
        rows.push(await row(label, makeSetup, concurrency, latencyMs, tasks));
      }
    }
  }

  console.log(`Activity worker benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}`);
  console.log(`Medians of ${REPEATS} alternating pairs of runs.`);
  console.log();
  console.log(table(rows));
  console.log();
  const below = rows.filter((r) => r.ratio < 0.95);
  console.log(below.length === 0
    ? 'Worker/bare >= 0.95 in every row.'
    : `Worker/bare below 0.95 in: ${below.map((r) => `${r.setup} c${r.concurrency} ${r.latencyMs} ms (${r.ratio.toFixed(2)})`).join('; ')}.`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
