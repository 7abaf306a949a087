import { loopsOf, shortestCycle, shortestRun } from '../../../src/core/asl/graph';
import { buildModel } from '../../../src/core/asl/model';

function model(states: Record<string, unknown>, startAt = Object.keys(states)[0]) {
  return buildModel({ StartAt: startAt, States: states }, 'STANDARD');
}

describe('loopsOf', () => {
  test('finds each loop once, in definition order, and a state that transitions to itself', () => {
    const m = model({
      A: { Type: 'Pass', Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Next: 'A' }], Default: 'C' },
      C: { Type: 'Wait', Seconds: 1, Next: 'C' },
      D: { Type: 'Succeed' },
    });
    expect(loopsOf(m.scopes[0]).map((loop) => loop.map((s) => s.name))).toEqual([['A', 'B'], ['C']]);
  });

  test('a scope without loops has none', () => {
    const m = model({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Succeed' } });
    expect(loopsOf(m.scopes[0])).toEqual([]);
  });

  test('a long chain of states is searched without recursion', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 20_000; i++) {
      states[`S${i}`] = { Type: 'Pass', Next: `S${(i + 1) % 20_000}` };
    }
    expect(loopsOf(model(states).scopes[0])[0]).toHaveLength(20_000);
  });
});

describe('lightest paths', () => {
  const weight = (s: { type?: string }) => (s.type === 'Task' ? 5 : 1);

  test('shortestRun: the lightest way from StartAt to a terminal state', () => {
    const m = model({
      Start: { Type: 'Choice', Choices: [{ Next: 'Heavy' }], Default: 'Light' },
      Heavy: { Type: 'Task', Resource: 'x', Next: 'End' },
      Light: { Type: 'Pass', Next: 'End' },
      End: { Type: 'Succeed' },
    });
    expect(shortestRun(m.scopes[0], weight)).toBe(3);
  });

  test('shortestCycle: the lightest pass round a loop through its entry', () => {
    const m = model({
      'Poll': { Type: 'Task', Resource: 'x', Next: 'Done?' },
      'Done?': { Type: 'Choice', Choices: [{ Next: 'End' }], Default: 'Wait' },
      'Wait': { Type: 'Wait', Seconds: 5, Next: 'Poll' },
      'End': { Type: 'Succeed' },
    });
    const [loop] = loopsOf(m.scopes[0]);
    expect(shortestCycle(loop[0], new Set(loop), weight)).toBe(7);
  });
});
