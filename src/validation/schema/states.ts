/*
 * The Amazon States Language as data: a JSON Schema (draft-07) of what Step Functions accepts,
 * run by ajv (../private/schema-engine.ts). One definition per state type and query language, and
 * one per object inside a state. Every part names its source (`source`); the vocabulary beyond
 * JSON Schema (`code`, `node`, `source`, `expects`, `exclusive`, `atLeastOne`, `choiceRule`,
 * `mapMode`, the `asl-*` formats) is described in ./common.ts.
 *
 * The field tables follow the spec's state-type tables for JSONPath and JSONata states
 * (https://states-language.net/spec.html#state-type-table and #state-type-table-jsonata), checked
 * against what AWS answers (`Field '<name>' is not supported`, measured in
 * https://github.com/floci-io/floci/issues/2735) and against the AWS Toolkit's own schema
 * (https://github.com/aws/amazon-states-language-service/tree/main/src/json-schema/partial).
 */
import { SOURCES, SchemaNode, def } from './common';
import { QUOTAS } from '../../core/quotas';

/** JSON Schema `type` of a value that may also be a JSONata expression. */
const EXPR = 'string';

/** A JSONata value: the JSON type, or a `{% %}` expression (format checked only on strings). */
function jsonataValue(type: string | string[], extra: SchemaNode = {}): SchemaNode {
  const types = Array.isArray(type) ? type : [type];
  return { type: types.includes(EXPR) ? types : [...types, EXPR], format: 'asl-jsonata-expression', ...extra };
}

const ANY: SchemaNode = {};
const STRING: SchemaNode = { type: 'string' };
const OBJECT: SchemaNode = { type: 'object' };
const PATH: SchemaNode = { type: 'string' };
const PATH_OR_NULL: SchemaNode = { type: ['string', 'null'] };
const SECONDS: SchemaNode = { type: 'integer', minimum: 1, maximum: QUOTAS.maxSecondsField.value, source: SOURCES.awsTask };
const NON_NEGATIVE: SchemaNode = { type: 'integer', minimum: 0 };

/** Fields every state takes. */
const COMMON = { Type: STRING, Comment: STRING, QueryLanguage: { type: 'string', enum: ['JSONPath', 'JSONata'], source: SOURCES.measuredQueryLanguage } };
/** `Next` and `End` (their rules are the hand-written SW205/SW206 checks). */
const FLOW = { Next: STRING, End: ANY };

/** JSONPath input and output fields (ASL "Input and Output Processing"). */
const IO_JSONPATH = { InputPath: PATH_OR_NULL, OutputPath: PATH_OR_NULL };
const RESULT_JSONPATH = { ResultPath: PATH_OR_NULL, ResultSelector: { type: 'object', source: SOURCES.payloadTemplate } };
const PARAMETERS = { Parameters: { type: ['object', 'array'], source: SOURCES.payloadTemplate, expects: 'a payload template (a JSON object)' } };
const ASSIGN_JSONPATH = { Assign: { type: 'object', source: SOURCES.variables, expects: 'an object of variable names and values' } };
const ASSIGN_JSONATA = { Assign: { type: 'object', source: SOURCES.variables, expects: 'an object of variable names and values' } };
const OUTPUT_JSONATA = { Output: ANY };
const ERRORS_JSONPATH = { Retry: { type: 'array', items: def('RetrierJSONPath') }, Catch: { type: 'array', items: def('CatcherJSONPath') } };
const ERRORS_JSONATA = { Retry: { type: 'array', items: def('RetrierJSONPath') }, Catch: { type: 'array', items: def('CatcherJSONata') } };

/** Map fields both query languages share (ASL "Map State"; DMAP). */
const MAP_COMMON = {
  ItemProcessor: def('ItemProcessor'),
  Iterator: def('ItemProcessor'),
  Label: STRING,
};

function state(node: string, source: string, properties: SchemaNode, extra: SchemaNode = {}): SchemaNode {
  return { type: 'object', node, source, properties: { ...COMMON, ...properties }, additionalProperties: false, ...extra };
}

