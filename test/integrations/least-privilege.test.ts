/*
 * Every integration in every pattern it offers, the activity step, the patterns that call
 * services, and the Workflow itself: every IAM statement with `Resource: *` they grant is listed
 * here, with the AWS page that requires it. A new one fails this test until it is justified.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { STEPS, fixtures } from './every-step';
import { machineWith, newStack, roleStatements } from './helpers';
import { Workflow } from '../../src/constructs/workflow';
import { Heartbeat } from '../../src/core/heartbeat';
import { Step } from '../../src/core/step';
import { Flow } from '../../src/flow/flow';
import { ActivitySteps } from '../../src/integrations/activity';
import { ApprovalChannel, HumanApproval } from '../../src/patterns/human-approval';
import { AWS_CDK_LIB_VERSION } from '../aws-cdk-lib-version';

/** The actions granted on `*`, each with the page that says the action needs `*`. */
const ALLOWED: Record<string, { actions: string[]; source: string }[]> = {
  // The user opted in with SdkIamResources.allResources() (s3:ListAllMyBuckets has no resource type).
  'SdkSteps.call': [{ actions: ['s3:ListAllMyBuckets'], source: 'https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html' }],
  // DescribeJobs supports no resource-level permissions.
  'BatchSteps.submitJobAndWait': [{
    actions: ['batch:DescribeJobs'],
    source: 'https://docs.aws.amazon.com/batch/latest/userguide/batch-supported-iam-actions-resources.html',
  }],
  // GetDataAccess supports no resource-level permissions; the Step Functions guide's Athena policy has it on '*'.
  'AthenaSteps.startQueryExecution': [{ actions: ['lakeformation:GetDataAccess'], source: 'https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html' }],
  'AthenaSteps.startQueryExecutionAndWait': [{ actions: ['lakeformation:GetDataAccess'], source: 'https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html' }],
  // Log delivery and X-Ray actions support no resource-level permissions.
  'Workflow (logging and tracing)': [
    {
      actions: [
        'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
        'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
      ],
      source: 'https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy',
    },
    {
      actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
      source: 'https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html',
    },
  ],
};

/** The actions of the statements on `Resource: *` (alone or in a list). */
function actionsOnEverything(statements: unknown[]): string[][] {
  return statements
    .filter((s: any) => [s.Resource].flat().includes('*'))
    .map((s: any) => [s.Action].flat());
}

function stepStatements(build: (stack: Stack) => Step): unknown[] {
  const stack = newStack();
  machineWith(stack, build(stack));
  return roleStatements(stack);
}

describe(`statements on Resource '*' (aws-cdk-lib ${AWS_CDK_LIB_VERSION})`, () => {
  const cases: Array<[string, () => unknown[]]> = [
    ...STEPS.map(([name, build]): [string, () => unknown[]] => [name, () => stepStatements((stack) => build(fixtures(stack), {}))]),
    ['ActivitySteps.invoke', () => stepStatements((stack) => ActivitySteps.invoke({
      activity: new sfn.Activity(stack, 'Activity'),
      taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
      heartbeat: Heartbeat.every(Duration.minutes(1)),
    }))],
    ['HumanApproval (SNS)', () => stepStatements((stack) => new HumanApproval({
      channel: ApprovalChannel.snsTopic(new sns.Topic(stack, 'Topic')), taskTimeout: sfn.Timeout.duration(Duration.days(1)),
    }))],
    ['HumanApproval (SQS)', () => stepStatements((stack) => new HumanApproval({
      channel: ApprovalChannel.sqsQueue(new sqs.Queue(stack, 'Queue')), taskTimeout: sfn.Timeout.duration(Duration.days(1)),
    }))],
    ['Workflow (logging and tracing)', () => {
      const stack = newStack();
      new Workflow(stack, 'Workflow', { definition: new Flow(stack, 'Flow').addPass('Start') });
      return Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
        .flatMap((p) => p.Properties.PolicyDocument.Statement);
    }],
  ];

  test.each(cases)('%s grants on * only what AWS requires on *', (name, statements) => {
    const byFirstAction = (a: string[], b: string[]) => a[0].localeCompare(b[0]);
    const allowed = (ALLOWED[name] ?? []).map((allowance) => allowance.actions);
    expect(actionsOnEverything(statements()).sort(byFirstAction)).toEqual(allowed.sort(byFirstAction));
  });

  test('every allowance names its source', () => {
    for (const allowances of Object.values(ALLOWED)) {
      for (const allowance of allowances) {
        expect(allowance.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      }
    }
    expect(Object.keys(ALLOWED).filter((name) => !cases.some(([c]) => c === name))).toEqual([]);
  });
});
