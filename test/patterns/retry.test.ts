import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { newStack, workflowOf } from './helpers';
import { Asl, AwsSdkErrors, Flow, RetryPreset } from '../../src';
import { codeInfo } from '../../src/core/codes';
import { SDK_SERVICES } from '../../src/integrations/private/sdk-services';
import { SDK_ERROR_PREFIXES } from '../../src/patterns/private/sdk-error-prefixes';
import { LocalWorkflow, TaskMock } from '../../src/testing';

/** The rendered `Retry` of a Lambda task with `presets` added through `flow.addRetry()`. */
function renderedRetry(...presets: RetryPreset[]): any[] {
  const stack = newStack();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f');
  const flow = new Flow(stack, 'Flow').addNext(new tasks.LambdaInvoke(stack, 'Call', { lambdaFunction: fn, retryOnServiceExceptions: false }));
  for (const preset of presets) {
    flow.addRetry(preset.toRetryProps());
  }
  return Asl.of(workflowOf(stack, flow)).States.Call.Retry;
}

function retrier(errors: string[], interval: number, maxAttempts: number, maxDelay: number, backoff = 2) {
  return { ErrorEquals: errors, IntervalSeconds: interval, MaxAttempts: maxAttempts, BackoffRate: backoff, MaxDelaySeconds: maxDelay, JitterStrategy: 'FULL' };
}

