import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, getAtt, machineWith, newStack, stateOf } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { EventBridgeSteps } from '../../src/integrations/eventbridge';

const callbackTimeouts = { taskTimeout: sfn.Timeout.duration(Duration.hours(2)), heartbeat: Heartbeat.every(Duration.minutes(10)) };

describe('EventBridgeSteps.putEvents', () => {
  test('puts the events and grants events:PutEvents on their buses', () => {
    // GIVEN
    const stack = newStack();
    const bus = new events.EventBus(stack, 'Bus');
    // WHEN
    const machine = machineWith(stack, EventBridgeSteps.putEvents({
      entries: [
        { eventBus: bus, source: 'orders', detailType: 'OrderPlaced', detail: sfn.TaskInput.fromJsonPathAt('$.order') },
        { source: 'orders', detailType: 'Audit', detail: sfn.TaskInput.fromObject({ ok: true }) },
      ],
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::events:putEvents',
      Parameters: {
        Entries: [
          { 'Detail.$': '$.order', 'DetailType': 'OrderPlaced', 'EventBusName': '${GetAtt:Bus.Arn}', 'Source': 'orders' },
          { Detail: { ok: true }, DetailType: 'Audit', Source: 'orders' },
        ],
      },
      End: true,
    });
    expectPolicy(stack, [{
      Action: 'events:PutEvents',
      Effect: 'Allow',
      Resource: [getAtt(bus, 'Arn'), arn('events:us-east-1:123456789012:event-bus/default')],
    }]);
  });
});

describe('EventBridgeSteps.putEventsWithCallback', () => {
  test('adds the task token to every object detail and waits for the callback', () => {
    const stack = newStack();
    const machine = machineWith(stack, EventBridgeSteps.putEventsWithCallback({
      ...callbackTimeouts,
      entries: [
        { source: 'orders', detailType: 'ApprovalRequested', detail: sfn.TaskInput.fromObject({ id: sfn.JsonPath.stringAt('$.id') }) },
        { source: 'orders', detailType: 'Note', detail: sfn.TaskInput.fromText('text detail') },
      ],
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::events:putEvents.waitForTaskToken',
      Parameters: {
        Entries: [
          { Detail: { 'id.$': '$.id', 'taskToken.$': '$$.Task.Token' }, DetailType: 'ApprovalRequested', Source: 'orders' },
          { Detail: 'text detail', DetailType: 'Note', Source: 'orders' },
        ],
      },
      TimeoutSeconds: 7200,
      HeartbeatSeconds: 600,
      End: true,
    });
    expectPolicy(stack, [{ Action: 'events:PutEvents', Effect: 'Allow', Resource: arn('events:us-east-1:123456789012:event-bus/default') }]);
  });

  test('fails when no entry carries the token and none has an object detail (SW501)', () => {
    const stack = newStack();
    const step = EventBridgeSteps.putEventsWithCallback({
      ...callbackTimeouts,
      entries: [{ source: 'orders', detailType: 'Note', detail: sfn.TaskInput.fromText('text detail') }],
    });
    expect(() => machineWith(stack, step, { stateName: 'Announce' })).toThrow(
      /\[SW501\] Stack\/Announce, state 'Announce': the callback step does not pass the task token: no entry has an object detail.*Fix: pass the entries\[0\]\.detail as an object/,
    );
  });
});
