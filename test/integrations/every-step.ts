/*
 * Every factory method of every integration, with what it needs to be built: shared by the tests
 * that go through all of them (default retries, least privilege).
 */
import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
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
import { RETRIERS } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { Step } from '../../src/core/step';
import { AthenaSteps } from '../../src/integrations/athena';
import { SdkIamResources, SdkSteps } from '../../src/integrations/aws-sdk';
import { BatchSteps } from '../../src/integrations/batch';
import { BedrockSteps } from '../../src/integrations/bedrock';
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
import { RetryPreset } from '../../src/patterns/retry';

const hour = sfn.Timeout.duration(Duration.hours(1));
const fiveMinutes = Heartbeat.every(Duration.minutes(5));

// What the factories need, made on first use (a VPC for every test would slow the table down).
export function fixtures(stack: Stack) {
  const made = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => {
    if (!made.has(key)) {
      made.set(key, make());
    }
    return made.get(key) as T;
  };
  return {
    get fn() {
      return once('fn', () => new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') }));
    },
    get queue() {
      return once('queue', () => new sqs.Queue(stack, 'Queue'));
    },
    get topic() {
      return once('topic', () => new sns.Topic(stack, 'Topic'));
    },
    get table() {
      return once('table', () => new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } }));
    },
    get ecs() {
      return once('ecs', () => {
        const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
        const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef');
        taskDefinition.addContainer('app', { image: ecs.ContainerImage.fromRegistry('busybox') });
        return {
          cluster: new ecs.Cluster(stack, 'Cluster', { vpc }),
          taskDefinition,
          launchTarget: new tasks.EcsFargateLaunchTarget(),
          subnets: { subnetType: ec2.SubnetType.PUBLIC },
        };
      });
    },
    get project() {
      return once('project', () => new codebuild.Project(stack, 'Build', { buildSpec: codebuild.BuildSpec.fromObject({ version: '0.2' }) }));
    },
    get child() {
      return once('child', () => new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) }));
    },
    get connection() {
      return once('connection', () => new events.Connection(stack, 'Api', {
        authorization: events.Authorization.apiKey('x-api-key', SecretValue.unsafePlainText('secret')),
      }));
    },
    get model() {
      return once('model', () => bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1));
    },
  };
}
export type Fixtures = ReturnType<typeof fixtures>;
export type Retries = { retries?: RetryPreset[] };
const callback = { taskTimeout: hour, heartbeat: fiveMinutes };
const batchJob = {
  jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/report:3',
  jobName: 'report',
  jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/reports',
};
const key = { id: tasks.DynamoAttributeValue.fromString('1') };
export const sdkCall = { service: 's3', action: 'listBuckets', iamResources: SdkIamResources.allResources() };
const http = (f: Fixtures) => ({
  connection: f.connection, apiRoot: 'https://api.example.com', apiEndpoint: sfn.TaskInput.fromText('orders'), method: sfn.TaskInput.fromText('GET'),
});
const lambdaDefault = [RETRIERS.lambdaServiceErrors, RETRIERS.lambdaThrottling];

