import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { AliasTraffic, Flow, StepwiseChecks, Workflow, WorkflowAlarms, WorkflowAlias, WorkflowVersion } from '../../src';

function setup(type?: sfn.StateMachineType) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addPass('Start'), workflowType: type });
  const machineId = stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine);
  return { stack, workflow, machineId };
}

function idOf(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as sfn.CfnStateMachineVersion);
}

function statementsOf(stack: Stack, role: iam.IRole): any[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const OTHER_V1 = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:1';
const OTHER_V2 = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:2';

describe('Workflow.addAlias: deployments', () => {
  test('by default the alias moves to the current version all at once; with no alarm that is a warning (SW062)', () => {
    const { stack, workflow } = setup();
    const live = workflow.addAlias('live', { description: 'production traffic' });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      Name: 'live',
      Description: 'production traffic',
      DeploymentPreference: Match.objectEquals({ Type: 'ALL_AT_ONCE', StateMachineVersionArn: { 'Fn::GetAtt': [idOf(stack, workflow.currentVersion), 'Arn'] } }),
      RoutingConfiguration: Match.absent(),
    });
    template.resourceCountIs('AWS::StepFunctions::StateMachineVersion', 1);
    expect(live.versions).toEqual([workflow.currentVersion]);
    expect(live.workflowType).toEqual(sfn.StateMachineType.STANDARD);
    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Orders/Aliaslive/Resource', Match.stringLikeRegexp('^\\[SW062\\] the ALL_AT_ONCE deployment watches no alarm'));
  });

  test('a canary watches the workflow\'s WorkflowAlarms by name, even when they are made after the alias', () => {
    const { stack, workflow } = setup();
    workflow.addAlias('live', { traffic: AliasTraffic.canary({ percentage: 5, interval: Duration.minutes(30) }) });
    const alarms = new WorkflowAlarms(stack, 'Alarms', { stateMachine: workflow });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      DeploymentPreference: Match.objectEquals({
        Type: 'CANARY',
        Percentage: 5,
        Interval: 30,
        StateMachineVersionArn: { 'Fn::GetAtt': [idOf(stack, workflow.currentVersion), 'Arn'] },
        Alarms: alarms.alarms.map((a) => ({ Ref: stack.getLogicalId(a.node.defaultChild as cloudwatch.CfnAlarm) })),
      }),
    });
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW062'));
  });

  test('a canary defaults to 10 percent for 10 minutes; a linear deployment to 10 percent every 10 minutes', () => {
    const { stack, workflow } = setup();
    workflow.addAlias('canary', { traffic: AliasTraffic.canary() });
    workflow.addAlias('linear', { traffic: AliasTraffic.linear() });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', { Name: 'canary', DeploymentPreference: Match.objectLike({ Type: 'CANARY', Percentage: 10, Interval: 10 }) });
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', { Name: 'linear', DeploymentPreference: Match.objectLike({ Type: 'LINEAR', Percentage: 10, Interval: 10 }) });
  });

  test('a linear deployment of a given version watches the given alarms, and alarms made for the alias', () => {
    const { stack, workflow } = setup();
    const version = workflow.currentVersion;
    const given = cloudwatch.Alarm.fromAlarmName(stack, 'Errors', 'orders-errors');
    const live = workflow.addAlias('live', { traffic: AliasTraffic.linear({ version, percentage: 25, interval: Duration.minutes(5), alarms: [given] }) });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      DeploymentPreference: { Type: 'LINEAR', Percentage: 25, Interval: 5, Alarms: ['orders-errors'], StateMachineVersionArn: Match.anyValue() },
    });
    expect(live.versions).toEqual([version]);
  });

  test('default alarms include alarms made for the alias itself, scoped to the alias', () => {
    const { stack, workflow } = setup();
    const live = workflow.addAlias('live', { traffic: AliasTraffic.canary() });
    const alarms = new WorkflowAlarms(stack, 'LiveAlarms', { stateMachine: live, throttled: { enabled: false } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'Alias', Value: 'live' }, { Name: 'StateMachineArn', Value: { Ref: stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine) } }],
    });
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      DeploymentPreference: Match.objectLike({
        Alarms: alarms.alarms.map((a) => ({ Ref: stack.getLogicalId(a.node.defaultChild as cloudwatch.CfnAlarm) })),
      }),
    });
  });
});

