import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { LANGUAGES, newStack, workflowOf } from './helpers';
import { ApprovalChannel, Asl, Flow, HumanApproval, HumanApprovalProps, Validator, Workflow } from '../../src';
import { codeInfo } from '../../src/core/codes';
import { LocalWorkflow, TaskFailure, TaskMock } from '../../src/testing';

const CHANNELS: Array<[string, (stack: Stack) => ApprovalChannel]> = [
  ['SNS', (stack) => ApprovalChannel.snsTopic(new sns.Topic(stack, 'Approvers'))],
  ['SQS', (stack) => ApprovalChannel.sqsQueue(new sqs.Queue(stack, 'Approvals'))],
];

function refundWorkflow(ql: sfn.QueryLanguage, channel: (stack: Stack) => ApprovalChannel, props: Partial<HumanApprovalProps> = {}) {
  const stack = newStack();
  const approval = new HumanApproval({ channel: channel(stack), taskTimeout: sfn.Timeout.duration(Duration.hours(8)), ...props });
  const flow = new Flow(stack, 'Refunds', { queryLanguage: ql })
    .addStep('Approve refund', approval)
    .addCatch(new Flow(stack, 'Rejected', { queryLanguage: ql }).addFail('Refund rejected', { error: 'RefundRejected' }), { errors: [HumanApproval.REJECTED_ERROR, 'States.Timeout'] })
    .addSucceed('Refunded');
  return { stack, workflow: workflowOf(stack, flow, ql) };
}

