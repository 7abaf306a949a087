import { Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LanguageSlots, actualQueryLanguage, taskTokenValue } from '../../../src/integrations/private/language';

describe('actualQueryLanguage', () => {
  test('the state\'s own language wins, then the state machine\'s, then JSONPath', () => {
    expect(actualQueryLanguage(sfn.QueryLanguage.JSONATA, sfn.QueryLanguage.JSON_PATH)).toBe(sfn.QueryLanguage.JSONATA);
    expect(actualQueryLanguage(undefined, sfn.QueryLanguage.JSONATA)).toBe(sfn.QueryLanguage.JSONATA);
    expect(actualQueryLanguage()).toBe(sfn.QueryLanguage.JSON_PATH);
  });
});

describe('LanguageSlots', () => {
  test('writes the declared language\'s value', () => {
    const target: Record<string, unknown> = {};
    new LanguageSlots(sfn.QueryLanguage.JSONATA).put(target, 'token', taskTokenValue());
    expect(target.token).toBe('{% $states.context.Task.Token %}');
  });

  test('without a declared language, rewrites the value for the language the state is rendered in', () => {
    const target: Record<string, unknown> = {};
    const slots = new LanguageSlots();
    slots.put(target, 'token', { jsonPath: 'path', jsonata: 'jsonata' });
    expect(target.token).toBe('path');
    const state = new sfn.Pass(new Stack(), 'P');
    slots.attach(state);
    state.toStateJson(sfn.QueryLanguage.JSONATA);
    expect(target.token).toBe('jsonata');
    state.toStateJson(sfn.QueryLanguage.JSON_PATH);
    expect(target.token).toBe('path');
  });
});