// Every factory method of every service, with the Retry its step renders by default.
export const STEPS: Array<[string, (f: Fixtures, r: Retries) => Step, unknown[] | undefined]> = [
  ['LambdaSteps.invoke', (f, r) => LambdaSteps.invoke({ lambdaFunction: f.fn, ...r }), lambdaDefault],
  ['LambdaSteps.invokeWithCallback', (f, r) => LambdaSteps.invokeWithCallback({ lambdaFunction: f.fn, ...callback, ...r }), lambdaDefault],
  ['SdkSteps.call', (_f, r) => SdkSteps.call({ ...sdkCall, ...r }), [RETRIERS.s3Throttling]],
  ['SdkSteps.callWithCallback', (f, r) => SdkSteps.callWithCallback({
    ...callback,
    service: 'sqs',
    action: 'sendMessage',
    iamResources: SdkIamResources.fromArns([f.queue.queueArn]),
    parameters: { 'QueueUrl': f.queue.queueUrl, 'MessageBody.$': '$$.Task.Token' },
    ...r,
  }), [RETRIERS.sqsThrottling]],
  ['DynamoDbSteps.getItem', (f, r) => DynamoDbSteps.getItem({ table: f.table, key, ...r }), [RETRIERS.dynamoDbThrottling]],
  ['DynamoDbSteps.putItem', (f, r) => DynamoDbSteps.putItem({ table: f.table, item: key, ...r }), [RETRIERS.dynamoDbThrottling]],
  ['DynamoDbSteps.updateItem', (f, r) => DynamoDbSteps.updateItem({ table: f.table, key, ...r }), [RETRIERS.dynamoDbThrottling]],
  ['DynamoDbSteps.deleteItem', (f, r) => DynamoDbSteps.deleteItem({ table: f.table, key, ...r }), [RETRIERS.dynamoDbThrottling]],
  ['EcsSteps.runTask', (f, r) => EcsSteps.runTask({ ...f.ecs, ...r }), [RETRIERS.ecsRunTask]],
  ['EcsSteps.runTaskAndWait', (f, r) => EcsSteps.runTaskAndWait({ ...f.ecs, ...r }), [RETRIERS.ecsRunTask]],
  ['EcsSteps.runTaskWithCallback', (f, r) => EcsSteps.runTaskWithCallback({ ...f.ecs, ...callback, ...r }), [RETRIERS.ecsRunTask]],
  ['BatchSteps.submitJob', (_f, r) => BatchSteps.submitJob({ ...batchJob, ...r }), [RETRIERS.batchSubmitJob]],
  ['BatchSteps.submitJobAndWait', (_f, r) => BatchSteps.submitJobAndWait({ ...batchJob, ...r }), [RETRIERS.batchSubmitJob]],
  ['GlueSteps.startJobRun', (_f, r) => GlueSteps.startJobRun({ jobName: 'etl', ...r }), [RETRIERS.glueStartJobRun]],
  ['GlueSteps.startJobRunAndWait', (_f, r) => GlueSteps.startJobRunAndWait({ jobName: 'etl', ...r }), [RETRIERS.glueStartJobRun]],
  ['StepFunctionsSteps.startExecution', (f, r) => StepFunctionsSteps.startExecution({ stateMachine: f.child, ...r }), [RETRIERS.stepFunctionsStartExecution]],
  ['StepFunctionsSteps.startExecutionAndWait', (f, r) => StepFunctionsSteps.startExecutionAndWait({ stateMachine: f.child, ...r }), [RETRIERS.stepFunctionsStartExecution]],
  ['StepFunctionsSteps.startExecutionAndWaitForOutputString', (f, r) => StepFunctionsSteps.startExecutionAndWaitForOutputString({ stateMachine: f.child, ...r }),
    [RETRIERS.stepFunctionsStartExecution]],
  ['StepFunctionsSteps.startExecutionWithCallback', (f, r) => StepFunctionsSteps.startExecutionWithCallback({ stateMachine: f.child, ...callback, ...r }),
    [RETRIERS.stepFunctionsStartExecution]],
  ['HttpSteps.invoke', (f, r) => HttpSteps.invoke({ ...http(f), ...r }), [RETRIERS.httpInvoke]],
  // No default: these integrations' error names are not documented.
  ['SqsSteps.sendMessage', (f, r) => SqsSteps.sendMessage({ queue: f.queue, messageBody: sfn.TaskInput.fromText('x'), ...r }), undefined],
  ['SqsSteps.sendMessageWithCallback', (f, r) => SqsSteps.sendMessageWithCallback({ queue: f.queue, messageBody: sfn.TaskInput.fromObject({}), ...callback, ...r }), undefined],
  ['SnsSteps.publish', (f, r) => SnsSteps.publish({ topic: f.topic, message: sfn.TaskInput.fromText('x'), ...r }), undefined],
  ['SnsSteps.publishWithCallback', (f, r) => SnsSteps.publishWithCallback({ topic: f.topic, message: sfn.TaskInput.fromObject({}), ...callback, ...r }), undefined],
  ['EventBridgeSteps.putEvents', (_f, r) => EventBridgeSteps.putEvents({ entries: [{ source: 'o', detailType: 'd', detail: sfn.TaskInput.fromObject({}) }], ...r }), undefined],
  ['EventBridgeSteps.putEventsWithCallback', (_f, r) => EventBridgeSteps.putEventsWithCallback({
    entries: [{ source: 'o', detailType: 'd', detail: sfn.TaskInput.fromObject({}) }], ...callback, ...r,
  }), undefined],
  ['CodeBuildSteps.startBuild', (f, r) => CodeBuildSteps.startBuild({ project: f.project, ...r }), undefined],
  ['CodeBuildSteps.startBuildAndWait', (f, r) => CodeBuildSteps.startBuildAndWait({ project: f.project, ...r }), undefined],
  ['AthenaSteps.startQueryExecution', (_f, r) => AthenaSteps.startQueryExecution({ queryString: 'SELECT 1', ...r }), undefined],
  ['AthenaSteps.startQueryExecutionAndWait', (_f, r) => AthenaSteps.startQueryExecutionAndWait({ queryString: 'SELECT 1', ...r }), undefined],
  ['BedrockSteps.invokeModel', (f, r) => BedrockSteps.invokeModel({ model: f.model, body: sfn.TaskInput.fromObject({}), ...r }), undefined],
];

