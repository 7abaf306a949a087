import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { Fixtures, Retries, STEPS, fixtures, sdkCall } from './every-step';
import { RETRIERS, machineWith, newStack, stateOf } from './helpers';
import { Workflow } from '../../src/constructs/workflow';
import { StepwiseError } from '../../src/core/errors';
import { Heartbeat } from '../../src/core/heartbeat';
import { Step, StepBindOptions } from '../../src/core/step';
import { Flow } from '../../src/flow/flow';
import { AthenaSteps } from '../../src/integrations/athena';
import { SdkSteps } from '../../src/integrations/aws-sdk';
import { BatchSteps } from '../../src/integrations/batch';
import { BedrockSteps } from '../../src/integrations/bedrock';
import { CodeBuildSteps } from '../../src/integrations/codebuild';
import { DynamoDbSteps } from '../../src/integrations/dynamodb';
import { EcsSteps } from '../../src/integrations/ecs';
import { EventBridgeSteps } from '../../src/integrations/eventbridge';
import { GlueSteps } from '../../src/integrations/glue';
import { HttpSteps } from '../../src/integrations/http';
import { RequestResponseStep } from '../../src/integrations/integration-step';
import { LambdaSteps } from '../../src/integrations/lambda';
import { ServiceRetries } from '../../src/integrations/service-retries';
import { SnsSteps } from '../../src/integrations/sns';
import { SqsSteps } from '../../src/integrations/sqs';
import { StepFunctionsSteps } from '../../src/integrations/stepfunctions';
import { TaskToken } from '../../src/integrations/task-token';
import { RetryPreset } from '../../src/patterns/retry';
import { Validator } from '../../src/validation/validator';

const hour = sfn.Timeout.duration(Duration.hours(1));
const fiveMinutes = Heartbeat.every(Duration.minutes(5));

function queue(stack: Stack): sqs.Queue {
  return new sqs.Queue(stack, 'Queue');
}

/** The StepwiseError `fn` throws. */
function errorOf(fn: () => unknown): StepwiseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof StepwiseError) {
      return e;
    }
    throw e;
  }
  throw new Error('expected a StepwiseError, nothing was thrown');
}

describe('pattern classes', () => {
  test('each factory returns a step of its pattern', () => {
    const stack = newStack();
    const q = queue(stack);
    expect(SqsSteps.sendMessage({ queue: q, messageBody: sfn.TaskInput.fromText('x') }).integrationPattern).toBe(sfn.IntegrationPattern.REQUEST_RESPONSE);
    const callback = SqsSteps.sendMessageWithCallback({
      queue: q, messageBody: sfn.TaskInput.fromObject({}), taskTimeout: hour, heartbeat: fiveMinutes,
    });
    expect(callback.integrationPattern).toBe(sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN);
  });

  test('bind() applies the default retriers a step declares', () => {
    // GIVEN a step with a default retry policy
    class RetriedStep extends RequestResponseStep {
      protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
        return new tasks.SqsSendMessage(scope, id, { stateName: options.stateName, queue: queue(Stack.of(scope)), messageBody: sfn.TaskInput.fromText('x') });
      }
      protected defaultRetries(): sfn.RetryProps[] {
        return [{ errors: ['Sqs.ThrottlingException'], maxAttempts: 3 }];
      }
    }
    // WHEN
    const machine = machineWith(newStack(), new RetriedStep());
    // THEN
    expect(stateOf(machine).Retry).toEqual([{ ErrorEquals: ['Sqs.ThrottlingException'], MaxAttempts: 3 }]);
  });

  test('one step bound into two state machines builds two states, each in its own query language', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ a: 1 }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    const jsonPath = new sfn.StateMachine(stack, 'JsonPath', {
      definitionBody: sfn.DefinitionBody.fromChainable(step.bind(stack, 'A', { stateName: 'A' })),
    });
    const jsonata = new sfn.StateMachine(stack, 'Jsonata', {
      definitionBody: sfn.DefinitionBody.fromChainable(step.bind(stack, 'B', { stateName: 'B' })),
      queryLanguage: sfn.QueryLanguage.JSONATA,
    });
    expect(stateOf(jsonPath, 'A').Parameters.MessageBody).toEqual({ 'a': 1, 'taskToken.$': '$$.Task.Token' });
    expect(stateOf(jsonata, 'B').Arguments.MessageBody).toEqual({ a: 1, taskToken: '{% $states.context.Task.Token %}' });
  });

  test('bind() adds no retriers by default', () => {
    const stack = newStack();
    const machine = machineWith(stack, SqsSteps.sendMessage({ queue: queue(stack), messageBody: sfn.TaskInput.fromText('x') }));
    expect(stateOf(machine).Retry).toBeUndefined();
  });
});

