/*
 * Every Step Functions quota and limit cdk-stepwise checks or relies on, once, with its source.
 * Nothing else in the code hard-codes one of these numbers.
 *
 * Sources:
 *   SQ    https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 *   API   https://docs.aws.amazon.com/step-functions/latest/apireference/ (botocore stepfunctions/2016-11-23 model)
 *   ASL   https://states-language.net/spec.html
 *   ERR   https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 *   TASK  https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html
 *   WAIT  https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html
 *   IMAP  https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html
 *   DMAP  https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html
 *   BATCH https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html
 *   IR    https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html
 *   VAR   https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
 *   INTR  https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 *   BP    https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html
 *   HIST  https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html
 *   CFN   https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 *   ALIAS https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html
 *   PUB   https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html
 *   DEPL  https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachinealias-deploymentpreference.html
 *   RP    https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-stepfunctions
 *         (statemachinealias ResourceModelUtils.validateLinearDeploymentConfiguration)
 */

/** One quota or limit. */
export interface Quota {
  /** The number. */
  readonly value: number;
  /** What it counts: `characters`, `bytes`, `seconds`, ... */
  readonly unit: string;
  /** Where it comes from (a URL, or a short tag listed at the top of this file). */
  readonly source: string;
  /**
   * Whether exceeding it is certain failure (a hard quota, an API or spec constraint) rather
   * than advice or a soft limit. Validation reports only hard limits as errors.
   */
  readonly hard: boolean;
}

const SQ = 'https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html';
const API = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachine.html';
const API_SEND = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_SendTaskFailure.html';
const API_POLL = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_GetActivityTask.html';
const ASL = 'https://states-language.net/spec.html';
const ERR = 'https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html';
const TASK = 'https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html';
const WAIT = 'https://docs.aws.amazon.com/step-functions/latest/dg/state-wait.html';
const IMAP = 'https://docs.aws.amazon.com/step-functions/latest/dg/state-map-inline.html';
const DMAP = 'https://docs.aws.amazon.com/step-functions/latest/dg/state-map-distributed.html';
const BATCH = 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html';
const IR = 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html';
const VAR = 'https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html';
const INTR = 'https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html';
const HIST = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_HistoryEvent.html';
const CFN = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html';
const ARN_SHAPE = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_DescribeStateMachine.html';
const ALIAS = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_CreateStateMachineAlias.html';
const PUB = 'https://docs.aws.amazon.com/step-functions/latest/apireference/API_PublishStateMachineVersion.html';
const DEPL = 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-stepfunctions-statemachinealias-deploymentpreference.html';
const RP = 'https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-stepfunctions/blob/main/statemachinealias/src/main/java/com/amazonaws/stepfunctions/cloudformation/statemachinealias/ResourceModelUtils.java';

