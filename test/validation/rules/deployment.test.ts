import { App, Stack } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, RulePack, StepFunctionsSteps, Workflow } from '../../../src';
import { aliasCountRule, checkAlias, inFlightRule, versionCountRule } from '../../../src/validation/rules/deployment';
import { check, machine, withCode } from '../helpers';

const PUBLISHED = { deployment: { versions: ['Stack/Orders/CurrentVersion'], aliases: [] } };
const LAMBDA = 'arn:aws:states:::lambda:invoke';

function invoke(functionName: unknown): Record<string, unknown> {
  return { Type: 'Task', Resource: LAMBDA, Parameters: { 'FunctionName': functionName, 'Payload.$': '$' }, TimeoutSeconds: 30, End: true };
}

function start(stateMachineArn: unknown): Record<string, unknown> {
  return { Type: 'Task', Resource: 'arn:aws:states:::states:startExecution', Parameters: { StateMachineArn: stateMachineArn }, TimeoutSeconds: 30, End: true };
}

describe('inFlightRule (SW069, SW070)', () => {
  test.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:charge'],
    ['arn:aws:lambda:us-east-1:123456789012:function:charge:$LATEST'],
    ['charge'],
    ['123456789012:function:charge'],
  ])('warns when a published workflow invokes %p ($LATEST)', (name) => {
    const findings = check(inFlightRule, machine({ Charge: invoke(name) }), PUBLISHED);
    expect(findings).toEqual([expect.objectContaining({ code: 'SW069', statePath: 'Charge', limit: 'a version or alias of the function', actual: name })]);
    expect(findings[0].message).toBe(`the published workflow's Task 'Charge' invokes ${name}, the function's $LATEST`);
  });

  test.each([
    ['arn:aws:lambda:us-east-1:123456789012:function:charge:7'],
    ['arn:aws:lambda:us-east-1:123456789012:function:charge:live'],
    ['charge:live'],
  ])('passes a version or alias: %p', (name) => {
    expect(check(inFlightRule, machine({ Charge: invoke(name) }), PUBLISHED)).toEqual([]);
  });

  test('reads CloudFormation references through the types of the resources they name', () => {
    const resourceTypes = new Map([['${GetAtt:Fn.Arn}', 'AWS::Lambda::Function'], ['${Ref:FnVersion}', 'AWS::Lambda::Version']]);
    const settings = { ...PUBLISHED, resourceTypes };
    expect(withCode(check(inFlightRule, machine({ A: invoke('${GetAtt:Fn.Arn}') }), settings), 'SW069')).toHaveLength(1);
    expect(check(inFlightRule, machine({ A: invoke('${Ref:FnVersion}') }), settings)).toEqual([]);
    expect(check(inFlightRule, machine({ A: invoke('${GetAtt:Fn.Arn}:live') }), settings)).toEqual([]);
    expect(withCode(check(inFlightRule, machine({ A: invoke('${GetAtt:Fn.Arn}:$LATEST') }), settings), 'SW069')).toHaveLength(1);
  });

  test('warns when a published workflow starts the latest revision of a nested state machine (SW070); a version or alias passes', () => {
    const unqualified = 'arn:aws:states:us-east-1:123456789012:stateMachine:Child';
    expect(check(inFlightRule, machine({ Start: start(unqualified) }), PUBLISHED))
      .toEqual([expect.objectContaining({ code: 'SW070', statePath: 'Start', limit: 'a version or alias of the nested state machine' })]);
    expect(check(inFlightRule, machine({ Start: start(`${unqualified}:live`) }), PUBLISHED)).toEqual([]);
    const resourceTypes = new Map([['${Ref:Child}', 'AWS::StepFunctions::StateMachine'], ['${GetAtt:ChildAlias.Arn}', 'AWS::StepFunctions::StateMachineAlias']]);
    expect(withCode(check(inFlightRule, machine({ Start: start('${Ref:Child}') }), { ...PUBLISHED, resourceTypes }), 'SW070')).toHaveLength(1);
    expect(check(inFlightRule, machine({ Start: start('${GetAtt:ChildAlias.Arn}') }), { ...PUBLISHED, resourceTypes })).toEqual([]);
  });

  test('says nothing while the workflow publishes no version', () => {
    expect(check(inFlightRule, machine({ Charge: invoke('charge') }), {})).toEqual([]);
  });
});

