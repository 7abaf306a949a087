import { Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, machineWith, newStack, ref, stateOf, RETRIERS } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
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