export const QUOTAS = {
  // ---- names (SQ "General quotas"; API `Name` shape min 1 max 80)
  /** State machine, activity and execution names: 1 to 80 characters. */
  nameLength: { value: 80, unit: 'characters', source: SQ, hard: true },
  /** State names: at most 80 Unicode characters, unique in the whole state machine. ASL "States"; API `StateName`. */
  stateNameLength: { value: 80, unit: 'characters', source: ASL, hard: true },
  /** Distributed Map `Label`: at most 40 characters. */
  mapRunLabelLength: { value: 40, unit: 'characters', source: DMAP, hard: true },
  /** Variable names (Assign): at most 80 Unicode characters. */
  variableNameLength: { value: 80, unit: 'characters', source: ASL, hard: true },
  /** GetActivityTask `workerName`: 1 to 80 characters. */
  workerNameLength: { value: 80, unit: 'characters', source: API_POLL, hard: true },

  // ---- sizes
  /** Definition size: 1,048,576 characters (SQ "Maximum size of state machine definition – 1 MB – Hard"; API `Definition` max 1048576). */
  definitionSize: { value: 1_048_576, unit: 'characters', source: API, hard: true },
  /** Task, state and execution input or output: 256 KiB of UTF-8 (SQ "Quotas related to task executions"); overflow is `States.DataLimitExceeded`. */
  payloadSize: { value: 262_144, unit: 'bytes', source: SQ, hard: true },
  /** Each variable: 256 KiB. */
  variableSize: { value: 262_144, unit: 'bytes', source: VAR, hard: true },
  /** All variables assigned by one `Assign`: 256 KiB together. */
  assignSize: { value: 262_144, unit: 'bytes', source: VAR, hard: true },
  /** All variables of one execution: 10 MiB. */
  variablesPerExecution: { value: 10_485_760, unit: 'bytes', source: VAR, hard: true },
  /** Distributed Map `ItemBatcher.MaxInputBytesPerBatch`: at most 256 KiB. */
  batchInputBytes: { value: 262_144, unit: 'bytes', source: BATCH, hard: true },

  // ---- execution duration and history (SQ "Quotas related to state machine executions")
  /** Standard workflow maximum execution time: 1 year (365 days). */
  standardMaxDuration: { value: 31_536_000, unit: 'seconds', source: SQ, hard: true },
  /** Express workflow maximum execution time: 5 minutes. */
  expressMaxDuration: { value: 300, unit: 'seconds', source: SQ, hard: true },
  /** Standard workflow execution history: 25,000 events. */
  executionHistoryEvents: { value: 25_000, unit: 'events', source: SQ, hard: true },
  /**
   * History events every Pass, Wait, Choice and Succeed state adds each time it runs: `<Type>StateEntered`
   * and `<Type>StateExited` (HIST `HistoryEventType`). A lower bound used to estimate history growth.
   */
  historyEventsPerState: { value: 2, unit: 'events', source: HIST, hard: false },
  /** History events a successful Task adds each time it runs: TaskStateEntered, TaskScheduled, TaskStarted, TaskSucceeded, TaskStateExited (HIST). */
  historyEventsPerTask: { value: 5, unit: 'events', source: HIST, hard: false },
  /**
   * History events each retry of a Task adds: the failed attempt's TaskFailed, then the next
   * attempt's TaskScheduled and TaskStarted (HIST `HistoryEventType`; the successful attempt's
   * events are in `historyEventsPerTask`).
   */
  historyEventsPerTaskRetry: { value: 3, unit: 'events', source: HIST, hard: false },
  /** History events a Parallel or Map state adds besides its contents: `<Type>StateEntered`, `<Type>StateStarted`, `<Type>StateSucceeded`, `<Type>StateExited` (HIST). */
  historyEventsPerParallelOrMap: { value: 4, unit: 'events', source: HIST, hard: false },
  /** History events a Fail state adds: FailStateEntered (HIST). */
  historyEventsPerFail: { value: 1, unit: 'events', source: HIST, hard: false },
  /** History events each inline Map iteration adds besides its states: MapIterationStarted, MapIterationSucceeded (HIST). */
  historyEventsPerMapIteration: { value: 2, unit: 'events', source: HIST, hard: false },

  // ---- numeric fields in the definition
  /** Largest `TimeoutSeconds`, `HeartbeatSeconds`, Wait `Seconds`, `IntervalSeconds`, `MaxAttempts` (ASL; AWS language service schema `seconds` 0..99999999). */
  maxSecondsField: { value: 99_999_999, unit: 'seconds', source: TASK, hard: true },
  /** Wait `Seconds` range upper bound (integer 0 to 99,999,999). */
  waitSecondsMax: { value: 99_999_999, unit: 'seconds', source: WAIT, hard: true },
  /** Retry `IntervalSeconds` minimum (positive integer; default 1). */
  retryIntervalMin: { value: 1, unit: 'seconds', source: ERR, hard: true },
  /** Retry `MaxAttempts` maximum (non-negative integer; default 3). */
  retryMaxAttemptsMax: { value: 99_999_999, unit: 'attempts', source: ERR, hard: true },
  /** Retry `BackoffRate` minimum (default 2.0). */
  retryBackoffRateMin: { value: 1.0, unit: 'ratio', source: ERR, hard: true },
  /** Retry `MaxDelaySeconds`: greater than 0 and below 31,622,401. */
  retryMaxDelayExclusiveMax: { value: 31_622_401, unit: 'seconds', source: ERR, hard: true },
  /** HTTP Task: the request times out after 60 seconds whatever `TimeoutSeconds` says (SQ "HTTP Task"). */
  httpTaskDuration: { value: 60, unit: 'seconds', source: SQ, hard: true },

  // ---- Map
  /** Inline Map: about 40 concurrent iterations; a higher MaxConcurrency is accepted but throttled. */
  inlineMapConcurrency: { value: 40, unit: 'iterations', source: IMAP, hard: false },
  /** Distributed Map: at most 10,000 parallel child executions (also the default). */
  distributedMapConcurrency: { value: 10_000, unit: 'child executions', source: DMAP, hard: true },
  /** `ToleratedFailurePercentage`: 0 to 100. */
  toleratedFailurePercentageMax: { value: 100, unit: 'percent', source: DMAP, hard: true },
  /**
   * `ItemReader.ReaderConfig.MaxItems`: 0 to 100,000,000 (IR; AWS answers "Maximum value is
   * 100000000" and "Minimum value is 0", measured in https://github.com/floci-io/floci/issues/3733).
   */
  readerMaxItems: { value: 100_000_000, unit: 'items', source: IR, hard: true },
  /** Open Map Runs per account and Region: 1,000; more wait at `MapRunStarted` (SQ). */
  openMapRuns: { value: 1_000, unit: 'open Map Runs', source: SQ, hard: true },
  /** Events in the history of one Standard child execution of a Distributed Map (SQ; DMAP). */
  childExecutionHistoryEvents: { value: 25_000, unit: 'events', source: SQ, hard: true },

  // ---- intrinsics (INTR)
  /** At most 10 intrinsic functions nested in one field. */
  intrinsicNesting: { value: 10, unit: 'nested functions', source: INTR, hard: true },
  /** `States.ArrayRange` produces at most 1,000 items. */
  arrayRangeItems: { value: 1_000, unit: 'items', source: INTR, hard: true },
  /** `States.Base64Encode`, `States.Base64Decode` and `States.Hash` take at most 10,000 characters. */
  intrinsicEncodeInput: { value: 10_000, unit: 'characters', source: INTR, hard: true },
  /** `States.MathAdd` takes integers from -2,147,483,648 ... */
  mathAddMin: { value: -2_147_483_648, unit: 'integer', source: INTR, hard: true },
  /** ... to 2,147,483,647. */
  mathAddMax: { value: 2_147_483_647, unit: 'integer', source: INTR, hard: true },

  // ---- tags (SQ "Restrictions related to tagging")
  /** Tags per resource: 50. */
  tagsPerResource: { value: 50, unit: 'tags', source: SQ, hard: true },
  /** Tag key: 1 to 128 characters. */
  tagKeyLength: { value: 128, unit: 'characters', source: SQ, hard: true },
  /** Tag value: 0 to 256 characters. */
  tagValueLength: { value: 256, unit: 'characters', source: SQ, hard: true },

  // ---- activities and task tokens (API)
  /** GetActivityTask holds a poll open for up to 60 seconds. */
  activityPollDuration: { value: 60, unit: 'seconds', source: API_POLL, hard: true },
  /** Workers should set the client socket timeout to at least 65 seconds. */
  activityPollSocketTimeout: { value: 65, unit: 'seconds', source: API_POLL, hard: false },
  /** SendTaskSuccess `output`: at most 262,144 bytes of valid JSON. */
  taskOutputSize: { value: 262_144, unit: 'bytes', source: API_SEND, hard: true },
  /** SendTaskFailure `error`: at most 256 characters. */
  taskErrorLength: { value: 256, unit: 'characters', source: API_SEND, hard: true },
  /** SendTaskFailure `cause`: at most 32,768 characters. */
  taskCauseLength: { value: 32_768, unit: 'characters', source: API_SEND, hard: true },
  /** Activity and state machine ARNs (API `Arn` shape): 1 to 256 characters. */
  arnLength: { value: 256, unit: 'characters', source: API_POLL, hard: true },
  /** Task tokens: 1 to 2,048 characters. */
  taskTokenLength: { value: 2_048, unit: 'characters', source: API_SEND, hard: true },
  /** GetActivityTask and SendTask* token bucket refill in us-east-1, us-west-2, eu-west-1 (soft). */
  activityApiRefillPerSecond: { value: 500, unit: 'requests per second', source: SQ, hard: false },
  /** GetActivityTask and SendTask* token bucket size in us-east-1, us-west-2, eu-west-1 (soft). */
  activityApiBucket: { value: 3_000, unit: 'requests', source: SQ, hard: false },
  /** Concurrent GetActivityTask pollers per activity ARN (2022 quotas page; not on the current page). */
  activityPollersPerArn: { value: 1_000, unit: 'pollers', source: 'https://github.com/awsdocs/aws-step-functions-developer-guide/blob/main/doc_source/limits-overview.md', hard: false },

  // ---- versions, aliases and gradual deployment
  /** Published versions per state machine: 1,000 (SQ "Quotas related to versions and aliases"; soft). */
  versionsPerStateMachine: { value: 1_000, unit: 'versions', source: SQ, hard: false },
  /** Aliases per state machine: 100 (SQ "Quotas related to versions and aliases"; soft). */
  aliasesPerStateMachine: { value: 100, unit: 'aliases', source: SQ, hard: false },
  /** Alias names: 1 to 80 characters (API `CharacterRestrictedName`). */
  aliasNameLength: { value: 80, unit: 'characters', source: ALIAS, hard: true },
  /** Alias descriptions: at most 256 characters (API `AliasDescription`). */
  aliasDescriptionLength: { value: 256, unit: 'characters', source: ALIAS, hard: true },
  /** Version descriptions: at most 256 characters (API `VersionDescription`; CloudFormation's schema allows more, the API refuses it). */
  versionDescriptionLength: { value: 256, unit: 'characters', source: PUB, hard: true },
  /** Versions an alias routes to: 1 or 2 (API `RoutingConfigurationList`). */
  routingVersions: { value: 2, unit: 'versions', source: ALIAS, hard: true },
  /** The weights of an alias's versions add up to 100 (API `RoutingConfigurationListItem.weight`, 0 to 100). */
  routingWeightTotal: { value: 100, unit: 'percent', source: ALIAS, hard: true },
  /** The smallest share a canary or linear deployment shifts at a step (DEPL `Percentage`). */
  deploymentPercentageMin: { value: 1, unit: 'percent', source: DEPL, hard: true },
  /** The largest share a canary or linear deployment shifts at a step (DEPL `Percentage`). */
  deploymentPercentageMax: { value: 99, unit: 'percent', source: DEPL, hard: true },
  /** The shortest wait between two steps of a deployment (DEPL `Interval`). */
  deploymentIntervalMin: { value: 1, unit: 'minutes', source: DEPL, hard: true },
  /** The longest wait between two steps of a deployment (DEPL `Interval`). */
  deploymentIntervalMax: { value: 2_100, unit: 'minutes', source: DEPL, hard: true },
  /** Alarms a deployment watches (DEPL `Alarms`: 1 to 100 names). */
  deploymentAlarms: { value: 100, unit: 'alarms', source: DEPL, hard: true },
  /** Length of an alarm name a deployment watches (DEPL `Alarms`: 1 to 256 characters each). */
  alarmNameLength: { value: 256, unit: 'characters', source: DEPL, hard: true },
  /** A linear deployment's steps (ceil(100 / percentage) x interval) take at most 2,100 minutes (RP). */
  linearDeploymentMinutes: { value: 2_100, unit: 'minutes', source: RP, hard: true },
} satisfies Record<string, Quota>;

