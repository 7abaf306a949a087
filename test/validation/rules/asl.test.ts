import { Severity } from '../../../src/core/finding';
import {
  choiceRule, duplicateNameRule, errorHandlingRule, exclusiveFieldsRule, fieldPlacementRule, nextEndRule, queryLanguageRule,
  reachabilityRule, structureRule, terminalRule, timeRule, transitionRule,
} from '../../../src/validation/rules/asl';
import { check, machine, task } from '../helpers';

const pass = { Type: 'Pass', End: true };

describe('structure (SW203, SW204)', () => {
  test('fails when StartAt names no state of its scope', () => {
    const findings = check(structureRule, { StartAt: 'Missing', States: { A: pass } });
    expect(findings).toEqual([expect.objectContaining({ code: 'SW203', severity: Severity.ERROR, statePath: '', actual: "'Missing'" })]);
    expect(findings[0].message).toContain("StartAt of the state machine names 'Missing'");
  });

  test('fails when a branch has no States, or no states, and a Parallel no branches', () => {
    const def = machine({
      P: { Type: 'Parallel', Next: 'Q', Branches: [{ StartAt: 'X' }, { StartAt: 'X', States: {} }] },
      Q: { Type: 'Parallel', End: true, Branches: [] },
    });
    const findings = check(structureRule, def);
    expect(findings.map((f) => [f.statePath, f.actual])).toEqual([
      ['P/Branches[0]', 'States is missing'],
      ['P/Branches[1]', '0 states'],
      ['Q', '0 branches'],
    ]);
  });

  test('fails for a Map without ItemProcessor', () => {
    expect(check(structureRule, machine({ M: { Type: 'Map', End: true } }))).toEqual([expect.objectContaining({ code: 'SW203', statePath: 'M', actual: 'no ItemProcessor' })]);
  });

  test('fails for a state with no Type, an unknown Type, or that is not an object', () => {
    const findings = check(structureRule, machine({ A: { Next: 'B' }, B: { Type: 'Lambda', Next: 'C' }, C: 'Succeed' }));
    expect(findings.map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW204', 'A', 'no Type'], ['SW204', 'B', '"Lambda"'], ['SW204', 'C', '"Succeed"'],
    ]);
  });

  test('passes a well-formed definition with a branch and a processor (Iterator accepted)', () => {
    const def = machine({
      P: { Type: 'Parallel', Next: 'M', Branches: [machine({ B: pass })] },
      M: { Type: 'Map', End: true, Iterator: machine({ I: pass }) },
    });
    expect(check(structureRule, def)).toEqual([]);
  });
});

describe('Next and End (SW205)', () => {
  test('fails for a Task with neither, a Pass with both, a Choice with End and a Succeed with Next', () => {
    const def = machine({
      T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage' },
      P: { Type: 'Pass', Next: 'T', End: true },
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'T' }], Default: 'T', End: true },
      S: { Type: 'Succeed', Next: 'T' },
    });
    const findings = check(nextEndRule, def);
    expect(findings.map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW205', 'T', 'neither'], ['SW205', 'P', 'both'], ['SW205', 'C', 'End'], ['SW205', 'S', 'Next'],
    ]);
    expect(findings[0].limit).toEqual('exactly one of Next or "End": true');
  });

  test('passes "End": false with Next, and terminal states without either', () => {
    expect(check(nextEndRule, machine({ A: { Type: 'Pass', Next: 'B', End: false }, B: { Type: 'Fail' } }))).toEqual([]);
  });
});

