import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { arn, expectPolicy, getAtt, machineWith, newStack, ref, roleStatements, stateOf } from './helpers';
import { AthenaSteps } from '../../src/integrations/athena';

// The query runs with the state machine role's permissions: the Glue Data Catalog and Lake
// Formation statements of the Step Functions guide, and S3 only where the step names a location.
const GLUE_ACTIONS = [
  'glue:BatchCreatePartition', 'glue:BatchDeletePartition', 'glue:BatchDeleteTable', 'glue:BatchGetPartition', 'glue:CreateDatabase',
  'glue:CreatePartition', 'glue:CreateTable', 'glue:DeleteDatabase', 'glue:DeletePartition', 'glue:DeleteTable', 'glue:GetDatabase',
  'glue:GetDatabases', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:UpdateDatabase',
  'glue:UpdatePartition', 'glue:UpdateTable',
];

function catalogStatements(database = 'default'): unknown[] {
  return [
    { Action: 'lakeformation:GetDataAccess', Effect: 'Allow', Resource: '*' },
    {
      Action: GLUE_ACTIONS,
      Effect: 'Allow',
      Resource: [
        arn('glue:us-east-1:123456789012:catalog'),
        arn(`glue:us-east-1:123456789012:database/${database}`),
        arn(`glue:us-east-1:123456789012:table/${database}/*`),
        arn(`glue:us-east-1:123456789012:userDefinedFunction/${database}/*`),
      ],
    },
  ];
}

describe('AthenaSteps.startQueryExecution', () => {
  test('starts the query; grants StartQueryExecution and GetDataCatalog on the workgroup and catalog', () => {
    const stack = newStack();
    const machine = machineWith(stack, AthenaSteps.startQueryExecution({
      queryString: 'SELECT * FROM orders WHERE day = ?',
      executionParameters: ['2024-01-01'],
      workGroup: 'analytics',
      queryExecutionContext: { databaseName: 'sales' },
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::athena:startQueryExecution',
      Parameters: {
        QueryString: 'SELECT * FROM orders WHERE day = ?',
        QueryExecutionContext: { Database: 'sales' },
        ResultConfiguration: {},
        WorkGroup: 'analytics',
        ExecutionParameters: ['2024-01-01'],
      },
      End: true,
    });
    expectPolicy(stack, [
      {
        Action: ['athena:StartQueryExecution', 'athena:GetDataCatalog'],
        Effect: 'Allow',
        Resource: [arn('athena:us-east-1:123456789012:datacatalog/AwsDataCatalog'), arn('athena:us-east-1:123456789012:workgroup/analytics')],
      },
      ...catalogStatements('sales'),
    ]);
  });

  test('without a result location, the role gets no S3 access at all (no s3:CreateBucket or s3:PutObject on *)', () => {
    const stack = newStack();
    machineWith(stack, AthenaSteps.startQueryExecutionAndWait({ queryString: 'SELECT 1' }));
    expect(JSON.stringify(roleStatements(stack))).not.toContain('s3:');
  });

  test('reads the tables of the dataBuckets, and their keys', () => {
    const stack = newStack();
    const plain = new s3.Bucket(stack, 'Plain');
    const key = new kms.Key(stack, 'Key');
    const encrypted = new s3.Bucket(stack, 'Encrypted', { encryptionKey: key });
    machineWith(stack, AthenaSteps.startQueryExecution({ queryString: 'SELECT 1', dataBuckets: [plain, encrypted] }));
    expect(roleStatements(stack).slice(3)).toEqual([
      { Action: ['s3:GetBucketLocation', 's3:ListBucket'], Effect: 'Allow', Resource: [getAtt(plain, 'Arn'), getAtt(encrypted, 'Arn')] },
      {
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: [
          { 'Fn::Join': ['', [getAtt(plain, 'Arn'), '/*']] },
          { 'Fn::Join': ['', [getAtt(encrypted, 'Arn'), '/*']] },
        ],
      },
      { Action: 'kms:Decrypt', Effect: 'Allow', Resource: getAtt(key, 'Arn') },
    ]);
  });
});

describe('AthenaSteps.startQueryExecutionAndWait', () => {
  test('runs the query to completion; adds GetQueryExecution (polling) and StopQueryExecution (abort)', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Results');
    const machine = machineWith(stack, AthenaSteps.startQueryExecutionAndWait({
      queryString: 'SELECT 1',
      resultConfiguration: { outputLocation: { bucketName: bucket.bucketName, objectKey: 'athena' } },
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::athena:startQueryExecution.sync',
      Parameters: { QueryString: 'SELECT 1', ResultConfiguration: { OutputLocation: 's3://${Ref:Results}/athena/' } },
      End: true,
    });
    expectPolicy(stack, [
      {
        Action: ['athena:StartQueryExecution', 'athena:GetDataCatalog', 'athena:GetQueryExecution', 'athena:StopQueryExecution'],
        Effect: 'Allow',
        Resource: [arn('athena:us-east-1:123456789012:datacatalog/AwsDataCatalog'), arn('athena:us-east-1:123456789012:workgroup/primary')],
      },
      ...catalogStatements(),
      {
        Action: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', ref(bucket)]] },
      },
      {
        Action: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        Effect: 'Allow',
        Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', ref(bucket), '/athena/*']] },
      },
    ]);
  });
});
