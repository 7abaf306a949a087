import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';

/**
 * EventBridge managed rules Step Functions creates to learn that a `.sync` job finished. The
 * names are not consistent ("Events" vs "Event"): copied exactly from the Step Functions
 * developer guide, "How Step Functions generates IAM policies for integrated services" and the
 * connect-<service> pages (../shared/reference/STEP_FUNCTIONS_FACTS.md section 3.4).
 * Glue, Athena, EKS, EMR on EKS and Bedrock use polling only and have no rule.
 */
export const MANAGED_RULES = {
  /** https://docs.aws.amazon.com/step-functions/latest/dg/connect-batch.html */
  batch: 'StepFunctionsGetEventsForBatchJobsRule',
  /** https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html */
  ecs: 'StepFunctionsGetEventsForECSTaskRule',
  /** https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html */
  stepFunctions: 'StepFunctionsGetEventsForStepFunctionsExecutionRule',
  /** https://docs.aws.amazon.com/step-functions/latest/dg/connect-codebuild.html (singular "Event") */
  codeBuild: 'StepFunctionsGetEventForCodeBuildStartBuildRule',
} as const;

/**
 * `events:PutTargets`, `events:PutRule`, `events:DescribeRule` on one managed rule in the
 * stack's account and Region: what a `.sync` task needs to be told by EventBridge that its job
 * finished (without it, completion is noticed late, by polling).
 */
export function managedRuleStatement(scope: IConstruct, ruleName: string): iam.PolicyStatement {
  return new iam.PolicyStatement({
    actions: ['events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
    resources: [Stack.of(scope).formatArn({ service: 'events', resource: 'rule', resourceName: ruleName })],
  });
}

/**
 * Replaces the IAM statements an aws-cdk-lib task grants the state machine role.
 *
 * `taskPolicies` is the protected field aws-cdk-lib's `TaskStateBase` reads when the task joins
 * a state graph (`whenBoundToGraph`), after the constructor; steps use this where the L2 task's
 * statements are not what the pattern needs (missing cancel or polling actions, an events rule
 * for a pattern that does not use one, actions of other APIs).
 */
export function setTaskPolicies(task: sfn.TaskStateBase, statements: iam.PolicyStatement[]): void {
  (task as unknown as { taskPolicies?: iam.PolicyStatement[] }).taskPolicies = statements;
}

/** The IAM statements an aws-cdk-lib task grants. */
export function taskPoliciesOf(task: sfn.TaskStateBase): iam.PolicyStatement[] {
  return [...((task as unknown as { taskPolicies?: iam.PolicyStatement[] }).taskPolicies ?? [])];
}
