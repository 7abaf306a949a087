import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Asl } from '../../src/core/asl/asl';
import { Heartbeat } from '../../src/core/heartbeat';
import { Flow } from '../../src/flow/flow';
import { ActivityStep, ActivitySteps, WorkerActivity } from '../../src/integrations/activity';
import { Validator } from '../../src/validation/validator';

function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** The rendered state named `name` of a state machine whose definition is the step alone. */
interface RenderOptions {
  readonly queryLanguage?: sfn.QueryLanguage;
  readonly machineQueryLanguage?: sfn.QueryLanguage;
}

function renderStep(step: ActivityStep, options: RenderOptions = {}): Record<string, any> {
  const stack = newStack();
  const chainable = step.bind(stack, 'Resize', { stateName: 'Resize', queryLanguage: options.queryLanguage });
  const machine = new sfn.StateMachine(stack, 'Machine', {
    definitionBody: sfn.DefinitionBody.fromChainable(chainable),
    queryLanguage: options.machineQueryLanguage,
  });
  return Asl.of(machine).States.Resize;
}

const times = { heartbeat: Heartbeat.every(Duration.seconds(30)), taskTimeout: sfn.Timeout.duration(Duration.minutes(10)) };

describe('ActivitySteps.invoke', () => {
  test('renders a Task on the activity ARN with HeartbeatSeconds and TimeoutSeconds (JSONPath)', () => {
    // GIVEN an imported activity
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');

    // WHEN the step is bound
    const state = renderStep(ActivitySteps.invoke({
      activity: activity,
      ...times,
      input: sfn.TaskInput.fromObject({ 'bucket.$': '$.bucket', 'size': 512 }),
      resultPath: '$.resized',
    }), { queryLanguage: sfn.QueryLanguage.JSON_PATH });

    // THEN
    expect(state).toEqual({
      Type: 'Task',
      Resource: 'arn:aws:states:us-east-1:123456789012:activity:resize',
      HeartbeatSeconds: 30,
      TimeoutSeconds: 600,
      Parameters: { 'bucket.$': '$.bucket', 'size': 512 },
      ResultPath: '$.resized',
      End: true,
    });
  });

  test('renders Arguments and Output in a JSONata state', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const state = renderStep(ActivitySteps.invoke({
      activity: activity,
      ...times,
      input: sfn.TaskInput.fromText('{% $states.input.image %}'),
      outputs: { url: '{% $states.result.url %}' },
    }), { queryLanguage: sfn.QueryLanguage.JSONATA });
    expect(state).toMatchObject({
      QueryLanguage: 'JSONata',
      Arguments: '{% $states.input.image %}',
      Output: { url: '{% $states.result.url %}' },
      HeartbeatSeconds: 30,
      TimeoutSeconds: 600,
    });
  });

  test('an object input inherits the state machine\'s language: Arguments in a JSONata machine', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const state = renderStep(ActivitySteps.invoke({ activity: activity, ...times, input: sfn.TaskInput.fromObject({ image: '{% $states.input.key %}' }) }),
      { machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(state.Arguments).toEqual({ image: '{% $states.input.key %}' });
    expect(state.Parameters).toBeUndefined();
  });

  test('without input, the worker receives the state input (no Parameters)', () => {
    const stack = newStack();
    const activity = new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
    const state = renderStep(ActivitySteps.invoke({ activity: activity, ...times }));
    expect(state.Parameters).toBeUndefined();
    expect(state.Arguments).toBeUndefined();
  });

  test('fails when the heartbeat is not below the task timeout (SW213, as on every step and in validation)', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const tenMinutes = Duration.minutes(10);
    const step = ActivitySteps.invoke({ activity, heartbeat: Heartbeat.every(tenMinutes), taskTimeout: sfn.Timeout.duration(tenMinutes) });
    expect(() => step.bind(stack, 'Resize', { stateName: 'Resize' })).toThrow(
      /\[SW213\] Stack\/Resize, state 'Resize': the heartbeat is not shorter than the task timeout.*Limit: heartbeat below the task timeout \(600 seconds\)\. Found: heartbeat of 600 seconds\. Fix: make the heartbeat shorter/);
  });

  test.each([
    ['taskTimeout', { heartbeat: Heartbeat.every(Duration.seconds(1)), taskTimeout: sfn.Timeout.duration(Duration.seconds(100_000_000)) },
      /the step's taskTimeout is 100000000 seconds.*Limit: a whole number of seconds from 1 to 99,999,999 seconds\. Found: 100000000 seconds/],
    ['heartbeat', { heartbeat: Heartbeat.every(Duration.seconds(0)), taskTimeout: sfn.Timeout.duration(Duration.minutes(1)) }, /the step's heartbeat is 0 seconds/],
  ])('fails when the %s is out of range (SW214, as on every step and in validation)', (_prop, props, message) => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    expect(() => ActivitySteps.invoke({ activity, ...props }).bind(stack, 'Resize', { stateName: 'Resize' })).toThrow(/\[SW214\]/);
    expect(() => ActivitySteps.invoke({ activity, ...props }).bind(stack, 'Resize', { stateName: 'Resize' })).toThrow(message);
  });

  test('takes the heartbeat and timeout from the state input (HeartbeatSecondsPath, TimeoutSecondsPath)', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const state = renderStep(ActivitySteps.invoke({ activity, heartbeat: Heartbeat.at('$.beat'), taskTimeout: sfn.Timeout.at('$.timeout') }),
      { queryLanguage: sfn.QueryLanguage.JSON_PATH });
    expect(state).toMatchObject({ HeartbeatSecondsPath: '$.beat', TimeoutSecondsPath: '$.timeout' });
    expect(state.HeartbeatSeconds).toBeUndefined();
  });

  test('Heartbeat.none() leaves HeartbeatSeconds out, and validation warns once (SW402)', () => {
    const stack = newStack();
    const activity = new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
    const flow = new Flow(stack, 'Flow').addStep('Resize', ActivitySteps.invoke({ activity, heartbeat: Heartbeat.none(), taskTimeout: times.taskTimeout }));
    const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(flow) });
    expect(Validator.validateStateMachine(machine).filter((f) => f.statePath === 'Resize').map((f) => f.code)).toEqual(['SW402']);
  });

  test('fails when a JSONPath step gets a text or path input (SW604), and accepts an object', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const bind = (input: sfn.TaskInput, id: string) => ActivitySteps.invoke({ activity: activity, ...times, input })
      .bind(stack, id, { stateName: id, queryLanguage: sfn.QueryLanguage.JSON_PATH });
    expect(() => bind(sfn.TaskInput.fromText('hello'), 'A1')).toThrow(/\[SW604\].*input is a text/);
    expect(() => bind(sfn.TaskInput.fromJsonPathAt('$.image'), 'A2')).toThrow(/\[SW604\].*input is a JSON path.*Fix: pass TaskInput.fromObject/);
    expect(() => bind(sfn.TaskInput.fromObject({ a: 1 }), 'A3')).not.toThrow();
  });

  test('fails when a JSONata step has JSONPath options (SW508, shared with the integrations)', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    expect(() => ActivitySteps.invoke({ activity: activity, ...times, resultPath: '$.x' })
      .bind(stack, 'Resize', { stateName: 'Resize', queryLanguage: sfn.QueryLanguage.JSONATA })).toThrow(/\[SW508\].*resultPath/);
  });

  test('fails when an imported activity\'s name breaks the naming quota (SW602)', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize images');
    expect(() => ActivitySteps.invoke({ activity: activity, ...times }).bind(stack, 'Resize', { stateName: 'Resize' }))
      .toThrow(/\[SW602\].*the activity name 'resize images' contains ' ', a character Step Functions rejects/);
  });
});

