import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { ORDER, jsonPathOrderWorkflow, jsonataOrderWorkflow } from './fixtures';
import {
  InvalidDefinitionError, InvalidMockError, LocalWorkflow, MockExhaustedError, TaskMock, TooManyTransitionsError,
  UnmockedTaskError, UnsupportedFeatureError,
} from '../../src/testing';
import '../../src/testing/jest';


/** Mocks for the happy path; LambdaInvoke with payloadResponseOnly returns the payload itself. */
function happyMocks(jsonata: boolean): Record<string, TaskMock> {
  // The JSONata workflow's tasks use the optimized integration, which returns { Payload }.
  const wrap = (v: unknown) => (jsonata ? { Payload: v } : v);
  return {
    'Validate': TaskMock.result(wrap({ valid: true })),
    'Charge card': TaskMock.result(wrap({ chargeId: 'c-1' })),
    'Send email': TaskMock.result(wrap({ sent: true })),
    // The mock sees the Task's effective input: the item itself (JSONPath), or the Lambda
    // Arguments whose Payload is the ItemSelector's output (JSONata).
    'Reserve item': TaskMock.fn((input) => wrap({ reserved: jsonata ? input.Payload.sku : input })),
  };
}

describe.each([
  ['JSONPath', jsonPathOrderWorkflow, false],
  ['JSONata', jsonataOrderWorkflow, true],
] as const)('LocalWorkflow with the %s order workflow', (_ql, build, jsonata) => {
  test('runs the happy path through every state', async () => {
    // GIVEN
    const local = LocalWorkflow.of(build());

    // WHEN
    const run = await local.run({ input: ORDER, mocks: happyMocks(jsonata) });

    // THEN
    expect(run).toHaveSucceeded();
    expect(run).toHaveVisited(['Validate', 'Is valid?', 'Charge card', 'Fulfil', 'Cool down', 'Done']);
    expect(run.pathIn('Fulfil/Branches[0]')).toEqual(['Send email']);
    expect(run.pathIn('Fulfil/Branches[1]')).toEqual(['Reserve items']);
    expect(run.pathIn('Fulfil/Branches[1]/Reserve items/ItemProcessor[1]')).toEqual(['Reserve item']);
    expect(run).toHaveAttempted('Reserve item', 2);
    expect(run.entriesOf('Cool down')[0].waitSeconds).toBe(3600);
    expect((run.output as any).charge).toEqual({ chargeId: 'c-1' });
    expect((run.output as any).fulfilment[1].reserved ?? (run.output as any).fulfilment[1]).toEqual([{ reserved: 'sku-1' }, { reserved: 'sku-2' }]);
  });

  test('fails with OrderInvalid when validation says no', async () => {
    const run = await LocalWorkflow.of(build()).run({
      input: ORDER,
      mocks: { ...happyMocks(jsonata), Validate: TaskMock.result(jsonata ? { Payload: { valid: false } } : { valid: false }) },
    });

    expect(run).toHaveFailedWith('OrderInvalid', 'the order did not validate');
    expect(run).toHaveVisited(['Validate', 'Is valid?', 'Rejected']);
    expect(run).not.toHaveEntered('Charge card');
  });

  test('retries a throttled charge and succeeds on the third attempt', async () => {
    const run = await LocalWorkflow.of(build()).run({
      input: ORDER,
      mocks: {
        ...happyMocks(jsonata),
        'Charge card': TaskMock.sequence(
          TaskMock.error('Payment.Throttled', 'slow down'),
          TaskMock.error('Payment.Throttled', 'slow down'),
          TaskMock.result(jsonata ? { Payload: { chargeId: 'c-3' } } : { chargeId: 'c-3' }),
        ),
      },
    });

    expect(run).toHaveSucceeded();
    expect(run).toHaveAttempted('Charge card', 3);
    // IntervalSeconds 2, BackoffRate 3: 2 s then 6 s, and no real time spent.
    expect(run.entriesOf('Charge card')[0].retryDelaysSeconds).toEqual([2, 6]);
    expect((run.output as any).charge).toEqual({ chargeId: 'c-3' });
  });

  test('takes the Catch path when retries run out', async () => {
    const run = await LocalWorkflow.of(build()).run({
      input: ORDER,
      mocks: { ...happyMocks(jsonata), 'Charge card': TaskMock.error('Payment.Throttled', 'card service down') },
    });

    expect(run).toHaveFailedWith('PaymentFailed', 'card service down');
    expect(run).toHaveVisited(['Validate', 'Is valid?', 'Charge card', 'Payment failed']);
    expect(run).toHaveAttempted('Charge card', 3);
    expect(run.entriesOf('Charge card')[0]).toMatchObject({ status: 'CAUGHT', error: 'Payment.Throttled', next: 'Payment failed' });
  });

  test('a failure inside a Map iteration fails the Parallel and the run', async () => {
    const run = await LocalWorkflow.of(build()).run({
      input: ORDER,
      mocks: {
        ...happyMocks(jsonata),
        'Reserve item': TaskMock.sequence(TaskMock.result(jsonata ? { Payload: {} } : {}), TaskMock.error('OutOfStock', 'sku-2')),
      },
    });

    expect(run).toHaveFailedWith('OutOfStock', 'sku-2');
    expect(run.entriesOf('Fulfil/Branches[1]/Reserve items/ItemProcessor[1]/Reserve item')[0].status).toBe('FAILED');
    expect(run.entriesOf('Fulfil')[0].status).toBe('FAILED');
  });
});

