import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  Finding, Flow, IValidationRule, LambdaSteps, RulePack, Severity, StepwiseChecks, ValidationInput, Validator, Workflow,
} from '../../src';

/** A rule of a user's own: every Task state name starts with a verb from a list. */
class VerbFirst implements IValidationRule {
  public readonly name = 'Task names start with a verb';
  public check(input: ValidationInput): Finding[] {
    return input.states
      .filter((s) => s.type === 'Task' && !/^(Charge|Send|Validate) /.test(s.name))
      .map((s) => ({
        code: 'ACME001',
        severity: Severity.ERROR,
        statePath: s.statePath,
        message: `the Task '${s.name}' does not start with a verb`,
        fix: 'start the name with Charge, Send or Validate',
      }));
  }
}

const definition = JSON.stringify({
  StartAt: 'Payment',
  States: { Payment: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true } },
});

/** A Lambda call and an ECS job run to completion (.sync), neither with a timeout. */
const withJob = JSON.stringify({
  StartAt: 'Payment',
  States: {
    Payment: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, Next: 'Settle' },
    Settle: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', Parameters: { Cluster: 'c', TaskDefinition: 't' }, End: true },
  },
});

describe('rule packs', () => {
  test('a pack turned off does not run; the others do', () => {
    const codes = (disabledRulePacks: RulePack[] = []) => Validator.validateJson(withJob, { disabledRulePacks }).map((f) => f.code);
    // The hygiene pack warns: a .sync job without timeout (SW401) and no retry of Lambda's transient errors (SW403).
    expect(codes()).toEqual(expect.arrayContaining(['SW401', 'SW403']));
    expect(codes([RulePack.HYGIENE])).toEqual([]);
    expect(Validator.validateJson('{"StartAt":"Nowhere","States":{}}', { disabledRulePacks: [RulePack.ASL] }).map((f) => f.code))
      .not.toContain('SW206');
  });
});

describe('rules of your own', () => {
  test('run after the built-in ones, and see every state with its path and JSON', () => {
    const seen: ValidationInput[] = [];
    const spy: IValidationRule = { name: 'spy', check: (input) => { seen.push(input); return []; } };
    Validator.validateJson(definition, { rules: [spy], disabledRulePacks: [RulePack.HYGIENE] });
    expect(seen).toEqual([{
      definition: JSON.parse(definition),
      states: [{ name: 'Payment', statePath: 'Payment', type: 'Task', queryLanguage: 'JSONPath', json: JSON.parse(definition).States.Payment }],
      workflowType: 'STANDARD',
    }]);
  });

  test('their findings come out with the built-in ones', () => {
    const findings = Validator.validateJson(definition, { rules: [new VerbFirst()], disabledRulePacks: [RulePack.HYGIENE] });
    expect(findings).toEqual([expect.objectContaining({ code: 'ACME001', statePath: 'Payment', severity: Severity.ERROR })]);
  });

  test('a rule that throws becomes an SW901 warning naming it, and the others still run', () => {
    const broken: IValidationRule = { name: 'broken', check: () => { throw new Error('boom'); } };
    const findings = Validator.validateJson(definition, { rules: [broken, new VerbFirst()], disabledRulePacks: [RulePack.HYGIENE] });
    expect(findings.map((f) => f.code)).toEqual(['SW901', 'ACME001']);
    expect(findings[0]).toEqual(expect.objectContaining({ severity: Severity.WARNING, message: "the rule 'broken' failed and was skipped: boom" }));
  });

  test('on a Workflow: an error of your own fails the synth, with your code and fix', () => {
    const stack = new Stack(new App(), 'S');
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    new Workflow(stack, 'W', {
      definition: new Flow(stack, 'F').addStep('Payment', LambdaSteps.invoke({ lambdaFunction: fn, taskTimeout: sfn.Timeout.duration(Duration.seconds(10)) })),
      validation: { rules: [new VerbFirst()] },
    });
    expect(() => Annotations.fromStack(stack)).toThrow(/\[ACME001\] state 'Payment': the Task 'Payment' does not start with a verb\. Fix: start the name with Charge, Send or Validate/);
  });

  test('through StepwiseChecks, on plain aws-cdk-lib state machines, with a warning you can see', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    new sfn.StateMachine(stack, 'Plain', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Start')) });
    const warnOnPass: IValidationRule = {
      name: 'no Pass states',
      check: (input) => input.states.filter((s) => s.type === 'Pass').map((s) => ({
        code: 'ACME002', severity: Severity.WARNING, statePath: s.statePath, message: `'${s.name}' is a Pass state`, fix: 'remove it',
      })),
    };
    StepwiseChecks.enable(app, { rules: [warnOnPass], disabledRulePacks: [RulePack.HYGIENE] });
    Annotations.fromStack(stack).hasWarning('/S/Plain/Resource', Match.stringLikeRegexp("\\[ACME002\\] state 'Start': 'Start' is a Pass state"));
  });
});
