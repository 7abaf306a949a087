/*
 * SW150-SW161: Distributed Map item readers, batching and result writers. Sources:
 *   IR  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 *   RW  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html
 *   IB  https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 *   DM  https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 * Ranges of MaxConcurrency, tolerated failures and batch limits are SW113 (quotas.ts); labels
 * SW114; restrictions of Express children SW306 (express.ts).
 */
import { StateNode, fmt, isDistributedMap, isObject } from '../../core/asl/model';
import { CODES } from '../../core/codes';
import { QUOTAS, describeQuota } from '../../core/quotas';
import { Rule, RuleContext } from '../private/context';

const INPUT_TYPES = ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'];
const DISTRIBUTED_ONLY_FIELDS = [
  'ItemReader', 'ItemBatcher', 'ResultWriter', 'Label',
  'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath', 'ToleratedFailureCount', 'ToleratedFailureCountPath',
];

/** The `Parameters` (JSONPath) or `Arguments` (JSONata) of a reader or writer. */
function argumentsOf(field: Record<string, any>): Record<string, any> {
  const args = field.Arguments ?? field.Parameters;
  return isObject(args) ? args : {};
}

function has(args: Record<string, any>, name: string): boolean {
  return args[name] !== undefined || args[`${name}.$`] !== undefined;
}

/** `arn:aws:states:::s3:getObject` -> `getObject` (any partition); undefined for anything else. */
function s3Action(resource: unknown): string | undefined {
  const m = typeof resource === 'string' ? /^arn:[^:]+:states:::s3:([A-Za-z0-9]+)$/.exec(resource) : null;
  if (m) {
    return m[1];
  }
  // A CloudFormation partition placeholder, as rendered definitions hold it.
  const p = typeof resource === 'string' ? /^arn:\$\{[^}]+\}:states:::s3:([A-Za-z0-9]+)$/.exec(resource) : null;
  return p ? p[1] : undefined;
}

/** ItemReader, ItemBatcher, ResultWriter and tolerance fields on an inline Map (DM). */
export const inlineMapFieldsRule: Rule = {
  name: 'Distributed Map fields on an inline Map',
  codes: [CODES.SW150],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (state.type !== 'Map' || isDistributedMap(state)) {
        continue;
      }
      for (const field of DISTRIBUTED_ONLY_FIELDS) {
        if (state.json[field] !== undefined) {
          ctx.report(CODES.SW150, state.path, `the inline Map state '${state.name}' sets ${field}, which only a Distributed Map takes`, {
            limit: 'ProcessorConfig.Mode DISTRIBUTED for ItemReader, ItemBatcher, ResultWriter, Label and tolerated failures', actual: field,
          });
        }
      }
      const processor = isObject(state.json.ItemProcessor) ? state.json.ItemProcessor : {};
      const config = isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
      if (config.ExecutionType !== undefined) {
        ctx.report(CODES.SW150, state.path, `the inline Map state '${state.name}' sets ProcessorConfig.ExecutionType ${JSON.stringify(config.ExecutionType)}, which only a Distributed Map takes`, {
          limit: 'ProcessorConfig.ExecutionType with Mode DISTRIBUTED', actual: `ProcessorConfig.ExecutionType ${JSON.stringify(config.ExecutionType)}`,
        });
      }
    }
  },
};

/** The item reader: resource, arguments, ReaderConfig combinations, CSV headers, MaxItems (IR). */
export const itemReaderRule: Rule = {
  name: 'Distributed Map item reader',
  codes: [CODES.SW151, CODES.SW152, CODES.SW153, CODES.SW154, CODES.SW155, CODES.SW156],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (!isDistributedMap(state) || state.json.ItemReader === undefined) {
        continue;
      }
      checkReader(ctx, state);
    }
  },
};

