import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RetryPreset } from '../patterns/retry';

/**
 * The retry presets each service integration applies by default: the transient errors of the
 * service whose names are documented, and nothing for services whose error names are not.
 *
 * Use these to rebuild an integration's default when you extend it
 * (`[...ServiceRetries.lambdaInvoke(), RetryPreset.custom(['MyError'])]`), or to give an
 * aws-cdk-lib task the same retriers (`ServiceRetries.toRetryProps(ServiceRetries.ecsRunTask())`).
 *
 * | Integration | Presets |
 * | --- | --- |
 * | Lambda `invoke` (both patterns) | `lambdaServiceErrors()`, `lambdaThrottling()` |
 * | AWS SDK `call` (both patterns) | `awsSdkThrottling(service)` |
 * | DynamoDB `getItem`/`putItem`/`updateItem`/`deleteItem` | `dynamoDbThrottling()` |
 * | ECS `runTask` (all patterns) | `ecsRunTask()` |
 * | Batch `submitJob` (both patterns) | `batchSubmitJob()` |
 * | Glue `startJobRun` (both patterns) | `glueStartJobRun()` |
 * | Step Functions `startExecution` (all patterns) | `stepFunctionsStartExecution()` |
 * | HTTP Task | `httpInvoke()` |
 * | SQS, SNS, EventBridge, CodeBuild, Athena, Bedrock, activities | none: their integrations' error names are not documented, and a retrier on a guessed name never matches |
 */
export class ServiceRetries {
  /** Lambda invocations: the service errors AWS recommends retrying, and throttling. */
  public static lambdaInvoke(): RetryPreset[] {
    return [RetryPreset.lambdaServiceErrors(), RetryPreset.lambdaThrottling()];
  }

  /**
   * AWS SDK integrations: the service's throttling errors.
   *
   * @param service the service name of the task's resource, lowercase (e.g. `dynamodb`)
   */
  public static awsSdk(service: string): RetryPreset[] {
    return [RetryPreset.awsSdkThrottling(service)];
  }

  /** DynamoDB item operations (optimized integration): throttling and brief unavailability. */
  public static dynamoDb(): RetryPreset[] {
    return [RetryPreset.dynamoDbThrottling()];
  }

  /** ECS `runTask`: ECS API errors and capacity. */
  public static ecsRunTask(): RetryPreset[] {
    return [RetryPreset.ecsRunTask()];
  }

  /** Batch `submitJob`: throttled submissions and server errors. */
  public static batchSubmitJob(): RetryPreset[] {
    return [RetryPreset.batchSubmitJob()];
  }

  /** Glue `startJobRun`: concurrent runs exceeded and Glue's transient errors. */
  public static glueStartJobRun(): RetryPreset[] {
    return [RetryPreset.glueStartJobRun()];
  }

  /** Step Functions `startExecution`: StartExecution throttling. */
  public static stepFunctionsStartExecution(): RetryPreset[] {
    return [RetryPreset.stepFunctionsStartExecution()];
  }

  /** HTTP Task: 429, 502, 503 and 504 answers. */
  public static httpInvoke(): RetryPreset[] {
    return [RetryPreset.httpInvoke()];
  }

  /** No retriers (services whose error names are not documented). */
  public static none(): RetryPreset[] {
    return [];
  }

  /**
   * Presets as aws-cdk-lib retry props, in order.
   *
   * @param presets the presets
   */
  public static toRetryProps(presets: RetryPreset[]): sfn.RetryProps[] {
    return presets.map((p) => p.toRetryProps());
  }

  private constructor() {}
}
