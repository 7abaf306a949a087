/*
 * cdk-nag v3 (AwsSolutions and ServerlessChecks) over the example app, on the newest aws-cdk-lib
 * of the range (cdk-nag v3 needs aws-cdk-lib 2.257 or later): no finding remains on a resource the
 * library creates, except where the library acknowledges it with its reason.
 */
import * as fs from 'fs';
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { Construct, IConstruct } from 'constructs';
import { OrderProcessingStack } from '../../../examples/order-processing';
import { ShippingStack } from '../../../examples/worker/worker-stack';
import * as stepwise from '../../../src';
import { AWS_CDK_LIB_VERSION } from '../../aws-cdk-lib-version';
import { STEPS, fixtures } from '../../integrations/every-step';

/** The construct classes of the library. */
const LIBRARY_CONSTRUCTS: Function[] = Object.values<unknown>(stepwise)
  .filter((x): x is Function => typeof x === 'function' && x.prototype instanceof Construct);

/** Whether the resource is created by a construct of the library. */
function isLibraryResource(resource: IConstruct): boolean {
  return resource.node.scopes.some((scope) => LIBRARY_CONSTRUCTS.some((cls) => scope instanceof cls));
}

/** `<rule> <construct path>` of every violation of the packs under `scope`. */
function violations(scope: IConstruct, packs: NagPack[] = [new AwsSolutionsChecks(), new ServerlessChecks()]): string[] {
  return packs.flatMap((pack) => pack.validateScope(scope).violations
    .flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} ${r.constructPath}`)));
}

function exampleApp() {
  const app = new App();
  const stacks = [new OrderProcessingStack(app, 'OrderProcessing'), new ShippingStack(app, 'Shipping')];
  // Acknowledgements are recorded when the app is prepared (aspects), as `cdk synth` does.
  app.synth();
  return { app, stacks };
}

const CDK_NAG_VERSION: string = JSON.parse(fs.readFileSync(require.resolve('cdk-nag/package.json'), 'utf8')).version;

describe(`cdk-nag ${CDK_NAG_VERSION} on the example app (aws-cdk-lib ${AWS_CDK_LIB_VERSION})`, () => {
  test('no finding on a resource the library creates', () => {
    const { stacks } = exampleApp();
    const byPath = new Map(stacks.flatMap((stack) => stack.node.findAll()).map((c) => [c.node.path, c]));
    const all = stacks.flatMap((stack) => violations(stack));
    const onLibrary = all.filter((v) => isLibraryResource(byPath.get(v.split(' ')[1])!));
    // The example's own resources (its Lambda functions and queues) are the example's business.
    expect(all.length).toBeGreaterThan(onLibrary.length);
    expect(onLibrary).toEqual([]);
  });

  // SdkSteps.call's fixture opts into '*' with SdkIamResources.allResources(): the user's choice to acknowledge.
  test.each(STEPS.filter(([name]) => name !== 'SdkSteps.call'))('%s in a Workflow: no IAM finding on its role', (_name, build) => {
    const app = new App();
    const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
    new stepwise.Workflow(stack, 'W', { definition: new stepwise.Flow(stack, 'F').addStep('Task', build(fixtures(stack), {})) });
    app.synth();
    expect(violations(stack, [new AwsSolutionsChecks()]).filter((v) => v.includes(' Stack/W/'))).toEqual([]);
  });

  test('ActivityWorkerService: its own VPC has flow logs, its cluster Container Insights; environment variables of your own are still reported', () => {
    const findings = (environment?: Record<string, string>) => {
      const app = new App();
      const stack = new Stack(app, 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
      const activity = new stepwise.WorkerActivity(stack, 'Activity', { activityName: 'pack' });
      new stepwise.ActivityWorkerService(stack, 'Workers', { activity, image: ecs.ContainerImage.fromRegistry('worker'), environment });
      app.synth();
      return violations(stack, [new AwsSolutionsChecks()]);
    };
    expect(findings()).toEqual([]);
    expect(findings({ API_URL: 'https://api.example.com' })).toEqual(['AwsSolutions-ECS2 Stack/Workers/TaskDefinition/Resource']);
  });

  test('a wildcard statement a user adds to a Workflow role is still reported', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const workflow = new stepwise.Workflow(stack, 'W', { definition: new stepwise.Flow(stack, 'F').addPass('Start') });
    workflow.addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] }));
    app.synth();
    expect(violations(stack, [new AwsSolutionsChecks()])).toEqual(['AwsSolutions-IAM5[Resource::*] Stack/W/Role/DefaultPolicy/Resource']);
  });

  test('the acknowledged findings name what cdk-nag reports, each with its reason', () => {
    const app = new App();
    const stack = new Stack(app, 'Stack');
    const fn = lambda.Function.fromFunctionArn(stack, 'Fn', 'arn:aws:lambda:us-east-1:123456789012:function:f');
    const child = new stepwise.Workflow(stack, 'Child', { definition: new stepwise.Flow(stack, 'C').addPass('Start') });
    new stepwise.Workflow(stack, 'Parent', {
      definition: new stepwise.Flow(stack, 'P')
        .addStep('Call', stepwise.LambdaSteps.invoke({ lambdaFunction: fn }))
        .addStep('Run child', stepwise.StepFunctionsSteps.startExecutionAndWait({ stateMachine: child })),
    });
    app.synth();
    expect(violations(stack, [new AwsSolutionsChecks()])).toEqual([]);
    const policy = stack.node.findAll().find((c) => c.node.path === 'Stack/Parent/Role/DefaultPolicy/Resource') as CfnResource;
    const acknowledged = policy.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').flatMap((m) => Object.entries(m.data as object));
    expect(acknowledged.map(([id]) => id.replace(/^annotation::/i, '')).sort()).toEqual([
      'AwsSolutions-IAM5[Resource::*]',
      expect.stringMatching(/^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:states:.*:execution:.*:\*\]$/),
    ].sort());
    for (const [, reason] of acknowledged) {
      expect(reason).toMatch(/^Granted by cdk-stepwise: .*https:\/\/docs\.aws\.amazon\.com\//);
    }
  });
});
