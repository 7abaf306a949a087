import { Duration } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { newStack, workflowOf } from './helpers';
import { Asl, TimeoutPreset } from '../../src';
import { codeInfo } from '../../src/core/codes';

/** The rendered task with the preset's timeout and heartbeat, as an integration would set them. */
function renderedTask(preset: TimeoutPreset): Record<string, unknown> {
  const stack = newStack();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f');
  const task = new tasks.LambdaInvoke(stack, 'Call', {
    lambdaFunction: fn,
    retryOnServiceExceptions: false,
    taskTimeout: preset.taskTimeout,
    heartbeatTimeout: preset.heartbeat.timeout,
  });
  return Asl.of(workflowOf(stack, task)).States.Call;
}

describe('TimeoutPreset', () => {
  test('requestResponse: 60 seconds and no heartbeat by default', () => {
    const preset = TimeoutPreset.requestResponse();
    expect(renderedTask(preset)).toMatchObject({ TimeoutSeconds: 60 });
    expect(renderedTask(preset)).not.toHaveProperty('HeartbeatSeconds');
    expect(preset.heartbeat.isNone).toBe(true);
    expect(preset.toTaskTimeoutOptions()).toEqual({ taskTimeout: preset.taskTimeout });
  });

  test('requestResponse: a timeout of your choice', () => {
    expect(renderedTask(TimeoutPreset.requestResponse(Duration.seconds(10)))).toMatchObject({ TimeoutSeconds: 10 });
  });

  test('lambdaInvoke: the function timeout plus 30 seconds', () => {
    const preset = TimeoutPreset.lambdaInvoke(Duration.minutes(5));
    expect(preset.timeoutSeconds).toBe(330);
    expect(renderedTask(preset)).toMatchObject({ TimeoutSeconds: 330 });
  });

  test('runJob: the longest run, a heartbeat only when given', () => {
    const plain = TimeoutPreset.runJob(Duration.hours(2));
    expect(renderedTask(plain)).toMatchObject({ TimeoutSeconds: 7200 });
    expect(plain.toRunJobOptions()).toEqual({ taskTimeout: plain.taskTimeout });
    const beating = TimeoutPreset.runJob(Duration.hours(2), Duration.minutes(10));
    expect(renderedTask(beating)).toMatchObject({ TimeoutSeconds: 7200, HeartbeatSeconds: 600 });
    expect(beating.toRunJobOptions()).toEqual({ taskTimeout: beating.taskTimeout, heartbeat: beating.heartbeat });
  });

  test('callback: a heartbeat of 5 minutes by default, half the timeout when that is shorter', () => {
    expect(renderedTask(TimeoutPreset.callback(Duration.hours(1)))).toMatchObject({ TimeoutSeconds: 3600, HeartbeatSeconds: 300 });
    expect(renderedTask(TimeoutPreset.callback(Duration.minutes(4)))).toMatchObject({ TimeoutSeconds: 240, HeartbeatSeconds: 120 });
    expect(renderedTask(TimeoutPreset.callback(Duration.hours(1), Duration.minutes(2)))).toMatchObject({ HeartbeatSeconds: 120 });
  });

  test('callback: toCallbackOptions() gives the integrations\' CallbackOptions', () => {
    const preset = TimeoutPreset.callback(Duration.hours(1));
    const options = preset.toCallbackOptions();
    expect(options.taskTimeout).toBe(preset.taskTimeout);
    expect(options.heartbeat.timeout).toEqual(sfn.Timeout.duration(Duration.minutes(5)));
  });

  test('humanApproval: a timeout and deliberately no heartbeat', () => {
    const preset = TimeoutPreset.humanApproval(Duration.days(3));
    expect(renderedTask(preset)).toMatchObject({ TimeoutSeconds: 259200 });
    expect(renderedTask(preset)).not.toHaveProperty('HeartbeatSeconds');
    expect(preset.heartbeatSeconds).toBeUndefined();
  });

  describe('fails on timeouts Step Functions rejects', () => {
    test('fails when the heartbeat is not shorter than the timeout', () => {
      expect(() => TimeoutPreset.callback(Duration.minutes(5), Duration.minutes(5))).toThrow(/\[SW213\].*heartbeat of the 'callback' timeout preset is not shorter than its timeout.*Limit: a heartbeat below the timeout \(300 seconds\)/);
      expect(() => TimeoutPreset.runJob(Duration.minutes(1), Duration.minutes(2))).toThrow(/\[SW213\]/);
    });

    test('fails when a callback timeout leaves no room for a heartbeat', () => {
      expect(() => TimeoutPreset.callback(Duration.seconds(1))).toThrow(/\[SW704\].*the callback timeout is 1 seconds.*Limit: a whole number of seconds from 2 to 99,999,999/);
      expect(TimeoutPreset.callback(Duration.seconds(2)).heartbeatSeconds).toBe(1);
    });

    test('fails when the timeout is not whole seconds', () => {
      expect(() => TimeoutPreset.requestResponse(Duration.millis(1500))).toThrow(/\[SW704\].*1500 ms, not a whole number of seconds/);
    });

    test('fails when the timeout is over 99,999,999 seconds', () => {
      expect(() => TimeoutPreset.humanApproval(Duration.seconds(100_000_000))).toThrow(/\[SW704\].*Limit: a whole number of seconds from 1 to 99,999,999/);
    });

    test('fails when the function timeout is not whole seconds', () => {
      expect(() => TimeoutPreset.lambdaInvoke(Duration.millis(100))).toThrow(/\[SW704\].*the function timeout is 100 ms/);
    });

    test('the code is registered', () => {
      expect(codeInfo('SW704').title).toBe('Invalid timeout preset');
    });
  });
});
