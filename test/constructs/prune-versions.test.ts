import * as vm from 'vm';
import {
  DeleteStateMachineVersionCommand, DescribeStateMachineAliasCommand, ListStateMachineAliasesCommand, ListStateMachineVersionsCommand, SFNClient,
} from '@aws-sdk/client-sfn';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { mockClient } from 'aws-sdk-client-mock';
import { Flow, Workflow } from '../../src';
import { PRUNE_HANDLER } from '../../src/constructs/private/prune-versions';

function setup(versionsToKeep?: number) {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const workflow = new Workflow(stack, 'Orders', { definition: new Flow(stack, 'Flow').addPass('Start'), currentVersionOptions: { versionsToKeep } });
  return { stack, workflow, machineId: stack.getLogicalId(workflow.node.defaultChild as sfn.CfnStateMachine) };
}

describe('currentVersionOptions.versionsToKeep', () => {
  test('a custom resource prunes old versions after each publication; its handler may list and delete versions of this state machine only', () => {
    const { stack, workflow, machineId } = setup(10);
    const version = workflow.currentVersion;
    const template = Template.fromStack(stack);
    template.hasResourceProperties('Custom::StepwisePruneVersions', {
      StateMachineArn: { Ref: machineId },
      VersionArn: stack.resolve(version.versionArn),
      VersionsToKeep: '10',
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^OrdersCurrentVersionPruneHandlerServiceRole') }],
      PolicyDocument: {
        Statement: [{
          Action: ['states:ListStateMachineVersions', 'states:ListStateMachineAliases', 'states:DescribeStateMachineAlias', 'states:DeleteStateMachineVersion'],
          Effect: 'Allow',
          Resource: { Ref: machineId },
        }],
      },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Handler: 'index.handler', Code: { ZipFile: PRUNE_HANDLER } });
  });

  test('without it nothing is pruned', () => {
    const { stack, workflow } = setup();
    workflow.currentVersion;
    Template.fromStack(stack).resourceCountIs('Custom::StepwisePruneVersions', 0);
  });

  test.each([[0], [1001], [2.5]])('fails when versionsToKeep is %p (SW072)', (keep) => {
    const { workflow } = setup(keep);
    expect(() => workflow.currentVersion).toThrow(new RegExp(`\\[SW072\\].*versionsToKeep is ${keep}. Limit: a whole number from 1 to 1,000 versions. Found: ${keep}`, 's'));
  });
});

describe('the prune handler (run against a mocked Step Functions client)', () => {
  const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';
  const v = (n: number) => `${MACHINE}:${n}`;
  const sfnMock = mockClient(SFNClient);

  function handler(): (event: unknown) => Promise<any> {
    const module = { exports: {} as any };
    vm.runInNewContext(PRUNE_HANDLER, { require, module, exports: module.exports, Date, Set, Number, String });
    return module.exports.handler;
  }

  beforeEach(() => sfnMock.reset());

  test('keeps the newest N and every version an alias routes to; deletes the rest, across pages', async () => {
    const at = (n: number) => new Date(Date.UTC(2026, 0, n));
    const listed = (...ns: number[]) => ns.map((n) => ({ stateMachineVersionArn: v(n), creationDate: at(n) }));
    sfnMock.on(ListStateMachineVersionsCommand, { stateMachineArn: MACHINE, nextToken: undefined }).resolves({ stateMachineVersions: listed(5, 3), nextToken: 'p2' });
    sfnMock.on(ListStateMachineVersionsCommand, { stateMachineArn: MACHINE, nextToken: 'p2' }).resolves({ stateMachineVersions: listed(4, 2, 1) });
    sfnMock.on(ListStateMachineAliasesCommand).resolves({ stateMachineAliases: [{ stateMachineAliasArn: `${MACHINE}:live`, creationDate: at(1) }] });
    // A canary in progress: 90 % on version 2, 10 % on version 5.
    sfnMock.on(DescribeStateMachineAliasCommand).resolves({
      routingConfiguration: [{ stateMachineVersionArn: v(2), weight: 90 }, { stateMachineVersionArn: v(5), weight: 10 }],
    });
    sfnMock.on(DeleteStateMachineVersionCommand).resolves({});

    const result = await handler()({ RequestType: 'Update', ResourceProperties: { StateMachineArn: MACHINE, VersionsToKeep: '2' } });

    const deleted = sfnMock.commandCalls(DeleteStateMachineVersionCommand).map((c) => c.args[0].input.stateMachineVersionArn);
    expect(deleted).toEqual([v(3), v(1)]);
    expect(result).toEqual({ PhysicalResourceId: `${MACHINE}/versions`, Data: { Deleted: `${v(3)},${v(1)}` } });
  });

  test('deletes nothing when the stack deletes the resource', async () => {
    const result = await handler()({ RequestType: 'Delete', PhysicalResourceId: `${MACHINE}/versions`, ResourceProperties: { StateMachineArn: MACHINE, VersionsToKeep: '2' } });
    expect(sfnMock.calls()).toHaveLength(0);
    expect(result).toEqual({ PhysicalResourceId: `${MACHINE}/versions` });
  });
});
