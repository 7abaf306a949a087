import { machine } from './helpers';
import { ALL_CODES, CODES } from '../../src/core/codes';
import { Severity } from '../../src/core/finding';
import { Rule } from '../../src/validation/private/context';
import { schemaRule } from '../../src/validation/rules/schema';
import { ALL_RULES, validateDefinition } from '../../src/validation/validate';

/** A definition that passes every rule: a timeout, retried Lambda, heartbeat below timeout, a Choice with Default. */
const CLEAN = machine({
  'Validate': {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    TimeoutSeconds: 30,
    Next: 'Route',
    Retry: [{ ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'], IntervalSeconds: 2, MaxAttempts: 6, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
  },
  'Route': { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Fan out' }], Default: 'Failed' },
  'Fan out': {
    Type: 'Parallel',
    Next: 'Done',
    Branches: [
      machine({ Approve: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', TimeoutSeconds: 3600, HeartbeatSeconds: 600, End: true } }),
      machine({ Wait: { Type: 'Wait', Seconds: 5, End: true } }),
    ],
  },
  'Done': { Type: 'Succeed' },
  'Failed': { Type: 'Fail', Error: 'Order.Failed' },
}, { TimeoutSeconds: 86_400 });

describe('validateDefinition', () => {
  test('finds nothing in a clean definition, as an object or as text', () => {
    expect(validateDefinition(CLEAN)).toEqual([]);
    expect(validateDefinition(JSON.stringify(CLEAN, undefined, 2), { stateMachineName: 'Orders', tags: [{ key: 'team', value: 'orders' }], loggingEnabled: true })).toEqual([]);
  });

  test('fails with one SW201 finding for malformed JSON', () => {
    const findings = validateDefinition('{"StartAt": "A", "States": {');
    expect(findings).toEqual([expect.objectContaining({ code: 'SW201', severity: Severity.ERROR, statePath: '' })]);
    expect(findings[0].message).toMatch(/^the definition is not valid JSON: /);
  });

  test.each([
    ['[]', 'an array'], ['"text"', 'string'], ['null', 'null'], ['42', 'number'],
  ])('fails with one SW201 finding for %s', (json, what) => {
    expect(validateDefinition(json)).toEqual([expect.objectContaining({ code: 'SW201', message: `the definition is ${what}, not a JSON object with StartAt and States` })]);
  });

  test('never throws on odd shapes: States as an array, states as numbers, Branches as a string', () => {
    const odd = [
      { StartAt: 1, States: [] },
      { StartAt: 'A', States: { A: 5 } },
      { StartAt: 'P', States: { P: { Type: 'Parallel', Branches: 'x', End: true } } },
      { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: null, Retry: 'x', Catch: [1], End: true } } },
      { StartAt: 'C', States: { C: { Type: 'Choice', Choices: [null, 'x'], Default: 7 } } },
    ];
    for (const def of odd) {
      const findings = validateDefinition(def);
      expect(findings.length).toBeGreaterThan(0);
      // No rule failed internally: every finding is a real one, not an internal error.
      expect(findings.filter((f) => f.message.includes('internal error'))).toEqual([]);
    }
  });

  test('reports a rule that throws as a warning with its first code, and keeps its other findings', () => {
    const broken: Rule = {
      name: 'broken',
      codes: [CODES.SW118, CODES.SW119],
      check(ctx) {
        ctx.report(CODES.SW119, 'A', 'found before the crash');
        throw new Error('boom');
      },
    };
    const findings = validateDefinition(machine({ A: { Type: 'Pass', End: true } }), {}, [broken]);
    expect(findings).toEqual([
      expect.objectContaining({ code: 'SW119', statePath: 'A', message: 'found before the crash' }),
      expect.objectContaining({ code: 'SW118', severity: Severity.WARNING, statePath: '', message: 'the broken check failed with an internal error and was skipped: boom' }),
    ]);
  });

  test('turns a rule that reports a code it does not declare into its internal-error finding', () => {
    const sloppy: Rule = { name: 'sloppy', codes: [CODES.SW401], check: (ctx) => ctx.report(CODES.SW402, '', 'x') };
    expect(validateDefinition(machine({ A: { Type: 'Pass', End: true } }), {}, [sloppy]))
      .toEqual([expect.objectContaining({ code: 'SW401', message: "the sloppy check failed with an internal error and was skipped: rule 'sloppy' reported SW402, which it does not declare" })]);
  });

  test('every rule declares registered codes, and every validation code belongs to one rule', () => {
    const registered = new Set(ALL_CODES.map((c) => c.code));
    const declared = ALL_RULES.flatMap((r) => r.codes.map((c) => c.code));
    expect(declared.filter((c) => !registered.has(c))).toEqual([]);
    // SW201/SW202 are reported by the entry points; every other SW1xx-SW4xx code by exactly one rule,
    // except the ASL codes the schema rule shares with the hand-written rule of the same code (it
    // reports the cases the hand-written rule leaves out, never the same case twice).
    const shared = new Set(schemaRule.codes.map((c) => c.code));
    const validationCodes = [...registered].filter((c) => /^SW[1-4]\d\d$/.test(c) && c !== 'SW201' && c !== 'SW202');
    const declaredBy = (c: string): number => declared.filter((d) => d === c).length;
    expect(validationCodes.filter((c) => declaredBy(c) !== 1 && !(shared.has(c) && declaredBy(c) === 2))).toEqual([]);
  });
});
