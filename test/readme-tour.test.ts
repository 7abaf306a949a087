/*
 * The README's tour promises what its example synthesizes (least-privilege IAM, default retries,
 * the token in the message, logging, tracing and a timeout) and quotes the error the synth gives
 * when the workflow is made Express. This test runs the README's own code block (transpiled, with
 * its `declare const` lines given real resources) and checks each promise against the template.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ts from 'typescript';
import { tsBlocks } from './docs-blocks';
import { Asl, Workflow } from '../src';

const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const TOUR = tsBlocks(README.slice(README.indexOf('### 1. Build a workflow')))[0].code;

/** What the README declares, made real. */
const DECLARED: Record<string, string> = {
  chargeFn: "lambda.Function.fromFunctionArn(stack, 'ChargeFn', 'arn:aws:lambda:eu-west-1:123456789012:function:charge')",
  packingQueue: "new sqs.Queue(stack, 'PackingQueue')",
};

/** Runs the tour's code, with `edit` applied to it first; returns its app and stack. */
function runTour(edit: (code: string) => string = (c) => c): { app: App; stack: Stack } {
  let code = TOUR.replace(/^declare const (\w+): [^;]+;$/gm, (_line, name: string) => {
    if (!DECLARED[name]) {
      throw new Error(`the README's tour declares ${name}: give it a real value in DECLARED`);
    }
    return `const ${name} = ${DECLARED[name]};`;
  });
  code = edit(code) + '\nmodule.exports = { app, stack };\n';
  const compilerOptions = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const js = ts.transpileModule(code, { compilerOptions }).outputText;
  const module = { exports: {} as { app: App; stack: Stack } };
  // The test's own require: jest maps aws-cdk-lib to the version of this run, and 'cdk-stepwise' to src.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const requireFromTest = (id: string) => require(id === 'cdk-stepwise' ? path.join(ROOT, 'src') : id);
  new Function('require', 'module', 'exports', js)(requireFromTest, module, module.exports);
  return module.exports;
}

describe("the README's tour", () => {
  test('synthesizes, with exactly the statements the two steps need beside logging and tracing', () => {
    const { stack } = runTour();
    const template = Template.fromStack(stack);
    const statements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy: any) => policy.Properties.PolicyDocument.Statement);
    const actionsOf = (s: any) => ([] as string[]).concat(s.Action);
    // Least privilege: invoke exactly chargeFn's ARN; send to exactly packingQueue.
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('lambda:')))).toEqual([
      { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: 'arn:aws:lambda:eu-west-1:123456789012:function:charge' },
    ]);
    expect(statements.filter((s) => actionsOf(s).some((a) => a.startsWith('sqs:')))).toEqual([
      { Effect: 'Allow', Action: 'sqs:SendMessage', Resource: { 'Fn::GetAtt': [stack.getLogicalId(queueOf(stack)), 'Arn'] } },
    ]);
    // Nothing else but logs delivery and X-Ray.
    const others = statements.flatMap(actionsOf).filter((a) => !/^(lambda|sqs|logs|xray):/.test(a));
    expect(others).toEqual([]);
  });

  test('the Lambda step retries the transient Lambda errors and throttling, with backoff and jitter', () => {
    const { stack } = runTour();
    const definition = definitionOf(stack);
    const retry = definition.States['Charge card'].Retry;
    expect(retry.flatMap((r: any) => r.ErrorEquals)).toEqual(expect.arrayContaining([
      'Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException',
    ]));
    for (const r of retry) {
      expect(r.BackoffRate).toBeGreaterThan(1);
      expect(r.JitterStrategy).toBe('FULL');
    }
  });

  test('the callback step puts the task token in the message, as taskToken', () => {
    const { stack } = runTour();
    const state = definitionOf(stack).States['Pack order'];
    expect(state.Resource).toMatch(/sqs:sendMessage\.waitForTaskToken$/);
    expect(state.Parameters.MessageBody).toEqual({ 'orderId.$': '$.orderId', 'taskToken.$': '$$.Task.Token' });
    expect(state).toMatchObject({ TimeoutSeconds: 14400, HeartbeatSeconds: 600 });
  });

  test('the Workflow logs every event to a new log group, traces with X-Ray and times out after 24 hours', () => {
    const { stack } = runTour();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      LoggingConfiguration: { Level: 'ALL', IncludeExecutionData: true },
      TracingConfiguration: { Enabled: true },
    });
    expect(definitionOf(stack).TimeoutSeconds).toBe(24 * 60 * 60);
  });

  test('made Express, the synth stops with exactly the error the README quotes', () => {
    const quoted = /```text\n(\[Orders\/OrderProcessing\] \[SW302\][^\n]*)\n```/.exec(README);
    expect(quoted).not.toBeNull();
    const { app } = runTour((code) => code.replace(
      "new Workflow(stack, 'OrderProcessing', { definition });",
      "new Workflow(stack, 'OrderProcessing', { definition, workflowType: sfn.StateMachineType.EXPRESS });",
    ));
    expect(() => app.synth()).toThrow(quoted![1]);
  });
});

/** The tour's workflow's definition. */
function definitionOf(stack: Stack): any {
  return Asl.of(stack.node.findAll().find((c) => Workflow.isWorkflow(c))!);
}

/** The queue the tour created. */
function queueOf(stack: Stack): CfnResource {
  return stack.node.findAll().find((c) => c instanceof sqs.Queue)!.node.defaultChild as CfnResource;
}