describe('LocalWorkflow sources', () => {
  const asl = {
    StartAt: 'Hello',
    States: { Hello: { Type: 'Pass', Result: { hello: 'world' }, End: true } },
  };

  test('runs a parsed definition and JSON text alike', async () => {
    const fromObject = await LocalWorkflow.of(asl).run();
    const fromText = await LocalWorkflow.of(JSON.stringify(asl)).run();

    expect(fromObject).toHaveSucceededWith({ hello: 'world' });
    expect(fromText).toHaveSucceededWith({ hello: 'world' });
  });

  test('lists the Task names a run may mock', () => {
    expect(LocalWorkflow.of(jsonPathOrderWorkflow()).taskNames.sort())
      .toEqual(['Charge card', 'Reserve item', 'Send email', 'Validate']);
  });

  test('fails when the text is not JSON', () => {
    expect(() => LocalWorkflow.of('{ nope')).toThrow(InvalidDefinitionError);
    expect(() => LocalWorkflow.of('{ nope')).toThrow(/\[SW805\] the definition is not valid JSON/);
  });

  test('fails when the construct holds no state machine', () => {
    const sm = jsonPathOrderWorkflow();
    expect(() => LocalWorkflow.of(sm.stack)).toThrow(/\[SW805\] Orders: Orders is not a state machine/);
  });

  test('fails when the definition uses a feature the runner does not emulate', () => {
    const def = {
      StartAt: 'M',
      States: { M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:getObject' }, ItemProcessor: asl, End: true } },
    };
    expect(() => LocalWorkflow.of(def)).toThrow(UnsupportedFeatureError);
    expect(() => LocalWorkflow.of(def)).toThrow(/\[SW804\] the local runner does not emulate: state 'M': inline Map ItemReader/);
  });
});

describe('LocalWorkflow mocks', () => {
  const def = {
    StartAt: 'Work',
    States: {
      Work: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Done' },
      Done: { Type: 'Succeed' },
    },
  };

  test('fails with the state name when a Task has no mock', async () => {
    const run = LocalWorkflow.of(def).run({ mocks: {} });
    await expect(run).rejects.toThrow(UnmockedTaskError);
    await expect(LocalWorkflow.of(def).run()).rejects.toThrow(/\[SW801\] state 'Work': the run reached this Task \(at 'Work'\) but it has no mock/);
  });

  test('an unmocked Task is never caught by the workflow\'s own Catch', async () => {
    const caught = {
      StartAt: 'Work',
      States: {
        Work: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Done' }], End: true },
        Done: { Type: 'Succeed' },
      },
    };
    await expect(LocalWorkflow.of(caught).run()).rejects.toThrow(UnmockedTaskError);
  });

  test('fails when a mock names a state that does not exist', async () => {
    await expect(LocalWorkflow.of(def).run({ mocks: { Wrok: TaskMock.result(1) } }))
      .rejects.toThrow(/\[SW802\] state 'Wrok': is not a state of this workflow. Task states: 'Work'/);
  });

  test('fails when a mock names a state that is not a Task', async () => {
    await expect(LocalWorkflow.of(def).run({ mocks: { Done: TaskMock.result(1) } }))
      .rejects.toThrow(InvalidMockError);
  });

  test('fails when a mock is not a TaskMock', async () => {
    await expect(LocalWorkflow.of(def).run({ mocks: { Work: { ok: true } as unknown as TaskMock } }))
      .rejects.toThrow(/\[SW802\] state 'Work': the mock is not a TaskMock/);
  });

  test('fails when a sequence runs out', async () => {
    const loop = {
      StartAt: 'Work',
      States: { Work: { Type: 'Task', Resource: 'x', Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 5 }], End: true } },
    };
    const mocks = { Work: TaskMock.sequence(TaskMock.error('Flaky'), TaskMock.error('Flaky')) };
    await expect(LocalWorkflow.of(loop).run({ mocks })).rejects.toThrow(MockExhaustedError);
    await expect(LocalWorkflow.of(loop).run({ mocks }))
      .rejects.toThrow(/\[SW803\] state 'Work': the Task was called 3 times in this run but its mock sequence has 2 steps/);
  });

  test('sequences restart with every run', async () => {
    const local = LocalWorkflow.of(def);
    const mocks = { Work: TaskMock.results('first') };
    expect(await local.run({ mocks })).toHaveSucceeded();
    expect(await local.run({ mocks })).toHaveSucceeded();
  });
});

