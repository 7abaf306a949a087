import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, Workflow, WorkflowAlarms } from '../../src';
import { codeInfo } from '../../src/core/codes';

function setup() {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addPass('Start') });
  const stateMachineRef = { Ref: stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine) };
  return { stack, workflow, stateMachineRef };
}

function alarmProps(metricName: string, stateMachineRef: object, overrides: Record<string, unknown> = {}) {
  return {
    Namespace: 'AWS/States',
    MetricName: metricName,
    Dimensions: [{ Name: 'StateMachineArn', Value: stateMachineRef }],
    Statistic: 'Sum',
    Period: 300,
    Threshold: 1,
    EvaluationPeriods: 1,
    DatapointsToAlarm: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'notBreaching',
    ...overrides,
  };
}

describe('WorkflowAlarms', () => {
  test('one call adds the four alarms with their defaults, the topic as their action', () => {
    // GIVEN
    const { stack, workflow, stateMachineRef } = setup();
    const topic = new sns.Topic(stack, 'Oncall');
    // WHEN
    const alarms = new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow, topic });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const topicRef = { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) };
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmProps('ExecutionsFailed', stateMachineRef), AlarmActions: [topicRef] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmProps('ExecutionsTimedOut', stateMachineRef), AlarmActions: [topicRef] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { ...alarmProps('ExecutionsAborted', stateMachineRef), AlarmActions: [topicRef] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ...alarmProps('ExecutionThrottled', stateMachineRef, { EvaluationPeriods: 3, DatapointsToAlarm: 3 }),
      AlarmActions: [topicRef],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ExecutionsFailed', OKActions: Match.absent() });
    expect(alarms.alarms).toEqual([alarms.failedAlarm, alarms.timedOutAlarm, alarms.abortedAlarm, alarms.throttledAlarm]);
  });

  test('without a topic the alarms have no action', () => {
    const { stack, workflow } = setup();
    new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow });
    Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', { AlarmActions: Match.absent() });
  });

  test('notifyOnOk adds the topic as the OK action too', () => {
    const { stack, workflow } = setup();
    const topic = new sns.Topic(stack, 'Oncall');
    new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow, topic, notifyOnOk: true });
    Template.fromStack(stack).allResourcesProperties('AWS::CloudWatch::Alarm', { OKActions: [{ Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) }] });
  });

  test('every setting can be overridden, and an alarm turned off', () => {
    const { stack, workflow, stateMachineRef } = setup();
    const alarms = new WorkflowAlarms(stack, 'Alarms', {
      stateMachine: workflow,
      failed: { threshold: 5, period: Duration.minutes(1), evaluationPeriods: 5, datapointsToAlarm: 3, alarmName: 'orders-failed', alarmDescription: 'Orders are failing' },
      throttled: { enabled: false },
    });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', alarmProps('ExecutionsFailed', stateMachineRef, {
      Threshold: 5, Period: 60, EvaluationPeriods: 5, DatapointsToAlarm: 3, AlarmName: 'orders-failed', AlarmDescription: 'Orders are failing',
    }));
    expect(alarms.throttledAlarm).toBeUndefined();
    expect(alarms.alarms).toHaveLength(3);
  });

  test('works with any aws-cdk-lib state machine', () => {
    const stack = new Stack();
    const machine = new sfn.StateMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    new WorkflowAlarms(stack, 'Alarms', { stateMachine: machine });
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 4);
  });

  describe('fails on settings CloudWatch rejects', () => {
    test.each([
      ['a negative threshold', { threshold: -1 }, /\[SW709\] Stack\/Alarms.*the Failed alarm has the threshold -1.*Limit: 0 or more/],
      ['0 evaluation periods', { evaluationPeriods: 0 }, /\[SW709\].*has 0 evaluation periods/],
      ['more datapoints than periods', { evaluationPeriods: 2, datapointsToAlarm: 3 }, /\[SW709\].*needs 3 datapoints to alarm out of 2 evaluation periods.*Limit: 1 to 2/],
      ['a period that is not whole minutes', { period: Duration.seconds(90) }, /\[SW709\].*has a period of 90 seconds.*Limit: a whole number of minutes/],
    ])('fails when given %s', (_what, failed, message) => {
      const { stack, workflow } = setup();
      expect(() => new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow, failed })).toThrow(message);
    });

    test('a disabled alarm\'s settings are not checked', () => {
      const { stack, workflow } = setup();
      expect(() => new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow, aborted: { enabled: false, threshold: -1 } })).not.toThrow();
    });

    test('the code is registered', () => {
      expect(codeInfo('SW709').title).toBe('Invalid alarm settings');
    });
  });
});
