import { LocalRun } from '../../src/testing/run';

const run = new LocalRun({
  status: 'FAILED',
  error: 'Boom',
  cause: 'why',
  variables: {},
  states: [
    { name: 'M', type: 'Map', scope: '', statePath: 'M', input: [1, 2], attempts: 2, retryDelaysSeconds: [1] },
    { name: 'T', type: 'Task', scope: 'M/ItemProcessor[0]', statePath: 'M/ItemProcessor[0]/T', input: 1, attempts: 1, retryDelaysSeconds: [] },
    { name: 'T', type: 'Task', scope: 'M/ItemProcessor[1]', statePath: 'M/ItemProcessor[1]/T', input: 2, attempts: 3, retryDelaysSeconds: [1, 2] },
  ],
});

describe('LocalRun', () => {
  test('path and pathIn are per scope', () => {
    expect(run.path).toEqual(['M']);
    expect(run.pathIn('M/ItemProcessor[1]')).toEqual(['T']);
    expect(run.pathIn('nowhere')).toEqual([]);
  });

  test('attemptsOf sums over entries by name, or counts one place by state path', () => {
    expect(run.attemptsOf('T')).toBe(4);
    expect(run.attemptsOf('M/ItemProcessor[1]/T')).toBe(3);
    expect(run.attemptsOf('Unknown')).toBe(0);
  });

  test('describe says how it ended and where', () => {
    expect(run.succeeded).toBe(false);
    expect(run.describe()).toEqual('FAILED with Boom: why; path: M');
  });
});
