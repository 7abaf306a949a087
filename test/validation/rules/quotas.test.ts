import { TokenKind } from '../../../src/core/asl/render';
import { Severity } from '../../../src/core/finding';
import {
  activityNameRule, definitionSizeRule, durationRule, historyRule, mapLabelRule, mapLimitsRule, payloadSizeRule,
  stateMachineNameRule, stateNameRule, tagRule,
} from '../../../src/validation/rules/quotas';
import { check, machine, task } from '../helpers';

const pass = { Type: 'Pass', End: true };

describe('definition size (SW101, SW102)', () => {
  test('fails when the definition is over 1,048,576 characters', () => {
    // GIVEN a definition of 1,100,000+ characters
    const def = machine({ A: { ...pass, Comment: 'x'.repeat(1_100_000) } });
    const text = JSON.stringify(def);
    // WHEN
    const findings = check(definitionSizeRule, text);
    // THEN
    expect(findings).toEqual([expect.objectContaining({
      code: 'SW101', severity: Severity.ERROR, statePath: '', limit: '1,048,576 characters', actual: `${text.length.toLocaleString('en-US')} characters`,
    })]);
    expect(findings[0].message).toContain(`${text.length.toLocaleString('en-US')} characters`);
  });

  test('warns from 80% of the quota, with the share', () => {
    const text = JSON.stringify(machine({ A: { ...pass, Comment: 'x'.repeat(900_000) } }));
    const findings = check(definitionSizeRule, text);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW102', severity: Severity.WARNING, statePath: '' })]);
    expect(findings[0].actual).toEqual(`about ${text.length.toLocaleString('en-US')} characters (86%)`);
    expect(findings[0].limit).toEqual('1,048,576 characters (warning from 80%)');
  });

  test('warns, not fails, when only the estimate of unresolved values goes over', () => {
    // GIVEN 1,040,000 literal characters and 100 resource ARNs (placeholders of 12 characters, estimated at 256 each)
    const placeholder = '${Ref:Queue}';
    const text = JSON.stringify(machine({ A: { ...pass, Comment: 'x'.repeat(1_040_000), Parameters: { q: Array(100).fill(placeholder) } } }));
    const tokens = Array.from({ length: 100 }, () => ({ placeholder, kind: TokenKind.REF, target: 'Queue', intrinsic: { Ref: 'Queue' } }));
    // WHEN
    const findings = check(definitionSizeRule, text, { tokens });
    // THEN the estimate is text - 100 * 12 + 100 * 256
    const estimate = text.length - 1200 + 25_600;
    expect(findings).toEqual([expect.objectContaining({ code: 'SW102', actual: `about ${estimate.toLocaleString('en-US')} characters (${Math.round(estimate / 1_048_576 * 100)}%)` })]);
    expect(findings[0].message).toContain('may exceed the size quota once deployed');
    expect(findings[0].message).toContain('100 unresolved CloudFormation values estimated at 25,600 characters together');
  });

  test('passes a small definition', () => {
    expect(check(definitionSizeRule, machine({ A: pass }))).toEqual([]);
  });
});

describe('state names (SW103)', () => {
  test('fails when a state name has 81 characters, naming its path in a branch', () => {
    const long = 'n'.repeat(81);
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ [long]: pass })] } });
    const findings = check(stateNameRule, def);
    expect(findings).toEqual([expect.objectContaining({
      code: 'SW103', severity: Severity.ERROR, statePath: `P/Branches[0]/${long}`, limit: '1 to 80 characters', actual: '81 characters',
    })]);
    expect(findings[0].message).toContain('is 81 characters long');
  });

  test('fails when a state name is empty', () => {
    expect(check(stateNameRule, machine({ '': pass }))).toEqual([expect.objectContaining({ code: 'SW103', actual: '0 characters' })]);
  });

  test('passes 80 characters, counted in Unicode characters rather than UTF-16 units', () => {
    expect(check(stateNameRule, machine({ ['n'.repeat(80)]: pass }))).toEqual([]);
    expect(check(stateNameRule, machine({ ['\u{1F680}'.repeat(80)]: pass }))).toEqual([]);
    expect(check(stateNameRule, machine({ ['\u{1F680}'.repeat(81)]: pass }))).toEqual([expect.objectContaining({ actual: '81 characters' })]);
  });
});

