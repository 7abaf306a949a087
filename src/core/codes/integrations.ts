import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW5xx: service integrations (`LambdaSteps`, `SqsSteps`, ..., `SdkSteps`) and callbacks. Thrown
 * as `StepwiseError` when a step is bound into a flow (the message names the state). A step's
 * times are checked under the ASL codes the definition validation uses (SW213, SW214), and a
 * callback without a heartbeat is the validation's SW402: one code per mistake.
 */
export const INTEGRATION_CODES = defineCodes({
  SW501: {
    title: 'Callback without the task token',
    severity: Severity.ERROR,
    meaning: 'A wait-for-callback (`.waitForTaskToken`) step sends a payload that does not carry the task token. Nobody could call SendTaskSuccess or SendTaskFailure, so the execution would wait until the step times out.',
    fix: 'Pass the payload as an object (`TaskInput.fromObject`) and the step adds the token in its `taskTokenField`; or put `JsonPath.taskToken` (JSONPath) or `TaskToken.JSONATA` (`{% $states.context.Task.Token %}`) in the payload yourself.',
  },
  SW504: {
    title: 'Unknown AWS SDK service',
    severity: Severity.ERROR,
    meaning: 'An AWS SDK integration names a service that Step Functions does not integrate with (`arn:aws:states:::aws-sdk:<service>:<action>`). Step Functions would reject the definition.',
    fix: 'Use the service name from the Step Functions list of AWS SDK integrations (lowercase, no dashes: `sfn`, `cloudwatchlogs`, `eventbridge`, `s3`); the message suggests one when the name is an IAM prefix or a near miss.',
  },
  SW505: {
    title: 'Malformed AWS SDK action',
    severity: Severity.ERROR,
    meaning: 'An AWS SDK integration action is not a camelCase API name (`getObject`), or it carries an integration pattern suffix (`.sync`, `.waitForTaskToken`).',
    fix: 'Write the API name in camelCase without a suffix; for a callback use `SdkSteps.callWithCallback()`. AWS SDK integrations do not support `.sync`.',
  },
  SW506: {
    title: 'AWS SDK call without IAM resources',
    severity: Severity.ERROR,
    meaning: 'Step Functions generates no IAM policy for AWS SDK integrations, so the step must name the resources its action is allowed on. None were given, or `*` was given without opting in.',
    fix: 'Pass the ARNs the call touches with `SdkIamResources.arns([...])`, or opt in to every resource with `SdkIamResources.allResources()` when the API has no resource-level permissions or the resource is chosen at run time.',
  },
  SW507: {
    title: 'Task token field already used',
    severity: Severity.ERROR,
    meaning: 'A callback step adds the task token to its payload in `taskTokenField`, but the payload already has a field of that name with another value.',
    fix: 'Choose another `taskTokenField`, or rename the payload\'s field.',
  },
  SW508: {
    title: 'Option not available in the query language',
    severity: Severity.ERROR,
    meaning: 'A step was given an option of the other query language: `inputPath`, `resultPath`, `resultSelector`, `outputPath` or a `Timeout.at()` / `Heartbeat.at()` path in a JSONata state, or `outputs` or a JSONata timeout in a JSONPath state.',
    fix: 'Use `outputs` and `assign` (and JSONata expressions) in JSONata states, and the `*Path` options in JSONPath states; or bind the step with the query language the options are written for.',
  },
  SW509: {
    title: 'AWS SDK operation not supported',
    severity: Severity.ERROR,
    meaning: 'Step Functions lists this operation as not supported for its service\'s AWS SDK integration (streaming and a few other APIs).',
    fix: 'Call the operation from a Lambda function instead, or use a supported alternative (for example `invokeModel` instead of `invokeModelWithResponseStream`).',
  },
  SW510: {
    title: 'Malformed IAM action',
    severity: Severity.ERROR,
    meaning: 'An explicit `iamActions` entry of an AWS SDK step is not of the form `<service-prefix>:<Action>`, `iamActions` is empty, or it is missing while the service or action is a deploy-time token (so no action can be derived).',
    fix: 'Write each action as `prefix:Action`, for example `s3:GetObject`, as in the IAM Service Authorization Reference; pass `iamActions` when the service or action is a token.',
  },
  SW511: {
    title: 'Callback without a task timeout or heartbeat',
    severity: Severity.ERROR,
    meaning: 'A wait-for-callback step was built without `taskTimeout` or `heartbeat` (possible from JavaScript, where required props are not checked). Without them a lost task token keeps the execution waiting for up to a year.',
    fix: 'Pass `taskTimeout` (e.g. `sfn.Timeout.duration(Duration.hours(1))`) and `heartbeat` (`Heartbeat.every(...)`, or `Heartbeat.none()` to opt out explicitly).',
  },
});
