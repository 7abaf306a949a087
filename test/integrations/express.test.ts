/*
 * Express workflows support request-response integrations only. The Express rules are the
 * validation's (src/validation/rules/express.ts, SW301/SW302); these tests prove that every
 * run-a-job and callback step of this library is caught by them, at the top level and inside a
 * Parallel branch, and that the same steps synthesize in a Standard workflow.
 */
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { expectValidAsl } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { Step } from '../../src/core/step';
import { AthenaSteps } from '../../src/integrations/athena';
import { SdkIamResources, SdkSteps } from '../../src/integrations/aws-sdk';
import { BatchSteps } from '../../src/integrations/batch';
import { CodeBuildSteps } from '../../src/integrations/codebuild';
import { DynamoDbSteps } from '../../src/integrations/dynamodb';
import { EcsSteps } from '../../src/integrations/ecs';
import { EventBridgeSteps } from '../../src/integrations/eventbridge';
import { GlueSteps } from '../../src/integrations/glue';
import { HttpSteps } from '../../src/integrations/http';
import { LambdaSteps } from '../../src/integrations/lambda';
import { SnsSteps } from '../../src/integrations/sns';
import { SqsSteps } from '../../src/integrations/sqs';
import { StepFunctionsSteps } from '../../src/integrations/stepfunctions';
import { StepwiseChecks } from '../../src/validation/checks';

const timeout = sfn.Timeout.duration(Duration.minutes(4));
const callback = { taskTimeout: timeout, heartbeat: Heartbeat.every(Duration.minutes(1)) };
const message = sfn.TaskInput.fromObject({ id: sfn.JsonPath.stringAt('$.id') });

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

function ecsProps(stack: Stack) {
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
  const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef');
  taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('busybox') });
  return {
    cluster: new ecs.Cluster(stack, 'Cluster', { vpc }),
    taskDefinition,
    launchTarget: new tasks.EcsFargateLaunchTarget(),
    subnets: { subnetType: ec2.SubnetType.PUBLIC },
  };
}

function child(stack: Stack): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
}

function project(stack: Stack): codebuild.Project {
  return new codebuild.Project(stack, 'Build', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2' }) });
}

const JOB = {
  jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/report:1',
  jobName: 'report',
  jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/reports',
};

const RUN_JOB_STEPS: Array<[string, (stack: Stack) => Step]> = [
  ['EcsSteps.runTaskAndWait', (s) => EcsSteps.runTaskAndWait({ ...ecsProps(s), taskTimeout: timeout })],
  ['BatchSteps.submitJobAndWait', () => BatchSteps.submitJobAndWait({ ...JOB, taskTimeout: timeout })],
  ['GlueSteps.startJobRunAndWait', () => GlueSteps.startJobRunAndWait({ jobName: 'etl', taskTimeout: timeout })],
  ['CodeBuildSteps.startBuildAndWait', (s) => CodeBuildSteps.startBuildAndWait({ project: project(s), taskTimeout: timeout })],
  ['StepFunctionsSteps.startExecutionAndWait', (s) => StepFunctionsSteps.startExecutionAndWait({ stateMachine: child(s), taskTimeout: timeout })],
  ['StepFunctionsSteps.startExecutionAndWaitForOutputString', (s) => StepFunctionsSteps.startExecutionAndWaitForOutputString({ stateMachine: child(s), taskTimeout: timeout })],
  ['AthenaSteps.startQueryExecutionAndWait', () => AthenaSteps.startQueryExecutionAndWait({ queryString: 'SELECT 1', taskTimeout: timeout })],
];

const CALLBACK_STEPS: Array<[string, (stack: Stack) => Step]> = [
  ['LambdaSteps.invokeWithCallback', (s) => LambdaSteps.invokeWithCallback({ lambdaFunction: fn(s), ...callback })],
  ['SqsSteps.sendMessageWithCallback', (s) => SqsSteps.sendMessageWithCallback({ queue: new sqs.Queue(s, 'Queue'), ...callback, messageBody: message })],
  ['SnsSteps.publishWithCallback', (s) => SnsSteps.publishWithCallback({ topic: new sns.Topic(s, 'Topic'), ...callback, message })],
  ['EventBridgeSteps.putEventsWithCallback', () => EventBridgeSteps.putEventsWithCallback({ ...callback, entries: [{ source: 'app', detailType: 'Ask', detail: message }] })],
  ['EcsSteps.runTaskWithCallback', (s) => EcsSteps.runTaskWithCallback({ ...ecsProps(s), ...callback })],
  ['StepFunctionsSteps.startExecutionWithCallback', (s) => StepFunctionsSteps.startExecutionWithCallback({ stateMachine: child(s), ...callback, input: message })],
  ['SdkSteps.callWithCallback', () => SdkSteps.callWithCallback({
    ...callback,
    service: 'sqs',
    action: 'sendMessage',
    parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/q', MessageBody: sfn.JsonPath.taskToken },
    iamResources: SdkIamResources.fromArns(['arn:aws:sqs:us-east-1:123456789012:q']),
  })],
];

const REQUEST_RESPONSE_STEPS: Array<[string, (stack: Stack) => Step]> = [
  ['LambdaSteps.invoke', (s) => LambdaSteps.invoke({ lambdaFunction: fn(s), taskTimeout: timeout })],
  ['SqsSteps.sendMessage', (s) => SqsSteps.sendMessage({ queue: new sqs.Queue(s, 'Queue'), messageBody: message, taskTimeout: timeout })],
  ['DynamoDbSteps.putItem', (s) => DynamoDbSteps.putItem(
    { table: new dynamodb.Table(s, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }), item: { id: tasks.DynamoAttributeValue.fromString('1') }, taskTimeout: timeout },
  )],
  ['EcsSteps.runTask', (s) => EcsSteps.runTask({ ...ecsProps(s), taskTimeout: timeout })],
  ['GlueSteps.startJobRun', () => GlueSteps.startJobRun({ jobName: 'etl', taskTimeout: timeout })],
  ['StepFunctionsSteps.startExecution', (s) => StepFunctionsSteps.startExecution({ stateMachine: child(s), taskTimeout: timeout })],
  ['HttpSteps.invoke', (s) => HttpSteps.invoke({
    connection: new events.Connection(s, 'Api', { authorization: events.Authorization.apiKey('k', SecretValue.unsafePlainText('v')) }),
    apiRoot: 'https://api.example.com',
    apiEndpoint: sfn.TaskInput.fromText('orders'),
    method: sfn.TaskInput.fromText('GET'),
    taskTimeout: timeout,
  })],
  ['SdkSteps.call', () => SdkSteps.call({ service: 's3', action: 'listBuckets', iamResources: SdkIamResources.allResources(), taskTimeout: timeout })],
];

