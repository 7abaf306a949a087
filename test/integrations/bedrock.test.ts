import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { arn, expectPolicy, machineWith, newStack, stateOf } from './helpers';
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
