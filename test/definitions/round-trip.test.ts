/*
 * A Workflow built with Flow (the example app's), exported as Amazon States Language with a
 * `${Name}` placeholder for each resource it names, then imported with AslDefinition from that
 * text: the same definition and the same IAM statements.
 */
import { App, CfnResource, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { OrderProcessingStack } from '../../examples/order-processing';
import { Workflow } from '../../src/constructs/workflow';
import { WorkflowVersion } from '../../src/constructs/workflow-version';
import { Asl } from '../../src/core/asl/asl';
import { AslDefinition } from '../../src/definitions/asl-definition';
import { AslSubstitution } from '../../src/definitions/substitution';

/** The construct whose CloudFormation resource has this logical ID. */
function byLogicalId(stack: Stack, logicalId: string): IConstruct {
  const cfn = stack.node.findAll().find((c) => c instanceof CfnResource && stack.resolve(c.logicalId) === logicalId);
  if (!cfn) {
    throw new Error(`no resource ${logicalId}`);
  }
  return cfn.node.scope!;
}

/** What a Workflow Studio file of the workflow holds: its definition with `${Name}` placeholders, and what fills them. */
function exportWorkflow(workflow: Workflow): { text: string; substitutions: { [name: string]: AslSubstitution } } {
  const stack = Stack.of(workflow);
  const resolved = stack.resolve((workflow.node.defaultChild as sfn.CfnStateMachine).definitionString);
  const parts: unknown[] = typeof resolved === 'string' ? [resolved] : resolved['Fn::Join'][1];
  const substitutions: { [name: string]: AslSubstitution } = {};
  const text = parts.map((part: any) => {
    if (typeof part === 'string') {
      return part;
    }
    if (part.Ref?.startsWith('AWS::')) {
      return `\${${part.Ref}}`;
    }
    const logicalId: string = part.Ref ?? part['Fn::GetAtt'][0];
    const construct = byLogicalId(stack, logicalId);
    substitutions[logicalId] = construct instanceof lambda.Function || construct instanceof lambda.Version ? AslSubstitution.lambdaFunction(construct)
      : construct instanceof WorkflowVersion ? AslSubstitution.stateMachine(construct)
        : construct instanceof sqs.Queue ? AslSubstitution.queue(construct)
          : construct instanceof sns.Topic ? AslSubstitution.topic(construct)
            : construct instanceof events.EventBus ? AslSubstitution.eventBus(construct)
              : construct instanceof sfn.StateMachine ? AslSubstitution.stateMachine(construct)
                : (() => { throw new Error(`no substitution for ${construct.node.path}`); })();
    return `\${${logicalId}}`;
  }).join('');
  return { text, substitutions };
}

/** Every statement of the policies attached to the workflow's role, as resolved JSON, sorted. */
function roleStatements(workflow: Workflow): string[] {
  const stack = Stack.of(workflow);
  const roleId = stack.resolve((workflow.role.node.defaultChild as CfnResource).logicalId);
  return Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy'))
    .filter((p: any) => p.Properties.Roles.some((r: any) => r.Ref === roleId))
    .flatMap((p: any) => p.Properties.PolicyDocument.Statement)
    .map((s: unknown) => JSON.stringify(s))
    .sort();
}

describe('round trip: a built Workflow, exported as ASL and imported', () => {
  test.each([
    ['the order workflow (Lambda, SQS callback, nested .sync:2, SNS, EventBridge, Map, Parallel)', (s: OrderProcessingStack) => s.workflow],
    ['the Express invoice workflow', (s: OrderProcessingStack) => s.invoiceWorkflow],
  ])('%s: the same definition and the same IAM statements', (_, original) => {
    const stack = new OrderProcessingStack(new App(), 'OrderProcessing');
    const built = original(stack);
    const exported = exportWorkflow(built);
    const imported = new Workflow(stack, `Imported${built.node.id}`, {
      aslDefinition: AslDefinition.fromString(exported.text, { substitutions: exported.substitutions }),
      workflowType: built.node.id === 'Invoice' ? sfn.StateMachineType.EXPRESS : undefined,
    });
    // Both publish versions (the order workflow has an alias, the invoice workflow is started by version).
    expect(built.node.tryFindChild('CurrentVersion')).toBeDefined();
    expect(imported.currentVersion).toBeDefined();

    expect(Asl.of(imported)).toEqual(Asl.of(built));
    expect(imported.timeout.toSeconds()).toBe(built.timeout.toSeconds());
    expect(roleStatements(imported)).toEqual(roleStatements(built));
    // logging, X-Ray and at least one integration
    expect(roleStatements(built).length).toBeGreaterThanOrEqual(3);
  });
});
