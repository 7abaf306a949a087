import * as fs from 'fs';
import * as path from 'path';
import { Annotations, App, Aspects, Duration, IResolveContext, Stack, Stage, Tags, Token } from 'aws-cdk-lib';
import { Annotations as AssertAnnotations, Match } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Asl, Flow, StepwiseChecks, StepwiseChecksAspect, StackReport, ValidationReport, Workflow } from '../../src';

/** An app with the checks enabled, and a stack in it. */
function setup(): { app: App; stack: Stack } {
  const app = new App();
  StepwiseChecks.enable(app);
  return { app, stack: new Stack(app, 'Orders') };
}

/** A clean state machine: a Pass, a timeout, logging. */
function cleanMachine(stack: Stack, id: string, props: Partial<sfn.StateMachineProps> = {}): sfn.StateMachine {
  return new sfn.StateMachine(stack, id, {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, `${id}Start`)),
    timeout: Duration.hours(1),
    ...props,
  });
}

/**
 * A callback task (SQS, `.waitForTaskToken`) with a heartbeat but no timeout: its only issue is
 * SW401, which request-response calls no longer draw.
 */
function callback(stack: Stack, id = 'Send'): tasks.SqsSendMessage {
  const queue = new sqs.Queue(stack, `${id}Queue`);
  return new tasks.SqsSendMessage(stack, id, {
    queue,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
    heartbeatTimeout: sfn.Timeout.duration(Duration.minutes(5)),
  });
}

