import { SDK_IAM_ACTIONS, SDK_IAM_PREFIXES, sdkIamActions, suggestSdkService } from '../../../src/integrations/private/sdk-iam';
import { SDK_SERVICES, SDK_UNSUPPORTED_OPERATIONS } from '../../../src/integrations/private/sdk-services';

describe('sdkIamActions', () => {
  test('upper-cases the first letter of the API name, under the service name', () => {
    expect(sdkIamActions('s3', 'getObject')).toEqual(['s3:GetObject']);
    expect(sdkIamActions('dynamodb', 'transactWriteItems')).toEqual(['dynamodb:TransactWriteItems']);
  });

  test('uses the IAM prefix of services whose prefix differs from their SDK name', () => {
    expect(sdkIamActions('sfn', 'startSyncExecution')).toEqual(['states:StartSyncExecution']);
    expect(sdkIamActions('cloudwatchlogs', 'putLogEvents')).toEqual(['logs:PutLogEvents']);
    expect(sdkIamActions('eventbridge', 'putEvents')).toEqual(['events:PutEvents']);
    expect(sdkIamActions('emr', 'runJobFlow')).toEqual(['elasticmapreduce:RunJobFlow']);
    expect(sdkIamActions('efs', 'describeFileSystems')).toEqual(['elasticfilesystem:DescribeFileSystems']);
    expect(sdkIamActions('bedrockruntime', 'converse')).toEqual(['bedrock:Converse']);
    expect(sdkIamActions('cloudcontrol', 'getResource')).toEqual(['cloudformation:GetResource']);
  });

  test('uses the known actions of APIs whose IAM action is not their name', () => {
    expect(sdkIamActions('s3', 'listBuckets')).toEqual(['s3:ListAllMyBuckets']);
    expect(sdkIamActions('s3', 'listObjectsV2')).toEqual(['s3:ListBucket']);
    expect(sdkIamActions('s3', 'headObject')).toEqual(['s3:GetObject']);
    expect(sdkIamActions('lambda', 'invoke')).toEqual(['lambda:InvokeFunction']);
  });

  test('every table entry is about a service Step Functions integrates with', () => {
    for (const service of Object.keys(SDK_IAM_PREFIXES)) {
      expect(SDK_SERVICES.has(service)).toBe(true);
    }
    for (const key of Object.keys(SDK_IAM_ACTIONS)) {
      expect(SDK_SERVICES.has(key.split(':')[0])).toBe(true);
    }
    for (const service of Object.keys(SDK_UNSUPPORTED_OPERATIONS)) {
      expect(SDK_SERVICES.has(service)).toBe(true);
    }
  });

  test('the service list has the documented names and none of the deprecated ones', () => {
    expect(SDK_SERVICES.size).toBe(414);
    for (const name of ['s3', 'sfn', 'cloudwatchlogs', 'eventbridge', 'bedrockruntime', 'dynamodb']) {
      expect(SDK_SERVICES.has(name)).toBe(true);
    }
    expect(SDK_SERVICES.has('macie')).toBe(false);
    expect(SDK_SERVICES.has('states')).toBe(false);
  });
});

describe('suggestSdkService', () => {
  test('suggests the SDK name of an IAM prefix', () => {
    expect(suggestSdkService('states')).toBe('sfn');
    expect(suggestSdkService('logs')).toBe('cloudwatchlogs');
    expect(suggestSdkService('events')).toBe('eventbridge');
    expect(suggestSdkService('elasticmapreduce')).toBe('emr');
  });

  test('suggests the name without dashes, and near misses', () => {
    expect(suggestSdkService('acm-pca')).toBe('acmpca');
    expect(suggestSdkService('stepfunctions')).toBe('sfn');
    expect(suggestSdkService('lambdaa')).toBe('lambda');
  });

  test('suggests nothing for a name far from every service', () => {
    expect(suggestSdkService('quantumledger')).toBeUndefined();
  });
});