describe('RetryPreset', () => {
  describe('renders each preset with backoff, full jitter and a maximum delay', () => {
    test.each([
      ['lambdaServiceErrors', RetryPreset.lambdaServiceErrors(), retrier(['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'], 2, 6, 60)],
      ['lambdaThrottling', RetryPreset.lambdaThrottling(), retrier(['Lambda.TooManyRequestsException'], 5, 8, 120)],
      ['awsSdkThrottling(dynamodb)', RetryPreset.awsSdkThrottling('dynamodb'), retrier(['DynamoDb.ThrottlingException', 'DynamoDb.TooManyRequestsException', 'DynamoDb.ProvisionedThroughputExceededException', 'DynamoDb.RequestLimitExceededException'], 2, 8, 60)],
      ['awsSdkThrottling(sfn)', RetryPreset.awsSdkThrottling('sfn'), retrier(['Sfn.ThrottlingException', 'Sfn.TooManyRequestsException', 'Sfn.ProvisionedThroughputExceededException', 'Sfn.RequestLimitExceededException'], 2, 8, 60)],
      ['dynamoDbThrottling', RetryPreset.dynamoDbThrottling(), retrier([
        'DynamoDB.ProvisionedThroughputExceededException', 'DynamoDB.ThrottlingException', 'DynamoDB.RequestLimitExceeded',
        'DynamoDB.InternalServerError', 'DynamoDB.ServiceUnavailable',
      ], 1, 6, 30)],
      ['ecsRunTask', RetryPreset.ecsRunTask(), retrier(['ECS.AmazonECSException', 'AmazonECS.Unknown'], 10, 6, 300)],
      ['glueStartJobRun', RetryPreset.glueStartJobRun(), retrier(['Glue.ConcurrentRunsExceededException', 'Glue.InternalServiceException', 'Glue.OperationTimeoutException'], 30, 6, 600)],
      ['batchSubmitJob', RetryPreset.batchSubmitJob(), retrier(['Batch.AWSBatchException', 'Batch.ServerException'], 2, 10, 60)],
      ['stepFunctionsStartExecution', RetryPreset.stepFunctionsStartExecution(), retrier(['StepFunctions.ExecutionLimitExceeded'], 2, 6, 60)],
      ['httpInvoke', RetryPreset.httpInvoke(), retrier(['States.Http.StatusCode.429', 'States.Http.StatusCode.502', 'States.Http.StatusCode.503', 'States.Http.StatusCode.504'], 2, 5, 60)],
      ['taskFailed', RetryPreset.taskFailed(), retrier(['States.TaskFailed'], 2, 2, 30)],
      ['custom', RetryPreset.custom(['Payment.Busy']), retrier(['Payment.Busy'], 1, 3, 60)],
    ])('%s', (_name, preset, expected) => {
      expect(renderedRetry(preset)).toEqual([expected]);
    });
  });

  test('several presets render in the order they are added (the first match applies)', () => {
    const retry = renderedRetry(RetryPreset.lambdaServiceErrors(), RetryPreset.lambdaThrottling(), RetryPreset.taskFailed());
    expect(retry.map((r) => r.ErrorEquals[0])).toEqual(['Lambda.ClientExecutionTimeoutException', 'Lambda.TooManyRequestsException', 'States.TaskFailed']);
  });

  test('works with the addRetry() of any aws-cdk-lib state (Parallel here)', () => {
    const stack = newStack();
    const parallel = new sfn.Parallel(stack, 'Both').branch(new sfn.Pass(stack, 'A'));
    parallel.addRetry(RetryPreset.custom(['Branch.Busy']).toRetryProps());
    expect(Asl.of(workflowOf(stack, parallel)).States.Both.Retry).toEqual([retrier(['Branch.Busy'], 1, 3, 60)]);
  });

  describe('replacing and extending', () => {
    test('withMaxAttempts() changes only the attempts, and leaves the original preset unchanged', () => {
      const base = RetryPreset.lambdaThrottling();
      const more = base.withMaxAttempts(12);
      expect(renderedRetry(more)).toEqual([retrier(['Lambda.TooManyRequestsException'], 5, 12, 120)]);
      expect(base.maxAttempts).toBe(8);
    });

    test('an options object overrides the defaults', () => {
      const preset = RetryPreset.lambdaServiceErrors({
        maxAttempts: 3, interval: Duration.seconds(1), backoffRate: 3, maxDelay: Duration.seconds(10), jitter: sfn.JitterType.NONE,
      });
      expect(renderedRetry(preset)).toEqual([{ ...retrier(preset.errors, 1, 3, 10, 3), JitterStrategy: 'NONE' }]);
    });

    test('withInterval(), withBackoffRate(), withMaxDelay(), withJitter(), withOptions() replace one setting each', () => {
      const preset = RetryPreset.httpInvoke().withInterval(Duration.seconds(4)).withBackoffRate(1.5)
        .withMaxDelay(Duration.minutes(2)).withJitter(sfn.JitterType.NONE).withOptions({ maxAttempts: 7 });
      expect(preset.toRetryProps()).toEqual({
        errors: RetryPreset.httpInvoke().errors,
        interval: Duration.seconds(4),
        backoffRate: 1.5,
        maxDelay: Duration.minutes(2),
        jitterStrategy: sfn.JitterType.NONE,
        maxAttempts: 7,
      });
    });

    test('withErrors() adds errors once, keeping the settings', () => {
      const preset = RetryPreset.awsSdkThrottling('ec2').withErrors(AwsSdkErrors.serviceException('ec2'), 'Ec2.ThrottlingException');
      expect(preset.errors).toEqual(['Ec2.ThrottlingException', 'Ec2.TooManyRequestsException', 'Ec2.ProvisionedThroughputExceededException', 'Ec2.RequestLimitExceededException', 'Ec2.Ec2Exception']);
      expect(preset.maxAttempts).toBe(8);
    });
  });

  describe('maxTotalWaitSeconds()', () => {
    test('sums the capped exponential waits', () => {
      // 2 + 4 + 8 + 16 + 32 + 60 (64 capped at 60)
      expect(RetryPreset.lambdaServiceErrors().maxTotalWaitSeconds()).toBe(122);
      // 5 + 10 + 20 + 40 + 80 + 120 + 120 + 120
      expect(RetryPreset.lambdaThrottling().maxTotalWaitSeconds()).toBe(515);
    });

    test('is 0 with no retries', () => {
      expect(RetryPreset.custom(['X']).withMaxAttempts(0).maxTotalWaitSeconds()).toBe(0);
    });
  });

  test('a preset retries in a local run: throttled twice, then succeeds, with capped waits', async () => {
    const stack = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    const flow = new Flow(stack, 'Flow')
      .addNext(new tasks.LambdaInvoke(stack, 'Call', { lambdaFunction: fn, retryOnServiceExceptions: false }))
      .addRetry(RetryPreset.lambdaThrottling({ jitter: sfn.JitterType.NONE, maxDelay: Duration.seconds(8) }).toRetryProps());
    const run = await LocalWorkflow.of(workflowOf(stack, flow)).run({
      input: {},
      mocks: { Call: TaskMock.sequence(TaskMock.error('Lambda.TooManyRequestsException', 'Rate exceeded'), TaskMock.error('Lambda.TooManyRequestsException', 'Rate exceeded'), TaskMock.result({ ok: true })) },
    });
    expect(run.status).toBe('SUCCEEDED');
    expect(run.entriesOf('Call')[0].retryDelaysSeconds).toEqual([5, 8]);
  });

  describe('fails on settings Step Functions rejects', () => {
    test.each([
      ['a negative maxAttempts', { maxAttempts: -1 }, /\[SW701\].*maxAttempts -1.*Limit: a whole number from 0 to 99,999,999/],
      ['a fractional maxAttempts', { maxAttempts: 1.5 }, /\[SW701\].*maxAttempts 1.5/],
      ['a backoff rate below 1', { backoffRate: 0.5 }, /\[SW701\].*backoffRate 0.5.*Limit: at least 1/],
      ['an interval of 500 ms', { interval: Duration.millis(500) }, /\[SW701\].*interval that is 500 ms, not a whole number of seconds/],
      ['an interval of 0', { interval: Duration.seconds(0) }, /\[SW701\].*interval that is 0 seconds.*from 1 to 99,999,999/],
      ['a maxDelay of 367 days', { maxDelay: Duration.days(367) }, /\[SW701\].*maxDelay that is 31708800 seconds.*from 1 to 31,622,400/],
    ])('fails when given %s', (_what, options, message) => {
      expect(() => RetryPreset.lambdaThrottling(options)).toThrow(message);
    });

    test('fails when a with*() copy gets a bad value', () => {
      expect(() => RetryPreset.taskFailed().withMaxAttempts(100_000_000)).toThrow(/\[SW701\].*maxAttempts 100000000/);
    });

    test('accepts the boundaries: 0 attempts, 1 s interval, backoff 1, 31,622,400 s delay', () => {
      expect(() => RetryPreset.custom(['X'], { maxAttempts: 0, interval: Duration.seconds(1), backoffRate: 1, maxDelay: Duration.seconds(31_622_400) })).not.toThrow();
    });
  });

  describe('fails on error names Step Functions rejects', () => {
    test.each([
      ['an empty list', [], /\[SW702\].*the list of errors is empty/],
      ['an empty name', ['A', ''], /\[SW702\].*an error name is empty/],
      ['States.ALL with another name', ['States.ALL', 'A'], /\[SW702\].*States.ALL must be the only error in its list/],
      ['an unknown States. name', ['States.Throttled'], /\[SW702\].*'States.Throttled' is not an error Step Functions defines/],
    ])('fails when given %s', (_what, errors, message) => {
      expect(() => RetryPreset.custom(errors as string[])).toThrow(message);
    });

    test('accepts States.ALL alone, predefined States. names and HTTP status errors', () => {
      expect(() => RetryPreset.custom(['States.ALL'])).not.toThrow();
      expect(() => RetryPreset.custom(['States.Timeout', 'States.HeartbeatTimeout', 'States.Http.StatusCode.418'])).not.toThrow();
    });

    test('fails when withErrors() adds a name to States.ALL', () => {
      expect(() => RetryPreset.custom(['States.ALL']).withErrors('A')).toThrow(/\[SW702\]/);
    });
  });

  test('the codes are registered', () => {
    expect(codeInfo('SW701').title).toBe('Retry setting out of range');
    expect(codeInfo('SW702').title).toBe('Invalid error names');
    expect(codeInfo('SW703').title).toBe('Unknown AWS SDK service');
  });
});

