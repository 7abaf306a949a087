import { TaskFailure } from '../../src/runtime';
import { checkTaskToken, encodeOutput, failure, failureFromError, truncate } from '../../src/runtime/limits';

describe('truncate', () => {
  test('keeps short text and cuts long text to the limit with a marker', () => {
    expect(truncate('abc', 3)).toBe('abc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abcdef', 4)).toHaveLength(4);
  });

  test('never splits a surrogate pair', () => {
    const text = 'ab😀cd';
    const cut = truncate(text, 4);
    expect(cut).toBe('ab…');
    expect(cut.length).toBeLessThanOrEqual(4);
    expect(() => encodeURIComponent(cut)).not.toThrow();
  });
});

describe('failure', () => {
  test('defaults an empty error name to Error and cuts both fields', () => {
    expect(failure('', 'c')).toEqual({ error: 'Error', cause: 'c' });
    const long = failure('e'.repeat(257), 'c'.repeat(32_769));
    expect([long.error.length, long.cause.length]).toEqual([256, 32_768]);
  });
});

describe('failureFromError', () => {
  test('keeps a TaskFailure as given', () => {
    expect(failureFromError(new TaskFailure('Order.Invalid', 'no items'))).toEqual({ error: 'Order.Invalid', cause: 'no items' });
  });

  test('keeps the cause valid JSON when the message is huge', () => {
    const report = failureFromError(new Error('m'.repeat(100_000)));
    expect(report.cause.length).toBeLessThanOrEqual(32_768);
    expect(JSON.parse(report.cause).errorType).toBe('Error');
  });

  test('describes a thrown non-error', () => {
    expect(failureFromError('just a string')).toEqual({ error: 'Error', cause: '{"errorType":"Error","errorMessage":"just a string"}' });
  });
});

describe('encodeOutput', () => {
  test('sends undefined as null and JSON values as JSON', () => {
    expect(encodeOutput(undefined)).toEqual({ ok: true, output: 'null' });
    expect(encodeOutput({ a: [1, 'x'] })).toEqual({ ok: true, output: '{"a":[1,"x"]}' });
  });

  test('counts UTF-8 bytes, not characters: 262,144 bytes pass, one more fails', () => {
    const exact = '"' + 'x'.repeat(262_142) + '"';
    expect(encodeOutput(JSON.parse(exact))).toEqual({ ok: true, output: exact });
    const multibyte = encodeOutput('é'.repeat(131_072)); // 131,072 characters, 262,146 bytes with quotes
    expect(multibyte).toMatchObject({ ok: false, failure: { error: 'Worker.OutputTooLarge' } });
  });

  test('fails for values without JSON form', () => {
    expect(encodeOutput(() => 1)).toMatchObject({ ok: false, failure: { error: 'Worker.InvalidOutput' } });
    const cyclic: any = {};
    cyclic.self = cyclic;
    expect(encodeOutput(cyclic)).toMatchObject({ ok: false, failure: { error: 'Worker.InvalidOutput' } });
  });
});

describe('checkTaskToken', () => {
  test('accepts a 2,048-character token with + / =, and rejects 2,049', () => {
    expect(checkTaskToken('a+/='.repeat(512))).toHaveLength(2048);
    expect(() => checkTaskToken('a'.repeat(2049))).toThrow(/2049 characters/);
    expect(() => checkTaskToken(undefined)).toThrow(/empty/);
  });
});
