import { Aws, Token } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { CODES } from '../core/codes';
import { DistributedMapAccessOptions } from '../core/distributed-map-iam';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';

/**
 * The column separator of a CSV item source.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 */
export enum CsvDelimiter {
  /** `,` */
  COMMA = 'COMMA',
  /** `|` */
  PIPE = 'PIPE',
  /** `;` */
  SEMICOLON = 'SEMICOLON',
  /** a space */
  SPACE = 'SPACE',
  /** a tab */
  TAB = 'TAB',
}

/** The format of the data objects an Athena manifest or an S3 listing points to. */
export enum ItemDataFormat {
  /** Comma-separated (or another `CsvDelimiter`) values; each row is an item. */
  CSV = 'CSV',
  /** A JSON array (or object) per object; each element is an item. Not for Athena manifests. */
  JSON = 'JSON',
  /** JSON Lines: one item per line. */
  JSONL = 'JSONL',
  /** Apache Parquet: each row is an item. */
  PARQUET = 'PARQUET',
}

/** What every item reader takes. */
export interface ItemReaderOptions {
  /**
   * Read at most this many items (from the top, after a CSV header), 1 to 100,000,000.
   *
   * @default - every item
   */
  readonly maxItems?: number;

  /**
   * A reference path to the number of items to read (JSONPath states only).
   *
   * @default - `maxItems`
   */
  readonly maxItemsPath?: string;

  /**
   * The KMS key the objects are encrypted with: the state machine role is granted `kms:Decrypt` on it.
   *
   * @default - no KMS permission (S3-managed encryption or none)
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The account that must own the bucket (`ExpectedBucketOwner`).
   *
   * @default - not checked
   */
  readonly expectedBucketOwner?: string;
}

/** One S3 object to read items from. */
export interface S3ObjectItemsProps extends ItemReaderOptions {
  /** The bucket. */
  readonly bucket: s3.IBucket;

  /**
   * The object key. In a JSONPath state a value starting with `$` is a path into the state input
   * (rendered as `Key.$`); in a JSONata state a `{% %}` expression. The role is then granted
   * the whole bucket, since the key is only known at run time.
   */
  readonly key: string;

  /**
   * The object version to read.
   *
   * @default - the latest version
   */
  readonly versionId?: string;
}

/** The CSV options of a reader. */
export interface CsvOptions {
  /**
   * The column names. When given, every row is an item (`CSVHeaderLocation: GIVEN`); when not,
   * the first row holds the names and is not an item (`FIRST_ROW`). An Athena `UNLOAD` CSV has no
   * header row: give the names.
   *
   * @default - read from the first row
   */
  readonly headers?: string[];

  /**
   * The column separator.
   *
   * @default CsvDelimiter.COMMA
   */
  readonly delimiter?: CsvDelimiter;
}

/** A CSV object: each row is an item, an object keyed by the column names. */
export interface CsvItemsProps extends S3ObjectItemsProps, CsvOptions {}

/** A JSON object: the items are the elements of an array (or the entries of an object). */
export interface JsonItemsProps extends S3ObjectItemsProps {
  /**
   * A JSON Pointer (RFC 6901) to the array inside the object, e.g. `/inventory/products`.
   *
   * @default - the whole object is the array
   */
  readonly itemsPointer?: string;
}

/** A Parquet object: each row is an item. */
export interface ParquetItemsProps extends ItemReaderOptions {
  /** The bucket. */
  readonly bucket: s3.IBucket;
  /** The object key (see `S3ObjectItemsProps.key`). */
  readonly key: string;
}

/** An S3 inventory report: each object it lists is an item. */
export interface S3InventoryItemsProps extends ItemReaderOptions {
  /** The bucket the inventory is delivered to. */
  readonly bucket: s3.IBucket;
  /** The key of its `manifest.json`, e.g. `inventory/source-bucket/config/2025-01-01T00-00Z/manifest.json`. */
  readonly manifestKey: string;
}

