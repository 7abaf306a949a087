import { evaluateChoiceRule } from '../../../src/testing/engine/choice-rules';
import { PathEnv } from '../../../src/testing/engine/jsonpath';

const env: PathEnv = { context: {}, variable: (n) => (n === 'limit' ? { value: 10 } : undefined) };
const input = { s: 'abc', n: 5, b: true, t: '2024-01-01T00:00:00Z', t2: '2024-06-01T00:00:00Z', nil: null, other: 5 };
const check = (rule: Record<string, unknown>) => evaluateChoiceRule(rule, input, env, 'C');

describe('JSONPath Choice Rules', () => {
  test.each([
    [{ Variable: '$.s', StringEquals: 'abc' }, true],
    [{ Variable: '$.s', StringLessThan: 'b' }, true],
    [{ Variable: '$.s', StringMatches: 'a*c' }, true],
    [{ Variable: '$.s', StringMatches: 'a\\*c' }, false],
    [{ Variable: '$.n', NumericEquals: 5 }, true],
    [{ Variable: '$.n', NumericLessThanPath: '$limit' }, true],
    [{ Variable: '$.n', NumericGreaterThanEqualsPath: '$.other' }, true],
    [{ Variable: '$.s', NumericEquals: 5 }, false],
    [{ Variable: '$.b', BooleanEquals: true }, true],
    [{ Variable: '$.t', TimestampLessThanPath: '$.t2' }, true],
    [{ Variable: '$.t', TimestampEquals: '2024-01-01T00:00:00Z' }, true],
    [{ Variable: '$.nil', IsNull: true }, true],
    [{ Variable: '$.n', IsNumeric: true }, true],
    [{ Variable: '$.s', IsTimestamp: true }, false],
    [{ Variable: '$.missing', IsPresent: false }, true],
    [{ And: [{ Variable: '$.b', BooleanEquals: true }, { Not: { Variable: '$.n', NumericEquals: 6 } }] }, true],
    [{ Or: [{ Variable: '$.b', BooleanEquals: false }, { Variable: '$.s', IsString: false }] }, false],
  ])('%j is %s', (rule, expected) => {
    expect(check(rule)).toBe(expected);
  });

  test('fails with States.Runtime when the Variable is not in the input', () => {
    expect(() => check({ Variable: '$.missing', StringEquals: 'x' })).toThrow(/C.Variable: the JSONPath '\$.missing' could not be found/);
  });
});