describe('WorkerActivity', () => {
  test.each([
    ['a'.repeat(81), /is 81 characters long\. Limit: 1 to 80 characters/],
    ['orders/resize', /contains '\/'/],
    ['orders:resize', /contains ':'/],
    ['tab\there', /contains ' '/],
    ['', /is empty/],
  ])('fails when the name is %j (SW602)', (name, message) => {
    const stack = newStack();
    expect(() => new WorkerActivity(stack, 'Activity', { activityName: name })).toThrow(/\[SW602\] Stack\/Activity: the activity name/);
    expect(() => new WorkerActivity(stack, 'Activity2', { activityName: name })).toThrow(message);
  });

  test('accepts an 80-character name, a name with - and _, and a generated name', () => {
    const stack = newStack();
    expect(() => new WorkerActivity(stack, 'A1', { activityName: 'a'.repeat(80) })).not.toThrow();
    expect(() => new WorkerActivity(stack, 'A2', { activityName: 'resize-images_v2' })).not.toThrow();
    expect(() => new WorkerActivity(stack, 'A3')).not.toThrow();
    Template.fromStack(stack).resourceCountIs('AWS::StepFunctions::Activity', 3);
  });

  test('grantWorker gives exactly GetActivityTask and SendTask* on the activity, nothing else', () => {
    // GIVEN
    const stack = newStack();
    const activity = new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
    const role = new iam.Role(stack, 'WorkerRole', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });

    // WHEN
    activity.grantWorker(role);

    // THEN
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['states:GetActivityTask', 'states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          Resource: { Ref: Match.stringLikeRegexp('^Activity') },
        }],
      }),
    });
  });

  test('grantWorkerAccess on an imported activity scopes the grant to its ARN', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const role = new iam.Role(stack, 'WorkerRole', { assumedBy: new iam.AccountRootPrincipal() });
    WorkerActivity.grantWorkerAccess(activity, role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['states:GetActivityTask', 'states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          Resource: 'arn:aws:states:us-east-1:123456789012:activity:resize',
        }],
      }),
    });
  });

  test('grantWorker adds kms:Decrypt on the activity\'s customer managed key', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Key');
    const activity = new WorkerActivity(stack, 'Activity', { encryptionConfiguration: new sfn.CustomerManagedEncryptionConfiguration(key) });
    const role = new iam.Role(stack, 'WorkerRole', { assumedBy: new iam.AccountRootPrincipal() });
    activity.grantWorker(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'kms:Decrypt', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Key'), 'Arn'] } }),
        ]),
      },
    });
  });

  test('metricBacklog is ActivitiesScheduled - ActivitiesStarted for the activity', () => {
    const stack = newStack();
    const activity = sfn.Activity.fromActivityArn(stack, 'A', 'arn:aws:states:us-east-1:123456789012:activity:resize');
    const backlog = WorkerActivity.backlogOf(activity);
    expect(backlog.expression).toBe('FILL(scheduled, 0) - FILL(started, 0)');
    const metrics = backlog.usingMetrics as Record<string, any>;
    expect(metrics.scheduled.metricName).toBe('ActivitiesScheduled');
    expect(metrics.started.metricName).toBe('ActivitiesStarted');
    expect(metrics.started.dimensions).toEqual({ ActivityArn: 'arn:aws:states:us-east-1:123456789012:activity:resize' });
    expect(backlog.period.toSeconds()).toBe(60);
  });
});