describe('AwsSdkErrors', () => {
  test('knows the exception prefix of every AWS SDK integration service, and only those', () => {
    expect(Object.keys(SDK_ERROR_PREFIXES).sort()).toEqual([...SDK_SERVICES].sort());
  });

  test.each([
    ['dynamodb', 'DynamoDb'], ['sfn', 'Sfn'], ['cloudwatchlogs', 'CloudWatchLogs'], ['ec2', 'Ec2'], ['s3', 'S3'],
    ['acmpca', 'AcmPca'], ['eventbridge', 'EventBridge'], ['billingconductor', 'Billingconductor'], ['iotsitewise', 'IoTSiteWise'],
  ])('the prefix of %s is %s (AWS SDK integrations page)', (service, prefix) => {
    expect(AwsSdkErrors.exceptionPrefix(service)).toBe(prefix);
  });

  test('errorName() always appends the Exception suffix (S3 BucketAlreadyExists, as in the AWS docs)', () => {
    expect(AwsSdkErrors.errorName('s3', 'BucketAlreadyExists')).toBe('S3.BucketAlreadyExistsException');
    expect(AwsSdkErrors.errorName('acmpca', 'ResourceNotFoundException')).toBe('AcmPca.ResourceNotFoundException');
  });

  test('serviceException() is the generic <Prefix>.<Prefix>Exception', () => {
    expect(AwsSdkErrors.serviceException('ec2')).toBe('Ec2.Ec2Exception');
  });

  test('fails for a service the AWS SDK integrations do not list, with a hint for a near miss', () => {
    expect(() => AwsSdkErrors.exceptionPrefix('DynamoDB')).toThrow(/\[SW703\].*'DynamoDB' is not a service of Step Functions' AWS SDK integrations \(did you mean 'dynamodb'\?\)/);
    expect(() => RetryPreset.awsSdkThrottling('nosuchservice')).toThrow(/\[SW703\].*'nosuchservice'/);
    expect(() => AwsSdkErrors.exceptionPrefix('constructor')).toThrow(/\[SW703\]/);
  });

  test('fails for an empty error code', () => {
    expect(() => AwsSdkErrors.errorName('s3', '')).toThrow(/\[SW702\].*an error name is empty/);
  });
});
