import { App, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Flow, Workflow } from '../../src';

/** A stack in a fixed account and Region, in a fresh app. */
export function newStack(): Stack {
  return new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
}

/** A Workflow whose definition is `definition`, in `stack`. */
export function workflowOf(stack: Stack, definition: sfn.IChainable, queryLanguage?: sfn.QueryLanguage): Workflow {
  return new Workflow(stack, 'Workflow', { definition, queryLanguage });
}

/** Both query languages, for `describe.each`. */
export const LANGUAGES: Array<[string, sfn.QueryLanguage]> = [
  ['JSONPath', sfn.QueryLanguage.JSON_PATH],
  ['JSONata', sfn.QueryLanguage.JSONATA],
];

/** An empty flow in `stack` for the query language. */
export function flowIn(stack: Stack, id: string, queryLanguage: sfn.QueryLanguage): Flow {
  return new Flow(stack, id, { queryLanguage });
}
