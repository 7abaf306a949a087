/*
 * The IAM statements each integration's Task state needs, in one place: the typed steps
 * (`LambdaSteps`, `SqsSteps`, ...) and the definitions imported from Amazon States Language
 * (`AslDefinition`) both call these functions, so a Task state gets the same statements however
 * it was written. Each function takes the resource the state acts on as ARNs and names (what both
 * callers know), never a construct.
 *
 * Where aws-cdk-lib's task class grants what the pattern needs, the function reproduces its
 * statement (and the typed step's tests check the two still agree on both ends of the supported
 * aws-cdk-lib range); where it grants too much or too little, the function says so and why.
 */
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IConstruct } from 'constructs';
import { MANAGED_RULES, managedRuleStatement } from './iam';
import { sdkIamActions } from './sdk-iam';
import { executionsArn, qualifierConditions } from '../../core/qualifier';

/**
 * `lambda:InvokeFunction` on exactly the ARN the state invokes: an unqualified ARN invokes
 * `$LATEST` and needs the unqualified ARN; a version or alias is given as its own ARN.
 * (aws-cdk-lib's `LambdaInvoke` also grants `<function ARN>:*`, every version and alias of the
 * function, which the state never calls.)
 *
 * @see https://docs.aws.amazon.com/lambda/latest/dg/lambda-api-permissions-ref.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-lambda.html
 */
export function lambdaInvokeStatements(functionArn: string): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [functionArn] })];
}

/**
 * `sqs:SendMessage` on the queue, and `kms:Decrypt` and `kms:GenerateDataKey*` on its customer
 * managed key (aws-cdk-lib's `SqsSendMessage`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/sqs-iam.html
 * @see https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-key-management.html
 */
export function sqsSendMessageStatements(queueArn: string, keyArn?: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: [queueArn] }),
    ...(keyArn ? [new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: [keyArn] })] : []),
  ];
}

/**
 * `sns:Publish` on the topic, and `kms:Decrypt` and `kms:GenerateDataKey*` on its customer
 * managed key (what `topic.grantPublish()` grants; aws-cdk-lib's `SnsPublish` leaves the key out).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/sns-iam.html
 * @see https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
 */
export function snsPublishStatements(topicArn: string, keyArn?: string): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [topicArn] }),
    ...(keyArn ? [new iam.PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resources: [keyArn] })] : []),
  ];
}

/**
 * `events:PutEvents` on the event buses the entries name (aws-cdk-lib's `EventBridgePutEvents`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/eventbridge-iam.html
 */
export function eventBridgePutEventsStatements(busArns: string[]): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: busArns })];
}

/** The ARN of the account's default event bus, which an entry without `EventBusName` goes to. */
export function defaultEventBusArn(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'events', resource: 'event-bus', resourceName: 'default', arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
}

/** The DynamoDB APIs of the optimized integration. */
export type DynamoDbApi = 'getItem' | 'putItem' | 'updateItem' | 'deleteItem';

// aws-cdk-lib aws-dynamodb lib/perms.ts: KEY_READ_ACTIONS, and KEY_READ_ACTIONS + KEY_WRITE_ACTIONS
// for grantWriteData.
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
const KEY_WRITE_ACTIONS = [...KEY_READ_ACTIONS, 'kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*'];

/**
 * The one action (`dynamodb:GetItem`, ...) on the table (aws-cdk-lib's DynamoDB tasks), and, for a
 * table encrypted with a customer managed key, the key actions `table.grantReadData()` (reads) or
 * `grantWriteData()` (writes) grant, which aws-cdk-lib's DynamoDB tasks leave out.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/dynamo-iam.html
 */
export function dynamoDbStatements(api: DynamoDbApi, tableArn: string, keyArn?: string): iam.PolicyStatement[] {
  const action = `dynamodb:${api.charAt(0).toUpperCase()}${api.slice(1)}`;
  return [
    new iam.PolicyStatement({ actions: [action], resources: [tableArn] }),
    ...(keyArn ? [new iam.PolicyStatement({ actions: api === 'getItem' ? KEY_READ_ACTIONS : KEY_WRITE_ACTIONS, resources: [keyArn] })] : []),
  ];
}

/** The ARN of a table of the stack's account and Region, from its name (as aws-cdk-lib's DynamoDB tasks build it). */
export function dynamoDbTableArn(scope: IConstruct, tableName: string): string {
  return Stack.of(scope).formatArn({ service: 'dynamodb', resource: 'table', resourceName: tableName });
}

