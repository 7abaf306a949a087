import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { MapRunAlarms } from '../../src';

function setup() {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  const sm = sfn.StateMachine.fromStateMachineArn(stack, 'SM', 'arn:aws:states:eu-west-1:111111111111:stateMachine:orders');
  return { stack, sm };
}

describe('MapRunAlarms', () => {
  test('alarms on open Map Runs at 90% of the quota and on a lasting backlog, by default', () => {
    const { stack } = setup();
    const alarms = new MapRunAlarms(stack, 'MapRuns');
    expect(alarms.alarms).toHaveLength(2);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateOpenMapRunCount',
      Namespace: 'AWS/States',
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 900,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateMapRunBacklogSize', Statistic: 'Maximum', Threshold: 1, EvaluationPeriods: 3, DatapointsToAlarm: 3,
    });
  });

  test('alarms on failed children of a labelled map, with the topic as action', () => {
    const { stack, sm } = setup();
    const topic = new sns.Topic(stack, 'T');
    new MapRunAlarms(stack, 'MapRuns', { topic, backlog: { enabled: false }, childFailures: [{ stateMachine: sm, label: 'lines', options: { threshold: 10 } }] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Statistic: 'Sum',
      Threshold: 10,
      Dimensions: [{ Name: 'StateMachineArn', Value: 'arn:aws:states:eu-west-1:111111111111:stateMachine:orders/lines' }],
      AlarmActions: [{ Ref: 'TD925BC7E' }],
    });
  });

  test('fails when a setting is one CloudWatch rejects (SW709)', () => {
    const { stack } = setup();
    expect(() => new MapRunAlarms(stack, 'MapRuns', { openMapRuns: { period: Duration.seconds(30) } })).toThrow(/SW709.*the OpenMapRuns alarm has a period of 30 seconds/);
  });
});