function synthError(app: App): string {
  try {
    app.synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('app.synth() did not fail');
}

describe('StepwiseChecks on plain aws-cdk-lib state machines', () => {
  test('fails the synth for an Express workflow with a .waitForTaskToken task', () => {
    // GIVEN
    const { app, stack } = setup();
    const queue = new sqs.Queue(stack, 'Approvals');
    const ask = new tasks.SqsSendMessage(stack, 'Ask for approval', {
      queue,
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      messageBody: sfn.TaskInput.fromObject({ token: sfn.JsonPath.taskToken }),
      taskTimeout: sfn.Timeout.duration(Duration.minutes(4)),
      heartbeatTimeout: sfn.Timeout.duration(Duration.minutes(1)),
    });
    new sfn.StateMachine(stack, 'Approve', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(ask),
      logs: { destination: new logs.LogGroup(stack, 'Logs'), level: sfn.LogLevel.ALL },
    });
    // WHEN / THEN
    expect(synthError(app)).toContain("[Orders/Approve] [SW302] state 'Ask for approval': the state 'Ask for approval' is a callback task (sqs:sendMessage.waitForTaskToken), which Express workflows do not support.");
  });

  test('fails the synth for an Express workflow with an activity', () => {
    const { app, stack } = setup();
    const activity = new sfn.Activity(stack, 'Review');
    new sfn.StateMachine(stack, 'Reviews', {
      stateMachineType: sfn.StateMachineType.EXPRESS,
      definitionBody: sfn.DefinitionBody.fromChainable(new tasks.StepFunctionsInvokeActivity(stack, 'Human review', { activity })),
    });
    expect(synthError(app)).toContain("[Orders/Reviews] [SW303] state 'Human review': the state 'Human review' is an activity task, which Express workflows do not support.");
  });

  test('fails the synth for a state name of 81 characters', () => {
    const { app, stack } = setup();
    const name = 'S'.repeat(81);
    cleanMachine(stack, 'Long', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, name)) });
    expect(synthError(app)).toContain(`[Orders/Long] [SW103] state '${name}': the state name '${name}' is 81 characters long. Limit: 1 to 80 characters. Found: 81 characters.`);
  });

  test('fails the synth for a heartbeat equal to the timeout', () => {
    const { app, stack } = setup();
    const queue = new sqs.Queue(stack, 'Q');
    const send = new tasks.SqsSendMessage(stack, 'Send', {
      queue,
      messageBody: sfn.TaskInput.fromText('hi'),
      taskTimeout: sfn.Timeout.duration(Duration.minutes(5)),
      heartbeatTimeout: sfn.Timeout.duration(Duration.minutes(5)),
    });
    cleanMachine(stack, 'Beat', { definitionBody: sfn.DefinitionBody.fromChainable(send) });
    expect(synthError(app)).toContain("[Orders/Beat] [SW213] state 'Send': the heartbeat of 'Send' (300 seconds) is not below its timeout (300 seconds). Limit: below 300 seconds. Found: 300 seconds.");
  });

  test('checks a bare CfnStateMachine with a JSON definition, and reads its name and tags', () => {
    const { app, stack } = setup();
    new sfn.CfnStateMachine(stack, 'Raw', {
      roleArn: 'arn:aws:iam::123456789012:role/sfn',
      stateMachineName: 'orders v2',
      definitionString: JSON.stringify({ StartAt: 'A', TimeoutSeconds: 60, States: { A: { Type: 'Pass', Next: 'Nowhere' } } }),
      tags: [{ key: 'aws:team', value: 'x' }],
    });
    const message = synthError(app);
    expect(message).toContain("[Orders/Raw] [SW104] the state machine name 'orders v2' contains whitespace");
    expect(message).toContain("[Orders/Raw] [SW206] state 'A': Next of 'A' names 'Nowhere', which is not a state.");
    expect(message).toContain("[Orders/Raw] [SW110] the tag key 'aws:team' starts with the reserved prefix 'aws:'.");
  });

  test('counts tags added with Tags.of() against the 50-tag quota', () => {
    const { app, stack } = setup();
    cleanMachine(stack, 'Tagged');
    for (let i = 0; i < 51; i++) {
      Tags.of(stack).add(`tag${i}`, 'v');
    }
    expect(synthError(app)).toContain('[Orders/Tagged] [SW109] the state machine has 51 tags. Limit: 50 tags. Found: 51 tags.');
  });

  test('fails the synth for an activity name with a space', () => {
    const { app, stack } = setup();
    new sfn.CfnActivity(stack, 'Act', { name: 'approve order' });
    expect(synthError(app)).toContain("[Orders/Act] [SW106] the activity name 'approve order' contains whitespace");
  });

  test('synthesizes a clean state machine, with warnings as acknowledgeable annotations', () => {
    // GIVEN a state machine whose only issue is a callback task without timeout (SW401)
    const { app, stack } = setup();
    cleanMachine(stack, 'Ok', { definitionBody: sfn.DefinitionBody.fromChainable(callback(stack)) });
    // WHEN
    app.synth();
    // THEN
    AssertAnnotations.fromStack(stack).hasWarning('/Orders/Ok/Resource', Match.stringLikeRegexp("^\\[SW401\\] state 'Send': the Task 'Send' is a callback \\(sqs:sendMessage.waitForTaskToken\\) with no TimeoutSeconds.* \\[ack: cdk-stepwise:SW401\\]$"));
    AssertAnnotations.fromStack(stack).hasNoError('*', Match.anyValue());
  });

  test('does not add an acknowledged warning, and marks it acknowledged in the report', () => {
    const { app, stack } = setup();
    cleanMachine(stack, 'Ok', { definitionBody: sfn.DefinitionBody.fromChainable(callback(stack)) });
    Annotations.of(stack).acknowledgeWarning('cdk-stepwise:SW401', 'the consumer answers within minutes');
    app.synth();
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW401'));
    const report = readReport(app, stack);
    expect(report.stateMachines[0].findings).toEqual([expect.objectContaining({ code: 'SW401', acknowledged: true })]);
  });

  test('honours an acknowledgement made on the state machine itself, before synth', () => {
    const { app, stack } = setup();
    const sm = cleanMachine(stack, 'Ok', { definitionBody: sfn.DefinitionBody.fromChainable(callback(stack)) });
    Annotations.of(sm).acknowledgeWarning('cdk-stepwise:SW401', 'the consumer answers within minutes');
    app.synth();
    AssertAnnotations.fromStack(stack).hasNoWarning('*', Match.stringLikeRegexp('SW401'));
  });

  test('reports once when a state machine is checked by StepwiseChecks.check and by the Aspect', () => {
    const { app, stack } = setup();
    const sm = cleanMachine(stack, 'Twice', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P'.repeat(81))) });
    StepwiseChecks.check(sm);
    StepwiseChecks.check(sm);
    Aspects.of(app).add(new StepwiseChecksAspect());
    const message = synthError(app);
    expect(message.match(/\[SW103\]/g)).toHaveLength(1);
  });

  test('StepwiseChecks.check alone checks one state machine, without the Aspect', () => {
    const app = new App();
    const stack = new Stack(app, 'Solo');
    const sm = cleanMachine(stack, 'One', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P'.repeat(81))) });
    cleanMachine(stack, 'Other', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'Q'.repeat(81))) });
    StepwiseChecks.check(sm);
    const message = synthError(app);
    expect(message).toContain('[Solo/One] [SW103]');
    expect(message).not.toContain('Solo/Other');
  });

  test('leaves the template as it is: the same with and without the checks, synth after synth', () => {
    // GIVEN the same app twice, one checked
    const build = (checked: boolean): { app: App; stack: Stack; sm: sfn.StateMachine } => {
      const app = new App();
      if (checked) {
        StepwiseChecks.enable(app);
      }
      const stack = new Stack(app, 'Same');
      const queue = new sqs.Queue(stack, 'Q');
      const send = new tasks.SqsSendMessage(stack, 'Send', { queue, messageBody: sfn.TaskInput.fromText('hi'), taskTimeout: sfn.Timeout.duration(Duration.seconds(5)) });
      const sm = cleanMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(send.next(new sfn.Succeed(stack, 'Done'))) });
      return { app, stack, sm };
    };
    const plain = build(false);
    const checked = build(true);
    // WHEN synthesized twice (the definition is resolved once for validation and the template)
    const first = checked.app.synth().getStackByName('Same').template;
    const second = checked.app.synth({ force: true }).getStackByName('Same').template;
    // THEN
    const expected = plain.app.synth().getStackByName('Same').template;
    expect(first).toEqual(expected);
    expect(second).toEqual(expected);
    expect(Asl.of(checked.sm)).toEqual(Asl.of(plain.sm));
    // tree.json (which reuses validation's resolution too) holds the same properties
    const treeProps = (app: App): unknown => {
      const tree = JSON.parse(fs.readFileSync(path.join(app.outdir, 'tree.json'), 'utf8'));
      return tree.tree.children.Same.children.M.children.Resource.attributes['aws:cdk:cloudformation:props'];
    };
    expect(treeProps(checked.app)).toEqual(treeProps(plain.app));
    expect(JSON.stringify(treeProps(checked.app))).toContain('"Fn::Join"');
    const resource = Object.values<any>(first.Resources).find((r) => r.Type === 'AWS::StepFunctions::StateMachine');
    expect(resource.Properties.DefinitionString['Fn::Join']).toBeDefined();
  });

  test('resolves the definition once less than aws-cdk-lib alone does: the template and tree.json reuse validation\'s', () => {
    // GIVEN a counter around the definition, with and without the checks
    const resolutions = (checked: boolean): number => {
      const app = new App();
      const stack = new Stack(app, 'Count');
      const sm = cleanMachine(stack, 'M');
      const cfn = sm.node.defaultChild as sfn.CfnStateMachine;
      let count = 0;
      const original = cfn.definitionString!;
      cfn.definitionString = Token.asString({ creationStack: [], resolve: (ctx: IResolveContext) => { count++; return ctx.resolve(original); } });
      if (checked) {
        StepwiseChecks.check(sm);
      }
      app.synth();
      return count;
    };
    // THEN aws-cdk-lib resolves it to prepare the app, for the template and for tree.json; with
    // the checks, validation's resolution (after the preparation) serves the other two
    expect(resolutions(false)).toEqual(3);
    expect(resolutions(true)).toEqual(2);
  });

  test('checks a Workflow through StepwiseChecks.check(workflow), reported at the Workflow, once with the Aspect', () => {
    const { app, stack } = setup();
    const workflow = new Workflow(stack, 'Express', {
      workflowType: sfn.StateMachineType.EXPRESS,
      definition: new Flow(stack, 'Steps').addPass('Start').addNext(new sfn.Wait(stack, 'Nap', { time: sfn.WaitTime.duration(Duration.minutes(10)) })),
    });
    StepwiseChecks.check(workflow);
    const message = synthError(app);
    expect(message).toContain("[Orders/Express] [SW116] state 'Nap': the Wait state 'Nap' waits 600 seconds");
    expect(message.match(/\[SW116\]/g)).toHaveLength(1);
  });

  test('fails when StepwiseChecks.check is given something that is not a state machine', () => {
    const { stack } = setup();
    expect(() => StepwiseChecks.check(new sqs.Queue(stack, 'Q'))).toThrow(/\[SW201\] Orders\/Q holds no state machine/);
  });
});

