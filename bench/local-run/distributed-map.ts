/*
 * The Distributed Map row of the local-run benchmark: a JSONL object of N items read by an
 * ItemReader, batched 100 per child execution, child work mocked, a result writer exporting the
 * batch outputs to the (mocked) S3. Prints items per second and the peak heap above the heap held
 * before the run, for 100,000 and 1,000,000 items, so the growth per item can be compared. The
 * reader parses the object's lines as children start, so what grows with the items is the
 * object's text (about 45 bytes a line here) and the results kept (one line per batch).
 */
import { performance } from 'perf_hooks';
import { LocalS3, LocalWorkflow, TaskMock } from '../../src/testing';
import { settle, table } from '../lib/stats';

const definition = {
  StartAt: 'Each',
  States: {
    Each: {
      Type: 'Map',
      ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'b', Key: 'in/items.jsonl' } },
      ItemBatcher: { MaxItemsPerBatch: 100 },
      ToleratedFailurePercentage: 1,
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' }, WriterConfig: { OutputType: 'JSONL', Transformation: 'COMPACT' } },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
        StartAt: 'Handle batch',
        States: { 'Handle batch': { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', OutputPath: '$.Payload', End: true } },
      },
      End: true,
    },
  },
};

function jsonl(n: number): string {
  const lines: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    lines[i] = `{"id":${i},"sku":"sku-${i % 977}","qty":${i % 7}}`;
  }
  return lines.join('\n') + '\n';
}

interface Row {
  readonly items: number;
  readonly seconds: number;
  readonly peakHeapMb: number;
  readonly heldMb: number;
}

async function once(n: number): Promise<Row> {
  const local = LocalWorkflow.of(definition);
  const s3 = new LocalS3().putObject('in/items.jsonl', jsonl(n));
  settle();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  let calls = 0;
  const mocks = {
    'Handle batch': TaskMock.fn((input: { Items: { qty: number }[] }) => {
      if (++calls % 20 === 0) {
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
      let total = 0;
      for (const item of input.Items) {
        total += item.qty;
      }
      return { Payload: { count: input.Items.length, total } };
    }),
  };
  const start = performance.now();
  const run = await local.run({ s3, mocks, recordedChildExecutions: 0, maxTransitions: 10 });
  const seconds = (performance.now() - start) / 1000;
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  if (!run.succeeded || calls !== Math.ceil(n / 100)) {
    throw new Error(`unexpected run: ${run.describe()}`);
  }
  const written = s3.writtenObjects().find((o) => o.key.endsWith('SUCCEEDED_0.jsonl'))!;
  if (written.body.toString('utf8').split('\n').length - 1 !== Math.ceil(n / 100)) {
    throw new Error('the result file does not hold one line per batch');
  }
  settle();
  return { items: n, seconds, peakHeapMb: (peak - base) / 2 ** 20, heldMb: (process.memoryUsage().heapUsed - base) / 2 ** 20 };
}

/** Runs the Distributed Map rows and prints them. */
export async function distributedMapBenchmark(): Promise<void> {
  await once(10_000); // warm-up
  const rows: Row[] = [];
  for (const n of [100_000, 1_000_000]) {
    rows.push(await once(n));
  }
  console.log('\nlocal-run: Distributed Map over a JSONL object, batches of 100, child work mocked, results exported (JSONL, COMPACT)');
  console.log(table(['items', 'seconds', 'items/s', 'peak heap above start (MB)', 'per item (bytes)'], rows.map((r) => [
    r.items.toLocaleString('en-US'), r.seconds.toFixed(2), Math.round(r.items / r.seconds).toLocaleString('en-US'),
    r.peakHeapMb.toFixed(1), Math.round((r.peakHeapMb * 2 ** 20) / r.items),
  ])));
  console.log(`items/s target >= 100,000; per-item heap at 1,000,000 / at 100,000: ${((rows[1].peakHeapMb / rows[1].items) / (rows[0].peakHeapMb / rows[0].items)).toFixed(2)} (at most 1: no growth beyond the object's text and the results kept)`);
}
