import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { Asl, Flow, ItemReader, ResultWriter, Step, StepBindOptions, Workflow } from '../../src';

/** A minimal Step for the builder's contract: one Pass state, or a Pass -> Wait chain. */
class FakeStep extends Step {
  public readonly integrationPattern = sfn.IntegrationPattern.REQUEST_RESPONSE;
  public readonly bound: StepBindOptions[] = [];
  constructor(private readonly twoStates = false) {
    super();
  }
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    this.bound.push(options);
    const fn = lambda.Function.fromFunctionArn(scope, `${id} fn`, 'arn:aws:lambda:us-east-1:111111111111:function:f');
    const first = new tasks.LambdaInvoke(scope, id, { lambdaFunction: fn, stateName: options.stateName, queryLanguage: options.queryLanguage });
    return this.twoStates ? first.next(new sfn.Wait(scope, `${id} wait`, { stateName: `${options.stateName} (wait)`, time: sfn.WaitTime.duration(Duration.seconds(5)) })) : first;
  }
}

function setup(context: Record<string, unknown> = {}) {
  const app = new App({ context });
  const stack = new Stack(app, 'Test');
  return { app, stack };
}

function aslOf(stack: Stack, definition: sfn.IChainable, props: { queryLanguage?: sfn.QueryLanguage } = {}) {
  return Asl.of(new Workflow(stack, 'Workflow', { definition, ...props }));
}