function checkReader(ctx: RuleContext, state: StateNode): void {
  const reader = state.json.ItemReader;
  const where = `the item reader of '${state.name}'`;
  if (!isObject(reader)) {
    ctx.report(CODES.SW151, state.path, `${where} is not an object`, { limit: 'an object with Resource and Parameters/Arguments', actual: JSON.stringify(reader) });
    return;
  }
  const action = s3Action(reader.Resource);
  const args = argumentsOf(reader);
  if (action !== 'getObject' && action !== 'listObjectsV2') {
    ctx.report(CODES.SW151, state.path, reader.Resource === undefined ? `${where} has no Resource` : `${where} has the resource ${JSON.stringify(reader.Resource)}`, {
      limit: 'arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2', actual: reader.Resource === undefined ? 'no Resource' : String(reader.Resource),
    });
    return;
  }
  const needed = action === 'getObject' ? ['Bucket', 'Key'] : ['Bucket'];
  const missing = needed.filter((n) => !has(args, n));
  if (missing.length > 0) {
    ctx.report(CODES.SW151, state.path, `${where} (s3:${action}) has no ${missing.join(' or ')}`, { limit: `${needed.join(' and ')} in Parameters/Arguments`, actual: `no ${missing.join(' or ')}` });
  }
  const config: Record<string, any> = isObject(reader.ReaderConfig) ? reader.ReaderConfig : {};
  const inputType = config.InputType;
  const mismatch = (message: string, limit: string, actual: string): void => ctx.report(CODES.SW152, state.path, `${where} ${message}`, { limit, actual });
  if (inputType !== undefined && !INPUT_TYPES.includes(inputType)) {
    mismatch(`has the InputType ${JSON.stringify(inputType)}`, INPUT_TYPES.join(', '), JSON.stringify(inputType));
  }
  if (action === 'getObject' && inputType === undefined && config.ManifestType !== 'S3_INVENTORY') {
    mismatch('reads one object (s3:getObject) with no InputType', 'InputType CSV, JSON, JSONL, PARQUET or MANIFEST for s3:getObject', 'no InputType');
  }
  if (config.ManifestType === 'S3_INVENTORY' && inputType !== undefined) {
    mismatch(`sets ManifestType S3_INVENTORY together with InputType ${inputType}`, 'no InputType with S3_INVENTORY (CSV is assumed)', `InputType ${inputType}`);
  }
  if (config.ManifestType === 'ATHENA_DATA' && !['CSV', 'JSONL', 'PARQUET'].includes(inputType)) {
    mismatch(`reads an Athena manifest (ATHENA_DATA) with InputType ${inputType ?? 'missing'}`, 'InputType CSV, JSONL or PARQUET with ATHENA_DATA', `InputType ${inputType ?? 'missing'}`);
  }
  if (config.ManifestType !== undefined && !['S3_INVENTORY', 'ATHENA_DATA'].includes(config.ManifestType)) {
    mismatch(`has the ManifestType ${JSON.stringify(config.ManifestType)}`, 'S3_INVENTORY or ATHENA_DATA', JSON.stringify(config.ManifestType));
  }
  if (config.Transformation === 'LOAD_AND_FLATTEN') {
    if (action !== 'listObjectsV2') {
      mismatch('sets Transformation LOAD_AND_FLATTEN on s3:getObject', 'LOAD_AND_FLATTEN with s3:listObjectsV2 only', 'LOAD_AND_FLATTEN on s3:getObject');
    } else if (inputType === undefined || inputType === 'MANIFEST') {
      mismatch(`sets Transformation LOAD_AND_FLATTEN with InputType ${inputType ?? 'missing'}`, 'InputType CSV, JSON, JSONL or PARQUET with LOAD_AND_FLATTEN', `InputType ${inputType ?? 'missing'}`);
    }
  } else if (config.Transformation !== undefined && config.Transformation !== 'NONE') {
    mismatch(`has the Transformation ${JSON.stringify(config.Transformation)}`, 'NONE or LOAD_AND_FLATTEN', JSON.stringify(config.Transformation));
  }
  if (inputType === 'PARQUET' && has(args, 'VersionId')) {
    mismatch('sets VersionId with InputType PARQUET', 'no VersionId for PARQUET', 'VersionId');
  }
  const csv = inputType === 'CSV' || inputType === 'MANIFEST' || config.ManifestType === 'S3_INVENTORY';
  const csvFields = ['CSVHeaderLocation', 'CSVHeaders', 'CSVDelimiter'].filter((f) => config[f] !== undefined);
  if (!csv && csvFields.length > 0) {
    ctx.report(CODES.SW155, state.path, `${where} sets ${csvFields.join(', ')} but reads ${inputType !== undefined ? `InputType ${inputType}` : 'object metadata (InputType missing)'}`, { limit: 'CSV options with InputType CSV or MANIFEST', actual: `InputType ${inputType ?? 'missing'}` });
  }
  if (csv) {
    const headers = config.CSVHeaders;
    if (config.CSVHeaderLocation === 'GIVEN' && !(Array.isArray(headers) && headers.length > 0)) {
      ctx.report(CODES.SW153, state.path, `${where} reads CSV with CSVHeaderLocation GIVEN but ${headers === undefined ? 'no CSVHeaders' : 'an empty CSVHeaders list'}`, {
        limit: 'CSVHeaders with at least one name when CSVHeaderLocation is GIVEN', actual: headers === undefined ? 'no CSVHeaders' : 'CSVHeaders []',
      });
    }
    if (config.CSVHeaderLocation !== 'GIVEN' && headers !== undefined) {
      ctx.report(CODES.SW154, state.path, `${where} lists CSVHeaders but reads the header from the first row (CSVHeaderLocation ${config.CSVHeaderLocation ?? 'FIRST_ROW (default)'})`, { limit: 'CSVHeaders with CSVHeaderLocation GIVEN', actual: `CSVHeaderLocation ${config.CSVHeaderLocation ?? 'FIRST_ROW (default)'}` });
    }
  }
  if (config.ItemsPointer !== undefined && inputType !== 'JSON') {
    ctx.report(CODES.SW156, state.path, `${where} sets ItemsPointer with InputType ${inputType ?? 'missing'}`, { limit: 'ItemsPointer with InputType JSON', actual: `InputType ${inputType ?? 'missing'}` });
  }
}

