import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LANGUAGES, newStack, workflowOf } from './helpers';
import { Asl, Flow, LambdaSteps, PollUntilDone, PollUntilDoneProps, RetryPreset, Step, Validator, Workflow } from '../../src';
import { codeInfo } from '../../src/core/codes';
import { stateFactsByName } from '../../src/core/state-facts';
import { LocalWorkflow, TaskMock } from '../../src/testing';

/** A status check that keeps its input and puts the status in `status`. */
function statusCheck(stack: Stack, ql: sfn.QueryLanguage, retried = false): Step {
  const fn = lambda.Function.fromFunctionArn(stack, 'Status', 'arn:aws:lambda:us-east-1:123456789012:function:status');
  return LambdaSteps.invoke({
    lambdaFunction: fn,
    payloadResponseOnly: true,
    retries: retried ? [RetryPreset.lambdaServiceErrors()] : [],
    ...(ql === sfn.QueryLanguage.JSONATA ? { outputs: "{% $merge([$states.input, {'status': $states.result}]) %}" } : { resultPath: '$.status' }),
  });
}

function conditions(ql: sfn.QueryLanguage) {
  return ql === sfn.QueryLanguage.JSONATA
    ? { isDone: sfn.Condition.jsonata("{% $states.input.status.state = 'DONE' %}"), isFailed: sfn.Condition.jsonata("{% $states.input.status.state = 'ERROR' %}") }
    : { isDone: sfn.Condition.stringEquals('$.status.state', 'DONE'), isFailed: sfn.Condition.stringEquals('$.status.state', 'ERROR') };
}

function jsonPathProps(stack: Stack, maxAttempts: number): PollUntilDoneProps {
  return { check: statusCheck(stack, sfn.QueryLanguage.JSON_PATH), ...conditions(sfn.QueryLanguage.JSON_PATH), maxAttempts };
}

function exportWorkflow(ql: sfn.QueryLanguage, props: Partial<PollUntilDoneProps> = {}) {
  const stack = newStack();
  const poll = new PollUntilDone({ check: statusCheck(stack, ql), ...conditions(ql), maxAttempts: 5, interval: Duration.seconds(10), ...props });
  const flow = new Flow(stack, 'Export', { queryLanguage: ql }).addStep('Wait for export', poll).addSucceed('Exported');
  return { poll, stack, workflow: workflowOf(stack, flow, ql) };
}

/** The loop bound a PollUntilDone recorded for validation, once bound into `stack`. */
function recordedBound(stack: Stack) {
  const bounds = [...stateFactsByName(stack.node.findAll()).values()].map((f) => f.loopBound).filter((b) => b !== undefined);
  expect(bounds).toHaveLength(1);
  return bounds[0]!;
}

const running = { state: 'RUNNING' };
const CHECK = 'Wait for export: check';

