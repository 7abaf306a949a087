import { App, CfnParameter, Lazy, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { Asl, Flow, Workflow } from '../../../src';
import { renderDefinition, TokenKind } from '../../../src/core/asl/render';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Test');
  const fn = new lambda.Function(stack, 'ValidateFn', {
    code: lambda.Code.fromInline('exports.handler = async () => ({})'),
    handler: 'index.handler',
    runtime: lambda.Runtime.NODEJS_22_X,
  });
  const queue = new sqs.Queue(stack, 'OrdersQueue');
  return { app, stack, fn, queue };
}

describe('Asl', () => {
  test('replaces CloudFormation values with readable placeholders', () => {
    // GIVEN
    const { stack, fn, queue } = setup();
    const flow = new Flow(stack, 'Flow')
      .addNext(new tasks.LambdaInvoke(stack, 'Validate', { lambdaFunction: fn, retryOnServiceExceptions: false }))
      .addNext(new tasks.SqsSendMessage(stack, 'Enqueue', { queue, messageBody: sfn.TaskInput.fromText('say "hi"') }));
    // WHEN
    const asl = Asl.of(new Workflow(stack, 'Orders', { definition: flow }));
    // THEN
    expect(asl.States.Validate).toEqual({
      Type: 'Task',
      Resource: 'arn:${AWS::Partition}:states:::lambda:invoke',
      Parameters: { 'FunctionName': '${GetAtt:ValidateFn.Arn}', 'Payload.$': '$' },
      Next: 'Enqueue',
    });
    expect(asl.States.Enqueue.Parameters).toEqual({ QueueUrl: '${Ref:OrdersQueue}', MessageBody: 'say "hi"' });
  });

  test('is the same from run to run, so snapshots are stable', () => {
    const render = () => {
      const { stack, fn } = setup();
      const flow = new Flow(stack, 'Flow').addNext(new tasks.LambdaInvoke(stack, 'Validate', { lambdaFunction: fn }));
      return Asl.toJson(new Workflow(stack, 'Orders', { definition: flow }));
    };
    const first = render();
    expect(render()).toEqual(first);
    expect(first).not.toMatch(/Fn::Join|[0-9A-F]{8}\}/);
    expect(JSON.parse(first)).toMatchSnapshot();
  });

  test('keeps the full logical ID when two resources would share a readable name', () => {
    const { stack } = setup();
    class Team extends Construct {
      public readonly queue: sqs.Queue;
      constructor(scope: Construct, id: string) {
        super(scope, id);
        this.queue = new sqs.Queue(this, 'Queue');
      }
    }
    // `A/Queue` and a top-level `AQueue` both get logical IDs `AQueue<hash>`.
    const a = new Team(stack, 'A');
    const b = { queue: new sqs.Queue(stack, 'AQueue') };
    const definition = new tasks.SqsSendMessage(stack, 'One', { queue: a.queue, messageBody: sfn.TaskInput.fromText('1') })
      .next(new tasks.SqsSendMessage(stack, 'Two', { queue: b.queue, messageBody: sfn.TaskInput.fromText('2') }));
    const asl = Asl.of(new sfn.StateMachine(stack, 'SM', { definitionBody: sfn.DefinitionBody.fromChainable(definition) }));
    expect(asl.States.One.Parameters.QueueUrl).toMatch(/^\$\{Ref:AQueue[0-9A-F]{8}\}$/);
    expect(asl.States.Two.Parameters.QueueUrl).toMatch(/^\$\{Ref:AQueue[0-9A-F]{8}\}$/);
    expect(asl.States.Two.Parameters.QueueUrl).not.toEqual(asl.States.One.Parameters.QueueUrl);
  });

  test('quotes a token used as a JSON number so the result stays JSON', () => {
    const { stack } = setup();
    const param = new CfnParameter(stack, 'Concurrency', { type: 'Number' });
    const map = new sfn.Map(stack, 'Each', { maxConcurrency: param.valueAsNumber }).itemProcessor(new sfn.Pass(stack, 'P'));
    const rendered = renderDefinition(new sfn.StateMachine(stack, 'SM', { definitionBody: sfn.DefinitionBody.fromChainable(map) }));
    expect(rendered.error).toBeUndefined();
    expect(rendered.definition.States.Each.MaxConcurrency).toBe('${Ref:Concurrency}');
    expect(rendered.tokens.map((t) => t.kind)).toEqual([TokenKind.REF]);
  });

  test('reads the Definition property form and applies DefinitionSubstitutions', () => {
    const { stack, fn } = setup();
    const cfn = new sfn.CfnStateMachine(stack, 'Raw', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definition: { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: '${FnArn}', End: true } } },
      definitionSubstitutions: { FnArn: fn.functionArn },
    });
    expect(Asl.of(cfn).States.Call.Resource).toBe('${GetAtt:ValidateFn.Arn}');
  });

  test('lists the tokens with their kinds for size estimates', () => {
    const { stack, fn } = setup();
    const sm = new sfn.StateMachine(stack, 'SM', {
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.LambdaInvoke(stack, 'V', { lambdaFunction: fn, retryOnServiceExceptions: false })),
    });
    const { tokens, text } = renderDefinition(sm);
    expect(tokens.map((t) => [t.kind, t.placeholder])).toEqual([
      [TokenKind.PSEUDO, '${AWS::Partition}'],
      [TokenKind.GET_ATT, '${GetAtt:ValidateFn.Arn}'],
    ]);
    expect(tokens[1]).toMatchObject({ target: expect.stringMatching(/^ValidateFn[0-9A-F]{8}$/), attribute: 'Arn' });
    expect(text.length).toBe(JSON.stringify(JSON.parse(text)).length);
  });

  test('fails with a clear message for a construct that holds no state machine', () => {
    const { stack } = setup();
    expect(() => Asl.of(new Construct(stack, 'Nothing'))).toThrow(/Asl.of\(Test\/Nothing\): Test\/Nothing is not a state machine/);
  });

  test('fails with a clear message for a definition in S3', () => {
    const { stack } = setup();
    const cfn = new sfn.CfnStateMachine(stack, 'FromS3', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definitionS3Location: { bucket: 'b', key: 'k' },
    });
    expect(() => Asl.of(cfn)).toThrow(/read from S3 \(DefinitionS3Location\) and cannot be checked at synth time/);
  });

  test('reports a definition that throws while resolving instead of throwing from deep inside aws-cdk-lib', () => {
    const { stack } = setup();
    const cfn = new sfn.CfnStateMachine(stack, 'Lazy', {
      roleArn: 'arn:aws:iam::111111111111:role/r',
      definitionString: Lazy.string({ produce: () => { throw new Error('boom'); } }),
    });
    const rendered = renderDefinition(cfn);
    expect(rendered.definition).toBeUndefined();
    expect(rendered.error).toMatch(/^aws-cdk-lib could not render the definition: Resolution error: boom/);
  });
});
