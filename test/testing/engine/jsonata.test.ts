import { evaluateJsonata, isJsonataExpression } from '../../../src/testing/engine/jsonata';

const bindings = { states: { input: { xs: [1, 2, 3, 4, 5] }, context: {} }, variables: { v: 10 } };
const evaluate = (expr: unknown) => evaluateJsonata(expr, bindings, 'F');

describe('JSONata layer', () => {
  test('recognises {% %} strings only', () => {
    expect(isJsonataExpression('{% 1 %}')).toBe(true);
    expect(isJsonataExpression(' {% 1 %}')).toBe(false);
    expect(isJsonataExpression('plain')).toBe(false);
  });

  test.each([
    ['{% $partition($states.input.xs, 2) %}', [[1, 2], [3, 4], [5]]],
    ['{% $range(0, 10, 5) %}', [0, 5, 10]],
    ["{% $hash('Input data', 'SHA-1') %}", '3f43a2e4863dbf39da8cfbd5e4e557f3052ec269'], // echo -n 'Input data' | sha1sum
    ['{% $parse(\'{"a": [1]}\') %}', { a: [1] }],
    ['{% $v * 2 %}', 20],
    ['{% $states.input.xs[$ > 3] %}', [4, 5]],
    [{ nested: ['{% $v %}', 'literal'] }, { nested: [10, 'literal'] }],
  ])('%j', async (expr, expected) => {
    expect(await evaluate(expr)).toEqual(expected);
  });

  test('$random is in [0, 1) and stable with a seed; $uuid is a UUID', async () => {
    expect(await evaluate('{% $random(7) %}')).toEqual(await evaluate('{% $random(7) %}'));
    const r = await evaluate('{% $random() %}') as number;
    expect(r >= 0 && r < 1).toBe(true);
    expect(await evaluate('{% $uuid() %}')).toMatch(/^[0-9a-f-]{36}$/);
  });

  test.each([
    ['{% $eval("1") %}', /\$eval is not available in Step Functions; use \$parse/],
    ['{% $states.input.missing %}', /returned nothing \(undefined\)/],
    ['{% 1 + %}', /does not parse/],
    ['{% $hash("x", "CRC") %}', /\$hash\(data, algorithm\) needs a string and one of MD5/],
  ])('fails with States.QueryEvaluationError: %s', async (expr, message) => {
    await expect(evaluate(expr)).rejects.toThrow(message);
    await expect(evaluate(expr)).rejects.toMatchObject({ error: 'States.QueryEvaluationError' });
  });
});
