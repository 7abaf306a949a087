import { Severity } from '../../../src/core/finding';
import { expressChildRule, expressFeaturesRule } from '../../../src/validation/rules/express';
import { check, machine, task } from '../helpers';

const express = { workflowType: 'EXPRESS' as const };

describe('Express features (SW301-SW305)', () => {
  test('fails for .sync and .sync:2 tasks at the top level and inside a Parallel branch', () => {
    const def = machine({
      Job: task({ Resource: 'arn:aws:states:::batch:submitJob.sync', End: undefined, Next: 'P' }),
      P: { Type: 'Parallel', End: true, Branches: [machine({ Child: task({ Resource: 'arn:${AWS::Partition}:states:::states:startExecution.sync:2' }) })] },
    });
    const findings = check(expressFeaturesRule, def, express);
    expect(findings.map((f) => [f.code, f.severity, f.statePath, f.actual])).toEqual([
      ['SW301', Severity.ERROR, 'Job', 'a run-a-job task (batch:submitJob.sync)'],
      ['SW301', Severity.ERROR, 'P/Branches[0]/Child', 'a run-a-job task (states:startExecution.sync:2)'],
    ]);
    expect(findings[0].message).toEqual("the state 'Job' is a run-a-job task (batch:submitJob.sync), which Express workflows do not support");
  });

  test('fails for a callback task inside an inline Map processor', () => {
    const def = machine({ M: { Type: 'Map', End: true, ItemProcessor: machine({ Ask: task({ Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken' }) }) } });
    expect(check(expressFeaturesRule, def, express)).toEqual([expect.objectContaining({
      code: 'SW302', statePath: 'M/ItemProcessor/Ask', actual: 'a callback task (sqs:sendMessage.waitForTaskToken)',
    })]);
  });

  test('fails for an activity given as an ARN or as a reference to an activity resource', () => {
    const byArn = machine({ A: task({ Resource: 'arn:aws:states:us-east-1:123456789012:activity:approve' }) });
    expect(check(expressFeaturesRule, byArn, express)).toEqual([expect.objectContaining({ code: 'SW303', statePath: 'A', actual: 'an activity task' })]);
    const byRef = machine({ A: task({ Resource: '${Ref:Approve}' }) });
    const resourceTypes = new Map([['${Ref:Approve}', 'AWS::StepFunctions::Activity']]);
    expect(check(expressFeaturesRule, byRef, { ...express, resourceTypes })).toEqual([expect.objectContaining({ code: 'SW303' })]);
    expect(check(expressFeaturesRule, byRef, express)).toEqual([]);
  });

  test('fails for a Distributed Map, without repeating findings for its child executions', () => {
    const def = machine({
      M: { Type: 'Map', End: true, ItemProcessor: { ...machine({ J: task({ Resource: 'arn:aws:states:::glue:startJobRun.sync' }) }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } } },
    });
    expect(check(expressFeaturesRule, def, express)).toEqual([expect.objectContaining({ code: 'SW304', statePath: 'M', actual: 'a Distributed Map' })]);
  });

  test('warns for a Wait until a timestamp', () => {
    const findings = check(expressFeaturesRule, machine({ W: { Type: 'Wait', TimestampPath: '$.at', End: true } }), express);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW305', severity: Severity.WARNING, statePath: 'W', limit: '300 seconds from the start of the execution', actual: 'TimestampPath "$.at"' })]);
  });

  test('passes request-response tasks and second-based waits in Express, and anything in Standard', () => {
    const def = machine({
      L: task({ Resource: 'arn:aws:states:::lambda:invoke', End: undefined, Next: 'S' }),
      S: task({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject', End: undefined, Next: 'W' }),
      W: { Type: 'Wait', Seconds: 10, End: true },
    });
    expect(check(expressFeaturesRule, def, express)).toEqual([]);
    expect(check(expressFeaturesRule, machine({ J: task({ Resource: 'arn:aws:states:::ecs:runTask.sync' }) }))).toEqual([]);
  });
});

describe('Express child executions (SW306)', () => {
  const dmap = (type: string, resource: string): Record<string, unknown> => machine({
    M: { Type: 'Map', End: true, ItemProcessor: { ...machine({ Step: task({ Resource: resource }) }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: type } } },
  });

  test('warns for a callback task in the Express children of a Distributed Map', () => {
    const findings = check(expressChildRule, dmap('EXPRESS', 'arn:aws:states:::lambda:invoke.waitForTaskToken'));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW306', severity: Severity.WARNING, statePath: 'M/ItemProcessor/Step', actual: 'a callback task (lambda:invoke.waitForTaskToken)' })]);
    expect(findings[0].message).toContain("the Express child executions of the Distributed Map 'M'");
  });

  test('passes Standard children and request-response tasks in Express children', () => {
    expect(check(expressChildRule, dmap('STANDARD', 'arn:aws:states:::lambda:invoke.waitForTaskToken'))).toEqual([]);
    expect(check(expressChildRule, dmap('EXPRESS', 'arn:aws:states:::lambda:invoke'))).toEqual([]);
  });
});
