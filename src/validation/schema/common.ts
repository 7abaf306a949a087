/*
 * The building blocks of the States Language schema: the sources every rule cites, the values
 * paths, payload templates and JSONata fields take, and the vocabulary the schema adds to JSON
 * Schema. The schema is data (a JSON Schema, draft-07, run by ajv); the few keywords JSON Schema
 * lacks are named here and implemented in ../private/schema-engine.ts:
 *
 *   code            annotation: the finding code of a problem found inside this part
 *   node            annotation: what kind of object this is (`Task`, `Retrier`, ...), to tell an
 *                   unknown field from a field of another state type or query language
 *   source          annotation: where the rule is written down
 *   expects         annotation: what the value must be, in words, for messages
 *   asl             a string that is a path, an intrinsic call, a JSONata expression, ... (kinds below)
 *   exclusive       groups of fields of which at most one may be set
 *   exactlyOne      fields of which exactly one must be set
 *   atLeastOne      fields of which at least one must be set
 *   transition      exactly one of `Next` and `"End": true`
 *   payloadKeys     no two keys that are the same once `.$` is removed
 *   mapMode         fields a Map takes only in DISTRIBUTED mode, and the ExecutionType that mode needs
 *   jsonataKeys     a JSONata payload's keys do not end in `.$` (a warning)
 *   noDollarValue   a JSONPath payload's plain values do not look like paths (a warning)
 */
import { CODES } from '../../core/codes';

/** Where the rules come from. Each part of the schema names its sources. */
export const SOURCES = {
  /** The Amazon States Language specification (November 22, 2024 revision, with JSONata and variables). */
  spec: 'https://states-language.net/spec.html',
  topLevel: 'https://states-language.net/spec.html#toplevelfields',
  states: 'https://states-language.net/spec.html#states-fields',
  stateTypesJsonPath: 'https://states-language.net/spec.html#state-type-table',
  stateTypesJsonata: 'https://states-language.net/spec.html#state-type-table-jsonata',
  transitions: 'https://states-language.net/spec.html#transition',
  paths: 'https://states-language.net/spec.html#path',
  referencePaths: 'https://states-language.net/spec.html#ref-paths',
  payloadTemplate: 'https://states-language.net/spec.html#payload-template',
  intrinsics: 'https://states-language.net/spec.html#intrinsic-functions',
  jsonata: 'https://states-language.net/spec.html#jsonata-restrictions',
  variables: 'https://states-language.net/spec.html#state-machine-variables',
  errors: 'https://states-language.net/spec.html#errors',
  retry: 'https://states-language.net/spec.html#retrying-after-error',
  catch: 'https://states-language.net/spec.html#fallback-states',
  task: 'https://states-language.net/spec.html#task-state',
  choice: 'https://states-language.net/spec.html#choice-state',
  wait: 'https://states-language.net/spec.html#wait-state',
  timestamps: 'https://states-language.net/spec.html#timestamps',
  fail: 'https://states-language.net/spec.html#fail-state',
  parallel: 'https://states-language.net/spec.html#parallel-state',
  map: 'https://states-language.net/spec.html#map-state',
  /** AWS "State machine structure". */
  awsStructure: 'https://docs.aws.amazon.com/step-functions/latest/dg/statemachine-structure.html',
  /** AWS "Handling errors in Step Functions workflows". */
  awsErrors: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html',
  /** AWS "Task workflow state". */
  awsTask: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html',
  /** AWS "Wait workflow state". */
  awsWait: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html',
  /** AWS "Using Map state in Inline mode" and "... in Distributed mode". */
  awsInlineMap: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html',
  awsDistributedMap: 'https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html',
  awsItemReader: 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html',
  awsItemBatcher: 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html',
  awsResultWriter: 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html',
  /** AWS "Transforming data with JSONata in Step Functions". */
  awsJsonata: 'https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html',
  /** AWS "Passing data between states with variables". */
  awsVariables: 'https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html',
  /** AWS "Intrinsic functions for JSONPath states". */
  awsIntrinsics: 'https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html',
  /** AWS "Using JSONPath paths". */
  awsPaths: 'https://docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html',
  /** AWS "Assuming a role in Step Functions" (Task `Credentials`). */
  awsCredentials: 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html',
  /** AWS ValidateStateMachineDefinition (its diagnostics, errors and warnings). */
  awsValidate: 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_ValidateStateMachineDefinition.html',
  /**
   * Definitions measured against AWS with `validate-state-machine-definition` (floci-io/floci
   * issues): a field on a state type that does not take it ("Field '<name>' is not supported"),
   * the query-language rules, Map number fields.
   */
  measuredFields: 'https://github.com/floci-io/floci/issues/2735',
  measuredQueryLanguage: 'https://github.com/floci-io/floci/issues/2968',
  measuredMapNumbers: 'https://github.com/floci-io/floci/issues/3733',
  measuredJsonata: 'https://github.com/floci-io/floci/issues/2670',
  measuredReaders: 'https://github.com/floci-io/floci/pull/1588',
  /** AWS errors recorded by localstack's snapshot tests (marked aws.validated). */
  recordedCredentials: 'https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/credentials/test_credentials_base.snapshot.json',
  recordedResource: 'https://github.com/localstack/localstack/blob/8b9a79f05846835cf4dff63ab7eefdde9df83783/tests/aws/services/stepfunctions/v2/services/test_dynamodb_task_service.snapshot.json',
  /** The AWS Toolkit's validator (aws/amazon-states-language-service, its JSON schema). */
  languageService: 'https://github.com/aws/amazon-states-language-service/tree/main/src/json-schema/partial',
  /** aws-cdk-lib hazards. */
  cdkMaxConcurrencyPath: 'https://github.com/aws/aws-cdk/issues/20835',
  cdkJsonataWriterParameters: 'https://github.com/aws/aws-cdk/issues/35403',
} as const;

