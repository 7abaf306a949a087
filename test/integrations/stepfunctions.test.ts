import { Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, getAtt, logicalId, machineWith, newStack, ref, stateOf, RETRIERS } from './helpers';
import { Workflow, WorkflowAlias } from '../../src';
import { Heartbeat } from '../../src/core/heartbeat';
import { Flow } from '../../src/flow/flow';
import { StepFunctionsSteps } from '../../src/integrations/stepfunctions';

function child(stack: Stack): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
}

function startStatement(c: sfn.StateMachine): unknown {
  return { Action: 'states:StartExecution', Effect: 'Allow', Resource: ref(c) };
}

function runJobStatements(c: sfn.StateMachine): unknown[] {
  return [
    startStatement(c),
    {
      Action: ['states:DescribeExecution', 'states:StopExecution'],
      Effect: 'Allow',
      // execution:<name>:* — the executions of this state machine only.
      Resource: {
        'Fn::Join': ['', [
          'arn:', { Ref: 'AWS::Partition' }, ':states:us-east-1:123456789012:execution:',
          { 'Fn::Select': [6, { 'Fn::Split': [':', ref(c)] }] }, ':*',
        ]],
      },
    },
    {
      Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
      Effect: 'Allow',
      Resource: arn('events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'),
    },
  ];
}

describe('StepFunctionsSteps.startExecution', () => {
  test('starts the execution and grants states:StartExecution on the state machine', () => {
    const stack = newStack();
    const c = child(stack);
    const machine = machineWith(stack, StepFunctionsSteps.startExecution({ stateMachine: c, input: sfn.TaskInput.fromJsonPathAt('$.order'), name: 'order-1' }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::states:startExecution',
      Parameters: { 'Input.$': '$.order', 'StateMachineArn': '${Ref:Child}', 'Name': 'order-1' },
      Retry: [RETRIERS.stepFunctionsStartExecution],
      End: true,
    });
    expectPolicy(stack, [startStatement(c)]);
  });
});

describe('StepFunctionsSteps.startExecutionAndWait', () => {
  test('runs the child with .sync:2 (output as JSON); grants polling, stopping and the managed rule', () => {
    const stack = newStack();
    const c = child(stack);
    const machine = machineWith(stack, StepFunctionsSteps.startExecutionAndWait({
      stateMachine: c,
      input: sfn.TaskInput.fromObject({ id: sfn.JsonPath.stringAt('$.id') }),
      associateWithParent: true,
      taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::states:startExecution.sync:2',
      Parameters: {
        Input: { 'id.$': '$.id', 'AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$': '$$.Execution.Id' },
        StateMachineArn: '${Ref:Child}',
      },
      TimeoutSeconds: 3600,
      Retry: [RETRIERS.stepFunctionsStartExecution],
      End: true,
    });
    expectPolicy(stack, runJobStatements(c));
  });
});

describe('StepFunctionsSteps.startExecutionAndWaitForOutputString', () => {
  test('runs the child with .sync (output as a JSON string), with the same permissions', () => {
    const stack = newStack();
    const c = child(stack);
    const step = StepFunctionsSteps.startExecutionAndWaitForOutputString({ stateMachine: c, heartbeat: Heartbeat.every(Duration.minutes(5)) });
    const machine = machineWith(stack, step);
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::states:startExecution.sync',
      Parameters: { 'Input.$': '$', 'StateMachineArn': '${Ref:Child}' },
      HeartbeatSeconds: 300,
      Retry: [RETRIERS.stepFunctionsStartExecution],
      End: true,
    });
    expectPolicy(stack, runJobStatements(c));
  });
});

