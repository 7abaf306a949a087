import { LocalWorkflow, TaskFailure, TaskMock } from '../../../src/testing';
import '../../../src/testing/jest';


/** Runs a one-scope definition built from states, starting at the first. */
function run(states: Record<string, unknown>, input: unknown = {}, mocks: Record<string, TaskMock> = {}, extra: Record<string, unknown> = {}) {
  return LocalWorkflow.of({ StartAt: Object.keys(states)[0], States: states, ...extra }).run({ input, mocks });
}
const jsonata = { QueryLanguage: 'JSONata' };

describe('Pass', () => {
  test('JSONPath: InputPath, Parameters, Result, ResultPath, OutputPath', async () => {
    const r = await run({
      A: { Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id', 'fixed': 1 }, ResultPath: '$.params', Next: 'B' },
      B: { Type: 'Pass', Result: false, ResultPath: '$.flag', OutputPath: '$.params', End: true },
    }, { order: { id: 'o-1' } });
    expect(r).toHaveSucceededWith({ id: 'o-1', fixed: 1 });
  });

  test('JSONPath: a falsy Result is the result, not the input', async () => {
    expect(await run({ A: { Type: 'Pass', Result: 0, End: true } }, { x: 1 })).toHaveSucceededWith(0);
  });

  test('JSONata: Output', async () => {
    const r = await run({ A: { Type: 'Pass', Output: { sum: '{% $states.input.a + $states.input.b %}' }, End: true } }, { a: 1, b: 2 }, {}, jsonata);
    expect(r).toHaveSucceededWith({ sum: 3 });
  });

  test('fails with States.Runtime when InputPath finds nothing', async () => {
    const r = await run({ A: { Type: 'Pass', InputPath: '$.missing', End: true } }, { x: 1 });
    expect(r).toHaveFailedWith('States.Runtime', /A.InputPath: the JSONPath '\$.missing' could not be found/);
  });
});

describe('Choice', () => {
  const jsonPath = {
    C: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.total', NumericGreaterThan: 100, Next: 'Big' },
        { And: [{ Variable: '$.vip', BooleanEquals: true }, { Variable: '$.country', StringMatches: 'D*' }], Next: 'Vip' },
      ],
      Default: 'Small',
    },
    Big: { Type: 'Succeed' },
    Vip: { Type: 'Succeed' },
    Small: { Type: 'Succeed' },
  };

  test.each([
    [{ total: 101 }, 'Big'],
    [{ total: 5, vip: true, country: 'DE' }, 'Vip'],
    [{ total: 5, vip: true, country: 'FR' }, 'Small'],
  ])('JSONPath: %j goes to %s', async (input, target) => {
    expect(await run(jsonPath, input)).toHaveVisited(['C', target]);
  });

  test('JSONata: Condition, rule Output and Assign', async () => {
    const r = await run({
      C: {
        Type: 'Choice',
        Choices: [{ Condition: '{% $states.input.total > 100 %}', Output: { big: true }, Assign: { size: 'big' }, Next: 'Done' }],
        Default: 'Done',
        Output: { big: false },
      },
      Done: { Type: 'Pass', Output: { big: '{% $states.input.big %}', size: '{% $size %}' }, End: true },
    }, { total: 200 }, {}, jsonata);
    expect(r).toHaveSucceededWith({ big: true, size: 'big' });
  });

  test('fails with States.NoChoiceMatched without a Default', async () => {
    const r = await run({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'D' }] }, D: { Type: 'Succeed' } });
    expect(r).toHaveFailedWith('States.NoChoiceMatched');
  });

  test('JSONata: fails when a Condition is not a boolean', async () => {
    const r = await run({ C: { Type: 'Choice', Choices: [{ Condition: '{% "yes" %}', Next: 'D' }] }, D: { Type: 'Succeed' } }, {}, {}, jsonata);
    expect(r).toHaveFailedWith('States.QueryEvaluationError', /must evaluate to a boolean/);
  });
});

