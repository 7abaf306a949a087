import * as cdk from 'aws-cdk-lib';
import { Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

/**
 * Why an action this library grants needs a wildcard in its resource: the resources it may be
 * granted on, and the reason, with the AWS page that says so. cdk-nag's AwsSolutions-IAM5 reports
 * every wildcard resource; the library acknowledges those it creates for these reasons, and no
 * other (a statement a user adds keeps its finding).
 */
interface WildcardReason {
  readonly actions: string[];
  /** The flattened resource (cdk-nag's notation) the reason covers. */
  readonly resource: RegExp;
  readonly reason: string;
}

const ANY = /^\*$/;

/** One ARN segment as cdk-nag flattens it: a literal, or a reference such as `<AWS::Region>`. */
const SEGMENT = '(?:<[^>]*>|[^:<>]*)';

/** An ARN of the service whose resource part (after region and account) matches `resource`. */
function arnOf(service: string, resource: string): RegExp {
  return new RegExp(`^arn:${SEGMENT}:${service}:${SEGMENT}:${SEGMENT}:${resource}$`);
}

const WILDCARD_REASONS: WildcardReason[] = [
  {
    actions: [
      'logs:CreateLogDelivery', 'logs:GetLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:ListLogDeliveries',
      'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups',
    ],
    resource: ANY,
    reason: 'CloudWatch Logs log delivery for Step Functions supports no resource-level permissions '
      + '(https://docs.aws.amazon.com/step-functions/latest/dg/cw-logs.html#cloudwatch-iam-policy)',
  },
  {
    actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets'],
    resource: ANY,
    reason: 'X-Ray tracing actions support no resource-level permissions (https://docs.aws.amazon.com/step-functions/latest/dg/xray-iam.html)',
  },
  {
    actions: ['batch:DescribeJobs'],
    resource: ANY,
    reason: 'batch:DescribeJobs supports no resource-level permissions (https://docs.aws.amazon.com/batch/latest/userguide/batch-supported-iam-actions-resources.html)',
  },
  {
    actions: ['batch:TerminateJob'],
    resource: arnOf('batch', 'job/\\*'),
    reason: 'the job to stop is submitted at run time; its ID is unknown at deploy time (https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html)',
  },
  {
    actions: ['batch:SubmitJob'],
    resource: arnOf('batch', 'job-definition/[^/*]+:\\*'),
    reason: 'a job definition named without a revision runs its latest active revision, chosen at run time',
  },
  {
    actions: ['lakeformation:GetDataAccess'],
    resource: ANY,
    reason: 'lakeformation:GetDataAccess supports no resource-level permissions (https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html)',
  },
  {
    actions: [
      'glue:BatchCreatePartition', 'glue:BatchDeletePartition', 'glue:BatchDeleteTable', 'glue:BatchGetPartition', 'glue:CreateDatabase',
      'glue:CreatePartition', 'glue:CreateTable', 'glue:DeleteDatabase', 'glue:DeletePartition', 'glue:DeleteTable', 'glue:GetDatabase',
      'glue:GetDatabases', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:UpdateDatabase',
      'glue:UpdatePartition', 'glue:UpdateTable',
    ],
    resource: arnOf('glue', '(?:table|userDefinedFunction)/[^/]+/\\*'),
    reason: 'an Athena query reads the tables of its database that the SQL names, at run time (https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html)',
  },
  {
    actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
    resource: new RegExp(`^arn:${SEGMENT}:s3:::.+/\\*$`),
    reason: 'the objects an Athena query reads or writes under the named bucket and prefix are named at run time (https://docs.aws.amazon.com/athena/latest/ug/querying.html)',
  },
  {
    actions: ['states:DescribeExecution', 'states:StopExecution'],
    resource: arnOf('states', 'execution:.+:\\*'),
    reason: 'a nested execution is named at run time; these are the executions of the one state machine the step starts '
      + '(https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html)',
  },
  {
    actions: ['ecs:StopTask', 'ecs:DescribeTasks'],
    resource: arnOf('ecs', 'task/.+/\\*'),
    reason: 'the task to watch and stop is started at run time, in the named cluster (https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html)',
  },
  {
    actions: ['states:InvokeHTTPEndpoint'],
    resource: arnOf('states', 'stateMachine:\\*'),
    reason: 'the state machine\'s own ARN would make its role depend on it (a circular reference); the statement is narrowed by the '
      + 'states:HTTPEndpoint and states:HTTPMethod conditions (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html)',
  },
  {
    actions: ['lambda:InvokeFunction'],
    resource: new RegExp(`^(?:<[^>]+\\.Arn>|arn:${SEGMENT}:lambda:${SEGMENT}:${SEGMENT}:function:[^:*]+):\\*$`),
    reason: 'the workflow publishes versions and its steps invoke a version or alias of this function: executions still running on an '
      + 'older version of the workflow invoke the function version they were published with, and the role\'s policy is not versioned '
      + '(https://github.com/aws/aws-cdk/issues/17515)',
  },
  {
    actions: ['ecr:GetAuthorizationToken'],
    resource: ANY,
    reason: 'ecr:GetAuthorizationToken supports no resource-level permissions (https://docs.aws.amazon.com/AmazonECR/latest/userguide/registry_auth.html)',
  },
];

/**
 * Acknowledges, for cdk-nag, the wildcard findings (AwsSolutions-IAM5) on the IAM policies under
 * `scope` that this library's own statements cause, each with its reason. A finding is
 * acknowledged only when every statement causing it is one of the library's, for one of the
 * reasons above. Runs when the app is synthesized, so statements added after the construct was
 * created count too.
 *
 * Acknowledgements go through aws-cdk-lib's `Validations` (the API cdk-nag v3 reads), which
 * aws-cdk-lib versions before it do not have: there, nothing is recorded.
 *
 * @param scope a construct that owns roles (its descendants' `AWS::IAM::Policy` resources are checked)
 */
export function acknowledgeWildcardFindings(scope: IConstruct): void {
  Aspects.of(scope).add(new WildcardAcknowledgements());
}

class WildcardAcknowledgements implements IAspect {
  public visit(node: IConstruct): void {
    if (!(node instanceof iam.CfnPolicy)) {
      return;
    }
    const validations = validationsOf(node);
    if (!validations) {
      return;
    }
    for (const { id, reason } of justifiedFindings(Stack.of(node).resolve(node.policyDocument))) {
      validations.acknowledge({ id, reason });
    }
  }
}

/** The AwsSolutions-IAM5 findings of a policy document that every contributing statement justifies. */
export function justifiedFindings(document: { Statement?: any[] }): Array<{ id: string; reason: string }> {
  const findings = new Map<string, { justified: boolean; reasons: Set<string> }>();
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') {
      continue;
    }
    const actions: string[] = [statement.Action].flat();
    for (const resource of [statement.Resource].flat().map(flattenCfnReference).filter((r) => r.includes('*'))) {
      const id = `AwsSolutions-IAM5[Resource::${resource}]`;
      const finding = findings.get(id) ?? { justified: true, reasons: new Set<string>() };
      for (const action of actions) {
        const why = WILDCARD_REASONS.find((r) => r.actions.includes(action) && r.resource.test(resource));
        if (why) {
          finding.reasons.add(why.reason);
        } else {
          finding.justified = false;
        }
      }
      findings.set(id, finding);
    }
  }
  return [...findings.entries()]
    .filter(([, f]) => f.justified)
    .map(([id, f]) => ({ id, reason: `Granted by cdk-stepwise: ${[...f.reasons].join('; ')}` }));
}

