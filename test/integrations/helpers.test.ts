import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { expectValidAsl, newStack } from './helpers';

describe('expectValidAsl', () => {
  test('passes a definition whose Resource holds CloudFormation placeholders', () => {
    const stack = newStack();
    const machine = new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: 'arn:${AWS::Partition}:states:::sqs:sendMessage', End: true } },
      })),
    });
    expect(() => expectValidAsl(machine)).not.toThrow();
  });

  test('fails a definition the validator rejects, with its errors', () => {
    const stack = newStack();
    const machine = new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: 'arn:${AWS::Partition}:states:::sqs:sendMessage', Next: 'Nowhere' } },
      })),
    });
    expect(() => expectValidAsl(machine)).toThrow(/asl-validator rejected the definition of Stack\/Machine: .*Nowhere/);
  });

  test('fails a Resource that is not an ARN', () => {
    const stack = newStack();
    const machine = new sfn.StateMachine(stack, 'Machine', {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify({
        StartAt: 'Call',
        States: { Call: { Type: 'Task', Resource: 'sqs:sendMessage', End: true } },
      })),
    });
    expect(() => expectValidAsl(machine)).toThrow(/asl-validator rejected/);
  });
});
