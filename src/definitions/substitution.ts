import * as batch from 'aws-cdk-lib/aws-batch';
import * as bedrock from 'aws-cdk-lib/aws-bedrock';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { SubstitutedResource } from './private/resource';
import { startTargetOf } from '../core/qualifier';

/**
 * The value of a `${Name}` placeholder of an Amazon States Language definition
 * (`AslDefinition`): a plain value, or a resource.
 *
 * A resource substitution writes the value Step Functions expects where such a resource is named
 * (a function's ARN, a queue's URL, a table's name; each factory says which), and it is also what
 * the state machine role is granted on: a `${OrdersQueue}` placeholder in the `QueueUrl` of an
 * `sqs:sendMessage` state, substituted with `AslSubstitution.queue(queue)`, gives `sqs:SendMessage`
 * on that queue's ARN, and the queue's key when it has one. A plain value (`value()`) is written as
 * is; IAM is then derived from the literal text where it names a resource (an ARN, a queue URL, a
 * table name).
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * AslDefinition.fromFile('orders.asl.json', {
 *   substitutions: {
 *     'ChargeFunction': AslSubstitution.lambdaFunction(chargeFn),
 *     'OrdersQueue': AslSubstitution.queue(queue),
 *     'Environment': AslSubstitution.value('prod'),
 *   },
 * });
 */
export class AslSubstitution {
  /**
   * A plain value, written into the definition as is. It may hold deploy-time values (tokens such
   * as `Aws.REGION` or `bucket.bucketName`).
   *
   * @param value the text that replaces the placeholder
   */
  public static value(value: string): AslSubstitution {
    return new AslSubstitution(value);
  }

  /**
   * A Lambda function, or a version or alias of one: writes its ARN (what `FunctionName` of
   * `lambda:invoke` and a Task's `Resource` take); grants `lambda:InvokeFunction` on that ARN.
   *
   * @param lambdaFunction the function, version or alias
   */
  public static lambdaFunction(lambdaFunction: lambda.IFunction): AslSubstitution {
    // A version or alias (not $LATEST): what `LambdaSteps` records for published Workflows.
    const qualified = lambdaFunction as Partial<lambda.IVersion & lambda.IAlias> & { lambda?: lambda.IFunction };
    const unqualified = qualified.lambda ?? qualified.version?.lambda;
    return new AslSubstitution(lambdaFunction.functionArn, {
      kind: 'lambdaFunction',
      factory: 'lambdaFunction',
      arn: lambdaFunction.functionArn,
      versionOf: unqualified && qualified.version !== '$LATEST' ? unqualified.functionArn : undefined,
    });
  }

  /**
   * An SQS queue: writes its URL (what `QueueUrl` takes); grants on its ARN, and on its customer
   * managed key for `sqs:sendMessage`.
   *
   * @param queue the queue
   */
  public static queue(queue: sqs.IQueue): AslSubstitution {
    return new AslSubstitution(queue.queueUrl, {
      kind: 'queue', factory: 'queue', arn: queue.queueArn, keyArn: queue.encryptionMasterKey?.keyArn, name: queue.queueName,
    });
  }

  /**
   * An SNS topic: writes its ARN (what `TopicArn` takes); grants on it, and on its customer managed
   * key for `sns:publish`.
   *
   * @param topic the topic
   */
  public static topic(topic: sns.ITopic): AslSubstitution {
    return new AslSubstitution(topic.topicArn, { kind: 'topic', factory: 'topic', arn: topic.topicArn, keyArn: topic.masterKey?.keyArn });
  }

  /**
   * A DynamoDB table: writes its name (what `TableName` takes); grants on its ARN, and on its
   * customer managed key for the DynamoDB integration.
   *
   * @param table the table
   */
  public static table(table: dynamodb.ITable): AslSubstitution {
    return new AslSubstitution(table.tableName, {
      kind: 'table', factory: 'table', arn: table.tableArn, keyArn: table.encryptionKey?.keyArn, name: table.tableName,
    });
  }

  /**
   * An S3 bucket: writes its name (what `Bucket` takes); grants on the bucket or its objects, as
   * the call needs.
   *
   * @param bucket the bucket
   */
  public static bucket(bucket: s3.IBucket): AslSubstitution {
    return new AslSubstitution(bucket.bucketName, { kind: 'bucket', factory: 'bucket', arn: bucket.bucketArn, name: bucket.bucketName, bucket });
  }

  /**
   * An EventBridge event bus: writes its ARN (what `EventBusName` takes, as the typed
   * `EventBridgeSteps.putEvents()` writes it); grants on it.
   *
   * @param eventBus the event bus
   */
  public static eventBus(eventBus: events.IEventBus): AslSubstitution {
    return new AslSubstitution(eventBus.eventBusArn, { kind: 'eventBus', factory: 'eventBus', arn: eventBus.eventBusArn, name: eventBus.eventBusName });
  }

