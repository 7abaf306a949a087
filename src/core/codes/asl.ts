import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW2xx: Amazon States Language rules, checked at synth time on the rendered definition
 * (`src/validation/rules/asl.ts`). They catch definitions Step Functions rejects, or that fail
 * at run time every time, including definitions written with `CustomState` or raw JSON.
 */
export const ASL_CODES = defineCodes({
  SW201: {
    title: 'Definition is not valid',
    severity: Severity.ERROR,
    meaning: 'The definition is not a JSON object (it does not parse, or is an array, a string, ...), or aws-cdk-lib could not render it. Nothing else can be checked.',
    fix: 'Fix the JSON syntax error named in the message (or the aws-cdk-lib error), then synthesize again.',
  },
  SW202: {
    title: 'Definition not checked',
    severity: Severity.WARNING,
    meaning: 'The state machine\'s definition is read from S3 (`DefinitionS3Location`) or is otherwise unavailable at synth time, so none of the definition checks ran.',
    fix: 'Use an inline definition (`DefinitionBody.fromChainable`, `fromString` or `fromFile`) to have it checked, or check the file with `Validator.validateJson()` in a test.',
  },
  SW203: {
    title: 'Invalid StartAt or States',
    severity: Severity.ERROR,
    meaning: 'The state machine, a Parallel branch or a Map processor has no `States` object, no states, or a `StartAt` that is not one of its states; or a Parallel has no `Branches`, or a Map has no `ItemProcessor`.',
    fix: 'Give each scope a `States` object and a `StartAt` naming one of its states; give every Parallel at least one branch and every Map an `ItemProcessor`.',
  },
  SW204: {
    title: 'Invalid state type',
    severity: Severity.ERROR,
    meaning: 'A state is not a JSON object, has no `Type`, or its `Type` is not one of Task, Parallel, Map, Pass, Wait, Choice, Succeed, Fail.',
    fix: 'Give the state one of the eight state types.',
  },
  SW205: {
    title: 'Next and End misused',
    severity: Severity.ERROR,
    meaning: 'A Task, Parallel, Map, Pass or Wait state has neither `Next` nor `"End": true`, or has both; or a Choice, Succeed or Fail state has `Next` or `End` (a Choice moves on through its rules and `Default`; Succeed and Fail end the execution).',
    fix: 'Give the state exactly one of `Next` or `"End": true`; remove `Next`/`End` from Choice, Succeed and Fail states.',
  },
  SW206: {
    title: 'Transition to a missing state',
    severity: Severity.ERROR,
    meaning: 'A `Next`, a Choice rule\'s `Next`, a Choice `Default` or a Catch `Next` names a state that does not exist anywhere in the state machine. Step Functions rejects the definition (`MISSING_TRANSITION_TARGET`).',
    fix: 'Correct the name (names are case-sensitive), or add the missing state.',
  },
  SW207: {
    title: 'Transition across a branch or processor boundary',
    severity: Severity.ERROR,
    meaning: 'A transition names a state that exists, but in another scope: states in a Parallel branch or Map processor can only transition to states of the same branch or processor, and no state outside can transition into them.',
    fix: 'Move the target state into the same branch or processor, or end the branch and continue after the Parallel or Map state.',
  },
  SW208: {
    title: 'Unreachable state',
    severity: Severity.ERROR,
    meaning: 'No `StartAt`, `Next`, Choice rule, `Default` or Catch leads to the state. Step Functions rejects the definition ("State is not reachable").',
    fix: 'Connect the state to the workflow, or delete it.',
  },
  SW209: {
    title: 'No terminal state',
    severity: Severity.ERROR,
    meaning: 'The state machine, a Parallel branch or a Map processor has no state that ends it (a Succeed or Fail state, or a state with `"End": true`). Step Functions rejects the definition (`MISSING_END_STATE`).',
    fix: 'End the last state of the scope with `"End": true`, or add a Succeed or Fail state.',
  },
  SW210: {
    title: '`States.ALL` not alone or not last',
    severity: Severity.ERROR,
    meaning: 'In a Retry or Catch list, `States.ALL` must be the only error name of its retrier or catcher, and that retrier or catcher must be the last one.',
    fix: 'Move `States.ALL` into a retrier or catcher of its own at the end of the list.',
  },
  SW211: {
    title: 'Invalid retrier',
    severity: Severity.ERROR,
    meaning: 'A retrier has no non-empty `ErrorEquals`, or a field out of range: `IntervalSeconds` an integer from 1 to 99,999,999; `MaxAttempts` an integer from 0 to 99,999,999; `BackoffRate` at least 1.0; `MaxDelaySeconds` an integer above 0 and below 31,622,401; `JitterStrategy` `FULL` or `NONE`.',
    fix: 'Bring the field named in the message into range, e.g. `{ "ErrorEquals": ["States.TaskFailed"], "IntervalSeconds": 2, "MaxAttempts": 3, "BackoffRate": 2 }`.',
  },
  SW212: {
    title: 'Invalid catcher',
    severity: Severity.ERROR,
    meaning: 'A catcher has no non-empty `ErrorEquals` or no `Next`.',
    fix: 'Give every catcher the error names it handles (`ErrorEquals`) and the state to go to (`Next`).',
  },
  SW213: {
    title: 'Heartbeat not below the timeout',
    severity: Severity.ERROR,
    meaning: 'A Task\'s `HeartbeatSeconds` is not smaller than its `TimeoutSeconds`. The ASL requires the heartbeat to be smaller, and a heartbeat that cannot fire first detects nothing. Thrown when a cdk-stepwise step is built with such times; reported by validation for any state.',
    fix: 'Make `HeartbeatSeconds` smaller than `TimeoutSeconds` (for example a heartbeat of 60 with a timeout of 3600).',
  },
  SW214: {
    title: 'Time field out of range',
    severity: Severity.ERROR,
    meaning: 'A `TimeoutSeconds` or `HeartbeatSeconds` (of a Task or of the state machine) is not a positive integer (a Task\'s at most 99,999,999), or a Wait `Seconds` is not an integer from 0 to 99,999,999. Thrown when a cdk-stepwise step is built with such a time; reported by validation for any state.',
    fix: 'Use whole seconds in the range given in the message.',
  },
  SW215: {
    title: 'Choice without Default',
    severity: Severity.WARNING,
    meaning: 'A Choice state has no `Default`. When no rule matches, the execution fails with `States.NoChoiceMatched`.',
    fix: 'Add a `Default` state (for example a Fail state that names the unexpected input), or make sure the rules cover every input.',
  },
  SW216: {
    title: 'JSONPath field in a JSONata state',
    severity: Severity.ERROR,
    meaning: 'A state that uses JSONata has a field that only JSONPath states accept: `InputPath`, `Parameters`, `ResultSelector`, `ResultPath`, `OutputPath`, any other `*Path` field, a Choice rule\'s `Variable`, comparison operators, `And`/`Or`/`Not`, or a key ending in `.$`.',
    fix: 'Write the state in JSONata: `Arguments` instead of `Parameters`, `Output` instead of `ResultSelector`/`ResultPath`/`OutputPath`, `Items` instead of `ItemsPath`, `Condition` in Choice rules, `{% ... %}` expressions instead of paths; or make the state JSONPath.',
  },
  SW217: {
    title: 'JSONata field in a JSONPath state',
    severity: Severity.ERROR,
    meaning: 'A state that uses JSONPath has a field that only JSONata states accept: `Arguments`, `Output`, `Items`, or a Choice rule\'s `Condition`.',
    fix: 'Set `"QueryLanguage": "JSONata"` on the state (or the state machine), or write it with JSONPath fields (`Parameters`, `ResultSelector`, `OutputPath`, `ItemsPath`, `Variable` and operators).',
  },
  SW218: {
    title: 'JSONPath state in a JSONata state machine',
    severity: Severity.ERROR,
    meaning: 'A state sets `"QueryLanguage": "JSONPath"` inside a state machine whose top-level query language is JSONata. Step Functions does not allow a JSONata state machine to go back to JSONPath.',
    fix: 'Rewrite the state in JSONata, or make the state machine JSONPath and opt single states into JSONata.',
  },
  SW220: {
    title: 'Field not allowed on this state type',
    severity: Severity.ERROR,
    meaning: 'A state has a field its type does not take: `Retry`/`Catch` on a state other than Task, Parallel or Map; `Resource`, `TimeoutSeconds` or `HeartbeatSeconds` (or their `*Path`) on a state other than Task.',
    fix: 'Remove the field, or wrap the states in a Parallel state to retry or catch errors around them.',
  },
  SW221: {
    title: 'Mutually exclusive fields',
    severity: Severity.ERROR,
    meaning: 'A state sets two fields of which only one is allowed: `TimeoutSeconds` and `TimeoutSecondsPath`, `HeartbeatSeconds` and `HeartbeatSecondsPath`, more than one of a Wait\'s `Seconds`, `SecondsPath`, `Timestamp`, `TimestampPath` (or none), `Error` and `ErrorPath`, `Cause` and `CausePath`, or a Map setting and its `*Path` twin.',
    fix: 'Keep one of the two fields.',
  },
  SW222: {
    title: 'Invalid Choice rules',
    severity: Severity.ERROR,
    meaning: 'A Choice state has no `Choices` (or an empty list), a rule without `Next`, or, in JSONata, a rule without `Condition`.',
    fix: 'Give the Choice at least one rule, each with a condition and a `Next` state.',
  },
  SW223: {
    title: 'Unknown `States.` error name',
    severity: Severity.WARNING,
    meaning: 'A Retry, Catch or Fail state uses an error name that starts with `States.` but is not one Step Functions defines. The `States.` prefix is reserved, so a retrier or catcher for it never matches.',
    fix: 'Use a predefined name (`States.ALL`, `States.TaskFailed`, `States.Timeout`, `States.HeartbeatTimeout`, ...) or give your own error a name without the `States.` prefix.',
  },
  SW224: {
    title: 'Unknown field',
    severity: Severity.ERROR,
    meaning: 'The top level, a branch or processor, a state, or an object inside a state (a retrier, a catcher, a Choice rule, an ItemReader, a ReaderConfig, an ItemBatcher, a ResultWriter, a ProcessorConfig, Credentials) has a field Step Functions does not know, such as a misspelled `"Resouce"` or `"MaxAttempt"`. Step Functions rejects the definition (`SCHEMA_VALIDATION_FAILED`). The message names the closest valid field.',
    fix: 'Correct the field name (names are case-sensitive) or remove the field.',
  },
  SW225: {
    title: 'Required field missing',
    severity: Severity.ERROR,
    meaning: 'A field the States Language requires is missing: a Task\'s `Resource`, `Credentials.RoleArn`, an ItemReader\'s `Resource`, a ResultWriter with neither `Resource` nor `WriterConfig`, a JSONata ResultWriter\'s `Arguments`.',
    fix: 'Add the field named in the message.',
  },
  SW226: {
    title: 'Invalid field value',
    severity: Severity.ERROR,
    meaning: 'A field holds a value of the wrong type, or one Step Functions does not accept: `"End": "true"` (a string), a number as a Fail `Error`, `Parameters` that is not an object, a `QueryLanguage` other than `JSONPath` or `JSONata`, an `InputType` other than CSV, JSON, JSONL, PARQUET or MANIFEST, an `Assign` that is not an object.',
    fix: 'Give the field a value of the type and range the message states.',
  },
  SW227: {
    title: 'Unrecognized Resource',
    severity: Severity.ERROR,
    meaning: 'A Task\'s `Resource` is not something Step Functions can call: not an ARN, an optimized integration action that does not exist (`arn:aws:states:::dynamodb:query`), an integration pattern the service does not offer (`sns:publish.sync`, `.sync` on an AWS SDK integration, `.sync:2` on anything but `states:startExecution`), an unknown suffix, or a JSONata expression (the Resource is written out). Step Functions rejects it: "The resource provided ... is not recognized". Also an ItemReader `Resource` other than `s3:getObject` or `s3:listObjectsV2`, or a ResultWriter `Resource` other than `s3:putObject`.',
    fix: 'Use `arn:aws:states:::<service>:<action>` with an action and pattern the service supports (see the message), `arn:aws:states:::aws-sdk:<service>:<action>` for other APIs, a Lambda function ARN or an activity ARN.',
  },
  SW228: {
    title: 'Invalid timestamp',
    severity: Severity.ERROR,
    meaning: 'A Wait `Timestamp` or a Choice rule\'s `Timestamp...` operand is not an RFC 3339 timestamp with an uppercase `T` between date and time and a `Z` or numeric offset (`2016-03-14T01:59:00Z`), or names a date that does not exist.',
    fix: 'Write the timestamp as `YYYY-MM-DDThh:mm:ssZ` (or with an offset such as `+02:00`).',
  },
  SW230: {
    title: 'Invalid path',
    severity: Severity.ERROR,
    meaning: 'A JSONPath field does not hold a valid path: `InputPath`, `OutputPath` or a Choice `Variable` that does not start with `$` or does not parse; a Reference Path field (`ResultPath`, `ItemsPath`, the `...Path` fields) using a wildcard, filter, slice or `..`; a `ResultPath` that starts with `$$` or names a variable; a Map number `...Path` into the Context object; the value of a `.$` field that is neither a path nor an intrinsic function call, or is not a string.',
    fix: 'Write a path that starts with `$` (`$.order.id`, `$$.Execution.Id`, `$myVariable`); in Reference Paths use only `.name` and `[index]` steps.',
  },
  SW231: {
    title: 'Invalid intrinsic function',
    severity: Severity.ERROR,
    meaning: 'An intrinsic function call does not parse (an unclosed parenthesis or string, an escape other than `\\\' \\{ \\} \\\\`), names a function that does not exist (`States.MathAddd`), has the wrong number of arguments (`States.MathAdd($.n)`), a literal argument of the wrong type, a `States.Format` template whose `{}` placeholders do not match its arguments, more than 10 nested functions, or breaks a function\'s own limits (a `States.JsonMerge` deep merge, a `States.ArrayRange` of more than 1,000 items).',
    fix: 'Correct the call as the message says; the functions and their arguments are listed in the AWS guide "Intrinsic functions for JSONPath states".',
  },
  SW232: {
    title: 'JSONata syntax error',
    severity: Severity.ERROR,
    meaning: 'A JSONata expression (`{% ... %}`) does not parse (the message gives the jsonata library\'s error and the position), or a field that takes a value or an expression holds a string that is neither (an unclosed `{% ...`). Step Functions parses every expression when the state machine is created and rejects the definition.',
    fix: 'Correct the expression at the position given; try it at https://try.jsonata.org with `$states.input` bound.',
  },
  SW233: {
    title: 'JSONata reference not available here',
    severity: Severity.ERROR,
    meaning: 'A JSONata expression reads something Step Functions does not offer where it is: `$$`, `$` or a field name at the top level of the expression (there is no implicit input: use `$states.input`), `$states.result` outside the `Output` and `Assign` of a Task, Map or Parallel, `$states.errorOutput` outside a catcher\'s `Output` and `Assign`, or `$eval`, which Step Functions removed.',
    fix: 'Read the input as `$states.input.<field>`; read `$states.result` only in the state\'s own `Output` and `Assign`, and `$states.errorOutput` only in a catcher; use `$parse` instead of `$eval`.',
  },
  SW234: {
    title: 'Duplicate field once `.$` is removed',
    severity: Severity.ERROR,
    meaning: 'A JSONPath payload template has both `name` and `name.$`. Step Functions removes the `.$` suffix, and the two fields would have the same name.',
    fix: 'Keep one of the two fields.',
  },
  SW235: {
    title: 'Invalid variable name',
    severity: Severity.ERROR,
    meaning: 'An `Assign` names a variable Step Functions does not accept: `states` (reserved), a name that is not a Unicode identifier (it starts with a digit, holds a dot, a space or brackets: only whole variables can be assigned), or one longer than 80 characters.',
    fix: 'Rename the variable: a letter or underscore, then letters, digits or underscores, at most 80 characters, not `states`.',
  },
  SW236: {
    title: 'Variable read before it is assigned',
    severity: Severity.ERROR,
    meaning: 'A state reads a workflow variable (`$name` in a path, an intrinsic function or a JSONata expression) that no state on any path to it assigns: it has no value when the state runs, so the read fails every time the state evaluates it.',
    fix: 'Assign the variable (`Assign`) in a state that runs before this one, or correct its name.',
  },
  SW237: {
    title: 'Variable used outside its scope',
    severity: Severity.ERROR,
    meaning: 'A variable is read where it is not visible: a variable assigned inside a Parallel branch or Map processor is read outside it (inner variables end with their branch or iteration), or a state inside a Distributed Map\'s processor reads a variable of the outer workflow (its child executions cannot see outer variables).',
    fix: 'Return data from a branch or iteration through its output (`Output`, `ResultSelector`), and pass outer values into a Distributed Map through `ItemSelector`.',
  },
});
