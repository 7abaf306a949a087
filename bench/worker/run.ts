/*
 * Activity worker benchmark: tasks per second and per-task overhead of `ActivityWorker`.
 *
 *   npx ts-node --project test/tsconfig.json bench/worker/run.ts [--quick]
 *
 * 1. Zero-latency fake client, concurrency 1, 8, 64: the worker's own cost per task (poll result
 *    -> handler -> SendTaskSuccess), target <= 100 µs.
 * 2. 20 ms simulated round trip per call, concurrency 1, 8, 64: throughput should grow linearly
 *    with concurrency (each slot does one task per poll + completion, about 2 x 20 ms).
 * 3. For scale: the real SFNClient (serialization, signing, middleware) against an in-process
 *    fake HTTP handler, concurrency 8: what the AWS SDK itself costs per task.
 *
 * The fake clients answer GetActivityTask from a queue of tasks and accept every SendTask* call.
 * Numbers vary with the machine; the report records where they were measured.
 */
import * as os from 'os';
import { GetActivityTaskCommand, SFNClient, SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { ActivityWorker, SfnClientLike, SilentLogger } from '../../src/runtime';

const ARN = 'arn:aws:states:us-east-1:123456789012:activity:bench';
const TOKEN_PAD = 'A'.repeat(600); // real tokens are several hundred characters

/** A Step Functions fake: `count` tasks, then empty polls; every call takes `latencyMs`. */
class FakeClient implements SfnClientLike {
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

interface Result {
  readonly label: string;
  readonly concurrency: number;
  readonly latencyMs: number;
  readonly tasks: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly usPerTask: number;
  readonly cpuUsPerTask: number;
}

type ClientFactory = (onDone: () => void) => SfnClientLike;

async function run(label: string, concurrency: number, latencyMs: number, tasks: number, makeClient?: ClientFactory): Promise<Result> {
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const client = makeClient ? makeClient(() => done()) : new FakeClient(tasks, latencyMs, () => done());
  const worker = new ActivityWorker({
    activityArn: ARN,
    concurrency,
    pollClient: client,
    client,
    handleSignals: false,
    logger: new SilentLogger(),
    heartbeatIntervalMs: 60_000, // each task still arms and clears its heartbeat timer
    minEmptyPollIntervalMs: 1,
    handler: (input: { orderId: number; items: number[] }) => ({ orderId: input.orderId, total: input.items.length }),
  });
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  const running = worker.start();
  await finished;
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  const used = process.cpuUsage(cpu);
  await worker.stop();
  await running;
  if (client instanceof FakeClient && client.failed > 0) {
    throw new Error(`${client.failed} tasks failed`);
  }
  return {
    label,
    concurrency,
    latencyMs,
    tasks,
    seconds: elapsed,
    perSecond: tasks / elapsed,
    usPerTask: (elapsed * 1e6) / tasks,
    cpuUsPerTask: (used.user + used.system) / tasks,
  };
}

/** A real SFNClient whose HTTP handler answers in process (no network, no latency). */
function sdkClient(count: number, onDone: () => void): SFNClient {
  let next = 0;
  let completed = 0;
  const handler = {
    handle: async (request: { headers: Record<string, string> }) => {
      const target = request.headers['x-amz-target'] ?? '';
      let body = '{}';
      if (target.endsWith('GetActivityTask')) {
        body = next < count
          ? JSON.stringify({ taskToken: `${TOKEN_PAD}${next++}`, input: '{"orderId":1,"items":[1,2,3]}' })
          : '{"taskToken":""}';
      } else if (target.endsWith('SendTaskSuccess') && ++completed === count) {
        onDone();
      }
      return {
        response: {
          statusCode: 200,
          reason: 'OK',
          headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'bench' },
          body: Buffer.from(body),
        },
      };
    },
    updateHttpClientConfig: () => undefined,
    httpHandlerConfigs: () => ({}),
  };
  return new SFNClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' },
    maxAttempts: 1,
    requestHandler: handler as any,
  });
}

function table(results: Result[]): string {
  const header = '| setup | concurrency | round trip | tasks | tasks/s | wall µs/task | CPU µs/task |';
  const rule = '|---|---:|---:|---:|---:|---:|---:|';
  const rows = results.map((r) => `| ${r.label} | ${r.concurrency} | ${r.latencyMs} ms | ${r.tasks} | ${Math.round(r.perSecond).toLocaleString('en-US')} | ${r.usPerTask.toFixed(1)} | ${r.cpuUsPerTask.toFixed(1)} |`);
  return [header, rule, ...rows].join('\n');
}

async function main(): Promise<void> {
  const quick = process.argv.includes('--quick');
  const results: Result[] = [];
  // Warm up the JIT so the first row is not penalised.
  await run('warm-up', 8, 0, quick ? 2_000 : 10_000);

  for (const concurrency of [1, 8, 64]) {
    results.push(await run('fake client', concurrency, 0, quick ? 5_000 : 50_000));
  }
  for (const concurrency of [1, 8, 64]) {
    // About 2 s per row: each slot does ~25 tasks/s at 2 x 20 ms.
    const tasks = Math.max(50, Math.round(concurrency * 25 * (quick ? 0.5 : 2)));
    results.push(await run('fake client', concurrency, 20, tasks));
  }
  results.push(await run('real SFNClient, in-process HTTP', 8, 0, quick ? 1_000 : 5_000, (onDone) => sdkClient(quick ? 1_000 : 5_000, onDone)));

  const zero = results.filter((r) => r.latencyMs === 0 && r.label === 'fake client');
  const latency = results.filter((r) => r.latencyMs === 20);
  const base = latency[0].perSecond;
  console.log(`Activity worker benchmark — Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${new Date().toISOString()}`);
  console.log();
  console.log(table(results));
  console.log();
  console.log(`Per-task overhead (zero latency): ${zero.map((r) => `${r.usPerTask.toFixed(1)} µs at concurrency ${r.concurrency}`).join(', ')} (target <= 100 µs).`);
  console.log(`Scaling with a 20 ms round trip: ${latency.map((r) => `x${(r.perSecond / base).toFixed(1)} at concurrency ${r.concurrency}`).join(', ')} (linear would be x1, x8, x64).`);
  const worst = Math.max(...zero.map((r) => r.usPerTask));
  if (worst > 100) {
    console.log(`WARNING: overhead ${worst.toFixed(1)} µs per task is above the 100 µs target.`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