/** What an `ecs:runTask` state runs. */
export interface EcsRunTaskTarget {
  /** The task definition (revision) RunTask may run. */
  readonly taskDefinitionArn: string;
  /** The task and execution roles of the task definition, which the state machine passes. */
  readonly passRoleArns: string[];
  /** The name of the cluster the task runs in. */
  readonly clusterName: string;
}

/**
 * `ecs:RunTask` on the task definition and `iam:PassRole` on its roles; `.sync` adds
 * `ecs:StopTask` and `ecs:DescribeTasks` on the cluster's tasks (to poll and to stop the task
 * when the execution is aborted) and the `StepFunctionsGetEventsForECSTaskRule` managed rule.
 *
 * aws-cdk-lib's `EcsRunTask` grants StopTask and DescribeTasks on '*' for every pattern; only
 * `.sync` polls and stops the task ("Request Response and Callback" need ecs:RunTask alone), and
 * the tasks it started are in this cluster: task ARNs are
 * arn:<partition>:ecs:<region>:<account>:task/<cluster-name>/<task-id>.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/ecs-iam.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonelasticcontainerservice.html
 */
export function ecsRunTaskStatements(scope: IConstruct, target: EcsRunTaskTarget, pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
  const statements = [
    new iam.PolicyStatement({ actions: ['ecs:RunTask'], resources: [target.taskDefinitionArn] }),
    new iam.PolicyStatement({ actions: ['iam:PassRole'], resources: target.passRoleArns }),
  ];
  if (pattern === sfn.IntegrationPattern.RUN_JOB) {
    statements.push(
      managedRuleStatement(scope, MANAGED_RULES.ecs),
      new iam.PolicyStatement({
        actions: ['ecs:StopTask', 'ecs:DescribeTasks'],
        resources: [Stack.of(scope).formatArn({ service: 'ecs', resource: 'task', resourceName: `${target.clusterName}/*` })],
      }),
    );
  }
  return statements;
}

/**
 * The job definition SubmitJob is granted on. Its ARN names a revision
 * (`job-definition/<name>:<revision>`); given without one, the job runs the latest active revision,
 * so every revision of that definition is granted.
 *
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsbatch.html
 */
export function batchJobDefinitionResource(arn: string, unresolved: boolean): string {
  return unresolved || /:\d+$/.test(arn) ? arn : `${arn}:*`;
}

/**
 * `batch:SubmitJob` on the job definition and the job queue; `.sync` adds `batch:DescribeJobs`
 * (on `*`: it supports no resource-level permissions), `batch:TerminateJob` on the account's jobs
 * (job IDs exist only at run time) and the `StepFunctionsGetEventsForBatchJobsRule` managed rule.
 * SubmitJob passes no role (a job definition's roles are passed when it is registered), so there
 * is no `iam:PassRole`. aws-cdk-lib's `BatchSubmitJob` grants the managed rule for every pattern
 * and leaves out the polling and cancel actions.
 *
 * @param jobDefinitionResource the job definition, as `batchJobDefinitionResource()` gives it
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/batch-iam.html
 * @see https://docs.aws.amazon.com/batch/latest/userguide/batch-supported-iam-actions-resources.html
 */
export function batchSubmitJobStatements(
  scope: IConstruct, jobDefinitionResource: string, jobQueueArn: string, pattern: sfn.IntegrationPattern,
): iam.PolicyStatement[] {
  return [
    new iam.PolicyStatement({ actions: ['batch:SubmitJob'], resources: [jobDefinitionResource, jobQueueArn] }),
    ...batchRunJobStatements(scope, pattern),
  ];
}

/** What `batchSubmitJobStatements` adds to SubmitJob: the polling, cancel and managed-rule statements of `.sync`. */
export function batchRunJobStatements(scope: IConstruct, pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
  if (pattern !== sfn.IntegrationPattern.RUN_JOB) {
    return [];
  }
  return [
    new iam.PolicyStatement({ actions: ['batch:DescribeJobs'], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: ['batch:TerminateJob'],
      resources: [Stack.of(scope).formatArn({ service: 'batch', resource: 'job', resourceName: '*' })],
    }),
    managedRuleStatement(scope, MANAGED_RULES.batch),
  ];
}

/**
 * `glue:StartJobRun` on the job; `.sync` adds `glue:GetJobRun` and `glue:GetJobRuns` (Step
 * Functions polls Glue: there is no EventBridge rule) and `glue:BatchStopJobRun` (to stop the run
 * when the execution is aborted), on the job's ARN, as aws-cdk-lib's `GlueStartJobRun` does
 * (narrower than the guide's '*').
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/glue-iam.html
 */
