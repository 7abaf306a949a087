import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW4xx: hygiene warnings from the Step Functions best practices (`src/validation/rules/hygiene.ts`).
 * They never fail a synth; acknowledge one with `Annotations.of(scope).acknowledgeWarning()`.
 */
export const HYGIENE_CODES = defineCodes({
  SW401: {
    title: 'Waiting task without a timeout',
    severity: Severity.WARNING,
    meaning: 'A Task that waits for something outside the call has no `TimeoutSeconds` (or `TimeoutSecondsPath`): an activity, a callback (`.waitForTaskToken`) or a job run to completion (`.sync`, `.sync:2`). If the worker, the token holder or the job never answers, Step Functions waits up to the execution\'s maximum duration (a year for Standard workflows). Request-response calls are not warned about: they return when the service answers, and a Lambda function stops at its own timeout (15 minutes at most).',
    fix: 'Give the task a timeout a little above its longest expected run (`taskTimeout` in aws-cdk-lib and on cdk-stepwise steps).',
  },
  SW402: {
    title: 'Callback or activity task without a heartbeat',
    severity: Severity.WARNING,
    meaning: 'A callback (`.waitForTaskToken`) or activity Task has no `HeartbeatSeconds`. If the worker holding the token dies, the execution only notices when the task timeout expires.',
    fix: 'Set a heartbeat below the task timeout and have the worker call SendTaskHeartbeat more often than that.',
  },
  SW403: {
    title: 'Lambda task without retry on transient errors',
    severity: Severity.WARNING,
    meaning: 'A Lambda Task has no retrier for the transient Lambda service errors `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException` and `Lambda.ClientExecutionTimeoutException`, which AWS recommends retrying.',
    fix: 'Add `{ "ErrorEquals": ["Lambda.ClientExecutionTimeoutException", "Lambda.ServiceException", "Lambda.AWSLambdaException", "Lambda.SdkClientException"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2 }` (aws-cdk-lib `LambdaInvoke` adds it unless `retryOnServiceExceptions` is false).',
  },
  SW404: {
    title: 'Express workflow without logging',
    severity: Severity.WARNING,
    meaning: 'An Express workflow has logging turned off. Step Functions keeps no execution history for Express workflows: CloudWatch Logs is the only record of what an execution did.',
    fix: 'Turn on logging (`logs: { destination, level: LogLevel.ALL }`, or the Workflow default), at least at level ERROR.',
  },
  SW405: {
    title: 'Standard workflow that can wait, without a timeout',
    severity: Severity.WARNING,
    meaning: 'A Standard state machine has no top-level `TimeoutSeconds` and a state that can wait long: an activity, callback or `.sync` Task without a literal `TimeoutSeconds`, or a Wait whose time comes from the input (`SecondsPath`, `TimestampPath`, a JSONata `Seconds` or `Timestamp`). A stuck execution can then run for a year before it times out. The message names the first such state.',
    fix: 'Set a timeout on the state machine: `timeout` on a Workflow (24 hours by default) or on an aws-cdk-lib state machine built from states. If you already passed `timeout` with `DefinitionBody.fromString` or `fromFile`, aws-cdk-lib dropped it (aws-cdk #37150): write `TimeoutSeconds` into the definition itself, or use `AslDefinition`, which does.',
  },
  SW407: {
    title: 'Expression taken as a literal',
    severity: Severity.WARNING,
    meaning: 'A value in a JSONPath payload template (`Parameters`, `ResultSelector`, `ItemSelector`, `Assign`, ...) is a path or an intrinsic function call (`"$.order.id"`, `"States.Format(...)"`) under a key that does not end in `.$`: Step Functions passes it on as plain text, not the value it names (ValidateStateMachineDefinition warns `NO_DOLLAR`).',
    fix: 'End the key with `.$` (`"orderId.$": "$.order.id"`) to evaluate the path; if the text is meant literally, acknowledge the warning.',
  },
});
