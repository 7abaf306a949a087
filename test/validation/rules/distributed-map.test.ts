import * as fs from 'fs';
import * as path from 'path';
import { Severity } from '../../../src/core/finding';
import { DISTRIBUTED_MAP_RULES } from '../../../src/validation/rules/distributed-map';
import { validateDefinition } from '../../../src/validation/validate';
import { machine, withCode } from '../helpers';

const CORPUS = path.join(__dirname, '..', '..', 'fixtures', 'asl-corpus');

function check(definition: unknown) {
  return validateDefinition(definition, {}, DISTRIBUTED_MAP_RULES);
}

/** A Distributed Map with the given extra fields. */
function dmap(extra: Record<string, unknown>, mode = 'DISTRIBUTED') {
  return machine({
    Each: {
      Type: 'Map',
      ItemProcessor: { ProcessorConfig: { Mode: mode, ExecutionType: 'STANDARD' }, StartAt: 'H', States: { H: { Type: 'Pass', End: true } } },
      End: true,
      ...extra,
    },
  });
}

const getObject = (config: Record<string, unknown>, params: Record<string, unknown> = { Bucket: 'b', Key: 'k' }) => ({
  ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: config, Parameters: params },
  ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'b', Prefix: 'out' } },
});

describe('Distributed Map rules', () => {
  test('a valid reader, batcher and writer give no finding', () => {
    expect(check(dmap({ ...getObject({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['a'] }), ItemBatcher: { MaxItemsPerBatch: 10 } }))).toEqual([]);
  });

  test('fails when an inline Map has an ItemReader (SW150)', () => {
    const findings = withCode(check(dmap(getObject({ InputType: 'JSON' }), 'INLINE')), 'SW150');
    expect(findings.map((f) => f.message)).toEqual([
      "the inline Map state 'Each' sets ItemReader, which only a Distributed Map takes",
      "the inline Map state 'Each' sets ResultWriter, which only a Distributed Map takes",
      "the inline Map state 'Each' sets ProcessorConfig.ExecutionType \"STANDARD\", which only a Distributed Map takes",
    ]);
  });

  test('an S3 inventory manifest needs no InputType with ManifestType S3_INVENTORY', () => {
    expect(check(dmap(getObject({ ManifestType: 'S3_INVENTORY' })))).toEqual([]);
  });

  test('fails when the reader resource is unknown or arguments are missing (SW151)', () => {
    const bad = check(dmap({ ItemReader: { Resource: 'arn:aws:states:::dynamodb:scan', Parameters: {} } }));
    expect(withCode(bad, 'SW151')[0]).toMatchObject({ statePath: 'Each', limit: 'arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2', actual: 'arn:aws:states:::dynamodb:scan' });
    expect(withCode(check(dmap(getObject({ InputType: 'JSON' }, { Bucket: 'b' }))), 'SW151')[0].message).toBe("the item reader of 'Each' (s3:getObject) has no Key");
  });

  test.each([
    ['getObject without InputType', {}, 'reads one object (s3:getObject) with no InputType'],
    ['an unknown InputType', { InputType: 'XML' }, 'has the InputType "XML"'],
    ['S3_INVENTORY with an InputType', { InputType: 'CSV', ManifestType: 'S3_INVENTORY' }, 'sets ManifestType S3_INVENTORY together with InputType CSV'],
    ['ATHENA_DATA with JSON', { InputType: 'JSON', ManifestType: 'ATHENA_DATA' }, 'reads an Athena manifest (ATHENA_DATA) with InputType JSON'],
    ['LOAD_AND_FLATTEN on getObject', { InputType: 'JSON', Transformation: 'LOAD_AND_FLATTEN' }, 'sets Transformation LOAD_AND_FLATTEN on s3:getObject'],
  ])('fails when the reader config is %s (SW152)', (_what, config, message) => {
    expect(withCode(check(dmap(getObject(config))), 'SW152').map((f) => f.message)).toEqual([`the item reader of 'Each' ${message}`]);
  });

  test('fails when LOAD_AND_FLATTEN has no InputType, and when PARQUET has a VersionId (SW152)', () => {
    const listing = dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', ReaderConfig: { Transformation: 'LOAD_AND_FLATTEN' }, Parameters: { Bucket: 'b' } } });
    expect(withCode(check(listing), 'SW152')[0].message).toBe("the item reader of 'Each' sets Transformation LOAD_AND_FLATTEN with InputType missing");
    expect(withCode(check(dmap(getObject({ InputType: 'PARQUET' }, { Bucket: 'b', Key: 'k', VersionId: 'v' }))), 'SW152')[0].message).toBe("the item reader of 'Each' sets VersionId with InputType PARQUET");
  });

  test('fails when a CSV has GIVEN headers but no list (SW153), warns on a list with FIRST_ROW (SW154)', () => {
    const given = withCode(check(dmap(getObject({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN' }))), 'SW153');
    expect(given[0]).toMatchObject({ severity: Severity.ERROR, actual: 'no CSVHeaders' });
    const firstRow = withCode(check(dmap(getObject({ InputType: 'CSV', CSVHeaders: ['a'] }))), 'SW154');
    expect(firstRow[0]).toMatchObject({ severity: Severity.WARNING, actual: 'CSVHeaderLocation FIRST_ROW (default)' });
  });

  test('fails when CSV options are on a JSON reader (SW155); warns on ItemsPointer with JSONL (SW156)', () => {
    expect(withCode(check(dmap(getObject({ InputType: 'JSON', CSVDelimiter: 'PIPE' }))), 'SW155')[0].message).toBe("the item reader of 'Each' sets CSVDelimiter but reads InputType JSON");
    expect(withCode(check(dmap(getObject({ InputType: 'JSONL', ItemsPointer: '/a' }))), 'SW156')[0].severity).toBe(Severity.WARNING);
  });

  test('fails when MaxItems is set twice (SW158); its range is SW113 (rules/quotas.ts)', () => {
    expect(check(dmap(getObject({ InputType: 'JSON', MaxItems: 100_000_001 })))).toEqual([]);
    expect(withCode(check(dmap(getObject({ InputType: 'JSON', MaxItems: 5, MaxItemsPath: '$.n' }))), 'SW158')).toHaveLength(1);
    expect(withCode(check(dmap({ ItemBatcher: { MaxItemsPerBatch: 5, MaxItemsPerBatchPath: '$.n' } })), 'SW158')).toHaveLength(1);
  });

  test('warns when a full batch plus BatchInput is over the payload quota (SW159)', () => {
    const findings = withCode(check(dmap({ ItemBatcher: { MaxInputBytesPerBatch: 262_000, BatchInput: { note: 'x'.repeat(500) } } })), 'SW159');
    expect(findings[0]).toMatchObject({ severity: Severity.WARNING, actual: '262,511 bytes' });
    expect(withCode(check(dmap({ ItemBatcher: { MaxInputBytesPerBatch: 200_000, BatchInput: { note: 'x' } } })), 'SW159')).toEqual([]);
  });

  test('fails when the result writer is empty or writes elsewhere than S3 putObject (SW160)', () => {
    expect(withCode(check(dmap({ ResultWriter: {} })), 'SW160')[0].message).toBe("the result writer of 'Each' is an empty object");
    expect(withCode(check(dmap({ ResultWriter: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { Bucket: 'b' } } })), 'SW160')).toHaveLength(1);
    expect(withCode(check(dmap({ ResultWriter: { WriterConfig: { OutputType: 'CSV', Transformation: 'COMPACT' } } })), 'SW160')[0].actual).toBe('"CSV"');
  });

  test('warns when a reader-fed map keeps every output (SW161), not when it discards them', () => {
    const reader = { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: 'b', Key: 'k' } };
    expect(withCode(check(dmap({ ItemReader: reader })), 'SW161')).toHaveLength(1);
    expect(withCode(check(dmap({ ItemReader: reader, ResultPath: null })), 'SW161')).toEqual([]);
  });


  describe('against the ASL corpus', () => {
    const index: any[] = JSON.parse(fs.readFileSync(path.join(CORPUS, 'index.json'), 'utf8'));
    const read = (file: string) => JSON.parse(fs.readFileSync(path.join(CORPUS, file), 'utf8'));

    test('no error on any valid definition (30 Distributed Maps among them)', () => {
      const errors = index.filter((e) => e.kind === 'valid').flatMap((e) => check(read(e.file)).filter((f) => f.severity === Severity.ERROR).map((f) => `${e.id}: ${f.code} ${f.message}`));
      expect(errors).toEqual([]);
    });

    test.each([
      ['inv-map-inline-itemreader', 'SW150'],
      ['inv-map-inline-itembatcher', 'SW150'],
      ['inv-dmap-itemreader-no-resource', 'SW151'],
      ['inv-dmap-itemreader-unsupported-resource', 'SW151'],
      ['inv-dmap-readerconfig-inputtype-xml', 'SW152'],
      ['inv-dmap-maxitems-and-maxitemspath', 'SW158'],
      ['inv-dmap-resultwriter-no-resource', 'SW160'],
    ])('finds %s (%s)', (id, code) => {
      const entry = index.find((e) => e.id === id);
      expect(withCode(check(read(entry.file)), code).length).toBeGreaterThan(0);
    });
  });
});
