import * as s3 from 'aws-cdk-lib/aws-s3';
import { arn, expectPolicy, machineWith, newStack, ref, stateOf } from './helpers';
import { AthenaSteps } from '../../src/integrations/athena';

// The query runs with the state machine role's permissions: aws-cdk-lib's statements for the
// results bucket, the Glue Data Catalog and Lake Formation (as in the Step Functions guide).
const GLUE_ACTIONS = [
  'glue:BatchCreatePartition', 'glue:BatchDeletePartition', 'glue:BatchDeleteTable', 'glue:BatchGetPartition', 'glue:CreateDatabase',
  'glue:CreatePartition', 'glue:CreateTable', 'glue:DeleteDatabase', 'glue:DeletePartition', 'glue:DeleteTable', 'glue:GetDatabase',
  'glue:GetDatabases', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:UpdateDatabase',
  'glue:UpdatePartition', 'glue:UpdateTable',
];

function dataStatements(results: unknown, database = 'default'): unknown[] {
  return [
    { Action: ['s3:CreateBucket', 's3:ListBucket', 's3:GetBucketLocation', 's3:GetObject'], Effect: 'Allow', Resource: '*' },
    { Action: ['s3:AbortMultipartUpload', 's3:ListBucketMultipartUploads', 's3:ListMultipartUploadParts', 's3:PutObject'], Effect: 'Allow', Resource: results },
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
      ...dataStatements('*', 'sales'),
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
      ...dataStatements({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', ref(bucket), '/athena/*']] }),
    ]);
  });
});
