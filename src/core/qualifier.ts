/*
 * How IAM names a state machine that is started through a version or an alias. One source for
 * the grants of versions and aliases (src/constructs) and for the nested-execution steps
 * (src/integrations/stepfunctions.ts).
 *
 * Sources:
 *   AUTH  "Authorization for versions and aliases"
 *         https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
 *         "To authorize a version or an alias to invoke an API action, Step Functions uses the
 *         state machine's ARN instead of using the version ARN or alias ARN"; narrowed with the
 *         `states:StateMachineQualifier` context key, in a `ForAnyValue:StringEquals` condition.
 *   SAR   Service Authorization Reference, AWS Step Functions
 *         https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsstepfunctions.html
 *         StartExecution, StartSyncExecution, DescribeStateMachine, ListExecutions and the alias
 *         actions take the `statemachine` resource (`arn:...:stateMachine:${StateMachineName}`)
 *         and the `states:StateMachineQualifier` key; DescribeExecution, StopExecution,
 *         RedriveExecution, GetExecutionHistory and DescribeStateMachineForExecution take the
 *         `execution` resource (`arn:...:execution:${StateMachineName}:${ExecutionId}`), which
 *         carries no qualifier, and no qualifier key.
 *   The qualified ARN as a policy resource, which aws-cdk-lib's grants and tasks use, does not
 *   match: https://github.com/aws/aws-cdk/issues/30265,
 *   https://github.com/aws/serverless-application-model/issues/3720.
 */
import { ArnFormat, Fn, Stack, Token } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import type { IQualifiedStateMachine } from './qualified-state-machine';

/** The condition key that narrows a state machine grant to a version or an alias (AUTH, SAR). */
export const QUALIFIER_KEY = 'states:StateMachineQualifier';

/** The actions whose authorization `states:StateMachineQualifier` can narrow (SAR; AUTH lists the same). */
export const QUALIFIABLE_ACTIONS: ReadonlySet<string> = new Set([
  'states:StartExecution',
  'states:StartSyncExecution',
  'states:DescribeStateMachine',
  'states:ListExecutions',
  'states:DescribeStateMachineAlias',
  'states:CreateStateMachineAlias',
  'states:UpdateStateMachineAlias',
  'states:DeleteStateMachineAlias',
  'states:DeleteStateMachineVersion',
  'states:ListStateMachineAliases',
]);

/** Whether `x` is a version or an alias (`IQualifiedStateMachine`), from any copy of this library. */
export function isQualifiedStateMachine(x: unknown): x is IQualifiedStateMachine {
  if (x === null || typeof x !== 'object') {
    return false;
  }
  const candidate = x as { qualifier?: unknown; stateMachine?: { stateMachineArn?: unknown } };
  return typeof candidate.qualifier === 'string' && typeof candidate.stateMachine?.stateMachineArn === 'string';
}

/** A state machine as IAM sees a start of it. */
export interface StartTarget {
  /** The unqualified state machine ARN: the resource of StartExecution and of the alias actions. */
  readonly stateMachineArn: string;
  /** The state machine's name (a token when the ARN is one): names its executions' ARNs. */
  readonly stateMachineName: string;
  /** The version number or alias name, when the target is a version or an alias. */
  readonly qualifier?: string;
  /** Standard or Express, when known. */
  readonly workflowType?: sfn.StateMachineType;
}

/**
 * What a state machine is, for IAM: a version or alias of this library, an imported ARN with a
 * qualifier (`fromStateMachineArn('...:stateMachine:Orders:live')`), or a plain state machine.
 */
export function startTargetOf(scope: IConstruct, stateMachine: sfn.IStateMachine): StartTarget {
  if (isQualifiedStateMachine(stateMachine)) {
    const unqualified = stateMachine.stateMachine.stateMachineArn;
    return {
      stateMachineArn: unqualified,
      stateMachineName: nameOf(scope, unqualified),
      qualifier: stateMachine.qualifier,
      workflowType: stateMachine.workflowType,
    };
  }
  const arn = stateMachine.stateMachineArn;
  if (!Token.isUnresolved(arn)) {
    // arn:partition:states:region:account:stateMachine:name[:qualifier]
    const parts = arn.split(':');
    if (parts.length === 8 && parts[5] === 'stateMachine') {
      return { stateMachineArn: parts.slice(0, 7).join(':'), stateMachineName: parts[6], qualifier: parts[7] };
    }
  }
  return { stateMachineArn: arn, stateMachineName: nameOf(scope, arn) };
}

/** The state machine's name from its unqualified ARN (`Fn::Select` 6 of the ARN split on `:` for a token). */
function nameOf(scope: IConstruct, unqualifiedArn: string): string {
  return Stack.of(scope).splitArn(unqualifiedArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!;
}

/** `arn:...:execution:<name>:*`: the executions of a state machine, of every version (SAR `execution`). */
export function executionsArn(scope: IConstruct, target: StartTarget): string {
  return Stack.of(scope).formatArn({
    service: 'states',
    resource: 'execution',
    arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    resourceName: `${target.stateMachineName}:*`,
  });
}

/**
 * The condition that limits a statement on the unqualified ARN to one version or alias (AUTH's
 * form). Without a qualifier in the request (an unqualified start) the key is absent, and a
 * `ForAnyValue` condition on an absent key does not match: the grant does not cover starts of
 * the latest revision either.
 */
export function qualifierConditions(qualifier: string): Record<string, Record<string, unknown>> {
  return { 'ForAnyValue:StringEquals': { [QUALIFIER_KEY]: [qualifier] } };
}

/**
 * The qualifier of a version or alias ARN (`arn:...:stateMachine:<name>:<qualifier>`): the eighth
 * `:`-separated part, as a CloudFormation expression when the ARN is a token.
 */
export function qualifierOf(qualifiedArn: string): string {
  if (!Token.isUnresolved(qualifiedArn)) {
    return qualifiedArn.split(':')[7] ?? '';
  }
  return Fn.select(7, Fn.split(':', qualifiedArn));
}
