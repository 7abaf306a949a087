/*
 * Keeps the newest N published versions of a state machine: after each deployment that publishes
 * a version, a custom resource deletes the older ones that no alias routes to. The Step Functions
 * quota is 1,000 versions per state machine, and versions replaced under `RemovalPolicy.RETAIN`
 * are no longer CloudFormation's, so without this they pile up.
 *
 * Sources:
 *   https://docs.aws.amazon.com/step-functions/latest/apireference/API_ListStateMachineVersions.html
 *     (newest first, paginated with nextToken)
 *   https://docs.aws.amazon.com/step-functions/latest/apireference/API_DeleteStateMachineVersion.html
 *     (a version an alias routes to cannot be deleted: ConflictException)
 *   https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html (the actions are
 *     authorized against the unqualified state machine ARN)
 */
import { CustomResource, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/**
 * The handler, run as inline code on the Lambda Node.js runtime (which bundles the AWS SDK v3).
 * It reads `StateMachineArn` and `VersionsToKeep` from the resource properties and returns the
 * ARNs it deleted. Exported for the tests, which run it against a mocked SFN client.
 */
export const PRUNE_HANDLER = `
const sdk = require('@aws-sdk/client-sfn');
exports.handler = async (event) => {
  if (event.RequestType === 'Delete') {
    return { PhysicalResourceId: event.PhysicalResourceId };
  }
  const stateMachineArn = event.ResourceProperties.StateMachineArn;
  const keep = Number(event.ResourceProperties.VersionsToKeep);
  const client = new sdk.SFNClient({});
  const versions = [];
  let nextToken;
  do {
    const page = await client.send(new sdk.ListStateMachineVersionsCommand({ stateMachineArn, nextToken }));
    versions.push(...(page.stateMachineVersions || []));
    nextToken = page.nextToken;
  } while (nextToken);
  versions.sort((a, b) => new Date(b.creationDate).getTime() - new Date(a.creationDate).getTime());
  const routed = new Set();
  nextToken = undefined;
  do {
    const page = await client.send(new sdk.ListStateMachineAliasesCommand({ stateMachineArn, nextToken }));
    for (const alias of page.stateMachineAliases || []) {
      const described = await client.send(new sdk.DescribeStateMachineAliasCommand({ stateMachineAliasArn: alias.stateMachineAliasArn }));
      for (const route of described.routingConfiguration || []) {
        routed.add(route.stateMachineVersionArn);
      }
    }
    nextToken = page.nextToken;
  } while (nextToken);
  const deleted = [];
  for (const version of versions.slice(keep)) {
    if (!routed.has(version.stateMachineVersionArn)) {
      await client.send(new sdk.DeleteStateMachineVersionCommand({ stateMachineVersionArn: version.stateMachineVersionArn }));
      deleted.push(version.stateMachineVersionArn);
    }
  }
  return { PhysicalResourceId: stateMachineArn + '/versions', Data: { Deleted: deleted.join(',') } };
};
`;

/** Properties of `PruneVersions`. */
export interface PruneVersionsProps {
  /** The unqualified state machine ARN. */
  readonly stateMachineArn: string;
  /** The version just published: the pruning runs again whenever it changes. */
  readonly versionArn: string;
  /** How many of the newest versions to keep (1 to 1,000). */
  readonly versionsToKeep: number;
}

/**
 * The custom resource that prunes old versions, and its handler (inline, Node.js 22) behind the
 * aws-cdk-lib custom resource provider.
 */
export class PruneVersions extends Construct {
  /** The handler's function. */
  public readonly handler: lambda.Function;

  constructor(scope: Construct, id: string, props: PruneVersionsProps) {
    super(scope, id);
    this.handler = new lambda.Function(this, 'Handler', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline(PRUNE_HANDLER),
      timeout: Duration.minutes(5),
      description: 'cdk-stepwise: deletes old state machine versions that no alias routes to',
    });
    this.handler.addToRolePolicy(new iam.PolicyStatement({
      actions: ['states:ListStateMachineVersions', 'states:ListStateMachineAliases', 'states:DescribeStateMachineAlias', 'states:DeleteStateMachineVersion'],
      resources: [props.stateMachineArn],
    }));
    const provider = new cr.Provider(this, 'Provider', { onEventHandler: this.handler });
    new CustomResource(this, 'Resource', {
      serviceToken: provider.serviceToken,
      resourceType: 'Custom::StepwisePruneVersions',
      properties: {
        StateMachineArn: props.stateMachineArn,
        VersionArn: props.versionArn,
        VersionsToKeep: String(props.versionsToKeep),
      },
    });
  }
}
