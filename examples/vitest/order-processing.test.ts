/*
 * The example app's order workflow, run locally under Vitest (`npx projen test:vitest`): the same
 * local runner and matchers as under Jest, installed by `cdk-stepwise/testing/vitest`.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, test } from 'vitest';
import { LocalWorkflow, TaskMock } from '../../src/testing';
import '../../src/testing/vitest';
import { OrderProcessingStack } from '../order-processing';

const ORDER = { orderId: 'o-1', customerId: 'c-1', lines: [{ sku: 'A', quantity: 2, unitPrice: 5 }, { sku: 'B', quantity: 1, unitPrice: 10 }] };

describe('order processing, under Vitest', () => {
  const local = LocalWorkflow.of(new OrderProcessingStack(new App(), 'OrderProcessing').workflow);
  const mocks = {
    'Validate order': TaskMock.result({ ...ORDER, valid: true, problems: [], total: 20 }),
    'Reserve stock': TaskMock.fn((input: { line: { sku: string } }) => ({ reserved: input.line.sku })),
    'Charge payment': TaskMock.result({ paymentId: 'pay-o-1', amount: 20 }),
    'Request pick': TaskMock.result({ picker: 'w-7' }),
    'Generate invoice': TaskMock.result({ Output: { invoiceId: 'inv-o-1' } }),
    'Notify customer': TaskMock.result({ MessageId: 'm-1' }),
    'Publish OrderCompleted': TaskMock.result({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] }),
  };

  test('the happy path succeeds and reserves each line', async () => {
    const run = await local.run({ input: ORDER, mocks });
    expect(run).toHaveSucceeded();
    expect(run).toHaveEntered('Charge payment');
    expect(run).toHaveAttempted('Reserve stock', 2);
    expect(run.output).toMatchObject({ reservations: [{ reserved: 'A' }, { reserved: 'B' }] });
  });

  test('an invalid order fails with OrderInvalid', async () => {
    const run = await local.run({ input: ORDER, mocks: { ...mocks, 'Validate order': TaskMock.result({ ...ORDER, valid: false, problems: ['no lines'], total: 0 }) } });
    expect(run).toHaveFailedWith('OrderInvalid', '["no lines"]');
    expect(run).toHaveVisited(['Validate order', 'Order valid?', 'Order rejected']);
  });

  test('the same seed gives the same run', async () => {
    const [a, b] = [await local.run({ input: ORDER, mocks, seed: 7 }), await local.run({ input: ORDER, mocks, seed: 7 })];
    expect(a.states.map((s) => s.retryDelaysSeconds)).toEqual(b.states.map((s) => s.retryDelaysSeconds));
  });
});