/** A value and its `...Path` twin inside ReaderConfig and ItemBatcher (IR; IB). */
export const nestedExclusiveFieldsRule: Rule = {
  name: 'Distributed Map value and path',
  codes: [CODES.SW158],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (!isDistributedMap(state)) {
        continue;
      }
      const reader = isObject(state.json.ItemReader) && isObject(state.json.ItemReader.ReaderConfig) ? state.json.ItemReader.ReaderConfig : {};
      const batcher = isObject(state.json.ItemBatcher) ? state.json.ItemBatcher : {};
      const pairs: [Record<string, any>, string, string, string][] = [
        [reader, 'the item reader', 'MaxItems', 'MaxItemsPath'],
        [batcher, 'the item batcher', 'MaxItemsPerBatch', 'MaxItemsPerBatchPath'],
        [batcher, 'the item batcher', 'MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath'],
      ];
      for (const [holder, what, x, y] of pairs) {
        if (holder[x] !== undefined && holder[y] !== undefined) {
          ctx.report(CODES.SW158, state.path, `${what} of '${state.name}' sets both ${x} and ${y}`, { limit: `one of ${x} and ${y}`, actual: 'both' });
        }
      }
    }
  },
};

/** A full batch plus BatchInput against the payload quota (IB). */
export const itemBatcherRule: Rule = {
  name: 'Distributed Map item batcher',
  codes: [CODES.SW159],
  check(ctx) {
    for (const state of ctx.model.states) {
      const b = state.json.ItemBatcher;
      if (!isDistributedMap(state) || !isObject(b)) {
        continue;
      }
      if (isObject(b.BatchInput)) {
        const batchBytes = typeof b.MaxInputBytesPerBatch === 'number' ? b.MaxInputBytesPerBatch : QUOTAS.batchInputBytes.value;
        const extra = Buffer.byteLength(JSON.stringify(b.BatchInput), 'utf8');
        if (batchBytes + extra > QUOTAS.payloadSize.value) {
          ctx.report(CODES.SW159, state.path, `a full batch of '${state.name}' (${fmt(batchBytes)} bytes) plus its BatchInput (${fmt(extra)} bytes), ${fmt(batchBytes + extra)} bytes, is over the child input quota`, {
            limit: describeQuota('payloadSize'),
            actual: `${fmt(batchBytes + extra)} bytes`,
            fix: `set maxInputBytesPerBatch to at most ${fmt(QUOTAS.payloadSize.value - extra - 64)} (the quota less the BatchInput and the {"Items":[]} wrapper)`,
          });
        }
      }
    }
  },
};

