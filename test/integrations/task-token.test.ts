import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { TaskToken } from '../../src/integrations/task-token';

describe('TaskToken', () => {
  test('JSON_PATH renders as a reference to $$.Task.Token', () => {
    expect(sfn.FieldUtils.renderObject({ token: TaskToken.JSON_PATH })).toEqual({ 'token.$': '$$.Task.Token' });
  });

  test('JSONATA is the context expression, which aws-cdk-lib recognises as the token', () => {
    expect(TaskToken.JSONATA).toBe('{% $states.context.Task.Token %}');
    expect(sfn.FieldUtils.containsTaskToken({ token: TaskToken.JSONATA })).toBe(true);
  });
});
