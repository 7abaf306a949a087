import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { carriesTaskToken, renderedStateHasTaskToken } from '../../../src/integrations/private/token';

describe('renderedStateHasTaskToken', () => {
  test('finds the token in a JSONPath field, nested, in arrays and inside intrinsic functions', () => {
    expect(renderedStateHasTaskToken({ Parameters: { 'token.$': '$$.Task.Token' } })).toBe(true);
    expect(renderedStateHasTaskToken({ Parameters: { a: [{ b: { 'Value.$': '$$.Task.Token' } }] } })).toBe(true);
    expect(renderedStateHasTaskToken({ Parameters: { 'msg.$': "States.Format('{}', $$.Task.Token)" } })).toBe(true);
    expect(renderedStateHasTaskToken({ Parameters: { 'ctx.$': '$$' } })).toBe(true);
    expect(renderedStateHasTaskToken({ Parameters: { 'task.$': '$$.Task' } })).toBe(true);
  });

  test('does not take other context fields or literal text for the token', () => {
    expect(renderedStateHasTaskToken({ Parameters: { 'id.$': '$$.Execution.Id' } })).toBe(false);
    expect(renderedStateHasTaskToken({ Parameters: { token: '$$.Task.Token' } })).toBe(false);
    expect(renderedStateHasTaskToken({ Parameters: { 'x.$': '$.Task.Token' } })).toBe(false);
    expect(renderedStateHasTaskToken({})).toBe(false);
  });

  test('finds the token in a JSONata expression only', () => {
    expect(renderedStateHasTaskToken({ Arguments: { t: '{% $states.context.Task.Token %}' } })).toBe(true);
    expect(renderedStateHasTaskToken({ Arguments: '{% $merge([$states.input, {"t": $states.context.Task.Token}]) %}' })).toBe(true);
    expect(renderedStateHasTaskToken({ Arguments: { t: '$states.context.Task.Token' } })).toBe(false);
    expect(renderedStateHasTaskToken({ Arguments: { t: '{% $states.context.Execution.Id %}' } })).toBe(false);
  });
});

describe('carriesTaskToken', () => {
  test('sees the token in objects, texts and intrinsic functions', () => {
    expect(carriesTaskToken({ a: sfn.JsonPath.taskToken })).toBe(true);
    expect(carriesTaskToken(sfn.JsonPath.format('token {}', sfn.JsonPath.taskToken))).toBe(true);
    expect(carriesTaskToken('{% $states.context.Task.Token %}')).toBe(true);
  });

  test('does not see it where it is not', () => {
    expect(carriesTaskToken({ a: sfn.JsonPath.stringAt('$.token') })).toBe(false);
    expect(carriesTaskToken('Task.Token')).toBe(false);
  });
});
