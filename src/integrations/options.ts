import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RetryPreset } from '../patterns/retry';

/**
 * The options of a step's task state: its comment and its input and output processing (JSONPath
 * or JSONata). Service integrations and activities both take them.
 *
 * JSONPath states use `inputPath`, `resultSelector`, `resultPath` and `outputPath`; JSONata
 * states use `outputs`. Both use `assign`. Options of the other language are an error (SW508)
 * when the step is bound with a query language.
 */
export interface TaskStepOptions {
  /**
   * A comment on the state.
   *
   * @default - no comment
   */
  readonly comment?: string;

  /**
   * JSONPath: the part of the state input the task sees.
   *
   * @default '$' (the whole input)
   */
  readonly inputPath?: string;

  /**
   * JSONPath: a template that picks the parts of the result (the service's response, or the
   * worker's output) to keep.
   *
   * @default - the whole result
   */
  readonly resultSelector?: { [key: string]: any };

  /**
   * JSONPath: where the result goes in the state input to form the state output
   * (`JsonPath.DISCARD` keeps the input unchanged).
   *
   * @default '$' (the result replaces the input)
   */
  readonly resultPath?: string;

  /**
   * JSONPath: the part of the combined state output passed to the next state.
   *
   * @default '$' (all of it)
   */
  readonly outputPath?: string;

  /**
   * JSONata: the state output, usually computed from `$states.result`.
   *
   * @default - the result
   */
  readonly outputs?: any;

  /**
   * Workflow variables to set from the result (both query languages).
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/workflow-variables.html
   * @default - no variables
   */
  readonly assign?: { [name: string]: any };
}

/**
 * Options every service integration step takes: those of its task state, the role it runs
 * with, and its retriers.
 */
export interface IntegrationStepOptions extends TaskStepOptions {
  /**
   * A role the state machine assumes to run this task (cross-account calls).
   *
   * @default - the state machine's role
   */
  readonly credentials?: sfn.Credentials;

  /**
   * The task's retriers, in this order: replaces the service's default retriers; `[]` for none.
   *
   * To extend the default instead, start from its presets:
   * `[...ServiceRetries.lambdaInvoke(), RetryPreset.custom(['Payments.Busy'])]`. Retriers added
   * later with `flow.addRetry()` (or the state's `addRetry()`) come after these, and Step
   * Functions applies only the first retrier whose `ErrorEquals` matches an error: to change how
   * an error covered here is retried, change it here, not with `addRetry()`. A `States.ALL`
   * retrier is always rendered last, as the States Language requires.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
   * @default - the service's default presets (`ServiceRetries`): Lambda `lambdaInvoke()`
   * (`lambdaThrottling()` alone with `retryOnServiceExceptions: false`), AWS SDK
   * `awsSdk(service)` (none when the service is a deploy-time token), DynamoDB `dynamoDb()`, ECS
   * `ecsRunTask()`, Batch `batchSubmitJob()`, Glue `glueStartJobRun()`, Step Functions
   * `stepFunctionsStartExecution()`, HTTP Task `httpInvoke()`; none for SQS, SNS, EventBridge,
   * CodeBuild, Athena and Bedrock, whose integrations' error names are not documented
   */
  readonly retries?: RetryPreset[];
}

/**
 * Where a callback step puts the task token in its payload object.
 */
export interface TaskTokenFieldOptions {
  /**
   * The field of the payload object the step adds the task token in. Not added when the
   * payload already carries the token; an error (SW507) when the payload already has a field of
   * this name with another value.
   *
   * @default 'taskToken'
   */
  readonly taskTokenField?: string;
}
