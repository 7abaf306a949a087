import { Duration, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, getAtt, machineWith, newStack, stateOf, RETRIERS } from './helpers';
import { HttpSteps } from '../../src/integrations/http';
import { evaluateIntrinsic } from '../../src/testing/engine/intrinsics';

/**
 * The URL a rendered HTTP Task calls. aws-cdk-lib renders `apiRoot` + `apiEndpoint` as one literal
 * up to 2.2xx and as `States.Format('{}/{}', root, endpoint)` in newer versions: both are the same
 * URL, which the local runner's intrinsic evaluator computes.
 */
function endpointOf(parameters: Record<string, unknown>): unknown {
  if ('ApiEndpoint' in parameters) {
    return parameters.ApiEndpoint;
  }
  return evaluateIntrinsic(String(parameters['ApiEndpoint.$']), {}, { context: {}, variable: () => undefined }, 'ApiEndpoint');
}

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
    const state = stateOf(machine);
    expect(endpointOf(state.Parameters)).toBe('https://api.example.com/orders');
    delete state.Parameters.ApiEndpoint;
    delete state.Parameters['ApiEndpoint.$'];
    expect(state).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::http:invoke',
      Parameters: {
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
