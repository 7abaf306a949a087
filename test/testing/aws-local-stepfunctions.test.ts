/*
 * Cross-check: JSONPath definitions run through cdk-stepwise's interpreter and through
 * aws-local-stepfunctions (the ASL interpreter on npm) give the same output or the same error.
 * aws-local-stepfunctions has neither JSONata nor variables, so only JSONPath is compared.
 */
import { LocalWorkflow, TaskMock } from '../../src/testing';

interface Bare {
  run(input: unknown, options: unknown): { result: Promise<unknown> };
}
// aws-local-stepfunctions is an ES module with a CommonJS build; jest loads the CommonJS one.
const { StateMachine } = jest.requireActual('aws-local-stepfunctions') as { StateMachine: new (d: unknown, o: unknown) => Bare };

type Outcome = { output: unknown } | { error: string; cause: string };

async function theirs(definition: object, input: unknown, results: Record<string, unknown[]>): Promise<Outcome> {
  const calls: Record<string, number> = {};
  const handlers = Object.fromEntries(Object.entries(results).map(([name, steps]) => [name, () => {
    const step = steps[calls[name] = (calls[name] ?? -1) + 1] as any;
    if (step && step.error) {
      const e = new Error(step.cause);
      e.name = step.error;
      throw e;
    }
    return step;
  }]));
  try {
    const retryIntervalOverrides = Object.fromEntries(Object.keys(results).map((n) => [n, 0]));
    const output = await new StateMachine(definition, { validationOptions: { noValidate: true } })
      .run(input, { overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides } }).result;
    return { output };
  } catch (e: any) {
    return { error: e.cause?.name ?? e.name, cause: e.cause?.message ?? e.message };
  }
}

async function ours(definition: object, input: unknown, results: Record<string, unknown[]>): Promise<Outcome> {
  const mocks = Object.fromEntries(Object.entries(results).map(([name, steps]) => [name, TaskMock.sequence(
    ...steps.map((s: any) => (s && s.error ? TaskMock.error(s.error, s.cause) : TaskMock.result(s))),
  )]));
  const run = await LocalWorkflow.of(definition).run({ input, mocks });
  return run.succeeded ? { output: run.output } : { error: run.error!, cause: run.cause! };
}

const cases: Array<[string, object, unknown, Record<string, unknown[]>]> = [
  ['paths and intrinsics', {
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', InputPath: '$.order', Parameters: { 'id.$': '$.id', 'label.$': "States.Format('#{}', $.id)", 'n.$': 'States.ArrayLength($.items)' }, ResultPath: '$.p', Next: 'B' },
      B: { Type: 'Pass', Result: { x: [1, 2] }, ResultPath: '$.p.r', OutputPath: '$.p', End: true },
    },
  }, { order: { id: 7, items: [1, 2, 3] } }, {}],
  ['choice operators', {
    StartAt: 'C',
    States: {
      C: {
        Type: 'Choice',
        Choices: [
          { And: [{ Variable: '$.s', StringMatches: 'ab*' }, { Variable: '$.t', TimestampGreaterThan: '2020-01-01T00:00:00Z' }], Next: 'Yes' },
        ],
        Default: 'No',
      },
      Yes: { Type: 'Pass', Result: 'yes', End: true },
      No: { Type: 'Pass', Result: 'no', End: true },
    },
  }, { s: 'abc', t: '2024-05-01T10:00:00Z' }, {}],
  ['retry then success, result selector', {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 3 }], ResultSelector: { 'v.$': '$.value' }, ResultPath: '$.t', End: true },
    },
  }, { keep: 1 }, { T: [{ error: 'Flaky', cause: 'a' }, { error: 'Flaky', cause: 'b' }, { value: 3 }] }],
  ['catch with ResultPath', {
    StartAt: 'T',
    States: {
      T: { Type: 'Task', Resource: 'x', Catch: [{ ErrorEquals: ['Boom'], ResultPath: '$.err', Next: 'H' }], End: true },
      H: { Type: 'Pass', End: true },
    },
  }, { keep: 1 }, { T: [{ error: 'Boom', cause: 'why' }] }],
  ['map and parallel', {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        End: true,
        Branches: [
          { StartAt: 'M', States: { M: { Type: 'Map', ItemsPath: '$.xs', ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' }, ItemProcessor: { StartAt: 'I', States: { I: { Type: 'Pass', End: true } } }, End: true } } },
          { StartAt: 'Q', States: { Q: { Type: 'Pass', Parameters: { 'sum.$': 'States.MathAdd($.a, $.b)' }, End: true } } },
        ],
      },
    },
  }, { xs: ['a', 'b'], a: 2, b: 3 }, {}],
  ['a failing state', {
    StartAt: 'F',
    States: { F: { Type: 'Fail', Error: 'Custom', Cause: 'it broke' } },
  }, {}, {}],
];

describe('the interpreter agrees with aws-local-stepfunctions on JSONPath definitions', () => {
  test.each(cases)('%s', async (name, definition, input, results) => {
    const expected = await theirs(definition, input, results);
    // Guard the comparison itself: only the Fail case may end in an error.
    expect('output' in expected).toBe(name !== 'a failing state');
    expect(await ours(definition, input, results)).toEqual(expected);
  });

  test('except where aws-local-stepfunctions 3.0.0 departs from the spec: a falsy Pass Result', async () => {
    // ASL "Pass State": Result is the state's output. aws-local-stepfunctions returns the input instead.
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Result: false, End: true } } };
    expect(await theirs(definition, { x: 1 }, {})).toEqual({ output: { x: 1 } });
    expect(await ours(definition, { x: 1 }, {})).toEqual({ output: false });
  });
});