/** The comparison operators of JSONPath Choice rules and the type of their operand (ASL "Choice Rules"). */
export const CHOICE_OPERATORS: Readonly<Record<string, SchemaNode>> = (() => {
  const out: Record<string, SchemaNode> = {};
  const kinds: Array<[string, SchemaNode]> = [
    ['String', { type: 'string' }],
    ['Numeric', { type: 'number' }],
    ['Boolean', { type: 'boolean' }],
    ['Timestamp', { type: 'string', format: 'asl-timestamp' }],
  ];
  for (const [kind, operand] of kinds) {
    const comparisons = kind === 'Boolean' ? ['Equals'] : ['Equals', 'LessThan', 'GreaterThan', 'LessThanEquals', 'GreaterThanEquals'];
    for (const c of comparisons) {
      out[`${kind}${c}`] = operand;
      out[`${kind}${c}Path`] = PATH;
    }
  }
  out.StringMatches = { type: 'string' };
  for (const test of ['IsNull', 'IsPresent', 'IsNumeric', 'IsString', 'IsBoolean', 'IsTimestamp']) {
    out[test] = { type: 'boolean' };
  }
  return out;
})();

/** The schema. `definitions` holds one entry per state type and query language, named `<Type><QueryLanguage>`. */
export const ASL_SCHEMA: SchemaNode = {
  $id: 'https://cdk-stepwise.dev/schema/asl.json',
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'Amazon States Language (as Step Functions accepts it)',
  source: SOURCES.spec,
  $ref: '#/definitions/StateMachine',
  definitions: {
    StateMachine: {
      type: 'object',
      node: 'the state machine',
      source: SOURCES.topLevel,
      properties: { Comment: STRING, StartAt: STRING, States: OBJECT, Version: STRING, TimeoutSeconds: ANY, QueryLanguage: COMMON.QueryLanguage },
      additionalProperties: false,
    },
    Branch: {
      type: 'object',
      node: 'a branch',
      source: SOURCES.parallel,
      properties: { Comment: STRING, StartAt: STRING, States: OBJECT },
      additionalProperties: false,
    },
    ItemProcessor: {
      type: 'object',
      node: 'an ItemProcessor',
      source: SOURCES.awsInlineMap,
      properties: { Comment: STRING, StartAt: STRING, States: OBJECT, ProcessorConfig: def('ProcessorConfig') },
      additionalProperties: false,
    },
    ProcessorConfig: {
      type: 'object',
      node: 'a ProcessorConfig',
      source: SOURCES.awsDistributedMap,
      properties: { Mode: { type: 'string', enum: ['INLINE', 'DISTRIBUTED'] }, ExecutionType: { type: 'string', enum: ['STANDARD', 'EXPRESS'] } },
      additionalProperties: false,
    },

    // ---- JSONPath states (https://states-language.net/spec.html#state-type-table)
    PassJSONPath: state('Pass', SOURCES.stateTypesJsonPath, { ...IO_JSONPATH, ...PARAMETERS, ResultPath: PATH_OR_NULL, Result: ANY, ...ASSIGN_JSONPATH, ...FLOW }),
    TaskJSONPath: state('Task', SOURCES.task, {
      ...IO_JSONPATH,
      ...PARAMETERS,
      ...RESULT_JSONPATH,
      ...ERRORS_JSONPATH,
      ...ASSIGN_JSONPATH,
      ...FLOW,
      Resource: { type: 'string', format: 'asl-task-resource', source: SOURCES.awsTask },
      TimeoutSeconds: SECONDS,
      TimeoutSecondsPath: PATH,
      HeartbeatSeconds: SECONDS,
      HeartbeatSecondsPath: PATH,
      Credentials: def('CredentialsJSONPath'),
    }, { required: ['Resource'] }),
    ChoiceJSONPath: state('Choice', SOURCES.choice, {
      ...IO_JSONPATH,
      ...ASSIGN_JSONPATH,
      Choices: { type: 'array', items: def('ChoiceRuleJSONPath') },
      Default: STRING,
    }),
    WaitJSONPath: state('Wait', SOURCES.wait, {
      ...IO_JSONPATH,
      ...ASSIGN_JSONPATH,
      ...FLOW,
      Seconds: NON_NEGATIVE,
      SecondsPath: PATH,
      Timestamp: { type: 'string', format: 'asl-timestamp', source: SOURCES.timestamps },
      TimestampPath: PATH,
    }),
    SucceedJSONPath: state('Succeed', SOURCES.stateTypesJsonPath, { ...IO_JSONPATH }),
    FailJSONPath: state('Fail', SOURCES.fail, { Error: STRING, ErrorPath: PATH, Cause: STRING, CausePath: PATH }),
    ParallelJSONPath: state('Parallel', SOURCES.parallel, {
      ...IO_JSONPATH,
      ...PARAMETERS,
      ...RESULT_JSONPATH,
      ...ERRORS_JSONPATH,
      ...ASSIGN_JSONPATH,
      ...FLOW,
      Branches: { type: 'array', items: def('Branch') },
    }),
    MapJSONPath: state('Map', SOURCES.map, {
      ...IO_JSONPATH,
      ...PARAMETERS,
      ...RESULT_JSONPATH,
      ...ERRORS_JSONPATH,
      ...ASSIGN_JSONPATH,
      ...FLOW,
      ...MAP_COMMON,
      ItemsPath: PATH,
      ItemSelector: { type: 'object', source: SOURCES.payloadTemplate },
      ItemReader: def('ItemReaderJSONPath'),
      ItemBatcher: def('ItemBatcherJSONPath'),
      ResultWriter: def('ResultWriterJSONPath'),
      MaxConcurrency: NON_NEGATIVE,
      MaxConcurrencyPath: PATH,
      ToleratedFailurePercentage: { type: 'number', minimum: 0, maximum: 100 },
      ToleratedFailurePercentagePath: PATH,
      ToleratedFailureCount: NON_NEGATIVE,
      ToleratedFailureCountPath: PATH,
    }, { exclusive: [['ItemProcessor', 'Iterator'], ['ItemSelector', 'Parameters']], mapMode: true }),

    // ---- JSONata states (https://states-language.net/spec.html#state-type-table-jsonata)
    PassJSONata: state('Pass', SOURCES.stateTypesJsonata, { ...OUTPUT_JSONATA, ...ASSIGN_JSONATA, ...FLOW }),
    TaskJSONata: state('Task', SOURCES.task, {
      ...OUTPUT_JSONATA,
      ...ASSIGN_JSONATA,
      ...ERRORS_JSONATA,
      ...FLOW,
      Resource: { type: 'string', format: 'asl-task-resource', source: SOURCES.awsTask },
      Arguments: jsonataValue('object'),
      TimeoutSeconds: jsonataValue('integer', { minimum: 1, maximum: QUOTAS.maxSecondsField.value }),
      HeartbeatSeconds: jsonataValue('integer', { minimum: 1, maximum: QUOTAS.maxSecondsField.value }),
      Credentials: def('CredentialsJSONata'),
    }, { required: ['Resource'] }),
    ChoiceJSONata: state('Choice', SOURCES.choice, {
      ...OUTPUT_JSONATA,
      ...ASSIGN_JSONATA,
      Choices: { type: 'array', items: def('ChoiceRuleJSONata') },
      Default: STRING,
    }),
    WaitJSONata: state('Wait', SOURCES.wait, {
      ...OUTPUT_JSONATA,
      ...ASSIGN_JSONATA,
      ...FLOW,
      Seconds: jsonataValue('integer', { minimum: 0 }),
      Timestamp: { type: 'string', format: 'asl-timestamp-or-expression', source: SOURCES.timestamps },
    }),
    SucceedJSONata: state('Succeed', SOURCES.stateTypesJsonata, { ...OUTPUT_JSONATA }),
    FailJSONata: state('Fail', SOURCES.fail, { Error: STRING, Cause: STRING }),
    ParallelJSONata: state('Parallel', SOURCES.parallel, {
      ...OUTPUT_JSONATA,
      ...ASSIGN_JSONATA,
      ...ERRORS_JSONATA,
      ...FLOW,
      Arguments: jsonataValue('object'),
      Branches: { type: 'array', items: def('Branch') },
    }),
    MapJSONata: state('Map', SOURCES.map, {
      ...OUTPUT_JSONATA,
      ...ASSIGN_JSONATA,
      ...ERRORS_JSONATA,
      ...FLOW,
      ...MAP_COMMON,
      Items: jsonataValue('array'),
      ItemSelector: jsonataValue('object'),
      ItemReader: def('ItemReaderJSONata'),
      ItemBatcher: def('ItemBatcherJSONata'),
      ResultWriter: def('ResultWriterJSONata'),
      MaxConcurrency: jsonataValue('integer', { minimum: 0 }),
      ToleratedFailurePercentage: jsonataValue('number', { minimum: 0, maximum: 100 }),
      ToleratedFailureCount: jsonataValue('integer', { minimum: 0 }),
    }, { exclusive: [['ItemProcessor', 'Iterator']], mapMode: true }),

    // ---- Retry and Catch (https://states-language.net/spec.html#errors; AWS "Handling errors")
    RetrierJSONPath: {
      type: 'object',
      node: 'a retrier',
      source: SOURCES.retry,
      properties: {
        Comment: STRING, ErrorEquals: ANY, IntervalSeconds: ANY, MaxAttempts: ANY, BackoffRate: ANY, MaxDelaySeconds: ANY, JitterStrategy: ANY,
      },
      additionalProperties: false,
    },
    CatcherJSONPath: {
      type: 'object',
      node: 'a catcher',
      source: SOURCES.catch,
      properties: { Comment: STRING, ErrorEquals: ANY, Next: ANY, ResultPath: PATH_OR_NULL, ...ASSIGN_JSONPATH },
      additionalProperties: false,
    },
    CatcherJSONata: {
      type: 'object',
      node: 'a catcher',
      source: SOURCES.catch,
      properties: { Comment: STRING, ErrorEquals: ANY, Next: ANY, ...OUTPUT_JSONATA, ...ASSIGN_JSONATA },
      additionalProperties: false,
    },

    // ---- Choice rules (https://states-language.net/spec.html#choice-state)
    ChoiceRuleJSONPath: choiceRule(true),
    NestedChoiceRuleJSONPath: choiceRule(false),
    ChoiceRuleJSONata: {
      type: 'object',
      node: 'a Choice rule',
      source: SOURCES.choice,
      properties: {
        Condition: jsonataValue('boolean'), Next: STRING, Comment: STRING, ...OUTPUT_JSONATA, ...ASSIGN_JSONATA,
      },
      additionalProperties: false,
    },

    // ---- Task Credentials (AWS "Assuming a role"; recorded AWS error "The field 'RoleArn' is required")
    CredentialsJSONPath: {
      type: 'object',
      node: 'Credentials',
      source: SOURCES.awsCredentials,
      properties: { 'RoleArn': STRING, 'RoleArn.$': STRING },
      additionalProperties: false,
      atLeastOne: ['RoleArn', 'RoleArn.$'],
    },
    CredentialsJSONata: {
      type: 'object',
      node: 'Credentials',
      source: SOURCES.awsCredentials,
      properties: { RoleArn: STRING },
      additionalProperties: false,
      required: ['RoleArn'],
    },

    // ---- Distributed Map (DMAP; ItemReader, ItemBatcher, ResultWriter pages)
    ItemReaderJSONPath: itemReader(PARAMETERS),
    ItemReaderJSONata: itemReader({ Arguments: jsonataValue('object') }),
    ReaderConfigJSONPath: readerConfig(true),
    ReaderConfigJSONata: readerConfig(false),
    ItemBatcherJSONPath: {
      type: 'object',
      node: 'an ItemBatcher',
      source: SOURCES.awsItemBatcher,
      properties: {
        MaxItemsPerBatch: ANY,
        MaxItemsPerBatchPath: PATH,
        MaxInputBytesPerBatch: ANY,
        MaxInputBytesPerBatchPath: PATH,
        BatchInput: { type: 'object' },
      },
      additionalProperties: false,
      exclusive: [['MaxItemsPerBatch', 'MaxItemsPerBatchPath'], ['MaxInputBytesPerBatch', 'MaxInputBytesPerBatchPath']],
    },
    ItemBatcherJSONata: {
      type: 'object',
      node: 'an ItemBatcher',
      source: SOURCES.awsItemBatcher,
      properties: { MaxItemsPerBatch: ANY, MaxInputBytesPerBatch: ANY, BatchInput: jsonataValue('object') },
      additionalProperties: false,
    },
    ResultWriterJSONPath: resultWriter(PARAMETERS),
    ResultWriterJSONata: resultWriter({ Arguments: jsonataValue('object') }),
    WriterConfig: {
      type: 'object',
      node: 'a WriterConfig',
      source: SOURCES.awsResultWriter,
      properties: {
        OutputType: { type: 'string', enum: ['JSON', 'JSONL'] },
        Transformation: { type: 'string', enum: ['NONE', 'COMPACT', 'FLATTEN'] },
      },
      additionalProperties: false,
    },
  },
};