describe('Wait', () => {
  test('JSONPath SecondsPath and Timestamp move the virtual clock', async () => {
    const r = await LocalWorkflow.of({
      StartAt: 'A',
      States: {
        A: { Type: 'Wait', SecondsPath: '$.delay', Next: 'B' },
        B: { Type: 'Wait', Timestamp: '2024-01-01T01:00:00Z', Next: 'C' },
        C: { Type: 'Pass', Parameters: { 'at.$': '$$.State.EnteredTime' }, End: true },
      },
    }).run({ input: { delay: 600 }, context: { startTime: '2024-01-01T00:00:00.000Z' } });
    expect(r.states.map((s) => s.waitSeconds)).toEqual([600, 3000, undefined]);
    expect(r).toHaveSucceededWith({ at: '2024-01-01T01:00:00.000Z' });
  });

  test('JSONata Seconds expression', async () => {
    const r = await run({ A: { Type: 'Wait', Seconds: '{% $states.input.d * 2 %}', End: true } }, { d: 5 }, {}, jsonata);
    expect(r.entriesOf('A')[0].waitSeconds).toBe(10);
  });

  test('fails with a negative Seconds', async () => {
    const r = await run({ A: { Type: 'Wait', SecondsPath: '$.d', End: true } }, { d: -1 });
    expect(r).toHaveFailedWith('States.Runtime', /Seconds must be a non-negative integer/);
  });
});

describe('Succeed and Fail', () => {
  test('JSONPath Fail with ErrorPath and CausePath', async () => {
    const r = await run({ F: { Type: 'Fail', ErrorPath: '$.e', CausePath: "States.Format('code {}', $.code)" } }, { e: 'Bad', code: 7 });
    expect(r).toHaveFailedWith('Bad', 'code 7');
  });

  test('JSONata Fail with expressions, Succeed with Output', async () => {
    const fail = await run({ F: { Type: 'Fail', Error: '{% $states.input.e %}', Cause: 'fixed' } }, { e: 'Bad' }, {}, jsonata);
    expect(fail).toHaveFailedWith('Bad', 'fixed');
    const ok = await run({ S: { Type: 'Succeed', Output: '{% $states.input.x %}' } }, { x: 3 }, {}, jsonata);
    expect(ok).toHaveSucceededWith(3);
  });
});

describe('Task', () => {
  test('JSONPath: Parameters reach the mock; ResultSelector, ResultPath, OutputPath shape the output', async () => {
    const seen: unknown[] = [];
    const r = await run({
      T: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'Payload.$': '$', 'FunctionName': 'fn' },
        ResultSelector: { 'value.$': '$.Payload.v' },
        ResultPath: '$.result',
        OutputPath: '$.result.value',
        End: true,
      },
    }, { a: 1 }, { T: TaskMock.fn((input) => { seen.push(input); return { Payload: { v: 42 } }; }) });
    expect(seen).toEqual([{ Payload: { a: 1 }, FunctionName: 'fn' }]);
    expect(r).toHaveSucceededWith(42);
  });

  test('JSONata: Arguments reach the mock; Output sees $states.result', async () => {
    const r = await run({
      T: { Type: 'Task', Resource: 'x', Arguments: { n: '{% $states.input.n + 1 %}' }, Output: '{% $states.result.doubled %}', End: true },
    }, { n: 1 }, { T: TaskMock.fn((input) => ({ doubled: input.n * 2 })) }, jsonata);
    expect(r).toHaveSucceededWith(4);
  });

  test('Retry: only the first matching retrier applies, MaxAttempts 0 never retries', async () => {
    const r = await run({
      T: {
        Type: 'Task',
        Resource: 'x',
        End: true,
        Retry: [{ ErrorEquals: ['Boom'], MaxAttempts: 0 }, { ErrorEquals: ['States.ALL'], MaxAttempts: 5 }],
      },
    }, {}, { T: TaskMock.error('Boom', 'once') });
    expect(r).toHaveFailedWith('Boom', 'once');
    expect(r).toHaveAttempted('T', 1);
  });

  test('Retry: MaxDelaySeconds caps the backoff', async () => {
    const r = await run({
      T: { Type: 'Task', Resource: 'x', End: true, Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 3, BackoffRate: 10, MaxAttempts: 3, MaxDelaySeconds: 50 }] },
    }, {}, { T: TaskMock.error('Any') });
    expect(r.entriesOf('T')[0].retryDelaysSeconds).toEqual([3, 30, 50]);
  });

  test('States.TaskFailed does not match States.Timeout', async () => {
    const r = await run({
      T: { Type: 'Task', Resource: 'x', End: true, Catch: [{ ErrorEquals: ['States.TaskFailed'], Next: 'C' }] },
      C: { Type: 'Succeed' },
    }, {}, { T: TaskMock.error('States.Timeout') });
    expect(r).toHaveFailedWith('States.Timeout');
  });

  test('JSONPath Catch: ResultPath merges the error output into the input', async () => {
    const r = await run({
      T: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.err', Next: 'C' }], End: true },
      C: { Type: 'Pass', End: true },
    }, { keep: 1 }, { T: TaskMock.error('Boom', 'why') });
    expect(r).toHaveSucceededWith({ keep: 1, err: { Error: 'Boom', Cause: 'why' } });
  });

  test('JSONata Catch: Output and Assign see $states.errorOutput', async () => {
    const r = await run({
      T: {
        Type: 'Task',
        Resource: 'x',
        End: true,
        Catch: [{ ErrorEquals: ['States.ALL'], Output: { failed: '{% $states.errorOutput.Error %}' }, Assign: { why: '{% $states.errorOutput.Cause %}' }, Next: 'C' }],
      },
      C: { Type: 'Pass', Output: { failed: '{% $states.input.failed %}', why: '{% $why %}' }, End: true },
    }, {}, { T: TaskMock.error('Boom', 'because') }, jsonata);
    expect(r).toHaveSucceededWith({ failed: 'Boom', why: 'because' });
  });

  test('a failing mock function becomes a Step Functions error', async () => {
    const r = await run({ T: { Type: 'Task', Resource: 'x', End: true } }, {}, { T: TaskMock.fn(() => { throw new TaskFailure('Custom', 'from fn'); }) });
    expect(r).toHaveFailedWith('Custom', 'from fn');
  });

  test('the Context Object has a task token and the retry count', async () => {
    const tokens: unknown[] = [];
    await run({
      T: { Type: 'Task', Resource: 'x', Parameters: { 'token.$': '$$.Task.Token', 'retry.$': '$$.State.RetryCount' }, Retry: [{ ErrorEquals: ['E'] }], End: true },
    }, {}, { T: TaskMock.fn((input, call) => { tokens.push(input); if (call.attempt === 1) { throw new TaskFailure('E'); } return 1; }) });
    expect(tokens).toEqual([{ token: 'local-task-token:T:1', retry: 0 }, { token: 'local-task-token:T:2', retry: 1 }]);
  });
});

