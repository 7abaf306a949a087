/*
 * Compile-time checks: a pattern a service does not support has no method, callback steps cannot
 * be built without their timeouts, and steps are typed by their pattern. Every
 * `@ts-expect-error` line must fail to compile; an unused one is itself an error (TS2578).
 *
 * Not a jest test file (jest's ts-jest transpiles without type checking in this project, with
 * `isolatedModules`): pattern-safety.test.ts type-checks it with the TypeScript compiler.
 */
import { Duration } from 'aws-cdk-lib';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Heartbeat } from '../../src/core/heartbeat';
import { AthenaSteps } from '../../src/integrations/athena';
import { SdkIamResources, SdkSteps } from '../../src/integrations/aws-sdk';
import { BatchSteps } from '../../src/integrations/batch';
import { BedrockSteps } from '../../src/integrations/bedrock';
import { CodeBuildSteps } from '../../src/integrations/codebuild';
import { DynamoDbSteps } from '../../src/integrations/dynamodb';
import { EventBridgeSteps } from '../../src/integrations/eventbridge';
import { GlueSteps } from '../../src/integrations/glue';
import { HttpSteps } from '../../src/integrations/http';
import { CallbackStep, RequestResponseStep, RunJobStep } from '../../src/integrations/integration-step';
import { LambdaSteps } from '../../src/integrations/lambda';
import { SnsSteps } from '../../src/integrations/sns';
import { SqsSteps } from '../../src/integrations/sqs';
import { StepFunctionsSteps } from '../../src/integrations/stepfunctions';

declare const fn: lambda.IFunction;
declare const queue: sqs.IQueue;
declare const topic: sns.ITopic;
declare const table: dynamodb.ITable;
declare const project: codebuild.IProject;
declare const child: sfn.IStateMachine;

const taskTimeout = sfn.Timeout.duration(Duration.hours(1));
const heartbeat = Heartbeat.every(Duration.minutes(5));
const message = sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.id') });
const key = { id: tasks.DynamoAttributeValue.fromString('42') };

// ---- The supported patterns exist, typed by pattern.
export const supported: Array<RequestResponseStep | RunJobStep | CallbackStep> = [
  SqsSteps.sendMessage({ queue: queue, messageBody: message }),
  SqsSteps.sendMessageWithCallback({ queue: queue, messageBody: message, taskTimeout, heartbeat }),
  GlueSteps.startJobRun({ jobName: 'etl' }),
  GlueSteps.startJobRunAndWait({ jobName: 'etl' }),
  DynamoDbSteps.getItem({ table: table, key }),
  LambdaSteps.invokeWithCallback({ lambdaFunction: fn, taskTimeout, heartbeat: Heartbeat.none() }),
];
export const job: RunJobStep = CodeBuildSteps.startBuildAndWait({ project: project });
export const callback: CallbackStep = StepFunctionsSteps.startExecutionWithCallback({ stateMachine: child, taskTimeout, heartbeat });

// ---- Run a job (.sync): not on services without it.
// @ts-expect-error SQS has no run-a-job pattern
SqsSteps.sendMessageAndWait({ queue: queue, messageBody: message });
// @ts-expect-error SNS has no run-a-job pattern
SnsSteps.publishAndWait({ topic: topic, message });
// @ts-expect-error Lambda has no run-a-job pattern
LambdaSteps.invokeAndWait({ lambdaFunction: fn });
// @ts-expect-error EventBridge has no run-a-job pattern
EventBridgeSteps.putEventsAndWait({ entries: [] });
// @ts-expect-error AWS SDK integrations have no run-a-job pattern
SdkSteps.callAndWait({ service: 's3', action: 'getObject', iamResources: SdkIamResources.allResources() });
// @ts-expect-error the HTTP Task is request-response only
HttpSteps.invokeAndWait();
// @ts-expect-error Bedrock InvokeModel is request-response only
BedrockSteps.invokeModelAndWait();

// ---- Wait for a callback: not on services without it.
// @ts-expect-error Glue has no callback pattern
GlueSteps.startJobRunWithCallback({ jobName: 'etl', taskTimeout, heartbeat });
// @ts-expect-error DynamoDB has no callback pattern
DynamoDbSteps.getItemWithCallback({ table: table, key, taskTimeout, heartbeat });
// @ts-expect-error DynamoDB has no callback pattern
DynamoDbSteps.putItemWithCallback({ table: table, item: key, taskTimeout, heartbeat });
// @ts-expect-error Batch has no callback pattern
BatchSteps.submitJobWithCallback();
// @ts-expect-error CodeBuild has no callback pattern
CodeBuildSteps.startBuildWithCallback({ project: project, taskTimeout, heartbeat });
// @ts-expect-error Athena has no callback pattern
AthenaSteps.startQueryExecutionWithCallback({ queryString: 'SELECT 1', taskTimeout, heartbeat });

// ---- A callback states its timeouts.
// @ts-expect-error a callback step needs a heartbeat (Heartbeat.none() to opt out)
LambdaSteps.invokeWithCallback({ lambdaFunction: fn, taskTimeout });
// @ts-expect-error a callback step needs a task timeout
SqsSteps.sendMessageWithCallback({ queue: queue, messageBody: message, heartbeat });
// @ts-expect-error a callback step needs its props
SnsSteps.publishWithCallback({ topic: topic });

// ---- Steps are typed by pattern.
// @ts-expect-error a request-response step is not a run-a-job step
export const notAJob: RunJobStep = SqsSteps.sendMessage({ queue: queue, messageBody: message });
// @ts-expect-error a run-a-job step is not a callback step
export const notACallback: CallbackStep = GlueSteps.startJobRunAndWait({ jobName: 'etl' });
// @ts-expect-error a callback step is not a request-response step
export const notRequestResponse: RequestResponseStep = LambdaSteps.invokeWithCallback({ lambdaFunction: fn, taskTimeout, heartbeat });