/** An Athena `UNLOAD` manifest: the rows of every data object it lists are the items. */
export interface AthenaManifestItemsProps extends ItemReaderOptions, CsvOptions {
  /** The bucket of the manifest. */
  readonly bucket: s3.IBucket;
  /** The key of the `-manifest.csv` object. */
  readonly manifestKey: string;
  /** The format the query was unloaded in: CSV, JSONL or PARQUET. */
  readonly format: ItemDataFormat;
  /**
   * The bucket of the unloaded data objects.
   *
   * @default - the manifest's bucket
   */
  readonly dataBucket?: s3.IBucket;
  /**
   * The prefix of the unloaded data objects (the `UNLOAD ... TO` location).
   *
   * @default - the manifest's folder
   */
  readonly dataPrefix?: string;
}

/** The objects under a prefix (`ListObjectsV2`). */
export interface S3ObjectsItemsProps extends ItemReaderOptions {
  /** The bucket. */
  readonly bucket: s3.IBucket;
  /**
   * The prefix; a `$` path (JSONPath) or `{% %}` expression (JSONata) is resolved at run time.
   *
   * @default - the whole bucket
   */
  readonly prefix?: string;
}

/** The contents of every object under a prefix (`LOAD_AND_FLATTEN`). */
export interface S3ObjectContentsItemsProps extends S3ObjectsItemsProps, CsvOptions {
  /** The format of every listed object. */
  readonly format: ItemDataFormat;
}

type ReaderShape = {
  readonly resource: 'getObject' | 'listObjectsV2';
  readonly bucket: s3.IBucket;
  readonly key?: string;
  readonly prefix?: string;
  readonly config: Record<string, unknown>;
  readonly common: ItemReaderOptions;
  readonly versionId?: string;
  readonly athenaData?: { readonly bucket: s3.IBucket; readonly prefix?: string };
};

/**
 * Where a Distributed Map reads its items: an S3 object (CSV, JSON, JSON Lines, Parquet), a
 * manifest (S3 inventory, Athena `UNLOAD`), or the objects under an S3 prefix, their metadata
 * or their contents. Each factory renders a combination of `Resource`, `Parameters`/`Arguments`
 * and `ReaderConfig` that Step Functions accepts, and the workflow's role gets exactly the S3
 * (and KMS) permissions the reader needs.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 */
export class ItemReader {
  /** Rows of a CSV object. */
  public static csv(props: CsvItemsProps): ItemReader {
    return new ItemReader({
      resource: 'getObject',
      bucket: props.bucket,
      key: props.key,
      versionId: props.versionId,
      common: props,
      config: { InputType: 'CSV', ...csvConfig(props) },
    });
  }

  /** Elements of a JSON array in an object (or of a nested array, with `itemsPointer`). */
  public static json(props: JsonItemsProps): ItemReader {
    return new ItemReader({
      resource: 'getObject',
      bucket: props.bucket,
      key: props.key,
      versionId: props.versionId,
      common: props,
      config: { InputType: 'JSON', ItemsPointer: props.itemsPointer },
    });
  }

  /** Lines of a JSON Lines object. */
  public static jsonLines(props: S3ObjectItemsProps): ItemReader {
    return new ItemReader({
      resource: 'getObject',
      bucket: props.bucket,
      key: props.key,
      versionId: props.versionId,
      common: props,
      config: { InputType: 'JSONL' },
    });
  }

  /** Rows of a Parquet object (no `versionId`: Step Functions does not take one for Parquet). */
  public static parquet(props: ParquetItemsProps): ItemReader {
    return new ItemReader({ resource: 'getObject', bucket: props.bucket, key: props.key, common: props, config: { InputType: 'PARQUET' } });
  }