function readReport(app: App, stack: Stack): StackReport {
  return JSON.parse(fs.readFileSync(path.join(app.outdir, `${stack.artifactId}${ValidationReport.FILE_SUFFIX}`), 'utf8'));
}

describe('the report file', () => {
  test('lands next to the template, one file per stack, with every state machine', () => {
    // GIVEN two state machines in one stack, one in another, and one in a nested stage
    const { app, stack } = setup();
    cleanMachine(stack, 'A');
    cleanMachine(stack, 'B', { stateMachineName: 'orders-b' });
    const other = new Stack(app, 'Billing');
    cleanMachine(other, 'C');
    const stage = new Stage(app, 'Prod');
    const staged = new Stack(stage, 'Shipping');
    cleanMachine(staged, 'D');
    // Aspects do not cross Stage boundaries: a Stage created after enable(app) is enabled on its own.
    StepwiseChecks.enable(stage);
    // WHEN
    const assembly = app.synth();
    // THEN
    expect(fs.existsSync(path.join(assembly.directory, 'Orders.template.json'))).toBe(true);
    const orders = readReport(app, stack);
    expect(orders).toEqual(expect.objectContaining({ stackName: 'Orders', artifactId: 'Orders' }));
    expect(orders.stateMachines.map((s) => [s.constructPath, s.stateMachineName, s.stateCount, s.workflowType])).toEqual([
      ['Orders/A', undefined, 1, 'STANDARD'], ['Orders/B', 'orders-b', 1, 'STANDARD'],
    ]);
    expect(readReport(app, other).stateMachines.map((s) => s.constructPath)).toEqual(['Billing/C']);
    const stagedFile = path.join(stage.outdir, `${staged.artifactId}${ValidationReport.FILE_SUFFIX}`);
    expect(JSON.parse(fs.readFileSync(stagedFile, 'utf8')).stateMachines.map((s: { constructPath: string }) => s.constructPath)).toEqual(['Prod/Shipping/D']);
    // and the directory reader finds all three, the nested stage included
    expect(ValidationReport.readDirectory(app.outdir).map((r) => r.stackName)).toEqual(['Orders', 'Billing', 'Prod-Shipping']);
  });

  test('records the measures: sizes, depth, integrations, tasks without timeouts', () => {
    const { app, stack } = setup();
    const queue = new sqs.Queue(stack, 'Q');
    const send = new tasks.SqsSendMessage(stack, 'Send', { queue, messageBody: sfn.TaskInput.fromText('hi') });
    const parallel = new sfn.Parallel(stack, 'Both').branch(send).branch(new sfn.Pass(stack, 'Skip'));
    cleanMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(parallel) });
    app.synth();
    const [report] = readReport(app, stack).stateMachines;
    expect(report).toEqual(expect.objectContaining({
      stateCount: 3,
      stateTypeCounts: { Parallel: 1, Task: 1, Pass: 1 },
      nestingDepth: 1,
      integrations: [{ service: 'sqs:sendMessage', pattern: 'REQUEST_RESPONSE', count: 1 }],
      // Measured for every Task; a request-response send draws no SW401 warning (it cannot hang).
      tasksWithoutTimeout: ['Both/Branches[0]/Send'],
      definitionSizeLimit: 1_048_576,
      errorCount: 0,
      warningCount: 0,
    }));
    expect(report.unresolvedValues).toBeGreaterThan(0);
    expect(report.definitionSize).toBeGreaterThan(0);
    expect(report.definitionSizeShare).toBeCloseTo(report.definitionSize / 1_048_576, 5);
  });

  test('enable(app) reaches the Stages that exist when it is called', () => {
    const app = new App();
    const stage = new Stage(app, 'Dev');
    const stack = new Stack(stage, 'Api');
    cleanMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P'.repeat(81))) });
    StepwiseChecks.enable(app);
    expect(synthError(app)).toContain('[Dev/Api/M] [SW103]');
  });

  test('is not written when reports are turned off', () => {
    const app = new App();
    StepwiseChecks.enable(app, { writeReports: false });
    const stack = new Stack(app, 'Quiet');
    cleanMachine(stack, 'A');
    app.synth();
    expect(fs.existsSync(path.join(app.outdir, `Quiet${ValidationReport.FILE_SUFFIX}`))).toBe(false);
  });
});

