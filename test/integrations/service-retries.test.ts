import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { Asl, Flow, RequestResponseStep, RetryPreset, ServiceRetries, StepBindOptions } from '../../src';
import { newStack, workflowOf } from '../patterns/helpers';

describe('ServiceRetries', () => {
  test.each([
    ['lambdaInvoke', ServiceRetries.lambdaInvoke(), ['lambdaServiceErrors', 'lambdaThrottling']],
    ['awsSdk', ServiceRetries.awsSdk('sfn'), ['awsSdkThrottling']],
    ['dynamoDb', ServiceRetries.dynamoDb(), ['dynamoDbThrottling']],
    ['ecsRunTask', ServiceRetries.ecsRunTask(), ['ecsRunTask']],
    ['batchSubmitJob', ServiceRetries.batchSubmitJob(), ['batchSubmitJob']],
    ['glueStartJobRun', ServiceRetries.glueStartJobRun(), ['glueStartJobRun']],
    ['stepFunctionsStartExecution', ServiceRetries.stepFunctionsStartExecution(), ['stepFunctionsStartExecution']],
    ['httpInvoke', ServiceRetries.httpInvoke(), ['httpInvoke']],
    ['none', ServiceRetries.none(), []],
  ])('%s', (_name, presets, names) => {
    expect(presets.map((p) => p.presetName)).toEqual(names);
  });

  test('the AWS SDK default uses the service\'s exception prefix', () => {
    expect(ServiceRetries.awsSdk('sfn')[0].errors[0]).toBe('Sfn.ThrottlingException');
  });

  test('an integration step returning them from its defaultRetries() hook renders them, and a user can extend them', () => {
    // GIVEN a step wired the way the integrations are meant to be: defaults unless the user passes presets
    class InvokeStep extends RequestResponseStep {
      constructor(private readonly retries?: RetryPreset[]) {
        super();
      }
      protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
        const fn = lambda.Function.fromFunctionArn(scope, `${id} fn`, 'arn:aws:lambda:us-east-1:123456789012:function:f');
        return new tasks.LambdaInvoke(scope, id, { stateName: options.stateName, lambdaFunction: fn, retryOnServiceExceptions: false });
      }
      protected defaultRetries(): sfn.RetryProps[] {
        return ServiceRetries.toRetryProps(this.retries ?? ServiceRetries.lambdaInvoke());
      }
    }
    const stack = newStack();
    const flow = new Flow(stack, 'F')
      .addStep('Default', new InvokeStep())
      .addStep('Extended', new InvokeStep([...ServiceRetries.lambdaInvoke(), RetryPreset.custom(['Payments.Busy'])]))
      .addStep('None', new InvokeStep(ServiceRetries.none()));
    const states = Asl.of(workflowOf(stack, flow)).States;
    expect(states.Default.Retry.map((r: any) => r.ErrorEquals[0])).toEqual(['Lambda.ClientExecutionTimeoutException', 'Lambda.TooManyRequestsException']);
    expect(states.Extended.Retry.map((r: any) => r.ErrorEquals[0])).toEqual(['Lambda.ClientExecutionTimeoutException', 'Lambda.TooManyRequestsException', 'Payments.Busy']);
    expect(states.None.Retry).toBeUndefined();
  });
});
