import { Template, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { LANGUAGES, newStack, workflowOf } from './helpers';
import { Asl, CatchPreset, FailurePath, Flow, Workflow } from '../../src';
import { codeInfo } from '../../src/core/codes';
import { LocalWorkflow, TaskMock } from '../../src/testing';

/** A workflow: Charge (a Lambda task) whose catcher goes to `path`. */
function chargeWorkflow(ql: sfn.QueryLanguage, pathProps: ConstructorParameters<typeof FailurePath>[2] = {}, catchProps = {}) {
  const stack = newStack();
  const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:charge');
  const path = new FailurePath(stack, 'Order failed', { queryLanguage: ql, ...pathProps });
  const flow = new Flow(stack, 'Orders', { queryLanguage: ql })
    .addNext(new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: fn, queryLanguage: ql, retryOnServiceExceptions: false }))
    .addCatch(path, CatchPreset.keepInput({ queryLanguage: ql, ...catchProps }))
    .addSucceed('Done');
  return { stack, path, workflow: workflowOf(stack, flow, ql) };
}

describe('CatchPreset.keepInput', () => {
  test('JSONPath: catches States.ALL and writes the error output to $.error', () => {
    const { workflow } = chargeWorkflow(sfn.QueryLanguage.JSON_PATH);
    expect(Asl.of(workflow).States.Charge.Catch).toEqual([{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Order failed' }]);
  });

  test('JSONata: merges the error output into the input with Output', () => {
    const { workflow } = chargeWorkflow(sfn.QueryLanguage.JSONATA);
    expect(Asl.of(workflow).States.Charge.Catch).toEqual([{
      ErrorEquals: ['States.ALL'],
      Output: "{% $type($states.input) = 'object' ? $merge([$states.input, {'error': $states.errorOutput}]) : {'input': $states.input, 'error': $states.errorOutput} %}",
      Next: 'Order failed',
    }]);
  });

  test('custom errors, field and variable (JSONPath)', () => {
    const stack = newStack();
    const task = new sfn.Parallel(stack, 'Work').branch(new sfn.Pass(stack, 'Inner'));
    task.addCatch(new sfn.Pass(stack, 'Handle'), CatchPreset.keepInput({ errors: ['Payment.Declined'], resultField: 'failure', errorVariable: 'lastError' }));
    expect(Asl.of(workflowOf(stack, task)).States.Work.Catch).toEqual([{
      ErrorEquals: ['Payment.Declined'],
      ResultPath: '$.failure',
      Assign: { 'lastError.$': '$' },
      Next: 'Handle',
    }]);
  });

  test('custom field and variable (JSONata)', () => {
    const props = CatchPreset.keepInput({ queryLanguage: sfn.QueryLanguage.JSONATA, resultField: 'failure', errorVariable: 'lastError' });
    expect(props.outputs).toContain("{'failure': $states.errorOutput}");
    expect(props.assign).toEqual({ lastError: '{% $states.errorOutput %}' });
  });

  describe.each(LANGUAGES)('%s, run locally', (_name, ql) => {
    test('keeps the original input and records Error and Cause', async () => {
      const { workflow } = chargeWorkflow(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.error('Payment.Declined', 'card expired') } });
      expect(run.entriesOf('Order failed')[0].input).toEqual({ orderId: 'o-1', error: { Error: 'Payment.Declined', Cause: 'card expired' } });
    });

    test('the error variable holds the error output', async () => {
      const { workflow } = chargeWorkflow(ql, {}, { errorVariable: 'lastError' });
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.error('Payment.Declined', 'card expired') } });
      expect(run.variables).toEqual({ lastError: { Error: 'Payment.Declined', Cause: 'card expired' } });
    });
  });

  test('JSONata: an input that is not an object is wrapped', async () => {
    const { workflow } = chargeWorkflow(sfn.QueryLanguage.JSONATA);
    const run = await LocalWorkflow.of(workflow).run({ input: 'o-1', mocks: { Charge: TaskMock.error('E', 'c') } });
    expect(run.entriesOf('Order failed')[0].input).toEqual({ input: 'o-1', error: { Error: 'E', Cause: 'c' } });
  });

  test('fails when the field or variable is not a plain name', () => {
    expect(() => CatchPreset.keepInput({ resultField: 'a.b' })).toThrow(/\[SW705\].*the resultField 'a.b' is not a plain field name/);
    expect(() => CatchPreset.keepInput({ errorVariable: 'states' })).toThrow(/\[SW705\].*the errorVariable 'states'/);
    expect(() => CatchPreset.jsonataKeepInputExpression('1x')).toThrow(/\[SW705\]/);
  });

  test('fails on invalid error names', () => {
    expect(() => CatchPreset.keepInput({ errors: ['States.ALL', 'X'] })).toThrow(/\[SW702\].*States.ALL must be the only error/);
  });
});

