/*
 * A Workflow alias wherever aws-cdk-lib takes a state machine to start executions: the target is
 * the alias ARN, and the grant is StartExecution (StartSyncExecution for API Gateway) on the
 * unqualified state machine ARN narrowed with states:StateMachineQualifier
 * (https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html), not the alias
 * ARN that aws-cdk-lib and SAM put in the policy (aws-cdk #30265, SAM #3720).
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as pipes from 'aws-cdk-lib/aws-pipes';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, Workflow } from '../../src';

function setup(type?: sfn.StateMachineType) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addPass('Start'), workflowType: type });
  const live = workflow.addAlias('live');
  const machineRef = { Ref: stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine) };
  const aliasArn = stack.resolve(live.aliasArn);
  return { stack, workflow, live, machineRef, aliasArn };
}

function statementsOfRoles(stack: Stack, rolePrefix: RegExp): any[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  return Object.values(policies)
    .filter((p: any) => p.Properties.Roles.some((r: any) => rolePrefix.test(r.Ref)))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement);
}

const LIVE = { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['live'] } };

test('EventBridge rule target: the alias ARN as the target, StartExecution through the alias for the rule\'s role', () => {
  const { stack, live, machineRef, aliasArn } = setup();
  new events.Rule(stack, 'Nightly', { schedule: events.Schedule.rate(Duration.days(1)), targets: [new targets.SfnStateMachine(live)] });
  Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', { Targets: [{ Arn: aliasArn, Id: 'Target0', RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersAliasliveEventsRole'), 'Arn'] } }] });
  expect(statementsOfRoles(stack, /EventsRole/)).toEqual([{ Action: 'states:StartExecution', Effect: 'Allow', Resource: machineRef, Condition: LIVE }]);
});

test('EventBridge Scheduler target: the same grant', () => {
  const { stack, live, machineRef, aliasArn } = setup();
  new scheduler.Schedule(stack, 'Schedule', {
    schedule: scheduler.ScheduleExpression.rate(Duration.hours(1)),
    target: new schedulerTargets.StepFunctionsStartExecution(live, {}),
  });
  Template.fromStack(stack).hasResourceProperties('AWS::Scheduler::Schedule', { Target: { Arn: aliasArn, RoleArn: Match.anyValue() } });
  expect(statementsOfRoles(stack, /SchedulerRole/)).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: machineRef, Condition: LIVE });
});

test('API Gateway StepFunctionsIntegration: StartSyncExecution through the alias of an Express workflow', () => {
  const { stack, live, machineRef } = setup(sfn.StateMachineType.EXPRESS);
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addMethod('POST', apigateway.StepFunctionsIntegration.startExecution(live));
  expect(statementsOfRoles(stack, /StartSyncExecutionRole/)).toEqual([{ Action: 'states:StartSyncExecution', Effect: 'Allow', Resource: machineRef, Condition: LIVE }]);
  const method = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::Method'))[0] as any;
  expect(JSON.stringify(method.Properties.Integration.RequestTemplates)).toContain(JSON.stringify(stack.resolve(live.aliasArn)['Fn::GetAtt'][0]));
});

test('API Gateway StepFunctionsIntegration: fails for an alias of a Standard workflow (SW066)', () => {
  const { stack, live } = setup();
  const api = new apigateway.RestApi(stack, 'Api');
  expect(() => api.root.addMethod('POST', apigateway.StepFunctionsIntegration.startExecution(live))).toThrow(/\[SW066\].*the alias 'live' belongs to a Standard workflow, and StartSyncExecution starts Express workflows only/s);
});

test('EventBridge Pipes target: the alias ARN, and grantStartExecution on the pipe\'s role', () => {
  const { stack, live, machineRef, aliasArn } = setup();
  const queue = new sqs.Queue(stack, 'Queue');
  const role = new iam.Role(stack, 'PipeRole', { assumedBy: new iam.ServicePrincipal('pipes.amazonaws.com') });
  queue.grantConsumeMessages(role);
  live.grantStartExecution(role);
  new pipes.CfnPipe(stack, 'Pipe', {
    roleArn: role.roleArn,
    source: queue.queueArn,
    target: live.stateMachineArn,
    targetParameters: { stepFunctionStateMachineParameters: { invocationType: 'FIRE_AND_FORGET' } },
  });
  Template.fromStack(stack).hasResourceProperties('AWS::Pipes::Pipe', { Target: aliasArn });
  expect(statementsOfRoles(stack, /^PipeRole/)).toContainEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: machineRef, Condition: LIVE });
});
