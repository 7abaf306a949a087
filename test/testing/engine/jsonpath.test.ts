import { applyPayloadTemplate, applyResultPath, evaluatePath, PathEnv } from '../../../src/testing/engine/jsonpath';
import { StatesError } from '../../../src/testing/engine/states-error';

const env: PathEnv = { context: { Execution: { Id: 'x' } }, variable: (n) => (n === 'order' ? { value: { items: [1, 2] } } : undefined) };
const input = { 'a': { b: [{ n: 1 }, { n: 5 }] }, 'odd key': 2 };

describe('evaluatePath', () => {
  test.each([
    ['$', input],
    ['$.a.b[1].n', 5],
    ["$['odd key']", 2],
    ['$.a.b[*].n', [1, 5]],
    ['$.a.b[?(@.n > 2)].n', [5]],
    ['$..n', [1, 5]],
    ['$$.Execution.Id', 'x'],
    ['$order.items[0]', 1],
    ['$.missing[*]', []],
  ])('%s', (path, expected) => {
    expect(evaluatePath(path, input, env, 'States.Runtime', 'F')).toEqual(expected);
  });

  test('fails with the given error when a definite path finds nothing', () => {
    expect(() => evaluatePath('$.nope', input, env, 'States.ParameterPathFailure', 'F.x')).toThrow(StatesError);
    expect(() => evaluatePath('$.nope', input, env, 'States.ParameterPathFailure', 'F.x')).toThrow(/F.x: the JSONPath '\$.nope' could not be found/);
  });

  test('fails when a variable has no value', () => {
    expect(() => evaluatePath('$nothing.x', input, env, 'States.Runtime', 'F')).toThrow(/the variable '\$nothing' has no value/);
  });
});

describe('applyPayloadTemplate', () => {
  test('evaluates .$ keys in nested objects and arrays, leaves others', () => {
    expect(applyPayloadTemplate({ 'x.$': '$.a.b[0].n', 'list': [{ 'y.$': "States.Format('{}', $.odd key)" }], 'k': 'v' }, { 'a': input.a, 'odd key': 2 }, env, 'P'))
      .toEqual({ x: 1, list: [{ y: '2' }], k: 'v' });
  });
});

describe('applyResultPath', () => {
  test.each([
    [undefined, { r: 1 }],
    ['$', { r: 1 }],
    [null, { keep: true }],
    ['$.out', { keep: true, out: { r: 1 } }],
    ["$.deep['new key'].x", { keep: true, deep: { 'new key': { x: { r: 1 } } } }],
  ])('ResultPath %j', (path, expected) => {
    expect(applyResultPath({ keep: true }, path, { r: 1 })).toEqual(expected);
  });

  test('fails with States.ResultPathMatchFailure when the input is not an object', () => {
    expect(() => applyResultPath('text', '$.x', 1)).toThrow(/ResultPath '\$.x' cannot be applied to the input "text"/);
  });
});