describe('Parallel', () => {
  test('JSONPath: each branch gets the input; the result is the array of branch outputs', async () => {
    const r = await run({
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': '$.n' }, End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'x', End: true } } },
        ],
      },
    }, { n: 1 }, { B: TaskMock.fn((input) => ({ b: input.n + 1 })) });
    expect(r).toHaveSucceededWith([{ a: 1 }, { b: 2 }]);
    expect(r.states.map((s) => s.statePath)).toEqual(['P', 'P/Branches[0]/A', 'P/Branches[1]/B']);
  });

  test('a Catch on the Parallel handles a branch failure; Retry reruns every branch', async () => {
    const r = await run({
      P: {
        Type: 'Parallel',
        Next: 'Done',
        Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 1 }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }],
        Branches: [
          { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
          { StartAt: 'B', States: { B: { Type: 'Task', Resource: 'x', End: true } } },
        ],
      },
      Handled: { Type: 'Pass', End: true },
      Done: { Type: 'Succeed' },
    }, {}, { B: TaskMock.error('Flaky', 'again') });
    expect(r).toHaveVisited(['P', 'Handled']);
    expect(r).toHaveAttempted('P', 2);
    expect(r.pathIn('P/Branches[0]')).toEqual(['A', 'A']);
  });

  test('JSONata: Arguments feed the branches', async () => {
    const r = await run({
      P: {
        Type: 'Parallel',
        End: true,
        Arguments: { v: '{% $states.input.x * 10 %}' },
        Output: '{% $states.result[0] %}',
        Branches: [{ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }],
      },
    }, { x: 2 }, {}, jsonata);
    expect(r).toHaveSucceededWith({ v: 20 });
  });
});

describe('Map', () => {
  test('JSONPath: ItemsPath, ItemSelector with $$.Map.Item, ResultPath', async () => {
    const r = await run({
      M: {
        Type: 'Map',
        ItemsPath: '$.items',
        ResultPath: '$.out',
        End: true,
        ItemSelector: { 'value.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index', 'tax.$': '$.tax' },
        ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true } } },
      },
    }, { items: [10, 20], tax: 2 }, { T: TaskMock.fn((i) => i.value * i.tax + i.index) });
    expect(r).toHaveSucceededWith({ items: [10, 20], tax: 2, out: [20, 41] });
    expect(r.pathIn('M/ItemProcessor[1]')).toEqual(['T']);
  });

  test('JSONata: Items and ItemSelector', async () => {
    const r = await run({
      M: {
        Type: 'Map',
        Items: '{% $states.input.xs %}',
        End: true,
        ItemSelector: { x: '{% $states.context.Map.Item.Value %}', i: '{% $states.context.Map.Item.Index %}' },
        ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $states.input.x & $string($states.input.i) %}', End: true } } },
      },
    }, { xs: ['a', 'b'] }, {}, jsonata);
    expect(r).toHaveSucceededWith(['a0', 'b1']);
  });

  test('an empty array runs no iteration', async () => {
    const r = await run({
      M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'T', States: { T: { Type: 'Task', Resource: 'x', End: true } } } },
    }, []);
    expect(r).toHaveSucceededWith([]);
    expect(r).not.toHaveEntered('T');
  });

  test('fails when the items are not an array', async () => {
    const r = await run({ M: { Type: 'Map', End: true, ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } } } }, { not: 'array' });
    expect(r).toHaveFailedWith('States.Runtime', /must be an array/);
  });
});