export function glueStartJobRunStatements(scope: IConstruct, jobName: string, pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({
    actions: pattern === sfn.IntegrationPattern.RUN_JOB
      ? ['glue:StartJobRun', 'glue:GetJobRun', 'glue:GetJobRuns', 'glue:BatchStopJobRun']
      : ['glue:StartJobRun'],
    resources: [Stack.of(scope).formatArn({ service: 'glue', resource: 'job', resourceName: jobName })],
  })];
}

/**
 * `codebuild:StartBuild` on the project; `.sync` adds `codebuild:StopBuild` (stop the build when
 * the execution is aborted), `codebuild:BatchGetBuilds` (polling) and the
 * `StepFunctionsGetEventForCodeBuildStartBuildRule` managed rule (singular "Event"), as in the
 * Step Functions guide. aws-cdk-lib's `CodeBuildStartBuild` grants the polling, stop and
 * `BatchGetReports` actions for request-response too.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/codebuild-iam.html
 */
export function codeBuildStartBuildStatements(scope: IConstruct, projectArn: string, pattern: sfn.IntegrationPattern): iam.PolicyStatement[] {
  return pattern === sfn.IntegrationPattern.RUN_JOB
    ? [
      new iam.PolicyStatement({ actions: ['codebuild:StartBuild', 'codebuild:StopBuild', 'codebuild:BatchGetBuilds'], resources: [projectArn] }),
      managedRuleStatement(scope, MANAGED_RULES.codeBuild),
    ]
    : [new iam.PolicyStatement({ actions: ['codebuild:StartBuild'], resources: [projectArn] })];
}

/** The state machine a nested execution starts. */
export interface StartExecutionTarget {
  /** The state machine's ARN, without a qualifier (or `*`, granted explicitly). */
  readonly stateMachineArn: string;
  /**
   * The state machine's name, which names its executions.
   *
   * @default - read from the ARN
   */
  readonly stateMachineName?: string;
  /**
   * The version number or alias name the execution starts, when the state names a qualified ARN.
   *
   * @default - the state machine itself
   */
  readonly qualifier?: string;
}

/**
 * `states:StartExecution` on the state machine; the run-a-job patterns add
 * `states:DescribeExecution` and `states:StopExecution` on its executions (`execution:<name>:*`;
 * aws-cdk-lib's task grants `execution:<name>*`, which also matches the executions of every state
 * machine whose name starts with this one's) and the
 * `StepFunctionsGetEventsForStepFunctionsExecutionRule` managed rule.
 *
 * A version or alias is authorized against the unqualified state machine ARN, narrowed to the
 * qualifier with the `states:StateMachineQualifier` condition key (`qualifierConditions`);
 * execution ARNs carry no qualifier (`executionsArn`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/stepfunctions-iam.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html
 */
export function stepFunctionsStartExecutionStatements(
  scope: IConstruct, target: StartExecutionTarget, pattern: sfn.IntegrationPattern,
): iam.PolicyStatement[] {
  const start = new iam.PolicyStatement({
    actions: ['states:StartExecution'],
    resources: [target.stateMachineArn],
    conditions: target.qualifier !== undefined ? qualifierConditions(target.qualifier) : undefined,
  });
  if (pattern !== sfn.IntegrationPattern.RUN_JOB) {
    return [start];
  }
  // '*': an explicit grant of any state machine (its executions are then any execution).
  const name = target.stateMachineName
    ?? (target.stateMachineArn === '*' ? '*' : Stack.of(scope).splitArn(target.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME).resourceName!);
  return [
    start,
    new iam.PolicyStatement({
      actions: ['states:DescribeExecution', 'states:StopExecution'],
      resources: [executionsArn(scope, { stateMachineArn: target.stateMachineArn, stateMachineName: name })],
    }),
    managedRuleStatement(scope, MANAGED_RULES.stepFunctions),
  ];
}

/** What an `athena:startQueryExecution` state runs its query in and writes it to. */
export interface AthenaQueryTarget {
  /** @default 'AwsDataCatalog' */
  readonly catalogName?: string;
  /** @default 'default' */
  readonly databaseName?: string;
  /** @default 'primary' */
  readonly workGroup?: string;
  /** Where the results go, when the state says. @default - the workgroup's result location, not granted */
  readonly outputLocation?: { readonly bucketName: string; readonly objectKey?: string };
  /** The buckets of the tables the query reads, with their keys. @default - none */
  readonly dataBuckets?: ReadonlyArray<{ readonly bucketArn: string; readonly objectsArn: string; readonly keyArn?: string }>;
}