  /**
   * A state machine (a `Workflow` or any aws-cdk-lib state machine), or a version or alias of
   * one (`workflow.currentVersion`, `workflow.addAlias()`, an imported qualified ARN): writes its
   * ARN, qualified when it is a version or alias (what `StateMachineArn` takes). Nested executions
   * are granted on the state machine, narrowed to the version or alias with the
   * `states:StateMachineQualifier` condition key, as Step Functions authorizes them.
   *
   * @see https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
   * @param stateMachine the state machine, version or alias
   * @param qualifier a version number or alias name, for a state machine given unqualified
   */
  public static stateMachine(stateMachine: sfn.IStateMachine, qualifier?: string): AslSubstitution {
    const target = startTargetOf(stateMachine, stateMachine);
    const q = qualifier ?? target.qualifier;
    const value = q === undefined ? stateMachine.stateMachineArn
      : qualifier === undefined ? stateMachine.stateMachineArn : `${target.stateMachineArn}:${qualifier}`;
    // A version (not an alias): what `StepFunctionsSteps` records for published Workflows.
    const isVersion = q !== undefined && (('versionArn' in stateMachine && qualifier === undefined) || /^[0-9]+$/.test(q));
    return new AslSubstitution(value, {
      kind: 'stateMachine',
      factory: 'stateMachine',
      arn: target.stateMachineArn,
      name: target.stateMachineName,
      qualifier: q,
      versionOf: isVersion ? target.stateMachineArn : undefined,
    });
  }

  /**
   * An activity: writes its ARN (what a Task's `Resource` takes). The state machine role needs no
   * permission for an activity task; its workers do.
   *
   * @param activity the activity
   */
  public static activity(activity: sfn.IActivity): AslSubstitution {
    return new AslSubstitution(activity.activityArn, { kind: 'activity', factory: 'activity', arn: activity.activityArn });
  }

  /**
   * An EventBridge connection (an HTTP Task's `Authentication.ConnectionArn`): writes its ARN;
   * grants on it and on the Secrets Manager secret holding its credentials.
   *
   * @param connection the connection
   */
  public static connection(connection: events.IConnection): AslSubstitution {
    return new AslSubstitution(connection.connectionArn, {
      kind: 'connection', factory: 'connection', arn: connection.connectionArn, secretArn: connection.connectionSecretArn,
    });
  }

  /**
   * A Secrets Manager secret: writes its ARN (what `SecretId` takes); grants on it.
   *
   * @param secret the secret
   */
  public static secret(secret: secretsmanager.ISecret): AslSubstitution {
    return new AslSubstitution(secret.secretArn, { kind: 'secret', factory: 'secret', arn: secret.secretArn, keyArn: secret.encryptionKey?.keyArn });
  }

  /**
   * An ECS cluster: writes its ARN (what `Cluster` of `ecs:runTask` takes).
   *
   * @param cluster the cluster
   */
  public static ecsCluster(cluster: ecs.ICluster): AslSubstitution {
    return new AslSubstitution(cluster.clusterArn, { kind: 'ecsCluster', factory: 'ecsCluster', arn: cluster.clusterArn, name: cluster.clusterName });
  }

  /**
   * An ECS task definition: writes its ARN, the exact revision (what `TaskDefinition` of
   * `ecs:runTask` takes); grants `ecs:RunTask` on it and `iam:PassRole` on its task and execution
   * roles.
   *
   * @param taskDefinition the task definition (an imported one works, with its roles)
   */
  public static ecsTaskDefinition(taskDefinition: ecs.ITaskDefinition): AslSubstitution {
    const roles = [taskDefinition.taskRole, ...(taskDefinition.executionRole ? [taskDefinition.executionRole] : [])];
    return new AslSubstitution(taskDefinition.taskDefinitionArn, {
      kind: 'ecsTaskDefinition', factory: 'ecsTaskDefinition', arn: taskDefinition.taskDefinitionArn, passRoleArns: roles.map((r) => r.roleArn),
    });
  }

  /**
   * An AWS Batch job queue: writes its ARN (what `JobQueue` takes); grants on it.
   *
   * @param jobQueue the job queue
   */
  public static batchJobQueue(jobQueue: batch.IJobQueue): AslSubstitution {
    return new AslSubstitution(jobQueue.jobQueueArn, { kind: 'batchJobQueue', factory: 'batchJobQueue', arn: jobQueue.jobQueueArn });
  }

  /**
   * An AWS Batch job definition: writes its ARN (what `JobDefinition` takes); grants on it.
   *
   * @param jobDefinition the job definition
   */
  public static batchJobDefinition(jobDefinition: batch.IJobDefinition): AslSubstitution {
    return new AslSubstitution(jobDefinition.jobDefinitionArn, {
      kind: 'batchJobDefinition', factory: 'batchJobDefinition', arn: jobDefinition.jobDefinitionArn,
    });
  }

  /**
   * A CodeBuild project: writes its name (what `ProjectName` takes); grants on its ARN.
   *
   * @param project the project
   */
  public static codeBuildProject(project: codebuild.IProject): AslSubstitution {
    return new AslSubstitution(project.projectName, { kind: 'codeBuildProject', factory: 'codeBuildProject', arn: project.projectArn, name: project.projectName });
  }

  /**
   * An IAM role: writes its ARN (what a Task's `Credentials.RoleArn` takes); the state machine
   * role may assume it.
   *
   * @param role the role
   */
  public static role(role: iam.IRole): AslSubstitution {
    return new AslSubstitution(role.roleArn, { kind: 'role', factory: 'role', arn: role.roleArn });
  }

  /**
   * A Bedrock model: writes its ARN (what `ModelId` takes); grants on it.
   *
   * @param model the model
   */
  public static bedrockModel(model: bedrock.IModel): AslSubstitution {
    return new AslSubstitution(model.modelArn, { kind: 'bedrockModel', factory: 'bedrockModel', arn: model.modelArn });
  }

  /** The text that replaces the placeholder in the definition. */
  public readonly text: string;

  /** @internal the resource the value stands for, when it is one */
  public readonly _resource?: SubstitutedResource;

  private constructor(text: string, resource?: SubstitutedResource) {
    this.text = text;
    this._resource = resource;
  }
}
