/*
 * A runnable activity worker: packs the shipment of an order.
 *
 *   ACTIVITY_ARN=arn:aws:states:eu-west-1:123456789012:activity:pack-shipment \
 *     npx ts-node --project examples/tsconfig.json examples/worker/worker.ts
 *
 * In ECS (ActivityWorkerService) the environment also carries STEPWISE_CONCURRENCY,
 * STEPWISE_DRAIN_TIMEOUT_MS and STEPWISE_HEARTBEAT_SECONDS. In your own project, import from
 * 'cdk-stepwise/runtime' instead of the repository's source.
 */
import { ActivityWorker, TaskContext, TaskFailure } from '../../src/runtime';

/** The task input: what the state machine passes to the activity step. */
export interface PackRequest {
  readonly orderId: string;
  readonly lines: Array<{ readonly sku: string; readonly quantity: number }>;
}

/** The task output: what the next state receives. */
export interface PackResult {
  readonly orderId: string;
  readonly parcels: number;
  readonly packedAt: string;
}

/**
 * The work. Long steps check `signal` (aborted when the task timed out or the worker gives up on
 * it); the worker sends heartbeats in the background, and `heartbeat()` can send one now.
 */
export async function packShipment(request: PackRequest, { signal, heartbeat, logger }: TaskContext): Promise<PackResult> {
  if (!request?.orderId || !Array.isArray(request.lines) || request.lines.length === 0) {
    // A named error: the state's Catch can route it (ErrorEquals: ["Order.NothingToPack"]).
    throw new TaskFailure('Order.NothingToPack', `order ${request?.orderId ?? '(no id)'} has no lines to pack`);
  }
  let items = 0;
  for (const line of request.lines) {
    signal.throwIfAborted();
    await pause(Number(process.env.PACK_MS_PER_LINE ?? 200), signal);
    items += line.quantity;
    if (items % 50 === 0) {
      await heartbeat();
    }
  }
  logger.info('packed', { orderId: request.orderId, items });
  return { orderId: request.orderId, parcels: Math.ceil(items / 10), packedAt: new Date().toISOString() };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    }, { once: true });
  });
}

if (require.main === module) {
  const worker = new ActivityWorker<PackRequest, PackResult>({
    ...ActivityWorker.optionsFromEnvironment(),
    handler: packShipment,
  });
  // Resolves after SIGTERM/SIGINT once every task is reported; rejects if polling cannot work.
  worker.start().then(
    () => process.exit(0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
