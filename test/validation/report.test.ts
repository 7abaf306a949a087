import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { machine } from './helpers';
import { StepwiseChecks, ValidationReport } from '../../src';

describe('ValidationReport', () => {
  test('fromJson measures a definition', () => {
    const def = machine({
      P: { Type: 'Parallel', End: true, Branches: [machine({ M: { Type: 'Map', End: true, ItemProcessor: machine({ T: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true } }) } })] },
    }, { QueryLanguage: 'JSONata' });
    const text = JSON.stringify(def);
    const report = ValidationReport.fromJson(text, { stateMachineName: 'Jobs' });
    expect(report).toEqual(expect.objectContaining({
      constructPath: '',
      stateMachineName: 'Jobs',
      workflowType: 'STANDARD',
      queryLanguage: 'JSONata',
      stateCount: 3,
      stateTypeCounts: { Parallel: 1, Map: 1, Task: 1 },
      definitionSize: text.length,
      definitionSizeShare: Math.round(text.length / 1_048_576 * 1e6) / 1e6,
      unresolvedValues: 0,
      nestingDepth: 2,
      integrations: [{ service: 'ecs:runTask', pattern: 'RUN_JOB', count: 1 }],
      tasksWithoutTimeout: ['P/Branches[0]/M/ItemProcessor/T'],
    }));
    expect(report.findings.map((f) => f.code)).toEqual(['SW119', 'SW401', 'SW405']);
    expect([report.errorCount, report.warningCount]).toEqual([0, 3]);
  });

  test('fromJson reports malformed JSON as its only finding', () => {
    const report = ValidationReport.fromJson('nope');
    expect(report).toEqual(expect.objectContaining({ stateCount: 0, errorCount: 1, findings: [expect.objectContaining({ code: 'SW201' })] }));
  });

  test('forStateMachine measures a construct', () => {
    const stack = new Stack(new App(), 'S');
    const sm = new sfn.StateMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')), timeout: Duration.minutes(1) });
    expect(ValidationReport.forStateMachine(sm)).toEqual(expect.objectContaining({ constructPath: 'S/M', stateCount: 1, errorCount: 0, warningCount: 0 }));
  });

  test('formatDirectory prints each state machine of a synthesized app', () => {
    // GIVEN an app synthesized with the checks on
    const app = new App();
    StepwiseChecks.enable(app);
    const stack = new Stack(app, 'Orders');
    new sfn.StateMachine(stack, 'Flow', {
      stateMachineName: 'orders',
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Choice(stack, 'Route').when(sfn.Condition.isPresent('$.x'), new sfn.Pass(stack, 'Yes'))),
      timeout: Duration.minutes(5),
    });
    app.synth();
    // WHEN
    const text = ValidationReport.formatDirectory(app.outdir);
    // THEN
    const lines = text.split('\n');
    expect(lines[0]).toEqual('Stack Orders');
    expect(lines[1]).toEqual('  Orders/Flow (orders): STANDARD, JSONPath');
    expect(lines[2]).toEqual('    states          2 (Choice 1, Pass 1)');
    expect(lines[3]).toMatch(/^ {4}definition size \d+ characters, 0\.\d\d% of 1,048,576$/);
    expect(lines.slice(4, 8)).toEqual([
      '    nesting depth   0',
      '    integrations    none',
      '    no timeout      none (every Task has a timeout)',
      '    findings        0 errors, 1 warning',
    ]);
    expect(lines[8]).toMatch(/^ {6}WARNING \[SW215\] state 'Route': the Choice state 'Route' has no Default: when no rule matches, the execution fails with States\.NoChoiceMatched\. Fix: /);
  });

  test('formatDirectory says when there is no report, and fails for a missing directory', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-'));
    expect(ValidationReport.formatDirectory(empty)).toMatch(/^No cdk-stepwise reports in .*StepwiseChecks\.enable\(app\)/);
    expect(() => ValidationReport.readDirectory(path.join(empty, 'missing'))).toThrow(/no cloud assembly at .*missing\. Fix: run `cdk synth` first/);
  });

  test('readDirectory fails with the file name for a corrupt report', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stepwise-'));
    fs.writeFileSync(path.join(dir, `S${ValidationReport.FILE_SUFFIX}`), '{');
    expect(() => ValidationReport.readDirectory(dir)).toThrow(/S\.stepwise-report\.json is not a valid report/);
  });
});