describe('aliases of an aws-cdk-lib state machine', () => {
  test('an alias of a plain sfn.StateMachine publishes its current version under it', () => {
    const stack = new Stack(new App(), 'Stack');
    const machine = new sfn.StateMachine(stack, 'Plain', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')) });
    const live = new WorkflowAlias(stack, 'Live', { stateMachine: machine, aliasName: 'live', traffic: AliasTraffic.canary({ alarms: [cloudwatch.Alarm.fromAlarmName(stack, 'A', 'a')] }) });
    const version = live.versions[0] as WorkflowVersion;
    expect(version.node.path).toEqual('Stack/Plain/CurrentVersion');
    const machineId = stack.getLogicalId(machine.node.defaultChild as sfn.CfnStateMachine);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::StepFunctions::StateMachineVersion', { StateMachineArn: { Ref: machineId } });
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      DeploymentPreference: { Type: 'CANARY', Percentage: 10, Interval: 10, Alarms: ['a'], StateMachineVersionArn: { 'Fn::GetAtt': [idOf(stack, version), 'Arn'] } },
    });
  });
});

describe('fixed routing', () => {
  test('pinned: every execution runs one version (roll back by pinning the previous one)', () => {
    const { stack, workflow } = setup();
    const v1 = WorkflowVersion.fromVersionArn(stack, 'V1', OTHER_V1);
    new WorkflowAlias(stack, 'Live', { stateMachine: workflow, aliasName: 'live', traffic: AliasTraffic.pinned(v1) });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      RoutingConfiguration: [{ StateMachineVersionArn: OTHER_V1, Weight: 100 }],
      DeploymentPreference: Match.absent(),
    });
  });

  test('split: two versions by weight', () => {
    const { stack, workflow } = setup();
    const v1 = WorkflowVersion.fromVersionArn(stack, 'V1', OTHER_V1);
    workflow.addAlias('blue', { traffic: AliasTraffic.split([{ version: v1, weight: 90 }, { version: workflow.currentVersion, weight: 10 }]) });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      RoutingConfiguration: [
        { StateMachineVersionArn: OTHER_V1, Weight: 90 },
        { StateMachineVersionArn: { 'Fn::GetAtt': [idOf(stack, workflow.currentVersion), 'Arn'] }, Weight: 10 },
      ],
    });
  });
});

