import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep } from './integration-step';
import { IntegrationStepOptions, TaskTokenFieldOptions } from './options';
import { CallbackOptions, TaskTimeoutOptions } from '../core/task-options';
import { TaskAdaptation, adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { LanguageSlots } from './private/language';
import { stepRetries } from './private/retries';
import { lambdaInvokeStatements } from './private/task-policies';
import { DEFAULT_TASK_TOKEN_FIELD, payloadWithTaskToken } from './private/token';
import { ServiceRetries } from './service-retries';
import { recordStateFacts } from '../core/state-facts';
import { StepBindOptions } from '../core/step';
import { RetryPreset } from '../patterns/retry';

/**
 * What a Lambda invocation sends, for both patterns.
 */
export interface LambdaInvokeOptions {
  /**
   * The function to invoke: a function, or a version or alias of one (its ARN is what the step
   * invokes, and all the role may invoke).
   */
  readonly lambdaFunction: lambda.IFunction;

  /**
   * The function's event.
   *
   * @default - the whole state input (`{ input, taskToken }` for a callback)
   */
  readonly payload?: sfn.TaskInput;

  /**
   * `RequestResponse` (wait for the function), `Event` (asynchronous) or `DryRun`.
   *
   * @default LambdaInvocationType.REQUEST_RESPONSE
   */
  readonly invocationType?: tasks.LambdaInvocationType;

  /**
   * Up to 3,583 bytes of base64-encoded data passed to the function in its context.
   *
   * @default - no client context
   */
  readonly clientContext?: string;

  /**
   * Whether the default retriers include the transient Lambda service errors
   * (`RetryPreset.lambdaServiceErrors()`: `Lambda.ServiceException`,
   * `Lambda.AWSLambdaException`, `Lambda.SdkClientException`,
   * `Lambda.ClientExecutionTimeoutException`, 6 times from 2 s with backoff 2, as AWS
   * recommends, plus full jitter and a 60-second cap). `false` leaves throttling
   * (`RetryPreset.lambdaThrottling()`) as the only default retrier. Has no effect when `retries`
   * is given, which replaces the defaults.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html
   * @default true
   */
  readonly retryOnServiceExceptions?: boolean;
}

/**
 * Properties of `LambdaSteps.invoke()`.
 */
export interface LambdaInvokeStepProps extends IntegrationStepOptions, TaskTimeoutOptions, LambdaInvokeOptions {
  /**
   * Use the legacy integration (the function ARN as `Resource`): the result is the function's
   * response alone, without `StatusCode`, `Payload` and headers. Cannot be combined with
   * `invocationType` or `clientContext`. To invoke a version or alias, pass a
   * `lambda.Version` or `lambda.Alias` as the function.
   *
   * @default false
   */
  readonly payloadResponseOnly?: boolean;
}

/**
 * Properties of `LambdaSteps.invokeWithCallback()`.
 */
export interface LambdaInvokeWithCallbackStepProps extends IntegrationStepOptions, CallbackOptions, TaskTokenFieldOptions, LambdaInvokeOptions {
}

/**
 * AWS Lambda steps: invoke a function (request-response) or invoke it and wait for a callback.
 * Lambda has no run-a-job (`.sync`) pattern.
 *
 * The role gets `lambda:InvokeFunction` on the function (and its versions and aliases). The
 * task retries Lambda's transient service errors and throttling (`ServiceRetries.lambdaInvoke()`)
 * unless `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export class LambdaSteps {
  /**
   * Invokes a function and continues with its response (`arn:aws:states:::lambda:invoke`).
   *
   * @param props payload, invocation and state options
   */
  public static invoke(props: LambdaInvokeStepProps): RequestResponseStep {
    return new LambdaInvokeStep(props.lambdaFunction, props);
  }

  /**
   * Invokes a function with the task token in its payload and waits until someone calls
   * SendTaskSuccess or SendTaskFailure with it (`lambda:invoke.waitForTaskToken`).
   *
   * The heartbeat clock starts when the function returns (for an `Event` invocation, at once).
   *
   * @param props timeouts, payload and state options
   */
  public static invokeWithCallback(props: LambdaInvokeWithCallbackStepProps): CallbackStep {
    return new LambdaInvokeWithCallbackStep(props.lambdaFunction, props);
  }

  private constructor() {}
}

class LambdaInvokeStep extends RequestResponseStep {
  constructor(private readonly lambdaFunction: lambda.IFunction, private readonly props: LambdaInvokeStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const task = adaptedTask(tasks.LambdaInvoke, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.props.taskTimeout }, ctx),
      lambdaFunction: this.lambdaFunction,
      payload: this.props.payload,
      invocationType: this.props.invocationType,
      clientContext: this.props.clientContext,
      payloadResponseOnly: this.props.payloadResponseOnly,
      // The service-error retrier comes from defaultRetries(), with jitter and a cap; aws-cdk-lib's
      // own (no jitter, no cap) would duplicate it.
      retryOnServiceExceptions: false,
    }, invokeOnly(this.lambdaFunction));
    recordQualifiedFunction(task, this.lambdaFunction);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => lambdaDefaultRetries(this.props));
  }
}

class LambdaInvokeWithCallbackStep extends CallbackStep {
  constructor(private readonly lambdaFunction: lambda.IFunction, private readonly props: LambdaInvokeWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const slots = new LanguageSlots(options.queryLanguage);
    const payload = payloadWithTaskToken(this.props.payload, this.props.taskTokenField ?? DEFAULT_TASK_TOKEN_FIELD, slots, { ...ctx, prop: 'payload' });
    const task = adaptedTask(tasks.LambdaInvoke, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      lambdaFunction: this.lambdaFunction,
      payload,
      invocationType: this.props.invocationType,
      clientContext: this.props.clientContext,
      retryOnServiceExceptions: false, // see LambdaInvokeStep
    }, invokeOnly(this.lambdaFunction));
    slots.attach(task);
    recordQualifiedFunction(task, this.lambdaFunction);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => lambdaDefaultRetries(this.props));
  }
}

/** `lambda:InvokeFunction` on exactly the ARN the step invokes (`lambdaInvokeStatements`). */
function invokeOnly(fn: lambda.IFunction): TaskAdaptation {
  return { statements: () => lambdaInvokeStatements(fn.functionArn) };
}

/**
 * Records that `task` invokes a version or an alias of a function (not `$LATEST`): a Workflow that
 * publishes versions lets its role invoke them all (see `Workflow.currentVersion`).
 */
function recordQualifiedFunction(task: sfn.TaskStateBase, fn: lambda.IFunction): void {
  const qualified = fn as Partial<lambda.IVersion & lambda.IAlias> & { lambda?: lambda.IFunction };
  const unqualified = qualified.lambda ?? qualified.version?.lambda;
  if (unqualified && qualified.version !== '$LATEST') {
    recordStateFacts(task, { invokesQualifiedLambdaOf: unqualified.functionArn });
  }
}

/** `ServiceRetries.lambdaInvoke()`, without the service-error retrier when the user turned it off. */
function lambdaDefaultRetries(options: LambdaInvokeOptions): RetryPreset[] {
  return options.retryOnServiceExceptions === false ? [RetryPreset.lambdaThrottling()] : ServiceRetries.lambdaInvoke();
}
