/*
 * Every finding says the value it found in its message, not only in `actual` (issue 11, deliverable
 * 7): run over every definition of the ASL corpus, rejected and valid, so each rule that fires on a
 * real definition is held to it.
 */
import { loadCorpus } from './corpus';
import { Finding } from '../../../src/core/finding';
import { validateDefinition } from '../../../src/validation/validate';

const normalize = (text: string): string => text.toLowerCase().replace(/\s+/g, ' ');

/**
 * Whether a message states a finding's `actual`: as written, or JSON-escaped (a value quoted in the
 * message); a long value cut short with `...` in `actual` is looked for up to the cut.
 */
export function statesActual(message: string, actual: string): boolean {
  const m = normalize(message);
  return [actual, JSON.stringify(actual).slice(1, -1)].some((form) => {
    const value = normalize(form.endsWith('...') ? form.slice(0, -3) : form);
    return m.includes(value);
  });
}

describe('finding messages', () => {
  test('statesActual finds a value as written, JSON-escaped or cut short, and not a different one', () => {
    expect(statesActual("the Map state 'M' has MaxConcurrency \"$.n\"; it must be a number", '"$.n"')).toBe(true);
    expect(statesActual('holds "States.Format(\\"{}\\")", which', 'States.Format("{}")')).toBe(true);
    expect(statesActual('Resource "arn:aws:states:::aws-sdk:comprehend:detectSentiment.async" of', '"arn:aws:states:::aws-sdk:comprehend:...')).toBe(true);
    // The message of SW113 before deliverable 7: the value only in `actual`.
    expect(statesActual("MaxConcurrency of the Map state 'M'", '"$.n"')).toBe(false);
  });

  test('every finding on the corpus with an actual value states it in its message', () => {
    const findings: Array<[string, Finding]> = [];
    for (const entry of loadCorpus()) {
      for (const f of validateDefinition(entry.text)) {
        findings.push([entry.id, f]);
      }
    }
    const withActual = findings.filter(([, f]) => f.actual !== undefined);
    // The corpus exercises many rules: the test is only as good as their number.
    expect(new Set(withActual.map(([, f]) => f.code)).size).toBeGreaterThanOrEqual(39);
    const silent = withActual
      .filter(([, f]) => !statesActual(f.message, f.actual!))
      .map(([id, f]) => `${f.code} ${id}: actual ${f.actual} / message ${f.message}`);
    expect(silent).toEqual([]);
  });

  test.each([
    ['an Express Wait until a timestamp (SW305), logging off (SW404)', { StartAt: 'W', States: { W: { Type: 'Wait', TimestampPath: '$.at', End: true } } }, { workflowType: 'EXPRESS' as const, loggingEnabled: false }, ['SW305', 'SW404']],
    ['an empty state name (SW103)', { StartAt: '', States: { '': { Type: 'Pass', End: true } } }, {}, ['SW103']],
    ['two Maps with one label (SW114)', {
      StartAt: 'M1',
      States: {
        M1: { Type: 'Map', Label: 'orders', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, Next: 'M2' },
        M2: { Type: 'Map', Label: 'orders', ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'B', States: { B: { Type: 'Pass', End: true } } }, End: true },
      },
    }, {}, ['SW114']],
    ['an inline Map with an ExecutionType (SW150)', {
      StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { ProcessorConfig: { ExecutionType: 'EXPRESS' }, StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }, End: true } },
    }, {}, ['SW150']],
  ])('findings outside the corpus state their value too: %s', (_, definition, settings, codes) => {
    const findings = validateDefinition(definition, settings).filter((f) => f.actual !== undefined);
    expect(findings.map((f) => f.code)).toEqual(expect.arrayContaining(codes));
    expect(findings.filter((f) => !statesActual(f.message, f.actual!)).map((f) => `${f.code}: ${f.actual} / ${f.message}`)).toEqual([]);
  });
});
