import { IntegrationPattern, buildModel, classifyResource, codePoints } from '../../../src/core/asl/model';
import { machine } from '../../validation/helpers';

const pass = { Type: 'Pass', End: true };

describe('buildModel', () => {
  test('lists states in document order with their paths, scopes, depth and query language', () => {
    const def = machine({
      P: { Type: 'Parallel', Next: 'M', Branches: [machine({ B1: pass }), machine({ B2: pass })] },
      M: { Type: 'Map', QueryLanguage: 'JSONPath', End: true, ItemProcessor: { ...machine({ I: pass }), ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' } } },
    }, { QueryLanguage: 'JSONata' });
    const model = buildModel(def, 'STANDARD');
    expect(model.states.map((s) => s.path)).toEqual(['P', 'P/Branches[0]/B1', 'P/Branches[1]/B2', 'M', 'M/ItemProcessor/I']);
    expect(model.scopes.map((s) => [s.path, s.depth])).toEqual([['', 0], ['P/Branches[0]', 1], ['P/Branches[1]', 1], ['M/ItemProcessor', 1]]);
    expect(model.maxDepth).toEqual(1);
    // A Map's QueryLanguage does not reach its processor (ASL "Query Languages").
    expect(model.states.map((s) => s.queryLanguage)).toEqual(['JSONata', 'JSONata', 'JSONata', 'JSONPath', 'JSONata']);
    const item = model.states[4];
    expect(item.scope.execution).toEqual(expect.objectContaining({ type: 'EXPRESS', childOf: model.states[3] }));
  });
});

describe('classifyResource', () => {
  test.each([
    ['arn:aws:states:::lambda:invoke', IntegrationPattern.REQUEST_RESPONSE, 'lambda:invoke', true],
    ['arn:${AWS::Partition}:states:::lambda:invoke.waitForTaskToken', IntegrationPattern.WAIT_FOR_TASK_TOKEN, 'lambda:invoke', true],
    ['arn:aws:states:::ecs:runTask.sync', IntegrationPattern.RUN_JOB, 'ecs:runTask', false],
    ['arn:aws:states:::states:startExecution.sync:2', IntegrationPattern.RUN_JOB, 'states:startExecution', false],
    ['arn:aws:states:::aws-sdk:s3:getObject', IntegrationPattern.REQUEST_RESPONSE, 'aws-sdk:s3:getObject', false],
    ['arn:aws:states:::http:invoke', IntegrationPattern.REQUEST_RESPONSE, 'http:invoke', false],
    ['arn:aws-us-gov:states:us-gov-west-1:123456789012:activity:work', IntegrationPattern.ACTIVITY, 'activity', false],
    ['arn:aws:lambda:us-east-1:123456789012:function:charge:live', IntegrationPattern.REQUEST_RESPONSE, 'lambda function', true],
    ['${Ref:Something}', IntegrationPattern.UNKNOWN, 'unknown', false],
    ['not an arn', IntegrationPattern.UNKNOWN, 'unknown', false],
  ])('%s', (resource, pattern, service, isLambda) => {
    expect(classifyResource(resource)).toEqual(expect.objectContaining({ pattern, service, isLambda }));
  });

  test('reads the activity name, and not when it is a CloudFormation value', () => {
    expect(classifyResource('arn:aws:states:us-east-1:123456789012:activity:work').activityName).toEqual('work');
    expect(classifyResource('arn:aws:states:us-east-1:123456789012:activity:${Ref:Name}').activityName).toBeUndefined();
  });
});

describe('codePoints', () => {
  test('counts a surrogate pair as one character', () => {
    expect(codePoints('a\u{1F680}b')).toEqual(3);
    expect(codePoints('')).toEqual(0);
  });
});
