/*
 * The contracts with aws-cdk-lib that the integrations build on, checked on every aws-cdk-lib
 * version of the tested range. Each failure names the version that changed the contract and the
 * file that depends on it.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Asl } from '../../../src/core/asl/asl';
import { adaptedTask } from '../../../src/integrations/private/adapted-task';
import { LanguageSlots, taskTokenValue } from '../../../src/integrations/private/language';

import { AWS_CDK_LIB_VERSION as VERSION } from '../../aws-cdk-lib-version';

/** Fails with a message naming the aws-cdk-lib version and what depends on the contract. */
function holds(contract: string, dependent: string, condition: boolean): void {
  if (!condition) {
    throw new Error(`aws-cdk-lib ${VERSION} broke a contract cdk-stepwise relies on: ${contract}. ${dependent} needs another way.`);
  }
}

function statementsOf(stack: Stack): unknown[] {
  const policies = Object.values<any>(Template.fromStack(stack).findResources('AWS::IAM::Policy'));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe(`contracts with aws-cdk-lib ${VERSION}`, () => {
  test('a TaskStateBase subclass that sets taskPolicies in its constructor decides what the role gets', () => {
    const stack = new Stack(new App(), 'Test');
    const topic = new sns.Topic(stack, 'Topic');
    const only = new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:eu-west-1:111111111111:chosen'] });
    let inherited: iam.PolicyStatement[] = [];
    const task = adaptedTask(tasks.SnsPublish, stack, 'Publish', { topic, message: sfn.TaskInput.fromText('x') }, {
      statements: (given) => {
        inherited = given;
        return [only];
      },
    });
    new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(task) });
    holds('the statements a task class sets in `taskPolicies` are readable by its subclass',
      'src/integrations/private/adapted-task.ts', inherited.some((s) => s.actions.includes('sns:Publish')));
    holds('`TaskStateBase` grants the `taskPolicies` its subclass set, and nothing else of the task',
      'src/integrations/private/adapted-task.ts',
      JSON.stringify(statementsOf(stack)) === JSON.stringify([{ Action: 'sns:Publish', Effect: 'Allow', Resource: 'arn:aws:sns:eu-west-1:111111111111:chosen' }]));
  });

  test('the state machine renders each state with its public toStateJson()', () => {
    const stack = new Stack(new App(), 'Test');
    const task = adaptedTask(tasks.SnsPublish, stack, 'Publish', { topic: new sns.Topic(stack, 'Topic'), message: sfn.TaskInput.fromText('x') }, {
      render: (rendered) => ({ ...rendered, Comment: 'rendered by the subclass' }),
    });
    const machine = new sfn.StateMachine(stack, 'Machine', { definitionBody: sfn.DefinitionBody.fromChainable(task) });
    const definition = Asl.of(machine);
    holds('`StateGraph` renders a state through its public `toStateJson()`',
      'src/integrations/private/adapted-task.ts', definition.States.Publish.Comment === 'rendered by the subclass');
  });

  test('a task keeps the payload object it was given and reads it while rendering', () => {
    const stack = new Stack(new App(), 'Test');
    const slots = new LanguageSlots(undefined);
    const body: Record<string, unknown> = {};
    slots.put(body, 'token', taskTokenValue());
    const task = new tasks.SqsSendMessage(stack, 'Send', {
      queue: new sqs.Queue(stack, 'Queue'),
      messageBody: sfn.TaskInput.fromObject(body),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    });
    slots.attach(task);
    const jsonata = stack.resolve(task.toStateJson(sfn.QueryLanguage.JSONATA));
    const jsonPath = stack.resolve(task.toStateJson(sfn.QueryLanguage.JSON_PATH));
    holds('a task reads the payload object it was given when it is rendered, not a copy made in its constructor',
      'src/integrations/private/language.ts (LanguageSlots)',
      jsonata.Arguments?.MessageBody?.token === '{% $states.context.Task.Token %}' && jsonPath.Parameters?.MessageBody?.['token.$'] === '$$.Task.Token');
  });
});