/** Synthesizes a state machine of `type` whose step is `Work` (top level, or inside a Parallel branch). */
function synth(make: (stack: Stack) => Step, type: sfn.StateMachineType, nested: boolean): void {
  const app = new App();
  const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const work = make(stack).bind(stack, 'Work', { stateName: 'Work' });
  const definition = nested ? new sfn.Parallel(stack, 'Fan out').branch(work) : work;
  const machine = new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition),
    stateMachineType: type,
  });
  StepwiseChecks.check(machine, { writeReport: false });
  expectValidAsl(machine);
  app.synth();
}

describe('Express workflows', () => {
  test.each(RUN_JOB_STEPS)('%s fails the synth of an Express workflow (SW301)', (_name, make) => {
    expect(() => synth(make, sfn.StateMachineType.EXPRESS, false)).toThrow(/\[SW301\] state 'Work': the state 'Work' is a run-a-job task/);
  });

  test.each(CALLBACK_STEPS)('%s fails the synth of an Express workflow (SW302)', (_name, make) => {
    expect(() => synth(make, sfn.StateMachineType.EXPRESS, false)).toThrow(/\[SW302\] state 'Work': the state 'Work' is a callback task/);
  });

  test.each([...RUN_JOB_STEPS.slice(0, 1), ...CALLBACK_STEPS.slice(0, 1)])('%s fails inside a Parallel branch too', (_name, make) => {
    expect(() => synth(make, sfn.StateMachineType.EXPRESS, true)).toThrow(/\[SW30[12]\] state 'Fan out\/Branches\[0\]\/Work'/);
  });

  test.each([...RUN_JOB_STEPS, ...CALLBACK_STEPS])('%s synthesizes in a Standard workflow', (_name, make) => {
    expect(() => synth(make, sfn.StateMachineType.STANDARD, false)).not.toThrow();
  });

  test.each(REQUEST_RESPONSE_STEPS)('%s synthesizes in an Express workflow', (_name, make) => {
    expect(() => synth(make, sfn.StateMachineType.EXPRESS, false)).not.toThrow();
  });
});
