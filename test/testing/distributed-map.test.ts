import { gzipSync } from 'zlib';
import { LocalS3, LocalWorkflow, S3ObjectNotMockedError, TaskFailure, TaskMock, UnsupportedFeatureError } from '../../src/testing';

/** A JSONPath state machine with one Distributed Map `Each` whose child runs the Task `Handle`. */
function machine(map: Record<string, unknown>, child: Record<string, unknown> = {}) {
  return {
    StartAt: 'Each',
    States: {
      Each: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'Handle',
          States: { Handle: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true, ...child } },
        },
        End: true,
        ...map,
      },
    },
  };
}

const reader = (config: Record<string, unknown>, key = 'in/data') => ({
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config, Parameters: { Bucket: 'b', Key: key } },
});
const echo = TaskMock.fn((input) => input);

describe('LocalWorkflow: Distributed Map', () => {
  test('reads JSONL, one child per line, output is the children outputs', async () => {
    const s3 = new LocalS3().putObject('in/data', '{"id":1}\n{"id":2}\n\n{"id":3}\n');
    const run = await LocalWorkflow.of(machine(reader({ InputType: 'JSONL' }))).run({ s3, mocks: { Handle: echo } });
    expect(run.output).toEqual([{ id: 1 }, { id: 2 }, { id: 3 }]);
  });

  test('fails the run with States.ItemReaderFailed naming the malformed JSONL line', async () => {
    const s3 = new LocalS3().putObject('in/data', '{"id":1}\n{"id":\n');
    const run = await LocalWorkflow.of(machine(reader({ InputType: 'JSONL' }))).run({ s3, mocks: { Handle: echo } });
    expect(run.error).toBe('States.ItemReaderFailed');
    expect(run.cause).toMatch(/^line 2 of the JSONL object in\/data is not valid JSON/);
  });

  test('CSV: header from the first row, quotes, escapes, padding, extra fields dropped, all strings', async () => {
    const csv = 'id,name,note\n1,"a, b","say ""hi"""\n2,c\\,d\n3,e,f,extra\n';
    const s3 = new LocalS3().putObject('in/data', csv);
    const run = await LocalWorkflow.of(machine(reader({ InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }))).run({ s3, mocks: { Handle: echo } });
    expect(run.output).toEqual([
      { id: '1', name: 'a, b', note: 'say "hi"' },
      { id: '2', name: 'c,d', note: '' },
      { id: '3', name: 'e', note: 'f' },
    ]);
  });

  test('CSV with given headers and a pipe delimiter; MaxItems', async () => {
    const s3 = new LocalS3().putObject('in/data', '1|x\n2|y\n3|z\n');
    const def = machine(reader({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['n', 'v'], CSVDelimiter: 'PIPE', MaxItems: 2 }));
    const run = await LocalWorkflow.of(def).run({ s3, mocks: { Handle: echo } });
    expect(run.output).toEqual([{ n: '1', v: 'x' }, { n: '2', v: 'y' }]);
  });

  test('fails the run when a CSV ends inside a quoted field', async () => {
    const s3 = new LocalS3().putObject('in/data', 'a\n"open\n');
    const run = await LocalWorkflow.of(machine(reader({ InputType: 'CSV' }))).run({ s3, mocks: { Handle: echo } });
    expect(run).toMatchObject({ error: 'States.ItemReaderFailed', cause: 'the CSV object in/data ends inside a quoted field (row 2)' });
  });

  test('JSON with ItemsPointer, and Map.Item.* in the ItemSelector', async () => {
    const s3 = new LocalS3().putObject('in/data', { inventory: { products: ['p1', 'p2'] } });
    const def = machine({
      ...reader({ InputType: 'JSON', ItemsPointer: '/inventory/products' }),
      ItemSelector: { 'index.$': '$$.Map.Item.Index', 'value.$': '$$.Map.Item.Value', 'source.$': '$$.Map.Item.Source' },
    });
    const run = await LocalWorkflow.of(def).run({ s3, mocks: { Handle: echo } });
    expect(run.output).toEqual([
      { index: 0, value: 'p1', source: 'S3://b/in/data' },
      { index: 1, value: 'p2', source: 'S3://b/in/data' },
    ]);
  });

  test('S3 listing gives object metadata; LOAD_AND_FLATTEN reads each object', async () => {
    const s3 = new LocalS3().putObject('logs/a.jsonl', '{"n":1}\n').putObject('logs/b.jsonl', '{"n":2}\n{"n":3}\n').putObject('other/c', 'x');
    const listing = (config: Record<string, unknown>) => machine({
      ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: config, Parameters: { Bucket: 'b', Prefix: 'logs/' } },
    });
    const meta = await LocalWorkflow.of(listing({})).run({ s3, mocks: { Handle: echo } });
    expect((meta.output as any[]).map((o) => [o.Key, o.Size, o.StorageClass])).toEqual([['logs/a.jsonl', 8, 'STANDARD'], ['logs/b.jsonl', 16, 'STANDARD']]);
    const flat = await LocalWorkflow.of(listing({ InputType: 'JSONL', Transformation: 'LOAD_AND_FLATTEN' })).run({ s3, mocks: { Handle: echo } });
    expect(flat.output).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  test('S3 inventory manifest (gzipped CSV data files) and Athena manifest', async () => {
    const s3 = new LocalS3()
      .putObject('inv/manifest.json', { destinationBucket: 'arn:aws:s3:::b', fileSchema: 'Bucket, Key, Size', files: [{ key: 'inv/data/1.csv.gz' }] })
      .putObject('inv/data/1.csv.gz', gzipSync('"src","a.txt","12"\n"src","b.txt","7"\n'))
      .putObject('athena/q-manifest.csv', 's3://b/unload/part-0\n')
      .putObject('unload/part-0', '{"id":9}\n');
    const inventory = await LocalWorkflow.of(machine(reader({ InputType: 'MANIFEST' }, 'inv/manifest.json'))).run({ s3, mocks: { Handle: echo } });
    expect(inventory.output).toEqual([{ Bucket: 'src', Key: 'a.txt', Size: '12' }, { Bucket: 'src', Key: 'b.txt', Size: '7' }]);
    // The newer spelling: ManifestType S3_INVENTORY, no InputType.
    const typed = await LocalWorkflow.of(machine(reader({ ManifestType: 'S3_INVENTORY' }, 'inv/manifest.json'))).run({ s3, mocks: { Handle: echo } });
    expect(typed.output).toEqual(inventory.output);
    const athena = await LocalWorkflow.of(machine(reader({ InputType: 'JSONL', ManifestType: 'ATHENA_DATA' }, 'athena/q-manifest.csv'))).run({ s3, mocks: { Handle: echo } });
    expect(athena.output).toEqual([{ id: 9 }]);
  });

  test('batches: MaxItemsPerBatch and BatchInput; 1,130 items in batches of 100 make 12 children', async () => {
    const items = Array.from({ length: 1130 }, (_, i) => i);
    const def = machine({ ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { 'run.$': '$.run' } }, ItemsPath: '$.items' });
    const run = await LocalWorkflow.of(def).run({ input: { items, run: 'r1' }, mocks: { Handle: TaskMock.fn((input) => ({ n: input.Items.length, run: input.BatchInput.run })) } });
    const out = run.output as any[];
    expect(out).toHaveLength(12);
    expect(out[0]).toEqual({ n: 100, run: 'r1' });
    expect(out[11]).toEqual({ n: 30, run: 'r1' });
  });

  test('fails with States.ExceedToleratedFailureThreshold over the threshold, succeeds within it', async () => {
    const mocks = { Handle: TaskMock.fn((input) => { if (input % 4 === 0) throw new TaskFailure('Bad.Item', `item ${input}`); return input; }) };
    const items = [1, 2, 3, 4, 5, 6, 7, 8]; // 2 of 8 fail: 25%
    const within = await LocalWorkflow.of(machine({ ToleratedFailurePercentage: 25 })).run({ input: items, mocks });
    expect(within.output).toEqual([1, 2, 3, 5, 6, 7]);
    const over = await LocalWorkflow.of(machine({ ToleratedFailureCount: 1 })).run({ input: items, mocks });
    expect(over.error).toBe('States.ExceedToleratedFailureThreshold');
    const none = await LocalWorkflow.of(machine({})).run({ input: items, mocks });
    expect(none.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('result writer: SUCCEEDED and FAILED files, manifest.json, output names the manifest', async () => {
    const s3 = new LocalS3();
    const def = machine({
      ItemsPath: '$',
      ToleratedFailurePercentage: 50,
      Label: 'run',
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out-bucket', Prefix: 'results/' }, WriterConfig: { OutputType: 'JSONL', Transformation: 'COMPACT' } },
    });
    const mocks = { Handle: TaskMock.fn((input) => { if (input === 2) throw new TaskFailure('Bad', 'two'); return { v: input }; }) };
    const run = await LocalWorkflow.of(def).run({ input: [1, 2, 3], mocks, s3, context: { stateMachineName: 'orders' } });
    const out = run.output as any;
    expect(out.MapRunArn).toMatch(/^arn:aws:states:us-east-1:123456789012:mapRun:orders\/run:[0-9a-f-]{36}$/);
    expect(out.ResultWriterDetails.Bucket).toBe('out-bucket');
    const manifest = JSON.parse(s3.text(out.ResultWriterDetails.Key)!);
    expect(manifest.ResultFiles.SUCCEEDED).toHaveLength(1);
    expect(s3.text(manifest.ResultFiles.SUCCEEDED[0].Key)).toBe('{"v":1}\n{"v":3}\n');
    const failed = JSON.parse(s3.text(manifest.ResultFiles.FAILED[0].Key)!.trim());
    expect(failed).toMatchObject({ Status: 'FAILED', Error: 'Bad', Cause: 'two', Input: '2', StateMachineArn: expect.stringMatching(/stateMachine:orders\/run$/) });
    expect(failed.ExecutionArn).toMatch(/:execution:orders\/run:/);
  });

  test('result writer: children never started after the threshold are PENDING, in batches', async () => {
    const s3 = new LocalS3();
    const def = machine({
      ItemBatcher: { MaxItemsPerBatch: 2 },
      ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'o', Prefix: 'r' } },
    });
    const mocks = { Handle: TaskMock.fn((input) => { if (input.Items.includes(3)) throw new TaskFailure('Bad', 'three'); return input.Items; }) };
    const run = await LocalWorkflow.of(def).run({ input: [1, 2, 3, 4, 5, 6, 7], mocks, s3 });
    expect(run.error).toBe('States.ExceedToleratedFailureThreshold');
    const manifestKey = s3.writtenObjects().find((o) => o.key.endsWith('manifest.json'))!.key;
    const manifest = JSON.parse(s3.text(manifestKey)!);
    const pending = JSON.parse(s3.text(manifest.ResultFiles.PENDING[0].Key)!);
    expect(pending.map((p: any) => JSON.parse(p.Input))).toEqual([{ Items: [5, 6] }, { Items: [7] }]);
    const succeeded = JSON.parse(s3.text(manifest.ResultFiles.SUCCEEDED[0].Key)!);
    expect(succeeded.map((r: any) => [r.Status, JSON.parse(r.Input), JSON.parse(r.Output)])).toEqual([['SUCCEEDED', { Items: [1, 2] }, [1, 2]]]);
  });

  test('WriterConfig alone formats the output: FLATTEN concatenates array outputs', async () => {
    const def = machine({ ResultWriter: { WriterConfig: { OutputType: 'JSON', Transformation: 'FLATTEN' } } });
    const run = await LocalWorkflow.of(def).run({ input: [[1, 2], [3]], mocks: { Handle: echo } });
    expect(run.output).toEqual([1, 2, 3]);
  });

  test('children are isolated: own execution ARN, no outer variables', async () => {
    const def = {
      StartAt: 'Set',
      States: {
        Set: { Type: 'Pass', Assign: { outer: 1 }, Next: 'Each' },
        Each: {
          ...machine({ Label: 'lbl' }, { Parameters: { 'id.$': '$$.Execution.Id', 'outer.$': 'States.JsonToString($$.Execution.Name)' } }).States.Each,
        },
      },
    };
    const run = await LocalWorkflow.of(def).run({ input: [1], mocks: { Handle: echo }, context: { stateMachineName: 'sm' } });
    expect((run.output as any[])[0].id).toMatch(/^arn:aws:states:us-east-1:123456789012:execution:sm\/lbl:[0-9a-f-]{36}$/);
    // A child referring to an outer variable fails as in AWS.
    const bad = { ...def, States: { ...def.States, Each: { ...def.States.Each, ItemProcessor: { ...def.States.Each.ItemProcessor, States: { Handle: { Type: 'Pass', Parameters: { 'v.$': '$outer' }, End: true } } } } } };
    const badRun = await LocalWorkflow.of(bad).run({ input: [1] });
    expect(badRun.status).toBe('FAILED');
  });

  test('records the states of the first recordedChildExecutions children only', async () => {
    const run = await LocalWorkflow.of(machine({})).run({ input: [1, 2, 3, 4], mocks: { Handle: echo }, recordedChildExecutions: 2 });
    expect(run.entriesOf('Handle')).toHaveLength(2);
    expect(run.output).toEqual([1, 2, 3, 4]);
  });

  test('fails (SW807) when an object read is not in LocalS3; refuses Parquet (SW804)', async () => {
    await expect(LocalWorkflow.of(machine(reader({ InputType: 'JSONL' }))).run({ s3: new LocalS3(), mocks: { Handle: echo } })).rejects.toThrow(S3ObjectNotMockedError);
    await expect(LocalWorkflow.of(machine(reader({ InputType: 'JSONL' }))).run({ s3: new LocalS3().putObject('x', '') })).rejects.toThrow(/\[SW807\] state 'Each': the item reader reads s3:\/\/b\/in\/data/);
    expect(() => LocalWorkflow.of(machine(reader({ InputType: 'PARQUET' })))).toThrow(UnsupportedFeatureError);
  });
});

describe('LocalWorkflow: Distributed Map in JSONata', () => {
  test('reader Arguments, ItemSelector with $states.context.Map.Item, tolerated failure expression', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Arguments: { Bucket: 'b', Key: '{% $states.input.key %}' } },
          ItemSelector: { n: '{% $states.context.Map.Item.Value.n %}', at: '{% $states.context.Map.Item.Index %}' },
          ToleratedFailureCount: '{% $states.input.tolerate %}',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'Handle',
            States: { Handle: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Arguments: '{% $states.input %}', End: true } },
          },
          Output: '{% $count($states.result) %}',
          End: true,
        },
      },
    };
    const s3 = new LocalS3().putObject('k1', '{"n":5}\n{"n":6}\n{"n":7}\n');
    const mocks = { Handle: TaskMock.fn((input) => { if (input.n === 6) throw new TaskFailure('Odd', 'six'); return input; }) };
    const ok = await LocalWorkflow.of(def).run({ input: { key: 'k1', tolerate: 1 }, s3, mocks });
    expect(ok.output).toBe(2);
    const failed = await LocalWorkflow.of(def).run({ input: { key: 'k1', tolerate: 0 }, s3, mocks });
    expect(failed.error).toBe('States.ExceedToleratedFailureThreshold');
  });

  test('an object as Items gives Map.Item.Key', async () => {
    const def = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.prices %}',
          ItemSelector: { sku: '{% $states.context.Map.Item.Key %}', price: '{% $states.context.Map.Item.Value %}', source: '{% $states.context.Map.Item.Source %}' },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    };
    const run = await LocalWorkflow.of(def).run({ input: { prices: { a: 1, b: 2 } } });
    expect(run.output).toEqual([{ sku: 'a', price: 1, source: 'STATE_DATA' }, { sku: 'b', price: 2, source: 'STATE_DATA' }]);
  });
});
