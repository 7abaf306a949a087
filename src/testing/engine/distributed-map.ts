/*
 * What a Distributed Map does besides running its children, as Step Functions does it:
 *   IR  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 *   CSV https://docs.aws.amazon.com/step-functions/latest/dg/example-csv-parse-dist-map.html
 *   IB  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 *   RW  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 *   DM  https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 */
import { createHash } from 'crypto';
import { gunzipSync } from 'zlib';
import { StatesError } from './states-error';
import type { LocalS3 } from '../s3';

/** One item and where it came from (`Map.Item.Source`, `Map.Item.Key`). */
export interface ReadItems {
  /** The items, in order: an array, or read lazily (a JSONL object is parsed line by line as children start). */
  readonly items: Iterable<unknown>;
  /** How many items there are (known before reading them: the tolerated-failure percentage needs it). */
  readonly total: number;
  /** Keys of an object's entries (input or JSON object), when the items are its values. */
  readonly keys?: string[];
  readonly source: string;
}

const DELIMITERS: Record<string, string> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

function readerFailed(message: string): StatesError {
  return new StatesError('States.ItemReaderFailed', message);
}

/** Reads the items an `ItemReader` names, from the run's `LocalS3`. */
export function readItems(stateName: string, reader: any, args: Record<string, any>, s3: LocalS3): ReadItems {
  const config = reader.ReaderConfig ?? {};
  const bucket = String(args.Bucket);
  const resource = String(reader.Resource);
  if (resource.endsWith(':s3:listObjectsV2')) {
    const prefix = args.Prefix === undefined ? '' : String(args.Prefix);
    const listed = s3._list(bucket, prefix);
    if (config.Transformation === 'LOAD_AND_FLATTEN') {
      const items: unknown[] = [];
      for (const o of listed) {
        for (const item of parseObject(o.body, o.key, config)) {
          items.push(item);
        }
      }
      return { items, total: items.length, source: `S3://${bucket}` };
    }
    return {
      total: listed.length,
      items: listed.map((o) => ({
        Etag: `"${etagOf(o.body)}"`, Key: o.key, LastModified: Math.floor(Date.parse(o.lastModified) / 1000), Size: o.body.length, StorageClass: 'STANDARD',
      })),
      source: `S3://${bucket}`,
    };
  }
  const key = String(args.Key);
  const body = s3._get(bucket, key, stateName);
  const source = `S3://${bucket}/${key}`;
  if (config.ManifestType === 'ATHENA_DATA') {
    const items: unknown[] = [];
    for (const line of text(body, key).split(/\r?\n/)) {
      const m = /^s3:\/\/([^/]+)\/(.+)$/i.exec(line.trim());
      if (m) {
        const data = s3._get(m[1], m[2], stateName);
        for (const item of parseObject(data, m[2], config)) {
          items.push(item);
        }
      }
    }
    return { items, total: items.length, source };
  }
  if (config.InputType === 'MANIFEST' || config.ManifestType === 'S3_INVENTORY') {
    let manifest: any;
    try {
      manifest = JSON.parse(text(body, key));
    } catch (e) {
      throw readerFailed(`the S3 inventory manifest s3://${bucket}/${key} is not JSON: ${(e as Error).message}`);
    }
    const headers = String(manifest.fileSchema ?? 'Bucket, Key').split(',').map((h) => h.trim());
    const items: unknown[] = [];
    for (const file of manifest.files ?? []) {
      const data = s3._get(String(manifest.destinationBucket ?? bucket).replace(/^arn:[^:]*:s3:::/, ''), String(file.key), stateName);
      for (const item of parseCsv(text(data, file.key), { CSVHeaderLocation: 'GIVEN', CSVHeaders: headers }, file.key)) {
        items.push(item);
      }
    }
    return { items, total: items.length, source };
  }
  if (config.InputType === 'JSON') {
    const value = parseJsonDocument(body, key, config.ItemsPointer);
    if (Array.isArray(value)) {
      return { items: value, total: value.length, source };
    }
    const values = Object.values(value);
    return { items: values, total: values.length, keys: Object.keys(value), source };
  }
  if (config.InputType === 'JSONL') {
    const content = text(body, key);
    return { items: jsonLines(content, key), total: countLines(content), source };
  }
  const items = parseObject(body, key, config);
  return { items, total: items.length, source };
}