function choiceRule(top: boolean): SchemaNode {
  const nested = def('NestedChoiceRuleJSONPath');
  return {
    type: 'object',
    node: top ? 'a Choice rule' : 'a nested Choice rule',
    source: SOURCES.choice,
    properties: {
      ...(top ? { Next: STRING, Assign: ASSIGN_JSONPATH.Assign } : {}),
      Comment: STRING,
      Variable: PATH,
      And: { type: 'array', minItems: 1, items: nested },
      Or: { type: 'array', minItems: 1, items: nested },
      Not: nested,
      ...CHOICE_OPERATORS,
    },
    additionalProperties: false,
    choiceRule: true,
  };
}

function itemReader(payload: SchemaNode): SchemaNode {
  const jsonPath = 'Parameters' in payload;
  return {
    type: 'object',
    node: 'an ItemReader',
    source: SOURCES.awsItemReader,
    properties: {
      Resource: { type: 'string', format: 'asl-reader-resource' },
      ReaderConfig: def(jsonPath ? 'ReaderConfigJSONPath' : 'ReaderConfigJSONata'),
      ...payload,
    },
    required: ['Resource'],
    additionalProperties: false,
  };
}

function readerConfig(jsonPath: boolean): SchemaNode {
  return {
    type: 'object',
    node: 'a ReaderConfig',
    source: SOURCES.awsItemReader,
    properties: {
      InputType: { type: 'string', enum: ['CSV', 'JSON', 'JSONL', 'PARQUET', 'MANIFEST'] },
      CSVHeaderLocation: { type: 'string', enum: ['FIRST_ROW', 'GIVEN'] },
      CSVHeaders: jsonPath ? { type: 'array', items: STRING } : jsonataValue('array'),
      CSVDelimiter: { type: 'string', enum: ['COMMA', 'PIPE', 'SEMICOLON', 'SPACE', 'TAB'] },
      ManifestType: { type: 'string', enum: ['ATHENA_DATA', 'S3_INVENTORY', 'CSV'] },
      MaxItems: jsonPath ? ANY : jsonataValue('integer'),
      ...(jsonPath ? { MaxItemsPath: PATH } : {}),
      // LOAD_AND_FLATTEN reads the rows of each listed object (a listObjectsV2 reader).
      Transformation: { type: 'string', enum: ['NONE', 'LOAD_AND_FLATTEN'] },
      // A JSON Pointer to the array inside a JSON object.
      ItemsPointer: STRING,
    },
    additionalProperties: false,
    ...(jsonPath ? { exclusive: [['MaxItems', 'MaxItemsPath']] } : {}),
  };
}

function resultWriter(payload: SchemaNode): SchemaNode {
  return {
    type: 'object',
    node: 'a ResultWriter',
    source: SOURCES.awsResultWriter,
    properties: {
      Resource: { type: 'string', format: 'asl-writer-resource' },
      WriterConfig: def('WriterConfig'),
      ...payload,
    },
    additionalProperties: false,
    atLeastOne: ['Resource', 'WriterConfig'],
  };
}

/** The fields a Map takes only in Distributed mode (DMAP; AWS rejects them on an inline Map). */
export const DISTRIBUTED_ONLY_FIELDS: readonly string[] = [
  'ItemReader', 'ItemBatcher', 'ResultWriter', 'ToleratedFailurePercentage', 'ToleratedFailurePercentagePath',
  'ToleratedFailureCount', 'ToleratedFailureCountPath', 'Label',
];
