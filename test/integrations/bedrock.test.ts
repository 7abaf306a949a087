import { Stack } from 'aws-cdk-lib';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { arn, expectPolicy, machineWith, newStack, roleStatements, stateOf } from './helpers';
import { Step } from '../../src/core/step';
import { BedrockSteps } from '../../src/integrations/bedrock';

describe('BedrockSteps.invokeModel', () => {
  test('invokes the model and grants bedrock:InvokeModel on it; inputPath stays the state\'s InputPath', () => {
    const stack = newStack();
    const model = bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1);
    const machine = machineWith(stack, BedrockSteps.invokeModel({
      model: model,
      body: sfn.TaskInput.fromObject({ inputText: sfn.JsonPath.stringAt('$.prompt') }),
      inputPath: '$.request',
      resultSelector: { 'text.$': '$.Body.results[0].outputText' },
    }));
    expect(stateOf(machine)).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::bedrock:invokeModel',
      Parameters: {
        ModelId: 'arn:${AWS::Partition}:bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1',
        Body: { 'inputText.$': '$.prompt' },
      },
      InputPath: '$.request',
      ResultSelector: { 'text.$': '$.Body.results[0].outputText' },
      End: true,
    });
    expectPolicy(stack, [{ Action: 'bedrock:InvokeModel', Effect: 'Allow', Resource: arn('bedrock:us-east-1::foundation-model/amazon.titan-text-express-v1') }]);
  });

  test('JSONata: the body in Arguments', () => {
    const stack = newStack();
    const model = bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1);
    const machine = machineWith(stack, BedrockSteps.invokeModel({
      model: model,
      body: sfn.TaskInput.fromObject({ inputText: '{% $states.input.prompt %}' }),
      outputs: '{% $states.result.Body %}',
    }), { queryLanguage: sfn.QueryLanguage.JSONATA, machineQueryLanguage: sfn.QueryLanguage.JSONATA });
    const state = stateOf(machine);
    expect(state.Arguments.Body).toEqual({ inputText: '{% $states.input.prompt %}' });
    expect(state.Output).toBe('{% $states.result.Body %}');
    expect(state.InputPath).toBeUndefined();
  });
});

describe('BedrockSteps.invokeModel IAM', () => {
  // The step's statements come from cdk-stepwise's shared task policies; these cases check that
  // they are what aws-cdk-lib's BedrockInvokeModel grants for S3 input, S3 output and guardrails.
  const cases: Array<[string, (b: s3.IBucket) => Partial<tasks.BedrockInvokeModelProps>]> = [
    ['S3 input and output locations', (b) => ({ input: { s3Location: { bucketName: b.bucketName, objectKey: 'in.json' } }, output: { s3Location: { bucketName: b.bucketName, objectKey: 'out.json' } } })],
    ['S3 input and output URIs', () => ({ input: { s3InputUri: sfn.JsonPath.stringAt('$.in') }, output: { s3OutputUri: sfn.JsonPath.stringAt('$.out') } })],
    ['a guardrail by id', () => ({ body: sfn.TaskInput.fromObject({}), guardrail: tasks.Guardrail.enable('abc123', 1) })],
    ['a guardrail by ARN', () => ({ body: sfn.TaskInput.fromObject({}), guardrail: tasks.Guardrail.enable('arn:aws:bedrock:us-east-1:123456789012:guardrail/abc123', 1) })],
  ];

  test.each(cases)('%s: the statements aws-cdk-lib\'s task grants', (_name, extra) => {
    const statementsOf = (build: (stack: Stack, model: bedrock.IModel, bucket: s3.IBucket) => Step | sfn.IChainable) => {
      const stack = newStack();
      const model = bedrock.FoundationModel.fromFoundationModelId(stack, 'Model', bedrock.FoundationModelIdentifier.AMAZON_TITAN_TEXT_G1_EXPRESS_V1);
      const built = build(stack, model, new s3.Bucket(stack, 'Bucket'));
      const chainable = built instanceof Step ? built.bind(stack, 'Task', { stateName: 'Task' }) : built;
      new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(chainable) });
      return roleStatements(stack);
    };
    const ours = statementsOf((_s, model, bucket) => BedrockSteps.invokeModel({ model, ...extra(bucket) } as any));
    const theirs = statementsOf((stack, model, bucket) => new tasks.BedrockInvokeModel(stack, 'Task', { model, ...extra(bucket) } as any));
    expect(ours).toEqual(theirs);
    expect(ours.length).toBeGreaterThan(1);
  });
});
