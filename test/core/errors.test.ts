import { CODES } from '../../src/core/codes';
import { StepwiseError, findingOf } from '../../src/core/errors';
import { Severity } from '../../src/core/finding';

describe('StepwiseError', () => {
  test('takes its severity and its default fix from the codes registry', () => {
    const error = new StepwiseError({ code: CODES.SW001, statePath: '', message: 'the Workflow has no definition' }, 'App/W');
    expect(error.finding).toEqual({ code: 'SW001', severity: Severity.ERROR, statePath: '', message: 'the Workflow has no definition', fix: CODES.SW001.fix });
    expect(error.message).toBe(`[SW001] App/W: the Workflow has no definition. Fix: ${CODES.SW001.fix}`);
  });

  test('a fix of its own replaces the registry\'s', () => {
    const error = new StepwiseError({ code: CODES.SW002, statePath: 'A', message: 'two states are named A', fix: 'rename one' });
    expect(error.finding.fix).toBe('rename one');
  });

  test('fails when a code the registry calls a warning is thrown (the two cannot drift)', () => {
    expect(CODES.SW606.severity).toBe(Severity.WARNING);
    expect(() => new StepwiseError({ code: CODES.SW606, statePath: '', message: 'x' }))
      .toThrow(/SW606 is a WARNING in the codes registry and cannot be thrown/);
  });
});

describe('findingOf', () => {
  test('a finding gets the registry\'s severity', () => {
    expect(findingOf({ code: CODES.SW119, statePath: 'M', message: 'm' }).severity).toBe(CODES.SW119.severity);
  });
});