describe('bad input', () => {
  test('fails when the weights do not add up to 100 (SW052)', () => {
    const { stack, workflow } = setup();
    const v1 = WorkflowVersion.fromVersionArn(stack, 'V1', OTHER_V1);
    const v2 = WorkflowVersion.fromVersionArn(stack, 'V2', OTHER_V2);
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.split([{ version: v1, weight: 50 }, { version: v2, weight: 40 }]) }))
      .toThrow(/\[SW052\].*the alias's routing weights \(50 \+ 40\) add up to 90. Limit: a total of 100. Found: 90. Fix: Give the versions weights that add up to 100/s);
  });

  test('fails when a third version is routed to (SW053)', () => {
    const { stack, workflow } = setup();
    const versions = [1, 2, 3].map((n) => WorkflowVersion.fromVersionArn(stack, `V${n}`, `${OTHER_V1.slice(0, -1)}${n}`));
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.split([{ version: versions[0], weight: 50 }, { version: versions[1], weight: 25 }, { version: versions[2], weight: 25 }]) }))
      .toThrow(/\[SW053\].*the alias routes to 3 versions. Limit: 1 or 2 versions. Found: 3 versions/s);
  });

  test('fails when one version is routed to twice (SW054)', () => {
    const { stack, workflow } = setup();
    const v1 = WorkflowVersion.fromVersionArn(stack, 'V1', OTHER_V1);
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.split([{ version: v1, weight: 50 }, { version: v1, weight: 50 }]) }))
      .toThrow(/\[SW054\].*routes to arn:aws:states:us-east-1:123456789012:stateMachine:Orders:1 twice/s);
  });

  test('fails when the alias routes to a version of another state machine (SW054)', () => {
    const { stack, workflow } = setup();
    const other = new Workflow(stack, 'Other', { definition: new Flow(stack, 'OtherFlow').addPass('P') });
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.pinned(other.currentVersion) }))
      .toThrow(/\[SW054\].*the alias names the version Stack\/Other\/CurrentVersion, a version of another state machine/s);
  });

  test.each([[0], [100], [12.5]])('fails when the percentage is %p (SW055)', (percentage) => {
    const { workflow } = setup();
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.canary({ percentage }) }))
      .toThrow(new RegExp(`\\[SW055\\].*the deployment shifts ${percentage} percent of executions at each step. Limit: a whole number from 1 to 99 percent. Found: ${percentage} percent`, 's'));
  });

  test.each([[Duration.minutes(2101), '2101'], [Duration.seconds(30), '0.5']])('fails when the interval is %p (SW056)', (interval, minutes) => {
    const { workflow } = setup();
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.canary({ interval }) }))
      .toThrow(new RegExp(`\\[SW056\\].*the deployment waits ${minutes.replace('.', '\\.')} minutes between steps. Limit: a whole number of minutes from 1 to 2,100`, 's'));
  });

  test('fails when a linear deployment takes longer than 2,100 minutes (SW057)', () => {
    const { workflow } = setup();
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.linear({ percentage: 1, interval: Duration.minutes(30) }) }))
      .toThrow(/\[SW057\].*the linear deployment takes 100 steps of 30 minutes: 3,000 minutes. Limit: 2,100 minutes/s);
  });

  test('fails with more than 100 alarms (SW058)', () => {
    const { stack, workflow } = setup();
    const alarms = Array.from({ length: 101 }, (_, i) => cloudwatch.Alarm.fromAlarmName(stack, `A${i}`, `alarm-${i}`));
    expect(() => workflow.addAlias('live', { traffic: AliasTraffic.canary({ alarms }) }))
      .toThrow(/\[SW058\].*the deployment watches 101 alarms. Limit: 100 alarms. Found: 101 alarms. Fix: Watch at most 100 alarms/s);
  });

  test('fails when an alarm is named by its ARN through the L1 resource (SW059), at synth', () => {
    const { stack, workflow } = setup();
    const live = workflow.addAlias('live', { traffic: AliasTraffic.canary({ alarms: [cloudwatch.Alarm.fromAlarmName(stack, 'A', 'a')] }) });
    // Changed through the L1 resource after the alias was made: checked when the app is synthesized.
    const cfn = live.node.defaultChild as sfn.CfnStateMachineAlias;
    cfn.deploymentPreference = { ...(cfn.deploymentPreference as sfn.CfnStateMachineAlias.DeploymentPreferenceProperty), alarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:a'] };
    expect(() => Template.fromStack(stack)).toThrow(/\[SW059\].*the deployment names an alarm by its ARN/s);
  });

  test.each([['123'], ['has space'], ['x'.repeat(81)], ['']])('fails for the alias name %p (SW050)', (name) => {
    const { workflow } = setup();
    expect(() => workflow.addAlias(name)).toThrow(/\[SW050\].*is not a valid alias name. Limit: 1 to 80 characters: letters, digits, '-', '_' and '.', not only digits/s);
  });

  test('fails when the description is longer than 256 characters (SW051)', () => {
    const { workflow } = setup();
    expect(() => workflow.addAlias('live', { description: 'd'.repeat(257) })).toThrow(/\[SW051\].*the alias description has 257 characters/s);
  });

  test('fails at synth when a deployment preference is set together with routing (SW060)', () => {
    const { stack, workflow } = setup();
    const live = workflow.addAlias('live');
    (live.node.defaultChild as sfn.CfnStateMachineAlias).routingConfiguration = [{ stateMachineVersionArn: OTHER_V1, weight: 100 }];
    expect(() => Template.fromStack(stack)).toThrow(/\[SW060\].*the alias has both a RoutingConfiguration and a DeploymentPreference. Limit: exactly one of RoutingConfiguration and DeploymentPreference. Found: both/s);
  });

  test('fails at synth for an L1 alias with an unknown deployment type (SW061), through StepwiseChecks', () => {
    const { stack, workflow } = setup();
    new sfn.CfnStateMachineAlias(stack, 'Raw', {
      name: 'raw',
      deploymentPreference: { type: 'BLUE_GREEN', stateMachineVersionArn: workflow.currentVersion.versionArn, alarms: ['a'] },
    });
    StepwiseChecks.enable(stack);
    expect(() => Template.fromStack(stack)).toThrow(/\[SW061\].*the deployment type 'BLUE_GREEN' is unknown. Limit: ALL_AT_ONCE, CANARY, LINEAR/s);
  });

  test('fails at synth when two aliases of the state machine share a name (SW064)', () => {
    const { stack, workflow } = setup();
    workflow.addAlias('live');
    new WorkflowAlias(stack, 'Again', { stateMachine: workflow, aliasName: 'live' });
    expect(() => Template.fromStack(stack)).toThrow(/\[SW064\].*2 aliases of the state machine are named 'live'/s);
  });

  test('warns when the state machine has more than 100 aliases (SW063)', () => {
    const { stack, workflow } = setup();
    for (let i = 0; i < 101; i++) {
      workflow.addAlias(`a${i}`, { traffic: AliasTraffic.allAtOnce({ alarms: [] }) });
    }
    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Orders/Resource', Match.stringLikeRegexp('^\\[SW063\\] the state machine has 101 aliases. Limit: 100 aliases'));
    // No alarm is no Alarms property (CloudFormation takes 1 to 100), and a warning.
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachineAlias', { Name: 'a0', DeploymentPreference: { Type: 'ALL_AT_ONCE', StateMachineVersionArn: Match.anyValue(), Alarms: Match.absent() } });
    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Orders/Aliasa0/Resource', Match.stringLikeRegexp('^\\[SW062\\]'));
  });
});