describe('transitions (SW206, SW207)', () => {
  test('fails for a Next to a state that does not exist', () => {
    const findings = check(transitionRule, machine({ A: { Type: 'Pass', Next: 'b' }, B: pass }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW206', severity: Severity.ERROR, statePath: 'A', actual: "'b'" })]);
    expect(findings[0].message).toEqual("Next of 'A' names 'b', which is not a state");
  });

  test('fails for a Choice rule, a Default and a Catch naming missing states', () => {
    const def = machine({
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Nope' }], Default: 'Gone' },
      T: task({ Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Lost' }] }),
    });
    expect(check(transitionRule, def).map((f) => f.message.split(' names')[0])).toEqual(["Choices[0].Next of 'C'", "Default of 'C'", "Catch[0].Next of 'T'"]);
  });

  test('fails for a transition out of a branch and into a processor', () => {
    const def = machine({
      P: { Type: 'Parallel', Next: 'M', Branches: [machine({ Inner: { Type: 'Pass', Next: 'After' } })] },
      M: { Type: 'Map', Next: 'After', ItemProcessor: machine({ Item: pass }) },
      After: { Type: 'Pass', Next: 'Item' },
    });
    const findings = check(transitionRule, def);
    expect(findings.map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW207', 'P/Branches[0]/Inner', "'After' is at the top level"],
      ['SW207', 'After', "'Item' is in 'M/ItemProcessor'"],
    ]);
  });

  test('passes transitions inside their scopes', () => {
    const def = machine({
      P: { Type: 'Parallel', End: true, Branches: [machine({ X: { Type: 'Pass', Next: 'Y' }, Y: pass })] },
    });
    expect(check(transitionRule, def)).toEqual([]);
  });
});

describe('reachability (SW208)', () => {
  test('fails for a state nothing leads to, in a processor', () => {
    const def = machine({ M: { Type: 'Map', End: true, ItemProcessor: machine({ I: pass, Orphan: pass }) } });
    const findings = check(reachabilityRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW208', severity: Severity.ERROR, statePath: 'M/ItemProcessor/Orphan' })]);
    expect(findings[0].message).toContain("from StartAt 'I'");
  });

  test('passes states reached by Next, Choice rules, Default and Catch', () => {
    const def = machine({
      T: task({ End: undefined, Next: 'C', Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }] }),
      C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'Yes' }], Default: 'No' },
      Yes: pass,
      No: pass,
      Failed: { Type: 'Fail' },
    });
    expect(check(reachabilityRule, def)).toEqual([]);
  });
});

describe('terminal state (SW209)', () => {
  test('fails for a scope whose states only loop', () => {
    const findings = check(terminalRule, machine({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', Next: 'A' } }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW209', statePath: '', actual: '2 states, none terminal', limit: 'at least one terminal state' })]);
  });

  test('passes End, Succeed and Fail', () => {
    expect(check(terminalRule, machine({ A: pass }))).toEqual([]);
    expect(check(terminalRule, machine({ A: { Type: 'Succeed' } }))).toEqual([]);
    expect(check(terminalRule, machine({ A: { Type: 'Fail' } }))).toEqual([]);
  });
});

