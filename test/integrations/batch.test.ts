import { Duration } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, machineWith, newStack, roleStatements, stateOf, RETRIERS } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { BatchSteps } from '../../src/integrations/batch';

const JOB = {
  jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/report:3',
  jobName: 'monthly-report',
  jobQueueArn: 'arn:aws:batch:us-east-1:123456789012:job-queue/reports',
};

const SUBMIT = {
  Action: 'batch:SubmitJob',
  Effect: 'Allow',
  Resource: [JOB.jobDefinitionArn, JOB.jobQueueArn],
};

describe('BatchSteps.submitJob', () => {
  test('grants SubmitJob on the named job definition: every revision when none is named, all when it is read from the input', () => {
    const submitResources = (jobDefinitionArn: string): unknown => {
      const stack = newStack();
      machineWith(stack, BatchSteps.submitJob({ ...JOB, jobDefinitionArn, taskTimeout: sfn.Timeout.duration(Duration.minutes(5)) }));
      return (roleStatements(stack) as any[]).find((s) => s.Action === 'batch:SubmitJob').Resource;
    };
    expect(submitResources('arn:aws:batch:us-east-1:123456789012:job-definition/report'))
      .toEqual(['arn:aws:batch:us-east-1:123456789012:job-definition/report:*', JOB.jobQueueArn]);
    expect(submitResources('$.jobDefinition')).toEqual([arn('batch:us-east-1:123456789012:job-definition/*'), JOB.jobQueueArn]);
  });

  test('submits the job; grants batch:SubmitJob only (no managed rule)', () => {
    const stack = newStack();
    const machine = machineWith(stack, BatchSteps.submitJob({
      ...JOB,
      payload: sfn.TaskInput.fromObject({ month: sfn.JsonPath.stringAt('$.month') }),
      taskTimeout: sfn.Timeout.duration(Duration.minutes(5)),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::batch:submitJob',
      Parameters: { JobDefinition: JOB.jobDefinitionArn, JobName: JOB.jobName, JobQueue: JOB.jobQueueArn, Parameters: { 'month.$': '$.month' } },
      TimeoutSeconds: 300,
      Retry: [RETRIERS.batchSubmitJob],
      End: true,
    });
    expectPolicy(stack, [SUBMIT]);
  });
});

describe('BatchSteps.submitJobAndWait', () => {
  test('runs the job to completion; grants polling, termination and the Batch managed rule', () => {
    const stack = newStack();
    const machine = machineWith(stack, BatchSteps.submitJobAndWait(JOB));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::batch:submitJob.sync',
      Parameters: { JobDefinition: JOB.jobDefinitionArn, JobName: JOB.jobName, JobQueue: JOB.jobQueueArn },
      Retry: [RETRIERS.batchSubmitJob],
      End: true,
    });
    expectPolicy(stack, [
      SUBMIT,
      { Action: 'batch:DescribeJobs', Effect: 'Allow', Resource: '*' },
      { Action: 'batch:TerminateJob', Effect: 'Allow', Resource: arn('batch:us-east-1:123456789012:job/*') },
      {
        Action: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
        Effect: 'Allow',
        Resource: arn('events:us-east-1:123456789012:rule/StepFunctionsGetEventsForBatchJobsRule'),
      },
    ]);
  });

  test('keeps the state timeout apart from Batch\'s attempt duration, and takes a heartbeat', () => {
    const stack = newStack();
    const machine = machineWith(stack, BatchSteps.submitJobAndWait({
      ...JOB,
      taskTimeout: sfn.Timeout.duration(Duration.hours(3)),
      attemptDuration: Duration.hours(1),
      heartbeat: Heartbeat.every(Duration.minutes(30)),
    }));
    const state = stateOf(machine);
    expect(state.TimeoutSeconds).toBe(10800);
    expect(state.HeartbeatSeconds).toBe(1800);
    expect(state.Parameters.Timeout).toEqual({ AttemptDurationSeconds: 3600 });
  });

  test('renders a JSONPath task timeout as TimeoutSecondsPath', () => {
    const stack = newStack();
    const machine = machineWith(stack, BatchSteps.submitJobAndWait({ ...JOB, taskTimeout: sfn.Timeout.at('$.timeout') }));
    expect(stateOf(machine).TimeoutSecondsPath).toBe('$.timeout');
    expect(stateOf(machine).Parameters.Timeout).toBeUndefined();
  });
});
