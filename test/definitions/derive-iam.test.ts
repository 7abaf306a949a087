/*
 * The statements derived for each integration an imported definition may use (docs/asl-files.md,
 * "What is derived"), exactly, one Task state at a time.
 */
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Workflow } from '../../src/constructs/workflow';
import { buildModel } from '../../src/core/asl/model';
import { AslDefinition } from '../../src/definitions/asl-definition';
import { deriveIam } from '../../src/definitions/private/derive-iam';
import { Flow } from '../../src/flow/flow';
import { SdkIamResources, SdkSteps } from '../../src/integrations/aws-sdk';
import { newStack } from '../integrations/helpers';

const ACCOUNT = '123456789012';
const P = { Ref: 'AWS::Partition' };
/** `arn:<partition><rest>`, as formatArn renders it in this stack. */
const arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', P, rest]] });
const rule = (name: string) => ({ Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'], Effect: 'Allow', Resource: arn(`:events:us-east-1:${ACCOUNT}:rule/${name}`) });

/** The derived statements of a definition whose one Task state is `task`. */
function derived(task: Record<string, unknown>, top: Record<string, unknown> = {}): { stack: Stack; statements: unknown[] } {
  const stack = newStack();
  new Workflow(stack, 'Workflow', {
    aslDefinition: AslDefinition.fromObject({ ...top, StartAt: 'Task', States: { Task: { Type: 'Task', End: true, ...task } } }),
    logging: { level: sfn.LogLevel.OFF },
    tracingEnabled: false,
  });
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([id]) => id.startsWith('WorkflowRoleDefaultPolicy'));
  return { stack, statements: entry ? (entry[1] as any).Properties.PolicyDocument.Statement : [] };
}

describe('derived statements', () => {
  test('sns:publish.waitForTaskToken: sns:Publish on the topic', () => {
    expect(derived({ Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', Parameters: { 'TopicArn': `arn:aws:sns:us-east-1:${ACCOUNT}:t`, 'Message.$': '$$.Task.Token' } }).statements)
      .toEqual([{ Action: 'sns:Publish', Effect: 'Allow', Resource: `arn:aws:sns:us-east-1:${ACCOUNT}:t` }]);
  });

  test('events:putEvents: each entry\'s bus, the default bus for an entry without one', () => {
    expect(derived({
      Resource: 'arn:aws:states:::events:putEvents',
      Parameters: { Entries: [{ Detail: {}, DetailType: 'a', Source: 's' }, { Detail: {}, DetailType: 'b', Source: 's', EventBusName: 'orders' }] },
    }).statements).toEqual([{
      Action: 'events:PutEvents',
      Effect: 'Allow',
      Resource: [arn(`:events:us-east-1:${ACCOUNT}:event-bus/default`), arn(`:events:us-east-1:${ACCOUNT}:event-bus/orders`)],
    }]);
  });

  test('batch:submitJob.sync: SubmitJob on the definition (every revision) and queue, polling, cancel and the managed rule', () => {
    expect(derived({ Resource: 'arn:aws:states:::batch:submitJob.sync', Parameters: { JobName: 'j', JobDefinition: 'render', JobQueue: 'queue' } }).statements).toEqual([
      { Action: 'batch:SubmitJob', Effect: 'Allow', Resource: [arn(`:batch:us-east-1:${ACCOUNT}:job-definition/render:*`), arn(`:batch:us-east-1:${ACCOUNT}:job-queue/queue`)] },
      { Action: 'batch:DescribeJobs', Effect: 'Allow', Resource: '*' },
      { Action: 'batch:TerminateJob', Effect: 'Allow', Resource: arn(`:batch:us-east-1:${ACCOUNT}:job/*`) },
      rule('StepFunctionsGetEventsForBatchJobsRule'),
    ]);
  });

  test('glue:startJobRun.sync and codebuild:startBuild: the job\'s run actions; StartBuild alone', () => {
    expect(derived({ Resource: 'arn:aws:states:::glue:startJobRun.sync', Parameters: { JobName: 'etl' } }).statements).toEqual([
      { Action: ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'], Effect: 'Allow', Resource: arn(`:glue:us-east-1:${ACCOUNT}:job/etl`) },
    ]);
    expect(derived({ Resource: 'arn:aws:states:::codebuild:startBuild', Parameters: { ProjectName: 'build' } }).statements).toEqual([
      { Action: 'codebuild:StartBuild', Effect: 'Allow', Resource: arn(`:codebuild:us-east-1:${ACCOUNT}:project/build`) },
    ]);
  });

  test('athena:startQueryExecution: the workgroup and catalog, Glue catalog and the result location', () => {
    const { statements } = derived({
      Resource: 'arn:aws:states:::athena:startQueryExecution',
      Parameters: { QueryString: 'SELECT 1', WorkGroup: 'analytics', QueryExecutionContext: { Database: 'sales' }, ResultConfiguration: { OutputLocation: 's3://results/q/' } },
    });
    expect(statements[0]).toEqual({
      Action: ['athena:StartQueryExecution', 'athena:GetDataCatalog'],
      Effect: 'Allow',
      Resource: [arn(`:athena:us-east-1:${ACCOUNT}:datacatalog/AwsDataCatalog`), arn(`:athena:us-east-1:${ACCOUNT}:workgroup/analytics`)],
    });
    expect(statements).toContainEqual({
      Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'], Effect: 'Allow', Resource: arn(':s3:::results/q/*'),
    });
  });

  test('apigateway:invoke: execute-api:Invoke on the route', () => {
    expect(derived({
      Resource: 'arn:aws:states:::apigateway:invoke',
      Parameters: { ApiEndpoint: 'abc123.execute-api.eu-west-1.amazonaws.com', Method: 'post', Stage: 'prod', Path: '/orders', AuthType: 'IAM_ROLE' },
    }).statements).toEqual([{ Action: 'execute-api:Invoke', Effect: 'Allow', Resource: arn(`:execute-api:eu-west-1:${ACCOUNT}:abc123/prod/POST/orders`) }]);
  });

  test('bedrock:invokeModel: the foundation model and the S3 output', () => {
    expect(derived({
      Resource: 'arn:aws:states:::bedrock:invokeModel',
      Arguments: { ModelId: 'anthropic.claude-v2', Body: {}, Output: { S3Uri: 's3://out/answer.json' } },
    }, { QueryLanguage: 'JSONata' }).statements).toEqual([
      { Action: 'bedrock:InvokeModel', Effect: 'Allow', Resource: arn(':bedrock:us-east-1::foundation-model/anthropic.claude-v2') },
      { Action: 's3:PutObject', Effect: 'Allow', Resource: arn(':s3:::out/answer.json') },
    ]);
  });

  test('aws-sdk: the action the typed SDK step derives, on the secret or parameter named', () => {
    expect(derived({ Resource: 'arn:aws:states:::aws-sdk:secretsmanager:getSecretValue', Parameters: { SecretId: 'db-password' } }).statements).toEqual([
      { Action: 'secretsmanager:GetSecretValue', Effect: 'Allow', Resource: arn(`:secretsmanager:us-east-1:${ACCOUNT}:secret:db-password-??????`) },
    ]);
    expect(derived({ Resource: 'arn:aws:states:us-east-1:123456789012:aws-sdk:ssm:getParameter', Parameters: { Name: '/app/flag' } }).statements).toEqual([
      { Action: 'ssm:GetParameter', Effect: 'Allow', Resource: arn(`:ssm:us-east-1:${ACCOUNT}:parameter/app/flag`) },
    ]);
    // cloudwatchlogs is logs in IAM (the prefix table of the typed step).
    expect(derived({
      Resource: 'arn:aws:states:::aws-sdk:cloudwatchlogs:putRetentionPolicy',
      Parameters: { LogGroupName: 'g', RetentionInDays: 7, Note: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`, Target: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` },
    }).statements).toEqual([{ Action: 'logs:PutRetentionPolicy', Effect: 'Allow', Resource: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g` }]);
  });

  test('a recursive start ($$.StateMachine.Id) is granted on the workflow\'s own ARN, in a policy of its own', () => {
    const { stack, statements } = derived({ Resource: 'arn:aws:states:::states:startExecution', Parameters: { 'StateMachineArn.$': '$$.StateMachine.Id', 'Input': {} } });
    expect(statements).toEqual([]);
    const own = Object.keys(Template.fromStack(stack).findResources('AWS::StepFunctions::StateMachine'))[0];
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Object.keys(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find((k) => k.startsWith('WorkflowSelfExecutionPolicy')),
      PolicyDocument: { Statement: [{ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: own } }] },
    });
  });

  test('a Distributed Map listing a prefix: s3:ListBucket limited to it, and the listed objects it loads', () => {
    // deriveIam alone: the validator on main rejects ReaderConfig.Transformation (SW224), a field
    // Step Functions documents (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html).
    const stack = newStack();
    const reader = (transformation?: string) => buildModel({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          End: true,
          ItemReader: {
            Resource: 'arn:aws:states:::s3:listObjectsV2',
            ReaderConfig: transformation ? { Transformation: transformation, InputType: 'JSONL' } : {},
            Parameters: { Bucket: 'logs', Prefix: 'day/' },
          },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' }, StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
        },
      },
    }, 'STANDARD');
    const json = (model: ReturnType<typeof reader>) => stack.resolve(
      deriveIam(model, { scope: stack, resources: new Map(), grants: {} }).statements.map((st) => st.toStatementJson()));
    const list = { Action: 's3:ListBucket', Effect: 'Allow', Resource: arn(':s3:::logs'), Condition: { StringLike: { 's3:prefix': 'day/*' } } };
    expect(json(reader())).toEqual([list]);
    expect(json(reader('LOAD_AND_FLATTEN'))).toEqual([list, { Action: 's3:GetObject', Effect: 'Allow', Resource: arn(':s3:::logs/day/*') }]);
  });
});

describe('one source with the typed steps', () => {
  test.each([
    ['s3', 'listObjectsV2', { Bucket: 'data' }, (stack: Stack) => stack.formatArn({ region: '', account: '', service: 's3', resource: 'data' })],
    ['s3', 'headObject', { Bucket: 'data', Key: 'a.json' }, (stack: Stack) => stack.formatArn({ region: '', account: '', service: 's3', resource: 'data', resourceName: 'a.json' })],
    ['cloudwatchlogs', 'describeLogStreams', { LogGroupName: 'g', Arn: `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g` }, () => `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:g`],
    ['sfn', 'describeStateMachine', { StateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m` }, () => `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:m`],
  ])('aws-sdk:%s:%s gets the actions SdkSteps.call() grants', (service, action, parameters, resourceIn) => {
    // GIVEN the typed step, on the resource the imported state names
    const typed = newStack();
    const resource = resourceIn(typed);
    new Workflow(typed, 'Workflow', {
      definition: new Flow(typed, 'Flow').addStep('Task', SdkSteps.call({ service, action, parameters, iamResources: SdkIamResources.fromArns([resource]) })),
      logging: { level: sfn.LogLevel.OFF },
      tracingEnabled: false,
    });
    const typedPolicy = Object.entries(Template.fromStack(typed).findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('WorkflowRoleDefaultPolicy'))![1] as any;

    // WHEN the same call is imported
    const imported = derived({ Resource: `arn:aws:states:::aws-sdk:${service}:${action}`, Parameters: parameters });

    // THEN the same statement
    expect(imported.statements).toEqual(typedPolicy.Properties.PolicyDocument.Statement);
  });
});