// aws-cdk-lib's AthenaStartQueryExecution: the Glue Data Catalog actions a query needs.
const ATHENA_GLUE_ACTIONS = [
  'glue:BatchCreatePartition', 'glue:BatchDeletePartition', 'glue:BatchDeleteTable', 'glue:BatchGetPartition', 'glue:CreateDatabase',
  'glue:CreatePartition', 'glue:CreateTable', 'glue:DeleteDatabase', 'glue:DeletePartition', 'glue:DeleteTable', 'glue:GetDatabase',
  'glue:GetDatabases', 'glue:GetPartition', 'glue:GetPartitions', 'glue:GetTable', 'glue:GetTables', 'glue:UpdateDatabase',
  'glue:UpdatePartition', 'glue:UpdateTable',
];

/**
 * `athena:StartQueryExecution` and `athena:GetDataCatalog` on the workgroup and catalog; `.sync`
 * adds `athena:GetQueryExecution` (Step Functions polls Athena: there is no EventBridge rule) and
 * `athena:StopQueryExecution` (stop the query when the execution is aborted, which aws-cdk-lib's
 * task leaves out). The query runs with the role's permissions, so the role also gets
 * aws-cdk-lib's Glue Data Catalog statement and `lakeformation:GetDataAccess` (on '*': it supports
 * no resource-level permissions), as in the Step Functions guide; read and write access to the
 * result location when the state names one (what Athena asks of the caller); read access to the
 * data buckets. No S3 access beyond these (aws-cdk-lib grants `s3:CreateBucket`, `s3:GetObject`
 * and, without a result location, `s3:PutObject` on every bucket).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/athena-iam.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/querying.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/access.html
 */