describe('Retry and Catch (SW210, SW211, SW212, SW223)', () => {
  test('fails when States.ALL shares its ErrorEquals or is not last', () => {
    const def = machine({
      T: task({
        Retry: [{ ErrorEquals: ['States.ALL', 'States.Timeout'] }, { ErrorEquals: ['Custom.Error'] }],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'F' }, { ErrorEquals: ['Custom.Error'], Next: 'F' }],
      }),
      F: { Type: 'Fail' },
    });
    const findings = check(errorHandlingRule, def);
    expect(findings.map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW210', 'T', '["States.ALL","States.Timeout"]'],
      ['SW210', 'T', 'retrier 1 of 2'],
      ['SW210', 'T', 'catcher 1 of 2'],
    ]);
    expect(findings[1].message).toEqual("Retry[0] of 'T' uses States.ALL but is not the last retrier: it is retrier 1 of 2");
  });

  test.each([
    [{ IntervalSeconds: 0 }, 'IntervalSeconds', 'an integer from 1 to 99,999,999', '0'],
    [{ IntervalSeconds: 1.5 }, 'IntervalSeconds', 'an integer from 1 to 99,999,999', '1.5'],
    [{ MaxAttempts: -1 }, 'MaxAttempts', 'an integer from 0 to 99,999,999', '-1'],
    [{ MaxAttempts: 100_000_000 }, 'MaxAttempts', 'an integer from 0 to 99,999,999', '100000000'],
    [{ BackoffRate: 0.5 }, 'BackoffRate', 'a number of at least 1.0', '0.5'],
    [{ MaxDelaySeconds: 0 }, 'MaxDelaySeconds', 'an integer above 0 and below 31,622,401', '0'],
    [{ MaxDelaySeconds: 31_622_401 }, 'MaxDelaySeconds', 'an integer above 0 and below 31,622,401', '31622401'],
    [{ JitterStrategy: 'RANDOM' }, 'JitterStrategy', 'FULL or NONE', '"RANDOM"'],
  ])('fails for a retrier with %j', (field, name, limit, actual) => {
    const findings = check(errorHandlingRule, machine({ T: task({ Retry: [{ ErrorEquals: ['States.TaskFailed'], ...field }] }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW211', severity: Severity.ERROR, statePath: 'T', limit, actual })]);
    expect(findings[0].message).toEqual(`${name} of Retry[0] of 'T' is ${actual}, out of range`);
  });

  test('fails for an empty ErrorEquals and a catcher without Next', () => {
    const findings = check(errorHandlingRule, machine({ T: task({ Retry: [{ ErrorEquals: [] }], Catch: [{ ErrorEquals: ['States.ALL'] }] }) }));
    expect(findings.map((f) => [f.code, f.actual])).toEqual([['SW211', '[]'], ['SW212', 'no Next']]);
  });

  test('warns for an error name with the reserved States. prefix that Step Functions does not define', () => {
    const findings = check(errorHandlingRule, machine({ T: task({ Retry: [{ ErrorEquals: ['States.Throttled'] }] }), F: { Type: 'Fail', Error: 'States.MyError' } }));
    expect(findings.map((f) => [f.code, f.severity, f.statePath, f.actual])).toEqual([
      ['SW223', Severity.WARNING, 'T', "'States.Throttled'"], ['SW223', Severity.WARNING, 'F', "'States.MyError'"],
    ]);
  });

  test('passes valid retriers and catchers, the HTTP status error names and the AWS-only names', () => {
    const def = machine({
      T: task({
        Retry: [
          { ErrorEquals: ['States.Http.StatusCode.429', 'States.Timeout'], IntervalSeconds: 1, MaxAttempts: 0, BackoffRate: 1, MaxDelaySeconds: 31_622_400, JitterStrategy: 'FULL' },
          { ErrorEquals: ['States.ALL'] },
        ],
        Catch: [{ ErrorEquals: ['States.DataLimitExceeded'], Next: 'F' }, { ErrorEquals: ['States.ALL'], Next: 'F' }],
      }),
      F: { Type: 'Fail', Error: 'Order.Rejected' },
    });
    expect(check(errorHandlingRule, def)).toEqual([]);
  });
});

describe('timeouts (SW213, SW214)', () => {
  test('fails when the heartbeat equals the timeout', () => {
    const findings = check(timeRule, machine({ T: task({ TimeoutSeconds: 300, HeartbeatSeconds: 300 }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW213', severity: Severity.ERROR, statePath: 'T', limit: 'below 300 seconds', actual: '300 seconds' })]);
    expect(findings[0].message).toEqual("the heartbeat of 'T' (300 seconds) is not below its timeout (300 seconds)");
  });

  test('fails for a zero, fractional or too long task time, a negative state machine timeout and a Wait out of range', () => {
    const def = machine({
      T: task({ End: undefined, Next: 'U', TimeoutSeconds: 0, HeartbeatSeconds: 2.5 }),
      U: task({ End: undefined, Next: 'W', TimeoutSeconds: 100_000_000 }),
      W: { Type: 'Wait', Seconds: 100_000_000, End: true },
    }, { TimeoutSeconds: -5 });
    const findings = check(timeRule, def);
    expect(findings.map((f) => [f.code, f.statePath, f.actual, f.limit])).toEqual([
      ['SW214', '', '-5', 'a positive integer'],
      ['SW214', 'T', '0', 'a whole number of seconds from 1 to 99,999,999'],
      ['SW214', 'T', '2.5', 'a whole number of seconds from 1 to 99,999,999'],
      ['SW214', 'U', '100000000', 'a whole number of seconds from 1 to 99,999,999'],
      ['SW214', 'W', '100000000', 'an integer from 0 to 99,999,999'],
    ]);
  });

  test('passes a heartbeat below the timeout, JSONata expressions and a Wait of 0', () => {
    expect(check(timeRule, machine({ T: task({ TimeoutSeconds: 300, HeartbeatSeconds: 299 }), W: { Type: 'Wait', Seconds: 0, End: true } }))).toEqual([]);
    expect(check(timeRule, machine({ T: task({ QueryLanguage: 'JSONata', TimeoutSeconds: '{% $states.input.t %}' }) }))).toEqual([]);
  });
});

describe('Choice rules (SW215, SW222)', () => {
  test('warns for a Choice without Default, naming States.NoChoiceMatched', () => {
    const findings = check(choiceRule, machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }] }, A: pass }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW215', severity: Severity.WARNING, statePath: 'C' })]);
    expect(findings[0].message).toContain('States.NoChoiceMatched');
  });

  test('fails for a Choice without rules, a rule without Next and a JSONata rule without Condition', () => {
    expect(check(choiceRule, machine({ C: { Type: 'Choice', Choices: [], Default: 'A' }, A: pass }))).toEqual([expect.objectContaining({ code: 'SW222', actual: '0 rules' })]);
    const findings = check(choiceRule, machine({ C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Output: {} }], Default: 'A' }, A: pass }));
    expect(findings.map((f) => f.actual)).toEqual(['no Next', 'no Condition']);
  });

  test('passes a Choice with rules and a Default', () => {
    expect(check(choiceRule, machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.x', IsPresent: true, Next: 'A' }], Default: 'A' }, A: pass }))).toEqual([]);
  });
});

describe('query language fields (SW216, SW217, SW218)', () => {
  test('fails for JSONPath fields in a JSONata state, in its Choice rules and catchers', () => {
    const def = machine({
      T: task({ QueryLanguage: 'JSONata', InputPath: '$.a', Parameters: { 'x.$': '$.x' }, Arguments: { 'y.$': '$.y' }, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C', ResultPath: '$.e' }], End: undefined, Next: 'C' }),
      C: { Type: 'Choice', QueryLanguage: 'JSONata', Choices: [{ Variable: '$.x', StringEquals: 'a', Next: 'A' }], Default: 'A' },
      A: pass,
    });
    const findings = check(queryLanguageRule, def);
    expect(findings.map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW216', 'T', "InputPath, Parameters, Catch[0].ResultPath, Arguments key 'y.$'"],
      ['SW216', 'C', 'Choices[0].Variable, Choices[0].StringEquals'],
    ]);
  });

  test('fails for JSONata fields in a JSONPath state', () => {
    const def = machine({
      T: task({ Arguments: {}, Output: {}, Catch: [{ ErrorEquals: ['States.ALL'], Next: 'C', Output: {} }], End: undefined, Next: 'C' }),
      C: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'A' }], Default: 'A' },
      A: pass,
    });
    expect(check(queryLanguageRule, def).map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW217', 'T', 'Arguments, Output, Catch[0].Output'],
      ['SW217', 'C', 'Choices[0].Condition'],
    ]);
  });

  test('fails for a JSONPath state in a JSONata state machine', () => {
    const def = machine({ A: { Type: 'Pass', QueryLanguage: 'JSONPath', End: true } }, { QueryLanguage: 'JSONata' });
    expect(check(queryLanguageRule, def)).toEqual([expect.objectContaining({ code: 'SW218', statePath: 'A', actual: '"QueryLanguage": "JSONPath"' })]);
  });

  test('passes each language with its own fields, inheriting the top-level language inside Map processors', () => {
    const def = machine({
      M: {
        Type: 'Map',
        QueryLanguage: 'JSONPath',
        ItemsPath: '$.items',
        End: true,
        ItemProcessor: machine({ T: task({ Arguments: { id: '{% $states.input.id %}' }, Output: '{% $states.result %}' }) }),
      },
    }, { QueryLanguage: 'JSONata' });
    // The Map itself is JSONPath inside a JSONata machine (SW218), but its inner Task inherits JSONata.
    expect(check(queryLanguageRule, def).map((f) => f.code)).toEqual(['SW218']);
    expect(check(queryLanguageRule, machine({ T: task({ Parameters: { 'x.$': '$.x' }, ResultPath: '$.r' }) }))).toEqual([]);
  });
});

