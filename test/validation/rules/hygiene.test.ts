import { Severity } from '../../../src/core/finding';
import { expressLoggingRule, heartbeatRule, lambdaRetryRule, stateMachineTimeoutRule, taskTimeoutRule } from '../../../src/validation/rules/hygiene';
import { check, machine, task } from '../helpers';

const pass = { Type: 'Pass', End: true };
const LAMBDA_RETRY = {
  ErrorEquals: ['Lambda.ClientExecutionTimeoutException', 'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException'],
  IntervalSeconds: 2,
  MaxAttempts: 6,
  BackoffRate: 2,
};

describe('task timeouts (SW401)', () => {
  test('warns for a Task without TimeoutSeconds, in a branch', () => {
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ Send: task({ TimeoutSeconds: undefined }) })] } });
    const findings = check(taskTimeoutRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW401', severity: Severity.WARNING, statePath: 'P/Branches[0]/Send' })]);
    expect(findings[0].message).toContain("the Task 'Send' has no TimeoutSeconds");
  });

  test('passes TimeoutSeconds, TimeoutSecondsPath and HTTP Tasks (capped at 60 seconds by the service)', () => {
    expect(check(taskTimeoutRule, machine({ T: task() }))).toEqual([]);
    expect(check(taskTimeoutRule, machine({ T: task({ TimeoutSeconds: undefined, TimeoutSecondsPath: '$.t' }) }))).toEqual([]);
    expect(check(taskTimeoutRule, machine({ T: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::http:invoke' }) }))).toEqual([]);
  });
});

describe('callback heartbeats (SW402)', () => {
  test('warns for a callback task and an activity without HeartbeatSeconds', () => {
    const def = machine({
      Ask: task({ Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', End: undefined, Next: 'Work' }),
      Work: task({ Resource: 'arn:aws:states:eu-west-1:123456789012:activity:work' }),
    });
    const findings = check(heartbeatRule, def);
    expect(findings.map((f) => [f.code, f.severity, f.statePath])).toEqual([['SW402', Severity.WARNING, 'Ask'], ['SW402', Severity.WARNING, 'Work']]);
    expect(findings[0].message).toContain('callback task');
    expect(findings[1].message).toContain('activity task');
  });

  test('passes a task a pattern recorded as having no heartbeat on purpose (HumanApproval)', () => {
    const ask = task({ Resource: 'arn:aws:states:::sns:publish.waitForTaskToken' });
    const facts = { stateFacts: new Map([['Ask', { noHeartbeatBecause: 'a person answers it' }]]) };
    expect(check(heartbeatRule, machine({ Ask: ask }), facts)).toEqual([]);
    expect(check(heartbeatRule, machine({ Ask: ask }))).toHaveLength(1);
  });

  test('passes a heartbeat, and request-response tasks without one', () => {
    expect(check(heartbeatRule, machine({ Ask: task({ Resource: 'arn:aws:states:::sns:publish.waitForTaskToken', HeartbeatSeconds: 10 }) }))).toEqual([]);
    expect(check(heartbeatRule, machine({ Send: task() }))).toEqual([]);
  });
});

describe('Lambda retries (SW403)', () => {
  test('warns for a Lambda task with no retrier, naming the errors not retried', () => {
    const findings = check(lambdaRetryRule, machine({ Charge: task({ Resource: 'arn:aws:states:::lambda:invoke' }) }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW403', severity: Severity.WARNING, statePath: 'Charge', actual: '4 of 4 not retried' })]);
  });

  test('warns for a function ARN whose retrier misses errors or sets MaxAttempts 0', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:charge';
    const partial = check(lambdaRetryRule, machine({ C: task({ Resource: fn, Retry: [{ ErrorEquals: ['Lambda.ServiceException'] }] }) }));
    expect(partial).toEqual([expect.objectContaining({ code: 'SW403', actual: '3 of 4 not retried' })]);
    expect(partial[0].message).toEqual("the Lambda task 'C' does not retry Lambda.ClientExecutionTimeoutException, Lambda.AWSLambdaException, Lambda.SdkClientException");
    const off = check(lambdaRetryRule, machine({ C: task({ Resource: fn, Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }] }) }));
    expect(off).toEqual([expect.objectContaining({ actual: '4 of 4 not retried' })]);
  });

  test('passes the recommended retrier, States.TaskFailed, and a function referenced by a CloudFormation value', () => {
    expect(check(lambdaRetryRule, machine({ C: task({ Resource: 'arn:aws:states:::lambda:invoke', Retry: [LAMBDA_RETRY] }) }))).toEqual([]);
    expect(check(lambdaRetryRule, machine({ C: task({ Resource: 'arn:aws:states:::lambda:invoke', Retry: [{ ErrorEquals: ['States.TaskFailed'] }] }) }))).toEqual([]);
    const types = new Map([['${GetAtt:Fn.Arn}', 'AWS::Lambda::Function']]);
    expect(check(lambdaRetryRule, machine({ C: task({ Resource: '${GetAtt:Fn.Arn}' }) }), { resourceTypes: types })).toEqual([expect.objectContaining({ code: 'SW403' })]);
    expect(check(lambdaRetryRule, machine({ C: task({ Resource: '${GetAtt:Fn.Arn}', Retry: [LAMBDA_RETRY] }) }), { resourceTypes: types })).toEqual([]);
  });
});

describe('Express logging (SW404)', () => {
  test('warns for an Express workflow with logging off', () => {
    expect(check(expressLoggingRule, machine({ A: pass }), { workflowType: 'EXPRESS', loggingEnabled: false }))
      .toEqual([expect.objectContaining({ code: 'SW404', severity: Severity.WARNING, statePath: '', actual: 'logging off' })]);
  });

  test('passes Express with logging, Standard without, and unknown logging', () => {
    expect(check(expressLoggingRule, machine({ A: pass }), { workflowType: 'EXPRESS', loggingEnabled: true })).toEqual([]);
    expect(check(expressLoggingRule, machine({ A: pass }), { workflowType: 'STANDARD', loggingEnabled: false })).toEqual([]);
    expect(check(expressLoggingRule, machine({ A: pass }), { workflowType: 'EXPRESS' })).toEqual([]);
  });
});

describe('state machine timeout (SW405)', () => {
  test('warns for a Standard state machine without TimeoutSeconds', () => {
    expect(check(stateMachineTimeoutRule, machine({ A: pass }))).toEqual([expect.objectContaining({ code: 'SW405', severity: Severity.WARNING, statePath: '' })]);
  });

  test('passes a timeout in the definition or the settings, and Express workflows', () => {
    expect(check(stateMachineTimeoutRule, machine({ A: pass }, { TimeoutSeconds: 3600 }))).toEqual([]);
    expect(check(stateMachineTimeoutRule, machine({ A: pass }), { timeoutSeconds: 3600 })).toEqual([]);
    expect(check(stateMachineTimeoutRule, machine({ A: pass }), { workflowType: 'EXPRESS' })).toEqual([]);
  });
});
