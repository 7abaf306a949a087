import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { expectPolicy, getAtt, machineWith, newStack, stateOf } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { SqsSteps } from '../../src/integrations/sqs';

const callbackTimeouts = { taskTimeout: sfn.Timeout.duration(Duration.hours(1)), heartbeat: Heartbeat.every(Duration.minutes(5)) };

describe('SqsSteps.sendMessage', () => {
  test('sends the message and grants sqs:SendMessage on the queue', () => {
    // GIVEN
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Orders', { fifo: true });
    // WHEN
    const machine = machineWith(stack, SqsSteps.sendMessage({
      queue: queue,
      messageBody: sfn.TaskInput.fromJsonPathAt('$.order'),
      messageGroupId: 'orders',
      taskTimeout: sfn.Timeout.duration(Duration.seconds(20)),
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::sqs:sendMessage',
      Parameters: { 'QueueUrl': '${Ref:Orders}', 'MessageBody.$': '$.order', 'MessageGroupId': 'orders' },
      TimeoutSeconds: 20,
      End: true,
    });
    expectPolicy(stack, [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: getAtt(queue, 'Arn') }]);
  });

  test('also grants the queue key\'s kms:Decrypt and kms:GenerateDataKey* when the queue is encrypted', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Orders', { encryption: sqs.QueueEncryption.KMS });
    machineWith(stack, SqsSteps.sendMessage({ queue: queue, messageBody: sfn.TaskInput.fromText('hello') }));
    expectPolicy(stack, [
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: getAtt(queue, 'Arn') },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: getAtt(queue.encryptionMasterKey!, 'Arn') },
    ]);
  });
});

describe('SqsSteps.sendMessageWithCallback', () => {
  test('sends the message with the task token and waits for the callback', () => {
    // GIVEN
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Approvals');
    // WHEN
    const machine = machineWith(stack, SqsSteps.sendMessageWithCallback({
      queue: queue,
      ...callbackTimeouts,
      messageBody: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.id') }),
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::sqs:sendMessage.waitForTaskToken',
      Parameters: { QueueUrl: '${Ref:Approvals}', MessageBody: { 'orderId.$': '$.id', 'taskToken.$': '$$.Task.Token' } },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 300,
      End: true,
    });
    expectPolicy(stack, [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: getAtt(queue, 'Arn') }]);
  });

  test('JSONata: the token is a JSONata expression in Arguments', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Approvals');
    const machine = machineWith(stack, SqsSteps.sendMessageWithCallback({
      queue: queue,
      ...callbackTimeouts,
      messageBody: sfn.TaskInput.fromObject({ orderId: '{% $states.input.id %}' }),
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(stateOf(machine).Arguments).toEqual({
      QueueUrl: '${Ref:Approvals}',
      MessageBody: { orderId: '{% $states.input.id %}', taskToken: '{% $states.context.Task.Token %}' },
    });
  });
});