/** The result writer's shape, and the output of a reader-fed map without one (RW). */
export const resultWriterRule: Rule = {
  name: 'Distributed Map result writer',
  codes: [CODES.SW160, CODES.SW161],
  check(ctx) {
    for (const state of ctx.model.states) {
      if (!isDistributedMap(state)) {
        continue;
      }
      const w = state.json.ResultWriter;
      const where = `the result writer of '${state.name}'`;
      const bad = (message: string, limit: string, actual: string): void => ctx.report(CODES.SW160, state.path, `${where} ${message}`, { limit, actual });
      if (w === undefined) {
        const discarded = state.json.ResultPath === null || (state.json.Output !== undefined && state.json.Output !== '{% $states.result %}');
        if (state.json.ItemReader !== undefined && !discarded) {
          ctx.report(CODES.SW161, state.path, `'${state.name}' reads items from S3 with no ResultWriter, so it keeps every child output in its state output`, {
            limit: `${describeQuota('payloadSize')} of output`, actual: 'no ResultWriter',
          });
        }
        continue;
      }
      if (!isObject(w)) {
        bad('is not an object', 'an object', JSON.stringify(w));
        continue;
      }
      if (w.Resource === undefined && w.WriterConfig === undefined) {
        const fields = Object.keys(w).join(', ');
        bad(w.Parameters !== undefined || w.Arguments !== undefined ? `has a bucket (${fields}) but no Resource` : fields ? `has only ${fields}` : 'is an empty object', 'WriterConfig, or Resource with Parameters/Arguments, or both', fields || 'an empty object');
      }
      if (w.Resource !== undefined) {
        if (s3Action(w.Resource) !== 'putObject') {
          bad(`has the resource ${JSON.stringify(w.Resource)}`, 'arn:aws:states:::s3:putObject', String(w.Resource));
        } else if (!has(argumentsOf(w), 'Bucket')) {
          bad('has no Bucket', 'Bucket (and optionally Prefix) in Parameters/Arguments', 'no Bucket');
        }
      }
      if (w.WriterConfig !== undefined) {
        const c = isObject(w.WriterConfig) ? w.WriterConfig : {};
        if (c.OutputType !== undefined && !['JSON', 'JSONL'].includes(c.OutputType)) {
          bad(`has the OutputType ${JSON.stringify(c.OutputType)}`, 'JSON or JSONL', JSON.stringify(c.OutputType));
        }
        if (c.Transformation !== undefined && !['NONE', 'COMPACT', 'FLATTEN'].includes(c.Transformation)) {
          bad(`has the Transformation ${JSON.stringify(c.Transformation)}`, 'NONE, COMPACT or FLATTEN', JSON.stringify(c.Transformation));
        }
      }
    }
  },
};

/** The Distributed Map rules, in the order they run (part of the ASL pack). */
export const DISTRIBUTED_MAP_RULES: Rule[] = [inlineMapFieldsRule, itemReaderRule, nestedExclusiveFieldsRule, itemBatcherRule, resultWriterRule];
