/*
 * The S3 and KMS permissions a Distributed Map's item reader and result writer need, derived from
 * the state's ASL alone, so that both the builder and ASL import grant the same statements.
 *
 * Source: "IAM policies for using Distributed Map states",
 * https://docs.aws.amazon.com/step-functions/latest/dg/iam-policies-eg-dist-map.html
 */
import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';

/** Extra facts the ASL of a Distributed Map does not hold. */
export interface DistributedMapAccessOptions {
  /** The partition for S3 ARNs. @default Aws.PARTITION */
  readonly partition?: string;
  /** The KMS key ARNs the reader's objects are encrypted with (`kms:Decrypt`). @default - none */
  readonly readerKeyArns?: string[];
  /** The KMS key ARNs the result bucket is encrypted with (`kms:Decrypt`, `kms:Encrypt`, `kms:GenerateDataKey`). @default - none */
  readonly writerKeyArns?: string[];
  /**
   * Where an Athena `UNLOAD` manifest's data objects are, as `{ bucket, prefix }`.
   * @default - the manifest's bucket and folder
   */
  readonly athenaData?: { readonly bucket: string; readonly prefix: string };
}

/** The S3 actions a result writer needs on its prefix (multipart uploads included). */
export const RESULT_WRITER_ACTIONS = ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'];

/**
 * The statements the state machine role needs for a Distributed Map state's `ItemReader` and
 * `ResultWriter`, scoped to the bucket and key or prefix they name. A value chosen at run time (a
 * `Key.$` path or a JSONata expression) widens the scope to what can be known: the bucket.
 *
 * @param state the Map state's ASL (JSONPath `Parameters` or JSONata `Arguments`)
 */
export function distributedMapS3Statements(state: Record<string, any>, options: DistributedMapAccessOptions = {}): iam.PolicyStatement[] {
  const partition = options.partition ?? Aws.PARTITION;
  const statements: iam.PolicyStatement[] = [];
  const reader = state.ItemReader;
  if (reader && typeof reader === 'object') {
    const args = argumentsOf(reader);
    const config = reader.ReaderConfig ?? {};
    const bucket = fixed(args, 'Bucket');
    const bucketArn = `arn:${partition}:s3:::${bucket ?? '*'}`;
    const resource = String(reader.Resource ?? '');
    if (resource.endsWith(':s3:listObjectsV2')) {
      const prefix = fixed(args, 'Prefix');
      const dynamicPrefix = prefix === undefined && hasField(args, 'Prefix');
      statements.push(new iam.PolicyStatement({
        actions: ['s3:ListBucket'],
        resources: [bucketArn],
        conditions: dynamicPrefix || !prefix ? undefined : { StringLike: { 's3:prefix': `${prefix}*` } },
      }));
      // Only LOAD_AND_FLATTEN reads the listed objects; NONE iterates over their metadata.
      if (config.Transformation === 'LOAD_AND_FLATTEN') {
        statements.push(getObject([`${bucketArn}/${dynamicPrefix ? '' : prefix ?? ''}*`]));
      }
    } else if (resource.endsWith(':s3:getObject')) {
      const key = fixed(args, 'Key');
      const objectArn = `${bucketArn}/${key ?? '*'}`;
      if (config.ManifestType === 'ATHENA_DATA') {
        const data = options.athenaData
          ? `arn:${partition}:s3:::${options.athenaData.bucket}/${options.athenaData.prefix}*`
          : `${bucketArn}/${key === undefined ? '' : folderOf(key)}*`;
        statements.push(getObject(unique([objectArn, data])));
      } else if (config.InputType === 'MANIFEST' || config.ManifestType === 'S3_INVENTORY') {
        // An S3 inventory: <prefix>/<bucket>/<config>/<date>/manifest.json lists <prefix>/<bucket>/<config>/data/*.
        const data = key === undefined ? undefined : `${bucketArn}/${folderOf(folderOf(key).replace(/\/$/, ''))}data/*`;
        statements.push(getObject(data ? [objectArn, data] : [objectArn]));
      } else {
        statements.push(getObject([objectArn]));
      }
    }
    if (options.readerKeyArns && options.readerKeyArns.length > 0) {
      statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: options.readerKeyArns }));
    }
  }
  const writer = state.ResultWriter;
  if (writer && typeof writer === 'object' && writer.Resource !== undefined) {
    const args = argumentsOf(writer);
    const bucket = fixed(args, 'Bucket');
    const prefix = fixed(args, 'Prefix');
    const dynamicPrefix = prefix === undefined && hasField(args, 'Prefix');
    const base = dynamicPrefix || !prefix ? '' : `${prefix.replace(/\/+$/, '')}/`;
    statements.push(new iam.PolicyStatement({ actions: RESULT_WRITER_ACTIONS, resources: [`arn:${partition}:s3:::${bucket ?? '*'}/${base}*`] }));
    if (options.writerKeyArns && options.writerKeyArns.length > 0) {
      statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], resources: options.writerKeyArns }));
    }
  }
  return statements;
}

function getObject(resources: string[]): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['s3:GetObject'], resources });
}

function argumentsOf(field: Record<string, any>): Record<string, unknown> {
  const args = field.Arguments ?? field.Parameters;
  return args && typeof args === 'object' ? args : {};
}

function hasField(args: Record<string, unknown>, name: string): boolean {
  return args[name] !== undefined || args[`${name}.$`] !== undefined;
}

/** The value of a field when it is fixed at synth (not a `.$` path, not a JSONata expression). */
function fixed(args: Record<string, unknown>, name: string): string | undefined {
  const value = args[name];
  if (typeof value !== 'string' || /^\{%.*%\}$/s.test(value.trim())) {
    return undefined;
  }
  return value;
}

/** `a/b/c.json` -> `a/b/`; `c.json` -> `''`. */
function folderOf(key: string): string {
  const i = key.lastIndexOf('/');
  return i < 0 ? '' : key.slice(0, i + 1);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
