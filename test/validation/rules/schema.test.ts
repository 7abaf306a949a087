import { Severity } from '../../../src/core/finding';
import { ASL_RULES } from '../../../src/validation/rules/asl';
import { DISTRIBUTED_MAP_RULES } from '../../../src/validation/rules/distributed-map';
import { schemaRule } from '../../../src/validation/rules/schema';
import { ASL_SCHEMA } from '../../../src/validation/schema/states';
import { validateDefinition } from '../../../src/validation/validate';
import { check, machine, task } from '../helpers';

const pass = { Type: 'Pass', End: true };
const processor = machine({ Item: pass });
const dmap = (extra: Record<string, unknown> = {}, jsonata = false): Record<string, unknown> => ({
  Type: 'Map',
  End: true,
  ...extra,
  ...(jsonata ? { QueryLanguage: 'JSONata' } : {}),
  ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' } },
});

/** The schema rule's findings, with the hand-written ASL and Distributed Map rules too (to see that nothing is reported twice). */
function asl(definition: unknown): ReturnType<typeof check> {
  return validateDefinition(definition, {}, [...ASL_RULES, ...DISTRIBUTED_MAP_RULES, schemaRule]);
}

describe('the States Language schema', () => {
  test('is data: every definition names its source, and every state type has one per query language', () => {
    const defs = ASL_SCHEMA.definitions as Record<string, Record<string, unknown>>;
    for (const [name, d] of Object.entries(defs)) {
      expect([name, typeof d.source]).toEqual([name, 'string']);
      expect(String(d.source)).toMatch(/^https:\/\//);
    }
    for (const type of ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']) {
      expect(defs[`${type}JSONPath`]).toBeDefined();
      expect(defs[`${type}JSONata`]).toBeDefined();
    }
  });

  test('passes a clean definition in each query language', () => {
    expect(check(schemaRule, machine({ T: task({ Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }] }) }))).toEqual([]);
    expect(check(schemaRule, machine({ T: task({ Arguments: { a: '{% $states.input.a %}' }, Output: '{% $states.result %}' }) }, { QueryLanguage: 'JSONata' }))).toEqual([]);
  });

  test.each([
    ['a misspelled state field', machine({ T: task({ Resouce: 'x' }) }), 'SW224', /has the unknown field "Resouce" \(did you mean "Resource"\?\)/],
    ['a misspelled top-level field', machine({ P: pass }, { Coment: 'x' }), 'SW224', /the state machine has the unknown field "Coment" \(did you mean "Comment"\?\)/],
    ['a misspelled retrier field', machine({ T: task({ Retry: [{ ErrorEquals: ['E'], MaxAttempt: 2 }] }) }), 'SW224', /Retry\[0\] of 'T' has the unknown field "MaxAttempt" \(did you mean "MaxAttempts"\?\)/],
    ['QueryLanguage on an ItemProcessor', machine({ M: { Type: 'Map', End: true, ItemProcessor: { ...processor, QueryLanguage: 'JSONPath' } } }), 'SW224', /ItemProcessor of 'M' has the unknown field "QueryLanguage"/],
    ['a Task without Resource', machine({ T: { Type: 'Task', End: true } }), 'SW225', /the Task state 'T' has no Resource/],
    ['Credentials without RoleArn', machine({ T: task({ Credentials: {} }) }), 'SW225', /Credentials of 'T' has none of RoleArn, RoleArn\.\$/],
    ['an ItemReader without Resource', machine({ M: dmap({ ItemReader: { ReaderConfig: { InputType: 'JSON' } } }) }), 'SW151', /the item reader of 'M' has no Resource/],
    ['a ResultWriter with neither Resource nor WriterConfig', machine({ M: dmap({ ResultWriter: { Parameters: { Bucket: 'b' } } }) }), 'SW225', /ResultWriter of 'M' has none of Resource, WriterConfig/],
    ['"End": "true" is left to SW205, a Fail Error number is SW226', machine({ F: { Type: 'Fail', Error: 500 } }), 'SW226', /Error of 'F' is 500; it must be a string/],
    ['an unknown QueryLanguage', machine({ P: pass }, { QueryLanguage: 'JMESPath' }), 'SW226', /QueryLanguage of the state machine is "JMESPath"; it must be one of "JSONPath", "JSONata"/],
    ['an unknown InputType', machine({ M: dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { InputType: 'XML' } } }) }), 'SW152', /the item reader of 'M' has the InputType "XML"/],
    ['Parameters that is a string', machine({ T: task({ Parameters: '$.message' }) }), 'SW226', /Parameters of 'T' is "\$\.message" \(a string\)/],
    ['a bare name as Resource', machine({ T: task({ Resource: 'DetectSentiment' }) }), 'SW227', /Resource of 'T' is not a Resource Step Functions recognizes: "DetectSentiment" is not an ARN/],
    ['an optimized action Step Functions does not offer', machine({ T: task({ Resource: 'arn:aws:states:::dynamodb:query' }) }), 'SW227', /Resource of 'T' is "arn:aws:states:::dynamodb:query", not a Resource Step Functions recognizes: dynamodb:query is not an optimized integration/],
    ['an action the optimized integration lacks', machine({ T: task({ Resource: 'arn:aws:states:::dynamodb:query' }) }), 'SW227', /dynamodb:query is not an optimized integration .*aws-sdk:dynamodb:<action>/],
    ['.sync on SNS', machine({ T: task({ Resource: 'arn:aws:states:::sns:publish.sync' }) }), 'SW227', /sns:publish does not support the \.sync pattern \(it offers request-response, \.waitForTaskToken\)/],
    ['.sync on an AWS SDK integration', machine({ T: task({ Resource: 'arn:aws:states:::aws-sdk:s3:getObject.sync' }) }), 'SW227', /AWS SDK integrations do not support the \.sync/],
    ['an unknown suffix', machine({ T: task({ Resource: 'arn:aws:states:::aws-sdk:comprehend:detectSentiment.async' }) }), 'SW227', /is not an AWS SDK integration/],
    ['an ItemReader on listObjects', machine({ M: dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:listObjects' } }) }), 'SW227', /not a ItemReader resource: use arn:aws:states:::s3:getObject or arn:aws:states:::s3:listObjectsV2/],
    ['a timestamp with a space', machine({ W: { Type: 'Wait', Timestamp: '2016-12-05 21:29:29Z', End: true } }), 'SW228', /Timestamp of 'W' is "2016-12-05 21:29:29Z"; .*separated by an uppercase T/],
    ['a timestamp without zone', machine({ W: { Type: 'Wait', Timestamp: '2016-12-05T21:29:29', End: true } }), 'SW228', /no time zone/],
    ['month 13', machine({ W: { Type: 'Wait', Timestamp: '2016-13-05T21:29:29Z', End: true } }), 'SW228', /there is no month 13/],
    ['February 30', machine({ W: { Type: 'Wait', Timestamp: '2024-02-30T00:00:00Z', End: true } }), 'SW228', /there is no day 30 in month 2 of 2024/],
    ['an ItemReader on an inline Map', machine({ M: { Type: 'Map', End: true, ItemReader: { Resource: 'arn:aws:states:::s3:getObject' }, ItemProcessor: processor } }), 'SW150', /the inline Map state 'M' sets ItemReader, which only a Distributed Map takes/],
    ['an ExecutionType on an inline Map', machine({ M: { Type: 'Map', End: true, ItemProcessor: { ...processor, ProcessorConfig: { Mode: 'INLINE', ExecutionType: 'EXPRESS' } } } }), 'SW150', /sets ProcessorConfig.ExecutionType "EXPRESS", which only a Distributed Map takes/],
    ['ResultSelector on a Pass', machine({ P: { ...pass, ResultSelector: {} } }), 'SW220', /the Pass state 'P' has ResultSelector, which a Pass state does not take/],
    ['Result on a Task', machine({ T: task({ Result: {} }) }), 'SW220', /the Task state 'T' has Result/],
    ['Assign on a Succeed', machine({ S: { Type: 'Succeed', Assign: { a: 1 } } }), 'SW220', /the Succeed state 'S' has Assign/],
    ['Output on a JSONata Fail', machine({ F: { Type: 'Fail', Output: {} } }, { QueryLanguage: 'JSONata' }), 'SW220', /has Output, which a Fail state in JSONata does not take/],
    ['both Iterator and ItemProcessor', machine({ M: { Type: 'Map', End: true, Iterator: processor, ItemProcessor: processor } }), 'SW221', /sets both ItemProcessor and Iterator/],
    ['both ItemSelector and Parameters', machine({ M: { Type: 'Map', End: true, ItemSelector: {}, Parameters: {}, ItemProcessor: processor } }), 'SW221', /sets both ItemSelector and Parameters/],
    ['both MaxItems and MaxItemsPath', machine({ M: dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', ReaderConfig: { MaxItems: 1, MaxItemsPath: '$.n' } } }) }), 'SW158', /the item reader of 'M' sets both MaxItems and MaxItemsPath/],
    ['two operators in a Choice rule', machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, NumericGreaterThan: 2, Next: 'P' }], Default: 'P' }, P: pass }), 'SW222', /Choices\[0\] of 'C' has 2 comparison operators \(NumericEquals, NumericGreaterThan\)/],
    ['a rule without Variable', machine({ C: { Type: 'Choice', Choices: [{ NumericEquals: 1, Next: 'P' }], Default: 'P' }, P: pass }), 'SW222', /has no Variable/],
    ['a string operand of a numeric operator', machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 'one', Next: 'P' }], Default: 'P' }, P: pass }), 'SW222', /NumericEquals of 'C' is "one" \(a string\); it must be a number/],
    ['an empty And', machine({ C: { Type: 'Choice', Choices: [{ And: [], Next: 'P' }], Default: 'P' }, P: pass }), 'SW222', /Choices\[0\]\.And of 'C' is an empty list; it must hold at least one rule/],
    ['Next inside And', machine({ C: { Type: 'Choice', Choices: [{ And: [{ Variable: '$.a', IsPresent: true, Next: 'P' }], Next: 'P' }], Default: 'P' }, P: pass }), 'SW224', /And\[0\] of 'C' has the unknown field "Next"/],
    ['a malformed timestamp operand', machine({ C: { Type: 'Choice', Choices: [{ Variable: '$.t', TimestampEquals: '2016-03-14 01:59:00', Next: 'P' }], Default: 'P' }, P: pass }), 'SW228', /TimestampEquals of 'C' is "2016-03-14 01:59:00"/],
    ['an unclosed JSONata Condition', machine({ C: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.a = 0', Next: 'P' }], Default: 'P' }, P: { ...pass } }, { QueryLanguage: 'JSONata' }), 'SW232', /Condition of 'C' is "\{% \$states\.input\.a = 0"; it must be a JSONata expression closed with %\}/],
    ['an unclosed JSONata Items', machine({ M: { Type: 'Map', End: true, Items: '{% $states.input.list', ItemProcessor: processor } }, { QueryLanguage: 'JSONata' }), 'SW232', /Items of 'M' is "\{% \$states\.input\.list"/],
  ])('reports %s', (_, definition, code, message) => {
    const findings = asl(definition).filter((f) => f.code === code);
    expect(findings.length).toBeGreaterThanOrEqual(1);
    expect(findings.map((f) => f.message)).toEqual(expect.arrayContaining([expect.stringMatching(message)]));
    for (const f of findings) {
      expect(f.severity).toBe(Severity.ERROR);
      expect(f.fix.length).toBeGreaterThan(5);
    }
  });

  test('reports a JSONPath field in a JSONata ItemReader (aws-cdk #35403) as SW216', () => {
    const findings = check(schemaRule, machine({
      M: dmap({ ItemReader: { Resource: 'arn:aws:states:::s3:getObject', Parameters: { 'Bucket': 'b', 'Key.$': '$.key' } } }, true),
    }));
    expect(findings).toEqual([expect.objectContaining({ code: 'SW216', statePath: 'M', message: "ItemReader of 'M' has the JSONPath field Parameters, which a JSONata state does not take" })]);
  });

  test('names the ...Path field when a number field holds a path (aws-cdk #20835)', () => {
    const findings = check(schemaRule, machine({ M: { Type: 'Map', End: true, MaxConcurrency: '$.limit', ItemProcessor: processor } }));
    expect(findings).toEqual([expect.objectContaining({
      code: 'SW226', message: expect.stringContaining('a path goes in MaxConcurrencyPath'), fix: expect.stringContaining('"MaxConcurrencyPath": "$.limit"'),
    })]);
  });

  test('leaves to the hand-written rules what they report, so that nothing is reported twice', () => {
    const findings = asl(machine({
      C: { Type: 'Choice', End: true, Choices: [{ Variable: '$.a', IsPresent: true, Next: 'P' }], Default: 'P' },
      P: { Type: 'Pass', TimeoutSeconds: 5, End: true },
      T: task({ TimeoutSeconds: 0 }),
    }));
    const codes = findings.map((f) => `${f.code} ${f.statePath}`);
    expect(codes.filter((c) => c.startsWith('SW205 C'))).toHaveLength(1);
    expect(codes.filter((c) => c.startsWith('SW220 P'))).toHaveLength(1);
    expect(codes.filter((c) => c.startsWith('SW214 T'))).toHaveLength(1);
    expect(codes.filter((c) => c.startsWith('SW226'))).toEqual([]);
  });

  test('accepts deploy-time values in Resources, regional integration ARNs and Lambda function ARNs', () => {
    for (const resource of [
      '${Ref:Fn}', 'arn:${AWS::Partition}:states:::lambda:invoke', 'arn:aws:states:us-east-1:111111111111:aws-sdk:s3:getObject',
      'arn:aws:lambda:us-east-1:111111111111:function:f', 'arn:aws:lambda:us-east-1:111111111111:function:f:live',
      'arn:aws:states:us-east-1:111111111111:activity:work', 'arn:aws:states:::states:startExecution.sync:2',
      'arn:aws:states:::lambda:invoke.waitForTaskToken', 'arn:aws:states:::ecs:runTask.sync',
    ]) {
      expect([resource, check(schemaRule, machine({ T: task({ Resource: resource }) }))]).toEqual([resource, []]);
    }
  });

  test('accepts timestamps with offsets and fractions, and leap days', () => {
    for (const ts of ['2016-03-14T01:59:00Z', '2016-03-14T01:59:00.123+02:00', '2024-02-29T00:00:00Z']) {
      expect(check(schemaRule, machine({ W: { Type: 'Wait', Timestamp: ts, End: true } }))).toEqual([]);
    }
  });
});

describe('malformed documents', () => {
  test.each([
    [{ StartAt: 1, States: [] }],
    [{ StartAt: 'A', States: { A: null } }],
    [{ StartAt: 'A', States: { A: { Type: 'Choice', Choices: [null, 1, { And: 'x' }, { Not: [] }] } } }],
    [{ StartAt: 'A', States: { A: { Type: 'Map', ItemProcessor: [], ItemReader: 'x', ItemBatcher: null, End: true } } }],
    [{ StartAt: 'A', States: { A: { Type: 'Task', Resource: 5, Parameters: { 'a.$': null, 'b': [{ 'c.$': {} }] }, Catch: [{}], Retry: 'x', End: true } } }],
    [{ StartAt: 'A', QueryLanguage: 'JSONata', States: { A: { Type: 'Pass', Assign: { a: '{% ( %}' }, Output: ['{% $$ %}', { x: '{% ] %}' }], End: true } } }],
  ])('get findings with codes, never an internal error: %j', (definition) => {
    const findings = validateDefinition(definition);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.message.includes('internal error'))).toEqual([]);
  });
});