/** The non-blank lines of a JSONL text, without parsing them. */
function countLines(content: string): number {
  let n = 0;
  let start = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) {
      end = content.length;
    }
    for (let i = start; i < end; i++) {
      const c = content.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 13) {
        n++;
        break;
      }
    }
    start = end + 1;
  }
  return n;
}

/** The items of one object in the reader's `InputType`. */
function parseObject(body: Buffer, key: string, config: any): unknown[] {
  switch (config.InputType) {
    case 'JSONL': return parseJsonLines(text(body, key), key);
    case 'CSV': return parseCsv(text(body, key), config, key);
    case 'JSON': {
      const value = parseJsonDocument(body, key, config.ItemsPointer);
      return Array.isArray(value) ? value : Object.values(value);
    }
    default: throw readerFailed(`the local runner cannot read InputType ${config.InputType} (s3 object ${key})`);
  }
}

function text(body: Buffer, key: string): string {
  return /\.gz$/i.test(key) ? gunzipSync(body).toString('utf8') : body.toString('utf8');
}

function parseJsonDocument(body: Buffer, key: string, pointer?: string): any {
  let value: any;
  try {
    value = JSON.parse(text(body, key));
  } catch (e) {
    throw readerFailed(`the JSON object ${key} is not valid JSON: ${(e as Error).message}`);
  }
  if (pointer !== undefined) {
    for (const part of String(pointer).split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))) {
      value = value !== null && typeof value === 'object' ? value[part] : undefined;
    }
  }
  if (value === null || typeof value !== 'object') {
    throw readerFailed(`the JSON object ${key}${pointer ? ` at ItemsPointer ${pointer}` : ''} is not an array or object`);
  }
  return value;
}

/** JSON Lines: one item per line; blank lines are skipped; a bad line fails the run naming it. */
export function parseJsonLines(content: string, key: string): unknown[] {
  return [...jsonLines(content, key)];
}

/** The items of a JSONL text, parsed one line at a time as they are asked for. */
function* jsonLines(content: string, key: string): Generator<unknown> {
  let start = 0;
  let line = 0;
  while (start < content.length) {
    let end = content.indexOf('\n', start);
    if (end < 0) {
      end = content.length;
    }
    line++;
    const raw = content.slice(start, end);
    start = end + 1;
    if (raw.trim() === '') {
      continue;
    }
    let item: unknown;
    try {
      item = JSON.parse(raw);
    } catch (e) {
      throw readerFailed(`line ${line} of the JSONL object ${key} is not valid JSON: ${(e as Error).message}`);
    }
    yield item;
  }
}

/**
 * CSV as Step Functions parses it: every field a string; quoted fields may hold the delimiter and
 * newlines; `""` is a quote; a backslash escapes a backslash, a quote or the delimiter and is
 * dropped before anything else; short rows are padded with `""` and extra fields are dropped;
 * the header comes from the first row or from `CSVHeaders`.
 */
