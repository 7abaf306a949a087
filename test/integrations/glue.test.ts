import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, machineWith, newStack, stateOf, RETRIERS } from './helpers';
import { GlueSteps } from '../../src/integrations/glue';

const JOB_ARN = arn('glue:us-east-1:123456789012:job/nightly-etl');

describe('GlueSteps.startJobRun', () => {
  test('starts the job run and grants glue:StartJobRun on the job', () => {
    const stack = newStack();
    const machine = machineWith(stack, GlueSteps.startJobRun({
      jobName: 'nightly-etl',
      jobArguments: sfn.TaskInput.fromObject({ '--day': sfn.JsonPath.stringAt('$.day') }),
      taskTimeout: sfn.Timeout.duration(Duration.minutes(1)),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::glue:startJobRun',
      Parameters: { JobName: 'nightly-etl', Arguments: { '--day.$': '$.day' } },
      TimeoutSeconds: 60,
      Retry: [RETRIERS.glueStartJobRun],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'glue:StartJobRun', Effect: 'Allow', Resource: JOB_ARN }]);
  });
});

describe('GlueSteps.startJobRunAndWait', () => {
  test('runs the job to completion; grants polling and stopping on the job (no managed rule)', () => {
    const stack = newStack();
    const machine = machineWith(stack, GlueSteps.startJobRunAndWait({
      jobName: 'nightly-etl',
      taskTimeout: sfn.Timeout.duration(Duration.hours(2)),
      jobTimeout: Duration.minutes(90),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::glue:startJobRun.sync',
      Parameters: { JobName: 'nightly-etl', Timeout: 90 },
      TimeoutSeconds: 7200,
      Retry: [RETRIERS.glueStartJobRun],
      End: true,
    });
    expectPolicy(stack, [{
      Action: ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun'],
      Effect: 'Allow',
      Resource: JOB_ARN,
    }]);
  });

  test('JSONata: a JSONata task timeout is the state\'s, not the run\'s', () => {
    const stack = newStack();
    const machine = machineWith(stack, GlueSteps.startJobRunAndWait({ jobName: 'nightly-etl', taskTimeout: sfn.Timeout.jsonata('{% $states.input.timeout %}') }), {
      queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA,
    });
    const state = stateOf(machine);
    expect(state.TimeoutSeconds).toBe('{% $states.input.timeout %}');
    expect(state.Arguments).toEqual({ JobName: 'nightly-etl' });
  });
});
