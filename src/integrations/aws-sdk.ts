import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { CallbackOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { BindContext, StepTimeouts, bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { sdkIamActions, suggestSdkService } from './private/sdk-iam';
import { SDK_SERVICES, SDK_UNSUPPORTED_OPERATIONS } from './private/sdk-services';
import { sdkCallStatements } from './private/task-policies';
import { carriesTaskToken, missingTokenError } from './private/token';
import { ServiceRetries } from './service-retries';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { StepBindOptions } from '../core/step';
import { RetryPreset } from '../patterns/retry';

/**
 * The resources an AWS SDK step may act on: the `Resource` of its IAM statement.
 *
 * Step Functions generates no IAM policy for AWS SDK integrations, and a `*` resource grants the
 * action on everything in the account, so it must be asked for by name: `allResources()`.
 */
export class SdkIamResources {
  /**
   * These ARNs (wildcards inside an ARN, such as `arn:aws:s3:::my-bucket/*`, are fine).
   *
   * @param arns one or more resource ARNs; `*` alone is refused (use `allResources()`)
   */
  public static fromArns(arns: string[]): SdkIamResources {
    return new SdkIamResources(arns, false);
  }

  /**
   * Every resource (`*`): for APIs without resource-level permissions (`s3:listBuckets`,
   * `ec2:describeInstances`) or a resource chosen at run time.
   */
  public static allResources(): SdkIamResources {
    return new SdkIamResources(['*'], true);
  }

  /** The resource ARNs of the IAM statement. */
  public readonly resourceArns: string[];

  /** Whether this is `allResources()`. */
  public readonly allowsAllResources: boolean;

  private constructor(resourceArns: string[], allowsAllResources: boolean) {
    this.resourceArns = resourceArns;
    this.allowsAllResources = allowsAllResources;
  }
}

/**
 * The call an AWS SDK step makes, for both patterns.
 */
export interface SdkCallOptions {
  /**
   * The service, as Step Functions names it: lowercase, no dashes (`s3`, `sfn`,
   * `cloudwatchlogs`, `eventbridge`).
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
   */
  readonly service: string;

  /** The API, in camelCase (`getObject`, `startSyncExecution`), without a pattern suffix. */
  readonly action: string;

  /**
   * The API's parameters, in PascalCase (`Bucket`, `Key`).
   *
   * @default - no parameters
   */
  readonly parameters?: { [key: string]: any };

  /** The resources the call may act on. */
  readonly iamResources: SdkIamResources;

  /**
   * The IAM actions to allow, when they are not derived right from the API name.
   *
   * @default - `<iam-prefix>:<Action>` from the service and action (`s3:getObject` ->
   * `s3:GetObject`; `sfn:...` -> `states:...`), or the known exception (`s3:listBuckets` ->
   * `s3:ListAllMyBuckets`)
   */
  readonly iamActions?: string[];

  /**
   * More IAM statements the call needs (a KMS key, `iam:PassRole`).
   *
   * @default - none
   */
  readonly additionalIamStatements?: iam.PolicyStatement[];
}

/**
 * Properties of `SdkSteps.call()`.
 */
export interface SdkCallStepProps extends IntegrationStepOptions, TaskTimeoutOptions, SdkCallOptions {
}

/**
 * Properties of `SdkSteps.callWithCallback()`. The `parameters` must carry the task token
 * (`sfn.JsonPath.taskToken` or `TaskToken.JSONATA`) in a field the API passes on.
 */
export interface SdkCallWithCallbackStepProps extends IntegrationStepOptions, CallbackOptions, SdkCallOptions {
}

/**
 * AWS SDK integration steps: call any API of 200+ services
 * (`arn:aws:states:::aws-sdk:<service>:<action>`), request-response, or with the task token in
 * a parameter and wait for the callback. AWS SDK integrations have no run-a-job (`.sync`)
 * pattern.
 *
 * The role gets the action derived from the service and API name on `iamResources`, plus
 * `additionalIamStatements`. The service must be one Step Functions integrates with (SW504),
 * the action a camelCase API name (SW505) that Step Functions supports (SW509).
 *
 * The task retries the service's throttling errors (`ServiceRetries.awsSdk(service)`) unless
 * `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export class SdkSteps {
  /**
   * Calls an AWS API and continues with its response.
   *
   * @param props the service, action, parameters, IAM resources and state options
   */
  public static call(props: SdkCallStepProps): RequestResponseStep {
    return new SdkCallStep(props);
  }

  /**
   * Calls an AWS API that carries the task token (for example `sqs:sendMessage` with the token
   * in the message, `dynamodb:putItem` with it in the item) and waits until someone calls
   * SendTaskSuccess or SendTaskFailure (`<action>.waitForTaskToken`).
   *
   * @param props the service, action, parameters (with the token), IAM resources, timeouts and state options
   */
  public static callWithCallback(props: SdkCallWithCallbackStepProps): CallbackStep {
    return new SdkCallWithCallbackStep(props);
  }

  private constructor() {}
}

function callAwsService(
  scope: Construct, id: string, props: IntegrationStepOptions & SdkCallOptions, timeouts: StepTimeouts, ctx: BindContext,
  pattern: sfn.IntegrationPattern,
): sfn.TaskStateBase {
  const service = checkService(props.service, ctx);
  checkAction(service, props.action, ctx);
  const resources = checkResources(props.iamResources, ctx);
  const actions = props.iamActions ?? (Token.isUnresolved(service) || Token.isUnresolved(props.action) ? [] : sdkIamActions(service, props.action));
  checkIamActions(props.iamActions, ctx);
  if (actions.length === 0) {
    throw new StepwiseError({
      code: CODES.SW510,
      statePath: ctx.stateName,
      message: 'the IAM action cannot be derived: the service or action is only known at deploy time',
      fix: 'pass iamActions, e.g. [\'s3:GetObject\']',
    }, ctx.constructPath);
  }
  return adaptedTask(tasks.CallAwsService, scope, id, {
    ...taskStateProps(props, timeouts, ctx),
    integrationPattern: pattern,
    service,
    action: props.action,
    parameters: props.parameters,
    iamResources: resources,
  }, {
    // The derived actions (aws-cdk-lib takes one action, `<service>:<Action>`, which is wrong for
    // the services whose IAM prefix or action name differs).
    statements: () => [
      ...sdkCallStatements(service, props.action, resources, actions),
      ...(props.additionalIamStatements ?? []),
    ],
  });
}

/** SW504: the service must be one of Step Functions' AWS SDK integrations. Returns it lowercased. */
function checkService(service: string, ctx: BindContext): string {
  if (Token.isUnresolved(service)) {
    return service;
  }
  const lower = service.toLowerCase();
  if (SDK_SERVICES.has(lower)) {
    return lower;
  }
  const suggestion = suggestSdkService(service);
  throw new StepwiseError({
    code: CODES.SW504,
    statePath: ctx.stateName,
    message: `'${service}' is not a service of Step Functions' AWS SDK integrations`,
    actual: `service '${service}'`,
    fix: suggestion
      ? `use service '${suggestion}' (the aws-sdk:<service> name, which can differ from the IAM prefix)`
      : 'use the service name from https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html (lowercase, no dashes, e.g. \'s3\', \'sfn\', \'cloudwatchlogs\')',
  }, ctx.constructPath);
}

/** SW505 for a malformed action, SW509 for an operation Step Functions does not support. */
function checkAction(service: string, action: string, ctx: BindContext): void {
  if (Token.isUnresolved(action)) {
    return;
  }
  const suffix = /\.(sync(:2)?|waitForTaskToken)$/.exec(action);
  if (suffix) {
    throw new StepwiseError({
      code: CODES.SW505,
      statePath: ctx.stateName,
      message: `the action '${action}' carries the integration pattern suffix '${suffix[0]}'`,
      actual: `action '${action}'`,
      fix: suffix[1] === 'waitForTaskToken'
        ? `pass action '${action.slice(0, suffix.index)}' to SdkSteps.callWithCallback(), which adds .waitForTaskToken`
        : `AWS SDK integrations do not support .sync: call '${action.slice(0, suffix.index)}' with SdkSteps.call() and poll with a Wait/Choice loop, or use the service's optimized integration if it has a run-a-job pattern`,
    }, ctx.constructPath);
  }
  if (!/^[a-z][A-Za-z0-9]*$/.test(action)) {
    const camel = /^[A-Z][A-Za-z0-9]*$/.test(action) ? `${action.charAt(0).toLowerCase()}${action.slice(1)}` : undefined;
    throw new StepwiseError({
      code: CODES.SW505,
      statePath: ctx.stateName,
      message: `the action '${action}' is not a camelCase API name`,
      actual: `action '${action}'`,
      fix: camel ? `write it in camelCase: '${camel}'` : 'write the API name in camelCase with letters and digits only, e.g. \'getObject\'',
    }, ctx.constructPath);
  }
  const pascal = `${action.charAt(0).toUpperCase()}${action.slice(1)}`;
  if (!Token.isUnresolved(service) && (SDK_UNSUPPORTED_OPERATIONS[service] ?? []).includes(pascal)) {
    throw new StepwiseError({
      code: CODES.SW509,
      statePath: ctx.stateName,
      message: `Step Functions does not support the operation ${pascal} of the '${service}' AWS SDK integration`,
      actual: `action '${service}:${action}'`,
      fix: 'call it from a Lambda function, or use a supported operation (e.g. a non-streaming variant)',
    }, ctx.constructPath);
  }
}

/** SW506: resources are required, and `*` only through `allResources()`. */
function checkResources(resources: SdkIamResources | undefined, ctx: BindContext): string[] {
  const fix = 'pass the ARNs the call acts on with SdkIamResources.fromArns([...]), or SdkIamResources.allResources() to allow every resource (for APIs without resource-level permissions or resources chosen at run time)';
  if (resources === undefined || resources.resourceArns.length === 0) {
    throw new StepwiseError({
      code: CODES.SW506,
      statePath: ctx.stateName,
      message: 'the AWS SDK step names no IAM resources, and Step Functions generates no policy for AWS SDK integrations',
      fix,
    }, ctx.constructPath);
  }
  if (!resources.allowsAllResources && resources.resourceArns.includes('*')) {
    throw new StepwiseError({
      code: CODES.SW506,
      statePath: ctx.stateName,
      message: 'the AWS SDK step passes \'*\' in SdkIamResources.fromArns(), which would allow the action on every resource without saying so',
      actual: 'resource \'*\'',
      fix: 'name the ARNs, or use SdkIamResources.allResources() to allow every resource on purpose',
    }, ctx.constructPath);
  }
  return resources.resourceArns;
}

/** SW510: explicit IAM actions must be `prefix:Action`. */
function checkIamActions(actions: string[] | undefined, ctx: BindContext): void {
  const bad = (actions ?? []).filter((a) => !Token.isUnresolved(a) && !/^[a-z0-9-]+:[A-Za-z0-9*]+$/.test(a));
  if (actions !== undefined && (actions.length === 0 || bad.length > 0)) {
    throw new StepwiseError({
      code: CODES.SW510,
      statePath: ctx.stateName,
      message: actions.length === 0 ? 'iamActions is empty' : `iamActions has malformed actions: ${bad.map((a) => `'${a}'`).join(', ')}`,
      fix: 'write each action as prefix:Action, e.g. \'s3:GetObject\', or leave iamActions out to derive it from the service and action',
    }, ctx.constructPath);
  }
}

class SdkCallStep extends RequestResponseStep {
  constructor(private readonly props: SdkCallStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return callAwsService(scope, id, this.props, { taskTimeout: this.props.taskTimeout }, bindContext(scope, id, options),
      sfn.IntegrationPattern.REQUEST_RESPONSE);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => sdkDefaultRetries(this.props.service));
  }
}

class SdkCallWithCallbackStep extends CallbackStep {
  constructor(private readonly props: SdkCallWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    // The token's field depends on the API (a message body, an item attribute...): the caller
    // places it; we check that it is there.
    if (!carriesTaskToken(this.props.parameters ?? {})) {
      throw missingTokenError({ ...ctx, prop: 'parameters' }, 'the parameters do not reference it',
        'put sfn.JsonPath.taskToken (JSONPath) or TaskToken.JSONATA (JSONata) in the parameter the API passes on to whoever calls back, e.g. MessageBody for sqs:sendMessage');
    }
    return callAwsService(scope, id, this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx,
      sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => sdkDefaultRetries(this.props.service));
  }
}

/**
 * `ServiceRetries.awsSdk(service)`. `createTask()` has checked the service (SW504) and is case
 * insensitive, as is this; a deploy-time token has no known exception prefix, so no default.
 */
function sdkDefaultRetries(service: string): RetryPreset[] {
  return Token.isUnresolved(service) ? ServiceRetries.none() : ServiceRetries.awsSdk(service.toLowerCase());
}