export function parseCsv(content: string, config: any, key: string): Record<string, string>[] {
  const delimiter = DELIMITERS[config.CSVDelimiter ?? 'COMMA'] ?? ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (c === '\\' && i + 1 < content.length) {
      const n = content[i + 1];
      if (n === '\\' || n === '"' || n === delimiter) {
        field += n;
        i++;
        atFieldStart = false;
        continue;
      }
      continue; // a backslash before anything else is dropped
    }
    if (quoted) {
      if (c === '"') {
        if (content[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (c === delimiter) {
      row.push(field);
      field = '';
      atFieldStart = true;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') {
        i++;
      }
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
    } else {
      field += c;
      atFieldStart = false;
    }
  }
  if (quoted) {
    throw readerFailed(`the CSV object ${key} ends inside a quoted field (row ${rows.length + 1})`);
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const body = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  let headers: string[];
  if (config.CSVHeaderLocation === 'GIVEN') {
    headers = config.CSVHeaders ?? [];
  } else {
    const first = body.shift();
    if (!first) {
      throw readerFailed(`the CSV object ${key} has no header row`);
    }
    headers = first;
  }
  if (headers.length === 0) {
    throw readerFailed(`the CSV object ${key} has no column names`);
  }
  return body.map((r) => {
    const item: Record<string, string> = {};
    headers.forEach((h, i) => {
      item[h] = r[i] ?? '';
    });
    return item;
  });
}

/** The ETag S3 gives an object uploaded in one part: the MD5 of its bytes. */
function etagOf(body: Buffer): string {
  return createHash('md5').update(body).digest('hex');
}

/** Groups items into batches by count and by bytes (IB). */
export function batchItems(items: unknown[], maxItems: number | undefined, maxBytes: number | undefined): unknown[][] {
  const byteLimit = maxBytes ?? 262_144;
  const batches: unknown[][] = [];
  let current: unknown[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = Buffer.byteLength(JSON.stringify(item), 'utf8') + 1;
    if (current.length > 0 && ((maxItems !== undefined && current.length >= maxItems) || bytes + size > byteLimit)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) {
    batches.push(current);
  }
  return batches;
}

/** How one child execution ended, for the result writer (kept small: a run may have a million). */
export interface ChildOutcome {
  readonly index: number;
  readonly input: unknown;
  readonly status: 'SUCCEEDED' | 'FAILED';
  readonly output?: unknown;
  readonly error?: string;
  readonly cause?: string;
  /** Virtual clock, ms since the epoch. */
  readonly start: number;
  readonly stop: number;
}

/** The name and ARN of child execution `i`, made when needed. */
export interface ChildNaming {
  name(index: number): string;
  arn(index: number): string;
}

/** The NONE-style record of a child (RW). */
export function executionRecord(c: ChildOutcome, stateMachineArn: string, naming: ChildNaming): Record<string, unknown> {
  return {
    ExecutionArn: naming.arn(c.index),
    Input: JSON.stringify(c.input),
    InputDetails: { Included: true },
    Name: naming.name(c.index),
    ...(c.status === 'SUCCEEDED'
      ? { Output: JSON.stringify(c.output), OutputDetails: { Included: true } }
      : { Error: c.error, Cause: c.cause }),
    RedriveCount: 0,
    RedriveStatus: c.status === 'SUCCEEDED' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    RedriveStatusReason: c.status === 'SUCCEEDED' ? 'Execution is SUCCEEDED and cannot be redriven' : '',
    StartDate: new Date(c.start).toISOString(),
    StateMachineArn: stateMachineArn,
    Status: c.status,
    StopDate: new Date(c.stop).toISOString(),
  };
}

/** Successful children as the WriterConfig Transformation says (RW). */
export function transformResults(succeeded: ChildOutcome[], transformation: string, stateMachineArn: string, naming: ChildNaming): unknown[] {
  if (transformation === 'NONE') {
    return succeeded.map((c) => executionRecord(c, stateMachineArn, naming));
  }
  if (transformation === 'FLATTEN') {
    const out: unknown[] = [];
    for (const c of succeeded) {
      if (Array.isArray(c.output)) {
        for (const v of c.output) {
          out.push(v);
        }
      } else {
        out.push(c.output);
      }
    }
    return out;
  }
  return succeeded.map((c) => c.output);
}

/** A results file: a JSON array, or JSON Lines. */
export function serialize(values: unknown[], outputType: string): string {
  return outputType === 'JSONL' ? values.map((v) => JSON.stringify(v)).join('\n') + (values.length > 0 ? '\n' : '') : JSON.stringify(values);
}