/**
 * A CloudFormation value as cdk-nag names it in a finding: `Fn::Join` joined, `Ref` as `<Name>`,
 * `Fn::GetAtt` as `<Name.Attribute>`, anything else as JSON (cdk-nag's `flattenCfnReference`;
 * test/compat/latest/cdk-nag.test.ts checks the names against cdk-nag itself).
 */
function flattenCfnReference(value: unknown): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'string') {
    return value.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  const node = value as Record<string, any>;
  if (node['Fn::Join']) {
    const [delimiter, items] = node['Fn::Join'];
    return (items as unknown[]).map(flattenCfnReference).join(delimiter);
  }
  if (node['Fn::Sub']) {
    return flattenCfnReference(node['Fn::Sub']);
  }
  if (node['Fn::GetAtt']) {
    const [resource, attribute] = node['Fn::GetAtt'];
    return `<${flattenCfnReference(resource)}.${flattenCfnReference(attribute)}>`;
  }
  if (node['Fn::ImportValue']) {
    return flattenCfnReference(node['Fn::ImportValue']);
  }
  if (node.Ref) {
    return `<${flattenCfnReference(node.Ref)}>`;
  }
  return JSON.stringify(node);
}

/**
 * Acknowledges one cdk-nag finding on a resource this library creates, with its reason (where
 * aws-cdk-lib has `Validations`).
 *
 * @param resource the resource the finding is on
 * @param id the finding, e.g. `AwsSolutions-ECS2`
 * @param reason why the finding does not apply
 */
export function acknowledgeFinding(resource: CfnResource, id: string, reason: string): void {
  validationsOf(resource)?.acknowledge({ id, reason: `Acknowledged by cdk-stepwise: ${reason}` });
}

interface ValidationsLike {
  acknowledge(...rules: Array<{ id: string; reason: string }>): void;
}

/**
 * aws-cdk-lib's `Validations.of(scope)`, where the aws-cdk-lib in use has it (2.257 and later;
 * the minimum this library supports does not, and is compiled against, hence the lookup).
 */
export function validationsOf(scope: CfnResource): ValidationsLike | undefined {
  const validations = (cdk as unknown as { Validations?: { of(scope: IConstruct): ValidationsLike } }).Validations;
  return validations?.of(scope);
}
