import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * EventBridge managed rules Step Functions creates to learn that a `.sync` job finished. The
 * names are not consistent ("Events" vs "Event"): copied exactly from the Step Functions
 * developer guide, "How Step Functions generates IAM policies for integrated services" and the
 * connect-<service> pages
 * (https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html).
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
