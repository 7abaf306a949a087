import { Duration } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { expectPolicy, getAtt, machineWith, newStack, ref, stateOf } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { SnsSteps } from '../../src/integrations/sns';

const callbackTimeouts = { taskTimeout: sfn.Timeout.duration(Duration.days(1)), heartbeat: Heartbeat.none() };

describe('SnsSteps.publish', () => {
  test('publishes the message and grants sns:Publish on the topic', () => {
    // GIVEN
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts');
    // WHEN
    const machine = machineWith(stack, SnsSteps.publish({
      topic: topic,
      message: sfn.TaskInput.fromObject({ text: sfn.JsonPath.stringAt('$.text') }),
      subject: 'Order failed',
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::sns:publish',
      Parameters: { TopicArn: '${Ref:Alerts}', Message: { 'text.$': '$.text' }, Subject: 'Order failed' },
      End: true,
    });
    expectPolicy(stack, [{ Action: 'sns:Publish', Effect: 'Allow', Resource: ref(topic) }]);
  });

  test('also grants the topic key\'s kms:Decrypt and kms:GenerateDataKey* when the topic is encrypted', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const topic = new sns.Topic(stack, 'Alerts', { masterKey: key });
    machineWith(stack, SnsSteps.publish({ topic: topic, message: sfn.TaskInput.fromText('hello') }));
    expectPolicy(stack, [
      { Action: 'sns:Publish', Effect: 'Allow', Resource: ref(topic) },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: getAtt(key, 'Arn') },
    ]);
  });
});

describe('SnsSteps.publishWithCallback', () => {
  test('publishes the message with the task token and waits for the callback', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Approvals');
    const machine = machineWith(stack, SnsSteps.publishWithCallback({
      topic: topic,
      ...callbackTimeouts,
      message: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.id') }),
      taskTokenField: 'token',
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::sns:publish.waitForTaskToken',
      Parameters: { TopicArn: '${Ref:Approvals}', Message: { 'orderId.$': '$.id', 'token.$': '$$.Task.Token' } },
      TimeoutSeconds: 86400,
      End: true,
    });
    expectPolicy(stack, [{ Action: 'sns:Publish', Effect: 'Allow', Resource: ref(topic) }]);
  });
});