describe('FailurePath', () => {
  describe.each(LANGUAGES)('%s', (_name, ql) => {
    const props = (stack: any) => ({ deadLetterQueue: new sqs.Queue(stack, 'Dlq'), topic: new sns.Topic(stack, 'Alerts') });

    test('sends the item to the queue, notifies, then fails with the original error and cause', async () => {
      const stack = newStack();
      const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:charge');
      const path = new FailurePath(stack, 'Order failed', { queryLanguage: ql, ...props(stack) });
      const charge = new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: fn, queryLanguage: ql, retryOnServiceExceptions: false });
      charge.addCatch(path, CatchPreset.keepInput({ queryLanguage: ql }));
      const workflow = workflowOf(stack, charge, ql);

      const sent: unknown[] = [];
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: {
          'Charge': TaskMock.error('Payment.Declined', 'card expired'),
          'Order failed: to dead-letter queue': TaskMock.fn((input) => {
            sent.push(input); return { MessageId: 'm-1' };
          }),
          'Order failed: notify': TaskMock.fn((input) => {
            sent.push(input); return { MessageId: 'n-1' };
          }),
        },
      });

      expect(run).toMatchObject({ status: 'FAILED', error: 'Payment.Declined', cause: 'card expired' });
      expect(run.path).toEqual(['Charge', 'Order failed: to dead-letter queue', 'Order failed: notify', 'Order failed']);
      const item = { orderId: 'o-1', error: { Error: 'Payment.Declined', Cause: 'card expired' } };
      expect(sent[0]).toMatchObject({ QueueUrl: expect.any(String), MessageBody: { executionId: expect.stringContaining(':execution:'), input: item } });
      expect(sent[1]).toMatchObject({ Subject: 'Step Functions execution failed', Message: { error: 'Payment.Declined', cause: 'card expired' } });
    });

    test('a queue that keeps failing is retried, then skipped: the original error still fails the execution', async () => {
      const stack = newStack();
      const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:charge');
      const path = new FailurePath(stack, 'Order failed', { queryLanguage: ql, ...props(stack) });
      const charge = new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: fn, queryLanguage: ql, retryOnServiceExceptions: false });
      charge.addCatch(path, CatchPreset.keepInput({ queryLanguage: ql }));
      const run = await LocalWorkflow.of(workflowOf(stack, charge, ql)).run({
        input: { orderId: 'o-1' },
        mocks: {
          'Charge': TaskMock.error('Payment.Declined', 'card expired'),
          'Order failed: to dead-letter queue': TaskMock.error('SQS.AmazonSQSException', 'queue gone'),
          'Order failed: notify': TaskMock.result({}),
        },
      });
      expect(run).toMatchObject({ status: 'FAILED', error: 'Payment.Declined', cause: 'card expired' });
      expect(run.attemptsOf('Order failed: to dead-letter queue')).toBe(4);
      expect(run.path).toContain('Order failed: notify');
    });

    test('an error without a cause fails with an empty cause, not a runtime error', async () => {
      const { workflow } = chargeWorkflow(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.error('Payment.Declined') } });
      expect(run).toMatchObject({ status: 'FAILED', error: 'Payment.Declined', cause: '' });
    });

    test('with error set: fails with that error, the original error and cause in the cause', async () => {
      const { workflow } = chargeWorkflow(ql, { error: 'OrderFailed' });
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.error('Payment.Declined', 'card expired') } });
      expect(run).toMatchObject({ status: 'FAILED', error: 'OrderFailed', cause: 'Payment.Declined: card expired' });
    });

    test('with error and cause set: fails with both as given', async () => {
      const { workflow } = chargeWorkflow(ql, { error: 'OrderFailed', cause: 'see the dead-letter queue' });
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { Charge: TaskMock.error('Payment.Declined', 'card expired') } });
      expect(run).toMatchObject({ status: 'FAILED', error: 'OrderFailed', cause: 'see the dead-letter queue' });
    });
  });

  test('without a queue or topic it is just the Fail state', () => {
    const { workflow, path } = chargeWorkflow(sfn.QueryLanguage.JSON_PATH);
    expect(path.deadLetterTask).toBeUndefined();
    expect(path.notifyTask).toBeUndefined();
    expect(path.startState).toBe(path.failState);
    expect(Asl.of(workflow).States['Order failed']).toEqual({
      Type: 'Fail',
      QueryLanguage: 'JSONata',
      Error: '{% $states.input.error.Error %}',
      Cause: "{% ($exists($states.input.error.Cause) ? $states.input.error.Cause : '') %}",
    });
  });

  test('grants the state machine exactly sqs:SendMessage and sns:Publish on the queue and topic', () => {
    const stack = newStack();
    const dlq = new sqs.Queue(stack, 'Dlq');
    const topic = new sns.Topic(stack, 'Alerts');
    const path = new FailurePath(stack, 'Failed', { deadLetterQueue: dlq, topic });
    const task = new sfn.Pass(stack, 'Start').next(new sfn.Parallel(stack, 'Work').branch(new sfn.Pass(stack, 'Inner')).addCatch(path, CatchPreset.keepInput()));
    workflowOf(stack, task);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [stack.getLogicalId(dlq.node.defaultChild as any), 'Arn'] } },
          { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: stack.getLogicalId(topic.node.defaultChild as any) } },
          Match.objectLike({ Action: Match.arrayWith(['xray:PutTraceSegments']) }),
          Match.objectLike({ Action: Match.arrayWith(['logs:CreateLogDelivery']) }),
        ],
      }),
    });
  });

  test('names its states after the prefix', () => {
    const stack = newStack();
    const path = new FailurePath(stack, 'P', { stateNamePrefix: 'Refund failed', deadLetterQueue: new sqs.Queue(stack, 'Q') });
    expect(path.failState.stateId).toBe('Refund failed');
    expect(path.deadLetterTask!.stateId).toBe('Refund failed: to dead-letter queue');
  });

  test('its sends have a task timeout, so a hung queue or topic cannot hold the original error', () => {
    const stack = newStack();
    const path = new FailurePath(stack, 'P', { deadLetterQueue: new sqs.Queue(stack, 'Q'), topic: new sns.Topic(stack, 'T') });
    const asl = Asl.of(new Workflow(stack, 'W', { definition: path }));
    expect(asl.States['P: to dead-letter queue'].TimeoutSeconds).toBe(60);
    expect(asl.States['P: notify'].TimeoutSeconds).toBe(60);
  });

  test('fails when the error name is reserved or empty', () => {
    const stack = newStack();
    expect(() => new FailurePath(stack, 'A', { error: 'States.MyError' })).toThrow(/\[SW705\].*error name 'States.MyError' is reserved/);
    expect(() => new FailurePath(stack, 'B', { error: '' })).toThrow(/\[SW705\].*is empty/);
  });

  test('fails when a state name would be over 80 characters', () => {
    const stack = newStack();
    expect(() => new FailurePath(stack, 'C', { stateNamePrefix: 'x'.repeat(75), topic: new sns.Topic(stack, 'T') })).toThrow(/\[SW705\].*state name 'x+: notify' has 83 characters/);
    expect(() => new FailurePath(stack, 'D', { stateNamePrefix: 'x'.repeat(81) })).toThrow(/\[SW705\].*has 81 characters.*Limit: 1 to 80 characters/);
  });

  test('fails when the result field is not a plain name', () => {
    expect(() => new FailurePath(newStack(), 'E', { resultField: '$.error' })).toThrow(/\[SW705\].*resultField '\$.error'/);
  });

  test('fails clearly (SW010) when a path without a query language is used in a JSONata workflow', () => {
    const stack = newStack();
    const path = new FailurePath(stack, 'Failed', { deadLetterQueue: new sqs.Queue(stack, 'Q') });
    const work = sfn.Parallel.jsonata(stack, 'Work').branch(sfn.Pass.jsonata(stack, 'Inner'));
    work.addCatch(path, CatchPreset.keepInput({ queryLanguage: sfn.QueryLanguage.JSONATA }));
    expect(() => new Workflow(stack, 'W', { definition: work, queryLanguage: sfn.QueryLanguage.JSONATA }))
      .toThrow(/\[SW010\].*the state Stack\/Failed\/DeadLetter asks for JSONPath/);
  });

  test('the code is registered', () => {
    expect(codeInfo('SW705').title).toBe('Invalid failure path');
  });
});
