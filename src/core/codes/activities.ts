import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW6xx: activities and their workers. SW602, SW604 and SW605 are thrown as `StepwiseError` when an
 * activity step, an activity or a worker service is built, SW606 is a warning on a worker
 * service; SW610-SW618 are the codes of the typed errors the Node worker runtime
 * (`cdk-stepwise/runtime`) throws or reports.
 */
export const ACTIVITY_CODES = defineCodes({
  SW602: {
    title: 'Invalid activity name',
    severity: Severity.ERROR,
    meaning: 'An activity name is empty, longer than 80 characters, or contains a character Step Functions rejects (whitespace, `? * < > { } [ ] " # % \\ ^ | ~ $ & , ; : /`, the backquote, control characters).',
    fix: 'Use 1 to 80 characters, preferably only `A-Z a-z 0-9 - _` (CloudWatch logging and metrics need those), or leave the name out and let CloudFormation generate one.',
  },
  SW604: {
    title: 'Invalid activity input',
    severity: Severity.ERROR,
    meaning: 'An activity step\'s input cannot be written in its query language: a JSONPath state needs an object (`TaskInput.fromObject`) as its `Parameters`, and a text input is only valid as a JSONata expression.',
    fix: 'Pass `TaskInput.fromObject({...})`; to hand the worker part of the state input in JSONPath, use `inputPath` instead of `TaskInput.fromJsonPathAt`.',
  },
  SW605: {
    title: 'Invalid worker service settings',
    severity: Severity.ERROR,
    meaning: 'An `ActivityWorkerService` has settings ECS or the worker cannot honour: a minimum task count above the maximum, a stop timeout outside 2-120 seconds (the Fargate range), a drain timeout not below the stop timeout, or a concurrency below 1.',
    fix: 'Keep `minCapacity <= maxCapacity`, `stopTimeout` within 2-120 seconds, `drainTimeout` a few seconds below `stopTimeout`, and `concurrency >= 1`.',
  },
  SW606: {
    title: 'Worker fleet capped at the poller limit',
    severity: Severity.WARNING,
    meaning: 'An `ActivityWorkerService` could run more open polls than Step Functions allows on one activity: `maxCapacity` tasks x `concurrency` polls each is above 1,000 pollers per activity ARN. Polls past the limit are answered `ActivityWorkerLimitExceeded` and only back off, so the service caps its task count at floor(1,000 / concurrency) instead.',
    fix: 'Nothing, if the cap suits you. Otherwise raise `concurrency` (fewer, busier workers) or split the work across activities; leave room for any other poller of the same activity.',
  },
  SW610: {
    title: 'Invalid worker configuration',
    severity: Severity.ERROR,
    meaning: 'An `ActivityWorker` was created with options that cannot work: a malformed activity ARN, a concurrency below 1, a worker name outside 1-80 characters, or a heartbeat interval not below the activity\'s heartbeat. Thrown by the constructor as `WorkerConfigError`.',
    fix: 'Fix the option named in the message; the defaults (concurrency 10, heartbeat every 20 seconds or a third of `activityHeartbeatSeconds`) suit most workers.',
  },
  SW611: {
    title: 'Task output not deliverable',
    severity: Severity.ERROR,
    meaning: 'A handler returned a value that is not JSON (a BigInt, a cycle, a function) or whose JSON is over 262,144 bytes of UTF-8. Step Functions would reject it, so the worker reports the task as failed with `Worker.InvalidOutput` or `Worker.OutputTooLarge` instead of dropping it.',
    fix: 'Return plain JSON data; put large results in S3 (or another store) and return a reference to them.',
  },
  SW612: {
    title: 'Invalid task token',
    severity: Severity.ERROR,
    meaning: 'A task token is empty, longer than 2,048 characters, contains whitespace (a `+` turned into a space by URL decoding), or was rejected by Step Functions with `InvalidToken`. Thrown as `InvalidTaskTokenError`.',
    fix: 'Pass the token exactly as Step Functions produced it. In URLs, encode it with `TaskTokens.toUrlSafe()` (or `encodeURIComponent`) and decode it with `TaskTokens.fromUrlSafe()`.',
  },
  SW613: {
    title: 'Task closed',
    severity: Severity.WARNING,
    meaning: 'Step Functions answered `TaskTimedOut` or `TaskDoesNotExist`: the task timed out, was already completed, or its execution ended. A worker aborts the handler\'s signal and sends nothing more; a callback helper reports the outcome `closed` (or `possiblyDelivered` when an earlier attempt may have gone through).',
    fix: 'Nothing to do for a duplicate completion. If tasks time out while running, raise the step\'s task timeout, or send heartbeats more often than the step\'s heartbeat.',
  },
  SW614: {
    title: 'Completion not delivered',
    severity: Severity.ERROR,
    meaning: 'SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat still failed after every retry (throttling, network or service errors), or failed with an error that cannot be retried (KMS access denied, access denied). Thrown as `DeliveryError`; the task will time out in Step Functions.',
    fix: 'Check the worker\'s IAM permissions and network path to Step Functions; raise `retry.maxAttempts` if the account is throttled, or ask for a higher SendTask* quota.',
  },
  SW615: {
    title: 'Worker cannot poll',
    severity: Severity.ERROR,
    meaning: 'GetActivityTask failed with an error retrying cannot fix: the activity does not exist, the ARN is invalid, access is denied, or the activity\'s KMS key cannot be used. The worker stops and `start()` rejects with a `FatalPollError`.',
    fix: 'Check the activity ARN (and its Region), the worker\'s `states:GetActivityTask` permission, and, for a customer managed key, the key policy and state.',
  },
  SW616: {
    title: 'Task failed by shutdown',
    severity: Severity.WARNING,
    meaning: 'The worker was stopped (SIGTERM, SIGINT or `stop()`) and a task was still running at the drain deadline, or arrived after it. The worker reported it as failed with `Worker.ShuttingDown` so the execution does not wait for a timeout.',
    fix: 'Add a Retry on `Worker.ShuttingDown` to the activity step so another worker runs the task, and give the worker a drain timeout that fits the longest task.',
  },
  SW617: {
    title: 'Step Functions call timed out',
    severity: Severity.WARNING,
    meaning: 'A Step Functions call got no complete answer within its deadline (`pollTimeoutMs`, 70 s for GetActivityTask; `sendTimeoutMs`, 10 s for SendTask*): a silent socket, a half-open connection, a response dripping in. The worker gave up on it at the deadline (aborting the request, which closes its socket, unless its response was already arriving) and retried it (a poll with backoff, a SendTask* call within `retry.maxAttempts`). Reported as `RequestTimeoutError` in `pollError` and `retry` events.',
    fix: 'Nothing for an occasional one. Many in a row point at the network path to Step Functions (NAT gateway, proxy, VPC endpoint); a poll deadline below 65 s cuts polls the service still holds.',
  },
  SW618: {
    title: 'Worker already stopped',
    severity: Severity.ERROR,
    meaning: '`start()` was called on an `ActivityWorker` that is stopping or stopped (after `stop()`, SIGTERM or SIGINT, or a fatal poll error). A worker runs once: its clients are closed when it stops. `start()` rejects with `WorkerStateError`.',
    fix: 'Create a new `ActivityWorker` to poll again.',
  },
});
