import { Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { LANGUAGES, newStack, workflowOf } from './helpers';
import { Asl, Flow, LambdaSteps, RetryPreset, Saga, Severity, Step, StepBindOptions, Validator, Workflow } from '../../src';
import { codeInfo } from '../../src/core/codes';
import { LocalWorkflow, TaskMock } from '../../src/testing';

function fn(stack: Stack, name: string): lambda.IFunction {
  return lambda.Function.fromFunctionArn(stack, name, `arn:aws:lambda:us-east-1:123456789012:function:${name}`);
}

/** A Lambda step that keeps its input (the compensations' contract) in either query language. */
function keepInputStep(stack: Stack, name: string, ql: sfn.QueryLanguage): Step {
  return LambdaSteps.invoke({
    lambdaFunction: fn(stack, name),
    payloadResponseOnly: true,
    retries: [],
    ...(ql === sfn.QueryLanguage.JSONATA ? { outputs: '{% $states.input %}' } : { resultPath: sfn.JsonPath.DISCARD }),
  });
}

/** A step made of two states (a Task, then a Pass), to exercise the Parallel wrapper. */
class TwoStateStep extends Step {
  public readonly integrationPattern = sfn.IntegrationPattern.REQUEST_RESPONSE;
  constructor(private readonly fnName: string) {
    super();
  }
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const f = lambda.Function.fromFunctionArn(scope, `${id} fn`, `arn:aws:lambda:us-east-1:123456789012:function:${this.fnName}`);
    const task = new tasks.LambdaInvoke(scope, id, {
      lambdaFunction: f,
      stateName: options.stateName,
      queryLanguage: options.queryLanguage,
      payloadResponseOnly: true,
      retryOnServiceExceptions: false,
    });
    return task.next(new sfn.Pass(scope, `${id} then`, { stateName: `${options.stateName}: done`, queryLanguage: options.queryLanguage }));
  }
}

/**
 * The order saga: Reserve stock (undo: Release stock), Charge card (undo: Refund card), Ship
 * (no undo), then a Succeed after the saga.
 */
function orderSaga(ql: sfn.QueryLanguage, chargeOptions: { compensateOnFailure?: boolean } = {}) {
  const stack = newStack();
  const saga = new Saga(stack, 'Order', { queryLanguage: ql })
    .addStep('Reserve stock', keepInputStep(stack, 'reserve', ql), { compensation: keepInputStep(stack, 'release', ql), compensationName: 'Release stock' })
    .addStep('Charge card', keepInputStep(stack, 'charge', ql), { compensation: keepInputStep(stack, 'refund', ql), compensationName: 'Refund card', ...chargeOptions })
    .addStep('Ship', keepInputStep(stack, 'ship', ql));
  const definition = new Flow(stack, 'Orders', { queryLanguage: ql }).addNext(saga).addSucceed('Done');
  return { saga, workflow: workflowOf(stack, definition, ql) };
}

const ok = TaskMock.result({ ok: true });
const allOk = { 'Reserve stock': ok, 'Charge card': ok, 'Ship': ok, 'Release stock': ok, 'Refund card': ok };

