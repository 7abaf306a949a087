import { Duration, Lazy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { expectPolicy, getAtt, machineWith, newStack, ref, stateOf, RETRIERS } from './helpers';
import { Heartbeat } from '../../src/core/heartbeat';
import { SdkCallStepProps, SdkIamResources, SdkSteps } from '../../src/integrations/aws-sdk';
import { TaskToken } from '../../src/integrations/task-token';

const ANY = SdkIamResources.allResources();

function bucket(stack: Stack): s3.Bucket {
  return new s3.Bucket(stack, 'Docs');
}

/** Binds an SDK call in a fresh stack as state 'Call', for the bad-input tests. */
function bindCall(props: Partial<SdkCallStepProps>): void {
  machineWith(newStack(), SdkSteps.call({ service: 's3', action: 'getObject', iamResources: ANY, ...props }), { stateName: 'Call' });
}

describe('SdkSteps.call', () => {
  test('calls the API and grants the action derived from its name on the given resources', () => {
    // GIVEN
    const stack = newStack();
    const docs = bucket(stack);
    // WHEN
    const machine = machineWith(stack, SdkSteps.call({
      service: 's3',
      action: 'getObject',
      parameters: { 'Bucket': docs.bucketName, 'Key.$': '$.key' },
      iamResources: SdkIamResources.fromArns([docs.arnForObjects('*')]),
      resultSelector: { 'body.$': '$.Body' },
    }));
    // THEN
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::aws-sdk:s3:getObject',
      Parameters: { 'Bucket': '${Ref:Docs}', 'Key.$': '$.key' },
      ResultSelector: { 'body.$': '$.Body' },
      Retry: [RETRIERS.s3Throttling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 's3:GetObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [getAtt(docs, 'Arn'), '/*']] } }]);
  });

  test('maps the SDK service name to its IAM prefix (sfn -> states)', () => {
    const stack = newStack();
    const child = new sfn.StateMachine(stack, 'Child', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Noop')) });
    const machine = machineWith(stack, SdkSteps.call({
      service: 'sfn',
      action: 'startSyncExecution',
      parameters: { StateMachineArn: child.stateMachineArn },
      iamResources: SdkIamResources.fromArns([child.stateMachineArn]),
    }));
    expect(stateOf(machine).Resource).toBe('arn:${AWS::Partition}:states:::aws-sdk:sfn:startSyncExecution');
    expectPolicy(stack, [{ Action: 'states:StartSyncExecution', Effect: 'Allow', Resource: ref(child) }]);
  });

  test('uses the known IAM action where it differs from the API name, on every resource when asked by name', () => {
    const stack = newStack();
    const machine = machineWith(stack, SdkSteps.call({ service: 's3', action: 'listBuckets', iamResources: SdkIamResources.allResources() }));
    expect(stateOf(machine).Resource).toBe('arn:${AWS::Partition}:states:::aws-sdk:s3:listBuckets');
    expectPolicy(stack, [{ Action: 's3:ListAllMyBuckets', Effect: 'Allow', Resource: '*' }]);
  });

  test('takes explicit IAM actions and more statements; accepts the service name in any case (JSONata)', () => {
    const stack = newStack();
    const docs = bucket(stack);
    const machine = machineWith(stack, SdkSteps.call({
      service: 'S3',
      action: 'copyObject',
      parameters: { Bucket: docs.bucketName, CopySource: '{% $states.input.source %}', Key: '{% $states.input.key %}' },
      iamResources: SdkIamResources.fromArns([docs.arnForObjects('*')]),
      iamActions: ['s3:PutObject'],
      additionalIamStatements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::source-bucket/*'] })],
      outputs: { etag: '{% $states.result.CopyObjectResult.ETag %}' },
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    const state = stateOf(machine);
    expect(state.Resource).toBe('arn:${AWS::Partition}:states:::aws-sdk:s3:copyObject');
    expect(state.Arguments).toEqual({ Bucket: '${Ref:Docs}', CopySource: '{% $states.input.source %}', Key: '{% $states.input.key %}' });
    expectPolicy(stack, [
      { Action: 's3:PutObject', Effect: 'Allow', Resource: { 'Fn::Join': ['', [getAtt(docs, 'Arn'), '/*']] } },
      { Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::source-bucket/*' },
    ]);
  });
});

describe('SdkSteps.callWithCallback', () => {
  const timeouts = { taskTimeout: sfn.Timeout.duration(Duration.hours(4)), heartbeat: Heartbeat.every(Duration.minutes(15)) };

  test('calls the API with the token in a parameter and waits for the callback', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Work');
    const machine = machineWith(stack, SdkSteps.callWithCallback({
      ...timeouts,
      service: 'sqs',
      action: 'sendMessage',
      parameters: { QueueUrl: queue.queueUrl, MessageBody: sfn.JsonPath.format('{"token": "{}"}', sfn.JsonPath.taskToken) },
      iamResources: SdkIamResources.fromArns([queue.queueArn]),
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::aws-sdk:sqs:sendMessage.waitForTaskToken',
      Parameters: { 'QueueUrl': '${Ref:Work}', 'MessageBody.$': 'States.Format(\'{"token": "{}"}\', $$.Task.Token)' },
      TimeoutSeconds: 14400,
      HeartbeatSeconds: 900,
      Retry: [RETRIERS.sqsThrottling],
      End: true,
    });
    expectPolicy(stack, [{ Action: 'sqs:SendMessage', Effect: 'Allow', Resource: getAtt(queue, 'Arn') }]);
  });

  test('JSONata: the token from TaskToken.JSONATA', () => {
    const stack = newStack();
    const machine = machineWith(stack, SdkSteps.callWithCallback({
      ...timeouts,
      service: 'dynamodb',
      action: 'putItem',
      parameters: { TableName: 'approvals', Item: { token: { S: TaskToken.JSONATA } } },
      iamResources: SdkIamResources.fromArns(['arn:aws:dynamodb:us-east-1:123456789012:table/approvals']),
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    const state = stateOf(machine);
    expect(state.Resource).toBe('arn:${AWS::Partition}:states:::aws-sdk:dynamodb:putItem.waitForTaskToken');
    expect(state.Arguments.Item).toEqual({ token: { S: '{% $states.context.Task.Token %}' } });
  });

  test('fails when the parameters do not carry the token (SW501), naming the step and the fix', () => {
    const step = SdkSteps.callWithCallback({
      ...timeouts,
      service: 'sqs',
      action: 'sendMessage',
      parameters: { QueueUrl: 'https://sqs.us-east-1.amazonaws.com/123456789012/work', MessageBody: 'hello' },
      iamResources: SdkIamResources.allResources(),
    });
    expect(() => machineWith(newStack(), step, { stateName: 'Enqueue' })).toThrow(
      /^\[SW501\] Stack\/Enqueue, state 'Enqueue': the callback step does not pass the task token: the parameters do not reference it\. Fix: put sfn\.JsonPath\.taskToken \(JSONPath\) or TaskToken\.JSONATA/,
    );
  });
});

describe('SdkSteps: bad input', () => {
  test('fails for an unknown service (SW504), suggesting the SDK name of an IAM prefix', () => {
    expect(() => bindCall({ service: 'states', action: 'startExecution' })).toThrow(
      /^\[SW504\] Stack\/Call, state 'Call': 'states' is not a service of Step Functions' AWS SDK integrations\. Found: service 'states'\. Fix: use service 'sfn'/,
    );
  });

  test('fails for a misspelled service (SW504), suggesting the nearest name', () => {
    expect(() => bindCall({ service: 'dynamdb' })).toThrow(/\[SW504\].*Fix: use service 'dynamodb'/);
    expect(() => bindCall({ service: 'cloudwatch-logs' })).toThrow(/\[SW504\].*Fix: use service 'cloudwatchlogs'/);
  });

  test('fails for a service with no near match (SW504), pointing to the list', () => {
    expect(() => bindCall({ service: 'quantumledger' })).toThrow(/\[SW504\].*Fix: use the service name from https:\/\/docs\.aws\.amazon\.com\/step-functions\/latest\/dg\/supported-services-awssdk\.html/);
  });

  test('fails for a PascalCase action (SW505), with the camelCase name', () => {
    expect(() => bindCall({ action: 'GetObject' })).toThrow(
      /^\[SW505\] Stack\/Call, state 'Call': the action 'GetObject' is not a camelCase API name\. Found: action 'GetObject'\. Fix: write it in camelCase: 'getObject'/,
    );
  });

  test('fails for an action with other characters (SW505)', () => {
    expect(() => bindCall({ action: 'get-object' })).toThrow(/\[SW505\].*'get-object' is not a camelCase API name.*Fix: write the API name in camelCase/);
  });

  test('fails for an action with .sync (SW505): AWS SDK integrations have no run-a-job pattern', () => {
    expect(() => bindCall({ action: 'getObject.sync' })).toThrow(/\[SW505\].*carries the integration pattern suffix '\.sync'.*Fix: AWS SDK integrations do not support \.sync/);
  });

  test('fails for an action with .waitForTaskToken (SW505), pointing to callWithCallback', () => {
    expect(() => bindCall({ service: 'sqs', action: 'sendMessage.waitForTaskToken' }))
      .toThrow(/\[SW505\].*Fix: pass action 'sendMessage' to SdkSteps\.callWithCallback\(\)/);
  });

  test('fails for an operation Step Functions does not support (SW509)', () => {
    expect(() => bindCall({ service: 'bedrockruntime', action: 'invokeModelWithResponseStream' })).toThrow(
      /^\[SW509\] Stack\/Call, state 'Call': Step Functions does not support the operation InvokeModelWithResponseStream of the 'bedrockruntime' AWS SDK integration/,
    );
  });

  test('fails without IAM resources (SW506)', () => {
    expect(() => bindCall({ iamResources: SdkIamResources.fromArns([]) })).toThrow(
      /^\[SW506\] Stack\/Call, state 'Call': the AWS SDK step names no IAM resources.*Fix: pass the ARNs the call acts on with SdkIamResources\.fromArns/,
    );
    // JavaScript callers can leave the required prop out.
    expect(() => bindCall({ iamResources: undefined })).toThrow(/\[SW506\]/);
  });

  test('fails for \'*\' without opting in to every resource (SW506)', () => {
    expect(() => bindCall({ iamResources: SdkIamResources.fromArns(['*']) })).toThrow(
      /\[SW506\].*passes '\*' in SdkIamResources\.fromArns\(\).*Fix: name the ARNs, or use SdkIamResources\.allResources\(\)/,
    );
  });

  test('fails for malformed or empty iamActions (SW510)', () => {
    expect(() => bindCall({ iamActions: ['GetObject'] })).toThrow(/\[SW510\].*iamActions has malformed actions: 'GetObject'/);
    expect(() => bindCall({ iamActions: [] })).toThrow(/\[SW510\].*iamActions is empty/);
  });

  test('does not check an action known only at deploy time, and requires iamActions for it', () => {
    const action = Lazy.string({ produce: () => 'getObject' });
    expect(() => bindCall({ action })).toThrow(/\[SW510\].*the IAM action cannot be derived/);
    expect(() => bindCall({ action, iamActions: ['s3:GetObject'] })).not.toThrow();
  });

  test('requires iamActions when the service is a deploy-time token (SW510), and accepts them', () => {
    const service = Lazy.string({ produce: () => 's3' });
    expect(() => bindCall({ service })).toThrow(/\[SW510\].*the IAM action cannot be derived/);
    expect(() => bindCall({ service, iamActions: ['s3:GetObject'] })).not.toThrow();
  });
});
