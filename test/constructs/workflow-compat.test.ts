/*
 * A Workflow is a state machine wherever aws-cdk-lib takes one. This file runs (and is type-checked)
 * against both ends of the supported aws-cdk-lib range: aws-cdk-lib 2.227 made `IStateMachine`
 * extend `IStateMachineRef`, and from 2.234 its tasks read `stateMachine.stateMachineRef`, so a
 * Workflow that only copied the members of `IStateMachine` failed to compile there and crashed at
 * synth with a TypeError from inside aws-cdk-lib.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Asl, Flow, Heartbeat, StepFunctionsSteps, Workflow, WorkflowAlarms } from '../../src';

import { AWS_CDK_LIB_VERSION as VERSION } from '../aws-cdk-lib-version';

function setup() {
  const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  const child = new Workflow(stack, 'Child', { definition: new Flow(stack, 'ChildFlow').addPass('Work') });
  const childRef = { Ref: stack.getLogicalId(child.node.defaultChild as sfn.CfnStateMachine) };
  return { stack, child, childRef };
}

function parentOf(stack: Stack, state: sfn.IChainable): Workflow {
  return new Workflow(stack, 'Parent', { definition: state });
}

describe(`a Workflow is a state machine (aws-cdk-lib ${VERSION})`, () => {
  test('is an sfn.StateMachine, an sfn.IStateMachine and, where aws-cdk-lib has it, an IStateMachineRef', () => {
    const { child, childRef } = setup();
    const asInterface: sfn.IStateMachine = child;
    expect(asInterface).toBeInstanceOf(sfn.StateMachine);
    expect(Workflow.isWorkflow(child)).toBe(true);
    expect(Workflow.isWorkflow(new sfn.Pass(child, 'NotAWorkflow'))).toBe(false);
    // `stateMachineRef` exists from aws-cdk-lib 2.227 on; where it does, it names this state machine.
    const ref = (child as unknown as { stateMachineRef?: { stateMachineArn: string } }).stateMachineRef;
    if (ref !== undefined) {
      expect(Stack.of(child).resolve(ref.stateMachineArn)).toEqual(childRef);
    }
  });

  test("aws-cdk-lib's StepFunctionsStartExecution starts it, in every integration pattern", () => {
    const { stack, child, childRef } = setup();
    const patterns = [sfn.IntegrationPattern.REQUEST_RESPONSE, sfn.IntegrationPattern.RUN_JOB];
    const flow = new Flow(stack, 'Flow');
    patterns.forEach((integrationPattern, i) => flow.addNext(new tasks.StepFunctionsStartExecution(stack, `Start ${i}`, {
      stateMachine: child, integrationPattern, taskTimeout: sfn.Timeout.duration(Duration.minutes(5)),
    })));
    const states = Asl.of(parentOf(stack, flow)).States;
    expect(states['Start 0'].Parameters.StateMachineArn).toBe('${Ref:Child}');
    expect(states['Start 1'].Resource).toMatch(/states:::states:startExecution\.sync:2$/);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution', Resource: childRef })]) },
    });
  });

  test('every StepFunctionsSteps factory takes it', () => {
    const { stack, child, childRef } = setup();
    const flow = new Flow(stack, 'Flow')
      .addStep('Start', StepFunctionsSteps.startExecution({ stateMachine: child, taskTimeout: sfn.Timeout.duration(Duration.seconds(30)) }))
      .addStep('Run', StepFunctionsSteps.startExecutionAndWait({ stateMachine: child, taskTimeout: sfn.Timeout.duration(Duration.hours(1)) }))
      .addStep('Run for a string', StepFunctionsSteps.startExecutionAndWaitForOutputString({ stateMachine: child, taskTimeout: sfn.Timeout.duration(Duration.hours(1)) }))
      .addStep('Callback', StepFunctionsSteps.startExecutionWithCallback({
        stateMachine: child,
        input: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
        taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
        heartbeat: Heartbeat.every(Duration.minutes(5)),
      }));
    const states = Asl.of(parentOf(stack, flow)).States;
    for (const name of ['Start', 'Run', 'Run for a string', 'Callback']) {
      expect(states[name].Parameters.StateMachineArn).toBe('${Ref:Child}');
    }
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'states:StartExecution', Resource: childRef })]) },
    });
  });

  test('WorkflowAlarms watches it', () => {
    const { stack, child, childRef } = setup();
    new WorkflowAlarms(stack, 'Alarms', { stateMachine: child });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ExecutionsFailed',
      Dimensions: [{ Name: 'StateMachineArn', Value: childRef }],
    });
  });

  test('an EventBridge rule targets it, with a role that may start it', () => {
    const { stack, child, childRef } = setup();
    new events.Rule(stack, 'Nightly', {
      schedule: events.Schedule.rate(Duration.days(1)),
      targets: [new targets.SfnStateMachine(child)],
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ Arn: childRef })],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'states:StartExecution', Resource: childRef })] },
    });
  });

  test('an API Gateway StepFunctionsIntegration starts it synchronously (Express)', () => {
    const stack = new Stack(new App(), 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
    const express = new Workflow(stack, 'Quote', {
      definition: new Flow(stack, 'QuoteFlow').addPass('Price'),
      workflowType: sfn.StateMachineType.EXPRESS,
    });
    const api = new apigateway.RestApi(stack, 'Api');
    api.root.addMethod('POST', apigateway.StepFunctionsIntegration.startExecution(express));
    const template = Template.fromStack(stack);
    const expressRef = { Ref: stack.getLogicalId(express.node.defaultChild as sfn.CfnStateMachine) };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'states:StartSyncExecution', Resource: expressRef })] },
    });
    template.resourceCountIs('AWS::ApiGateway::Method', 1);
  });

  test('grants go through aws-cdk-lib: grantStartExecution, grantRead, grantTaskResponse', () => {
    const { stack, child, childRef } = setup();
    const role = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    child.grantStartExecution(role);
    child.grantTaskResponse(role);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: stack.getLogicalId(role.node.defaultChild as iam.CfnRole) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'states:StartExecution', Resource: childRef }),
          Match.objectLike({ Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Resource: childRef }),
        ]),
      },
    });
  });
});