  /** The objects listed by an S3 inventory report (`InputType: MANIFEST`): each item is an object's `Bucket`, `Key`, `Size`, ... */
  public static s3Inventory(props: S3InventoryItemsProps): ItemReader {
    return new ItemReader({
      resource: 'getObject',
      bucket: props.bucket,
      key: props.manifestKey,
      common: props,
      config: { InputType: 'MANIFEST' },
    });
  }

  /** The rows of the objects an Athena `UNLOAD` manifest lists (`ManifestType: ATHENA_DATA`). */
  public static athenaManifest(props: AthenaManifestItemsProps): ItemReader {
    if (props.format === ItemDataFormat.JSON) {
      throw new StepwiseError({
        code: CODES.SW152,
        statePath: '',
        message: 'an Athena manifest reader was given the format JSON; Athena UNLOAD data is read as CSV, JSONL or PARQUET',
        limit: 'CSV, JSONL or PARQUET',
        actual: 'JSON',
        fix: 'pass format: ItemDataFormat.CSV, JSONL or PARQUET (the format of the UNLOAD)',
      });
    }
    return new ItemReader({
      resource: 'getObject',
      bucket: props.bucket,
      key: props.manifestKey,
      common: props,
      config: { InputType: props.format, ManifestType: 'ATHENA_DATA', ...(props.format === ItemDataFormat.CSV ? csvConfig(props) : {}) },
      athenaData: { bucket: props.dataBucket ?? props.bucket, prefix: props.dataPrefix },
    });
  }

  /** The objects under a prefix: each item is an object's `Key`, `Size`, `Etag`, `LastModified` and `StorageClass`. */
  public static objects(props: S3ObjectsItemsProps): ItemReader {
    return new ItemReader({ resource: 'listObjectsV2', bucket: props.bucket, prefix: props.prefix, common: props, config: {} });
  }

  /** The contents of the objects under a prefix, all in one format (`Transformation: LOAD_AND_FLATTEN`). */
  public static objectContents(props: S3ObjectContentsItemsProps): ItemReader {
    return new ItemReader({
      resource: 'listObjectsV2',
      bucket: props.bucket,
      prefix: props.prefix,
      common: props,
      config: { InputType: props.format, Transformation: 'LOAD_AND_FLATTEN', ...(props.format === ItemDataFormat.CSV ? csvConfig(props) : {}) },
    });
  }

  private constructor(private readonly shape: ReaderShape) {
    checkCount('maxItems', shape.common.maxItems, QUOTAS.readerMaxItems.value, CODES.SW113);
  }

  /** @internal the `ItemReader` field */
  public _render(jsonata: boolean): Record<string, unknown> {
    const s = this.shape;
    const args: Record<string, unknown> = { Bucket: s.bucket.bucketName };
    if (s.key !== undefined) {
      Object.assign(args, dynamic('Key', s.key, jsonata));
    }
    if (s.prefix !== undefined) {
      Object.assign(args, dynamic('Prefix', s.prefix, jsonata));
    }
    if (s.versionId !== undefined) {
      args.VersionId = s.versionId;
    }
    if (s.common.expectedBucketOwner !== undefined) {
      args.ExpectedBucketOwner = s.common.expectedBucketOwner;
    }
    const config = clean({
      ...s.config,
      MaxItems: s.common.maxItems,
      MaxItemsPath: s.common.maxItemsPath,
    });
    return clean({
      Resource: `arn:${Aws.PARTITION}:states:::s3:${s.resource}`,
      ReaderConfig: Object.keys(config).length > 0 ? config : undefined,
      [jsonata ? 'Arguments' : 'Parameters']: args,
    });
  }

  /** @internal what the ASL does not say, for the permissions */
  public _access(): DistributedMapAccessOptions {
    const a = this.shape.athenaData;
    return {
      readerKeyArns: this.shape.common.kmsKey ? [this.shape.common.kmsKey.keyArn] : undefined,
      athenaData: a && a.prefix !== undefined ? { bucket: a.bucket.bucketName, prefix: a.prefix } : undefined,
    };
  }
}