/**
 * The kinds of string the `asl` keyword checks (../private/expressions.ts parses them):
 *
 *   path               a Path (`$.a`, `$$.Execution.Id`, `$var.a`): InputPath, OutputPath, Variable, `...Path` operands
 *   reference-path     a Reference Path, which may read the Context object or a variable: ItemsPath, Task and Wait `...Path`
 *   number-path        a Reference Path into the input: the Map number fields' `...Path` (no `$$`)
 *   result-path        a Reference Path into the input, no `$$`, no variable: ResultPath
 *   payload-path       the value of a `.$` field: a Path, or an intrinsic function call
 *   path-or-intrinsic  a Reference Path or an intrinsic call: Fail ErrorPath, CausePath
 *   jsonata-template   a string in a JSONata field: evaluated when it is `{% ... %}`, literal otherwise
 *   jsonata-expression a string that must be `{% ... %}`: in fields that take a value or an expression
 *   timestamp          an RFC 3339 timestamp with an uppercase T and Z (or a numeric offset)
 *   assign-key         a variable name in Assign (a JSONPath key may end in `.$`)
 *   task-resource      a Task's Resource: an integration ARN, a Lambda function ARN, an activity ARN
 *   reader-resource    an ItemReader's Resource
 *   writer-resource    a ResultWriter's Resource
 */
export type AslStringKind =
  | 'path' | 'reference-path' | 'number-path' | 'result-path' | 'payload-path' | 'path-or-intrinsic'
  | 'jsonata-template' | 'jsonata-expression' | 'timestamp' | 'assign-key'
  | 'task-resource' | 'reader-resource' | 'writer-resource';

/** A JSON Schema node with the vocabulary above. */
export type SchemaNode = { [key: string]: unknown };

const ref = (name: string): SchemaNode => ({ $ref: `#/definitions/${name}` });

/** `{ $ref }` to a definition of the schema. */
export const def = ref;

/** A Path, or null where the field allows null (InputPath, OutputPath). */
export function pathOrNull(kind: AslStringKind = 'path'): SchemaNode {
  return { type: ['string', 'null'], asl: kind, code: CODES.SW230.code, source: SOURCES.paths };
}

/** A Path. */
export function path(kind: AslStringKind = 'path'): SchemaNode {
  return { type: 'string', asl: kind, code: CODES.SW230.code, source: kind === 'path' ? SOURCES.paths : SOURCES.referencePaths };
}

/**
 * A value or a JSONata expression: `{ anyOf: [value, expression] }`. The engine reports the branch
 * the value was meant for (a string that starts with `{%` was meant to be an expression).
 */
export function orExpression(value: SchemaNode): SchemaNode {
  return { anyOf: [value, { type: 'string', asl: 'jsonata-expression', expects: 'a JSONata expression {% ... %}' }] };
}

/** A positive whole number of seconds up to a maximum (TimeoutSeconds, HeartbeatSeconds). */
export function seconds(min: number, max: number, code: string, source: string): SchemaNode {
  return { type: 'integer', minimum: min, maximum: max, code, source, expects: `a whole number of seconds from ${min} to ${max.toLocaleString('en-US')}` };
}

/** A string, any string. */
export const STRING: SchemaNode = { type: 'string' };
/** `Comment`: a string. */
export const COMMENT: SchemaNode = { type: 'string' };
/** `QueryLanguage` (ASL "Top-level fields"; a value other than JSONPath or JSONata is rejected, SOURCES.measuredQueryLanguage). */
export const QUERY_LANGUAGE: SchemaNode = { type: 'string', enum: ['JSONPath', 'JSONata'], code: CODES.SW226.code, source: SOURCES.measuredQueryLanguage };
