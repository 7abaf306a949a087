import { Severity } from '../finding';
import { defineCodes } from './types';

/*
 * SW150 onwards: Distributed Map item readers, batching and result writers, checked in
 * src/validation/rules/distributed-map.ts (and thrown by the builder for bad props). Sources:
 *   IR  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 *   RW  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 *   IB  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 *   DM  https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 * The ranges of MaxConcurrency, ToleratedFailurePercentage/Count, ReaderConfig.MaxItems, MaxItemsPerBatch and
 * MaxInputBytesPerBatch are SW113; labels are SW114; Express child restrictions are SW306.
 */
export const DISTRIBUTED_MAP_CODES = defineCodes({
  SW150: {
    title: 'Distributed Map field on an inline Map',
    severity: Severity.ERROR,
    meaning: 'An inline Map state (ProcessorConfig.Mode INLINE or absent) has `ItemReader`, `ItemBatcher`, `ResultWriter`, `Label` or a tolerated-failure field. These fields exist only in Distributed mode (DM), and Step Functions rejects the definition.',
    fix: 'Use a Distributed Map (`Flow.addDistributedMap()`, or `ProcessorConfig: { Mode: "DISTRIBUTED", ExecutionType: "STANDARD" }`), or remove the field.',
  },
  SW151: {
    title: 'Invalid item reader resource or arguments',
    severity: Severity.ERROR,
    meaning: 'An `ItemReader` has no `Resource`, a `Resource` other than `arn:aws:states:::s3:getObject` or `arn:aws:states:::s3:listObjectsV2`, or lacks the `Bucket` (and, for getObject, the `Key`) its resource needs (IR).',
    fix: 'Use `ItemReader.csv()`, `.json()`, `.jsonLines()`, `.parquet()`, `.s3Inventory()`, `.athenaManifest()`, `.objects()` or `.objectContents()`, or give the resource and its `Bucket`/`Key`/`Prefix` as the message says.',
  },
  SW152: {
    title: 'Item reader InputType does not match its resource',
    severity: Severity.ERROR,
    meaning: 'The `ReaderConfig` does not fit the reader: getObject without an `InputType`, an `InputType` outside CSV, JSON, JSONL, PARQUET, MANIFEST, `ManifestType: S3_INVENTORY` together with an `InputType`, `ManifestType: ATHENA_DATA` with an `InputType` other than CSV, JSONL or PARQUET, `Transformation: LOAD_AND_FLATTEN` without an `InputType` or on getObject, or `VersionId` with PARQUET (IR).',
    fix: 'Pick the reader factory for the data (`ItemReader.csv()`, `.jsonLines()`, `.s3Inventory()`, ...): each renders a valid combination.',
  },
  SW153: {
    title: 'CSV without a header',
    severity: Severity.ERROR,
    meaning: 'A CSV (or manifest) reader has `CSVHeaderLocation: GIVEN` but no `CSVHeaders`, or an empty header list, so its rows cannot become items (IR "CSVHeaderLocation").',
    fix: 'Give the column names (`ItemReader.csv({ headers: [...] })`), or read them from the first row (leave `headers` unset).',
  },
  SW154: {
    title: 'CSV headers given but read from the first row',
    severity: Severity.WARNING,
    meaning: 'A CSV reader lists `CSVHeaders` while `CSVHeaderLocation` is `FIRST_ROW` (the default): the first row is the header and the list is ignored or rejected. The AWS page pairs `CSVHeaders` with `GIVEN` only; not confirmed as an error, hence a warning.',
    fix: 'Set `CSVHeaderLocation: GIVEN` to use the list, or remove `CSVHeaders`.',
  },
  SW155: {
    title: 'CSV options on a non-CSV reader',
    severity: Severity.ERROR,
    meaning: '`CSVHeaderLocation`, `CSVHeaders` or `CSVDelimiter` is set on a reader whose `InputType` is not CSV or MANIFEST (IR).',
    fix: 'Remove the CSV options, or read the data as CSV.',
  },
  SW156: {
    title: 'ItemsPointer on a non-JSON reader',
    severity: Severity.WARNING,
    meaning: '`ReaderConfig.ItemsPointer` selects a nested array in a JSON object; it is documented for `InputType: JSON` only (IR "ItemsPointer"). Other input types are not documented as an error, hence a warning.',
    fix: 'Use `ItemsPointer` with `ItemReader.json()` only.',
  },
  SW158: {
    title: 'Static and path value both set',
    severity: Severity.ERROR,
    meaning: 'A Distributed Map field and its `...Path` twin are both set: `ReaderConfig.MaxItems`/`MaxItemsPath`, `ItemBatcher.MaxItemsPerBatch`/`MaxItemsPerBatchPath`, `ItemBatcher.MaxInputBytesPerBatch`/`MaxInputBytesPerBatchPath` (IR; IB).',
    fix: 'Keep one of the two.',
  },
  SW159: {
    title: 'Batch may exceed the payload quota',
    severity: Severity.WARNING,
    meaning: 'A full batch (`MaxInputBytesPerBatch`, or 262,144 bytes when unset) plus the literal `BatchInput` is larger than 262,144 bytes, the quota on a child execution\'s input. Whether `MaxInputBytesPerBatch` counts the `BatchInput` is not documented, hence a warning (IB).',
    fix: 'Lower `maxInputBytesPerBatch` by the size of `batchInput` (the message gives both).',
  },
  SW160: {
    title: 'Invalid result writer',
    severity: Severity.ERROR,
    meaning: 'A `ResultWriter` is empty, has a `Resource` other than `arn:aws:states:::s3:putObject`, has a resource without `Bucket` (or a bucket without a resource), or a `WriterConfig` whose `OutputType` is not JSON/JSONL or whose `Transformation` is not NONE/COMPACT/FLATTEN (RW).',
    fix: 'Use `ResultWriter.toS3({ bucket, prefix })` or `ResultWriter.format({ ... })`.',
  },
  SW161: {
    title: 'Distributed Map output may exceed the payload quota',
    severity: Severity.WARNING,
    meaning: 'A Distributed Map reads items with an `ItemReader` (up to 100,000,000 items) but has no `ResultWriter` that exports to S3, so its output is the array of every child\'s output, which fails with `States.DataLimitExceeded` above 262,144 bytes (RW).',
    fix: 'Write the results to S3 (`resultWriter: ResultWriter.toS3({ bucket, prefix })`), or discard them (`resultPath: sfn.JsonPath.DISCARD` / an `Output` that drops them).',
  },
});
