import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import {
  Asl, CsvDelimiter, Flow, ItemDataFormat, ItemReader, ResultOutputType, ResultTransformation, ResultWriter, ValidationReport, Workflow,
} from '../../src';
import { distributedMapS3Statements } from '../../src/core/distributed-map-iam';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '111111111111', region: 'eu-west-1' } });
  const bucket = new s3.Bucket(stack, 'Data');
  return { app, stack, bucket };
}

const PARTITION = { Ref: 'AWS::Partition' };
const BUCKET = { Ref: 'Data666C94C7' };
/** `arn:<partition>:s3:::<bucket><suffix>` as CloudFormation renders it. */
const s3Arn = (suffix: string) => ({ 'Fn::Join': ['', ['arn:', PARTITION, ':s3:::', BUCKET, ...(suffix ? [suffix] : [])]] });

function build(stack: Stack, options: Omit<import('../../src').DistributedMapOptions, 'processor'>, language?: sfn.QueryLanguage) {
  const flow = new Flow(stack, 'F', { queryLanguage: language }).addDistributedMap('Each', {
    ...options,
    processor: new Flow(stack, 'P', { queryLanguage: language }).addPass('Handle'),
  });
  const workflow = new Workflow(stack, 'W', { definition: flow });
  return { workflow, state: Asl.of(workflow).States.Each };
}

/** The statements of the role's default policy that are not the Workflow's logging and tracing. */
function readerWriterStatements(stack: Stack): unknown[] {
  const policies = Template.fromStack(stack).findResources('AWS::IAM::Policy');
  const own = Object.entries(policies).find(([id]) => id.startsWith('WRoleDefaultPolicy'))![1] as any;
  return own.Properties.PolicyDocument.Statement.filter((s: any) => ![s.Action].flat().some((a: string) => a.startsWith('logs:') || a.startsWith('xray:')));
}