/** The format of the exported results. */
export enum ResultOutputType {
  /** One JSON array per file. */
  JSON = 'JSON',
  /** JSON Lines: one result per line. */
  JSONL = 'JSONL',
}

/** What each exported result holds. */
export enum ResultTransformation {
  /** The child execution's full record: input, output, status, ARNs, dates. */
  NONE = 'NONE',
  /** The child's output only. */
  COMPACT = 'COMPACT',
  /** The child's output only, with array outputs concatenated into one list. */
  FLATTEN = 'FLATTEN',
}

/** How results are formatted (`WriterConfig`). */
export interface ResultFormatOptions {
  /**
   * The file format.
   *
   * @default ResultOutputType.JSON
   */
  readonly outputType?: ResultOutputType;

  /**
   * What each result holds.
   *
   * @default ResultTransformation.NONE when exporting to S3, COMPACT otherwise
   */
  readonly transformation?: ResultTransformation;
}

/** Where and how to export a Distributed Map's results to S3. */
export interface S3ResultWriterProps extends ResultFormatOptions {
  /** The bucket (same account and Region as the state machine). */
  readonly bucket: s3.IBucket;

  /**
   * The key prefix; results go to `<prefix>/<map run id>/`. A `$` path (JSONPath) or `{% %}`
   * expression (JSONata) is resolved at run time and widens the permission to the bucket.
   *
   * @default - the top of the bucket
   */
  readonly prefix?: string;

  /**
   * The KMS key the bucket encrypts with: the role gets `kms:Decrypt`, `kms:Encrypt` and
   * `kms:GenerateDataKey` on it (results are written with multipart uploads).
   *
   * @default - no KMS permission
   */
  readonly kmsKey?: kms.IKey;
}

/**
 * Where a Distributed Map's results go: exported to S3 (`ResultWriter.toS3`), or formatted in the
 * state output (`ResultWriter.format`). Rendered the same on every aws-cdk-lib version, with
 * `Arguments` in JSONata states (aws-cdk-lib renders `Parameters` there: aws/aws-cdk#35403).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 */
export class ResultWriter {
  /** Exports the results to S3, with a `manifest.json` and `SUCCEEDED_n`/`FAILED_n`/`PENDING_n` files. */
  public static toS3(props: S3ResultWriterProps): ResultWriter {
    return new ResultWriter(props, props);
  }

  /** Formats the results in the state output, without S3. */
  public static format(props: ResultFormatOptions): ResultWriter {
    return new ResultWriter(undefined, props);
  }

  private constructor(private readonly destination?: S3ResultWriterProps, private readonly format?: ResultFormatOptions) {}

  /** @internal the `ResultWriter` field */
  public _render(jsonata: boolean): Record<string, unknown> {
    const f = this.format ?? {};
    const writerConfig = f.outputType || f.transformation
      ? { OutputType: f.outputType ?? ResultOutputType.JSON, Transformation: f.transformation ?? ResultTransformation.NONE }
      : undefined;
    if (!this.destination) {
      return { WriterConfig: writerConfig ?? { OutputType: ResultOutputType.JSON, Transformation: ResultTransformation.COMPACT } };
    }
    const args: Record<string, unknown> = { Bucket: this.destination.bucket.bucketName };
    if (this.destination.prefix !== undefined) {
      Object.assign(args, dynamic('Prefix', this.destination.prefix, jsonata));
    }
    return clean({
      Resource: `arn:${Aws.PARTITION}:states:::s3:putObject`,
      [jsonata ? 'Arguments' : 'Parameters']: args,
      WriterConfig: writerConfig,
    });
  }

  /** @internal */
  public _writerKeyArns(): string[] | undefined {
    return this.destination?.kmsKey ? [this.destination.kmsKey.keyArn] : undefined;
  }
}

/**
 * How items are grouped into batches: each child execution gets `{ "Items": [...] }` (plus
 * `"BatchInput"` when given). Set at least one of the limits.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 */