describe('a state machine timeout aws-cdk-lib drops (aws-cdk #37150)', () => {
  test('SW405 on a string definition says the timeout passed was dropped and how to keep it, not to set it', () => {
    // GIVEN a plain state machine from a string definition with a callback, and a timeout prop
    const { stack } = setup();
    new sfn.StateMachine(stack, 'FromString', {
      definitionBody: sfn.DefinitionBody.fromString(JSON.stringify({
        StartAt: 'Wait for it',
        States: {
          'Wait for it': {
            Type: 'Task',
            Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
            Parameters: { 'QueueUrl': 'https://sqs.us-east-1.amazonaws.com/123456789012/q', 'MessageBody.$': '$$.Task.Token' },
            HeartbeatSeconds: 60,
            End: true,
          },
        },
      })),
      timeout: Duration.hours(2),
    });
    // THEN the rendered definition has no TimeoutSeconds (aws-cdk-lib dropped the prop) and the warning explains it
    const annotations = AssertAnnotations.fromStack(stack);
    const warnings = annotations.findWarning('*', Match.stringLikeRegexp('^\\[SW405\\]'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    expect(text).toContain("'Wait for it'");
    expect(text).toContain('aws-cdk #37150');
    expect(text).toMatch(/write `TimeoutSeconds` into the definition itself, or use `AslDefinition`/);
  });
});