describe('Distributed Map builder', () => {
  describe('item readers', () => {
    test('CSV with the header in the first row and a delimiter, MaxItems', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.csv({ bucket, key: 'in/ratings.csv', delimiter: CsvDelimiter.SEMICOLON, maxItems: 500 }) });
      expect(state.ItemReader).toEqual({
        Resource: 'arn:${AWS::Partition}:states:::s3:getObject',
        ReaderConfig: { InputType: 'CSV', CSVHeaderLocation: 'FIRST_ROW', CSVDelimiter: 'SEMICOLON', MaxItems: 500 },
        Parameters: { Bucket: '${Ref:Data}', Key: 'in/ratings.csv' },
      });
      expect(readerWriterStatements(stack)).toEqual([{ Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('/in/ratings.csv') }]);
    });

    test('CSV with given headers, a version and the expected owner', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, {
        itemReader: ItemReader.csv({ bucket, key: 'a.csv', headers: ['id', 'name'], versionId: 'v1', expectedBucketOwner: '111111111111' }),
      });
      expect(state.ItemReader.ReaderConfig).toEqual({ InputType: 'CSV', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id', 'name'] });
      expect(state.ItemReader.Parameters).toEqual({ Bucket: '${Ref:Data}', Key: 'a.csv', VersionId: 'v1', ExpectedBucketOwner: '111111111111' });
    });

    test('JSON with ItemsPointer (which aws-cdk-lib cannot render) and a key from the input', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.json({ bucket, key: '$.key', itemsPointer: '/inventory/products' }) });
      expect(state.ItemReader).toEqual({
        Resource: 'arn:${AWS::Partition}:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSON', ItemsPointer: '/inventory/products' },
        Parameters: { 'Bucket': '${Ref:Data}', 'Key.$': '$.key' },
      });
      // The key is known at run time only: the bucket.
      expect(readerWriterStatements(stack)).toEqual([{ Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('/*') }]);
    });

    test('JSONL in a JSONata state renders Arguments', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.jsonLines({ bucket, key: 'in/items.jsonl' }) }, sfn.QueryLanguage.JSONATA);
      expect(state.ItemReader).toEqual({
        Resource: 'arn:${AWS::Partition}:states:::s3:getObject',
        ReaderConfig: { InputType: 'JSONL' },
        Arguments: { Bucket: '${Ref:Data}', Key: 'in/items.jsonl' },
      });
      expect(state.ItemReader.Parameters).toBeUndefined();
    });

    test('Parquet, with KMS decrypt on the given key', () => {
      const { stack, bucket } = setup();
      const key = new kms.Key(stack, 'Key');
      const { state } = build(stack, { itemReader: ItemReader.parquet({ bucket, key: 'in/part-0.parquet', kmsKey: key }) });
      expect(state.ItemReader.ReaderConfig).toEqual({ InputType: 'PARQUET' });
      expect(readerWriterStatements(stack)).toEqual([
        { Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('/in/part-0.parquet') },
        { Action: 'kms:Decrypt', Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } },
      ]);
    });

    test('S3 inventory manifest: reads the manifest and the data files of its configuration', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.s3Inventory({ bucket, manifestKey: 'inv/src/cfg/2025-01-01T00-00Z/manifest.json' }) });
      expect(state.ItemReader.ReaderConfig).toEqual({ InputType: 'MANIFEST' });
      expect(readerWriterStatements(stack)).toEqual([{
        Action: 's3:GetObject',
        Effect: 'Allow',
        Resource: [s3Arn('/inv/src/cfg/2025-01-01T00-00Z/manifest.json'), s3Arn('/inv/src/cfg/data/*')],
      }]);
    });

    test('Athena UNLOAD manifest with given CSV headers and a data location', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, {
        itemReader: ItemReader.athenaManifest({ bucket, manifestKey: 'athena/q-1-manifest.csv', format: ItemDataFormat.CSV, headers: ['id'], dataPrefix: 'unload/' }),
      });
      expect(state.ItemReader.ReaderConfig).toEqual({ InputType: 'CSV', ManifestType: 'ATHENA_DATA', CSVHeaderLocation: 'GIVEN', CSVHeaders: ['id'] });
      expect(readerWriterStatements(stack)).toEqual([{
        Action: 's3:GetObject', Effect: 'Allow', Resource: [s3Arn('/athena/q-1-manifest.csv'), s3Arn('/unload/*')],
      }]);
    });

    test('fails when an Athena manifest is read as JSON', () => {
      const { bucket } = setup();
      expect(() => ItemReader.athenaManifest({ bucket, manifestKey: 'm.csv', format: ItemDataFormat.JSON })).toThrow(/SW152.*Athena UNLOAD data is read as CSV, JSONL or PARQUET/);
    });

    test('S3 listing: ListBucket on the bucket for the prefix only, no GetObject', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.objects({ bucket, prefix: 'in/' }) });
      expect(state.ItemReader).toEqual({ Resource: 'arn:${AWS::Partition}:states:::s3:listObjectsV2', Parameters: { Bucket: '${Ref:Data}', Prefix: 'in/' } });
      expect(readerWriterStatements(stack)).toEqual([{
        Action: 's3:ListBucket', Effect: 'Allow', Resource: s3Arn(''), Condition: { StringLike: { 's3:prefix': 'in/*' } },
      }]);
    });

    test('LOAD_AND_FLATTEN reads the listed objects too', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, { itemReader: ItemReader.objectContents({ bucket, prefix: 'logs/', format: ItemDataFormat.JSONL, maxItems: 1000 }) });
      expect(state.ItemReader.ReaderConfig).toEqual({ InputType: 'JSONL', Transformation: 'LOAD_AND_FLATTEN', MaxItems: 1000 });
      expect(readerWriterStatements(stack)).toEqual([
        { Action: 's3:ListBucket', Effect: 'Allow', Resource: s3Arn(''), Condition: { StringLike: { 's3:prefix': 'logs/*' } } },
        { Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('/logs/*') },
      ]);
    });

    test('fails when maxItems is out of range', () => {
      const { bucket } = setup();
      expect(() => ItemReader.jsonLines({ bucket, key: 'k', maxItems: 100_000_001 })).toThrow(/SW113.*maxItems is 100000001/);
      expect(() => ItemReader.jsonLines({ bucket, key: 'k', maxItems: 0 })).toThrow(/SW113/);
    });

    test('fails when a CSV header list is empty', () => {
      const { bucket } = setup();
      expect(() => ItemReader.csv({ bucket, key: 'k', headers: [] })).toThrow(/SW153.*empty headers list/);
    });
  });

  describe('batching, tolerance, label, child type', () => {
    test('renders ItemBatcher, tolerated failure paths, Express children and the label', () => {
      const { stack } = setup();
      const { state } = build(stack, {
        itemsPath: '$.items',
        itemBatcher: { maxItemsPerBatch: 100, maxInputBytesPerBatch: 65_536, batchInput: { 'run.$': '$.run' } },
        toleratedFailurePercentagePath: '$.pct',
        toleratedFailureCount: 3,
        executionType: sfn.StateMachineType.EXPRESS,
        label: 'batches',
        maxConcurrency: 50,
      });
      expect(state).toMatchObject({
        ItemsPath: '$.items',
        ItemBatcher: { MaxItemsPerBatch: 100, MaxInputBytesPerBatch: 65_536, BatchInput: { 'run.$': '$.run' } },
        ToleratedFailurePercentagePath: '$.pct',
        ToleratedFailureCount: 3,
        Label: 'batches',
        MaxConcurrency: 50,
        ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } },
      });
    });

    test('fails when the tolerated failures are out of range', () => {
      const { stack } = setup();
      const processor = new Flow(stack, 'P').addPass('Handle');
      expect(() => new Flow(stack, 'F').addDistributedMap('Each', { processor, toleratedFailurePercentage: 101 }))
        .toThrow(/SW113.*toleratedFailurePercentage of the Distributed Map 'Each' is 101/);
      expect(() => new Flow(stack, 'G').addDistributedMap('Each 2', { processor, toleratedFailureCount: -1 }))
        .toThrow(/SW113.*toleratedFailureCount of the Distributed Map 'Each 2' is -1/);
    });

    test('fails when the batcher sets no limit or too many bytes', () => {
      const { stack } = setup();
      const processor = new Flow(stack, 'P').addPass('Handle');
      expect(() => new Flow(stack, 'F').addDistributedMap('Each', { processor, itemBatcher: {} })).toThrow(/SW113.*the itemBatcher sets no limit/);
      expect(() => new Flow(stack, 'G').addDistributedMap('Each 2', { processor, itemBatcher: { maxInputBytesPerBatch: 262_145 } })).toThrow(/SW113.*maxInputBytesPerBatch is 262145/);
    });
  });

  describe('result writer', () => {
    test('JSONPath: Parameters, WriterConfig, writes on the prefix', () => {
      const { stack, bucket } = setup();
      const { state } = build(stack, {
        resultWriter: ResultWriter.toS3({ bucket, prefix: 'out/', outputType: ResultOutputType.JSONL, transformation: ResultTransformation.FLATTEN }),
      });
      expect(state.ResultWriter).toEqual({
        Resource: 'arn:${AWS::Partition}:states:::s3:putObject',
        Parameters: { Bucket: '${Ref:Data}', Prefix: 'out/' },
        WriterConfig: { OutputType: 'JSONL', Transformation: 'FLATTEN' },
      });
      expect(readerWriterStatements(stack)).toEqual([{
        Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Effect: 'Allow', Resource: s3Arn('/out/*'),
      }]);
    });

    test('JSONata: Arguments, not Parameters (aws/aws-cdk#35403), with KMS for the bucket key', () => {
      const { stack, bucket } = setup();
      const key = new kms.Key(stack, 'Key');
      const { state } = build(stack, { resultWriter: ResultWriter.toS3({ bucket, prefix: 'out', kmsKey: key }) }, sfn.QueryLanguage.JSONATA);
      expect(state.ResultWriter).toEqual({ Resource: 'arn:${AWS::Partition}:states:::s3:putObject', Arguments: { Bucket: '${Ref:Data}', Prefix: 'out' } });
      expect(readerWriterStatements(stack)).toEqual([
        { Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Effect: 'Allow', Resource: s3Arn('/out/*') },
        { Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'], Effect: 'Allow', Resource: { 'Fn::GetAtt': ['Key961B73FD', 'Arn'] } },
      ]);
    });

    test('format only: WriterConfig without S3 and without S3 permissions', () => {
      const { stack } = setup();
      const { state } = build(stack, { resultWriter: ResultWriter.format({ transformation: ResultTransformation.FLATTEN }) });
      expect(state.ResultWriter).toEqual({ WriterConfig: { OutputType: 'JSON', Transformation: 'FLATTEN' } });
      expect(readerWriterStatements(stack)).toEqual([]);
    });
  });

  describe('child executions', () => {
    test('grants StartExecution on the state machine, Describe/Stop on execution:NAME/*, Redrive per label', () => {
      const { stack } = setup();
      build(stack, { label: 'lines' });
      const execution = (suffix: string) => ({
        'Fn::Join': ['', ['arn:', PARTITION, ':states:eu-west-1:111111111111:execution:', { 'Fn::GetAtt': ['W8F2A5E99', 'Name'] }, suffix]],
      });
      Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: Match.objectEquals({
          Version: '2012-10-17',
          Statement: [
            { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: 'W8F2A5E99' } },
            { Action: ['states:DescribeExecution', 'states:StopExecution'], Effect: 'Allow', Resource: execution('/*') },
            { Action: 'states:RedriveExecution', Effect: 'Allow', Resource: execution('/lines:*') },
          ],
        }),
        Roles: [{ Ref: 'WRole1078AD89' }],
      });
    });

    test('with a version and an alias, the same statements cover their child executions', () => {
      // Step Functions authorizes version and alias starts against the unqualified ARN, and their
      // executions are plain execution:NAME:... ARNs (AWS "Versions and aliases: IAM").
      const { stack } = setup();
      const { workflow } = build(stack, { label: 'lines' });
      workflow.addAlias('live');
      const policy = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
        .find((p: any) => JSON.stringify(p).includes('RedriveExecution')) as any;
      expect(policy.Properties.PolicyDocument.Statement[0]).toEqual({ Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: 'W8F2A5E99' } });
      expect(policy.Properties.PolicyDocument.Statement[0].Condition).toBeUndefined();
    });

    test('an unlabelled map gets Redrive on every labelled execution', () => {
      const { stack } = setup();
      build(stack, {});
      const template = Template.fromStack(stack);
      const policy = Object.values(template.findResources('AWS::IAM::Policy')).find((p: any) => JSON.stringify(p).includes('RedriveExecution')) as any;
      expect(policy.Properties.PolicyDocument.Statement[2].Resource['Fn::Join'][1][4]).toBe('/*');
    });

    test('a workflow without Distributed Maps gets no child-execution policy', () => {
      const { stack } = setup();
      new Workflow(stack, 'W', { definition: new Flow(stack, 'F').addPass('A') });
      expect(JSON.stringify(Template.fromStack(stack).toJSON())).not.toContain('states:StartExecution');
    });
  });

  describe('plain aws-cdk-lib state machines', () => {
    test('a sfn.StateMachine built from a Flow gets the child-execution policy at synth', () => {
      const { stack, bucket } = setup();
      const flow = new Flow(stack, 'F').addDistributedMap('Each', {
        itemReader: ItemReader.jsonLines({ bucket, key: 'in.jsonl' }),
        label: 'a',
        processor: new Flow(stack, 'P').addPass('Handle'),
      });
      new sfn.StateMachine(stack, 'SM', { definitionBody: sfn.DefinitionBody.fromChainable(flow) });
      const template = Template.fromStack(stack);
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: {
          Statement: Match.arrayWith([
            { Action: 'states:StartExecution', Effect: 'Allow', Resource: { Ref: Match.stringLikeRegexp('^SM') } },
            Match.objectLike({ Action: ['states:DescribeExecution', 'states:StopExecution'] }),
          ]),
        },
      });
      // The reader's permission lands in the role's default policy, as for a Workflow.
      template.hasResourceProperties('AWS::IAM::Policy', {
        PolicyDocument: { Statement: Match.arrayWith([{ Action: 's3:GetObject', Effect: 'Allow', Resource: s3Arn('/in.jsonl') }]) },
      });
    });
  });

  describe('report', () => {
    test('one line per Distributed Map: reader, batches, writer, concurrency, tolerance, child type', () => {
      const { stack, bucket } = setup();
      const { workflow } = build(stack, {
        itemReader: ItemReader.jsonLines({ bucket, key: 'in/items.jsonl', maxItems: 5000 }),
        itemBatcher: { maxItemsPerBatch: 100 },
        resultWriter: ResultWriter.toS3({ bucket, prefix: 'out/', outputType: ResultOutputType.JSONL, transformation: ResultTransformation.COMPACT }),
        toleratedFailurePercentage: 5,
        executionType: sfn.StateMachineType.EXPRESS,
      });
      const report = ValidationReport.forStateMachine(workflow);
      expect(report.distributedMaps).toEqual([{
        statePath: 'Each',
        reader: 's3:getObject JSONL ${Ref:Data}/in/items.jsonl, at most 5,000 items',
        batching: '100 items',
        writer: 's3 ${Ref:Data}/out/ (JSONL, COMPACT)',
        maxConcurrency: '10,000 (default)',
        tolerance: '5%',
        childExecutionType: 'EXPRESS',
      }]);
      expect(ValidationReport.format([{ stackName: 'Test', artifactId: 'Test', stateMachines: [report] }])).toContain(
        "  distributed map 'Each': reader s3:getObject JSONL ${Ref:Data}/in/items.jsonl, at most 5,000 items; batches 100 items; writer s3 ${Ref:Data}/out/ (JSONL, COMPACT); concurrency 10,000 (default); tolerated failures 5%; EXPRESS children",
      );
    });
  });

  describe('distributedMapS3Statements (shared with ASL import)', () => {
    test('reads plain ASL: dynamic prefix lists the bucket, writer prefix from a path writes the bucket', () => {
      const statements = distributedMapS3Statements({
        ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: { 'Bucket': 'b', 'Prefix.$': '$.prefix' } },
        ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { 'Bucket': 'r', 'Prefix.$': '$.out' } },
      }, { partition: 'aws' }).map((s) => s.toStatementJson());
      expect(statements).toEqual([
        { Action: 's3:ListBucket', Effect: 'Allow', Resource: 'arn:aws:s3:::b' },
        { Action: ['s3:PutObject', 's3:GetObject', 's3:ListMultipartUploadParts', 's3:AbortMultipartUpload'], Effect: 'Allow', Resource: 'arn:aws:s3:::r/*' },
      ]);
    });

    test('ManifestType S3_INVENTORY reads the manifest and its data folder', () => {
      const statements = distributedMapS3Statements({
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { ManifestType: 'S3_INVENTORY' }, Parameters: { Bucket: 'b', Key: 'inv/src/cfg/2025-01-01T00-00Z/manifest.json' } },
      }, { partition: 'aws' }).map((s) => s.toStatementJson());
      expect(statements).toEqual([{
        Action: 's3:GetObject', Effect: 'Allow', Resource: ['arn:aws:s3:::b/inv/src/cfg/2025-01-01T00-00Z/manifest.json', 'arn:aws:s3:::b/inv/src/cfg/data/*'],
      }]);
    });

    test('a JSONata bucket expression widens to every bucket; a WriterConfig alone needs nothing', () => {
      const statements = distributedMapS3Statements({
        ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'JSON' }, Arguments: { Bucket: '{% $states.input.bucket %}', Key: 'k.json' } },
        ResultWriter: { WriterConfig: { OutputType: 'JSON', Transformation: 'COMPACT' } },
      }, { partition: 'aws' }).map((s) => s.toStatementJson());
      expect(statements).toEqual([{ Action: 's3:GetObject', Effect: 'Allow', Resource: 'arn:aws:s3:::*/k.json' }]);
    });
  });
});