describe('versionCountRule (SW065) and aliasCountRule (SW063, SW064)', () => {
  test('two version resources of one state machine', () => {
    const findings = check(versionCountRule, machine({ P: { Type: 'Pass', End: true } }), { deployment: { versions: ['a', 'b'], aliases: [] } });
    expect(findings).toEqual([expect.objectContaining({ code: 'SW065', limit: '1 version resource per state machine', actual: '2' })]);
  });

  test('101 aliases, and two named alike', () => {
    const aliases = Array.from({ length: 101 }, (_, i) => ({ name: i === 100 ? 'a0' : `a${i}`, path: `p${i}` }));
    const findings = check(aliasCountRule, machine({ P: { Type: 'Pass', End: true } }), { deployment: { versions: ['v'], aliases } });
    expect(findings.map((f) => f.code)).toEqual(['SW063', 'SW064']);
    expect(findings[1].message).toEqual("2 aliases of the state machine are named 'a0' (p0, p100)");
  });

  test('an L1 second version of a Workflow fails the synth', () => {
    const stack = new Stack(new App(), 'Stack');
    const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addPass('Start') });
    workflow.currentVersion;
    new sfn.CfnStateMachineVersion(stack, 'Raw', { stateMachineArn: workflow.stateMachineArn });
    expect(() => AssertAnnotations.fromStack(stack)).toThrow(/\[SW065\].*2 version resources publish the state machine \(Stack\/Orders\/CurrentVersion\/Resource, Stack\/Raw\)/s);
  });
});

describe('checkAlias', () => {
  const version = { key: 'lit:v', stateMachine: 'lit:m', label: 'v' };
  test('a complete canary passes', () => {
    expect(checkAlias({ name: 'live', description: undefined, hasRouting: false, deployment: { type: 'CANARY', percentage: 10, interval: 10, alarms: ['a'], version } })).toEqual([]);
  });

  test('a canary without its interval (SW061)', () => {
    expect(checkAlias({ name: 'live', description: undefined, hasRouting: false, deployment: { type: 'CANARY', percentage: 10, interval: undefined, alarms: ['a'], version } }))
      .toEqual([expect.objectContaining({ code: 'SW061', message: 'the CANARY deployment has no Interval' })]);
  });

  test('neither routing nor deployment (SW060)', () => {
    expect(checkAlias({ name: 'live', description: undefined, hasRouting: false })).toEqual([expect.objectContaining({ code: 'SW060', actual: 'neither' })]);
  });

  test('an alarm name longer than 256 characters (SW058)', () => {
    expect(checkAlias({ name: 'live', description: undefined, hasRouting: false, deployment: { type: 'ALL_AT_ONCE', percentage: undefined, interval: undefined, alarms: ['a'.repeat(257)], version } }))
      .toEqual([expect.objectContaining({ code: 'SW058', actual: '257 characters' })]);
  });
});

describe('the DEPLOYMENT rule pack', () => {
  test('can be turned off', () => {
    const stack = new Stack(new App(), 'Stack');
    const child = new Workflow(stack, 'Child', { definition: new Flow(stack, 'ChildFlow').addPass('P') });
    const workflow = new Workflow(stack, 'Orders', {
      definition: new Flow(stack, 'Flow').addStep('Start', StepFunctionsSteps.startExecution({ stateMachine: child })),
      validation: { disabledRulePacks: [RulePack.DEPLOYMENT] },
    });
    workflow.currentVersion;
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW070'));
  });

  test('warns about an unpinned child of a published Workflow (SW070)', () => {
    const stack = new Stack(new App(), 'Stack');
    const child = new Workflow(stack, 'Child', { definition: new Flow(stack, 'ChildFlow').addPass('P') });
    const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addStep('Start', StepFunctionsSteps.startExecution({ stateMachine: child })) });
    workflow.currentVersion;
    AssertAnnotations.fromStack(stack).hasWarning('/Stack/Orders/Resource', Match.stringLikeRegexp("^\\[SW070\\] state 'Start'"));
  });
});