describe('state machine name (SW104, SW105)', () => {
  test.each([
    ['a'.repeat(81), '81 characters'],
    ['', '0 characters'],
    ['order processing', 'whitespace'],
    ['orders/prod', "'/'"],
    ['orders#1', "'#'"],
  ])('fails for %j', (name, actual) => {
    const findings = check(stateMachineNameRule, machine({ A: pass }), { stateMachineName: name });
    expect(findings).toEqual([expect.objectContaining({ code: 'SW104', severity: Severity.ERROR, statePath: '', actual })]);
  });

  test('warns for a name CloudWatch does not handle well, and says when the machine logs', () => {
    const findings = check(stateMachineNameRule, machine({ A: pass }), { stateMachineName: 'Orders.v2', loggingEnabled: true });
    expect(findings).toEqual([expect.objectContaining({ code: 'SW105', severity: Severity.WARNING, actual: '.', limit: 'only 0-9 A-Z a-z - _' })]);
    expect(findings[0].message).toContain('logs to CloudWatch Logs');
  });

  test('passes a plain name, and an unknown name', () => {
    expect(check(stateMachineNameRule, machine({ A: pass }), { stateMachineName: 'Orders-Prod_1' })).toEqual([]);
    expect(check(stateMachineNameRule, machine({ A: pass }), {})).toEqual([]);
  });
});

