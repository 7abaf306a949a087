import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { RestockStack } from '../../examples/restock';
import { Diagram } from '../../src';
import { LocalWorkflow, TaskMock } from '../../src/testing';
import '../../src/testing/jest';

describe('example: restock, a workflow from a Workflow Studio file', () => {
  const stack = new RestockStack(new App(), 'Restock');
  const template = Template.fromStack(stack);
  const id = (c: { node: { defaultChild?: unknown } }) => stack.getLogicalId(c.node.defaultChild as any);
  const table = stack.node.findChild('Inventory') as dynamodb.Table;
  const queue = stack.node.findChild('SupplierRequests') as sqs.Queue;

  test('the role gets exactly the statements the Task states need, besides logging and tracing', () => {
    const policy = Object.entries(template.findResources('AWS::IAM::Policy')).find(([k]) => k.startsWith('RestockRoleDefaultPolicy'))![1] as any;
    const statements = policy.Properties.PolicyDocument.Statement.filter((s: any) => ![s.Action].flat().some((a: string) => /^(logs|xray):/.test(a)));
    expect(statements).toEqual([
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id(table), 'Arn'] } },
      { Action: 'sqs:SendMessage', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id(queue), 'Arn'] } },
      { Action: 'dynamodb:UpdateItem', Effect: 'Allow', Resource: { 'Fn::GetAtt': [id(table), 'Arn'] } },
    ]);
  });

  test('the definition gets the table and queue, the Workflow\'s timeout, logging and tracing', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: true }),
      DefinitionString: {
        'Fn::Join': ['', Match.arrayWith([{ Ref: id(table) }, { Ref: id(queue) }, Match.stringLikeRegexp('"TimeoutSeconds":172800}$')])],
      },
    });
  });

  test('it is validated like a built workflow: no error, no warning', () => {
    expect(Annotations.fromStack(stack).findError('*', Match.anyValue())).toEqual([]);
    expect(Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('SW\\d{3}'))).toEqual([]);
  });

  test('it runs locally with mocks: a low stock level asks the supplier and records the delivery', async () => {
    const local = LocalWorkflow.of(stack.workflow);
    const low = await local.run({
      input: { sku: 'A-1' },
      mocks: {
        'Read stock level': TaskMock.result({ Item: { sku: { S: 'A-1' }, level: { N: '3' } } }),
        'Ask supplier': TaskMock.result({ date: '2026-12-01' }),
        'Record delivery': TaskMock.result({}),
      },
    });
    expect(low).toHaveSucceeded();
    expect(low.path).toEqual(['Read stock level', 'Low on stock?', 'Ask supplier', 'Record delivery']);

    const fine = await local.run({ input: { sku: 'B-2' }, mocks: { 'Read stock level': TaskMock.result({ Item: { level: { N: '40' } } }) } });
    expect(fine.path).toEqual(['Read stock level', 'Low on stock?', 'Stock is fine']);
  });

  test('its diagram is drawn from the imported definition', () => {
    const mermaid = Diagram.mermaid(stack.workflow);
    expect(mermaid).toContain('Ask supplier');
    expect(mermaid).toContain('Stock is fine');
  });
});
