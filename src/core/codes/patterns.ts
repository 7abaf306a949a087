import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW7xx: error-handling presets (`RetryPreset`, `CatchPreset`, `FailurePath`, `TimeoutPreset`) and
 * workflow patterns (`Saga`, `PollUntilDone`, `HumanApproval`, `WorkflowAlarms`). All are thrown as
 * `StepwiseError` when the preset or pattern is built with settings that cannot work.
 */
export const PATTERN_CODES = defineCodes({
  SW701: {
    title: 'Retry setting out of range',
    severity: Severity.ERROR,
    meaning: 'A retry preset has a setting Step Functions rejects: `MaxAttempts` not a whole number from 0 to 99,999,999, `IntervalSeconds` not a whole number of seconds from 1 to 99,999,999, `BackoffRate` below 1, or `MaxDelaySeconds` not a whole number of seconds above 0 and below 31,622,401.',
    fix: 'Use whole seconds (`Duration.seconds(2)`, not milliseconds), a backoff rate of at least 1, and a maximum delay between 1 second and 366 days.',
  },
  SW702: {
    title: 'Invalid error names',
    severity: Severity.ERROR,
    meaning: 'A retry or catch preset was given an empty list of errors, an empty error name, `States.ALL` together with other names (it must be alone), or a `States.` name that Step Functions does not define.',
    fix: 'List the errors by their exact names (for example `Lambda.TooManyRequestsException`); use `States.ALL` alone; user-defined errors must not start with `States.`.',
  },
  SW703: {
    title: 'Unknown AWS SDK service',
    severity: Severity.ERROR,
    meaning: 'An AWS SDK retry preset or error name was asked for a service that Step Functions\' AWS SDK integrations do not list, so its exception prefix is unknown.',
    fix: 'Use the service name of the task\'s resource `arn:aws:states:::aws-sdk:<service>:<action>` in lowercase (for example `dynamodb`, `sfn`, `cloudwatchlogs`), or build the preset with `RetryPreset.custom()` and the exact error names.',
  },
  SW704: {
    title: 'Invalid timeout preset',
    severity: Severity.ERROR,
    meaning: 'A timeout preset has a task timeout or heartbeat that is not a whole number of seconds from 1 to 99,999,999 (a heartbeat not shorter than the timeout is SW213, as on a step).',
    fix: 'Use whole seconds, for example `Duration.minutes(5)`.',
  },
  SW705: {
    title: 'Invalid failure path',
    severity: Severity.ERROR,
    meaning: 'A `FailurePath` or `CatchPreset` has an error name starting with `States.` (reserved), an empty error name, or a result field that is not a plain field name.',
    fix: 'Name the error after your domain (for example `OrderFailed`), and the result field with letters, digits and underscores (for example `error`).',
  },
  SW706: {
    title: 'Invalid saga',
    severity: Severity.ERROR,
    meaning: 'A `Saga` was built wrongly: it has no steps, a step or compensation name is empty, longer than 80 characters, or used twice, or the error variable is not a valid variable name.',
    fix: 'Add at least one step; give every step and compensation a unique name of at most 80 characters (pass `compensationName` when the default `Undo <step>` is too long); name the error variable with letters, digits and underscores.',
  },
  SW707: {
    title: 'Invalid polling loop',
    severity: Severity.ERROR,
    meaning: 'A `PollUntilDone` has a maximum number of checks below 1, a wait that is not a whole number of seconds from 1 to 99,999,999, a backoff rate below 1, a maximum wait shorter than the first wait, or a worst case that would exhaust the Standard execution history (25,000 events) before the loop gives up, so the execution would fail with no clear error.',
    fix: 'Lower `maxAttempts` or raise the wait so that the worst case stays under the history quota (the message gives the events per check), or continue the work in a child execution.',
  },
  SW708: {
    title: 'Invalid human approval',
    severity: Severity.ERROR,
    meaning: 'A `HumanApproval` has no channel, a timeout that is not a whole number of seconds from 1 second to 1 year (a callback cannot outlive the execution), a summary that SNS would reject as a subject (empty, over 99 characters, not printable ASCII on one line), or a result field that is not a plain field name.',
    fix: 'Pass `ApprovalChannel.snsTopic(topic)` or `ApprovalChannel.sqsQueue(queue)`, a timeout in whole seconds below the workflow\'s own timeout (for example `Duration.days(3)`), a short one-line ASCII summary, and a result field such as `approval`.',
  },
  SW709: {
    title: 'Invalid alarm settings',
    severity: Severity.ERROR,
    meaning: 'A workflow alarm has a negative threshold, fewer than 1 evaluation period, more datapoints to alarm than evaluation periods, or a period that is not a whole number of minutes.',
    fix: 'Use a threshold of 0 or more, at least 1 evaluation period, at most as many datapoints to alarm as evaluation periods, and a period of 1 minute or a multiple of it.',
  },
});
