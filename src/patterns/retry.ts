import { Duration, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { checkErrorNames, checkSeconds, MAX_SECONDS_FIELD } from './private/checks';
import { SDK_ERROR_PREFIXES } from './private/sdk-error-prefixes';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';

/*
 * Sources for the error names below (cited again next to each preset):
 *   BP    "Best practices for Step Functions", Handle transient Lambda service exceptions
 *         https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html
 *   ERR   "Handling errors in Step Functions workflows"
 *         https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
 *   SDK   "Learning to use AWS service SDK integrations in Step Functions" (error naming rule,
 *         exception prefixes) https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 *   ECS   "Run Amazon ECS or Fargate tasks with Step Functions" (AmazonECS.Unknown)
 *         https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
 *   NEST  "Start workflow executions from a task state" (StepFunctions.ExecutionLimitExceeded)
 *         https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html
 *   HTTP  "Call HTTPS APIs in Step Functions workflows", HTTP Task example (429/502/503/504)
 *         https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
 *   GLUE  AWS Glue API StartJobRun, Errors
 *         https://docs.aws.amazon.com/glue/latest/webapi/API_StartJobRun.html
 *   BATCH AWS Batch API SubmitJob, Errors (ServerException)
 *         https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
 *   DDB   Amazon DynamoDB Developer Guide, "Error handling with DynamoDB", Error messages and codes
 *         https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
 */

/**
 * Settings of a retrier. Every field is optional: a preset fills in its own defaults.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#error-handling-retrying-after-an-error
 */
export interface RetryPresetOptions {
  /**
   * How many times to retry (`MaxAttempts`), 0 to 99,999,999. 0 means never retry.
   *
   * @default - the preset's own value (see each preset)
   */
  readonly maxAttempts?: number;

  /**
   * How long to wait before the first retry (`IntervalSeconds`), whole seconds, at least 1.
   *
   * @default - the preset's own value (see each preset)
   */
  readonly interval?: Duration;

  /**
   * The multiplier by which the wait grows after each retry (`BackoffRate`), at least 1.
   *
   * @default - the preset's own value (see each preset)
   */
  readonly backoffRate?: number;

  /**
   * The longest a single wait may grow to (`MaxDelaySeconds`), whole seconds from 1 to
   * 31,622,400.
   *
   * @default - the preset's own value (see each preset)
   */
  readonly maxDelay?: Duration;

  /**
   * Whether each wait is randomized between 0 and its computed value (`JitterStrategy`), so
   * that many executions failing together do not retry together.
   *
   * @default sfn.JitterType.FULL
   */
  readonly jitter?: sfn.JitterType;
}

/**
 * A retrier for a known family of transient errors: the errors to retry, with exponential
 * backoff, full jitter and a maximum delay.
 *
 * Each preset documents the errors it covers and why. It renders as an aws-cdk-lib
 * `sfn.RetryProps` (`toRetryProps()`), so it works with `flow.addRetry()` and with the
 * `addRetry()` of any aws-cdk-lib Task, Parallel or Map state. Presets are immutable: `with*()`
 * returns a changed copy.
 *
 * Step Functions applies only the first retrier whose `ErrorEquals` matches an error, so add
 * the specific presets before a broad one such as `RetryPreset.taskFailed()`.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * // Integrations apply their service's presets by default; replace or extend them per step:
 * flow.addStep('Charge', LambdaSteps.invoke({
 *   lambdaFunction: chargeFn,
 *   retries: [RetryPreset.lambdaServiceErrors(), RetryPreset.lambdaThrottling().withMaxAttempts(8)],
 * }));
 * // Or on any aws-cdk-lib state:
 * anyTask.addRetry(RetryPreset.awsSdkThrottling('dynamodb').toRetryProps());
 */
export class RetryPreset {
  /**
   * Lambda's transient service errors: `Lambda.ClientExecutionTimeoutException`,
   * `Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException`.
   *
   * AWS recommends retrying exactly these on every Lambda task (the 500-class errors of the
   * Lambda service, not of your code), 6 times from 2 seconds with backoff 2 (BP "Handle
   * transient Lambda service exceptions"). This preset keeps those numbers and adds full jitter
   * and a 60-second cap on a single wait.
   *
   * Defaults: interval 2 s, backoff 2, 6 attempts, max delay 60 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/sfn-best-practices.html#bp-lambda-serviceexception
   */
  public static lambdaServiceErrors(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('lambdaServiceErrors', [
      // BP: the retrier AWS recommends for every Lambda task.
      'Lambda.ClientExecutionTimeoutException',
      'Lambda.ServiceException',
      'Lambda.AWSLambdaException',
      'Lambda.SdkClientException',
    ], { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(60) }, options);
  }

  /**
   * Lambda throttling: `Lambda.TooManyRequestsException`, reported "when Lambda exceeds the
   * maximum number of invocations" (ERR, note on Lambda errors). It is not one of the service
   * errors AWS's recommended retrier covers (BP), so it gets its own: throttling clears as
   * running invocations finish, which takes longer than a service blip, hence a longer start,
   * more attempts and a higher cap.
   *
   * Defaults: interval 5 s, backoff 2, 8 attempts, max delay 120 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html
   */
  public static lambdaThrottling(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('lambdaThrottling', [
      // ERR: "When Lambda exceeds the maximum number of invocations, the reported error will be Lambda.TooManyRequestsException."
      'Lambda.TooManyRequestsException',
    ], { interval: Duration.seconds(5), backoffRate: 2, maxAttempts: 8, maxDelay: Duration.seconds(120) }, options);
  }

  /**
   * Throttling of an AWS SDK integration (`arn:aws:states:::aws-sdk:<service>:<action>`):
   * `<Prefix>.ThrottlingException`, `<Prefix>.TooManyRequestsException`,
   * `<Prefix>.ProvisionedThroughputExceededException` and `<Prefix>.RequestLimitExceededException`,
   * where `<Prefix>` is the service's exception prefix (`DynamoDb` for `dynamodb`, `Sfn` for
   * `sfn`, `CloudWatchLogs` for `cloudwatchlogs`, ...).
   *
   * An SDK integration's error is the service's exception prefix, a dot, and the service's error
   * code with an `Exception` suffix always appended (SDK, "Using AWS SDK service integrations").
   * These four codes are the throttling errors AWS APIs return (`ThrottlingException` on most
   * services, `TooManyRequestsException` on Lambda, API Gateway and others,
   * `ProvisionedThroughputExceededException` on DynamoDB and Kinesis, `RequestLimitExceeded` on
   * EC2 and DynamoDB); a name a service never returns simply never matches. Some services report
   * throttling through their generic exception instead (an EC2 call throttled as
   * `Ec2.Ec2Exception`, "Request limit exceeded", cdk-github-runners issue #192): add it with
   * `withErrors(AwsSdkErrors.serviceException('ec2'))` if you see it.
   *
   * Defaults: interval 2 s, backoff 2, 8 attempts, max delay 60 s, full jitter.
   *
   * @param service the service name of the task's resource, lowercase (e.g. `dynamodb`)
   * @param options overrides of the defaults
   * @throws SW703 for a service Step Functions' AWS SDK integrations do not list
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
   */
  public static awsSdkThrottling(service: string, options: RetryPresetOptions = {}): RetryPreset {
    const prefix = AwsSdkErrors.exceptionPrefix(service);
    return RetryPreset.build('awsSdkThrottling', [
      `${prefix}.ThrottlingException`,
      `${prefix}.TooManyRequestsException`,
      `${prefix}.ProvisionedThroughputExceededException`,
      `${prefix}.RequestLimitExceededException`,
    ], { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 8, maxDelay: Duration.seconds(60) }, options);
  }

  /**
   * Amazon DynamoDB (optimized integration: `dynamodb:getItem`, `putItem`, `updateItem`,
   * `deleteItem`) throttled or briefly unavailable: `DynamoDB.ProvisionedThroughputExceededException`,
   * `DynamoDB.ThrottlingException`, `DynamoDB.RequestLimitExceeded`,
   * `DynamoDB.InternalServerError` and `DynamoDB.ServiceUnavailable`.
   *
   * These are the DynamoDB error codes DynamoDB's guide marks "OK to retry? Yes" (DDB, "Error
   * messages and codes"). The optimized integration reports a DynamoDB error as `DynamoDB.`
   * followed by DynamoDB's error code as is (so `RequestLimitExceeded` has no `Exception`
   * suffix, unlike the AWS SDK integration's `DynamoDb.` names; LocalStack's Step Functions
   * emulator, which is tested against AWS, names them the same way). Conditional-check failures
   * and validation errors are not retried.
   *
   * Defaults: interval 1 s, backoff 2, 6 attempts, max delay 30 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
   */
  public static dynamoDbThrottling(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('dynamoDbThrottling', [
      'DynamoDB.ProvisionedThroughputExceededException',
      'DynamoDB.ThrottlingException',
      'DynamoDB.RequestLimitExceeded',
      'DynamoDB.InternalServerError',
      'DynamoDB.ServiceUnavailable',
    ], { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(30) }, options);
  }

  /**
   * Amazon ECS `runTask` (optimized integration) failing to start a task for lack of capacity or
   * because ECS throttled it: `ECS.AmazonECSException` and `AmazonECS.Unknown`.
   *
   * - `ECS.AmazonECSException`: the error the ECS integration reports for ECS API errors,
   *   including throttling ("Rate exceeded ... ThrottlingException", AllenInstitute/neuron_morphology
   *   issue #151) and a host without room for the task (cdk-github-runners PR #341; construct-hub
   *   retries it as "Task failed starting, usually due to throttle / out of capacity").
   * - `AmazonECS.Unknown`: with `.sync` and `.waitForTaskToken`, a `runTask` answer with a
   *   non-empty `Failures` list (such as Fargate's "Capacity is unavailable at this time") fails
   *   the task with this error (ECS, "Key features"). With request-response the answer is
   *   returned and nothing fails, so check `Failures` yourself.
   *
   * Capacity frees up in minutes, not seconds, hence the longer waits.
   *
   * Defaults: interval 10 s, backoff 2, 6 attempts, max delay 300 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
   */
  public static ecsRunTask(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('ecsRunTask', [
      'ECS.AmazonECSException',
      // ECS: "If a non-empty Failures field is encountered, the task is failed with an AmazonECS.Unknown error."
      'AmazonECS.Unknown',
    ], { interval: Duration.seconds(10), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(300) }, options);
  }

  /**
   * AWS Glue `startJobRun` refused for now: `Glue.ConcurrentRunsExceededException` ("Too many
   * jobs are being run concurrently": the job's `MaxConcurrentRuns` or the account's limit),
   * `Glue.InternalServiceException` and `Glue.OperationTimeoutException`, the three transient
   * errors of Glue's StartJobRun API (GLUE, Errors); the others (`EntityNotFoundException`,
   * `InvalidInputException`, `ResourceNumberLimitExceededException`) fail again if retried. A
   * concurrent run frees its slot when it finishes, which takes minutes, hence the long waits.
   *
   * A Glue job that starts and then fails is `States.TaskFailed` with `.sync`, and is not retried
   * here: re-running a job is only safe if the job is idempotent (see `taskFailed()`).
   *
   * Defaults: interval 30 s, backoff 2, 6 attempts, max delay 600 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/glue/latest/webapi/API_StartJobRun.html
   */
  public static glueStartJobRun(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('glueStartJobRun', [
      'Glue.ConcurrentRunsExceededException',
      'Glue.InternalServiceException',
      'Glue.OperationTimeoutException',
    ], { interval: Duration.seconds(30), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(600) }, options);
  }

  /**
   * AWS Batch `submitJob` refused for now: `Batch.AWSBatchException`, the error the Batch
   * integration reports for Batch API errors such as throttling of job submissions (Metaflow
   * retries exactly this on its `batch:submitJob.sync` states, for "the measly 50 jobs / second
   * queue admission limit"), and `Batch.ServerException` ("usually caused by a server issue",
   * BATCH, Errors).
   *
   * A job that runs and fails is `States.TaskFailed` with `.sync`, and is not retried here (use
   * the job definition's own `RetryStrategy`, which retries only the job's attempt).
   *
   * Defaults: interval 2 s, backoff 2, 10 attempts, max delay 60 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/batch/latest/APIReference/API_SubmitJob.html
   */
  public static batchSubmitJob(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('batchSubmitJob', [
      'Batch.AWSBatchException',
      'Batch.ServerException',
    ], { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 10, maxDelay: Duration.seconds(60) }, options);
  }

  /**
   * Step Functions `startExecution` (nested workflows) refused by the StartExecution quotas:
   * `StepFunctions.ExecutionLimitExceeded`. AWS's own example puts this retrier on every
   * `states:startExecution` task ("Use the Retry on StepFunctions.ExecutionLimitExceeded to
   * ensure your execution is started", NEST).
   *
   * A child execution that fails or times out reaches the parent as `States.TaskFailed` (ERR,
   * `States.Timeout`); that is not retried here, because it re-runs the whole child workflow.
   *
   * Defaults: interval 2 s, backoff 2, 6 attempts, max delay 60 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-nested-workflows.html
   */
  public static stepFunctionsStartExecution(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('stepFunctionsStartExecution', [
      'StepFunctions.ExecutionLimitExceeded',
    ], { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 6, maxDelay: Duration.seconds(60) }, options);
  }

  /**
   * HTTP Task (`arn:aws:states:::http:invoke`) answers that ask to try again:
   * `States.Http.StatusCode.429` (Too Many Requests), `.502` (Bad Gateway), `.503` (Service
   * Unavailable) and `.504` (Gateway Timeout), the set AWS's HTTP Task example retries with
   * backoff and full jitter (HTTP). Other 4xx are the request's fault and 500 may not be safe to
   * repeat; catch those instead.
   *
   * Defaults: interval 2 s, backoff 2, 5 attempts, max delay 60 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
   */
  public static httpInvoke(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('httpInvoke', [
      'States.Http.StatusCode.429',
      'States.Http.StatusCode.502',
      'States.Http.StatusCode.503',
      'States.Http.StatusCode.504',
    ], { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 5, maxDelay: Duration.seconds(60) }, options);
  }

  /**
   * Any task failure except a timeout: `States.TaskFailed`, which in a retrier "matches any known
   * error name except for States.Timeout" (ERR). Never a default: use it only where repeating the
   * work is safe, and say so in your code.
   *
   * Safe: idempotent work, such as reads, puts of the same item, a child workflow or job whose
   * effects are keyed by the execution (re-running it changes nothing), and compensations of a
   * saga (which must be idempotent anyway). Not safe: charging a card, sending a message or an
   * e-mail, starting a job that is not idempotent, because the first attempt may have taken
   * effect before it failed. It also matches errors that will never succeed
   * (`States.Permissions`, validation errors), so keep the budget small. It does not match
   * `States.Timeout`: a task that timed out may still be running.
   *
   * Put it last: Step Functions uses the first retrier that matches, so a specific preset after
   * it would never apply.
   *
   * Defaults: interval 2 s, backoff 2, 2 attempts, max delay 30 s, full jitter.
   *
   * @param options overrides of the defaults
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html#statestaskfailed
   */
  public static taskFailed(options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('taskFailed', ['States.TaskFailed'],
      { interval: Duration.seconds(2), backoffRate: 2, maxAttempts: 2, maxDelay: Duration.seconds(30) }, options);
  }

  /**
   * A retrier for errors you name, with the same shape as the presets.
   *
   * Defaults: interval 1 s, backoff 2, 3 attempts (Step Functions' own defaults), max delay
   * 60 s, full jitter.
   *
   * @param errors the exact error names to retry (e.g. `MyService.Busy`), or `States.ALL` alone
   * @param options overrides of the defaults
   * @throws SW702 for an empty list, `States.ALL` with other names, or an unknown `States.` name
   */
  public static custom(errors: string[], options: RetryPresetOptions = {}): RetryPreset {
    return RetryPreset.build('custom', errors,
      { interval: Duration.seconds(1), backoffRate: 2, maxAttempts: 3, maxDelay: Duration.seconds(60) }, options);
  }

  private static build(name: string, errors: string[], defaults: Required<Omit<RetryPresetOptions, 'jitter'>>, options: RetryPresetOptions): RetryPreset {
    return new RetryPreset(name, [...errors], {
      maxAttempts: options.maxAttempts ?? defaults.maxAttempts,
      interval: options.interval ?? defaults.interval,
      backoffRate: options.backoffRate ?? defaults.backoffRate,
      maxDelay: options.maxDelay ?? defaults.maxDelay,
      jitter: options.jitter ?? sfn.JitterType.FULL,
    });
  }

  /** Which preset this is (`lambdaThrottling`, `custom`, ...), for messages and docs. */
  public readonly presetName: string;

  /** The errors retried (`ErrorEquals`). */
  public readonly errors: string[];

  /** How many times to retry (`MaxAttempts`). */
  public readonly maxAttempts: number;

  /** The wait before the first retry (`IntervalSeconds`). */
  public readonly interval: Duration;

  /** How the wait grows after each retry (`BackoffRate`). */
  public readonly backoffRate: number;

  /** The longest a single wait may grow to (`MaxDelaySeconds`). */
  public readonly maxDelay: Duration;

  /** Whether the waits are randomized (`JitterStrategy`). */
  public readonly jitter: sfn.JitterType;

  private constructor(presetName: string, errors: string[], settings: Required<RetryPresetOptions>) {
    const what = `the retry preset '${presetName}'`;
    checkErrorNames(errors, what);
    checkRetrySettings(settings, what);
    this.presetName = presetName;
    this.errors = errors;
    this.maxAttempts = settings.maxAttempts;
    this.interval = settings.interval;
    this.backoffRate = settings.backoffRate;
    this.maxDelay = settings.maxDelay;
    this.jitter = settings.jitter;
  }

  /**
   * A copy with another number of retries.
   *
   * @param maxAttempts 0 to 99,999,999
   */
  public withMaxAttempts(maxAttempts: number): RetryPreset {
    return this.withOptions({ maxAttempts });
  }

  /**
   * A copy with another first wait.
   *
   * @param interval whole seconds, at least 1
   */
  public withInterval(interval: Duration): RetryPreset {
    return this.withOptions({ interval });
  }

  /**
   * A copy with another backoff rate.
   *
   * @param backoffRate at least 1
   */
  public withBackoffRate(backoffRate: number): RetryPreset {
    return this.withOptions({ backoffRate });
  }

  /**
   * A copy with another cap on a single wait.
   *
   * @param maxDelay whole seconds from 1 to 31,622,400
   */
  public withMaxDelay(maxDelay: Duration): RetryPreset {
    return this.withOptions({ maxDelay });
  }

  /**
   * A copy with another jitter strategy (`JitterType.NONE` for exact waits).
   *
   * @param jitter the jitter strategy
   */
  public withJitter(jitter: sfn.JitterType): RetryPreset {
    return this.withOptions({ jitter });
  }

  /**
   * A copy that retries these errors too, with the same settings.
   *
   * @param errors more error names
   */
  public withErrors(...errors: string[]): RetryPreset {
    return new RetryPreset(this.presetName, [...this.errors, ...errors.filter((e) => !this.errors.includes(e))], this.settings());
  }

  /**
   * A copy with some settings replaced.
   *
   * @param options the settings to replace; unset ones are kept
   */
  public withOptions(options: RetryPresetOptions): RetryPreset {
    return new RetryPreset(this.presetName, [...this.errors], {
      maxAttempts: options.maxAttempts ?? this.maxAttempts,
      interval: options.interval ?? this.interval,
      backoffRate: options.backoffRate ?? this.backoffRate,
      maxDelay: options.maxDelay ?? this.maxDelay,
      jitter: options.jitter ?? this.jitter,
    });
  }

  /**
   * The retrier as aws-cdk-lib retry props, for `flow.addRetry()` or any state's `addRetry()`.
   */
  public toRetryProps(): sfn.RetryProps {
    return {
      errors: [...this.errors],
      interval: this.interval,
      maxAttempts: this.maxAttempts,
      backoffRate: this.backoffRate,
      maxDelay: this.maxDelay,
      jitterStrategy: this.jitter,
    };
  }

  /**
   * The longest all retries can wait in total, in seconds: the sum of the waits before each
   * retry (`interval × backoffRate^i`, each capped at `maxDelay`). With full jitter each wait is
   * random between 0 and that value, so this is an upper bound. Size task and workflow timeouts
   * with it.
   */
  public maxTotalWaitSeconds(): number {
    const interval = this.interval.toSeconds();
    const cap = this.maxDelay.toSeconds();
    let total = 0;
    for (let i = 0; i < this.maxAttempts; i++) {
      total += Math.min(interval * Math.pow(this.backoffRate, i), cap);
    }
    return Math.round(total);
  }

  private settings(): Required<RetryPresetOptions> {
    return { maxAttempts: this.maxAttempts, interval: this.interval, backoffRate: this.backoffRate, maxDelay: this.maxDelay, jitter: this.jitter };
  }
}

/**
 * Error names of AWS SDK integrations (`arn:aws:states:::aws-sdk:<service>:<action>`), for
 * `ErrorEquals` in retriers and catchers.
 *
 * An SDK integration's error is the service's exception prefix (listed per service by AWS, and
 * not derivable from the service name: `DynamoDb`, `Sfn`, `CloudWatchLogs`, `Ec2`), a dot, and
 * the error code with `Exception` appended even when the service's own name for it has no such
 * suffix (S3's `BucketAlreadyExists` is `S3.BucketAlreadyExistsException`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export class AwsSdkErrors {
  /**
   * The exception prefix of a service, e.g. `DynamoDb` for `dynamodb`.
   *
   * @param service the service name of the task's resource, lowercase (e.g. `dynamodb`)
   * @throws SW703 for a service the AWS SDK integrations do not list
   */
  public static exceptionPrefix(service: string): string {
    const prefix = typeof service === 'string' ? SDK_ERROR_PREFIXES[service] : undefined;
    if (prefix === undefined || !Object.prototype.hasOwnProperty.call(SDK_ERROR_PREFIXES, service)) {
      const lower = typeof service === 'string' ? service.toLowerCase().replace(/[^a-z0-9]/g, '') : '';
      const hint = lower !== service && Object.prototype.hasOwnProperty.call(SDK_ERROR_PREFIXES, lower) ? ` (did you mean '${lower}'?)` : '';
      throw new StepwiseError({
        code: CODES.SW703,
        statePath: '',
        message: `'${service}' is not a service of Step Functions' AWS SDK integrations${hint}, so its exception prefix is unknown`,
        limit: 'a service listed in "Supported AWS SDK service integrations"',
        actual: String(service),
        fix: 'use the lowercase service name of the task resource arn:aws:states:::aws-sdk:<service>:<action> (e.g. dynamodb, sfn, cloudwatchlogs), or RetryPreset.custom() with the exact error names',
      });
    }
    return prefix;
  }

  /**
   * The error name for an error code of a service, e.g. `DynamoDb.ConditionalCheckFailedException`
   * for (`dynamodb`, `ConditionalCheckFailed`) or (`dynamodb`, `ConditionalCheckFailedException`).
   *
   * @param service the service name of the task's resource, lowercase (e.g. `dynamodb`)
   * @param errorCode the error code from the service's API reference, with or without `Exception`
   * @throws SW703 for an unknown service; SW702 for an empty error code
   */
  public static errorName(service: string, errorCode: string): string {
    const prefix = AwsSdkErrors.exceptionPrefix(service);
    checkErrorNames([typeof errorCode === 'string' ? errorCode.trim() : ''], `the error name for the service '${service}'`);
    return `${prefix}.${errorCode.endsWith('Exception') ? errorCode : `${errorCode}Exception`}`;
  }

  /**
   * The service's generic exception, `<Prefix>.<Prefix>Exception` (e.g. `Ec2.Ec2Exception`),
   * which some services report for errors they do not model, throttling included.
   *
   * @param service the service name of the task's resource, lowercase (e.g. `ec2`)
   * @throws SW703 for an unknown service
   */
  public static serviceException(service: string): string {
    const prefix = AwsSdkErrors.exceptionPrefix(service);
    return `${prefix}.${prefix}Exception`;
  }

  private constructor() {}
}

