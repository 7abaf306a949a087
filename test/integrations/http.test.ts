import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, getAtt, machineWith, newStack, stateOf, RETRIERS } from './helpers';
import { HttpSteps } from '../../src/integrations/http';

function connection(stack: Stack): events.Connection {
  return new events.Connection(stack, 'Api', { authorization: events.Authorization.apiKey('x-api-key', SecretValue.unsafePlainText('secret')) });
}

function statements(conn: events.Connection, conditions: unknown): unknown[] {
  const resource = conn.node.findChild('Connection');
  return [
    { Action: 'events:RetrieveConnectionCredentials', Effect: 'Allow', Resource: getAtt(resource, 'Arn') },
    { Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: getAtt(resource, 'SecretArn') },
    { Action: 'states:InvokeHTTPEndpoint', Condition: conditions, Effect: 'Allow', Resource: arn('states:us-east-1:123456789012:stateMachine:*') },
  ];
}

describe('HttpSteps.invoke', () => {
  test('calls the endpoint through the connection; may call URLs under apiRoot/ with this method only', () => {
    const stack = newStack();
    const conn = connection(stack);
    const machine = machineWith(stack, HttpSteps.invoke({
      connection: conn,
      apiRoot: 'https://api.example.com',
      apiEndpoint: sfn.TaskInput.fromText('orders'),
      method: sfn.TaskInput.fromText('POST'),
      body: sfn.TaskInput.fromJsonPathAt('$.order'),
      taskTimeout: sfn.Timeout.duration(Duration.seconds(30)),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::http:invoke',
      Parameters: {
        'ApiEndpoint': 'https://api.example.com/orders',
        'Authentication': { ConnectionArn: '${GetAtt:ApiConnection.Arn}' },
        'Method': 'POST',
        'RequestBody.$': '$.order',
      },
      TimeoutSeconds: 30,
      Retry: [RETRIERS.httpInvoke],
      End: true,
    });
    expectPolicy(stack, statements(conn, {
      StringLike: { 'states:HTTPEndpoint': 'https://api.example.com/*' },
      StringEquals: { 'states:HTTPMethod': 'POST' },
    }));
  });

  test('does not restrict the method when it is read from the input', () => {
    const stack = newStack();
    const conn = connection(stack);
    const machine = machineWith(stack, HttpSteps.invoke({
      connection: conn,
      apiRoot: 'https://api.example.com/',
      apiEndpoint: sfn.TaskInput.fromText('orders'),
      method: sfn.TaskInput.fromJsonPathAt('$.method'),
    }));
    expect(stateOf(machine).Parameters['Method.$']).toBe('$.method');
    expectPolicy(stack, statements(conn, { StringLike: { 'states:HTTPEndpoint': 'https://api.example.com/*' } }));
  });
});