describe('HumanApproval', () => {
  test('in a plain sfn.StateMachine too, validation knows the missing heartbeat is deliberate', () => {
    const stack = newStack();
    const approval = new HumanApproval({ channel: ApprovalChannel.snsTopic(new sns.Topic(stack, 'T')), taskTimeout: sfn.Timeout.duration(Duration.hours(8)) });
    const machine = new sfn.StateMachine(stack, 'Plain', {
      definitionBody: sfn.DefinitionBody.fromChainable(approval.bind(stack, 'Approve', { stateName: 'Approve' })),
    });
    expect(Validator.validateStateMachine(machine).map((f) => f.code)).not.toContain('SW402');
  });

  test.each(LANGUAGES)('%s: validation does not warn about the deliberately missing heartbeat (no SW402)', (_name, ql) => {
    const { workflow } = refundWorkflow(ql, CHANNELS[0][1]);
    expect(Validator.validateStateMachine(workflow).map((f) => f.code)).not.toContain('SW402');
    expect(Asl.of(workflow).States['Approve refund'].Comment).toBe('Waits for a person: a timeout and no heartbeat, on purpose.');
  });

  describe.each(CHANNELS)('%s channel', (_name, channel) => {
    test('JSONPath: the token in the message, a timeout and no heartbeat; the answer kept in $.approval', () => {
      const { workflow } = refundWorkflow(sfn.QueryLanguage.JSON_PATH, channel);
      const state = Asl.of(workflow).States['Approve refund'];
      expect(state.Resource).toMatch(/:(sns:publish|sqs:sendMessage)\.waitForTaskToken$/);
      expect(state.TimeoutSeconds).toBe(28800);
      expect(state).not.toHaveProperty('HeartbeatSeconds');
      expect(state).not.toHaveProperty('HeartbeatSecondsPath');
      expect(state.ResultPath).toBe('$.approval');
      expect(state.Comment).toBe('Waits for a person: a timeout and no heartbeat, on purpose.');
      const message = state.Parameters.Message ?? state.Parameters.MessageBody;
      expect(message).toEqual({
        'taskToken.$': '$$.Task.Token',
        'executionId.$': '$$.Execution.Id',
        'state': 'Approve refund',
        'summary': 'Approval needed: Approve refund',
        'details.$': '$',
        'approve': 'aws stepfunctions send-task-success --task-token "$TASK_TOKEN" --task-output \'{"approved":true}\'',
        'reject': 'aws stepfunctions send-task-failure --task-token "$TASK_TOKEN" --error Approval.Rejected --cause "<reason>"',
      });
    });

    test('JSONata: the token from $states.context, the answer merged into the input', () => {
      const { workflow } = refundWorkflow(sfn.QueryLanguage.JSONATA, channel);
      const state = Asl.of(workflow).States['Approve refund'];
      const message = state.Arguments.Message ?? state.Arguments.MessageBody;
      expect(message).toMatchObject({ taskToken: '{% $states.context.Task.Token %}', details: '{% $states.input %}' });
      expect(state.TimeoutSeconds).toBe(28800);
      expect(state).not.toHaveProperty('HeartbeatSeconds');
      expect(state.Output).toContain("{'approval': $states.result}");
    });

    describe.each(LANGUAGES)('%s, run locally', (_lang, ql) => {
      test('approved: continues with the answer next to the input', async () => {
        const { workflow } = refundWorkflow(ql, channel);
        const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { 'Approve refund': TaskMock.result({ approved: true, by: 'alice' }) } });
        expect(run.status).toBe('SUCCEEDED');
        expect(run.output).toEqual({ orderId: 'o-1', approval: { approved: true, by: 'alice' } });
      });

      test('rejected (SendTaskFailure Approval.Rejected): the Catch takes it', async () => {
        const { workflow } = refundWorkflow(ql, channel);
        const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { 'Approve refund': TaskMock.error(HumanApproval.REJECTED_ERROR, 'amount too high') } });
        expect(run.path).toEqual(['Approve refund', 'Refund rejected']);
        expect(run).toMatchObject({ status: 'FAILED', error: 'RefundRejected' });
      });

      test('no answer in time (States.Timeout): the Catch takes it', async () => {
        const { workflow } = refundWorkflow(ql, channel);
        const run = await LocalWorkflow.of(workflow).run({ input: { orderId: 'o-1' }, mocks: { 'Approve refund': TaskMock.error('States.Timeout', 'nobody answered') } });
        expect(run.path).toEqual(['Approve refund', 'Refund rejected']);
      });

      test('the request carries the task token and the details', async () => {
        const { workflow } = refundWorkflow(ql, channel, { details: ql === sfn.QueryLanguage.JSONATA ? { orderId: '{% $states.input.orderId %}' } : { orderId: sfn.JsonPath.stringAt('$.orderId') } });
        let request: any;
        await LocalWorkflow.of(workflow).run({
          input: { orderId: 'o-1' },
          mocks: {
            'Approve refund': TaskMock.fn((input: any) => {
              request = input.Message ?? input.MessageBody;
              if (!request.taskToken) {
                throw new TaskFailure('Test.NoToken', 'no token');
              }
              return { approved: true };
            }),
          },
        });
        expect(request).toMatchObject({ taskToken: expect.any(String), details: { orderId: 'o-1' }, summary: 'Approval needed: Approve refund' });
      });
    });
  });

  test('grants exactly sns:Publish on the topic', () => {
    const { stack } = refundWorkflow(sfn.QueryLanguage.JSON_PATH, CHANNELS[0][1]);
    const topic = stack.node.findChild('Approvers') as sns.Topic;
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectEquals({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: stack.getLogicalId(topic.node.defaultChild as sns.CfnTopic) } },
          Match.objectLike({ Action: Match.arrayWith(['xray:PutTraceSegments']) }),
          Match.objectLike({ Action: Match.arrayWith(['logs:CreateLogDelivery']) }),
        ],
      }),
    });
  });

  test('a summary of your choice is the SNS subject; a long state name is cut to an ASCII subject', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T');
    const flow = new Flow(stack, 'F')
      .addStep('Approve', new HumanApproval({ channel: ApprovalChannel.snsTopic(topic), taskTimeout: sfn.Timeout.duration(Duration.days(1)), summary: 'Refund over 1000 EUR' }))
      .addStep(`Genehmigung für ${'x'.repeat(70)}`, new HumanApproval({ channel: ApprovalChannel.snsTopic(topic), taskTimeout: sfn.Timeout.duration(Duration.days(1)) }));
    const states = Asl.of(workflowOf(stack, flow)).States;
    expect(states.Approve.Parameters.Subject).toBe('Refund over 1000 EUR');
    const subject: string = states[`Genehmigung für ${'x'.repeat(70)}`].Parameters.Subject;
    expect(subject).toHaveLength(99);
    expect(subject).toMatch(/^Approval needed: Genehmigung f\?r x+\.\.\.$/);
  });

  test('reads the timeout from the state input (TimeoutSecondsPath)', () => {
    const stack = newStack();
    const approval = new HumanApproval({ channel: ApprovalChannel.snsTopic(new sns.Topic(stack, 'T')), taskTimeout: sfn.Timeout.at('$.approvalSeconds') });
    const machine = new sfn.StateMachine(stack, 'Plain', {
      definitionBody: sfn.DefinitionBody.fromChainable(approval.bind(stack, 'Approve', { stateName: 'Approve' })),
    });
    expect(Asl.of(machine).States.Approve).toMatchObject({ TimeoutSecondsPath: '$.approvalSeconds' });
    expect(approval.taskTimeout.path).toBe('$.approvalSeconds');
  });

  describe('bad input', () => {
    const topic = () => ApprovalChannel.snsTopic(new sns.Topic(newStack(), 'T'));
    test.each([
      ['a timeout over a year', { taskTimeout: sfn.Timeout.duration(Duration.days(366)) }, /\[SW708\].*the approval timeout is 31622400 seconds.*Limit: a whole number of seconds from 1 to 31,536,000/],
      ['a timeout of 0 seconds', { taskTimeout: sfn.Timeout.duration(Duration.seconds(0)) }, /\[SW708\].*the approval timeout is 0 seconds/],
      ['a summary over 99 characters', { summary: 'x'.repeat(100) }, /\[SW708\].*the summary cannot be an e-mail subject/],
      ['a summary on two lines', { summary: 'a\nb' }, /\[SW708\].*the summary cannot be an e-mail subject/],
      ['a result field that is a path', { resultField: '$.approval' }, /\[SW708\].*the resultField '\$.approval' is not a plain field name/],
    ])('fails when given %s', (_what, props, message) => {
      const hour = sfn.Timeout.duration(Duration.hours(1));
      expect(() => new HumanApproval({ channel: topic(), taskTimeout: hour, ...props } as HumanApprovalProps)).toThrow(message);
    });

    test('fails without a task timeout', () => {
      expect(() => new HumanApproval({ channel: topic() } as unknown as HumanApprovalProps)).toThrow(/\[SW708\].*there is no taskTimeout/);
    });

    test.each([
      ['JSONata', sfn.QueryLanguage.JSONATA, sfn.Timeout.at('$.timeout'), /\[SW508\].*a JSONata state but its taskTimeout is a JSONPath \(Timeout.at\)/],
      ['JSONPath', sfn.QueryLanguage.JSON_PATH, sfn.Timeout.jsonata('{% $states.input.timeout %}'), /\[SW508\].*a JSONPath state but its taskTimeout is a JSONata expression/],
    ])('fails when a %s approval has a timeout of the other language (SW508)', (_name, queryLanguage, taskTimeout, message) => {
      const stack = newStack();
      const approval = new HumanApproval({ channel: ApprovalChannel.snsTopic(new sns.Topic(stack, 'T')), taskTimeout });
      expect(() => approval.bind(stack, 'Approve', { stateName: 'Approve', queryLanguage })).toThrow(message);
    });

    test('fails without a channel', () => {
      expect(() => new HumanApproval({ taskTimeout: sfn.Timeout.duration(Duration.hours(1)) } as unknown as HumanApprovalProps)).toThrow(/\[SW708\].*there is no channel/);
    });

    test('fails clearly (SW010) when bound without a query language in a JSONata workflow', () => {
      const stack = newStack();
      const flow = new Flow(stack, 'F').addStep('Approve', new HumanApproval({ channel: ApprovalChannel.snsTopic(new sns.Topic(stack, 'T')), taskTimeout: sfn.Timeout.duration(Duration.hours(1)) }));
      expect(() => new Workflow(stack, 'W', { definition: flow, queryLanguage: sfn.QueryLanguage.JSONATA }))
        .toThrow(/\[SW010\].*the state Stack\/Approve asks for JSONPath inside a state machine whose query language is JSONata/);
    });

    test('the code is registered', () => {
      expect(codeInfo('SW708').title).toBe('Invalid human approval');
    });
  });
});
