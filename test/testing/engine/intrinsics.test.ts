import { evaluateIntrinsic } from '../../../src/testing/engine/intrinsics';
import { PathEnv } from '../../../src/testing/engine/jsonpath';

const env: PathEnv = { context: { Execution: { Name: 'e' } }, variable: (n) => (n === 'v' ? { value: [1, 2] } : undefined) };
const call = (text: string, input: unknown = {}) => evaluateIntrinsic(text, input, env, 'F');

describe('intrinsic functions', () => {
  test.each([
    ["States.Format('Hello {}, you are {}', $.name, $.age)", 'Hello Ann, you are 3'],
    ["States.Format('literal \\{\\} and {}', $.name)", 'literal {} and Ann'],
    ['States.StringToJson($.json)', { a: 1 }],
    ['States.JsonToString($.obj)', '{"b":2}'],
    ["States.Array(1, 'two', $.age, null, true)", [1, 'two', 3, null, true]],
    ['States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2)', [[1, 2], [3, 4], [5]]],
    ['States.ArrayContains($v, 2)', true],
    ['States.ArrayRange(1, 9, 3)', [1, 4, 7]],
    ['States.ArrayGetItem($.list, 1)', 'y'],
    ['States.ArrayLength($.list)', 2],
    ['States.ArrayUnique(States.Array(1, 1, 2))', [1, 2]],
    ["States.Base64Encode('Data to encode')", 'RGF0YSB0byBlbmNvZGU='],
    ["States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", 'Data to encode'],
    ["States.Hash('Input data', 'SHA-1')", '3f43a2e4863dbf39da8cfbd5e4e557f3052ec269'], // echo -n 'Input data' | sha1sum
    ['States.JsonMerge($.obj, $.obj2, false)', { b: 2, c: 3 }],
    ['States.MathAdd($.age, -1)', 2],
    ["States.StringSplit('This.is+a,test=string', '.+,=')", ['This', 'is', 'a', 'test', 'string']],
    ['States.ArrayLength($$.Execution.Name)', undefined],
  ])('%s', (text, expected) => {
    const input = { name: 'Ann', age: 3, json: '{"a":1}', obj: { b: 2 }, obj2: { c: 3 }, list: ['x', 'y'] };
    if (expected === undefined) {
      expect(() => call(text, input)).toThrow(/the argument must be an array/);
    } else {
      expect(call(text, input)).toEqual(expected);
    }
  });

  test('MathRandom stays in [start, end) and is stable with a seed', () => {
    const seeded = call('States.MathRandom(1, 999, 42)');
    expect(seeded).toEqual(call('States.MathRandom(1, 999, 42)'));
    for (let i = 0; i < 50; i++) {
      const n = call('States.MathRandom(1, 3)') as number;
      expect(n === 1 || n === 2).toBe(true);
    }
  });

  test('UUID is a v4 UUID', () => {
    expect(call('States.UUID()')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test.each([
    ["States.Format('{} {}', 1)", /more \{\} than the 1 arguments/],
    ['States.JsonMerge($.a, $.a, true)', /must be false/],
    ['States.ArrayRange(1, 2000, 1)', /more than 1000 items/],
    ['States.Nope(1)', /unknown intrinsic function 'States.Nope'/],
    ['States.Array(1', /cannot parse/],
    ["States.Hash('x', 'CRC32')", /algorithm must be one of MD5, SHA-1/],
  ])('fails with States.IntrinsicFailure: %s', (text, message) => {
    expect(() => call(text, { a: {} })).toThrow(message);
    try {
      call(text, { a: {} });
    } catch (e) {
      expect((e as { error: string }).error).toEqual('States.IntrinsicFailure');
    }
  });
});
