/*
 * Runs the States Language schema (../schema/states.ts) with ajv and turns ajv's errors into
 * problems a rule can report: where (a JSON pointer inside the validated object), what kind of
 * object it is, which keyword failed, the value found, and a sentence.
 *
 * The vocabulary the schema adds to JSON Schema (../schema/common.ts) is implemented here:
 * annotations (`node`, `source`, `expects`, `code`), the keywords `exclusive`, `atLeastOne`,
 * `choiceRule` and `mapMode`, and the `asl-*` string formats. ajv is loaded and the schema
 * compiled the first time validation runs, never on import.
 */
import type AjvClass from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { checkTaskResource, checkReaderResource, checkWriterResource } from './resources';
import { checkTimestamp } from './timestamps';
import { jsonataBody } from '../../core/asl/jsonata';
import { isObject } from '../../core/asl/model';
import { CHOICE_OPERATORS, DISTRIBUTED_ONLY_FIELDS, ASL_SCHEMA } from '../schema/states';

type Ajv = AjvClass;
type AjvError = ErrorObject;
type ValidateFn = ValidateFunction;

/** One problem the schema found. */
export interface SchemaProblem {
  /** The path from the validated object to the value, as segments (`['Retry', 0, 'MaxAttempt']`). */
  readonly path: ReadonlyArray<string | number>;
  /** The ajv keyword (`additionalProperties`, `required`, `type`, `format`, `exclusive`, ...). */
  readonly keyword: string;
  /** The field the problem is about, for `additionalProperties` and `required`; else the last segment. */
  readonly field?: string;
  /** The kind of object holding the field (`a retrier`, `Task`), from the schema's `node`. */
  readonly node?: string;
  /** The value found (undefined for a missing field). */
  readonly value: unknown;
  /** What the value must be, in words. */
  readonly expected: string;
  /** The fields the holding object takes (for "did you mean"). */
  readonly allowed?: readonly string[];
  /** The format that failed, for `format`. */
  readonly format?: string;
  /** The finding code the schema names for this part, if any. */
  readonly code?: string;
  /** The source the schema names for this part. */
  readonly source?: string;
  /** For custom keywords: their own sentence. */
  readonly detail?: string;
}

const SCHEMA_ID = ASL_SCHEMA.$id as string;
let ajv: Ajv | undefined;
const compiled = new Map<string, ValidateFn>();

/** A JSON Schema keyword implemented here reports its errors through this. */
function fail(fn: unknown, errors: Array<Partial<AjvError>>): boolean {
  (fn as { errors?: unknown }).errors = errors;
  return false;
}

