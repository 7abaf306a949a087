import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW1xx: Step Functions service quotas, checked at synth time on the rendered definition and the
 * state machine's settings (`src/validation/rules/quotas.ts`). Every number is in `quotas.ts`.
 */
export const QUOTA_CODES = defineCodes({
  SW101: {
    title: 'Definition too large',
    severity: Severity.ERROR,
    meaning: 'The definition is longer than 1,048,576 characters, the hard quota on a state machine definition, even counting every unresolved CloudFormation value at its shortest. CloudFormation would fail to create or update the state machine.',
    fix: 'Move parts of the workflow into child state machines (a `states:startExecution` task), shorten long static payloads (pass S3 references instead), or split large Parallel states.',
  },
  SW102: {
    title: 'Definition near the size quota',
    severity: Severity.WARNING,
    meaning: 'The definition, with unresolved CloudFormation values (ARNs, URLs, names) estimated at their longest, reaches 80% of the 1,048,576-character quota, or exceeds it only because of those estimates.',
    fix: 'Plan the split before the quota is hit: move self-contained parts into child state machines, or shorten static payloads.',
  },
  SW103: {
    title: 'Invalid state name length',
    severity: Severity.ERROR,
    meaning: 'A state name is empty or longer than 80 Unicode characters, the limit on state names (ASL; API `StateName`). Step Functions rejects the definition.',
    fix: 'Shorten the state name to at most 80 characters; put details in the state\'s `Comment`.',
  },
  SW104: {
    title: 'Invalid state machine name',
    severity: Severity.ERROR,
    meaning: 'The state machine name is empty, longer than 80 characters, or contains a character Step Functions rejects: whitespace, `? * < > { } [ ] " # % \\ ^ | ~ $ & , ; : /`, the backquote or a control character.',
    fix: 'Use 1 to 80 characters from `A-Z a-z 0-9 - _`, or leave the name out and let CloudFormation generate one.',
  },
  SW105: {
    title: 'State machine name not CloudWatch-friendly',
    severity: Severity.WARNING,
    meaning: 'The state machine name contains characters other than `0-9 A-Z a-z - _` (for example non-ASCII letters or dots). Step Functions accepts it, but CloudWatch Logs logging and CloudWatch metrics do not work well with such names.',
    fix: 'Use only `0-9 A-Z a-z - _` in the name.',
  },
  SW106: {
    title: 'Invalid activity name',
    severity: Severity.ERROR,
    meaning: 'An activity (a `CfnActivity`, or the name in an activity ARN used as a Task `Resource`) has a name that is empty, longer than 80 characters, or contains a character Step Functions rejects. Activities built with cdk-stepwise are checked when built (SW602); this catches any other.',
    fix: 'Use 1 to 80 characters from `A-Z a-z 0-9 - _` for the activity name.',
  },
  SW107: {
    title: 'Static payload over the payload quota',
    severity: Severity.ERROR,
    meaning: 'The literal part of a payload written in the definition (Pass `Result`, `Parameters`, `Arguments`, `ItemSelector`, `ResultSelector`, `Output`, `ItemBatcher.BatchInput`) is over 262,144 bytes of UTF-8, the hard quota on a state\'s input or output, or an `Assign` is over 262,144 bytes, the quota on the variables of one `Assign`. Every run of the state fails with `States.DataLimitExceeded`, which `States.ALL` does not catch.',
    fix: 'Keep large data out of the definition: store it in S3 (or DynamoDB) and pass its key; read it in the task that needs it.',
  },
  SW108: {
    title: 'Static payload near the payload quota',
    severity: Severity.WARNING,
    meaning: 'The literal part of a payload written in the definition reaches 80% of the 262,144-byte quota. Whatever the state adds at run time (its input, a task result) can push it over, and the state then fails with `States.DataLimitExceeded`.',
    fix: 'Keep large data out of the definition: store it in S3 (or DynamoDB) and pass its key.',
  },
  SW109: {
    title: 'Too many tags',
    severity: Severity.ERROR,
    meaning: 'The state machine has more than 50 tags, the maximum per Step Functions resource (it cannot be raised). Tags added with `Tags.of(scope)` on a stack or app count too.',
    fix: 'Remove tags, or apply some of them to the stack instead of to each resource.',
  },
  SW110: {
    title: 'Invalid tag',
    severity: Severity.ERROR,
    meaning: 'A tag key is empty or longer than 128 characters, a tag value is longer than 256 characters, or a key starts with the reserved prefix `aws:`. Step Functions rejects the tags.',
    fix: 'Use keys of 1 to 128 characters that do not start with `aws:`, and values of at most 256 characters.',
  },
  SW111: {
    title: 'Tag with unusual characters',
    severity: Severity.WARNING,
    meaning: 'A tag key or value contains a character outside the set AWS documents for tags: Unicode letters, digits, whitespace and `_ . : / = + - @`. Some services and tools reject such tags.',
    fix: 'Use only letters, digits, spaces and `_ . : / = + - @` in tags.',
  },
  SW112: {
    title: 'Inline Map concurrency above 40',
    severity: Severity.WARNING,
    meaning: 'An inline Map state sets `MaxConcurrency` above 40. Step Functions accepts it but runs about 40 iterations at a time at most, so the setting does not do what it says.',
    fix: 'Set `MaxConcurrency` to 40 or less, or use a Distributed Map (up to 10,000 parallel child executions) for more parallelism.',
  },
  SW113: {
    title: 'Invalid Map settings',
    severity: Severity.ERROR,
    meaning: 'A Map state has a setting outside what Step Functions accepts: `MaxConcurrency` negative, not an integer, or above 10,000 on a Distributed Map; `ToleratedFailurePercentage` outside 0-100; `ToleratedFailureCount` negative; an `ItemBatcher` with no size limit, or a `MaxInputBytesPerBatch` above 262,144 bytes; `ReaderConfig.MaxItems` not a positive integer; or a Distributed Map without `ItemProcessor.ProcessorConfig.ExecutionType`.',
    fix: 'Bring the setting named in the message into the range given.',
  },
  SW114: {
    title: 'Invalid Map Run label',
    severity: Severity.ERROR,
    meaning: 'A Distributed Map `Label` is longer than 40 characters, contains a character Step Functions rejects (whitespace, `? * < > { } [ ] : ; , \\ | ^ ~ $ # % & \\` "`, control characters), or is used by two Map states.',
    fix: 'Give each Distributed Map a unique label of at most 40 characters from `A-Z a-z 0-9 - _`.',
  },
  SW115: {
    title: 'State machine timeout above the maximum duration',
    severity: Severity.WARNING,
    meaning: 'The state machine\'s `TimeoutSeconds` is longer than an execution can run: 1 year for Standard workflows, 5 minutes for Express workflows. The execution stops at the maximum anyway, so the timeout is misleading.',
    fix: 'Set the timeout to the maximum or less, or use a Standard workflow for long-running work.',
  },
  SW116: {
    title: 'Wait longer than the execution can run',
    severity: Severity.ERROR,
    meaning: 'A Wait state waits longer (`Seconds`) than the execution is allowed to run: the state machine\'s `TimeoutSeconds`, or the maximum duration of its type (1 year Standard, 5 minutes Express). Every execution that reaches it fails with `States.Timeout`.',
    fix: 'Shorten the wait, raise the state machine timeout, or use a Standard workflow for long waits.',
  },
  SW117: {
    title: 'Task timeout longer than the execution can run',
    severity: Severity.WARNING,
    meaning: 'A Task\'s `TimeoutSeconds` or `HeartbeatSeconds` is longer than the execution is allowed to run (the state machine\'s timeout, or 1 year Standard / 5 minutes Express), so it can never fire: the execution times out first.',
    fix: 'Lower the task timeout below the state machine timeout, so a stuck task fails the task (which a Catch can handle) rather than the whole execution.',
  },
  SW118: {
    title: 'Loop can exhaust the execution history',
    severity: Severity.WARNING,
    meaning: 'States form a loop (for example a polling loop) in a Standard workflow. Each pass adds events to the execution history, which is capped at 25,000 events; an execution that reaches the cap fails. The message gives the fewest events one pass adds and how many passes fit.',
    fix: 'Bound the loop with a counter checked by the Choice state, or continue the work in a new execution (a `states:startExecution` task) after a number of passes; for waiting on a job, prefer a `.sync` or callback integration to polling.',
  },
  SW119: {
    title: 'Inline Map over an input-sized list',
    severity: Severity.WARNING,
    meaning: 'An inline Map in a Standard workflow iterates over a list read from the input (`ItemsPath` or `Items` expression). Every iteration adds events to the parent execution\'s history, capped at 25,000 events; the message gives the largest list that fits.',
    fix: 'Use a Distributed Map (each iteration is a child execution with its own history) for lists that can grow, or cap the list size before the Map.',
  },
});
