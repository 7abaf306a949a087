import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { machine } from './helpers';
import { Severity, Validator } from '../../src';

describe('Validator.validateJson', () => {
  test('gives one clear finding for malformed JSON', () => {
    const findings = Validator.validateJson('{ "StartAt": "A", ');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toEqual(expect.objectContaining({ code: 'SW201', severity: Severity.ERROR, statePath: '' }));
    expect(findings[0].message).toMatch(/^the definition is not valid JSON/);
  });

  test('applies the options: Express, timeout, name, tags, logging', () => {
    const def = JSON.stringify(machine({ W: { Type: 'Wait', Seconds: 400, End: true } }));
    const findings = Validator.validateJson(def, {
      workflowType: sfn.StateMachineType.EXPRESS,
      stateMachineName: 'bad name',
      tags: { 'aws:x': 'y' },
      loggingEnabled: false,
    });
    expect(findings.map((f) => f.code)).toEqual(['SW104', 'SW110', 'SW116', 'SW404']);
    // The timeout option counts when the definition has none.
    expect(Validator.validateJson(def, { timeout: Duration.minutes(5) }).map((f) => f.code)).toEqual(['SW116']);
  });

  test('finds nothing in a clean definition', () => {
    expect(Validator.validateJson(JSON.stringify(machine({ A: { Type: 'Pass', End: true } }, { TimeoutSeconds: 60 })))).toEqual([]);
  });
});

describe('Validator.validateStateMachine', () => {
  test('reads type, name, logging and resource types from the state machine, and estimates unresolved values', () => {
    // GIVEN an Express state machine calling a Lambda function by ARN (a CloudFormation value) without retries
    const app = new App();
    const stack = new Stack(app, 'S');
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=async()=>1') });
    const call = new tasks.LambdaInvoke(stack, 'Call', { lambdaFunction: fn, retryOnServiceExceptions: false, taskTimeout: sfn.Timeout.duration(Duration.seconds(10)) });
    const sm = new sfn.StateMachine(stack, 'M', {
      stateMachineName: 'Orders.Express',
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(call),
      logs: { destination: new logs.LogGroup(stack, 'L'), level: sfn.LogLevel.ERROR },
    });
    // WHEN
    const findings = Validator.validateStateMachine(sm);
    // THEN
    expect(findings.map((f) => [f.code, f.statePath])).toEqual([['SW105', ''], ['SW403', 'Call']]);
    expect(findings[0].message).toContain('logs to CloudWatch Logs');
  });

  test('overrides what it reads with the options', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    // A Wait whose time comes from the input: the Standard machine can wait long, so it wants a timeout (SW405).
    const sm = new sfn.StateMachine(stack, 'M', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Wait(stack, 'W', { time: sfn.WaitTime.duration(Duration.minutes(10)) })
        .next(new sfn.Wait(stack, 'Until', { time: sfn.WaitTime.secondsPath('$.delay') }))),
    });
    expect(Validator.validateStateMachine(sm).map((f) => f.code)).toEqual(['SW405']);
    expect(Validator.validateStateMachine(sm, { workflowType: sfn.StateMachineType.EXPRESS, loggingEnabled: true }).map((f) => f.code)).toEqual(['SW116']);
  });

  test('gives SW202 for a definition in S3 and SW201 for a construct that is not a state machine', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const cfn = new sfn.CfnStateMachine(stack, 'FromS3', { roleArn: 'arn:aws:iam::123456789012:role/r', definitionS3Location: { bucket: 'b', key: 'k' } });
    expect(Validator.validateStateMachine(cfn)).toEqual([expect.objectContaining({ code: 'SW202', severity: Severity.WARNING })]);
    expect(Validator.validateStateMachine(new logs.LogGroup(stack, 'L'))).toEqual([expect.objectContaining({ code: 'SW201', message: 'S/L is not a state machine: there is no AWS::StepFunctions::StateMachine under it' })]);
  });
});