describe('WorkflowAlias grants and metrics', () => {
  test('grantStartExecution and grantRead through an alias: the unqualified ARN narrowed to the alias name', () => {
    const { stack, workflow, machineId } = setup();
    const live = workflow.addAlias('live');
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    live.grantStartExecution(role);
    live.grantRead(role);
    const only = { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['live'] } };
    expect(statementsOf(stack, role)).toEqual([
      { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: machineId }, Condition: only },
      { Action: ['states:ListExecutions', 'states:DescribeStateMachine', 'states:DescribeStateMachineAlias'], Effect: 'Allow', Resource: { Ref: machineId }, Condition: only },
      {
        Action: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:us-east-1:123456789012:execution:', { 'Fn::Select': [6, { 'Fn::Split': [':', { Ref: machineId }] }] }, ':*']] },
      },
    ]);
  });

  test('an imported alias reads its name and state machine from the ARN', () => {
    const { stack } = setup();
    const prod = WorkflowAlias.fromAliasArn(stack, 'Prod', 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:prod');
    expect(prod.aliasName).toEqual('prod');
    expect(prod.stateMachine.stateMachineArn).toEqual('arn:aws:states:us-east-1:123456789012:stateMachine:Orders');
    expect(stack.resolve(prod.metricSucceeded().dimensions)).toEqual({ StateMachineArn: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders', Alias: 'prod' });
  });
});