describe('LocalWorkflow options', () => {
  const loop = {
    StartAt: 'Again',
    States: { Again: { Type: 'Pass', Next: 'Again' } },
  };

  test('stops an endless loop', async () => {
    await expect(LocalWorkflow.of(loop).run({ maxTransitions: 50 }))
      .rejects.toThrow(TooManyTransitionsError);
    await expect(LocalWorkflow.of(loop).run({ maxTransitions: 50 }))
      .rejects.toThrow(/\[SW806\] the run entered more than 50 states \(maxTransitions\); the last one entered was 'Again'/);
  });

  test('a long Wait takes no real time by default', async () => {
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 86400, End: true } } };
    const started = Date.now();
    const run = await LocalWorkflow.of(def).run();
    expect(Date.now() - started).toBeLessThan(1000);
    expect(run.entriesOf('W')[0].waitSeconds).toBe(86400);
  });

  test('realTime makes a Wait take real time', async () => {
    const def = { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 1, End: true } } };
    const started = Date.now();
    await LocalWorkflow.of(def).run({ realTime: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('context values reach $$ and $states.context', async () => {
    const def = {
      StartAt: 'P',
      States: { P: { Type: 'Pass', Parameters: { 'name.$': '$$.Execution.Name', 'sm.$': '$$.StateMachine.Name', 'at.$': '$$.State.EnteredTime' }, End: true } },
    };
    const run = await LocalWorkflow.of(def).run({
      context: { executionName: 'e-1', stateMachineName: 'Orders', startTime: '2024-01-01T00:00:00.000Z' },
    });
    expect(run).toHaveSucceededWith({ name: 'e-1', sm: 'Orders', at: '2024-01-01T00:00:00.000Z' });
  });

  test('does not change the caller\'s definition or input', async () => {
    const def = { StartAt: 'P', States: { P: { Type: 'Pass', Result: { a: 1 }, ResultPath: '$.x', End: true } } };
    const input = { y: 1 };
    const before = JSON.stringify(def);
    await LocalWorkflow.of(def).run({ input });
    expect(JSON.stringify(def)).toEqual(before);
    expect(input).toEqual({ y: 1 });
  });
});

describe('LocalWorkflow with an sfn.StateMachine built from a CustomState', () => {
  test('runs states aws-cdk-lib has no class for', async () => {
    const sm = jsonPathOrderWorkflow();
    const custom = new sfn.StateMachine(sm.stack, 'Custom', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.CustomState(sm.stack, 'Raw', {
        stateJson: { Type: 'Pass', Parameters: { 'doubled.$': 'States.MathAdd($.n, $.n)' }, End: true },
      })),
    });
    expect(await LocalWorkflow.of(custom).run({ input: { n: 21 } })).toHaveSucceededWith({ doubled: 42 });
  });
});

describe('LocalWorkflow runs are deterministic', () => {
  // A retrier with full jitter, an unseeded States.MathRandom and a States.UUID.
  const definition = {
    StartAt: 'Draw',
    States: {
      Draw: {
        Type: 'Pass',
        Parameters: { 'n.$': 'States.MathRandom(1, 1000000)', 'id.$': 'States.UUID()' },
        Next: 'Call',
      },
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 10, MaxAttempts: 3, BackoffRate: 2, JitterStrategy: 'FULL' }],
        End: true,
      },
    },
  };
  const mocks = {
    Call: TaskMock.sequence(TaskMock.error('Busy'), TaskMock.error('Busy'), TaskMock.error('Busy'), TaskMock.result({ ok: true })),
  };

  async function draw(seed?: number) {
    const run = await LocalWorkflow.of(definition).run({ mocks, seed });
    return { delays: run.entriesOf('Call')[0].retryDelaysSeconds, drawn: run.entriesOf('Draw')[0].output };
  }

  test('the same seed (0 by default) gives the same jittered retry delays, random numbers and UUIDs', async () => {
    const first = await draw();
    expect(await draw()).toEqual(first);
    expect(await draw(0)).toEqual(first);
    expect(first.delays).toHaveLength(3);
    // Full jitter: each delay is below its cap (10, 20, 40 seconds) and above zero.
    first.delays.forEach((delay) => expect(delay).toBeGreaterThan(0));
    first.delays.forEach((delay, i) => expect(delay).toBeLessThan(10 * 2 ** i));
    expect((first.drawn as any).id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('another seed gives other values', async () => {
    const [a, b] = [await draw(1), await draw(2)];
    expect(a.delays).not.toEqual(b.delays);
    expect(a.drawn).not.toEqual(b.drawn);
  });
});