describe('StepFunctionsSteps.startExecutionWithCallback', () => {
  test('starts the child with the task token in its input and waits for the callback', () => {
    const stack = newStack();
    const c = child(stack);
    const machine = machineWith(stack, StepFunctionsSteps.startExecutionWithCallback({
      stateMachine: c,
      taskTimeout: sfn.Timeout.duration(Duration.days(7)),
      heartbeat: Heartbeat.every(Duration.hours(1)),
      input: sfn.TaskInput.fromObject({ id: sfn.JsonPath.stringAt('$.id') }),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::states:startExecution.waitForTaskToken',
      Parameters: { Input: { 'id.$': '$.id', 'taskToken.$': '$$.Task.Token' }, StateMachineArn: '${Ref:Child}' },
      TimeoutSeconds: 604800,
      HeartbeatSeconds: 3600,
      Retry: [RETRIERS.stepFunctionsStartExecution],
      End: true,
    });
    expectPolicy(stack, [startStatement(c)]);
  });

  test('JSONata: the token and the parent link are JSONata expressions', () => {
    const stack = newStack();
    const c = child(stack);
    const machine = machineWith(stack, StepFunctionsSteps.startExecutionWithCallback({
      stateMachine: c,
      taskTimeout: sfn.Timeout.duration(Duration.days(1)),
      heartbeat: Heartbeat.every(Duration.hours(1)),
      input: sfn.TaskInput.fromObject({ id: '{% $states.input.id %}' }),
      associateWithParent: true,
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(stateOf(machine).Arguments.Input).toEqual({
      id: '{% $states.input.id %}',
      taskToken: '{% $states.context.Task.Token %}',
      AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID: '{% $states.context.Execution.Id %}',
    });
  });
});

describe('nested executions pinned to a version or an alias (aws-cdk #26532)', () => {
  function childWorkflow(stack: Stack): Workflow {
    return new Workflow(stack, 'ChildWorkflow', { definition: new sfn.Pass(stack, 'ChildNoop') });
  }

  // https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html: the unqualified
  // ARN, narrowed with states:StateMachineQualifier (not the alias ARN: aws-cdk #30265).
  function pinnedStart(c: Workflow, qualifier: unknown): unknown {
    return {
      Action: 'states:StartExecution',
      Effect: 'Allow',
      Resource: ref(c),
      Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': [qualifier] } },
    };
  }

  test('request-response through an alias: the alias ARN in the definition, StartExecution on the unqualified ARN for that alias only', () => {
    const stack = newStack();
    const c = childWorkflow(stack);
    const live = c.addAlias('live');
    const machine = machineWith(stack, StepFunctionsSteps.startExecution({ stateMachine: live }));
    expect(stateOf(machine).Parameters.StateMachineArn).toEqual(`\${GetAtt:${live.node.path.split('/').slice(1).join('')}.Arn}`);
    expectPolicy(stack, [pinnedStart(c, 'live')]);
  });

  test('.sync:2 through an alias: describe and stop on the child\'s executions (execution ARNs carry no qualifier), the managed rule', () => {
    const stack = newStack();
    const c = childWorkflow(stack);
    const live = c.addAlias('live');
    machineWith(stack, StepFunctionsSteps.startExecutionAndWait({ stateMachine: live }));
    const [, describe, rule] = runJobStatements(c as unknown as sfn.StateMachine);
    expectPolicy(stack, [pinnedStart(c, 'live'), describe, rule]);
  });

  test('.sync through a version: the version number (from its ARN) is the qualifier', () => {
    const stack = newStack();
    const c = childWorkflow(stack);
    const version = c.currentVersion;
    const machine = machineWith(stack, StepFunctionsSteps.startExecutionAndWaitForOutputString({ stateMachine: version }));
    expect(stateOf(machine).Resource).toEqual('arn:${AWS::Partition}:states:::states:startExecution.sync');
    const versionNumber = { 'Fn::Select': [7, { 'Fn::Split': [':', getAtt(version, 'Arn')] }] };
    const [, describe, rule] = runJobStatements(c as unknown as sfn.StateMachine);
    expectPolicy(stack, [pinnedStart(c, versionNumber), describe, rule]);
  });

  test('callback through an imported alias ARN: the state machine ARN and the alias name are read from it', () => {
    const stack = newStack();
    const prod = WorkflowAlias.fromAliasArn(stack, 'Prod', 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:prod');
    const machine = machineWith(stack, StepFunctionsSteps.startExecutionWithCallback({
      stateMachine: prod,
      taskTimeout: sfn.Timeout.duration(Duration.hours(1)),
      heartbeat: Heartbeat.every(Duration.minutes(10)),
    }));
    expect(stateOf(machine).Parameters.StateMachineArn).toEqual('arn:aws:states:us-east-1:123456789012:stateMachine:Orders:prod');
    expectPolicy(stack, [{
      Action: 'states:StartExecution',
      Effect: 'Allow',
      Resource: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders',
      Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['prod'] } },
    }]);
  });

  test('an aws-cdk-lib state machine imported with a qualified ARN is treated as the alias it names', () => {
    const stack = newStack();
    const imported = sfn.StateMachine.fromStateMachineArn(stack, 'Imported', 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders:7');
    machineWith(stack, StepFunctionsSteps.startExecutionAndWait({ stateMachine: imported }));
    expectPolicy(stack, [
      {
        Action: 'states:StartExecution',
        Effect: 'Allow',
        Resource: 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders',
        Condition: { 'ForAnyValue:StringEquals': { 'states:StateMachineQualifier': ['7'] } },
      },
      { Action: ['states:DescribeExecution', 'states:StopExecution'], Effect: 'Allow', Resource: arn('states:us-east-1:123456789012:execution:Orders:*') },
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        Resource: arn('events:us-east-1:123456789012:rule/StepFunctionsGetEventsForStepFunctionsExecutionRule'),
      },
    ]);
  });

  test('a published parent that starts a child version may start any version or alias of the child, so in-flight executions keep working', () => {
    const stack = newStack();
    const c = childWorkflow(stack);
    const parent = new Workflow(stack, 'Parent', {
      definition: new Flow(stack, 'ParentFlow').addStep('Start', StepFunctionsSteps.startExecution({ stateMachine: c.currentVersion })),
    });
    parent.currentVersion;
    const statements = Template.fromStack(stack).findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: logicalId(parent.role) }] },
    });
    const all = Object.values(statements).flatMap((p: any) => p.Properties.PolicyDocument.Statement);
    expect(all).toContainEqual({
      Action: 'states:StartExecution',
      Effect: 'Allow',
      Resource: ref(c),
      Condition: { Null: { 'states:StateMachineQualifier': 'false' } },
    });
  });
});