describe('activity names (SW106)', () => {
  test('fails for an activity ARN whose name has a space', () => {
    const def = machine({ Work: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:bad name' }) });
    expect(check(activityNameRule, def)).toEqual([expect.objectContaining({ code: 'SW106', statePath: 'Work', actual: 'whitespace' })]);
  });

  test('fails for an activity name of 81 characters, with placeholders for the account', () => {
    const def = machine({ Work: task({ Resource: `arn:\${AWS::Partition}:states:\${AWS::Region}:\${AWS::AccountId}:activity:${'a'.repeat(81)}` }) });
    expect(check(activityNameRule, def)).toEqual([expect.objectContaining({ code: 'SW106', actual: '81 characters', limit: '1 to 80 characters' })]);
  });

  test('passes a good name and a name that is a CloudFormation value', () => {
    expect(check(activityNameRule, machine({ W: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve-order' }) }))).toEqual([]);
    expect(check(activityNameRule, machine({ W: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:${Ref:Name}' }) }))).toEqual([]);
  });
});

describe('static payloads (SW107, SW108)', () => {
  test('fails when a Pass Result is over 262,144 bytes', () => {
    const result = { data: 'x'.repeat(300_000) };
    const findings = check(payloadSizeRule, machine({ Big: { ...pass, Result: result } }));
    const bytes = JSON.stringify(result).length;
    expect(findings).toEqual([expect.objectContaining({
      code: 'SW107', severity: Severity.ERROR, statePath: 'Big', limit: '262,144 bytes', actual: `${bytes.toLocaleString('en-US')} bytes`,
    })]);
    expect(findings[0].message).toContain('States.DataLimitExceeded');
  });

  test('counts UTF-8 bytes, not characters', () => {
    // 140,000 characters but 280,000 bytes
    const findings = check(payloadSizeRule, machine({ T: task({ Parameters: { text: '\u00e9'.repeat(140_000) } }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW107', actual: '280,011 bytes' })]);
    expect(findings[0].message).toContain('the static part of Parameters');
  });

  test('warns from 80% of the quota', () => {
    const findings = check(payloadSizeRule, machine({ T: task({ Parameters: { text: 'x'.repeat(220_000) } }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW108', severity: Severity.WARNING, actual: '220,011 bytes', limit: '262,144 bytes (warning from 80%)' })]);
    expect(findings[0].message).toContain('84% of the quota');
  });

  test('checks Assign against the 256 KiB per-Assign variables quota, also in Catch', () => {
    const def = machine({ T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F', Assign: { big: 'x'.repeat(270_000) } }], End: true }), F: { Type: 'Fail' } });
    expect(check(payloadSizeRule, def)).toEqual([expect.objectContaining({ code: 'SW107', statePath: 'T', actual: '270,010 bytes' })]);
    expect(check(payloadSizeRule, def)[0].message).toContain('Catch[0].Assign');
  });

  test('passes dynamic parts: JSONPath .$ entries and JSONata expressions do not count', () => {
    const big = 'x'.repeat(300_000);
    expect(check(payloadSizeRule, machine({ T: task({ Parameters: { 'big.$': `$.${big}`, 'small': 1 } }) }))).toEqual([]);
    expect(check(payloadSizeRule, machine({ T: task({ QueryLanguage: 'JSONata', Arguments: { big: `{% '${big}' %}` } }) }))).toEqual([]);
    expect(check(payloadSizeRule, machine({ A: { ...pass, Result: { small: 'x' } } }))).toEqual([]);
  });
});

describe('tags (SW109, SW110, SW111)', () => {
  const tags = (n: number): { key: string; value: string }[] => Array.from({ length: n }, (_, i) => ({ key: `k${i}`, value: 'v' }));

  test('fails with 51 tags', () => {
    expect(check(tagRule, machine({ A: pass }), { tags: tags(51) })).toEqual([expect.objectContaining({ code: 'SW109', limit: '50 tags', actual: '51 tags' })]);
  });

  test('fails for a key of 129 characters, a value of 257 and the aws: prefix', () => {
    const findings = check(tagRule, machine({ A: pass }), { tags: [{ key: 'k'.repeat(129), value: 'v' }, { key: 'team', value: 'v'.repeat(257) }, { key: 'AWS:owner', value: 'x' }] });
    expect(findings.map((f) => [f.code, f.actual])).toEqual([['SW110', '129 characters'], ['SW110', '257 characters'], ['SW110', "'AWS:owner'"]]);
    expect(findings[0].limit).toEqual('1 to 128 characters');
    expect(findings[1].limit).toEqual('0 to 256 characters');
  });

  test('warns for characters outside the documented set', () => {
    expect(check(tagRule, machine({ A: pass }), { tags: [{ key: 'cost#center', value: 'x' }] }))
      .toEqual([expect.objectContaining({ code: 'SW111', severity: Severity.WARNING, actual: '#' })]);
  });

  test('passes 50 tags with the allowed characters, and unknown tags', () => {
    expect(check(tagRule, machine({ A: pass }), { tags: [...tags(49), { key: 'Team Name', value: 'a b_c.d:e/f=g+h-i@j \u00e9' }] })).toEqual([]);
    expect(check(tagRule, machine({ A: pass }), {})).toEqual([]);
  });
});

describe('Map limits (SW112, SW113)', () => {
  const processor = machine({ Item: pass });
  // ProcessorConfig sits in ItemProcessor (ASL "Map State"; aws-cdk-lib writes it there too).
  const dmapState = (extra: Record<string, unknown> = {}, config: Record<string, unknown> = { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }): Record<string, unknown> => ({
    Type: 'Map', End: true, ItemProcessor: { ...processor, ProcessorConfig: config }, ...extra,
  });

  test('warns when an inline Map asks for more than 40 concurrent iterations', () => {
    const findings = check(mapLimitsRule, machine({ M: { Type: 'Map', End: true, MaxConcurrency: 50, ItemProcessor: processor } }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW112', severity: Severity.WARNING, statePath: 'M', limit: 'about 40 iterations at a time', actual: 'MaxConcurrency 50' })]);
  });

  test.each([
    [{ MaxConcurrency: 10_001 }, 'MaxConcurrency', '10,001'],
    [{ MaxConcurrency: -1 }, 'MaxConcurrency', '-1'],
    [{ ToleratedFailurePercentage: 101 }, 'ToleratedFailurePercentage', '101'],
    [{ ToleratedFailureCount: 1.5 }, 'ToleratedFailureCount', '1.5'],
    [{ ItemBatcher: {} }, 'ItemBatcher', 'neither MaxItemsPerBatch nor MaxInputBytesPerBatch'],
    [{ ItemBatcher: { MaxInputBytesPerBatch: 300_000 } }, 'ItemBatcher.MaxInputBytesPerBatch', '300,000'],
    [{ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: -1 } } }, 'ItemReader.ReaderConfig.MaxItems', '-1'],
    [{ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: 100_000_001 } } }, 'ItemReader.ReaderConfig.MaxItems', '100000001'],
  ])('fails for a Distributed Map with %j', (extra, field, actual) => {
    const findings = check(mapLimitsRule, machine({ M: dmapState(extra) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW113', severity: Severity.ERROR, statePath: 'M', actual })]);
    expect(findings[0].message).toMatch(new RegExp(`^${field.replace(/\./g, '\\.')} of the Map state 'M'`));
    // The message says the value found, not only `actual` (issue 11).
    expect(findings[0].message).toContain(actual.startsWith('neither') ? `sets no batch limit: ${actual}` : `is ${actual};`);
  });

  test('accepts ReaderConfig.MaxItems 0, which means no limit (a deployed AWS sample uses it)', () => {
    const reader = { ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: 0 } } };
    expect(check(mapLimitsRule, machine({ M: dmapState(reader) }))).toEqual([]);
  });

  test('fails for a Distributed Map without ExecutionType', () => {
    expect(check(mapLimitsRule, machine({ M: dmapState({}, { Mode: 'DISTRIBUTED' }) })))
      .toEqual([expect.objectContaining({ code: 'SW113', actual: 'missing', limit: 'STANDARD or EXPRESS (required in DISTRIBUTED mode)' })]);
  });

  test('passes maps within their limits', () => {
    expect(check(mapLimitsRule, machine({ M: { Type: 'Map', End: true, MaxConcurrency: 40, ItemProcessor: processor } }))).toEqual([]);
    const withinLimits = dmapState({ MaxConcurrency: 10_000, ToleratedFailurePercentage: 5, ItemBatcher: { MaxInputBytesPerBatch: 262_144 } });
    expect(check(mapLimitsRule, machine({ M: withinLimits }))).toEqual([]);
    // ProcessorConfig at the Map level is not where Step Functions reads it: the Map is inline.
    expect(check(mapLimitsRule, machine({ M: { Type: 'Map', End: true, ProcessorConfig: { Mode: 'DISTRIBUTED' }, MaxConcurrency: 30, ItemProcessor: processor } }))).toEqual([]);
  });
});

describe('Map Run labels (SW114)', () => {
  const dmap = (label: string): Record<string, unknown> => ({
    Type: 'Map', End: true, Label: label, ItemProcessor: { ...machine({ Item: { Type: 'Pass', End: true } }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
  });

  test('fails for a label of 41 characters, one with a space, and a label used twice', () => {
    expect(check(mapLabelRule, machine({ M: dmap('l'.repeat(41)) }))).toEqual([expect.objectContaining({ code: 'SW114', statePath: 'M', limit: '40 characters', actual: '41 characters' })]);
    expect(check(mapLabelRule, machine({ M: dmap('my label') }))).toEqual([expect.objectContaining({ code: 'SW114', actual: 'whitespace' })]);
    const twice = machine({ M1: { ...dmap('orders'), End: undefined, Next: 'M2' }, M2: dmap('orders') });
    expect(check(mapLabelRule, twice)).toEqual([expect.objectContaining({ code: 'SW114', statePath: 'M2', actual: "2 Map states labelled 'orders'" })]);
  });

  test('passes a short unique label', () => {
    expect(check(mapLabelRule, machine({ M: dmap('orders-2024_q1') }))).toEqual([]);
  });
});

describe('execution duration (SW115, SW116, SW117)', () => {
  test('warns when the state machine timeout is above a year (Standard) or 5 minutes (Express)', () => {
    expect(check(durationRule, machine({ A: pass }, { TimeoutSeconds: 31_536_001 })))
      .toEqual([expect.objectContaining({ code: 'SW115', severity: Severity.WARNING, statePath: '', limit: '31,536,000 seconds', actual: '31,536,001 seconds' })]);
    const express = check(durationRule, machine({ A: pass }, { TimeoutSeconds: 301 }), { workflowType: 'EXPRESS' });
    expect(express).toEqual([expect.objectContaining({ code: 'SW115', limit: '300 seconds', actual: '301 seconds' })]);
    expect(express[0].message).toContain('an Express execution runs at most 300 seconds');
  });

  test('fails when a Wait in a branch of an Express workflow waits more than 5 minutes', () => {
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ Pause: { Type: 'Wait', Seconds: 400, End: true } })] } });
    const findings = check(durationRule, def, { workflowType: 'EXPRESS' });
    expect(findings).toEqual([expect.objectContaining({ code: 'SW116', severity: Severity.ERROR, statePath: 'P/Branches[0]/Pause', limit: '300 seconds', actual: '400 seconds' })]);
    expect(findings[0].message).toContain('every execution that reaches it fails with States.Timeout');
  });

  test('fails when a Wait is longer than the state machine timeout', () => {
    const findings = check(durationRule, machine({ Pause: { Type: 'Wait', Seconds: 120, End: true } }, { TimeoutSeconds: 60 }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW116', limit: '60 seconds', actual: '120 seconds' })]);
    expect(findings[0].message).toContain('the state machine times out after 60 seconds');
  });

  test('fails when a Wait in the Express children of a Distributed Map waits more than 5 minutes', () => {
    const def = machine({
      M: { Type: 'Map', End: true, ItemProcessor: { ...machine({ Pause: { Type: 'Wait', Seconds: 600, End: true } }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } } },
    });
    const findings = check(durationRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW116', statePath: 'M/ItemProcessor/Pause', limit: '300 seconds' })]);
    expect(findings[0].message).toContain("the Express child executions of 'M' run at most 300 seconds");
  });

  test('warns when a task timeout or heartbeat is longer than the execution can run', () => {
    const findings = check(durationRule, machine({ T: task({ TimeoutSeconds: 600, HeartbeatSeconds: 400 }) }), { workflowType: 'EXPRESS' });
    expect(findings.map((f) => [f.code, f.actual, f.limit])).toEqual([['SW117', '600 seconds', '300 seconds'], ['SW117', '400 seconds', '300 seconds']]);
  });

  test('passes waits and timeouts within the bounds, using the settings timeout when the definition has none', () => {
    expect(check(durationRule, machine({ W: { Type: 'Wait', Seconds: 300, Next: 'T' }, T: task({ TimeoutSeconds: 299 }) }), { workflowType: 'EXPRESS' })).toEqual([]);
    expect(check(durationRule, machine({ W: { Type: 'Wait', Seconds: 86_400, End: true } }, { TimeoutSeconds: 172_800 }))).toEqual([]);
    expect(check(durationRule, machine({ W: { Type: 'Wait', Seconds: 90, End: true } }), { timeoutSeconds: 60 })).toEqual([expect.objectContaining({ code: 'SW116' })]);
  });
});

describe('execution history (SW118, SW119)', () => {
  const loop = {
    'Poll': task({ End: undefined, Next: 'Pause' }),
    'Pause': { Type: 'Wait', Seconds: 10, Next: 'Done?' },
    'Done?': { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: false, Next: 'Poll' }], Default: 'End' },
    'End': { Type: 'Succeed' },
  };

  test('warns on a polling loop in a Standard workflow, with the events per pass and the passes that fit', () => {
    const findings = check(historyRule, machine(loop));
    // Task 5 events + Wait 2 + Choice 2 = 9 per pass; 25,000 / 9 = 2,777 passes
    expect(findings).toEqual([expect.objectContaining({
      code: 'SW118', severity: Severity.WARNING, statePath: 'Poll', limit: '25,000 events per execution', actual: 'at least 9 events per pass',
    })]);
    expect(findings[0].message).toContain("the states 'Poll', 'Pause', 'Done?' form a loop");
    expect(findings[0].message).toContain('fails after about 2,777 passes');
  });

  test('a loop whose bound a pattern recorded (PollUntilDone) is not warned about while the bound fits the quota', () => {
    const bounded = (worst: number) => ({ stateFacts: new Map([['Done?', { loopBound: { maxAttempts: 40, worstCaseHistoryEvents: worst } }]]) });
    expect(check(historyRule, machine(loop), bounded(363))).toEqual([]);
    // A recorded bound over the quota is still a loop that can exhaust the history.
    expect(check(historyRule, machine(loop), bounded(25_001))).toEqual([expect.objectContaining({ code: 'SW118', statePath: 'Poll' })]);
    // The facts are the builder's; a Comment saying the same counts for nothing.
    expect(check(historyRule, machine({ ...loop, 'Done?': { ...loop['Done?'], Comment: 'maxAttempts=40 worstCaseHistoryEvents=363' } })))
      .toEqual([expect.objectContaining({ code: 'SW118' })]);
  });

  test('warns on a state that loops to itself, inside a branch', () => {
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ Again: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Again' }], Default: 'Out' }, Out: pass })] } });
    const findings = check(historyRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW118', statePath: 'P/Branches[0]/Again', actual: 'at least 2 events per pass' })]);
    expect(findings[0].message).toContain('after about 12,500 passes');
  });

  test('warns on an inline Map over its input, with the largest list that fits', () => {
    const def = machine({ Each: { Type: 'Map', End: true, ItemsPath: '$.orders', ItemProcessor: machine({ Charge: task() }) } });
    const findings = check(historyRule, def);
    // 2 iteration events + 5 for the Task = 7 per item; 25,000 / 7 = 3,571 items
    expect(findings).toEqual([expect.objectContaining({ code: 'SW119', statePath: 'Each', actual: 'at least 7 events per item' })]);
    expect(findings[0].message).toContain('ItemsPath "$.orders"');
    expect(findings[0].message).toContain('more than about 3,571 items');
  });

  test('warns on a JSONata inline Map over a literal list too long for the history', () => {
    const map = (n: number): Record<string, unknown> => machine({ Each: { Type: 'Map', End: true, Items: Array(n).fill(1), ItemProcessor: machine({ P: pass }) } }, { QueryLanguage: 'JSONata' });
    // 2 + 2 = 4 per item; 25,000 / 4 = 6,250 items
    expect(check(historyRule, map(7000))).toEqual([expect.objectContaining({ code: 'SW119', actual: '7,000 items', limit: '25,000 events per execution (about 6,250 items)' })]);
    expect(check(historyRule, map(6000))).toEqual([]);
  });

  test('passes Express workflows, Express Map children, Distributed Maps and loop-free definitions', () => {
    expect(check(historyRule, machine(loop), { workflowType: 'EXPRESS' })).toEqual([]);
    const dmap = (type: string): Record<string, unknown> => machine({
      M: { Type: 'Map', End: true, ItemProcessor: { ...machine(loop), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type } } },
    });
    expect(check(historyRule, dmap('EXPRESS'))).toEqual([]);
    // A Standard child execution has its own 25,000-event history: its loop counts there.
    expect(check(historyRule, dmap('STANDARD'))).toEqual([expect.objectContaining({ code: 'SW118', statePath: 'M/ItemProcessor/Poll' })]);
    expect(check(historyRule, machine({ A: { Type: 'Pass', Next: 'B' }, B: pass }))).toEqual([]);
  });
});
