import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, LambdaSteps, Workflow, WorkflowVersion } from '../../src';

function setup(definition?: (stack: Stack) => sfn.IChainable, props: Partial<ConstructorParameters<typeof Workflow>[2]> = {}) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Orders', {
    definition: definition ? definition(stack) : new Flow(stack, 'Flow').addPass('Start'),
    ...props,
  });
  const machineId = stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine);
  return { stack, workflow, machineId };
}

function versionId(stack: Stack, version: unknown): string {
  return stack.getLogicalId((version as WorkflowVersion).node.defaultChild as sfn.CfnStateMachineVersion);
}

function statementsOf(stack: Stack, role: iam.IRole): any[] {
  const roleId = stack.getLogicalId(role.node.defaultChild as iam.CfnRole);
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } });
  return Object.values(policies).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Charge', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => ({})') });
}

describe('Workflow.currentVersion', () => {
  test('publishes the revision this deployment makes, retained when replaced, with its description', () => {
    const { stack, workflow, machineId } = setup(undefined, { currentVersionOptions: { description: 'adds fraud checks' } });
    const version = workflow.currentVersion;
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachineVersion', 1);
    template.hasResource('AWS::StepFunctions::StateMachineVersion', {
      Properties: {
        StateMachineArn: { Ref: machineId },
        // A new revision (definition or role changed) changes this value, which replaces the
        // resource, which publishes a new version; an unchanged workflow publishes nothing.
        StateMachineRevisionId: { 'Fn::GetAtt': [machineId, 'StateMachineRevisionId'] },
        Description: 'adds fraud checks',
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(workflow.currentVersion).toBe(version);
    expect(stack.resolve(version.versionArn)).toEqual({ 'Fn::GetAtt': [versionId(stack, version), 'Arn'] });
    expect(stack.resolve(version.version)).toEqual({ 'Fn::Select': [7, { 'Fn::Split': [':', { 'Fn::GetAtt': [versionId(stack, version), 'Arn'] }] }] });
    expect(version.workflowType).toEqual(sfn.StateMachineType.STANDARD);
  });

  test('the version resource keeps its identity when the definition changes: only its pinned revision changes', () => {
    const a = setup((s) => new Flow(s, 'Flow').addPass('Start'));
    const b = setup((s) => new Flow(s, 'Flow').addPass('Start').addPass('Then'));
    const idA = versionId(a.stack, a.workflow.currentVersion);
    const idB = versionId(b.stack, b.workflow.currentVersion);
    expect(idA).toEqual(idB);
    const versionA = Template.fromStack(a.stack).toJSON().Resources[idA];
    const versionB = Template.fromStack(b.stack).toJSON().Resources[idB];
    expect(versionA).toEqual(versionB);
  });

  test('a workflow that nothing asks a version of publishes none', () => {
    const { stack } = setup();
    Template.fromStack(stack).resourceCountIs('AWS::StepFunctions::StateMachineVersion', 0);
  });

  test('RemovalPolicy.DESTROY deletes a replaced version', () => {
    const { stack, workflow } = setup(undefined, { currentVersionOptions: { removalPolicy: RemovalPolicy.DESTROY } });
    workflow.currentVersion;
    Template.fromStack(stack).hasResource('AWS::StepFunctions::StateMachineVersion', { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' });
  });

  test('a WorkflowVersion made directly is the workflow\'s current version', () => {
    const { stack, workflow } = setup();
    const version = new WorkflowVersion(stack, 'V', { stateMachine: workflow });
    expect(workflow.currentVersion).toBe(version);
  });

  test('fails when a second version of the same state machine is made (SW065)', () => {
    const { stack, workflow } = setup();
    workflow.currentVersion;
    expect(() => new WorkflowVersion(stack, 'Again', { stateMachine: workflow })).toThrow(/\[SW065\].*Stack\/Orders already publishes a version \(Stack\/Orders\/CurrentVersion\); a second version of the same revision fails with AlreadyExists.*Limit: 1 version resource per state machine/s);
  });

  test('fails when the description is longer than 256 characters (SW051)', () => {
    const { stack, workflow } = setup();
    expect(() => new WorkflowVersion(stack, 'V', { stateMachine: workflow, description: 'x'.repeat(257) })).toThrow(/\[SW051\].*the version description has 257 characters.*Limit: 1 to 256 characters.*Found: 257 characters/s);
  });

  test('fails for an imported state machine, whose revision the app does not know (SW071)', () => {
    const { stack } = setup();
    const imported = sfn.StateMachine.fromStateMachineArn(stack, 'Imported', 'arn:aws:states:us-east-1:123456789012:stateMachine:Other');
    expect(() => new WorkflowVersion(stack, 'V', { stateMachine: imported })).toThrow(/\[SW071\].*Stack\/Imported is not defined in this app/s);
  });
});

describe('WorkflowVersion grants (unqualified ARN + states:StateMachineQualifier, per the Step Functions guide)', () => {
  const VERSION_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:3';
  const MACHINE_ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';
  const EXECUTIONS = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:us-east-1:123456789012:execution:Orders:*']] };
  const ONLY_3 = { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['3'] } };

  function imported() {
    const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    const version = WorkflowVersion.fromVersionAttributes(stack, 'V3', { versionArn: VERSION_ARN, workflowType: sfn.StateMachineType.STANDARD });
    return { stack, role, version };
  }

  test('grantStartExecution: StartExecution on the state machine, for version 3 only', () => {
    const { stack, role, version } = imported();
    version.grantStartExecution(role);
    expect(statementsOf(stack, role)).toEqual([{ Action: 'states:StartExecution', Effect: 'Allow', Resource: MACHINE_ARN, Condition: ONLY_3 }]);
    expect(version.qualifier).toEqual('3');
    expect(version.stateMachine.stateMachineArn).toEqual(MACHINE_ARN);
  });

  test('grantRead: the version through the qualifier, the executions of every version (execution ARNs have no qualifier)', () => {
    const { stack, role, version } = imported();
    version.grantRead(role);
    expect(statementsOf(stack, role)).toEqual([
      { Action: ['states:ListExecutions', 'states:DescribeStateMachine'], Effect: 'Allow', Resource: MACHINE_ARN, Condition: ONLY_3 },
      { Action: ['states:DescribeExecution', 'states:DescribeStateMachineForExecution', 'states:GetExecutionHistory'], Effect: 'Allow', Resource: EXECUTIONS },
    ]);
  });

  test('grantExecution, grantRedriveExecution and grantTaskResponse', () => {
    const { stack, role, version } = imported();
    version.grantExecution(role, 'states:StopExecution');
    version.grantRedriveExecution(role);
    version.grantTaskResponse(role);
    expect(statementsOf(stack, role)).toEqual([
      { Action: 'states:StopExecution', Effect: 'Allow', Resource: EXECUTIONS },
      { Action: 'states:RedriveExecution', Effect: 'Allow', Resource: EXECUTIONS },
      { Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Effect: 'Allow', Resource: MACHINE_ARN },
    ]);
  });

  test('fails to grant an action IAM cannot narrow to a version (SW068)', () => {
    const { role, version } = imported();
    expect(() => version.grant(role, 'states:UpdateStateMachine')).toThrow(/\[SW068\].*states:UpdateStateMachine cannot be granted through the version arn:aws:states:us-east-1:123456789012:stateMachine:Orders:3/s);
  });

  test('fails to grant StartSyncExecution on a Standard workflow (SW066), and redrive on an Express one (SW067)', () => {
    const { stack, role, version } = imported();
    expect(() => version.grantStartSyncExecution(role)).toThrow(/\[SW066\].*StartSyncExecution starts Express workflows only/s);
    const express = WorkflowVersion.fromVersionAttributes(stack, 'E', { versionArn: VERSION_ARN, workflowType: sfn.StateMachineType.EXPRESS });
    expect(() => express.grantRedriveExecution(role)).toThrow(/\[SW067\].*only Standard executions can be redriven/s);
    express.grantStartSyncExecution(role);
    expect(statementsOf(stack, role)).toEqual([{ Action: 'states:StartSyncExecution', Effect: 'Allow', Resource: MACHINE_ARN, Condition: ONLY_3 }]);
  });
});

describe('WorkflowVersion metrics', () => {
  test('the six execution metrics have a Version dimension; the others are the state machine\'s', () => {
    const { stack, workflow, machineId } = setup();
    const version = workflow.currentVersion;
    const number = stack.resolve(version.version);
    expect(stack.resolve(version.metricFailed().dimensions)).toEqual({ StateMachineArn: { Ref: machineId }, Version: number });
    for (const m of [version.metricStarted(), version.metricSucceeded(), version.metricAborted(), version.metricTimedOut(), version.metricTime()]) {
      expect(Object.keys(m.dimensions!)).toEqual(['StateMachineArn', 'Version']);
    }
    expect(version.metricTime().statistic).toEqual('Average');
    expect(stack.resolve(version.metricThrottled().dimensions)).toEqual({ StateMachineArn: { Ref: machineId } });
  });
});

describe('executions still running on an older version', () => {
  test('a published workflow may invoke every version of a function its steps invoke by version', () => {
    const { stack, workflow } = setup((s) => new Flow(s, 'Flow').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(s).currentVersion })));
    workflow.currentVersion;
    const functionArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('Charge').node.defaultChild as lambda.CfnFunction), 'Arn'] };
    expect(statementsOf(stack, workflow.role)).toContainEqual({
      Action: 'lambda:InvokeFunction',
      Effect: 'Allow',
      Resource: { 'Fn::Join': ['', [functionArn, ':*']] },
    });
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW069'));
  });

  test('the same for a function alias', () => {
    const { stack, workflow } = setup((s) => new Flow(s, 'Flow').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(s).addAlias('live') })));
    workflow.currentVersion;
    const functionArn = { 'Fn::GetAtt': [stack.getLogicalId(stack.node.findChild('Charge').node.defaultChild as lambda.CfnFunction), 'Arn'] };
    expect(statementsOf(stack, workflow.role)).toContainEqual({ Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: { 'Fn::Join': ['', [functionArn, ':*']] } });
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW069'));
  });

  test('an unpublished workflow gets only the version it invokes now', () => {
    const { stack, workflow } = setup((s) => new Flow(s, 'Flow').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(s).currentVersion })));
    const resources = statementsOf(stack, workflow.role).filter((s) => s.Action === 'lambda:InvokeFunction').map((s) => JSON.stringify(s.Resource));
    expect(resources.some((r) => r.includes(':*'))).toBe(false);
  });

  test('warns when a published workflow invokes a function\'s $LATEST (SW069)', () => {
    const { stack, workflow } = setup((s) => new Flow(s, 'Flow').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(s) })));
    workflow.currentVersion;
    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Orders/Resource', Match.stringLikeRegexp("^\\[SW069\\] state 'Charge': the published workflow's Task 'Charge' invokes .*the function's \\$LATEST.*\\[ack: cdk-stepwise:SW069\\]$"));
  });

  test('no SW069 while the workflow publishes no version', () => {
    const { stack } = setup((s) => new Flow(s, 'Flow').addStep('Charge', LambdaSteps.invoke({ lambdaFunction: fn(s) })));
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW069'));
  });
});