export interface ItemBatcherOptions {
  /**
   * At most this many items per batch.
   *
   * @default - no count limit (batches fill up to the byte limit)
   */
  readonly maxItemsPerBatch?: number;
  /**
   * A reference path to the count limit (JSONPath states only).
   *
   * @default - `maxItemsPerBatch`
   */
  readonly maxItemsPerBatchPath?: string;
  /**
   * At most this many bytes per batch, up to 262,144.
   *
   * @default - 262,144 bytes
   */
  readonly maxInputBytesPerBatch?: number;
  /**
   * A reference path to the byte limit (JSONPath states only).
   *
   * @default - `maxInputBytesPerBatch`
   */
  readonly maxInputBytesPerBatchPath?: string;
  /**
   * Fixed JSON passed to every batch as `BatchInput` (JSONPath `.$` keys and JSONata `{% %}`
   * expressions are evaluated).
   *
   * @default - none
   */
  readonly batchInput?: { [key: string]: any };
}

/** @internal the `ItemBatcher` field */
export function renderItemBatcher(b: ItemBatcherOptions): Record<string, unknown> {
  checkCount('maxItemsPerBatch', b.maxItemsPerBatch, Number.MAX_SAFE_INTEGER, CODES.SW113);
  checkCount('maxInputBytesPerBatch', b.maxInputBytesPerBatch, 262_144, CODES.SW113);
  if ([b.maxItemsPerBatch, b.maxItemsPerBatchPath, b.maxInputBytesPerBatch, b.maxInputBytesPerBatchPath].every((v) => v === undefined)) {
    throw new StepwiseError({
      code: CODES.SW113,
      statePath: '',
      message: 'the itemBatcher sets no limit',
      limit: 'maxItemsPerBatch or maxInputBytesPerBatch (or their path)',
      actual: 'none',
      fix: 'set maxItemsPerBatch (e.g. 100) or maxInputBytesPerBatch',
    });
  }
  return clean({
    MaxItemsPerBatch: b.maxItemsPerBatch,
    MaxItemsPerBatchPath: b.maxItemsPerBatchPath,
    MaxInputBytesPerBatch: b.maxInputBytesPerBatch,
    MaxInputBytesPerBatchPath: b.maxInputBytesPerBatchPath,
    BatchInput: b.batchInput,
  });
}

function csvConfig(o: CsvOptions): Record<string, unknown> {
  if (o.headers !== undefined && o.headers.length === 0) {
    throw new StepwiseError({
      code: CODES.SW153,
      statePath: '',
      message: 'a CSV reader was given an empty headers list',
      limit: 'at least one column name, or no list (read the header from the first row)',
      actual: '[]',
      fix: 'list the column names, or leave headers unset to read them from the first row',
    });
  }
  return {
    CSVHeaderLocation: o.headers ? 'GIVEN' : 'FIRST_ROW',
    CSVHeaders: o.headers,
    CSVDelimiter: o.delimiter,
  };
}

/** `{ Key: 'a' }`, `{ 'Key.$': '$.key' }` (JSONPath path), or the JSONata expression as is. */
function dynamic(name: string, value: string, jsonata: boolean): Record<string, string> {
  return !jsonata && value.startsWith('$') ? { [`${name}.$`]: value } : { [name]: value };
}

function checkCount(name: string, value: number | undefined, max: number, code: typeof CODES.SW113): void {
  if (value === undefined || Token.isUnresolved(value)) {
    return;
  }
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new StepwiseError({
      code,
      statePath: '',
      message: `${name} is ${value}`,
      limit: `an integer from 1 to ${max.toLocaleString('en-US')}`,
      actual: String(value),
      fix: `set ${name} to an integer from 1 to ${max.toLocaleString('en-US')}`,
    });
  }
}


function clean<T extends Record<string, unknown>>(o: T): T {
  for (const k of Object.keys(o)) {
    if (o[k] === undefined) {
      delete o[k];
    }
  }
  return o;
}