describe('callbacks: the task token', () => {
  test('fails when a text payload does not carry the token (SW501), naming the step and the fix', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({ queue: queue(stack), messageBody: sfn.TaskInput.fromText('approve order 42'), taskTimeout: hour, heartbeat: fiveMinutes });
    const error = errorOf(() => machineWith(stack, step, { stateName: 'Ask approval' }));
    expect(error.code).toBe('SW501');
    expect(error.message).toMatch(/^\[SW501\] Stack\/Ask approval, state 'Ask approval': the callback step does not pass the task token: the messageBody is a text/);
    expect(error.message).toMatch(/Fix: pass the messageBody as an object \(sfn\.TaskInput\.fromObject\) and the step adds the token/);
  });

  test('fails when a JSON path payload does not carry the token (SW501)', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({ queue: queue(stack), messageBody: sfn.TaskInput.fromJsonPathAt('$.order'), taskTimeout: hour, heartbeat: fiveMinutes });
    expect(() => machineWith(stack, step)).toThrow(/\[SW501\].*the messageBody is a JSON path without the task token/);
  });

  test('accepts a text payload that carries the token', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromText(sfn.JsonPath.format('approve {}', sfn.JsonPath.taskToken)),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    const state = stateOf(machineWith(stack, step));
    expect(state.Parameters['MessageBody.$']).toEqual("States.Format('approve {}', $$.Task.Token)");
  });

  test('keeps an object payload that places the token itself, without adding another field', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    expect(stateOf(machineWith(stack, step)).Parameters.MessageBody).toEqual({ 'token.$': '$$.Task.Token' });
  });

  test('fails when the payload already has the taskTokenField with another value (SW507)', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ taskToken: 'mine' }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    expect(() => machineWith(stack, step, { stateName: 'Notify' }))
      .toThrow(/\[SW507\] Stack\/Notify, state 'Notify': the messageBody already has a field 'taskToken'.*Fix: set taskTokenField to a name/);
  });

  test('fails when the rendered state loses the token: a JSONPath token in a JSONata state (SW501)', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    expect(() => machineWith(stack, step, { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA }))
      .toThrow(/\[SW501\].*the state's parameters do not reference the task token/);
  });

  test('accepts the JSONata token in a JSONata state', () => {
    const stack = newStack();
    const step = SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ token: TaskToken.JSONATA }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    });
    const machine = machineWith(stack, step, { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(stateOf(machine).Arguments.MessageBody).toEqual({ token: '{% $states.context.Task.Token %}' });
  });
});

