import { TaskFailure as RuntimeTaskFailure } from '../../src/runtime';
import { InvalidMockError, TaskFailure, TaskMock } from '../../src/testing';
import { StatesError } from '../../src/testing/engine/states-error';

const call = (n = 0) => ({ stateName: 'T', statePath: 'T', resource: 'x', context: {}, attempt: 1, call: n });

describe('TaskMock', () => {
  test('result returns a copy, so later states cannot change the mock', async () => {
    const value = { a: [1] };
    const first = await TaskMock.result(value)._invoke({}, call()) as any;
    first.a.push(2);
    expect(value).toEqual({ a: [1] });
  });

  test('error throws a Step Functions error', async () => {
    await expect(TaskMock.error('E', 'c')._invoke({}, call())).rejects.toEqual(new StatesError('E', 'c'));
  });

  test('results and sequence step through calls', async () => {
    const m = TaskMock.results('a', 'b');
    expect(await m._invoke({}, call(0))).toBe('a');
    expect(await m._invoke({}, call(1))).toBe('b');
  });

  test('fn gets a copy of the input and the call; TaskFailure becomes a Step Functions error', async () => {
    const input = { n: 1 };
    const m = TaskMock.fn((i, c) => { i.n = 99; return c.attempt; });
    expect(await m._invoke(input, call())).toBe(1);
    expect(input.n).toBe(1);
    await expect(TaskMock.fn(() => { throw new TaskFailure('X', 'y'); })._invoke({}, call())).rejects.toEqual(new StatesError('X', 'y'));
  });

  test('a worker handler and its mock fail alike: cdk-stepwise/runtime throws the same TaskFailure', async () => {
    expect(RuntimeTaskFailure).toBe(TaskFailure);
    const fromHandler = () => { throw new RuntimeTaskFailure('Payment.Declined'); };
    await expect(TaskMock.fn(fromHandler)._invoke({}, call())).rejects.toEqual(new StatesError('Payment.Declined', ''));
  });

  test('fn errors other than TaskFailure reach the test as they are', async () => {
    await expect(TaskMock.fn(() => { throw new RangeError('bug in my mock'); })._invoke({}, call())).rejects.toThrow(RangeError);
  });

  test.each([
    [TaskMock.fn(() => undefined), /the mock returned undefined/],
    [TaskMock.result({ big: BigInt(1) }), /the mock result is not JSON/],
  ])('fails when the result is not JSON', async (mock, message) => {
    await expect(mock._invoke({}, call())).rejects.toThrow(InvalidMockError);
    await expect(mock._invoke({}, call())).rejects.toThrow(message);
  });

  test('fails when a sequence is empty', () => {
    expect(() => TaskMock.sequence()).toThrow(/TaskMock.sequence\(\) needs at least one step/);
  });
});