describe('Saga', () => {
  describe.each(LANGUAGES)('%s, run locally', (_name, ql) => {
    test('runs the steps in order when nothing fails', async () => {
      const { workflow } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: allOk });
      expect(run.status).toBe('SUCCEEDED');
      expect(run.path).toEqual(['Reserve stock', 'Charge card', 'Ship', 'Done']);
      expect(run.output).toEqual({ orderId: 'o-1' });
    });

    test.each([
      ['Reserve stock', ['Reserve stock']],
      ['Charge card', ['Reserve stock', 'Charge card', 'Release stock']],
      ['Ship', ['Reserve stock', 'Charge card', 'Ship', 'Refund card', 'Release stock']],
    ])('a failure at %s runs the compensations of the steps before it, in reverse order, then fails with the original error', async (failing, path) => {
      const { workflow, saga } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: { ...allOk, [failing]: TaskMock.error('Order.Failed', `${failing} broke`) },
      });
      expect(run.path).toEqual([...path, 'Order: all undone?', 'Order: rolled back']);
      expect(run).toMatchObject({ status: 'FAILED', error: 'Order.Failed', cause: `${failing} broke` });
      expect(saga.compensationsOnFailureOf(failing)).toEqual(path.slice(path.indexOf(failing) + 1));
    });

    test('the first compensation gets the failing step\'s input with the error recorded in it', async () => {
      const { workflow } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: { ...allOk, Ship: TaskMock.error('Carrier.Down', 'no trucks') },
      });
      expect(run.entriesOf('Refund card')[0].input).toEqual({ orderId: 'o-1', error: { Error: 'Carrier.Down', Cause: 'no trucks' } });
    });

    test('compensateOnFailure: the failing step is compensated too', async () => {
      const { workflow, saga } = orderSaga(ql, { compensateOnFailure: true });
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: { ...allOk, 'Charge card': TaskMock.error('States.Timeout', 'no answer') },
      });
      expect(run.path).toEqual(['Reserve stock', 'Charge card', 'Refund card', 'Release stock', 'Order: all undone?', 'Order: rolled back']);
      expect(run).toMatchObject({ error: 'States.Timeout', cause: 'no answer' });
      expect(saga.compensationsOnFailureOf('Charge card')).toEqual(['Refund card', 'Release stock']);
    });

    test('a compensation is retried until it succeeds', async () => {
      const { workflow } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: {
          ...allOk,
          'Ship': TaskMock.error('Carrier.Down', 'no trucks'),
          'Refund card': TaskMock.sequence(TaskMock.error('Payments.Busy', 'try later'), TaskMock.error('States.Timeout', 'slow'), ok),
        },
      });
      expect(run.attemptsOf('Refund card')).toBe(3);
      expect(run).toMatchObject({ status: 'FAILED', error: 'Carrier.Down', cause: 'no trucks' });
    });

    test('a compensation that keeps failing: the others still run, then Saga.CompensationFailed names it and the original error', async () => {
      const { workflow } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({
        input: { orderId: 'o-1' },
        mocks: { ...allOk, 'Ship': TaskMock.error('Carrier.Down', 'no trucks'), 'Refund card': TaskMock.error('Payments.Gone', 'account closed') },
      });
      expect(run.attemptsOf('Refund card')).toBe(6); // 1 + 5 retries (the default compensation retry)
      expect(run.path).toEqual(['Reserve stock', 'Charge card', 'Ship', 'Refund card', 'Release stock', 'Order: all undone?', 'Order: compensation failed']);
      expect(run).toMatchObject({
        status: 'FAILED',
        error: 'Saga.CompensationFailed',
        cause: "'Refund card' failed with Payments.Gone: account closed; the original error was Carrier.Down: no trucks",
      });
    });

    test('an error without a cause is passed on with an empty cause', async () => {
      const { workflow } = orderSaga(ql);
      const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { ...allOk, Ship: TaskMock.error('Carrier.Down') } });
      expect(run).toMatchObject({ status: 'FAILED', error: 'Carrier.Down', cause: '' });
    });

    test('a step made of several states is wrapped in a Parallel and compensated as one', async () => {
      const stack = newStack();
      const saga = new Saga(stack, 'Trip', { queryLanguage: ql })
        .addStep('Book flight', new TwoStateStep('book'), { compensation: new TwoStateStep('cancel') })
        .addStep('Book hotel', keepInputStep(stack, 'hotel', ql));
      const workflow = workflowOf(stack, saga, ql);
      const states = Asl.of(workflow).States;
      expect(states['Run Book flight']).toMatchObject({ Type: 'Parallel', Next: 'Book hotel' });
      expect(states['Run Undo Book flight'].Retry).toHaveLength(1);

      const run = await LocalWorkflow.of(workflow).run({
        input: { trip: 't-1' },
        mocks: { 'Book flight': ok, 'Book hotel': TaskMock.error('Hotel.Full', 'no rooms'), 'Undo Book flight': ok },
      });
      expect(run.path).toEqual(['Run Book flight', 'Book hotel', 'Run Undo Book flight', 'Trip: all undone?', 'Trip: rolled back']);
      expect(run.pathIn('Run Undo Book flight/Branches[0]')).toEqual(['Undo Book flight', 'Undo Book flight: done']);
      expect(run).toMatchObject({ error: 'Hotel.Full', cause: 'no rooms' });
    });
  });

  describe('rendered states', () => {
    test('JSONPath: the forward catcher keeps the input, records the error and resets the flag', () => {
      const { workflow } = orderSaga(sfn.QueryLanguage.JSON_PATH);
      const states = Asl.of(workflow).States;
      expect(states['Charge card'].Catch).toEqual([{
        ErrorEquals: ['States.ALL'],
        ResultPath: '$.error',
        Assign: { 'sagaError.$': '$', 'sagaCompensationFailed': false },
        Next: 'Release stock',
      }]);
      expect(states['Refund card'].Retry).toEqual([{ ErrorEquals: ['States.ALL'], IntervalSeconds: 2, MaxAttempts: 5, BackoffRate: 2, MaxDelaySeconds: 60, JitterStrategy: 'FULL' }]);
      expect(states['Refund card'].Catch).toEqual([{
        ErrorEquals: ['States.ALL'],
        ResultPath: null,
        Assign: { 'sagaCompensationFailed': true, 'sagaCompensationError.$': '$', 'sagaFailedCompensation': 'Refund card' },
        Next: 'Release stock',
      }]);
      expect(states['Refund card'].Next).toBe('Release stock');
      expect(states['Release stock'].Next).toBe('Order: all undone?');
      expect(states['Order: rolled back']).toMatchObject({ Type: 'Fail', QueryLanguage: 'JSONata', Error: '{% $sagaError.Error %}' });
    });

    test('JSONata: the forward catcher uses Output and Assign', () => {
      const { workflow } = orderSaga(sfn.QueryLanguage.JSONATA);
      const catcher = Asl.of(workflow).States.Ship.Catch[0];
      expect(catcher).toMatchObject({
        ErrorEquals: ['States.ALL'],
        Assign: { sagaError: '{% $states.errorOutput %}', sagaCompensationFailed: false },
        Next: 'Refund card',
      });
      expect(catcher.Output).toContain('$states.errorOutput');
    });

    test('a compensation retry and variable prefix of your choice', () => {
      const stack = newStack();
      const saga = new Saga(stack, 'S', { variablePrefix: 'order', compensationRetry: RetryPreset.taskFailed({ maxAttempts: 9 }) })
        .addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'undoA', sfn.QueryLanguage.JSON_PATH) })
        .addStep('B', keepInputStep(stack, 'b', sfn.QueryLanguage.JSON_PATH), {
          compensation: keepInputStep(stack, 'undoB', sfn.QueryLanguage.JSON_PATH),
          compensationRetry: RetryPreset.custom(['States.ALL'], { maxAttempts: 1, interval: Duration.seconds(1) }),
        })
        .addStep('C', keepInputStep(stack, 'c', sfn.QueryLanguage.JSON_PATH));
      const states = Asl.of(workflowOf(stack, saga)).States;
      expect(states['Undo A'].Retry[0]).toMatchObject({ ErrorEquals: ['States.TaskFailed'], MaxAttempts: 9 });
      expect(states['Undo B'].Retry[0]).toMatchObject({ ErrorEquals: ['States.ALL'], MaxAttempts: 1 });
      expect(states.B.Catch[0].Assign).toEqual({ 'orderError.$': '$', 'orderCompensationFailed': false });
    });
  });

  test('the last step\'s compensation is left out (it could never run), so the definition has no unreachable state', () => {
    const stack = newStack();
    const saga = new Saga(stack, 'S')
      .addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'undoA', sfn.QueryLanguage.JSON_PATH) })
      .addStep('B', keepInputStep(stack, 'b', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'undoB', sfn.QueryLanguage.JSON_PATH) });
    const workflow = workflowOf(stack, saga);
    expect(Object.keys(Asl.of(workflow).States).sort()).toEqual(['A', 'B', 'S: all undone?', 'S: compensation failed', 'S: rolled back', 'Undo A']);
    expect(Validator.validateStateMachine(workflow).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });

  test('the last step\'s compensation is added when its own failure is compensated', () => {
    const stack = newStack();
    const saga = new Saga(stack, 'S')
      .addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'undoA', sfn.QueryLanguage.JSON_PATH), compensateOnFailure: true });
    const states = Asl.of(workflowOf(stack, saga)).States;
    expect(states.A.Catch[0].Next).toBe('Undo A');
    expect(states['Undo A'].Next).toBe('S: all undone?');
  });

  describe('bad input', () => {
    test('fails when a saga without steps is used', () => {
      const stack = newStack();
      expect(() => workflowOf(stack, new Saga(stack, 'Empty'))).toThrow(/\[SW706\].*the saga 'Empty' has no steps/);
    });

    test('fails when a name is used twice', () => {
      const stack = newStack();
      const saga = new Saga(stack, 'S').addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH));
      expect(() => saga.addStep('A', keepInputStep(stack, 'a2', sfn.QueryLanguage.JSON_PATH))).toThrow(/\[SW706\].*the state name 'A' \(name\) is used twice in the saga 'S'/);
      expect(() => saga.addStep('B', keepInputStep(stack, 'b', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'c', sfn.QueryLanguage.JSON_PATH), compensationName: 'A' }))
        .toThrow(/\[SW706\].*'A' \(compensationName\) is used twice/);
    });

    test('fails when a default compensation name would be over 80 characters', () => {
      const stack = newStack();
      const long = 'x'.repeat(78);
      expect(() => new Saga(stack, 'S').addStep(long, keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH), { compensation: keepInputStep(stack, 'b', sfn.QueryLanguage.JSON_PATH) }))
        .toThrow(/\[SW706\].*\(compensationName\) has 83 characters.*Fix: pass a shorter compensationName/);
    });

    test('fails when a step name is empty', () => {
      const stack = newStack();
      expect(() => new Saga(stack, 'S').addStep('', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH))).toThrow(/\[SW706\].*has 0 characters/);
    });

    test('fails when the variable prefix is not a name', () => {
      expect(() => new Saga(newStack(), 'S', { variablePrefix: 'my-saga' })).toThrow(/\[SW706\].*the variable prefix 'my-saga'/);
    });

    test('fails when asked about a step it does not have', () => {
      const stack = newStack();
      const saga = new Saga(stack, 'S').addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH));
      expect(() => saga.compensationsOnFailureOf('B')).toThrow(/\[SW706\].*'B' is not a step of the saga 'S'.*Fix: use one of: A/);
    });

    test('fails clearly (SW010) when a saga without a query language is used in a JSONata workflow', () => {
      const stack = newStack();
      const saga = new Saga(stack, 'S').addStep('A', keepInputStep(stack, 'a', sfn.QueryLanguage.JSON_PATH));
      expect(() => new Workflow(stack, 'W', { definition: saga, queryLanguage: sfn.QueryLanguage.JSONATA }))
        .toThrow(/\[SW010\].*the state Stack\/S\/AllUndone asks for JSONPath inside a state machine whose query language is JSONata/);
    });

    test('the code is registered', () => {
      expect(codeInfo('SW706').title).toBe('Invalid saga');
    });
  });
});
