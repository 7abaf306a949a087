import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ActivityWorkerService, ActivityWorkerServiceProps } from '../../src/constructs/activity-worker-service';
import { WorkerActivity } from '../../src/integrations/activity';
import { codeInfo } from '../../src/validation/codes';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

const image = ecs.ContainerImage.fromRegistry('public.ecr.aws/example/worker:1');

function service(stack: Stack, props: Partial<ActivityWorkerServiceProps> = {}): ActivityWorkerService {
  const activity = props.activity ?? new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
  return new ActivityWorkerService(stack, 'Workers', { activity, image, ...props });
}

describe('ActivityWorkerService', () => {
  test('runs the image on Fargate with the activity ARN and the worker settings in its environment', () => {
    // GIVEN / WHEN
    const stack = newStack();
    service(stack, { activityHeartbeat: Duration.seconds(60), environment: { LOG_LEVEL: 'debug' } });
    const template = Template.fromStack(stack);

    // THEN: the documented defaults
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      Cpu: '256',
      Memory: '512',
      RequiresCompatibilities: ['FARGATE'],
      ContainerDefinitions: [Match.objectLike({
        Image: 'public.ecr.aws/example/worker:1',
        StopTimeout: 120,
        Environment: Match.arrayWith([
          { Name: 'LOG_LEVEL', Value: 'debug' },
          { Name: 'ACTIVITY_ARN', Value: { Ref: Match.stringLikeRegexp('^Activity') } },
          { Name: 'STEPWISE_CONCURRENCY', Value: '10' },
          { Name: 'STEPWISE_DRAIN_TIMEOUT_MS', Value: '105000' },
          { Name: 'STEPWISE_HEARTBEAT_SECONDS', Value: '60' },
        ]),
        LogConfiguration: Match.objectLike({ LogDriver: 'awslogs' }),
      })],
    });
    template.hasResourceProperties('AWS::ECS::Service', {
      LaunchType: 'FARGATE',
      DeploymentConfiguration: Match.objectLike({ DeploymentCircuitBreaker: { Enable: true, Rollback: true }, MinimumHealthyPercent: 100 }),
      NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'DISABLED' }) },
    });
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.resourceCountIs('AWS::EC2::NatGateway', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  test('the task role has exactly the worker actions on the activity', () => {
    const stack = newStack();
    const workers = service(stack);
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(workers.taskDefinition.taskRole.node.defaultChild as any);
    const policies = template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
    expect(Object.keys(policies)).toHaveLength(1);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['states:GetActivityTask', 'states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          Resource: { Ref: Match.stringLikeRegexp('^Activity') },
        }],
      }),
    });
  });

  test('scales out on the backlog (scheduled - started) and in when the activity is idle', () => {
    const stack = newStack();
    service(stack, { minCapacity: 0, maxCapacity: 20, scaleInAfter: Duration.minutes(10) });
    const template = Template.fromStack(stack);

    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 20, ScalableDimension: 'ecs:service:DesiredCount' });
    // Scale-out: one alarm above 0 on the backlog expression, and +1/+2/+4 steps.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 1,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'FILL(scheduled, 0) - FILL(started, 0)' }),
        Match.objectLike({ Id: 'scheduled', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ActivitiesScheduled', Namespace: 'AWS/States' }), Period: 60, Stat: 'Sum' }) }),
        Match.objectLike({ Id: 'started', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ActivitiesStarted' }) }) }),
      ]),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      PolicyType: 'StepScaling',
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'ChangeInCapacity',
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 9, ScalingAdjustment: 1 },
          { MetricIntervalLowerBound: 9, MetricIntervalUpperBound: 49, ScalingAdjustment: 2 },
          { MetricIntervalLowerBound: 49, ScalingAdjustment: 4 },
        ],
      }),
    });
    // Scale-in: 10 idle minutes in a row remove one task.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      Threshold: 0,
      EvaluationPeriods: 10,
      DatapointsToAlarm: 10,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(scheduled, 0) + FILL(started, 0)' })]),
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      StepScalingPolicyConfiguration: Match.objectLike({ StepAdjustments: [{ MetricIntervalUpperBound: 0, ScalingAdjustment: -1 }] }),
    });
    // Exactly one alarm per direction.
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 2);
  });

  test('uses an existing cluster and an imported activity', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const activity = sfn.Activity.fromActivityArn(stack, 'Imported', 'arn:aws:states:us-east-1:123456789012:activity:legacy');
    const workers = service(stack, { activity, cluster, assignPublicIp: true, vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } });
    const template = Template.fromStack(stack);
    expect(workers.cluster).toBe(cluster);
    template.resourceCountIs('AWS::ECS::Cluster', 1);
    template.hasResourceProperties('AWS::ECS::Service', { NetworkConfiguration: { AwsvpcConfiguration: Match.objectLike({ AssignPublicIp: 'ENABLED' }) } });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Environment: Match.arrayWith([{ Name: 'ACTIVITY_ARN', Value: 'arn:aws:states:us-east-1:123456789012:activity:legacy' }]) })],
    });
  });

  test('creates the cluster in a given VPC', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'MyVpc', { maxAzs: 2 });
    const workers = service(stack, { vpc });
    expect(workers.cluster.vpc).toBe(vpc);
    Template.fromStack(stack).resourceCountIs('AWS::EC2::VPC', 1);
  });

  test.each([
    [{ minCapacity: 5, maxCapacity: 2 }, /minCapacity 5 and maxCapacity 2/],
    [{ stopTimeout: Duration.seconds(180) }, /stopTimeout 180 seconds \(Fargate allows whole seconds from 2 to 120\)/],
    [{ stopTimeout: Duration.seconds(30), drainTimeout: Duration.seconds(30) }, /drainTimeout 30 seconds \(need 0 <= drainTimeout < stopTimeout of 30 seconds/],
    [{ concurrency: 0 }, /concurrency 0/],
  ])('fails when the settings are %j (SW605)', (props, message) => {
    const stack = newStack();
    expect(() => service(stack, props as Partial<ActivityWorkerServiceProps>)).toThrow(/\[SW605\] Stack\/Workers: the worker service settings cannot work/);
    expect(() => service(newStack(), props as Partial<ActivityWorkerServiceProps>)).toThrow(message);
    expect(codeInfo('SW605').severity).toBe('ERROR');
  });

  test('accepts a short stop timeout with a shorter drain', () => {
    const stack = newStack();
    service(stack, { stopTimeout: Duration.seconds(30), drainTimeout: Duration.seconds(25) });
    Template.fromStack(stack).hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ StopTimeout: 30, Environment: Match.arrayWith([{ Name: 'STEPWISE_DRAIN_TIMEOUT_MS', Value: '25000' }]) })],
    });
  });
});