describe('PollUntilDone', () => {
  describe.each(LANGUAGES)('%s, run locally', (_name, ql) => {
    test('succeeds on the check that reports done, waiting with backoff before each check', async () => {
      const { workflow } = exportWorkflow(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { exportId: 'e-1' }, mocks: { [CHECK]: TaskMock.results(running, running, { state: 'DONE' }) } });
      expect(run.status).toBe('SUCCEEDED');
      expect(run.attemptsOf(CHECK)).toBe(3);
      expect(run.states.filter((s) => s.type === 'Wait').map((s) => s.waitSeconds)).toEqual([10, 15, 23]);
      expect(run.path.slice(-2)).toEqual(['Wait for export: done', 'Exported']);
      expect(run.output).toEqual({ exportId: 'e-1', status: { state: 'DONE' } });
    });

    test('runs out of attempts: fails with a clear error after exactly maxAttempts checks', async () => {
      const { workflow } = exportWorkflow(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { exportId: 'e-1' }, mocks: { [CHECK]: TaskMock.result(running) } });
      expect(run.attemptsOf(CHECK)).toBe(5);
      expect(run.states.filter((s) => s.type === 'Wait').map((s) => s.waitSeconds)).toEqual([10, 15, 23, 34, 51]);
      expect(run).toMatchObject({ status: 'FAILED', error: 'PollUntilDone.MaxAttemptsReached' });
      expect(run.cause).toBe('Wait for export: not done after 5 checks (at most 133 seconds of waiting); last check: {"exportId":"e-1","status":{"state":"RUNNING"}}');
    });

    test('stops at once when the failure condition holds', async () => {
      const { workflow } = exportWorkflow(ql, { failedError: 'Export.Failed' });
      const run = await LocalWorkflow.of(workflow).run({ input: { exportId: 'e-1' }, mocks: { [CHECK]: TaskMock.results(running, { state: 'ERROR' }) } });
      expect(run.attemptsOf(CHECK)).toBe(2);
      expect(run).toMatchObject({ status: 'FAILED', error: 'Export.Failed' });
      expect(run.cause).toBe('Wait for export: the failure condition holds after check 2: {"exportId":"e-1","status":{"state":"ERROR"}}');
    });

    test('waitFirst false: checks at once, then waits', async () => {
      const { workflow } = exportWorkflow(ql, { waitFirst: false, backoffRate: 1 });
      const run = await LocalWorkflow.of(workflow).run({ input: {}, mocks: { [CHECK]: TaskMock.results(running, running, { state: 'DONE' }) } });
      expect(run.path.slice(0, 3)).toEqual(['Wait for export', CHECK, 'Wait for export: done?']);
      expect(run.states.filter((s) => s.type === 'Wait').map((s) => s.waitSeconds)).toEqual([10, 10]);
    });
  });

  describe('waits', () => {
    test('grow by the backoff rate up to the maximum, and are never more than the checks', () => {
      const { poll } = exportWorkflow(sfn.QueryLanguage.JSON_PATH, {
        maxAttempts: 20, interval: Duration.seconds(30), backoffRate: 2, maxInterval: Duration.minutes(4),
      });
      expect(poll.waitSeconds).toEqual([30, 60, 120, 240]);
      expect(poll.maxTotalWaitSeconds()).toBe(30 + 60 + 120 + 240 * 17);
      const { poll: short } = exportWorkflow(sfn.QueryLanguage.JSON_PATH, { maxAttempts: 2, backoffRate: 2 });
      expect(short.waitSeconds).toEqual([10, 20]);
    });

    test('a fixed wait needs no growth rule', () => {
      const { workflow } = exportWorkflow(sfn.QueryLanguage.JSON_PATH, { backoffRate: 1 });
      const choices = Asl.of(workflow).States['Wait for export: done?'].Choices;
      expect(choices).toHaveLength(3); // done, failed, gave up
    });
  });

  describe('rendered states (JSONPath)', () => {
    test('counter and wait in variables; the Choice says its bound in its comment (for people: validation reads the recorded bound)', () => {
      const { workflow } = exportWorkflow(sfn.QueryLanguage.JSON_PATH);
      const states = Asl.of(workflow).States;
      expect(states['Wait for export']).toEqual({
        Type: 'Pass', Comment: 'Starts counting the checks.', Assign: { pollAttempt: 1, pollWait: 10 }, Next: 'Wait for export: wait',
      });
      expect(states['Wait for export: wait']).toEqual({ Type: 'Wait', SecondsPath: '$pollWait', Next: CHECK });
      expect(states[CHECK].Next).toBe('Wait for export: done?');
      expect(states['Wait for export: done?']).toEqual({
        Type: 'Choice',
        Comment: 'Polls until done: at most 5 checks.',
        Choices: [
          { Variable: '$.status.state', StringEquals: 'DONE', Next: 'Wait for export: done' },
          { Variable: '$.status.state', StringEquals: 'ERROR', Next: 'Wait for export: failed' },
          { Variable: '$pollAttempt', NumericGreaterThanEquals: 5, Next: 'Wait for export: gave up' },
          {
            Variable: '$pollAttempt',
            NumericLessThan: 5,
            Assign: { 'pollAttempt.$': 'States.MathAdd($pollAttempt, 1)', 'pollWait.$': 'States.ArrayGetItem(States.Array(10, 15, 23, 34, 51), $pollAttempt)' },
            Comment: 'The wait grows.',
            Next: 'Wait for export: wait',
          },
        ],
        Default: 'Wait for export: wait',
        Assign: { 'pollAttempt.$': 'States.MathAdd($pollAttempt, 1)' },
      });
      expect(states['Wait for export: gave up']).toMatchObject({ Type: 'Fail', QueryLanguage: 'JSONata', Error: 'PollUntilDone.MaxAttemptsReached' });
    });

    test('a variable prefix of your choice', () => {
      const { workflow } = exportWorkflow(sfn.QueryLanguage.JSON_PATH, { variablePrefix: 'export' });
      expect(Asl.of(workflow).States['Wait for export'].Assign).toEqual({ exportAttempt: 1, exportWait: 10 });
    });
  });

  describe('history events', () => {
    test.each(LANGUAGES)('%s: validation sees the recorded bound, so the loop is not warned about (no SW118)', (_name, ql) => {
      const { workflow } = exportWorkflow(ql);
      expect(Validator.validateStateMachine(workflow).map((f) => f.code)).not.toContain('SW118');
    });

    test('one check of a Task without retries costs 9 events: Wait 2, Task 5, Choice 2', () => {
      // 2 (start) + 5 checks x 9 + 1 (Fail)
      expect(recordedBound(exportWorkflow(sfn.QueryLanguage.JSON_PATH).stack)).toEqual({ maxAttempts: 5, worstCaseHistoryEvents: 48 });
    });

    test('the check\'s retries count: 3 events per retry (Lambda\'s 6 service-error retries: 18 more per check)', () => {
      const stack = newStack();
      const poll = new PollUntilDone({
        ...conditions(sfn.QueryLanguage.JSON_PATH), maxAttempts: 5, check: statusCheck(stack, sfn.QueryLanguage.JSON_PATH, true),
      });
      new Flow(stack, 'F').addStep('Poll', poll);
      expect(recordedBound(stack).worstCaseHistoryEvents).toBe(2 + 5 * (9 + 18) + 1);
    });

    test('waitFirst false saves the first wait', () => {
      expect(recordedBound(exportWorkflow(sfn.QueryLanguage.JSON_PATH, { waitFirst: false }).stack).worstCaseHistoryEvents).toBe(46);
    });

    test('fails when the worst case would exhaust the 25,000-event execution history', () => {
      const stack = newStack();
      const poll = new PollUntilDone(jsonPathProps(stack, 2800));
      // 2 + 2,800 x 9 + 1 = 25,203
      expect(() => new Flow(stack, 'F').addStep('Poll', poll))
        .toThrow(/\[SW707\].*the loop can add 25,203 events to the execution history before it gives up \(2800 checks of 9 events each\).*Limit: 25,000 events.*Fix: lower maxAttempts to at most 2777/);
    });

    test('accepts the largest budget that fits', () => {
      const stack = newStack();
      const poll = new PollUntilDone(jsonPathProps(stack, 2777));
      expect(() => new Flow(stack, 'F').addStep('Poll', poll)).not.toThrow();
      expect(recordedBound(stack).worstCaseHistoryEvents).toBe(2 + 2777 * 9 + 1);
    });
  });

  describe('bad input', () => {
    const base = (stack: Stack) => jsonPathProps(stack, 3);
    test.each([
      ['maxAttempts 0', { maxAttempts: 0 }, /\[SW707\].*maxAttempts is 0.*Limit: a whole number of at least 1/],
      ['a fractional maxAttempts', { maxAttempts: 2.5 }, /\[SW707\].*maxAttempts is 2.5/],
      ['a backoff rate below 1', { backoffRate: 0.9 }, /\[SW707\].*backoffRate is 0.9/],
      ['an interval of 500 ms', { interval: Duration.millis(500) }, /\[SW707\].*the interval is 500 ms/],
      ['a maximum wait below the first', { interval: Duration.minutes(2), maxInterval: Duration.minutes(1) }, /\[SW707\].*maxInterval \(60 seconds\) is shorter than the interval \(120 seconds\)/],
      ['a reserved error name', { maxAttemptsError: 'States.Timeout' }, /\[SW707\].*maxAttemptsError 'States.Timeout' is empty or starts with States\./],
      ['an empty error name', { failedError: '' }, /\[SW707\].*failedError '' is empty/],
      ['a variable prefix that is not a name', { variablePrefix: 'my-poll' }, /\[SW707\].*the variable prefix 'my-poll'/],
    ])('fails when given %s', (_what, props, message) => {
      const stack = newStack();
      expect(() => new PollUntilDone({ ...base(stack), ...props })).toThrow(message);
    });

    test('fails when the step name leaves no room for the loop\'s state names', () => {
      const stack = newStack();
      expect(() => new Flow(stack, 'F').addStep('x'.repeat(75), new PollUntilDone(base(stack)))).toThrow(/\[SW707\] Stack\/x+, state 'x+': PollUntilDone: the state name 'x+: wait' has 81 characters.*Fix: give the step a name of at most 71 characters/);
    });

    test('fails clearly (SW010) when bound without a query language in a JSONata workflow', () => {
      const stack = newStack();
      const flow = new Flow(stack, 'F').addStep('Poll', new PollUntilDone(base(stack)));
      expect(() => new Workflow(stack, 'W', { definition: flow, queryLanguage: sfn.QueryLanguage.JSONATA }))
        .toThrow(/\[SW010\].*asks for JSONPath inside a state machine whose query language is JSONata/);
    });

    test('the code is registered', () => {
      expect(codeInfo('SW707').title).toBe('Invalid polling loop');
    });
  });
});
