import { App } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match, Template } from 'aws-cdk-lib/assertions';
import { OrderProcessingStack } from '../../examples/order-processing';
import { Diagram } from '../../src';
import { LocalWorkflow, TaskMock } from '../../src/testing';
import '../../src/testing/jest';


const ORDER = { orderId: 'o-1', customerId: 'c-1', lines: [{ sku: 'A', quantity: 2, unitPrice: 5 }, { sku: 'B', quantity: 1, unitPrice: 10 }] };
const VALID = { ...ORDER, valid: true, problems: [], total: 20 };

function build() {
  const app = new App();
  return new OrderProcessingStack(app, 'OrderProcessing');
}

describe('example: order processing', () => {
  const stack = build();
  const local = LocalWorkflow.of(stack.workflow);
  const ok = {
    'Validate order': TaskMock.result(VALID),
    'Reserve stock': TaskMock.fn((input: { line: { sku: string } }) => ({ reserved: input.line.sku })),
    'Charge payment': TaskMock.result({ paymentId: 'pay-o-1', amount: 20 }),
    'Request pick': TaskMock.result({ picker: 'w-7' }),
    'Generate invoice': TaskMock.result({ Output: { invoiceId: 'inv-o-1' } }),
    'Notify customer': TaskMock.result({ MessageId: 'm-1' }),
    'Publish OrderCompleted': TaskMock.result({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }),
  };

  test('happy path: validated, reserved line by line, charged, picked, invoiced, notified', async () => {
    const run = await local.run({ input: ORDER, mocks: ok });

    expect(run).toHaveSucceeded();
    expect(run.path).toEqual(expect.arrayContaining(['Validate order', 'Order valid?', 'Reserve each line', 'Charge payment', 'Request pick', 'Generate invoice', 'Notify', 'Order complete']));
    expect(run.path.indexOf('Charge payment')).toBeLessThan(run.path.indexOf('Request pick'));
    expect(run.path.indexOf('Request pick')).toBeLessThan(run.path.indexOf('Generate invoice'));
    expect(run.attemptsOf('Reserve stock')).toBe(2);
    expect(run.output).toMatchObject({
      orderId: 'o-1',
      reservations: [{ reserved: 'A' }, { reserved: 'B' }],
      payment: { paymentId: 'pay-o-1' },
      invoice: { invoice: { invoiceId: 'inv-o-1' } },
    });
  });

  test('failure path 1: an invalid order is rejected with OrderInvalid and its problems', async () => {
    const run = await local.run({
      input: ORDER,
      mocks: { ...ok, 'Validate order': TaskMock.result({ ...ORDER, valid: false, problems: ['line 2 has no quantity'], total: 0 }) },
    });

    expect(run).toHaveFailedWith('OrderInvalid');
    expect(run.cause).toBe('["line 2 has no quantity"]');
    expect(run.path).toEqual(['Validate order', 'Order valid?', 'Order rejected']);
  });

  test('failure path 2: an invoice failure cancels the pick, then refunds, then fails with the original error', async () => {
    const run = await local.run({
      input: ORDER,
      mocks: { ...ok, 'Generate invoice': TaskMock.error('Invoice.RenderFailed', 'template missing'), 'Cancel pick': TaskMock.result({}), 'Refund payment': TaskMock.result({}) },
    });

    expect(run).toHaveFailedWith('Invoice.RenderFailed');
    expect(run.cause).toBe('template missing');
    const cancel = run.path.indexOf('Cancel pick');
    const refund = run.path.indexOf('Refund payment');
    expect(cancel).toBeGreaterThan(run.path.indexOf('Generate invoice'));
    expect(refund).toBeGreaterThan(cancel);
    expect(run.path).not.toContain('Notify');
  });

  test('failure path 3: a validation crash goes to the dead-letter queue and on-call, keeping the order', async () => {
    const run = await local.run({
      input: ORDER,
      mocks: {
        ...ok,
        'Validate order': TaskMock.error('Lambda.Unknown', 'boom'),
        // The mock sees the task's parameters: the message keeps the order and adds the error.
        'Order failed: to dead-letter queue': TaskMock.fn((params: { MessageBody: { input: { orderId: string; error: { Error: string } } } }) => {
          expect(params.MessageBody.input.orderId).toBe('o-1');
          expect(params.MessageBody.input.error.Error).toBe('Lambda.Unknown');
          return { MessageId: 'dlq-1' };
        }),
        'Order failed: notify': TaskMock.result({ MessageId: 'n-1' }),
      },
    });

    expect(run).toHaveFailedWith('Lambda.Unknown');
    expect(run.path).toEqual(['Validate order', 'Order failed: to dead-letter queue', 'Order failed: notify', 'Order failed']);
  });

  test('the diagram shows the Map and the Parallel as subgraphs and the catches as dashed edges', () => {
    const mermaid = Diagram.mermaid(stack.workflow);
    expect(mermaid.startsWith('flowchart TD')).toBe(true);
    expect(mermaid).toMatch(/subgraph .*Reserve each line/);
    expect(mermaid).toMatch(/subgraph .*Notify/);
    expect(mermaid).toMatch(/-\.->/);
    expect(mermaid).toMatchSnapshot();
  });

  test('the stacks synthesize: one step of each pattern, alarms on the workflow', () => {
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachine', 2);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 4);
    const patterns = JSON.stringify(template.findResources('AWS::StepFunctions::StateMachine'));
    expect(patterns).toContain('states:::sns:publish\\"'); // request-response
    expect(patterns).toContain('sqs:sendMessage.waitForTaskToken');
    expect(patterns).toContain('states:startExecution.sync:2');
  });

  test('deployed safely: a version per definition change, a live alias moved by a canary watching the workflow\'s alarms', () => {
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::StepFunctions::StateMachineVersion', 2);
    const example = stack as OrderProcessingStack;
    template.hasResourceProperties('AWS::StepFunctions::StateMachineAlias', {
      Name: 'live',
      DeploymentPreference: {
        Type: 'CANARY',
        Percentage: 10,
        Interval: 10,
        StateMachineVersionArn: stack.resolve(example.workflow.currentVersion.versionArn),
        Alarms: example.alarms.alarms.map((a) => stack.resolve(a.alarmName)),
      },
    });
    // Nothing an in-flight execution of an older version would pick up unpinned.
    const warnings = AssertAnnotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SW0(6[29]|70)'));
    expect(warnings).toEqual([]);
  });
});