describe('variables', () => {
  test('JSONata: Assign is visible from the next state, with values as of state entry', async () => {
    const r = await run({
      A: { Type: 'Pass', Assign: { x: 3, a: 6 }, Next: 'B' },
      B: { Type: 'Pass', Assign: { x: '{% $a %}', nextX: '{% $x %}' }, Output: { seenX: '{% $x %}' }, Next: 'C' },
      C: { Type: 'Pass', Output: { x: '{% $x %}', nextX: '{% $nextX %}', seenX: '{% $states.input.seenX %}' }, End: true },
    }, {}, {}, jsonata);
    // The AWS example: starting at x=3, a=6, Assign { x: $a, nextX: $x } ends with x=6, nextX=3.
    expect(r).toHaveSucceededWith({ x: 6, nextX: 3, seenX: 3 });
    expect(r.variables).toEqual({ x: 6, a: 6, nextX: 3 });
  });

  test('JSONPath: Assign with paths, $var references and the result as $', async () => {
    const r = await run({
      T: { Type: 'Task', Resource: 'x', Assign: { 'id.$': '$.id', 'static': 'yes' }, ResultPath: null, Next: 'U' },
      U: { Type: 'Pass', Parameters: { 'id.$': '$id', 'label.$': "States.Format('{}-{}', $id, $static)" }, End: true },
    }, {}, { T: TaskMock.result({ id: 'r-1' }) });
    expect(r).toHaveSucceededWith({ id: 'r-1', label: 'r-1-yes' });
  });

  test('branches read outer variables; their own variables vanish when they end', async () => {
    const r = await run({
      A: { Type: 'Pass', Assign: { outer: 1 }, Next: 'P' },
      P: {
        Type: 'Parallel',
        Next: 'Z',
        Branches: [{
          StartAt: 'B',
          States: {
            B: { Type: 'Pass', Assign: { inner: '{% $outer + 1 %}' }, Next: 'C' },
            C: { Type: 'Pass', Output: '{% $inner %}', End: true },
          },
        }],
      },
      Z: { Type: 'Pass', Output: { result: '{% $states.input %}', hasInner: '{% $exists($inner) %}' }, End: true },
    }, {}, {}, jsonata);
    expect(r).toHaveSucceededWith({ result: [2], hasInner: false });
  });

  test('a Distributed Map iteration cannot read outer variables', async () => {
    const r = await run({
      A: { Type: 'Pass', Assign: { outer: 1 }, Next: 'M' },
      M: {
        Type: 'Map',
        Items: [1],
        End: true,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', Output: '{% $outer %}', End: true } } },
      },
    }, {}, {}, jsonata);
    // The child fails; with no tolerated failures, so does the Map Run (AWS "Distributed mode").
    expect(r).toHaveFailedWith('States.ExceedToleratedFailureThreshold', /States.QueryEvaluationError: P.Output: the JSONata expression \{% \$outer %\} returned nothing/);
  });

  test('fails when an inner scope assigns an outer variable\'s name', () => {
    expect(() => LocalWorkflow.of({
      StartAt: 'A',
      States: {
        A: { Type: 'Pass', Assign: { x: 1 }, Next: 'P' },
        P: { Type: 'Parallel', End: true, Branches: [{ StartAt: 'B', States: { B: { Type: 'Pass', Assign: { x: 2 }, End: true } } }] },
      },
    })).toThrow(/\[SW805\] state 'B': assigns the variable 'x', which an outer scope also assigns/);
  });
});

describe('mixed query languages', () => {
  test('a JSONata state in a JSONPath state machine', async () => {
    const r = await run({
      A: { Type: 'Pass', Parameters: { 'n.$': '$.n' }, Next: 'B' },
      B: { Type: 'Pass', QueryLanguage: 'JSONata', Output: '{% $states.input.n * 3 %}', End: true },
    }, { n: 2 });
    expect(r).toHaveSucceededWith(6);
  });
});