describe('callbacks: heartbeat and timeout', () => {
  function lambdaCallback(heartbeat: Heartbeat, taskTimeout: sfn.Timeout) {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    return { stack, step: LambdaSteps.invokeWithCallback({ lambdaFunction: fn, heartbeat, taskTimeout }) };
  }

  test('fails when the heartbeat equals the timeout (SW213)', () => {
    const { stack, step } = lambdaCallback(Heartbeat.every(Duration.hours(1)), hour);
    expect(() => machineWith(stack, step, { stateName: 'Wait for payment' })).toThrow(
      /\[SW213\] Stack\/Wait for payment, state 'Wait for payment': the heartbeat is not shorter than the task timeout.*Limit: heartbeat below the task timeout \(3600 seconds\)\. Found: heartbeat of 3600 seconds\. Fix: make the heartbeat shorter/,
    );
  });

  test('fails when the heartbeat is longer than the timeout (SW213)', () => {
    const { stack, step } = lambdaCallback(Heartbeat.every(Duration.hours(2)), hour);
    expect(() => machineWith(stack, step)).toThrow(/\[SW213\].*Found: heartbeat of 7200 seconds/);
  });

  test('accepts a heartbeat below the timeout', () => {
    const { stack, step } = lambdaCallback(Heartbeat.every(Duration.seconds(3599)), hour);
    const state = stateOf(machineWith(stack, step));
    expect(state.HeartbeatSeconds).toBe(3599);
    expect(state.TimeoutSeconds).toBe(3600);
  });

  test('does not compare a heartbeat or timeout known only at deploy or run time', () => {
    const lazy = lambdaCallback(Heartbeat.every(Duration.seconds(Lazy.number({ produce: () => 7200 }))), hour);
    expect(() => machineWith(lazy.stack, lazy.step)).not.toThrow();
    const { stack, step } = lambdaCallback(Heartbeat.at('$.heartbeat'), sfn.Timeout.at('$.timeout'));
    const state = stateOf(machineWith(stack, step));
    expect(state.HeartbeatSecondsPath).toBe('$.heartbeat');
    expect(state.TimeoutSecondsPath).toBe('$.timeout');
  });

  test('fails without a heartbeat or timeout, which only JavaScript callers can leave out (SW511)', () => {
    const { stack, step } = lambdaCallback(undefined as unknown as Heartbeat, undefined as unknown as sfn.Timeout);
    expect(() => machineWith(stack, step, { stateName: 'Wait' })).toThrow(
      /^\[SW511\] Stack\/Wait, state 'Wait': the callback step has no taskTimeout and no heartbeat\. Fix: pass taskTimeout/,
    );
  });

  test('a callback that opts out of a heartbeat is warned about once, by validation (SW402)', () => {
    const { stack, step } = lambdaCallback(Heartbeat.none(), hour);
    const machine = machineWith(stack, step, { stateName: 'Wait' });
    expect(stateOf(machine, 'Wait').HeartbeatSeconds).toBeUndefined();
    expect(Validator.validateStateMachine(machine).filter((f) => f.statePath === 'Wait').map((f) => f.code)).toEqual(['SW402']);
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test.each([
    ['taskTimeout', () => sfn.Timeout.duration(Duration.seconds(100_000_000)), () => fiveMinutes, /\[SW214\].*the step's taskTimeout is 100000000 seconds/],
    ['heartbeat', () => hour, () => Heartbeat.every(Duration.seconds(0)), /\[SW214\].*the step's heartbeat is 0 seconds.*Fix: give heartbeat whole seconds from 1 up/],
  ])('fails when the %s is out of the TimeoutSeconds/HeartbeatSeconds range (SW214)', (_prop, timeout, heartbeat, message) => {
    const { stack, step } = lambdaCallback(heartbeat(), timeout());
    expect(() => machineWith(stack, step)).toThrow(message);
  });
});

describe('query language options', () => {
  function sqsStep(stack: Stack, options: object) {
    return SqsSteps.sendMessage({ queue: queue(stack), messageBody: sfn.TaskInput.fromText('x'), ...options });
  }

  test('fails when a JSONata step has JSONPath options (SW508)', () => {
    const stack = newStack();
    const step = sqsStep(stack, { resultPath: '$.sent', outputPath: '$.sent', taskTimeout: sfn.Timeout.at('$.timeout') });
    expect(() => machineWith(stack, step, { stateName: 'Send', queryLanguage: sfn.QueryLanguage.JSONATA })).toThrow(
      /\[SW508\] Stack\/Send, state 'Send': the step is a JSONata state but has JSONPath options: resultPath, outputPath, taskTimeout: Timeout.at\(\).*Fix: shape the result with outputs and assign/,
    );
  });

  test('fails when a JSONPath step has JSONata options (SW508)', () => {
    const stack = newStack();
    const step = sqsStep(stack, { outputs: '{% $states.result %}', taskTimeout: sfn.Timeout.jsonata('{% 60 %}') });
    expect(() => machineWith(stack, step, { queryLanguage: sfn.QueryLanguage.JSON_PATH }))
      .toThrow(/\[SW508\].*the step is a JSONPath state but has JSONata options: outputs, taskTimeout: Timeout.jsonata\(\)/);
  });

  test('fails for a heartbeat of the other query language (SW508)', () => {
    const stack = newStack();
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => machineWith(stack, LambdaSteps.invokeWithCallback({ lambdaFunction: fn, taskTimeout: hour, heartbeat: Heartbeat.at('$.hb') }), {
      queryLanguage: sfn.QueryLanguage.JSONATA,
    })).toThrow(/\[SW508\].*JSONPath options: heartbeat: Heartbeat\.at\(\)/);
    const stack2 = newStack();
    const fn2 = new lambda.Function(stack2, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    expect(() => machineWith(stack2, LambdaSteps.invokeWithCallback({ lambdaFunction: fn2, taskTimeout: hour, heartbeat: Heartbeat.jsonata('{% 60 %}') }), {
      queryLanguage: sfn.QueryLanguage.JSON_PATH,
    })).toThrow(/\[SW508\].*JSONata options: heartbeat: Heartbeat\.jsonata\(\)/);
  });

  test('accepts each language\'s options', () => {
    const stack = newStack();
    const jsonPath = sqsStep(stack, { resultPath: '$.sent', assign: { sent: true } });
    expect(stateOf(machineWith(stack, jsonPath, { queryLanguage: sfn.QueryLanguage.JSON_PATH })).ResultPath).toBe('$.sent');
    const stack2 = newStack();
    const jsonata = sqsStep(stack2, { outputs: { id: '{% $states.result.MessageId %}' }, assign: { sent: true } });
    const jsonataOptions = { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA };
    const state = stateOf(machineWith(stack2, jsonata, jsonataOptions));
    expect(state.Output).toEqual({ id: '{% $states.result.MessageId %}' });
    expect(state.Assign).toEqual({ sent: true });
  });
});

describe('with the Flow builder and the Workflow construct', () => {
  test('a callback step in a flow that inherits a JSONata Workflow writes the JSONata token', () => {
    // GIVEN
    const stack = newStack();
    const q = queue(stack);
    const flow = new Flow(stack, 'Approve')
      .addStep('Ask', SqsSteps.sendMessageWithCallback({
        queue: q,
        messageBody: sfn.TaskInput.fromObject({ orderId: '{% $states.input.orderId %}' }),
        taskTimeout: hour,
        heartbeat: fiveMinutes,
        outputs: { decision: '{% $states.result.decision %}' },
      }))
      .addRetry({ errors: ['States.Timeout'], maxAttempts: 1 });
    // WHEN
    const workflow = new Workflow(stack, 'Approvals', { definition: flow, queryLanguage: sfn.QueryLanguage.JSONATA });
    // THEN
    const state = stateOf(workflow, 'Ask');
    expect(state.Resource).toBe('arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken');
    expect(state.Arguments.MessageBody).toEqual({ orderId: '{% $states.input.orderId %}', taskToken: '{% $states.context.Task.Token %}' });
    expect(state.Output).toEqual({ decision: '{% $states.result.decision %}' });
    expect(state.Retry).toEqual([{ ErrorEquals: ['States.Timeout'], MaxAttempts: 1 }]);
  });

  test('the same step in a JSONPath Workflow writes the JSONPath token', () => {
    const stack = newStack();
    const flow = new Flow(stack, 'Approve').addStep('Ask', SqsSteps.sendMessageWithCallback({
      queue: queue(stack),
      messageBody: sfn.TaskInput.fromObject({ 'orderId.$': '$.orderId' }),
      taskTimeout: hour,
      heartbeat: fiveMinutes,
    }));
    const workflow = new Workflow(stack, 'Approvals', { definition: flow });
    expect(stateOf(workflow, 'Ask').Parameters.MessageBody).toEqual({ 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' });
  });
});

describe('IntegrationStepOptions.retries', () => {
  /** The rendered Retry of the step built by `build` with these retries. */
  function retryOf(build: (f: Fixtures, r: Retries) => Step, r: Retries): unknown {
    const stack = newStack();
    return stateOf(machineWith(stack, build(fixtures(stack), r))).Retry;
  }

  test('the table covers every factory method of every service', () => {
    const classes = {
      LambdaSteps,
      SdkSteps,
      DynamoDbSteps,
      EcsSteps,
      BatchSteps,
      GlueSteps,
      StepFunctionsSteps,
      HttpSteps,
      SqsSteps,
      SnsSteps,
      EventBridgeSteps,
      CodeBuildSteps,
      AthenaSteps,
      BedrockSteps,
    };
    const factories = Object.entries(classes).flatMap(([name, cls]) => Object.getOwnPropertyNames(cls)
      .filter((m) => typeof (cls as any)[m] === 'function')
      .map((m) => `${name}.${m}`));
    expect(STEPS.map(([name]) => name).sort()).toEqual(factories.sort());
  });

  test.each(STEPS)('%s renders the service default', (_name, build, expected) => {
    expect(retryOf(build, {})).toEqual(expected);
  });

  test.each(STEPS)('%s: retries replaces the default', (_name, build) => {
    expect(retryOf(build, { retries: [RetryPreset.custom(['Custom.Busy'], { maxAttempts: 2 })] })).toEqual([
      { ErrorEquals: ['Custom.Busy'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' },
    ]);
  });

  test.each(STEPS)('%s: retries [] leaves the task without retriers', (_name, build) => {
    expect(retryOf(build, { retries: [] })).toBeUndefined();
  });

  test('extends the default when the default presets are passed first', () => {
    const stack = newStack();
    const f = fixtures(stack);
    const step = EcsSteps.runTaskAndWait({ ...f.ecs, retries: [...ServiceRetries.ecsRunTask(), RetryPreset.taskFailed()] });
    expect(stateOf(machineWith(stack, step)).Retry).toEqual([
      RETRIERS.ecsRunTask,
      { ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2, MaxDelaySeconds: 30, JitterStrategy: 'FULL' },
    ]);
  });

  test('AWS SDK: the service name is matched case-insensitively, as the call itself is', () => {
    expect(retryOf(() => SdkSteps.call({ ...sdkCall, service: 'S3' }), {})).toEqual([RETRIERS.s3Throttling]);
  });

  test('AWS SDK: no default when the service is a deploy-time token (its exception prefix is unknown)', () => {
    const service = Lazy.string({ produce: () => 's3' });
    expect(retryOf(() => SdkSteps.call({ ...sdkCall, service, iamActions: ['s3:ListAllMyBuckets'] }), {})).toBeUndefined();
    // ... and retries still applies
    const retries = [RetryPreset.awsSdkThrottling('s3')];
    expect(retryOf(() => SdkSteps.call({ ...sdkCall, service, iamActions: ['s3:ListAllMyBuckets'], retries }), {})).toEqual([RETRIERS.s3Throttling]);
  });
});

describe('IntegrationStepOptions.retries with flow.addRetry()', () => {
  function fn(stack: Stack): lambda.IFunction {
    return lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:charge');
  }
  const busy = { errors: ['Payments.Busy'], maxAttempts: 3 };
  const anyError = { errors: ['States.ALL'], maxAttempts: 1 };

  test('retriers added with addRetry() come after the step\'s, in the order added', () => {
    // GIVEN
    const stack = newStack();
    // WHEN
    const flow = new Flow(stack, 'F').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(stack) })).addRetry(busy);
    // THEN
    const workflow = new Workflow(stack, 'W', { definition: flow });
    expect(stateOf(workflow, 'Charge').Retry).toEqual([
      RETRIERS.lambdaServiceErrors,
      RETRIERS.lambdaThrottling,
      { ErrorEquals: ['Payments.Busy'], MaxAttempts: 3 },
    ]);
  });

  test('a States.ALL retrier added with addRetry() renders last, even before another addRetry(), and passes validation', () => {
    const stack = newStack();
    const flow = new Flow(stack, 'F').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(stack) })).addRetry(anyError).addRetry(busy);
    const workflow = new Workflow(stack, 'W', { definition: flow });
    expect(stateOf(workflow, 'Charge').Retry).toEqual([
      RETRIERS.lambdaServiceErrors,
      RETRIERS.lambdaThrottling,
      { ErrorEquals: ['Payments.Busy'], MaxAttempts: 3 },
      { ErrorEquals: ['States.ALL'], MaxAttempts: 1 },
    ]);
    expect(Validator.validateStateMachine(workflow).filter((finding) => finding.code === 'SW210')).toEqual([]);
  });

  test('a States.ALL preset first in retries also renders last', () => {
    const stack = newStack();
    const retries = [RetryPreset.custom(['States.ALL'], { maxAttempts: 1 }), RetryPreset.lambdaThrottling()];
    const workflow = new Workflow(stack, 'W', { definition: new Flow(stack, 'F').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(stack), retries })) });
    expect(stateOf(workflow, 'Charge').Retry.map((r: { ErrorEquals: string[] }) => r.ErrorEquals)).toEqual([['Lambda.TooManyRequestsException'], ['States.ALL']]);
    expect(Validator.validateStateMachine(workflow).filter((finding) => finding.code === 'SW210')).toEqual([]);
  });

  test('the validation check the order relies on reports a States.ALL retrier that is not last (the check can fail)', () => {
    const definition = JSON.stringify({
      StartAt: 'Charge',
      States: {
        Charge: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:charge' },
          Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1 }, { ErrorEquals: ['Payments.Busy'], MaxAttempts: 3 }],
          End: true,
        },
      },
    });
    expect(Validator.validateJson(definition).map((finding) => finding.code)).toContain('SW210');
  });
});
