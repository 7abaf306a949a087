import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { expectPolicy, getAtt, machineWith, newStack, ref, stateOf, RETRIERS } from './helpers';
import { DynamoDbSteps } from '../../src/integrations/dynamodb';

function table(stack: ReturnType<typeof newStack>, encryptionKey?: kms.IKey): dynamodb.Table {
  return new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    ...(encryptionKey ? { encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED, encryptionKey } : {}),
  });
}

/** aws-cdk-lib's Dynamo* tasks build the table ARN from its name. */
function tableArn(t: dynamodb.Table): unknown {
  return { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':dynamodb:us-east-1:123456789012:table/', ref(t)]] };
}

const key = { id: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')) };

describe('DynamoDbSteps', () => {
  test('getItem reads the item and grants dynamodb:GetItem on the table', () => {
    const stack = newStack();
    const t = table(stack);
    const machine = machineWith(stack, DynamoDbSteps.getItem({ table: t, key, consistentRead: true }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::dynamodb:getItem',
      Parameters: { Key: { id: { 'S.$': '$.id' } }, TableName: '${Ref:Orders}', ConsistentRead: true },
      Retry: [RETRIERS.dynamoDbThrottling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: tableArn(t) }]);
  });

  test('putItem writes the item and grants dynamodb:PutItem on the table', () => {
    const stack = newStack();
    const t = table(stack);
    const machine = machineWith(stack, DynamoDbSteps.putItem({
      table: t,
      item: { id: tasks.DynamoAttributeValue.fromString(sfn.JsonPath.stringAt('$.id')), status: tasks.DynamoAttributeValue.fromString('NEW') },
      conditionExpression: 'attribute_not_exists(id)',
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::dynamodb:putItem',
      Parameters: {
        Item: { id: { 'S.$': '$.id' }, status: { S: 'NEW' } },
        TableName: '${Ref:Orders}',
        ConditionExpression: 'attribute_not_exists(id)',
      },
      Retry: [RETRIERS.dynamoDbThrottling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'dynamodb:PutItem', Effect: 'Allow', Resource: tableArn(t) }]);
  });

  test('updateItem updates the item and grants dynamodb:UpdateItem on the table', () => {
    const stack = newStack();
    const t = table(stack);
    const machine = machineWith(stack, DynamoDbSteps.updateItem({
      table: t,
      key,
      updateExpression: 'SET #s = :s',
      expressionAttributeNames: { '#s': 'status' },
      expressionAttributeValues: { ':s': tasks.DynamoAttributeValue.fromString('PAID') },
      returnValues: tasks.DynamoReturnValues.ALL_NEW,
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::dynamodb:updateItem',
      Parameters: {
        Key: { id: { 'S.$': '$.id' } },
        TableName: '${Ref:Orders}',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'PAID' } },
        ReturnValues: 'ALL_NEW',
        UpdateExpression: 'SET #s = :s',
      },
      Retry: [RETRIERS.dynamoDbThrottling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'dynamodb:UpdateItem', Effect: 'Allow', Resource: tableArn(t) }]);
  });

  test('deleteItem deletes the item and grants dynamodb:DeleteItem on the table (JSONata)', () => {
    const stack = newStack();
    const t = table(stack);
    const machine = machineWith(stack, DynamoDbSteps.deleteItem({
      table: t,
      key: { id: tasks.DynamoAttributeValue.fromString('{% $states.input.id %}') },
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::dynamodb:deleteItem',
      Arguments: { Key: { id: { S: '{% $states.input.id %}' } }, TableName: '${Ref:Orders}' },
      Retry: [RETRIERS.dynamoDbThrottling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'dynamodb:DeleteItem', Effect: 'Allow', Resource: tableArn(t) }]);
  });

  test('a read of a table with a customer managed key also grants kms:Decrypt and kms:DescribeKey', () => {
    const stack = newStack();
    const k = new kms.Key(stack, 'Key');
    const t = table(stack, k);
    machineWith(stack, DynamoDbSteps.getItem({ table: t, key }));
    expectPolicy(stack, [
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: tableArn(t) },
      { Action: ['kms:Decrypt', 'kms:DescribeKey'], Effect: 'Allow', Resource: getAtt(k, 'Arn') },
    ]);
  });

  test('a write to a table with a customer managed key also grants the key\'s write actions', () => {
    const stack = newStack();
    const k = new kms.Key(stack, 'Key');
    const t = table(stack, k);
    machineWith(stack, DynamoDbSteps.deleteItem({ table: t, key }));
    expectPolicy(stack, [
      { Action: 'dynamodb:DeleteItem', Effect: 'Allow', Resource: tableArn(t) },
      {
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'],
        Effect: 'Allow',
        Resource: getAtt(k, 'Arn'),
      },
    ]);
  });
});