/** SW701: the numbers of a retrier must be ones Step Functions accepts (ERR "Retrying after an error"). */
function checkRetrySettings(settings: Required<RetryPresetOptions>, what: string): void {
  const { maxAttempts, backoffRate } = settings;
  const fix = 'use whole seconds (Duration.seconds(2)), MaxAttempts from 0 to 99,999,999, a backoff rate of at least 1 and a maximum delay from 1 second to 366 days';
  if (!Token.isUnresolved(maxAttempts) && (!Number.isInteger(maxAttempts) || maxAttempts < 0 || maxAttempts > QUOTAS.retryMaxAttemptsMax.value)) {
    throw new StepwiseError({
      code: CODES.SW701,
      statePath: '',
      message: `${what} has maxAttempts ${maxAttempts}`,
      limit: `a whole number from 0 to ${QUOTAS.retryMaxAttemptsMax.value.toLocaleString('en-US')}`,
      actual: String(maxAttempts),
      fix,
    });
  }
  if (!Token.isUnresolved(backoffRate) && (typeof backoffRate !== 'number' || Number.isNaN(backoffRate) || backoffRate < QUOTAS.retryBackoffRateMin.value)) {
    throw new StepwiseError({
      code: CODES.SW701,
      statePath: '',
      message: `${what} has backoffRate ${backoffRate}`,
      limit: `at least ${QUOTAS.retryBackoffRateMin.value}`,
      actual: String(backoffRate),
      fix,
    });
  }
  checkSeconds(settings.interval, QUOTAS.retryIntervalMin.value, MAX_SECONDS_FIELD, CODES.SW701, `${what} has an interval that`, fix);
  checkSeconds(settings.maxDelay, 1, QUOTAS.retryMaxDelayExclusiveMax.value - 1, CODES.SW701, `${what} has a maxDelay that`, fix);
}
