import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Asl } from '../../src/core/asl/asl';
import { Diagram } from '../../src/diagram/diagram';
import { jsonPathOrderWorkflow, jsonataOrderWorkflow } from '../testing/fixtures';

/** The edges of a flowchart as `from --> to` / `from -.-> to` with their labels. */
function edges(mermaid: string): string[] {
  return mermaid.split('\n').map((l) => l.trim()).filter((l) => /^\S+ -(->|\.->)/.test(l));
}

describe('Diagram.mermaid', () => {
  test('draws the order workflow: states, Choice labels, a dashed Catch, Parallel and Map subgraphs', () => {
    // GIVEN
    const sm = jsonPathOrderWorkflow();

    // WHEN
    const mermaid = Diagram.mermaid(sm);

    // THEN
    const lines = mermaid.split('\n').map((l) => l.trim());
    expect(lines[0]).toEqual('flowchart TD');
    expect(lines).toContain('start_0((Start))');
    expect(lines).toContain('end_0((End))');
    expect(lines).toContain('s1["Validate"]');
    expect(lines).toContain('s2{"Is valid?"}');
    expect(lines).toContain('s9[/"Cool down"/]');
    expect(lines).toContain('subgraph s5 ["Fulfil (Parallel)"]');
    expect(lines).toContain('subgraph s5_b0 ["Branch 1"]');
    expect(lines).toContain('subgraph s7 ["Reserve items (Map)"]');
    expect(edges(mermaid)).toEqual(expect.arrayContaining([
      'start_0 --> s1',
      's2 -->|"$.validation.valid == true"| s4',
      's2 -->|"Default"| s3',
      's4 -.->|"States.ALL"| s11',
      's4 --> s5',
      's5 --> s9',
      's7_start --> s8',
      's10 --> end_0',
    ]));
    expect(lines).toContain('class s3,s11 fail');
    // Every subgraph is closed.
    expect(lines.filter((l) => l.startsWith('subgraph')).length).toEqual(lines.filter((l) => l === 'end').length);
    expect(mermaid).toMatchSnapshot();
  });

  test('labels JSONata Choice rules with their condition', () => {
    const mermaid = Diagram.mermaid(jsonataOrderWorkflow());
    expect(edges(mermaid)).toContain('s2 -->|"$states.input.validation.valid = true"| s4');
  });

  test('renders And/Or/Not and type tests, and escapes quotes', () => {
    const asl = {
      StartAt: 'C',
      States: {
        C: {
          Type: 'Choice',
          Choices: [
            { And: [{ Variable: '$.a', StringEquals: 'x"y' }, { Not: { Variable: '$.b', IsPresent: true } }], Next: 'A' },
            { Or: [{ Variable: '$.n', NumericGreaterThanPath: '$.m' }, { Variable: '$.t', IsNull: false }], Next: 'A' },
          ],
          Default: 'A',
        },
        A: { Type: 'Succeed' },
      },
    };
    const mermaid = Diagram.mermaidFromAsl(JSON.stringify(asl));
    expect(edges(mermaid)).toEqual(expect.arrayContaining([
      's1 -->|"($.a == #quot;x\\#quot;y#quot;) and (not ($.b is present))"| s2',
      's1 -->|"($.n #gt; $.m) or ($.t is not null)"| s2',
    ]));
  });

  test('fails when the text is not a definition', () => {
    expect(() => Diagram.mermaidFromAsl('{')).toThrow(/Diagram: the definition is not valid JSON/);
    expect(() => Diagram.mermaidFromAsl('{}')).toThrow(/Diagram: the definition has no States object/);
  });
});

describe('Diagram.workflowStudio', () => {
  test('replaces every CloudFormation value with a well-formed one', () => {
    const sm = jsonPathOrderWorkflow();
    const before = JSON.stringify(Asl.of(sm));
    expect(before).toContain('${GetAtt:ValidateFn.Arn}');

    const studio = Diagram.workflowStudio(sm);

    expect(studio).not.toMatch(/\$\{/);
    const parsed = JSON.parse(studio);
    expect(parsed.States.Validate.Resource).toEqual('arn:aws:lambda:us-east-1:123456789012:function:ValidateFn');
    expect(parsed.States.Fulfil.Branches[1].States['Reserve items'].ItemProcessor.States['Reserve item'].Resource)
      .toEqual('arn:aws:lambda:us-east-1:123456789012:function:ReserveFn');
  });

  test('uses each resource type\'s Ref shape: an SQS queue URL', () => {
    const stack = new Stack(new App(), 'Q');
    const queue = new sqs.Queue(stack, 'OrdersQueue');
    const sm = new sfn.StateMachine(stack, 'Workflow', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.SqsSendMessage(stack, 'Send', {
        queue, messageBody: sfn.TaskInput.fromText('hi'),
      })),
    });
    const parsed = JSON.parse(Diagram.workflowStudio(sm));
    expect(parsed.States.Send.Resource).toEqual('arn:aws:states:::sqs:sendMessage');
    expect(parsed.States.Send.Parameters.QueueUrl).toEqual('https://sqs.us-east-1.amazonaws.com/123456789012/OrdersQueue');
  });

  test('from ASL text, a whole-Resource ARN placeholder becomes a Lambda ARN', () => {
    const asl = {
      StartAt: 'T',
      States: { T: { Type: 'Task', Resource: '${GetAtt:Fn.Arn}', Parameters: { Bus: '${GetAtt:Bus.Arn}', Region: '${AWS::Region}' }, End: true } },
    };
    const parsed = JSON.parse(Diagram.workflowStudioFromAsl(JSON.stringify(asl)));
    expect(parsed.States.T.Resource).toEqual('arn:aws:lambda:us-east-1:123456789012:function:Fn');
    expect(parsed.States.T.Parameters).toEqual({ Bus: 'arn:aws:states:us-east-1:123456789012:resource:Bus', Region: 'us-east-1' });
  });
});

describe('Diagram.writeFiles', () => {
  test('writes the flowchart and the Workflow Studio definition next to each other', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
    const sm = jsonPathOrderWorkflow();

    const files = Diagram.writeFiles(sm, path.join(dir, 'out'));

    expect(files).toEqual({
      mermaidFile: path.join(dir, 'out', 'Orders-Workflow.mmd'),
      workflowStudioFile: path.join(dir, 'out', 'Orders-Workflow.asl.json'),
    });
    expect(fs.readFileSync(files.mermaidFile, 'utf8')).toEqual(Diagram.mermaid(sm));
    expect(JSON.parse(fs.readFileSync(files.workflowStudioFile, 'utf8')).StartAt).toEqual('Validate');
  });

  test('takes a base name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diagram-'));
    const files = Diagram.writeFiles(jsonPathOrderWorkflow(), dir, { baseName: 'orders' });
    expect(path.basename(files.mermaidFile)).toEqual('orders.mmd');
  });

  test('fails for a construct that is not a state machine', () => {
    const stack = new Stack(new App(), 'Empty');
    expect(() => Diagram.writeFiles(stack, os.tmpdir())).toThrow(/Diagram: Empty: Empty is not a state machine/);
  });
});