function engine(): Ajv {
  if (ajv) {
    return ajv;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const AjvConstructor = (require('ajv') as { default: typeof AjvClass }).default;
  const instance = new AjvConstructor({ allErrors: true, verbose: true, strict: false, validateFormats: true });
  instance.addVocabulary(['node', 'source', 'expects', 'code']);
  instance.addFormat('asl-timestamp', (v: string) => checkTimestamp(v) === undefined);
  instance.addFormat('asl-timestamp-or-expression', (v: string) => jsonataBody(v) !== undefined || checkTimestamp(v) === undefined);
  instance.addFormat('asl-jsonata-expression', (v: string) => jsonataBody(v) !== undefined);
  instance.addFormat('asl-task-resource', (v: string) => checkTaskResource(v) === undefined);
  instance.addFormat('asl-reader-resource', (v: string) => checkReaderResource(v) === undefined);
  instance.addFormat('asl-writer-resource', (v: string) => checkWriterResource(v) === undefined);

  const exclusive = function exclusiveFn(groups: string[][], data: unknown): boolean {
    if (!isObject(data)) {
      return true;
    }
    const errors: Array<Partial<AjvError>> = [];
    for (const group of groups) {
      const set = group.filter((f) => data[f] !== undefined);
      if (set.length > 1) {
        errors.push({ keyword: 'exclusive', params: { fields: set }, message: `sets both ${set.join(' and ')}; only one may be set` });
      }
    }
    return errors.length ? fail(exclusiveFn, errors) : true;
  };
  instance.addKeyword({ keyword: 'exclusive', type: 'object', schemaType: 'array', errors: true, validate: exclusive });

  const atLeastOne = function atLeastOneFn(fields: string[], data: unknown): boolean {
    if (!isObject(data) || fields.some((f) => data[f] !== undefined)) {
      return true;
    }
    return fail(atLeastOneFn, [{ keyword: 'atLeastOne', params: { fields }, message: `has none of ${fields.join(', ')}; it needs ${fields.length === 2 ? 'one of them' : 'at least one of them'}` }]);
  };
  instance.addKeyword({ keyword: 'atLeastOne', type: 'object', schemaType: 'array', errors: true, validate: atLeastOne });

  const operators = Object.keys(CHOICE_OPERATORS);
  const choiceRule = function choiceRuleFn(_: boolean, data: unknown): boolean {
    if (!isObject(data)) {
      return true;
    }
    const combinators = ['And', 'Or', 'Not'].filter((f) => data[f] !== undefined);
    const ops = operators.filter((f) => data[f] !== undefined);
    const errors: Array<Partial<AjvError>> = [];
    if (combinators.length > 1 || (combinators.length === 1 && (ops.length > 0 || data.Variable !== undefined))) {
      errors.push({ keyword: 'choiceRule', params: { fields: [...combinators, ...ops] }, message: `combines ${[...combinators, ...ops, ...(data.Variable !== undefined ? ['Variable'] : [])].join(', ')}; a rule is either one of And, Or, Not, or a Variable with exactly one comparison operator` });
    } else if (combinators.length === 0) {
      if (ops.length !== 1) {
        errors.push({ keyword: 'choiceRule', params: { fields: ops }, message: ops.length === 0 ? 'has no comparison operator (StringEquals, NumericGreaterThan, IsPresent, ...)' : `has ${ops.length} comparison operators (${ops.join(', ')}); a rule takes exactly one` });
      }
      if (data.Variable === undefined) {
        errors.push({ keyword: 'choiceRule', params: { fields: ['Variable'] }, message: 'has no Variable; a comparison needs the path it compares' });
      }
    }
    return errors.length ? fail(choiceRuleFn, errors) : true;
  };
  instance.addKeyword({ keyword: 'choiceRule', type: 'object', schemaType: 'boolean', errors: true, validate: choiceRule });

  const mapMode = function mapModeFn(_: boolean, data: unknown): boolean {
    if (!isObject(data)) {
      return true;
    }
    const processor = isObject(data.ItemProcessor) ? data.ItemProcessor : isObject(data.Iterator) ? data.Iterator : undefined;
    const config = processor && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
    if (config.Mode === 'DISTRIBUTED') {
      return true;
    }
    const errors: Array<Partial<AjvError>> = [];
    const set = DISTRIBUTED_ONLY_FIELDS.filter((f) => data[f] !== undefined);
    if (set.length) {
      errors.push({ keyword: 'mapMode', params: { fields: set }, message: `is an inline Map (its ProcessorConfig.Mode is ${config.Mode === undefined ? 'not set' : JSON.stringify(config.Mode)}) but sets ${set.join(', ')}, which only a Distributed Map takes` });
    }
    if (config.ExecutionType !== undefined) {
      errors.push({ keyword: 'mapMode', params: { fields: ['ProcessorConfig.ExecutionType'] }, message: `is an inline Map but sets ProcessorConfig.ExecutionType ${JSON.stringify(config.ExecutionType)}, which only a Distributed Map takes` });
    }
    return errors.length ? fail(mapModeFn, errors) : true;
  };
  instance.addKeyword({ keyword: 'mapMode', type: 'object', schemaType: 'boolean', errors: true, validate: mapMode });

  instance.addSchema(ASL_SCHEMA);
  ajv = instance;
  return instance;
}

/** The compiled validator of one definition of the schema (`TaskJSONPath`, `StateMachine`, ...). */
function validatorOf(definition: string): ValidateFn | undefined {
  let fn = compiled.get(definition);
  if (!fn) {
    fn = engine().getSchema(`${SCHEMA_ID}#/definitions/${definition}`);
    if (!fn) {
      return undefined;
    }
    compiled.set(definition, fn);
  }
  return fn;
}

/** Whether the schema has a definition of that name. */
export function hasSchemaDefinition(definition: string): boolean {
  return isObject((ASL_SCHEMA.definitions as Record<string, unknown>)[definition]);
}

/** Validates `data` against one definition of the schema; returns the problems, in document order. */
export function validateAgainst(definition: string, data: unknown): SchemaProblem[] {
  const fn = validatorOf(definition);
  if (!fn || fn(data)) {
    return [];
  }
  const problems: SchemaProblem[] = [];
  for (const error of fn.errors ?? []) {
    const problem = toProblem(error, data);
    if (problem) {
      problems.push(problem);
    }
  }
  return problems;
}

function toProblem(error: AjvError, root: unknown): SchemaProblem | undefined {
  const path = error.instancePath === '' ? [] : error.instancePath.slice(1).split('/').map((s) => {
    const text = s.replace(/~1/g, '/').replace(/~0/g, '~');
    return /^\d+$/.test(text) ? Number(text) : text;
  });
  const parent = (error.parentSchema ?? {}) as Record<string, any>;
  const holder = valueAt(root, path);
  const base = {
    path,
    keyword: error.keyword,
    node: typeof parent.node === 'string' ? parent.node : undefined,
    code: typeof parent.code === 'string' ? parent.code : undefined,
    source: typeof parent.source === 'string' ? parent.source : undefined,
  };
  const params = error.params as Record<string, any>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      return { ...base, field, value: isObject(holder) ? holder[field] : undefined, expected: 'a field this object takes', allowed: Object.keys(parent.properties ?? {}) };
    }
    case 'required': {
      const field = String(params.missingProperty);
      return { ...base, field, value: undefined, expected: `a ${field} field` };
    }
    case 'exclusive':
    case 'atLeastOne':
    case 'choiceRule':
    case 'mapMode':
      return { ...base, field: params.fields?.[0], value: holder, expected: error.message ?? '', detail: error.message };
    case 'type':
      return { ...base, field: last(path), value: holder, expected: typeWords(params.type) };
    case 'enum':
      return { ...base, field: last(path), value: holder, expected: `one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const words = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'more than', exclusiveMaximum: 'less than' }[error.keyword];
      return { ...base, field: last(path), value: holder, expected: `${words} ${Number(params.limit).toLocaleString('en-US')}` };
    }
    case 'minItems':
      return { ...base, field: last(path), value: holder, expected: `a list of at least ${params.limit}` };
    case 'format':
      return { ...base, field: last(path), value: holder, format: String(params.format), expected: formatWords(String(params.format), holder) };
    case 'if':
    case 'anyOf':
    case 'oneOf':
    case 'not':
      return undefined; // their branches report the details
    default:
      return { ...base, field: last(path), value: holder, expected: error.message ?? 'a valid value' };
  }
}

function last(path: ReadonlyArray<string | number>): string | undefined {
  const l = path[path.length - 1];
  return typeof l === 'string' ? l : undefined;
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let v: any = root;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') {
      return undefined;
    }
    v = v[seg as any];
  }
  return v;
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  const words = types.map((t) => ({ integer: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean (true or false)', object: 'a JSON object', array: 'a list', null: 'null' } as Record<string, string>)[String(t)] ?? String(t));
  if (types.includes('string') && types.length > 1) {
    // A JSONata field: the value, or an expression.
    return `${words.filter((w) => w !== 'a string').join(' or ')} or a JSONata expression {% ... %}`;
  }
  return words.join(' or ');
}

function formatWords(format: string, value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  switch (format) {
    case 'asl-timestamp':
      return `an RFC 3339 timestamp such as 2016-03-14T01:59:00Z (${checkTimestamp(text)})`;
    case 'asl-timestamp-or-expression':
      return text.startsWith('{%')
        ? 'a JSONata expression closed with %}'
        : `an RFC 3339 timestamp such as 2016-03-14T01:59:00Z, or a JSONata expression {% ... %} (${checkTimestamp(text)})`;
    case 'asl-jsonata-expression':
      return text.trimStart().startsWith('{%') ? 'a JSONata expression closed with %}' : 'the value, or a JSONata expression {% ... %}';
    case 'asl-task-resource':
      return checkTaskResource(text) ?? 'a Resource Step Functions recognizes';
    case 'asl-reader-resource':
      return checkReaderResource(text) ?? 'an ItemReader Resource';
    case 'asl-writer-resource':
      return checkWriterResource(text) ?? 'a ResultWriter Resource';
    default:
      return `a ${format}`;
  }
}
