import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { RETRIERS, expectPolicy, expectValidAsl, getAtt, machineWith, newStack, stateOf } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { LambdaSteps } from '../../src/integrations/lambda';
import { RetryPreset } from '../../src/patterns/retry';

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

// ServiceRetries.lambdaInvoke(): the service errors AWS recommends retrying, then throttling.
const LAMBDA_RETRY = [RETRIERS.lambdaServiceErrors, RETRIERS.lambdaThrottling];

function invokeStatement(f: lambda.Function): unknown {
  return {
    Action: 'lambda:InvokeFunction',
    Effect: 'Allow',
    Resource: getAtt(f, 'Arn'),
  };
}

const callbackTimeouts = { taskTimeout: sfn.Timeout.duration(Duration.hours(1)), heartbeat: Heartbeat.every(Duration.minutes(5)) };

describe('LambdaSteps.invoke', () => {
  test('invokes the function with the payload and grants lambda:InvokeFunction on it', () => {
    // GIVEN
    const stack = newStack();
    const f = fn(stack);
    // WHEN
    const machine = machineWith(stack, LambdaSteps.invoke({
      lambdaFunction: f,
      payload: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.id') }),
      taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
      resultSelector: { 'result.$': '$.Payload' },
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::lambda:invoke',
      Parameters: { FunctionName: '${GetAtt:Fn.Arn}', Payload: { 'orderId.$': '$.id' } },
      ResultSelector: { 'result.$': '$.Payload' },
      TimeoutSeconds: 30,
      Retry: LAMBDA_RETRY,
      End: true,
    });
    expectPolicy(stack, [invokeStatement(f)]);
    expectValidAsl(machine);
  });

  test('sends the whole input when no payload is given, in JSONata as well', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invoke({ lambdaFunction: fn(stack), outputs: '{% $states.result.Payload %}' }), {
      queryLanguage: sfn.QueryLanguage.JSONATA,
      machineQueryLanguage: sfn.QueryLanguage.JSONATA,
    });
    const state = stateOf(machine);
    expect(state.Arguments).toEqual({ FunctionName: '${GetAtt:Fn.Arn}', Payload: '{% $states.input %}' });
    expect(state.Output).toEqual('{% $states.result.Payload %}');
    expect(state.Parameters).toBeUndefined();
    expectValidAsl(machine);
  });

  test('invoking an alias grants the alias only, not the function or its other versions', () => {
    const stack = newStack();
    const f = fn(stack);
    const live = new lambda.Alias(stack, 'Live', { aliasName: 'live', version: f.currentVersion });
    machineWith(stack, LambdaSteps.invoke({ lambdaFunction: live, taskTimeout: sfn.Timeout.duration(Duration.seconds(10)) }));
    expectPolicy(stack, [{ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { Ref: stack.getLogicalId(live.node.defaultChild as lambda.CfnAlias) } }]);
  });

  test('payloadResponseOnly uses the function ARN as the resource', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invoke({ lambdaFunction: fn(stack), payloadResponseOnly: true }));
    expect(stateOf(machine).Resource).toEqual('${GetAtt:Fn.Arn}');
  });

  test('retryOnServiceExceptions: false leaves throttling as the only retrier', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invoke({ lambdaFunction: fn(stack), retryOnServiceExceptions: false }));
    expect(stateOf(machine).Retry).toEqual([RETRIERS.lambdaThrottling]);
  });

  test('retries replaces the default whatever retryOnServiceExceptions says', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invoke({
      lambdaFunction: fn(stack),
      retryOnServiceExceptions: true,
      retries: [RetryPreset.custom(['Payments.Busy'], { maxAttempts: 2 })],
    }));
    expect(stateOf(machine).Retry).toEqual([
      { ErrorEquals: ['Payments.Busy'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
    ]);
  });

  test('retries: [] leaves the task without retriers: aws-cdk-lib adds none of its own', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invoke({ lambdaFunction: fn(stack), retries: [] }));
    expect(stateOf(machine).Retry).toBeUndefined();
  });
});

describe('LambdaSteps.invokeWithCallback', () => {
  test('adds the task token to the payload object and waits for the callback', () => {
    // GIVEN
    const stack = newStack();
    const f = fn(stack);
    // WHEN
    const machine = machineWith(stack, LambdaSteps.invokeWithCallback({
      lambdaFunction: f,
      ...callbackTimeouts,
      payload: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.id') }),
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: '${GetAtt:Fn.Arn}', Payload: { 'orderId.$': '$.id', 'taskToken.$': '$$.Task.Token' } },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 300,
      Retry: LAMBDA_RETRY,
      End: true,
    });
    expectPolicy(stack, [invokeStatement(f)]);
    expectValidAsl(machine);
  });

  test('retryOnServiceExceptions: false leaves throttling as the only retrier', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invokeWithCallback({
      lambdaFunction: fn(stack), ...callbackTimeouts, retryOnServiceExceptions: false,
    }));
    expect(stateOf(machine).Retry).toEqual([RETRIERS.lambdaThrottling]);
  });

  test('sends { input, taskToken } without a payload, in the field taskTokenField names', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invokeWithCallback({ lambdaFunction: fn(stack), ...callbackTimeouts, taskTokenField: 'callbackToken' }));
    expect(stateOf(machine).Parameters.Payload).toEqual({ 'input.$': '$', 'callbackToken.$': '$$.Task.Token' });
    expectValidAsl(machine);
  });

  test('writes the token as JSONata when the step inherits a JSONata state machine', () => {
    const stack = newStack();
    const machine = machineWith(stack, LambdaSteps.invokeWithCallback({ lambdaFunction: fn(stack), ...callbackTimeouts }), {
      machineQueryLanguage: sfn.QueryLanguage.JSONATA,
    });
    expect(stateOf(machine).Arguments).toEqual({
      FunctionName: '${GetAtt:Fn.Arn}',
      Payload: { input: '{% $states.input %}', taskToken: '{% $states.context.Task.Token %}' },
    });
    expectValidAsl(machine);
  });
});
