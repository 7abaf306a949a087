import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ActivityWorkerService, ActivityWorkerServiceProps } from '../../src/constructs/activity-worker-service';
import { codeInfo } from '../../src/core/codes';
import { BUSY_FRACTION_METRIC, WORKER_METRICS_NAMESPACE } from '../../src/core/worker-metrics';
import { WorkerActivity } from '../../src/integrations/activity';
import { WorkerMetrics } from '../../src/runtime/metrics';

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
          { Name: 'STEPWISE_STOP_TIMEOUT_MS', Value: '119000' },
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

  test('scales on how long tasks wait (ActivityScheduleTime) and on the busy fraction the workers publish, from zero and back', () => {
    const stack = newStack();
    const workers = service(stack, { minCapacity: 0, maxCapacity: 20, scaleInAfter: Duration.minutes(10) });
    const template = Template.fromStack(stack);
    const activityDimension = [{ Name: 'ActivityArn', Value: { Ref: Match.stringLikeRegexp('^Activity') } }];

    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MinCapacity: 0, MaxCapacity: 20, ScalableDimension: 'ecs:service:DesiredCount' });
    expect(workers.maxTaskCount).toBe(20);
    // Wait: the average time a task waited for a worker (ms) per minute, +25% / +50% / +100%.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ActivityScheduleTime',
      Statistic: 'Average',
      Unit: 'Milliseconds',
      Period: 60,
      Dimensions: activityDimension,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 2_000,
      EvaluationPeriods: 1,
    });
    template.hasResourceProperties('AWS::ApplicationAutoScaling::ScalingPolicy', {
      StepScalingPolicyConfiguration: Match.objectLike({
        AdjustmentType: 'PercentChangeInCapacity',
        MinAdjustmentMagnitude: 1,
        Cooldown: 180,
        StepAdjustments: [
          { MetricIntervalLowerBound: 0, MetricIntervalUpperBound: 28_000, ScalingAdjustment: 25 },
          { MetricIntervalLowerBound: 28_000, MetricIntervalUpperBound: 118_000, ScalingAdjustment: 50 },
          { MetricIntervalLowerBound: 118_000, ScalingAdjustment: 100 },
        ],
      }),
    });
    // Busy: the workers' own metric, out at 0.8 for 2 minutes, in at 0.4 for 5 minutes with 2 or more workers.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: WORKER_METRICS_NAMESPACE,
      MetricName: BUSY_FRACTION_METRIC,
      Statistic: 'Average',
      Dimensions: activityDimension,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 0.8,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      Threshold: 0.4,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 5,
      Metrics: Match.arrayWith([
        Match.objectLike({ Expression: 'IF(FILL(workers, 0) >= 2, busy, 1)' }),
        Match.objectLike({ Id: 'workers', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: BUSY_FRACTION_METRIC, Namespace: WORKER_METRICS_NAMESPACE }), Stat: 'SampleCount' }) }),
      ]),
    });
    // From zero: a minute with tasks scheduled and none started adds a worker.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Threshold: 1,
      EvaluationPeriods: 1,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'IF(FILL(scheduled, 0) > 0 AND FILL(started, 0) == 0, 1, 0)' })]),
    });
    // To minCapacity: 10 idle minutes in a row remove one task.
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'LessThanOrEqualToThreshold',
      Threshold: 0,
      EvaluationPeriods: 10,
      DatapointsToAlarm: 10,
      Metrics: Match.arrayWith([Match.objectLike({ Expression: 'FILL(scheduled, 0) + FILL(started, 0)' })]),
    });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5);
    template.resourceCountIs('AWS::ApplicationAutoScaling::ScalingPolicy', 5);
    expect([workers.scaleOutPolicy, workers.busyScaleOutPolicy, workers.wakeUpPolicy].every((p) => p.upperAlarm !== undefined)).toBe(true);
    expect([workers.scaleInPolicy, workers.idleScaleInPolicy].every((p) => p.lowerAlarm !== undefined)).toBe(true);
  });

  test('the busy-fraction policies read exactly the metric the worker runtime writes (namespace, name, dimension)', () => {
    // GIVEN the EMF line a worker writes
    const metrics = new WorkerMetrics('arn:aws:states:us-east-1:123456789012:activity:legacy', 10, 60_000, () => undefined);
    metrics.taskStarted();
    const line = JSON.parse(metrics.emf(metrics.sample()));
    const [directive] = line._aws.CloudWatchMetrics;

    // WHEN the service scales that activity
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'Imported', 'arn:aws:states:us-east-1:123456789012:activity:legacy');
    const workers = service(stack, { activity });

    // THEN the alarm's metric is the worker's: same namespace, metric name, and dimension name and value
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: directive.Namespace,
      MetricName: directive.Metrics[0].Name,
      Dimensions: [{ Name: directive.Dimensions[0][0], Value: line[directive.Dimensions[0][0]] }],
    });
    expect(workers.metricBusyFraction().toMetricConfig().metricStat).toMatchObject({
      namespace: directive.Namespace, metricName: directive.Metrics[0].Name, dimensions: [{ name: 'ActivityArn', value: line.ActivityArn }], statistic: 'Average',
    });
  });

  test('caps the task count at the activity\'s poller limit (floor(1,000 / concurrency)) and says so (SW606)', () => {
    const stack = newStack();
    const workers = service(stack, { maxCapacity: 150, concurrency: 8 });
    expect(workers.maxTaskCount).toBe(125);
    Template.fromStack(stack).hasResourceProperties('AWS::ApplicationAutoScaling::ScalableTarget', { MaxCapacity: 125 });
    Annotations.fromStack(stack).hasWarning('/Stack/Workers', Match.stringLikeRegexp('\\[SW606\\].*maxCapacity 150 x concurrency 8 polls is 1200 pollers, above the limit of 1,000 pollers per activity ARN; the service runs at most 125 tasks'));
    expect(codeInfo('SW606').severity).toBe('WARNING');
    // Within the limit: no warning.
    const fits = newStack();
    expect(service(fits, { maxCapacity: 100, concurrency: 10 }).maxTaskCount).toBe(100);
    Annotations.fromStack(fits).hasNoWarning('*', Match.stringLikeRegexp('SW606'));
  });

  test('its own VPC logs all traffic (flow logs) to a log group with retention; its own cluster records Container Insights', () => {
    const stack = newStack();
    service(stack);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::EC2::FlowLog', { ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'enabled' }] });
  });

  test('containerInsights: false turns Container Insights off; secrets reach the container as secrets', () => {
    const stack = newStack();
    const secret = ecs.Secret.fromSsmParameter(ssm.StringParameter.fromSecureStringParameterAttributes(stack, 'Token', { parameterName: '/api/token' }));
    service(stack, { containerInsights: false, secrets: { API_TOKEN: secret } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ECS::Cluster', { ClusterSettings: [{ Name: 'containerInsights', Value: 'disabled' }] });
    template.hasResourceProperties('AWS::ECS::TaskDefinition', {
      ContainerDefinitions: [Match.objectLike({ Secrets: [{ Name: 'API_TOKEN', ValueFrom: Match.anyValue() }] })],
    });
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
      ContainerDefinitions: [Match.objectLike({
        StopTimeout: 30,
        Environment: Match.arrayWith([{ Name: 'STEPWISE_DRAIN_TIMEOUT_MS', Value: '25000' }, { Name: 'STEPWISE_STOP_TIMEOUT_MS', Value: '29000' }]),
      })],
    });
  });
});
