import * as s3 from 'aws-cdk-lib/aws-s3';

/** What a resource substitution stands for, for deriving IAM. */
export type SubstitutedResourceKind =
  | 'lambdaFunction' | 'queue' | 'topic' | 'table' | 'bucket' | 'eventBus' | 'stateMachine' | 'activity' | 'connection'
  | 'secret' | 'ecsCluster' | 'ecsTaskDefinition' | 'batchJobQueue' | 'batchJobDefinition' | 'codeBuildProject' | 'role'
  | 'bedrockModel';

/** The resource behind a substitution: what deriving IAM knows about it. */
export interface SubstitutedResource {
  readonly kind: SubstitutedResourceKind;
  /** What the factory is called in messages, e.g. `AslSubstitution.queue()`. */
  readonly factory: string;
  /** The resource's ARN: what an action on the resource itself is granted on. */
  readonly arn: string;
  /** Its customer managed key, where the integration grants the key too. */
  readonly keyArn?: string;
  /** Its name, where IAM needs the name (a table, a cluster). */
  readonly name?: string;
  /** A bucket, for the Distributed Map item readers and result writers. */
  readonly bucket?: s3.IBucket;
  /** The roles a task definition passes. */
  readonly passRoleArns?: string[];
  /** The secret of an EventBridge connection. */
  readonly secretArn?: string;
  /** The version or alias of a state machine. */
  readonly qualifier?: string;
  /**
   * For a version or alias of a Lambda function: the unqualified function ARN; for a version of a
   * state machine: the unqualified state machine ARN. A Workflow that publishes versions grants
   * every version of these, so executions of its older versions keep working.
   */
  readonly versionOf?: string;
}
