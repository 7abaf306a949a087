import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { StockReconciliationStack } from '../../examples/stock-reconciliation';
import { Asl } from '../../src';
import { LocalS3, LocalWorkflow, TaskFailure, TaskMock } from '../../src/testing';
import '../../src/testing/jest';

/** 10,000 lines of counts; every 500th line is off by one. */
function counts(lines: number): string {
  let out = '';
  for (let i = 0; i < lines; i++) {
    out += `{"sku":"sku-${i}","counted":${i % 500 === 0 ? 9 : 10},"expected":10}\n`;
  }
  return out;
}

/** What the Lambda handler in examples/lambda/count-stock.js computes. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const handler = require('../../examples/lambda/count-stock.js').handler as (input: unknown) => Promise<unknown>;

describe('example: stock reconciliation (Distributed Map)', () => {
  const stack = new StockReconciliationStack(new App(), 'StockReconciliation');
  const template = Template.fromStack(stack);

  test('renders a Distributed Map over a JSONL object, batches of 100, 1% tolerated, results to S3', () => {
    const map = Asl.of(stack.workflow).States['Reconcile counts'];
    expect(map).toMatchObject({
      ItemReader: { Resource: 'arn:${AWS::Partition}:states:::s3:getObject', ReaderConfig: { InputType: 'JSONL' }, Parameters: { Bucket: '${Ref:StockCounts}', Key: 'counts/latest.jsonl' } },
      ItemBatcher: { MaxItemsPerBatch: 100, BatchInput: { 'runDate.$': '$.runDate' } },
      ToleratedFailurePercentage: 1,
      ResultWriter: { Resource: 'arn:${AWS::Partition}:states:::s3:putObject', Parameters: { Bucket: '${Ref:StockCounts}', Prefix: 'reconciliation/' }, WriterConfig: { OutputType: 'JSONL', Transformation: 'COMPACT' } },
      Label: 'stock-counts',
      MaxConcurrency: 50,
      ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
    });
  });

  test('grants exactly: read the object, write the results prefix, run its own children', () => {
    const bucket = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::', { Ref: Match.stringLikeRegexp('^StockCounts') }, suffix]] });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          { Action: 's3:GetObject', Effect: 'Allow', Resource: bucket('/counts/latest.jsonl') },
          { Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Effect: 'Allow', Resource: bucket('/reconciliation/*') },
        ]),
      },
    });
    const sm = { Ref: Match.stringLikeRegexp('^StockReconciliation') };
    const executions = (suffix: string) => ({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':execution:', { 'Fn::GetAtt': [Match.stringLikeRegexp('^StockReconciliation'), 'Name'] }, suffix]],
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          { Action: 'states:StartExecution', Effect: 'Allow', Resource: sm },
          { Action: ['states:DescribeExecution', 'states:StopExecution'], Effect: 'Allow', Resource: executions('/*') },
          { Action: 'states:RedriveExecution', Effect: 'Allow', Resource: executions('/stock-counts:*') },
        ],
      }),
    });
  });

  test('alarms on failed children of the labelled map and on open Map Runs', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ExecutionsFailed', Dimensions: [{ Name: 'StateMachineArn', Value: Match.anyValue() }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ApproximateOpenMapRunCount', Threshold: 900 });
  });

  test('runs locally over 10,000 lines: 100 batches, results exported as JSON Lines', async () => {
    const s3 = new LocalS3().putObject('counts/latest.jsonl', counts(10_000));
    const run = await LocalWorkflow.of(stack.workflow).run({
      input: { runDate: '2026-11-30' },
      s3,
      mocks: { 'Reconcile batch': TaskMock.fn((input) => handler(input)) },
    });
    expect(run).toHaveSucceeded();
    const manifestKey = (run.output as any).ResultWriterDetails.Key;
    const manifest = JSON.parse(s3.text(manifestKey)!);
    const lines = s3.text(manifest.ResultFiles.SUCCEEDED[0].Key)!.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(100);
    expect(lines[0]).toEqual({ runDate: '2026-11-30', checked: 100, differences: [{ sku: 'sku-0', delta: -1 }] });
    expect(lines.reduce((n, l) => n + l.checked, 0)).toBe(10_000);
    expect(lines.flatMap((l) => l.differences)).toHaveLength(20);
  });

  test('locally, failures above 1% of the lines fail the run', async () => {
    const s3 = new LocalS3().putObject('counts/latest.jsonl', counts(10_000));
    let calls = 0;
    const run = await LocalWorkflow.of(stack.workflow).run({
      input: { runDate: '2026-11-30' },
      s3,
      // Two failed batches are 200 of 10,000 lines: 2% > 1%.
      mocks: { 'Reconcile batch': TaskMock.fn((input) => { if (++calls <= 2) throw new TaskFailure('Inventory.Unavailable', 'down'); return handler(input); }) },
    });
    expect(run).toHaveFailedWith('States.ExceedToleratedFailureThreshold');
  });
});
