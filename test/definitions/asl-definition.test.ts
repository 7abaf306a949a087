import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, SecretValue, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Workflow, WorkflowProps } from '../../src/constructs/workflow';
import { Asl } from '../../src/core/asl/asl';
import { AslDefinition } from '../../src/definitions/asl-definition';
import { AslSubstitution } from '../../src/definitions/substitution';
import { ValidationReport } from '../../src/validation/report';
import { newStack } from '../integrations/helpers';

const ACCOUNT = '123456789012';

/** A definition of one Task state named 'Task'. */
function oneTask(task: Record<string, unknown>, top: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...top, StartAt: 'Task', States: { Task: { Type: 'Task', End: true, ...task } } };
}

/** A Workflow without logging and tracing, so its role's default policy holds only the derived statements. */
function workflow(stack: Stack, aslDefinition: AslDefinition, props: Partial<WorkflowProps> = {}): Workflow {
  return new Workflow(stack, 'Workflow', { aslDefinition, logging: { level: sfn.LogLevel.OFF }, tracingEnabled: false, ...props });
}

/** The statements of the Workflow role's default policy. */
function statements(stack: Stack): unknown[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const entry = Object.entries(policies).find(([id]) => id.startsWith('WorkflowRoleDefaultPolicy'));
  return entry ? (entry[1] as any).Properties.PolicyDocument.Statement : [];
}