describe('Flow', () => {
  describe('JSONPath', () => {
    test('renders Pass, Wait, Succeed in order, top to bottom', () => {
      // GIVEN
      const { stack } = setup();
      // WHEN
      const flow = new Flow(stack, 'Orders')
        .addPass('Normalize', { parameters: { 'order.$': '$.detail' }, resultPath: '$.normalized' })
        .addWait('Cool down', { time: sfn.WaitTime.duration(Duration.seconds(30)) })
        .addSucceed('Done', { comment: 'all good' });
      // THEN
      const asl = aslOf(stack, flow);
      expect(asl.StartAt).toBe('Normalize');
      expect(asl.States).toEqual({
        'Normalize': { Type: 'Pass', Parameters: { 'order.$': '$.detail' }, ResultPath: '$.normalized', Next: 'Cool down' },
        'Cool down': { Type: 'Wait', Seconds: 30, Next: 'Done' },
        'Done': { Type: 'Succeed', Comment: 'all good' },
      });
    });

    test('renders a Choice with conditions, a default, and joins open branches', () => {
      const { stack } = setup();
      const big = new Flow(stack, 'Big').addPass('Flag big order');
      const rejected = new Flow(stack, 'Rejected').addFail('Reject', { error: 'OrderInvalid', cause: 'validation failed' });
      const flow = new Flow(stack, 'Orders')
        .addChoice('Route', {
          branches: [
            { condition: sfn.Condition.booleanEquals('$.valid', false), next: rejected },
            { condition: sfn.Condition.numberGreaterThan('$.total', 1000), next: big, comment: 'large' },
          ],
        })
        .addSucceed('Done');

      const asl = aslOf(stack, flow);
      expect(asl.States.Route).toEqual({
        Type: 'Choice',
        Choices: [
          { Variable: '$.valid', BooleanEquals: false, Next: 'Reject' },
          { Variable: '$.total', NumericGreaterThan: 1000, Next: 'Flag big order', Comment: 'large' },
        ],
        // no `otherwise`, and the flow goes on: the next state is the default
        Default: 'Done',
      });
      expect(asl.States['Flag big order']).toEqual({ Type: 'Pass', Next: 'Done' });
      expect(asl.States.Reject).toEqual({ Type: 'Fail', Error: 'OrderInvalid', Cause: 'validation failed' });
    });

    test('a Choice with an otherwise renders it as Default', () => {
      const { stack } = setup();
      const yes = new Flow(stack, 'Yes').addSucceed('Accepted');
      const no = new Flow(stack, 'No').addFail('Refused');
      const flow = new Flow(stack, 'F').addChoice('Ok?', {
        branches: [{ condition: sfn.Condition.isPresent('$.ok'), next: yes }],
        otherwise: no,
      });
      expect(aslOf(stack, flow).States['Ok?'].Default).toBe('Refused');
    });

    test('renders Parallel branches, Retry and Catch', () => {
      const { stack } = setup();
      const email = new Flow(stack, 'Email').addPass('Send email');
      const sms = new Flow(stack, 'Sms').addPass('Send sms');
      const failed = new Flow(stack, 'Failed').addFail('Notify failed');
      const flow = new Flow(stack, 'F')
        .addParallel('Notify', { branches: [email, sms], resultPath: '$.notified' })
        .addRetry({ errors: ['States.TaskFailed'], interval: Duration.seconds(2), maxAttempts: 3, backoffRate: 2 })
        .addCatch(failed, { errors: ['States.ALL'], resultPath: '$.error' })
        .addSucceed('Done');

      const notify = aslOf(stack, flow).States.Notify;
      expect(notify).toEqual({
        Type: 'Parallel',
        ResultPath: '$.notified',
        Next: 'Done',
        Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 2, MaxAttempts: 3, BackoffRate: 2 }],
        Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Notify failed' }],
        Branches: [
          { StartAt: 'Send email', States: { 'Send email': { Type: 'Pass', End: true } } },
          { StartAt: 'Send sms', States: { 'Send sms': { Type: 'Pass', End: true } } },
        ],
      });
    });

    test('renders an inline Map with an item selector and processor', () => {
      const { stack } = setup();
      const perItem = new Flow(stack, 'PerItem').addPass('Price item', { parameters: { 'sku.$': '$.sku' } });
      const flow = new Flow(stack, 'F').addMap('Each line', {
        itemsPath: '$.lines',
        itemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'orderId.$': '$.orderId' },
        maxConcurrency: 10,
        processor: perItem,
      });

      expect(aslOf(stack, flow).States['Each line']).toEqual({
        Type: 'Map',
        End: true,
        ItemsPath: '$.lines',
        ItemSelector: { 'sku.$': '$$.Map.Item.Value.sku', 'orderId.$': '$.orderId' },
        MaxConcurrency: 10,
        ItemProcessor: {
          ProcessorConfig: { Mode: 'INLINE' },
          StartAt: 'Price item',
          States: { 'Price item': { Type: 'Pass', Parameters: { 'sku.$': '$.sku' }, End: true } },
        },
      });
    });

    test('renders a Distributed Map with reader, writer, batching and tolerated failures', () => {
      const { stack } = setup();
      const bucket = new s3.Bucket(stack, 'Input');
      const perBatch = new Flow(stack, 'PerBatch').addPass('Handle batch');
      const flow = new Flow(stack, 'F').addDistributedMap('Each object', {
        itemReader: ItemReader.objects({ bucket, prefix: 'in/' }),
        resultWriter: ResultWriter.toS3({ bucket, prefix: 'out/' }),
        itemBatcher: { maxItemsPerBatch: 50 },
        toleratedFailurePercentage: 5,
        executionType: sfn.StateMachineType.EXPRESS,
        label: 'objects',
        processor: perBatch,
      });

      const map = aslOf(stack, flow).States['Each object'];
      expect(map).toMatchObject({
        Type: 'Map',
        ItemReader: { Resource: 'arn:${AWS::Partition}:states:::s3:listObjectsV2', Parameters: { Bucket: '${Ref:Input}', Prefix: 'in/' } },
        ResultWriter: { Resource: 'arn:${AWS::Partition}:states:::s3:putObject', Parameters: { Bucket: '${Ref:Input}', Prefix: 'out/' } },
        ItemBatcher: { MaxItemsPerBatch: 50 },
        ToleratedFailurePercentage: 5,
        Label: 'objects',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
          StartAt: 'Handle batch',
        },
      });
    });

    test('takes any aws-cdk-lib task with addNext, and addRetry applies to it', () => {
      const { stack } = setup();
      const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:111111111111:function:charge');
      const charge = new tasks.LambdaInvoke(stack, 'Charge', { lambdaFunction: fn, retryOnServiceExceptions: false });
      const flow = new Flow(stack, 'F').addPass('Start').addNext(charge).addRetry({ errors: ['Lambda.TooManyRequestsException'], maxAttempts: 5 });

      const asl = aslOf(stack, flow);
      expect(asl.States.Start.Next).toBe('Charge');
      expect(asl.States.Charge).toMatchObject({
        Type: 'Task',
        Resource: 'arn:${AWS::Partition}:states:::lambda:invoke',
        Retry: [{ ErrorEquals: ['Lambda.TooManyRequestsException'], MaxAttempts: 5 }],
        End: true,
      });
    });

    test('addNext with a state already in the flow is a jump back (a loop)', () => {
      const { stack } = setup();
      const poll = new sfn.Pass(stack, 'Poll');
      const done = new Flow(stack, 'Finished').addSucceed('Finished');
      const flow = new Flow(stack, 'F')
        .addNext(poll)
        .addWait('Wait a bit', { time: sfn.WaitTime.duration(Duration.seconds(10)) })
        .addChoice('Done?', { branches: [{ condition: sfn.Condition.booleanEquals('$.done', true), next: done }] })
        .addNext(poll);

      const asl = aslOf(stack, flow);
      expect(asl.States['Done?'].Default).toBe('Poll');
      expect(asl.States.Poll.Next).toBe('Wait a bit');
      expect(() => flow.addPass('Unreachable')).toThrow(/\[SW008\].*after the jump back to 'Poll'/);
    });

    test('adds steps through the Step contract with the state name and query language', () => {
      const { stack } = setup();
      const step = new FakeStep();
      const flow = new Flow(stack, 'F', { queryLanguage: sfn.QueryLanguage.JSONATA }).addStep('Charge card', step).addRetry({ maxAttempts: 2 });
      expect(step.bound).toEqual([{ stateName: 'Charge card', queryLanguage: sfn.QueryLanguage.JSONATA }]);
      expect(flow.startState.stateId).toBe('Charge card');
    });

    test('a flow can be used as a plain aws-cdk-lib chainable', () => {
      const { stack } = setup();
      const flow = new Flow(stack, 'F').addPass('A').addPass('B');
      const sm = new sfn.StateMachine(stack, 'Plain', { definitionBody: sfn.DefinitionBody.fromChainable(flow) });
      expect(Asl.of(sm).States).toEqual({ A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } });
    });

    test('two workflows in one scope may use the same state names, and a state may share a name with any construct', () => {
      const { stack } = setup();
      const fn = lambda.Function.fromFunctionArn(stack, 'Validate', 'arn:aws:lambda:us-east-1:111111111111:function:v');
      const first = new Workflow(stack, 'First', { definition: new Flow(stack, 'A').addPass('Validate').addSucceed('Done') });
      const second = new Workflow(stack, 'Second', { definition: new Flow(stack, 'B').addPass('Validate').addSucceed('Done') });
      expect(Object.keys(Asl.of(first).States)).toEqual(['Validate', 'Done']);
      expect(Object.keys(Asl.of(second).States)).toEqual(['Validate', 'Done']);
      expect(fn.node.id).toBe('Validate');
    });

    test('state names with a slash are allowed', () => {
      const { stack } = setup();
      const flow = new Flow(stack, 'F').addPass('Read a/b').addPass('Read a|b');
      expect(Object.keys(aslOf(stack, flow).States)).toEqual(['Read a/b', 'Read a|b']);
    });
  });

  describe('JSONata', () => {
    test('renders Pass, Wait, Choice, Parallel, Map, Succeed, Fail with JSONata fields', () => {
      const { stack } = setup();
      const rejected = new Flow(stack, 'Rejected').addFail('Reject', { error: 'OrderInvalid', cause: '{% $states.input.reason %}' });
      const perItem = new Flow(stack, 'PerItem').addPass('Price', { outputs: { price: '{% $states.input.qty * $states.input.unit %}' } });
      const audit = new Flow(stack, 'Audit').addPass('Audit');
      const flow = new Flow(stack, 'Orders')
        .addPass('Normalize', { outputs: { order: '{% $states.input.detail %}' }, assign: { orderId: '{% $states.input.detail.id %}' } })
        .addWait('Pause', { time: sfn.WaitTime.seconds('{% $states.input.order.delay %}') })
        .addChoice('Valid?', {
          branches: [{ condition: sfn.Condition.jsonata('{% $states.input.order.valid = false %}'), next: rejected }],
        })
        .addParallel('Side work', { branches: [audit], outputs: '{% $states.result[0] %}' })
        .addMap('Each line', { items: sfn.ProvideItems.jsonata('{% $states.input.order.lines %}'), processor: perItem })
        .addSucceed('Done', { outputs: { orderId: '{% $orderId %}' } });

      const asl = aslOf(stack, flow, { queryLanguage: sfn.QueryLanguage.JSONATA });
      expect(asl.QueryLanguage).toBe('JSONata');
      expect(asl.States).toEqual({
        'Normalize': { Type: 'Pass', Output: { order: '{% $states.input.detail %}' }, Assign: { orderId: '{% $states.input.detail.id %}' }, Next: 'Pause' },
        'Pause': { Type: 'Wait', Seconds: '{% $states.input.order.delay %}', Next: 'Valid?' },
        'Valid?': { Type: 'Choice', Choices: [{ Condition: '{% $states.input.order.valid = false %}', Next: 'Reject' }], Default: 'Side work' },
        'Reject': { Type: 'Fail', Error: 'OrderInvalid', Cause: '{% $states.input.reason %}' },
        'Side work': {
          Type: 'Parallel',
          Output: '{% $states.result[0] %}',
          Branches: [{ StartAt: 'Audit', States: { Audit: { Type: 'Pass', End: true } } }],
          Next: 'Each line',
        },
        'Each line': {
          Type: 'Map',
          Items: '{% $states.input.order.lines %}',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Price',
            States: { Price: { Type: 'Pass', Output: { price: '{% $states.input.qty * $states.input.unit %}' }, End: true } },
          },
          Next: 'Done',
        },
        'Done': { Type: 'Succeed', Output: { orderId: '{% $orderId %}' } },
      });
    });

    test('a JSONata flow inside a JSONPath state machine marks each of its states', () => {
      const { stack } = setup();
      const flow = new Flow(stack, 'F', { queryLanguage: sfn.QueryLanguage.JSONATA })
        .addPass('Shape', { outputs: { total: '{% $sum($states.input.lines.price) %}' } });
      const asl = aslOf(stack, flow);
      expect(asl.QueryLanguage).toBeUndefined();
      expect(asl.States.Shape).toEqual({ Type: 'Pass', QueryLanguage: 'JSONata', Output: { total: '{% $sum($states.input.lines.price) %}' }, End: true });
    });

    test('JSONPath variables: Assign on a Pass and on Choice rules', () => {
      const { stack } = setup();
      const high = new Flow(stack, 'High').addPass('High');
      const flow = new Flow(stack, 'F')
        .addPass('Remember', { assign: { customer: '$.customerId', attempts: 0 } })
        .addChoice('Tier', {
          branches: [{ condition: sfn.Condition.numberGreaterThan('$.total', 100), next: high, assign: { tier: 'gold' } }],
        });
      const asl = aslOf(stack, flow);
      expect(asl.States.Remember.Assign).toEqual({ customer: '$.customerId', attempts: 0 });
      expect(asl.States.Tier.Choices[0].Assign).toEqual({ tier: 'gold' });
    });
  });

  describe('bad input', () => {
    test('fails when a flow with no states is used as a definition', () => {
      const { stack } = setup();
      expect(() => new Workflow(stack, 'W', { definition: new Flow(stack, 'Empty') }))
        .toThrow(/\[SW001\] Test\/Empty: the flow 'Empty' has no states, so there is nothing to start at\. Fix: add at least one state/);
    });

    test('fails when an empty flow is used as a branch, processor, Choice target or Catch handler', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'A').addParallel('P', { branches: [new Flow(stack, 'E1')] }))
        .toThrow(/\[SW001\].*branch 1 of the Parallel state 'P' is the flow 'E1', which has no states/);
      expect(() => new Flow(stack, 'B').addMap('M', { processor: new Flow(stack, 'E2') }))
        .toThrow(/\[SW001\].*the item processor of the Map state 'M' is the flow 'E2'/);
      expect(() => new Flow(stack, 'C').addChoice('C', { branches: [{ condition: sfn.Condition.isPresent('$.x'), next: new Flow(stack, 'E3') }] }))
        .toThrow(/\[SW001\].*branch 1 of the Choice state 'C' is the flow 'E3'/);
      const d = new Flow(stack, 'D').addParallel('P2', { branches: [new Flow(stack, 'B1').addPass('x')] });
      expect(() => d.addCatch(new Flow(stack, 'E4'))).toThrow(/\[SW001\].*the Catch handler of 'P2' is the flow 'E4'/);
    });

    test('fails on an empty Parallel, naming the state and the fix', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'F').addParallel('Notify', { branches: [] }))
        .toThrow(/\[SW004\] Test\/F, state 'Notify': the Parallel state 'Notify' has no branches\. Limit: at least 1 branch\. Found: 0 branches\. Fix: pass one or more flows in 'branches' of 'Notify'\./);
    });

    test('fails on a Choice with no branches', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'F').addChoice('Route', { branches: [] }))
        .toThrow(/\[SW005\] Test\/F, state 'Route': the Choice state 'Route' has no branches\. Limit: at least 1 branch\. Found: 0 branches/);
    });

    test('fails on a Map or Distributed Map with no processor (as from JavaScript)', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'F').addMap('Each', {} as any))
        .toThrow(/\[SW006\] Test\/F, state 'Each': the Map state 'Each' has no item processor\. Fix: pass the flow to run for each item in 'processor' of 'Each'/);
      expect(() => new Flow(stack, 'G').addDistributedMap('Each object', {} as any))
        .toThrow(/\[SW006\].*the DistributedMap state 'Each object' has no item processor/);
    });

    test('fails on a duplicate state name in one flow, naming both states', () => {
      const { stack } = setup();
      const flow = new Flow(stack, 'F').addPass('Charge').addWait('Pause', { time: sfn.WaitTime.duration(Duration.seconds(1)) });
      expect(() => flow.addPass('Charge'))
        .toThrow(/\[SW002\] Test\/F, state 'Charge': the state name 'Charge' is used twice in the flow 'F': by the Pass state added 1st and by the state being added now \(3rd\)/);
    });

    test('fails on a duplicate state name across branches, naming both places', () => {
      const { stack } = setup();
      const email = new Flow(stack, 'Email').addPass('Send');
      const sms = new Flow(stack, 'Sms').addPass('Send');
      const flow = new Flow(stack, 'F').addParallel('Notify', { branches: [email, sms] });
      expect(() => new Workflow(stack, 'W', { definition: flow })).toThrow(
        /\[SW002\] Test\/W, state 'Send': two states are named 'Send': the Pass state in Parallel 'Notify' branch 1, flow 'Email', and the Pass state in Parallel 'Notify' branch 2, flow 'Sms'.*Fix: rename one of the two states named 'Send'/,
      );
    });

    test('fails on a duplicate state name between the top level and a Map processor', () => {
      const { stack } = setup();
      const perItem = new Flow(stack, 'PerItem').addPass('Validate');
      const flow = new Flow(stack, 'F').addPass('Validate ').addMap('Each', { processor: perItem }).addPass('Done');
      new Workflow(stack, 'Ok', { definition: flow }); // 'Validate ' and 'Validate' differ
      const { stack: stack2 } = setup();
      const perItem2 = new Flow(stack2, 'PerItem').addPass('Validate');
      const flow2 = new Flow(stack2, 'F').addPass('Validate').addMap('Each', { processor: perItem2 });
      expect(() => new Workflow(stack2, 'W', { definition: flow2 }))
        .toThrow(/\[SW002\].*two states are named 'Validate': the Pass state in the top level, flow 'F', and the Pass state in Map 'Each' item processor, flow 'PerItem'/);
    });

    test('fails when one state is used in two places, naming both', () => {
      const { stack } = setup();
      const shared = new Flow(stack, 'Shared').addPass('Log');
      const flow = new Flow(stack, 'F').addParallel('Fan out', { branches: [shared, new Flow(stack, 'Other').addPass('Other').addNext(shared)] });
      expect(() => new Workflow(stack, 'W', { definition: flow })).toThrow(
        /\[SW003\] Test\/W, state 'Log': the state 'Log' is used in two places: .*Parallel 'Fan out' branch 1.*, and .*Parallel 'Fan out' branch 2.*Fix: create a second state with its own name/,
      );
    });

    test('a duplicate name inside a plain aws-cdk-lib Parallel fails the synth (aws-cdk-lib reports it)', () => {
      const { stack } = setup();
      const parallel = new sfn.Parallel(stack, 'Fan')
        .branch(new sfn.Pass(stack, 'B1', { stateName: 'Log' }))
        .branch(new sfn.Pass(stack, 'B2', { stateName: 'Log' }));
      expect(() => new Workflow(stack, 'W', { definition: new sfn.Pass(stack, 'Start').next(parallel) })).toThrow(/'Log'/);
    });

    test('reports aws-cdk-lib graph errors with a code and a fix for plain chains', () => {
      const { stack } = setup();
      const a = new sfn.Pass(stack, 'A1', { stateName: 'Same' });
      const b = new sfn.Pass(stack, 'B1', { stateName: 'Same' });
      expect(() => new Workflow(stack, 'W', { definition: a.next(b) }))
        .toThrow(/\[SW002\] Test\/W, state 'Same': two states are named 'Same'.*Fix: rename one of the two states named 'Same'/);
    });

    test('fails when a state is added after the flow ended', () => {
      const { stack } = setup();
      const ended = new Flow(stack, 'F').addPass('Start').addFail('Stop');
      expect(() => ended.addPass('After')).toThrow(/\[SW008\].*the Pass state 'After' is added to the flow 'F' after the Fail state 'Stop', which ends it/);
      const yes = new Flow(stack, 'Y').addSucceed('Yes');
      const no = new Flow(stack, 'N').addSucceed('No');
      const choice = new Flow(stack, 'G').addChoice('Pick', { branches: [{ condition: sfn.Condition.isPresent('$.a'), next: yes }], otherwise: no });
      expect(() => choice.addPass('After')).toThrow(/\[SW008\].*after the Choice state 'Pick', all of whose branches end/);
    });

    test('fails on retry or catch after a state that cannot take them', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'F').addPass('Shape').addRetry())
        .toThrow(/\[SW007\].*addRetry\(\) applies to the state added last, which is the Pass state 'Shape'; only Task, Parallel and Map states take Retry and Catch/);
      expect(() => new Flow(stack, 'G').addCatch(new Flow(stack, 'H').addFail('x')))
        .toThrow(/\[SW007\].*addCatch\(\) applies to the state added last, which is nothing \(the flow is empty\)/);
      expect(() => new Flow(stack, 'I').addStep('Poll job', new FakeStep(true)).addRetry())
        .toThrow(/\[SW007\].*the multi-state step starting at 'Poll job'/);
    });

    test('fails on an empty state name', () => {
      const { stack } = setup();
      expect(() => new Flow(stack, 'F').addPass('')).toThrow(/\[SW009\] Test\/F: a state in the flow 'F' has an empty name/);
    });

    test('fails on a JSONPath flow in a JSONata Workflow', () => {
      const { stack } = setup();
      const flow = new Flow(stack, 'Legacy', { queryLanguage: sfn.QueryLanguage.JSON_PATH }).addPass('Old');
      expect(() => new Workflow(stack, 'W', { definition: flow, queryLanguage: sfn.QueryLanguage.JSONATA }))
        .toThrow(/\[SW010\] Test\/W: the flow 'Legacy' is built for JSONPath, inside a state machine whose query language is JSONata/);
    });

    test('fails on a plain aws-cdk-lib JSONPath state in a JSONata Workflow', () => {
      const { stack } = setup();
      const old = new sfn.Pass(stack, 'Old', { queryLanguage: sfn.QueryLanguage.JSON_PATH });
      expect(() => new Workflow(stack, 'W', { definition: old, queryLanguage: sfn.QueryLanguage.JSONATA }))
        .toThrow(/\[SW010\] Test\/W, state 'Old': the state Test\/Old asks for JSONPath inside a state machine whose query language is JSONata \(aws-cdk-lib: .*\)\..*Fix: build the state with QueryLanguage.JSONATA/);
    });
  });
});