describe('duplicate state names (SW002)', () => {
  test('fails for the same name in two branches', () => {
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ Send: pass }), machine({ Send: pass })] } });
    const findings = check(duplicateNameRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW002', severity: Severity.ERROR, statePath: 'P/Branches[1]/Send', actual: "2 states named 'Send'" })]);
    expect(findings[0].message).toEqual("there are 2 states named 'Send': 'P/Branches[0]/Send' and 'P/Branches[1]/Send'");
  });

  test('passes unique names', () => {
    expect(check(duplicateNameRule, machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ A1: pass }), machine({ A2: pass })] } }))).toEqual([]);
  });
});

describe('field placement (SW220)', () => {
  test('fails for Retry on a Pass and TimeoutSeconds on a Map', () => {
    const def = machine({
      P: { Type: 'Pass', Next: 'M', Retry: [{ ErrorEquals: ['States.ALL'] }] },
      M: { Type: 'Map', End: true, TimeoutSeconds: 60, ItemProcessor: machine({ I: pass }) },
    });
    expect(check(fieldPlacementRule, def).map((f) => [f.code, f.statePath, f.actual, f.limit])).toEqual([
      ['SW220', 'P', 'Retry', 'Retry and Catch only on Task, Parallel and Map states'],
      ['SW220', 'M', 'TimeoutSeconds', 'Resource, timeouts and heartbeats only on Task states'],
    ]);
  });

  test('passes Retry on a Parallel and timeouts on a Task', () => {
    expect(check(fieldPlacementRule, machine({ P: { Type: 'Parallel', End: true, Retry: [], Branches: [machine({ T: task() })] } }))).toEqual([]);
  });
});

describe('mutually exclusive fields (SW221)', () => {
  test('fails for TimeoutSeconds with TimeoutSecondsPath, and a Wait with two or no durations', () => {
    const def = machine({
      T: task({ End: undefined, Next: 'W1', TimeoutSecondsPath: '$.t' }),
      W1: { Type: 'Wait', Seconds: 1, Timestamp: '2030-01-01T00:00:00Z', Next: 'W2' },
      W2: { Type: 'Wait', End: true },
    });
    expect(check(exclusiveFieldsRule, def).map((f) => [f.code, f.statePath, f.actual])).toEqual([
      ['SW221', 'T', 'both'], ['SW221', 'W1', 'Seconds, Timestamp'], ['SW221', 'W2', 'none'],
    ]);
  });

  test('passes one of each', () => {
    expect(check(exclusiveFieldsRule, machine({ T: task({ End: undefined, Next: 'W' }), W: { Type: 'Wait', SecondsPath: '$.s', End: true } }))).toEqual([]);
  });
});