/**
 * Shares of a quota at which validation warns before the quota is reached. A policy of
 * cdk-stepwise, not an AWS number.
 */
export const THRESHOLDS = {
  /** Warn when a definition or a static payload reaches 80% of its quota. */
  nearQuotaShare: 0.8,
};

/**
 * How many characters an unresolved CloudFormation value is assumed to take once deployed, when
 * the definition size is estimated at synth time. Each is the longest the value can be (or, for
 * names AWS adds over time, the longest today with room to spare), so the estimate is an upper
 * bound: a definition under the quota with these estimates is under it once deployed.
 */
export const TOKEN_ESTIMATES = {
  /** `AWS::Partition`: the longest partition ID today is `aws-us-gov` (10). */
  partition: { value: 16, unit: 'characters', source: 'https://docs.aws.amazon.com/whitepapers/latest/aws-fault-isolation-boundaries/partitions.html', hard: false },
  /** `AWS::Region`: the longest Region codes today have 14 characters (`ap-southeast-5`). */
  region: { value: 20, unit: 'characters', source: 'https://docs.aws.amazon.com/general/latest/gr/rande.html', hard: false },
  /** `AWS::AccountId`: always 12 digits. */
  accountId: { value: 12, unit: 'characters', source: 'https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html', hard: true },
  /** `AWS::URLSuffix`: `amazonaws.com`, `amazonaws.com.cn` (16) and the ISO partitions' suffixes. */
  urlSuffix: { value: 24, unit: 'characters', source: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/pseudo-parameter-reference.html', hard: false },
  /** `AWS::StackName`: at most 128 characters (CFN "Stack name"). */
  stackName: { value: 128, unit: 'characters', source: CFN, hard: true },
  /**
   * A `Ref` or `Fn::GetAtt` of a resource: ARNs, names and URLs. ARNs in the Step Functions API
   * have at most 256 characters (API `Arn` shape), and names and queue URLs are shorter.
   */
  resourceAttribute: { value: 256, unit: 'characters', source: ARN_SHAPE, hard: false },
  /**
   * A template parameter, a custom resource attribute, an imported value, another stack pseudo
   * parameter, or any other intrinsic: CloudFormation caps parameter values and custom resource
   * responses at 4,096 bytes (CFN "Parameter value", "Custom resource response").
   */
  other: { value: 4_096, unit: 'characters', source: CFN, hard: false },
} satisfies Record<string, Quota>;

/**
 * Characters Step Functions rejects in state machine, activity and execution names (SQ "General
 * quotas": whitespace; wildcards `? *`; brackets `< > { } [ ]`; special characters
 * `" # % \ ^ | ~ $ & , ; : /` and the backquote; control characters U+0000-U+001F and U+007F-U+009F),
 * plus U+FFFE, U+FFFF and unpaired surrogates (API `CreateStateMachine` `name` documentation).
 */
// eslint-disable-next-line no-control-regex
export const NAME_FORBIDDEN_CHARACTERS = /[\s?*<>{}[\]"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Characters allowed in tag keys and values: Unicode letters, digits, whitespace and `_ . : / = + - @`
 * (SQ "Restrictions related to tagging").
 */
export const TAG_ALLOWED_CHARACTERS = /^[\p{L}\p{N}\p{Z}\s_.:/=+\-@]*$/u;

/** The prefix AWS reserves for its own tag keys (SQ "Restrictions related to tagging"). */
export const TAG_RESERVED_PREFIX = 'aws:';

/**
 * Characters a state machine name needs for CloudWatch Logs and metrics to work with it: "To enable
 * logging with CloudWatch Logs, the name should only contain 0-9, A-Z, a-z, - and _" (API
 * `CreateStateMachine` `name`).
 */
export const CLOUDWATCH_FRIENDLY_NAME = /^[0-9A-Za-z_-]*$/;

/**
 * Characters Step Functions rejects in a Distributed Map `Label`: whitespace, `? *`, `< > { } [ ]`,
 * `: ; , \ | ^ ~ $ # % & \` "` and control characters (DMAP "Label"; ValidateStateMachineDefinition
 * code `INVALID_LABEL_NAME`).
 */
// eslint-disable-next-line no-control-regex
export const LABEL_FORBIDDEN_CHARACTERS = /[\s?*<>{}[\]:;,\\|^~$#%&`"\u0000-\u001f\u007f-\u009f]/;

/**
 * State machine alias names: letters, digits, `-`, `_` and `.`, with at least one character that is
 * not a digit, so that a name cannot be read as a version number (ALIAS `CharacterRestrictedName`:
 * `^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$`).
 */
export const ALIAS_NAME = /^(?=.*[a-zA-Z_\-.])[a-zA-Z0-9_\-.]+$/;

/** The name of a quota in the table. */
export type QuotaName = keyof typeof QUOTAS;

/** `262,144 bytes`: a quota's value with its unit, for messages. */
export function describeQuota(name: QuotaName): string {
  const q: Quota = QUOTAS[name];
  return `${formatNumber(q.value)} ${q.unit}`;
}

/**
 * `1,048,576`: a number with thousands separators, as messages write it. The same as
 * `toLocaleString('en-US')` for the numbers messages show, without its cost (validation formats
 * numbers for every finding).
 */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) {
    return String(n);
  }
  const [whole, fraction] = String(Math.abs(n)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+$)/g, ',');
  return `${n < 0 ? '-' : ''}${grouped}${fraction !== undefined ? `.${fraction}` : ''}`;
}

/**
 * Error names Step Functions defines (ASL Appendix A, https://states-language.net/spec.html;
 * ERR https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html adds
 * `States.DataLimitExceeded`, `States.Runtime`, `States.Http.Socket` and
 * `States.Http.StatusCode.<code>` for HTTP Tasks).
 */
export const PREDEFINED_ERROR_NAMES: ReadonlySet<string> = new Set([
  'States.ALL', 'States.HeartbeatTimeout', 'States.Timeout', 'States.TaskFailed', 'States.Permissions',
  'States.ResultPathMatchFailure', 'States.ParameterPathFailure', 'States.QueryEvaluationError',
  'States.BranchFailed', 'States.NoChoiceMatched', 'States.IntrinsicFailure',
  'States.ExceedToleratedFailureThreshold', 'States.ItemReaderFailed', 'States.ResultWriterFailed',
  'States.DataLimitExceeded', 'States.Runtime', 'States.Http.Socket',
]);

/** Whether `name` uses the reserved `States.` prefix without being an error Step Functions defines. */
export function isUnknownStatesError(name: string): boolean {
  return name.startsWith('States.') && !PREDEFINED_ERROR_NAMES.has(name) && !/^States\.Http\.StatusCode\.\d{3}$/.test(name);
}
