import * as fs from 'fs';
import * as path from 'path';
import { App, Annotations as CdkAnnotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Asl, Flow, Heartbeat, LambdaSteps, SqsSteps, Workflow } from '../../src';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  return { app, stack };
}

function simpleFlow(stack: Stack, id = 'Flow') {
  return new Flow(stack, id).addPass('Start').addSucceed('Done');
}

describe('Workflow', () => {
  test('creates a Standard state machine with a timeout, logging at level ALL and X-Ray tracing', () => {
    // GIVEN
    const { stack } = setup();
    // WHEN
    new Workflow(stack, 'Orders', { definition: simpleFlow(stack), comment: 'processes orders' });
    // THEN
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: true,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OrdersLogs'), 'Arn'] } } }],
      },
    });
    template.hasResource('AWS::StepFunctions::StateMachine', { DeletionPolicy: 'Delete' });
    const asl = Asl.of(stack.node.findChild('Orders') as Workflow);
    expect(asl.TimeoutSeconds).toBe(24 * 60 * 60);
    expect(asl.Comment).toBe('processes orders');
  });

  test('owns a log group under /aws/vendedlogs/states with retention, retained on delete', () => {
    const { stack } = setup();
    const workflow = new Workflow(stack, 'Orders', { definition: simpleFlow(stack) });
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: {
        LogGroupName: Match.stringLikeRegexp('^/aws/vendedlogs/states/Test-Orders-[A-Za-z0-9]+$'),
        RetentionInDays: 90,
      },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    expect(workflow.logGroup).toBeDefined();
  });

  test('owns a role trusted by states.amazonaws.com that can write logs and traces', () => {
    const { stack } = setup();
    new Workflow(stack, 'Orders', { definition: simpleFlow(stack) });
    const template = Template.fromStack(stack);
    // aws-cdk-lib 2.248 and later also restrict the trust to this account's state machines
    // (aws:SourceArn / aws:SourceAccount): both forms trust states.amazonaws.com only.
    const roles = template.findResources('AWS::IAM::Role');
    expect(Object.keys(roles)).toHaveLength(1);
    const trust = Object.values<any>(roles)[0].Properties.AssumeRolePolicyDocument.Statement;
    expect(trust).toEqual([expect.objectContaining({ Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'states.amazonaws.com' } })]);
    if (trust[0].Condition) {
      expect(trust[0].Condition).toEqual({
        ArnLike: { 'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:eu-west-1:111111111111:stateMachine:*']] } },
        StringEquals: { 'aws:SourceAccount': '111111111111' },
      });
    }
    for (const statement of [
      { Action: Match.arrayWith(['logs:CreateLogDelivery', 'logs:PutResourcePolicy']), Resource: '*' },
      { Action: Match.arrayWith(['xray:PutTraceSegments', 'xray:PutTelemetryRecords']), Resource: '*' },
    ]) {
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike(statement)]) },
      });
    }
  });

  test('Express workflows default to the 5 minute maximum', () => {
    const { stack } = setup();
    const workflow = new Workflow(stack, 'Fast', { definition: simpleFlow(stack), workflowType: sfn.StateMachineType.EXPRESS });
    Template.fromStack(stack).hasResourceProperties('AWS::StepFunctions::StateMachine', { StateMachineType: 'EXPRESS' });
    expect(Asl.of(workflow).TimeoutSeconds).toBe(300);
    expect(workflow.timeout.toSeconds()).toBe(300);
  });

  test('every default can be overridden', () => {
    const { stack } = setup();
    const logGroup = new logs.LogGroup(stack, 'Existing');
    const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    const workflow = new Workflow(stack, 'Orders', {
      definition: simpleFlow(stack),
      stateMachineName: 'orders-v2',
      timeout: Duration.days(7),
      tracingEnabled: false,
      role,
      removalPolicy: RemovalPolicy.RETAIN,
      logging: { logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineName: 'orders-v2',
      TracingConfiguration: { Enabled: false },
      RoleArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Role'), 'Arn'] },
      LoggingConfiguration: { Level: 'ERROR', IncludeExecutionData: false, Destinations: Match.anyValue() },
    });
    template.hasResource('AWS::StepFunctions::StateMachine', { DeletionPolicy: 'Retain' });
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    expect(workflow.logGroup).toBe(logGroup);
    expect(Asl.of(workflow).TimeoutSeconds).toBe(7 * 24 * 3600);
  });

  test('logging level OFF creates no log group', () => {
    const { stack } = setup();
    const workflow = new Workflow(stack, 'Quiet', { definition: simpleFlow(stack), logging: { level: sfn.LogLevel.OFF } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', { LoggingConfiguration: Match.absent() });
    expect(workflow.logGroup).toBeUndefined();
  });

  test('a JSONata workflow with variables renders QueryLanguage at the top and Assign on states', () => {
    const { stack } = setup();
    const flow = new Flow(stack, 'Flow')
      .addPass('Remember order', { assign: { orderId: '{% $states.input.id %}', total: '{% $sum($states.input.lines.price) %}' } })
      .addChoice('Big?', {
        branches: [{
          condition: sfn.Condition.jsonata('{% $total > 100 %}'),
          next: new Flow(stack, 'Big').addPass('Flag', { outputs: { orderId: '{% $orderId %}', big: true } }),
          assign: { discount: 10 },
        }],
      })
      .addSucceed('Done', { outputs: '{% { "orderId": $orderId } %}' });
    const workflow = new Workflow(stack, 'Orders', { definition: flow, queryLanguage: sfn.QueryLanguage.JSONATA });

    const asl = Asl.of(workflow);
    expect(asl.QueryLanguage).toBe('JSONata');
    expect(asl.States['Remember order']).toEqual({
      Type: 'Pass',
      Assign: { orderId: '{% $states.input.id %}', total: '{% $sum($states.input.lines.price) %}' },
      Next: 'Big?',
    });
    expect(asl.States['Big?'].Choices).toEqual([{ Condition: '{% $total > 100 %}', Next: 'Flag', Assign: { discount: 10 } }]);
    expect(asl.States.Flag).toEqual({ Type: 'Pass', Output: { orderId: '{% $orderId %}', big: true }, Next: 'Done' });
    expect(asl.States.Done).toEqual({ Type: 'Succeed', Output: '{% { "orderId": $orderId } %}' });
    expect(workflow.queryLanguage).toBe(sfn.QueryLanguage.JSONATA);
  });

  test('grants and metrics delegate to the state machine', () => {
    const { stack } = setup();
    const workflow = new Workflow(stack, 'Orders', { definition: simpleFlow(stack) });
    const caller = new iam.Role(stack, 'Caller', { assumedBy: new iam.AccountRootPrincipal() });
    workflow.grantStartExecution(caller);
    workflow.grantTaskResponse(caller);
    workflow.grantExecution(caller, 'states:DescribeExecution');

    const smRef = { Ref: Match.stringLikeRegexp('^Orders') };
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Caller') }],
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          { Action: 'states:StartExecution', Effect: 'Allow', Resource: smRef },
          { Action: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'], Effect: 'Allow', Resource: smRef },
          { Action: 'states:DescribeExecution', Effect: 'Allow', Resource: Match.anyValue() },
        ],
      }),
    });
    const failed = workflow.metricFailed();
    expect(failed.metricName).toBe('ExecutionsFailed');
    expect(failed.namespace).toBe('AWS/States');
    expect(workflow.metricTimedOut().metricName).toBe('ExecutionsTimedOut');
    expect(workflow.metricThrottled().metricName).toBe('ExecutionThrottled');
    expect(workflow.metricAborted().metricName).toBe('ExecutionsAborted');
  });

  test('is an sfn.IStateMachine: a nested execution can start it', () => {
    const { stack } = setup();
    const child = new Workflow(stack, 'Child', { definition: simpleFlow(stack) });
    const parentFlow = new Flow(stack, 'Parent').addNext(new tasks.StepFunctionsStartExecution(stack, 'Run child', {
      stateMachine: child,
      integrationPattern: sfn.IntegrationPattern.REQUEST_RESPONSE,
    }));
    const parent = new Workflow(stack, 'ParentWorkflow', { definition: parentFlow });
    expect(Asl.of(parent).States['Run child'].Parameters.StateMachineArn).toBe('${Ref:Child}');
    expect(child).toBeInstanceOf(sfn.StateMachine);
  });

  test('accepts a plain aws-cdk-lib chain as the definition', () => {
    const { stack } = setup();
    const definition = new sfn.Pass(stack, 'A').next(new sfn.Succeed(stack, 'B'));
    const workflow = new Workflow(stack, 'Plain', { definition });
    expect(Asl.of(workflow).States).toEqual({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } });
  });

  test('fails without a definition (as from JavaScript)', () => {
    const { stack } = setup();
    expect(() => new Workflow(stack, 'W', {} as any)).toThrow(/\[SW001\] Test\/W: the Workflow has no definition\. Fix: pass a Flow/);
  });

  describe('validation at synth', () => {
    /** An activity task with a heartbeat and no task timeout (aws-cdk-lib's own task): its only issue is SW401. */
    function activityWithoutTimeout(stack: Stack): sfn.IChainable {
      return new tasks.StepFunctionsInvokeActivity(stack, 'Call', {
        activity: new sfn.Activity(stack, 'Review'),
        heartbeatTimeout: sfn.Timeout.duration(Duration.minutes(5)),
      });
    }

    test('a request-response call without a task timeout draws no warning: it cannot hang', () => {
      const { stack } = setup();
      const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:eu-west-1:111111111111:function:f');
      new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addStep('Call', LambdaSteps.invoke({ lambdaFunction: fn })) });
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW40[15]'));
    });

    test('fails the synth of an Express workflow with a callback step, naming the state', () => {
      const { app, stack } = setup();
      const queue = new sqs.Queue(stack, 'Approvals');
      const flow = new Flow(stack, 'Flow').addStep('Ask', SqsSteps.sendMessageWithCallback({
        queue: queue,
        messageBody: sfn.TaskInput.fromObject({ orderId: sfn.JsonPath.stringAt('$.orderId') }),
        taskTimeout: sfn.Timeout.duration(Duration.minutes(4)),
        heartbeat: Heartbeat.every(Duration.minutes(1)),
      }));
      new Workflow(stack, 'Fast', { definition: flow, workflowType: sfn.StateMachineType.EXPRESS });
      expect(() => app.synth()).toThrow(/\[Test\/Fast\] \[SW302\] state 'Ask': the state 'Ask' is a callback task \(sqs:sendMessage.waitForTaskToken\), which Express workflows do not support\..*Fix: Use a Standard workflow/);
    });

    test('a clean Standard workflow synthesizes and writes its report next to the template', () => {
      const { app, stack } = setup();
      new Workflow(stack, 'Orders', { definition: simpleFlow(stack) });
      const assembly = app.synth();
      const report = JSON.parse(fs.readFileSync(path.join(assembly.directory, 'Test.stepwise-report.json'), 'utf8'));
      expect(JSON.stringify(report)).toContain('Test/Orders');
    });

    test('warnings are acknowledgeable Annotations on the Workflow', () => {
      const { stack } = setup();
      new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addNext(activityWithoutTimeout(stack)) });
      // On the state machine resource, below the Workflow, so acknowledging on the Workflow works.
      Annotations.fromStack(stack).hasWarning('/Test/Orders/Resource', Match.stringLikeRegexp('\\[SW401\\].*state \'Call\''));
    });

    test('a warning acknowledged on the Workflow before synthesis is not reported, and the report says so', () => {
      const { app, stack } = setup();
      const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addNext(activityWithoutTimeout(stack)) });
      CdkAnnotations.of(workflow).acknowledgeWarning('cdk-stepwise:SW401', 'the workers give up after an hour themselves');
      const assembly = app.synth();
      Annotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW401'));
      const report = fs.readFileSync(path.join(assembly.directory, 'Test.stepwise-report.json'), 'utf8');
      expect(JSON.parse(report).stateMachines[0].findings).toEqual([expect.objectContaining({ code: 'SW401', acknowledged: true })]);
    });
  });

  test('with a customer managed key, the role may encrypt the state machine data and the log deliveries', () => {
    const { stack } = setup();
    const key = new kms.Key(stack, 'Key');
    new Workflow(stack, 'Orders', {
      definition: simpleFlow(stack),
      encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key),
    });
    const template = Template.fromStack(stack);
    const keyArn = { 'Fn::GetAtt': [stack.getLogicalId(key.node.defaultChild as kms.CfnKey), 'Arn'] };
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: 'kms:GenerateDataKey',
            Resource: keyArn,
            Condition: { StringEquals: { 'kms:EncryptionContext:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:eu-west-1:111111111111:*']] } } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Action: 'kms:Decrypt*', Principal: { Service: 'delivery.logs.amazonaws.com' } })]) },
    });
  });

  test('without logging, the role gets no log delivery actions', () => {
    const { stack } = setup();
    new Workflow(stack, 'Orders', { definition: simpleFlow(stack), logging: { level: sfn.LogLevel.OFF } });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 0);
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('logs:');
    expect(template.findResources('AWS::StepFunctions::StateMachine')).not.toHaveProperty(['*', 'Properties', 'LoggingConfiguration']);
  });

  test('the whole template (snapshot)', () => {
    const { stack } = setup();
    const email = new Flow(stack, 'Email').addPass('Send email');
    const flow = new Flow(stack, 'Flow').addPass('Start').addParallel('Notify', { branches: [email] }).addSucceed('Done');
    new Workflow(stack, 'Orders', { definition: flow });
    // From aws-cdk-lib 2.248 the role's trust policy also carries confused-deputy conditions
    // (asserted in 'owns a role trusted by states.amazonaws.com ...'): the snapshot is the same
    // on every version of the supported range without them.
    const template = Template.fromStack(stack).toJSON();
    for (const resource of Object.values<any>(template.Resources)) {
      for (const statement of resource.Properties?.AssumeRolePolicyDocument?.Statement ?? []) {
        delete statement.Condition;
      }
    }
    expect(template).toMatchSnapshot();
  });
});