export function athenaStartQueryExecutionStatements(
  scope: IConstruct, target: AthenaQueryTarget, pattern: sfn.IntegrationPattern,
): iam.PolicyStatement[] {
  const stack = Stack.of(scope);
  const database = target.databaseName ?? 'default';
  const statements = [
    new iam.PolicyStatement({
      actions: pattern === sfn.IntegrationPattern.RUN_JOB
        ? ['athena:StartQueryExecution', 'athena:GetDataCatalog', 'athena:GetQueryExecution', 'athena:StopQueryExecution']
        : ['athena:StartQueryExecution', 'athena:GetDataCatalog'],
      resources: [
        stack.formatArn({ service: 'athena', resource: 'datacatalog', resourceName: target.catalogName ?? 'AwsDataCatalog' }),
        stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: target.workGroup ?? 'primary' }),
      ],
    }),
    new iam.PolicyStatement({ actions: ['lakeformation:GetDataAccess'], resources: ['*'] }),
    new iam.PolicyStatement({
      actions: ATHENA_GLUE_ACTIONS,
      resources: [
        stack.formatArn({ service: 'glue', resource: 'catalog' }),
        stack.formatArn({ service: 'glue', resource: 'database', resourceName: database }),
        stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${database}/*` }),
        stack.formatArn({ service: 'glue', resource: 'userDefinedFunction', resourceName: `${database}/*` }),
      ],
    }),
  ];
  const location = target.outputLocation;
  if (location) {
    const bucket = stack.formatArn({ region: '', account: '', service: 's3', resource: location.bucketName });
    const prefix = location.objectKey ? `${location.objectKey.replace(/\/+$/, '')}/*` : '*';
    statements.push(
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'], resources: [bucket] }),
      new iam.PolicyStatement({
        actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
        resources: [stack.formatArn({ region: '', account: '', service: 's3', resource: location.bucketName, resourceName: prefix })],
      }),
    );
  }
  const buckets = target.dataBuckets ?? [];
  if (buckets.length > 0) {
    statements.push(
      new iam.PolicyStatement({ actions: ['s3:GetBucketLocation', 's3:ListBucket'], resources: buckets.map((b) => b.bucketArn) }),
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: buckets.map((b) => b.objectsArn) }),
    );
    const keys = buckets.flatMap((b) => b.keyArn ? [b.keyArn] : []);
    if (keys.length > 0) {
      statements.push(new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: keys }));
    }
  }
  return statements;
}

/** What an `http:invoke` state calls. */
export interface HttpInvokeTarget {
  /** The EventBridge connection. */
  readonly connectionArn: string;
  /** The Secrets Manager secret EventBridge keeps the connection's credentials in. */
  readonly connectionSecretArn: string;
  /**
   * `states:HTTPEndpoint` patterns (`StringLike`) the calls are limited to.
   *
   * @default - no endpoint condition (the endpoint is an expression)
   */
  readonly endpointPatterns?: string[];
  /** The method, when it is a literal. @default - any method */
  readonly method?: string;
}

/**
 * `events:RetrieveConnectionCredentials` on the connection, `secretsmanager:GetSecretValue` and
 * `secretsmanager:DescribeSecret` on the connection's secret, and `states:InvokeHTTPEndpoint` on
 * the account's state machines (the state machine's own ARN would be a circular reference),
 * limited to the endpoints (`states:HTTPEndpoint`) and, when it is a literal, the method
 * (`states:HTTPMethod`, which aws-cdk-lib leaves open).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html#connect-http-task-permissions
 */
export function httpInvokeStatements(scope: IConstruct, target: HttpInvokeTarget): iam.PolicyStatement[] {
  const conditions: Record<string, Record<string, unknown>> = {};
  if (target.endpointPatterns && target.endpointPatterns.length > 0) {
    conditions.StringLike = { 'states:HTTPEndpoint': target.endpointPatterns.length === 1 ? target.endpointPatterns[0] : target.endpointPatterns };
  }
  if (target.method) {
    conditions.StringEquals = { 'states:HTTPMethod': target.method };
  }
  return [
    new iam.PolicyStatement({ actions: ['events:RetrieveConnectionCredentials'], resources: [target.connectionArn] }),
    new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [target.connectionSecretArn] }),
    new iam.PolicyStatement({
      actions: ['states:InvokeHTTPEndpoint'],
      resources: [Stack.of(scope).formatArn({ service: 'states', resource: 'stateMachine', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
      conditions,
    }),
  ];
}

/** What a `bedrock:invokeModel` state reads, writes and applies. */
export interface BedrockInvokeModelTarget {
  /** The model (foundation model, provisioned or custom model, inference profile) ARN. */
  readonly modelArn: string;
  /** The S3 objects the request body is read from (`Input.S3Uri`). @default - none */
  readonly inputObjectArns?: string[];
  /** The S3 objects the response is written to (`Output.S3Uri`). @default - none */
  readonly outputObjectArns?: string[];
  /** The guardrail applied. @default - none */
  readonly guardrailArn?: string;
}

/**
 * `bedrock:InvokeModel` on the model, `s3:GetObject` on the S3 input, `s3:PutObject` on the S3
 * output and `bedrock:ApplyGuardrail` on the guardrail (aws-cdk-lib's `BedrockInvokeModel`).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-bedrock.html
 */
export function bedrockInvokeModelStatements(target: BedrockInvokeModelTarget): iam.PolicyStatement[] {
  const statements = [new iam.PolicyStatement({ actions: ['bedrock:InvokeModel'], resources: [target.modelArn] })];
  if (target.inputObjectArns && target.inputObjectArns.length > 0) {
    statements.push(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: target.inputObjectArns }));
  }
  if (target.outputObjectArns && target.outputObjectArns.length > 0) {
    statements.push(new iam.PolicyStatement({ actions: ['s3:PutObject'], resources: target.outputObjectArns }));
  }
  if (target.guardrailArn) {
    statements.push(new iam.PolicyStatement({ actions: ['bedrock:ApplyGuardrail'], resources: [target.guardrailArn] }));
  }
  return statements;
}

/**
 * The action of an AWS SDK call, derived from its service and API name (`sdkIamActions`: the IAM
 * prefix table and the known exceptions) unless given, on the resources it acts on. Step
 * Functions generates no policy for AWS SDK integrations.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/supported-services-awssdk.html
 */
export function sdkCallStatements(service: string, action: string, resources: string[], iamActions?: string[]): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ actions: iamActions ?? sdkIamActions(service, action), resources })];
}

/**
 * `sts:AssumeRole` on the role a Task state's `Credentials` name: the state's call runs with that
 * role (usually in another account), so the state machine role only needs to assume it, as
 * aws-cdk-lib's `TaskStateBase` grants for `credentials`.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/concepts-access-cross-acct-resources.html
 */
export function assumeRoleStatements(roleArn: string): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ actions: ['sts:AssumeRole'], resources: [roleArn] })];
}

/**
 * `execute-api:Invoke` on the route an `apigateway:invoke` state calls
 * (`arn:<partition>:execute-api:<region>:<account>:<api-id>/<stage>/<METHOD>/<path>`): what the
 * call needs with `AuthType: IAM_ROLE` or `RESOURCE_POLICY` (with `NO_AUTH` it is not used).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/api-gateway-iam.html
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-control-access-using-iam-policies-to-invoke-api.html
 */
export function apiGatewayInvokeStatements(routeArns: string[]): iam.PolicyStatement[] {
  return [new iam.PolicyStatement({ actions: ['execute-api:Invoke'], resources: routeArns })];
}