describe('AslDefinition', () => {
  test('a file with a substituted function and queue gives exactly their statements, with the values written', () => {
    // GIVEN
    const stack = newStack();
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', `arn:aws:lambda:us-east-1:${ACCOUNT}:function:validate`);
    const key = new kms.Key(stack, 'Key');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: key });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asl-'));
    const file = path.join(dir, 'orders.asl.json');
    fs.writeFileSync(file, JSON.stringify({
      StartAt: 'Validate',
      States: {
        Validate: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName': '${ValidateFunction}', 'Payload.$': '$' }, Next: 'Send' },
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { 'QueueUrl': '${OrdersQueue}', 'MessageBody.$': '$' }, End: true },
      },
    }, undefined, 2));

    // WHEN
    const wf = workflow(stack, AslDefinition.fromFile(file, {
      substitutions: { ValidateFunction: AslSubstitution.lambdaFunction(fn), OrdersQueue: AslSubstitution.queue(queue) },
    }));

    // THEN
    expect(Asl.of(wf).States.Validate.Parameters.FunctionName).toBe(`arn:aws:lambda:us-east-1:${ACCOUNT}:function:validate`);
    expect(Asl.of(wf).States.Send.Parameters.QueueUrl).toMatch(/^\$\{Ref:.*Queue/);
    expect(statements(stack)).toEqual([
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:validate` },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(queue.node.defaultChild as sqs.CfnQueue), 'Arn'] } },
      { Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] } },
    ]);
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
      DefinitionString: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('"QueueUrl":"')])] }),
    });
  });

  test('literal names become ARNs: a table name, a queue URL, a function name with an alias', () => {
    const stack = newStack();
    workflow(stack, AslDefinition.fromObject({
      StartAt: 'Get',
      States: {
        Get: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', Parameters: { TableName: 'Orders', Key: { id: { 'S.$': '$.id' } } }, Next: 'Send' },
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', Parameters: { QueueUrl: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/jobs`, MessageBody: { 'Token.$': '$$.Task.Token' } }, Next: 'Call' },
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'notify:live' }, End: true },
      },
    }));
    expect(statements(stack)).toEqual([
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: `arn:${'${AWS::Partition}'}:dynamodb:us-east-1:${ACCOUNT}:table/Orders` },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: `arn:${'${AWS::Partition}'}:sqs:eu-west-1:${ACCOUNT}:jobs` },
      { Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: `arn:${'${AWS::Partition}'}:lambda:us-east-1:${ACCOUNT}:function:notify:live` },
    ].map((s) => ({ ...s, Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, s.Resource.slice('arn:${AWS::Partition}'.length)]] } })));
  });

  test('a nested execution .sync grants StartExecution, the executions and the managed rule', () => {
    const stack = newStack();
    workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::states:startExecution.sync:2',
      Parameters: { StateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:child:prod`, Input: {} },
    })));
    expect(statements(stack)).toEqual([
      {
        Action: 'states:StartExecution',
        Effect: 'Allow',
        Resource: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:child`,
        Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['prod'] } },
      },
      {
        Action: ['states:DescribeExecution', 'states:StopExecution'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:us-east-1:${ACCOUNT}:execution:child:*`]] },
      },
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:us-east-1:${ACCOUNT}:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule`]] },
      },
    ]);
  });

  test('a substituted alias of a Workflow: the alias ARN written, StartExecution on the state machine narrowed to the alias', () => {
    const stack = newStack();
    const child = new Workflow(stack, 'Child', { definition: new sfn.Pass(stack, 'P') });
    const alias = child.addAlias('live');
    const wf = workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: '${Child}', Input: {} },
    }), { substitutions: { Child: AslSubstitution.stateMachine(alias) } }));
    const aliasId = stack.getLogicalId(alias.node.defaultChild as sfn.CfnStateMachineAlias);
    expect(stack.resolve(alias.stateMachineArn)).toEqual({ 'Fn::GetAtt': [aliasId, 'Arn'] });
    expect(Asl.of(wf).States.Task.Parameters.StateMachineArn).toMatch(/^\$\{GetAtt:ChildAliaslive.*\.Arn\}$/);
    expect(statements(stack)).toEqual([{
      Action: 'states:StartExecution',
      Effect: 'Allow',
      Resource: { Ref: stack.getLogicalId(child.node.defaultChild as sfn.CfnStateMachine) },
      Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['live'] } },
    }]);
  });

  test('an AWS SDK call gets the action the typed SDK step derives, on the bucket objects it names', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Bucket');
    workflow(stack, AslDefinition.fromObject({
      StartAt: 'Head',
      States: {
        Head: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:s3:headObject', Parameters: { 'Bucket': '${Data}', 'Key.$': '$.key' }, Next: 'Logs' },
        Logs: { Type: 'Task', Resource: 'arn:aws:states:::aws-sdk:cloudwatchlogs:describeLogGroups', Parameters: {}, End: true },
      },
    }, { substitutions: { Data: AslSubstitution.bucket(bucket) }, grants: { Logs: { allResources: true } } }));
    const bucketRef = { Ref: stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket) };
    expect(statements(stack)).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', bucketRef, '/*']] } },
      { Action: 'logs:DescribeLogGroups', Effect: 'Allow', Resource: '*' },
    ]);
  });

  test('ECS runTask.sync passes the task definition\'s roles and polls the cluster\'s tasks', () => {
    const stack = newStack();
    const taskDefinition = new ecs.FargateTaskDefinition(stack, 'TaskDef');
    taskDefinition.addContainer('App', { image: ecs.ContainerImage.fromRegistry('nginx') });
    workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::ecs:runTask.sync',
      Parameters: { Cluster: 'batch-cluster', TaskDefinition: '${Task}', LaunchType: 'FARGATE' },
    }), { substitutions: { Task: AslSubstitution.ecsTaskDefinition(taskDefinition) } }));
    const id = (c: any) => stack.getLogicalId(c.node.defaultChild);
    expect(statements(stack)).toEqual([
      { Action: 'ecs:RunTask', Effect: 'Allow', Resource: { Ref: id(taskDefinition) } },
      { Action: 'iam:PassRole', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id(taskDefinition.taskRole), 'Arn'] } },
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:events:us-east-1:${ACCOUNT}:rule/StepFunctionsGetEventsForECSTaskRule`]] },
      },
      {
        Action: ['ecs:StopTask', 'ecs:DescribeTasks'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:ecs:us-east-1:${ACCOUNT}:task/batch-cluster/*`]] },
      },
    ]);
  });

  test('an HTTP Task grants the connection, its secret and the endpoint with its method (JSONata)', () => {
    const stack = newStack();
    const connection = new events.Connection(stack, 'Conn', { authorization: events.Authorization.apiKey('x-api-key', SecretValue.unsafePlainText('not-a-secret')) });
    workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::http:invoke',
      Arguments: { ApiEndpoint: 'https://api.example.com/orders', Method: 'POST', Authentication: { ConnectionArn: '${Api}' } },
    }, { QueryLanguage: 'JSONata' }), { substitutions: { Api: AslSubstitution.connection(connection) } }));
    const id = Object.keys(Template.fromStack(stack).findResources('AWS::Events::Connection'))[0];
    expect(connection.connectionArn).toBeDefined();
    expect(statements(stack)).toEqual([
      { Action: 'events:RetrieveConnectionCredentials', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id, 'Arn'] } },
      { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: { 'Fn::GetAtt': [id, 'SecretArn'] } },
      {
        Action: 'states:InvokeHTTPEndpoint',
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:us-east-1:${ACCOUNT}:stateMachine:*`]] },
        Condition: { StringLike: { 'states:HTTPEndpoint': 'https://api.example.com/orders' }, StringEquals: { 'states:HTTPMethod': 'POST' } },
      },
    ]);
  });

  test('a Distributed Map reads and writes its S3 objects and starts child executions on its own ARN', () => {
    const stack = newStack();
    const wf = workflow(stack, AslDefinition.fromObject({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          End: true,
          Label: 'orders',
          ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW' }, Parameters: { Bucket: 'in-bucket', Key: 'orders.csv' } },
          ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'out-bucket', Prefix: 'results/' } },
          ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Done', States: { Done: { Type: 'Succeed' } } },
        },
      },
    }));
    const s3Arn = (rest: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${rest}`]] });
    expect(statements(stack)).toEqual([
      { Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('in-bucket/orders.csv') },
      { Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Effect: 'Allow', Resource: s3Arn('out-bucket/results/*') },
    ]);
    const id = stack.getLogicalId(wf.node.defaultChild as sfn.CfnStateMachine);
    // Child executions are execution:NAME/LABEL:ID (the same policy a built Distributed Map gets).
    const execution = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:states:us-east-1:${ACCOUNT}:execution:`, { 'Fn::GetAtt': [id, 'Name'] }, name]] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: Match.stringLikeRegexp('DistributedMapPolicy'),
      PolicyDocument: {
        Statement: [
          { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: id } },
          { Action: ['states:DescribeExecution', 'states:StopExecution'], Effect: 'Allow', Resource: execution('/*') },
          { Action: 'states:RedriveExecution', Effect: 'Allow', Resource: execution('/orders:*') },
        ],
      },
    });
  });

  test('an explicit grant gives a run-time resource its ARNs; the actions are still derived', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING } });
    workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: { 'TableName.$': '$.table', 'Item': {} },
    }), { grants: { Task: { resourceArns: [table.tableArn] } } }));
    expect(statements(stack)).toEqual([
      { Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [stack.getLogicalId(table.node.defaultChild as dynamodb.CfnTable), 'Arn'] } },
    ]);
  });

  test('explicit statements replace the derivation for an integration it does not know', () => {
    const stack = newStack();
    const statement = new iam.PolicyStatement({ actions: ['sagemaker:CreateTrainingJob'], resources: [`arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/*`] });
    workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::sagemaker:createTrainingJob', Parameters: {} }),
      { grants: { Task: { statements: [statement] } } }));
    expect(statements(stack)).toEqual([
      { Action: 'sagemaker:CreateTrainingJob', Effect: 'Allow', Resource: `arn:aws:sagemaker:us-east-1:${ACCOUNT}:training-job/*` },
    ]);
  });

  test('an activity and a Credentials role: nothing for the activity, sts:AssumeRole for the role', () => {
    const stack = newStack();
    const activity = new sfn.Activity(stack, 'Activity');
    workflow(stack, AslDefinition.fromObject({
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: '${Work}', Next: 'Remote' },
        Remote: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          End: true,
          Credentials: { RoleArn: 'arn:aws:iam::111122223333:role/remote' },
          Parameters: { FunctionName: 'arn:aws:lambda:us-east-1:111122223333:function:f' },
        },
      },
    }, { substitutions: { Work: AslSubstitution.activity(activity) } }));
    expect(statements(stack)).toEqual([{ Action: 'sts:AssumeRole', Effect: 'Allow', Resource: 'arn:aws:iam::111122223333:role/remote' }]);
  });
});

describe('Workflow with an aslDefinition', () => {
  test('writes the timeout (never dropped), keeps logging and tracing, and validates', () => {
    const stack = newStack();
    const wf = new Workflow(stack, 'Workflow', {
      aslDefinition: AslDefinition.fromObject({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } }),
      timeout: Duration.minutes(10),
    });
    expect(Asl.of(wf).TimeoutSeconds).toBe(600);
    expect(wf.timeout.toSeconds()).toBe(600);
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL' }),
    });
  });

  test('the default timeout is written when neither gives one; the definition\'s own is kept', () => {
    const a = newStack();
    expect(Asl.of(new Workflow(a, 'W', { aslDefinition: AslDefinition.fromObject({ StartAt: 'D', States: { D: { Type: 'Succeed' } } }) })).TimeoutSeconds).toBe(86400);
    const b = newStack();
    const wf = new Workflow(b, 'W', { aslDefinition: AslDefinition.fromObject({ TimeoutSeconds: 300, StartAt: 'D', States: { D: { Type: 'Succeed' } } }) });
    expect(Asl.of(wf).TimeoutSeconds).toBe(300);
    expect(wf.timeout.toSeconds()).toBe(300);
  });

  test('it is in the validation report next to the template, with its findings', () => {
    const app = new App();
    const stack = new Stack(app, 'Reported');
    // A Lambda Task without the transient-error retrier: a hygiene warning (SW403) in the report.
    new Workflow(stack, 'W', { aslDefinition: AslDefinition.fromObject(oneTask({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` })) });
    app.synth();
    const report = JSON.parse(fs.readFileSync(path.join(app.outdir, `${stack.artifactId}${ValidationReport.FILE_SUFFIX}`), 'utf8'));
    expect(report.stateMachines).toEqual([expect.objectContaining({ findings: expect.arrayContaining([expect.objectContaining({ code: 'SW403', statePath: 'Task' })]) })]);
  });

  test('a JSONata definition sets the Workflow\'s query language', () => {
    const stack = newStack();
    const wf = new Workflow(stack, 'W', { aslDefinition: AslDefinition.fromObject({ QueryLanguage: 'JSONata', StartAt: 'D', States: { D: { Type: 'Succeed' } } }) });
    expect(wf.queryLanguage).toBe(sfn.QueryLanguage.JSONATA);
  });

  test('fails when the timeout contradicts the definition\'s TimeoutSeconds (SW025)', () => {
    const stack = newStack();
    expect(() => new Workflow(stack, 'W', {
      aslDefinition: AslDefinition.fromObject({ TimeoutSeconds: 300, StartAt: 'D', States: { D: { Type: 'Succeed' } } }),
      timeout: Duration.minutes(10),
    })).toThrow(/\[SW025\] .*the Workflow's timeout says 600 seconds, the definition's TimeoutSeconds says 300 seconds/);
  });

  test('fails when given both definition and aslDefinition (SW028)', () => {
    const stack = newStack();
    expect(() => new Workflow(stack, 'W', {
      definition: new sfn.Pass(stack, 'P'),
      aslDefinition: AslDefinition.fromObject({ StartAt: 'D', States: { D: { Type: 'Succeed' } } }),
    })).toThrow(/\[SW028\] Stack\/W: the Workflow was given both definition and aslDefinition/);
  });

  test('validation runs on the imported definition (an Express workflow with .sync fails the synth)', () => {
    const stack = newStack();
    workflow(stack, AslDefinition.fromObject(oneTask({
      Resource: 'arn:aws:states:::states:startExecution.sync',
      Parameters: { StateMachineArn: `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:child` },
    })), { workflowType: sfn.StateMachineType.EXPRESS });
    expect(() => Template.fromStack(stack)).toThrow(/SW3\d\d/);
  });
});

describe('overrides', () => {
  const def = () => AslDefinition.fromObject({
    StartAt: 'Call',
    States: {
      Call: { Type: 'Task', Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`, Next: 'Done' },
      Failed: { Type: 'Fail' },
      Done: { Type: 'Succeed' },
    },
  });

  test('overrideState, addRetry and addCatch change the state by its name', () => {
    const d = def().overrideState('Call', { TimeoutSeconds: 30 })
      .addRetry('Call', { errors: ['States.Timeout'], maxAttempts: 2, interval: Duration.seconds(1), backoffRate: 2 })
      .addCatch('Call', 'Failed', { resultPath: '$.error' });
    expect(d.toObject().States.Call).toEqual({
      Type: 'Task',
      Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f`,
      Next: 'Done',
      TimeoutSeconds: 30,
      Retry: [{ ErrorEquals: ['States.Timeout'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed', ResultPath: '$.error' }],
    });
  });

  test('fails when an override names a state that does not exist (SW026)', () => {
    expect(() => def().overrideState('Cal', { TimeoutSeconds: 30 })).toThrow(/\[SW026\] state 'Cal': there is no state named 'Cal' in the definition\. Found: states: 'Call', 'Failed', 'Done'/);
  });

  test('fails when a catcher goes to a state that does not exist (SW026)', () => {
    expect(() => def().addCatch('Call', 'Nowhere')).toThrow(/\[SW026\] .*goes to 'Nowhere'/);
  });

  test('fails when a retrier is added to a Succeed state (SW027)', () => {
    expect(() => def().addRetry('Done')).toThrow(/\[SW027\] state 'Done': 'Done' is a Succeed state, which cannot have a retrier/);
  });
});

describe('bad input', () => {
  test('fails on malformed JSON with the line and column (SW021)', () => {
    expect(() => AslDefinition.fromString('{\n  "StartAt": "A",\n  "States": { "A": { "Type": "Succeed" }, }\n}'))
      .toThrow(/\[SW021\] the definition string is not valid JSON: a trailing comma before '}' at line 3, column/);
  });

  test('fails when the file cannot be read (SW020)', () => {
    expect(() => AslDefinition.fromFile('/nonexistent/orders.asl.json')).toThrow(/\[SW020\] the ASL file '\/nonexistent\/orders\.asl\.json' cannot be read/);
  });

  test('fails when the JSON is not a definition (SW022)', () => {
    expect(() => AslDefinition.fromString('{"Resources": {}}')).toThrow(/\[SW022\] the definition string is not a state machine definition: it is an object with 'Resources'/);
  });

  test('fails on a state named twice (SW002)', () => {
    expect(() => AslDefinition.fromString('{"StartAt":"A","States":{"A":{"Type":"Succeed"},"A":{"Type":"Pass","End":true}}}'))
      .toThrow(/\[SW002\] state 'A': the definition string names the state 'A' twice/);
  });

  test('fails on a placeholder without a substitution, naming it and its state (SW023)', () => {
    expect(() => AslDefinition.fromObject(oneTask({ Resource: '${Fn}' }))).toThrow(/\[SW023\] state 'Task': the definition object holds the placeholder \$\{Fn\} \(in state 'Task'\), which no substitution fills/);
  });

  test('fails on an unused substitution, naming it (SW024)', () => {
    expect(() => AslDefinition.fromObject(oneTask({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` }), { substitutions: { Queue: AslSubstitution.value('x') } }))
      .toThrow(/\[SW024\] the substitution 'Queue' is not used/);
  });

  test('fails on an integration whose IAM is not derived, naming the state, what is supported and the grant (SW030)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::sagemaker:createTrainingJob.sync', Parameters: {} }))))
      .toThrow(/\[SW030\] Stack\/Workflow, state 'Task': field Resource: 'arn:aws:states:::sagemaker:createTrainingJob\.sync' is not an integration whose IAM cdk-stepwise derives \(supported: lambda:invoke, .*Fix: grant what the state needs explicitly: grants: \{ 'Task': \{ statements/);
  });

  test('fails on a resource chosen at run time, naming the state and the field (SW031)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' } }))))
      .toThrow(/\[SW031\] Stack\/Workflow, state 'Task': field Parameters\.FunctionName: FunctionName is chosen at run time \(\$\.fn\).*grants: \{ 'Task'/);
  });

  test('fails on a JSONata resource chosen at run time (SW031)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::sns:publish', Arguments: { TopicArn: '{% $states.input.topic %}', Message: 'x' } }, { QueryLanguage: 'JSONata' }))))
      .toThrow(/\[SW031\] Stack\/Workflow, state 'Task': field Arguments\.TopicArn/);
  });

  test('fails when the parameter naming the resource is missing (SW032)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { MessageBody: 'x' } }))))
      .toThrow(/\[SW032\] Stack\/Workflow, state 'Task': field Parameters\.QueueUrl: the state has no QueueUrl/);
  });

  test('fails on a literal that names no resource (SW033)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: { QueueUrl: 'jobs', MessageBody: 'x' } }))))
      .toThrow(/\[SW033\] Stack\/Workflow, state 'Task': field Parameters\.QueueUrl: QueueUrl is "jobs"/);
  });

  test('fails on an ECS task definition whose roles are unknown (SW034)', () => {
    const stack = newStack();
    expect(() => workflow(stack, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::ecs:runTask', Parameters: { TaskDefinition: 'web:3' } }))))
      .toThrow(/\[SW034\] Stack\/Workflow, state 'Task': field Parameters\.TaskDefinition/);
  });

  test('fails on a wildcard in resourceArns (SW035) and a grant for a state that does not exist (SW026)', () => {
    const a = newStack();
    expect(() => workflow(a, AslDefinition.fromObject(oneTask({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { 'FunctionName.$': '$.fn' } }),
      { grants: { Task: { resourceArns: ['*'] } } }))).toThrow(/\[SW035\] Stack\/Workflow, state 'Task': the grant for 'Task' lists '\*' in resourceArns/);
    const b = newStack();
    expect(() => workflow(b, AslDefinition.fromObject(oneTask({ Resource: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:f` }),
      { grants: { Tsk: { allResources: true } } }))).toThrow(/\[SW026\] Stack\/Workflow, state 'Tsk': a grant names the state 'Tsk'/);
  });
});

