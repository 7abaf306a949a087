import * as path from 'path';
import { Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  Flow, ItemReader, LambdaSteps, MapRunAlarms, ResultOutputType, ResultTransformation, ResultWriter, TimeoutPreset, Workflow,
} from '../src';

/**
 * A nightly stock reconciliation over a Distributed Map: the warehouse drops the night's counts
 * as a JSON Lines object (`counts/latest.jsonl`, one `{ sku, counted, expected }` per line); the
 * map reads it, hands batches of 100 lines to Express child executions that run a Lambda
 * function, tolerates 1% of failed lines, and exports the batches' results to S3 as JSON Lines.
 */
export class StockReconciliationStack extends Stack {
  public readonly workflow: Workflow;
  public readonly bucket: s3.Bucket;
  public readonly mapRunAlarms: MapRunAlarms;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);

    this.bucket = new s3.Bucket(this, 'StockCounts', { enforceSSL: true, blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL });
    const countFn = new lambda.Function(this, 'CountStock', {
      code: lambda.Code.fromAsset(path.join(__dirname, 'lambda')),
      handler: 'count-stock.handler',
      runtime: lambda.Runtime.NODEJS_22_X,
      timeout: Duration.seconds(30),
    });

    const perBatch = new Flow(this, 'PerBatch')
      .addStep('Reconcile batch', LambdaSteps.invoke({
        lambdaFunction: countFn,
        payloadResponseOnly: true,
        ...TimeoutPreset.lambdaInvoke(Duration.seconds(30)).toTaskTimeoutOptions(),
      }));

    const definition = new Flow(this, 'ReconcileFlow')
      .addDistributedMap('Reconcile counts', {
        itemReader: ItemReader.jsonLines({ bucket: this.bucket, key: 'counts/latest.jsonl' }),
        itemBatcher: { maxItemsPerBatch: 100, batchInput: { 'runDate.$': '$.runDate' } },
        toleratedFailurePercentage: 1,
        resultWriter: ResultWriter.toS3({
          bucket: this.bucket,
          prefix: 'reconciliation/',
          outputType: ResultOutputType.JSONL,
          transformation: ResultTransformation.COMPACT,
        }),
        executionType: sfn.StateMachineType.EXPRESS,
        maxConcurrency: 50,
        label: 'stock-counts',
        processor: perBatch,
      })
      .addSucceed('Reconciled');

    this.workflow = new Workflow(this, 'StockReconciliation', {
      definition,
      timeout: Duration.hours(2),
      comment: 'Reconciles the night\'s stock counts, 100 lines per child execution.',
    });
    this.mapRunAlarms = new MapRunAlarms(this, 'MapRunAlarms', {
      childFailures: [{ stateMachine: this.workflow, label: 'stock-counts' }],
    });
  }
}
