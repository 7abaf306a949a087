import { Duration, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { arn, expectPolicy, getAtt, machineWith, newStack, ref, roleStatements, stateOf, RETRIERS } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { EcsSteps } from '../../src/integrations/ecs';

// New CDK apps turn this flag on: aws-cdk-lib then grants RunTask on the task definition's ARN
// rather than on every revision of its family. The steps grant the task definition either way.
const FIX_RUN_TASK_POLICY = { '@aws-cdk/aws-stepfunctions-tasks:fixRunEcsTaskPolicy': true };

function fixture(stack: Stack) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef');
  const app = taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('busybox') });
  const sidecar = taskDefinition.addContainer('sidecar', { image: ecs.ContainerImage.fromRegistry('busybox'), essential: false });
  const props = { cluster, taskDefinition, launchTarget: new tasks.EcsFargateLaunchTarget(), subnets: { subnetType: ec2.SubnetType.PUBLIC } };
  return { cluster, taskDefinition, app, sidecar, props };
}

const NETWORK = {
  AwsvpcConfiguration: { Subnets: ['${Ref:VpcPublicSubnet1Subnet}'], SecurityGroups: ['${GetAtt:TaskSecurityGroup.GroupId}'] },
};

function runTaskStatements(taskDefinition: ecs.TaskDefinition): unknown[] {
  return [
    { Action: 'ecs:RunTask', Effect: 'Allow', Resource: ref(taskDefinition) },
    { Action: 'iam:PassRole', Effect: 'Allow', Resource: getAtt(taskDefinition.taskRole, 'Arn') },
  ];
}

describe('EcsSteps.runTask', () => {
  test('starts the task and grants only ecs:RunTask and iam:PassRole', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props, taskDefinition } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTask(props));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::ecs:runTask',
      Parameters: { Cluster: '${GetAtt:Cluster.Arn}', TaskDefinition: 'StackTaskDefF0726FA9', NetworkConfiguration: NETWORK, LaunchType: 'FARGATE' },
      Retry: [RETRIERS.ecsRunTask],
      End: true,
    });
    expectPolicy(stack, runTaskStatements(taskDefinition));
  });

  test('with or without the fixRunEcsTaskPolicy flag, RunTask is granted on the task definition only, not on its family', () => {
    const stack = newStack();
    const { props, taskDefinition } = fixture(stack);
    machineWith(stack, EcsSteps.runTask(props));
    expect(roleStatements(stack)[0]).toEqual({ Action: 'ecs:RunTask', Effect: 'Allow', Resource: ref(taskDefinition) });
  });

  test('a revision the step names is the one granted', () => {
    const stack = newStack();
    const { props, taskDefinition } = fixture(stack);
    machineWith(stack, EcsSteps.runTask({ ...props, revisionNumber: 7 }));
    expect(roleStatements(stack)[0]).toEqual({
      Action: 'ecs:RunTask',
      Effect: 'Allow',
      Resource: arn(`ecs:us-east-1:123456789012:task-definition/${stack.resolve(taskDefinition.family)}:7`),
    });
  });
});

describe('EcsSteps.runTaskAndWait', () => {
  test('runs the task to completion; grants polling and stopping on the cluster\'s tasks and the ECS managed rule', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props, taskDefinition, cluster } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTaskAndWait({ ...props, taskTimeout: sfn.Timeout.duration(Duration.hours(2)) }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::ecs:runTask.sync',
      Parameters: { Cluster: '${GetAtt:Cluster.Arn}', TaskDefinition: 'StackTaskDefF0726FA9', NetworkConfiguration: NETWORK, LaunchType: 'FARGATE' },
      TimeoutSeconds: 7200,
      Retry: [RETRIERS.ecsRunTask],
      End: true,
    });
    expectPolicy(stack, [
      ...runTaskStatements(taskDefinition),
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        Resource: arn('events:us-east-1:123456789012:rule/StepFunctionsGetEventsForECSTaskRule'),
      },
      {
        Action: ['ecs:StopTask', 'ecs:DescribeTasks'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':ecs:us-east-1:123456789012:task/', ref(cluster), '/*']] },
      },
    ]);
  });

  test('takes an optional heartbeat', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTaskAndWait({
      ...props, taskTimeout: sfn.Timeout.duration(Duration.hours(2)), heartbeat: Heartbeat.every(Duration.minutes(10)),
    }));
    expect(stateOf(machine).HeartbeatSeconds).toBe(600);
  });
});

describe('EcsSteps.runTaskWithCallback', () => {
  const timeouts = { taskTimeout: sfn.Timeout.duration(Duration.hours(1)), heartbeat: Heartbeat.every(Duration.minutes(1)) };

  test('puts the task token in TASK_TOKEN of the default container and waits for the callback', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props, taskDefinition } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTaskWithCallback({ ...props, ...timeouts }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::ecs:runTask.waitForTaskToken',
      Parameters: {
        Cluster: '${GetAtt:Cluster.Arn}',
        TaskDefinition: 'StackTaskDefF0726FA9',
        NetworkConfiguration: NETWORK,
        Overrides: { ContainerOverrides: [{ Name: 'app', Environment: [{ 'Name': 'TASK_TOKEN', 'Value.$': '$$.Task.Token' }] }] },
        LaunchType: 'FARGATE',
      },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 60,
      Retry: [RETRIERS.ecsRunTask],
      End: true,
    });
    expectPolicy(stack, runTaskStatements(taskDefinition));
  });

  test('adds the token to an existing override of the chosen container, in the chosen variable (JSONata)', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props, sidecar } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTaskWithCallback({
      ...props,
      ...timeouts,
      containerOverrides: [{ containerDefinition: sidecar, environment: [{ name: 'MODE', value: 'approve' }] }],
      taskTokenContainer: sidecar,
      taskTokenEnvironmentVariable: 'SFN_TOKEN',
    }), { machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(stateOf(machine).Arguments.Overrides).toEqual({
      ContainerOverrides: [{
        Name: 'sidecar',
        Environment: [{ Name: 'MODE', Value: 'approve' }, { Name: 'SFN_TOKEN', Value: '{% $states.context.Task.Token %}' }],
      }],
    });
  });

  test('keeps an override that already passes the token', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { props, app } = fixture(stack);
    const machine = machineWith(stack, EcsSteps.runTaskWithCallback({
      ...props,
      ...timeouts,
      containerOverrides: [{ containerDefinition: app, environment: [{ name: 'MY_TOKEN', value: sfn.JsonPath.taskToken }] }],
    }));
    expect(stateOf(machine).Parameters.Overrides).toEqual({
      ContainerOverrides: [{ Name: 'app', Environment: [{ 'Name': 'MY_TOKEN', 'Value.$': '$$.Task.Token' }] }],
    });
  });

  test('fails for a task definition without a container for the token (SW501)', () => {
    const stack = newStack(FIX_RUN_TASK_POLICY);
    const { cluster } = fixture(stack);
    const empty = new ecs.FargateTaskDefinition(stack, 'Empty');
    const step = EcsSteps.runTaskWithCallback({ cluster, taskDefinition: empty, launchTarget: new tasks.EcsFargateLaunchTarget(), ...timeouts });
    expect(() => machineWith(stack, step, { stateName: 'Work' })).toThrow(
      /^\[SW501\] Stack\/Work, state 'Work': the callback step does not pass the task token: the task definition has no container to pass it to\. Fix: add an essential container/,
    );
  });
});

