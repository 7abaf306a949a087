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
  const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
  const ACTIVITY = 'arn:aws:states:eu-west-1:123456789012:activity:review';

  test('warns for a callback Task without TimeoutSeconds, in a branch, naming the integration', () => {
    const def = machine({ P: { Type: 'Parallel', End: true, Branches: [machine({ Send: task({ TimeoutSeconds: undefined, Resource: CALLBACK }) })] } });
    const findings = check(taskTimeoutRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW401', severity: Severity.WARNING, statePath: 'P/Branches[0]/Send', actual: 'callback (sqs:sendMessage.waitForTaskToken)' })]);
    expect(findings[0].message).toContain("the Task 'Send' is a callback (sqs:sendMessage.waitForTaskToken) with no TimeoutSeconds");
  });

  test('warns for an activity and for jobs run to completion (.sync, .sync:2)', () => {
    const def = machine({
      Review: task({ TimeoutSeconds: undefined, Resource: ACTIVITY, End: undefined, Next: 'Build' }),
      Build: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::codebuild:startBuild.sync', End: undefined, Next: 'Child' }),
      Child: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::states:startExecution.sync:2' }),
    });
    const findings = check(taskTimeoutRule, def);
    expect(findings.map((f) => [f.code, f.statePath])).toEqual([['SW401', 'Review'], ['SW401', 'Build'], ['SW401', 'Child']]);
    expect(findings[0].message).toContain("the Task 'Review' is an activity (review) with no TimeoutSeconds");
    expect(findings[1].message).toContain('job run to completion (codebuild:startBuild.sync)');
    expect(findings[2].message).toContain('job run to completion (states:startExecution.sync:2)');
  });

  test('passes request-response calls without a timeout: Lambda stops itself at 15 minutes, SNS, SQS and DynamoDB answer at once', () => {
    const def = machine({
      Fn: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::lambda:invoke', End: undefined, Next: 'Arn' }),
      Arn: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:f', End: undefined, Next: 'Sns' }),
      Sns: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::sns:publish', End: undefined, Next: 'Ddb' }),
      Ddb: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::dynamodb:putItem', End: undefined, Next: 'Sdk' }),
      Sdk: task({ TimeoutSeconds: undefined, Resource: 'arn:aws:states:::aws-sdk:s3:getObject' }),
    });
    expect(check(taskTimeoutRule, def)).toEqual([]);
  });

  test('passes waiting Tasks with TimeoutSeconds or TimeoutSecondsPath, and HTTP Tasks (capped at 60 seconds by the service)', () => {
    expect(check(taskTimeoutRule, machine({ T: task({ Resource: CALLBACK }) }))).toEqual([]);
    expect(check(taskTimeoutRule, machine({ T: task({ Resource: ACTIVITY, TimeoutSeconds: undefined, TimeoutSecondsPath: '$.t' }) }))).toEqual([]);
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
    expect(partial[0].message).toEqual("the Lambda task 'C' does not retry Lambda.ClientExecutionTimeoutException, Lambda.AWSLambdaException, Lambda.SdkClientException (3 of 4 not retried)");
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
  const ACTIVITY = 'arn:aws:states:eu-west-1:123456789012:activity:review';
  const lambda = (extra: Record<string, unknown> = {}) => task({ Resource: 'arn:aws:states:::lambda:invoke', TimeoutSeconds: undefined, ...extra });

  test('warns for a Standard state machine without TimeoutSeconds that has an activity, naming it', () => {
    const def = machine({ Fn: lambda({ End: undefined, Next: 'Review' }), Review: task({ Resource: ACTIVITY, TimeoutSeconds: undefined }) });
    const findings = check(stateMachineTimeoutRule, def);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW405', severity: Severity.WARNING, statePath: '', actual: "the activity (review) Task 'Review' has no TimeoutSeconds" })]);
    expect(findings[0].message).toBe("the Standard state machine has no TimeoutSeconds, and the activity (review) Task 'Review' has no TimeoutSeconds: a stuck execution runs for up to a year");
  });

  test('warns for a Wait whose time comes from the input (SecondsPath, TimestampPath, a JSONata expression), and counts the others', () => {
    const def = machine({
      Until: { Type: 'Wait', TimestampPath: '$.due', Next: 'For' },
      For: { Type: 'Wait', SecondsPath: '$.delay', Next: 'Late' },
      Late: { Type: 'Wait', QueryLanguage: 'JSONata', Seconds: '{% $states.input.delay %}', End: true },
    });
    const findings = check(stateMachineTimeoutRule, def);
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toBe('the Standard state machine has no TimeoutSeconds, and the Wait state \'Until\' waits for as long as its TimestampPath "$.due" says (and 2 more states that can wait): a stuck execution runs for up to a year');
    const jsonata = check(stateMachineTimeoutRule, machine({ W: { Type: 'Wait', Timestamp: '{% $states.input.due %}', End: true } }, { QueryLanguage: 'JSONata' }));
    expect(jsonata[0].message).toContain("the Wait state 'W' waits for as long as its Timestamp \"{% $states.input.due %}\" says");
  });

  test('warns for a waiting Task whose timeout comes from the input', () => {
    const def = machine({ Run: task({ Resource: 'arn:aws:states:::ecs:runTask.sync', TimeoutSeconds: undefined, TimeoutSecondsPath: '$.t' }) });
    expect(check(stateMachineTimeoutRule, def)[0].message).toContain("the job run to completion (ecs:runTask.sync) Task 'Run' takes its timeout from the input");
  });

  test('passes a Standard state machine of only request-response calls and literal Waits, and waiting Tasks with a timeout', () => {
    expect(check(stateMachineTimeoutRule, machine({ A: pass }))).toEqual([]);
    const quick = machine({
      Fn: lambda({ End: undefined, Next: 'Pause' }),
      Pause: { Type: 'Wait', Seconds: 60, Next: 'Send' },
      Send: task({ Resource: 'arn:aws:states:::sns:publish', TimeoutSeconds: undefined }),
    });
    expect(check(stateMachineTimeoutRule, quick)).toEqual([]);
    expect(check(stateMachineTimeoutRule, machine({ R: task({ Resource: ACTIVITY, TimeoutSeconds: 3600 }) }))).toEqual([]);
  });

  test('passes a timeout in the definition or the settings, and Express workflows', () => {
    const waits = machine({ R: task({ Resource: ACTIVITY, TimeoutSeconds: undefined }) });
    expect(check(stateMachineTimeoutRule, waits)).toHaveLength(1);
    expect(check(stateMachineTimeoutRule, { ...waits, TimeoutSeconds: 3600 })).toEqual([]);
    expect(check(stateMachineTimeoutRule, waits, { timeoutSeconds: 3600 })).toEqual([]);
    expect(check(stateMachineTimeoutRule, waits, { workflowType: 'EXPRESS' })).toEqual([]);
  });
});
