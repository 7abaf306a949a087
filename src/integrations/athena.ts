import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { athenaStartQueryExecutionStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The query an Athena step starts, for both patterns.
 */
export interface AthenaStartQueryExecutionOptions {
  /** The SQL query. */
  readonly queryString: string;

  /**
   * An idempotency token for the query.
   *
   * @default - none
   */
  readonly clientRequestToken?: string;

  /**
   * The catalog and database the query runs in.
   *
   * @default - the `AwsDataCatalog` catalog and the query's own database references
   */
  readonly queryExecutionContext?: tasks.QueryExecutionContext;

  /**
   * Where the results go and how they are encrypted. With an `outputLocation`, the role may
   * write the results there (and read them back).
   *
   * @default - the workgroup's settings; the role gets no access to the workgroup's result
   * location: grant it (e.g. `resultsBucket.grantReadWrite(workflow)`), or use a workgroup with
   * Athena managed query results
   */
  readonly resultConfiguration?: tasks.ResultConfiguration;

  /**
   * The buckets holding the data of the tables the query reads. Athena reads table data with the
   * permissions of the caller (here, the state machine role), so the role may read these.
   *
   * @see https://docs.aws.amazon.com/athena/latest/ug/access.html
   * @default - none: grant the role read access to the tables' data yourself (e.g.
   * `dataBucket.grantRead(workflow)`)
   */
  readonly dataBuckets?: s3.IBucket[];

  /**
   * The workgroup to run the query in.
   *
   * @default 'primary'
   */
  readonly workGroup?: string;

  /**
   * Values for the `?` parameters of the query, in order.
   *
   * @default - none
   */
  readonly executionParameters?: string[];

  /**
   * Reuse the results of an identical query run at most this long ago (1 minute to 7 days).
   *
   * @default - no reuse
   */
  readonly resultReuseConfigurationMaxAge?: Duration;
}

/**
 * Properties of `AthenaSteps.startQueryExecution()`.
 */
export interface AthenaStartQueryExecutionStepProps extends IntegrationStepOptions, TaskTimeoutOptions, AthenaStartQueryExecutionOptions {
}

/**
 * Properties of `AthenaSteps.startQueryExecutionAndWait()`.
 */
export interface AthenaStartQueryExecutionAndWaitStepProps extends IntegrationStepOptions, TaskTimeoutOptions, AthenaStartQueryExecutionOptions {
}

/**
 * Amazon Athena steps: start a query (request-response) or run it to completion (`.sync`).
 * Athena has no callback pattern.
 *
 * The role gets `athena:StartQueryExecution` and `athena:GetDataCatalog` on the workgroup and
 * catalog; `.sync` adds `athena:GetQueryExecution` (Step Functions polls Athena: there is no
 * EventBridge rule) and `athena:StopQueryExecution` (stop the query when the execution is
 * aborted, which aws-cdk-lib's task leaves out). The query itself runs with the role's
 * permissions, so the role also gets aws-cdk-lib's Glue Data Catalog statements and
 * `lakeformation:GetDataAccess`, as in the Step Functions guide, read access to the `dataBuckets`,
 * and read and write access to the result location when `resultConfiguration` names one. It
 * gets no S3 access beyond these (aws-cdk-lib grants `s3:CreateBucket`, `s3:GetObject` and,
 * without a result location, `s3:PutObject` on every bucket).
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html
 */
export class AthenaSteps {
  /**
   * Starts a query and continues with its execution ID (`arn:aws:states:::athena:startQueryExecution`).
   *
   * @param props the query and state options
   */
  public static startQueryExecution(props: AthenaStartQueryExecutionStepProps): RequestResponseStep {
    return new StartQueryStep(props);
  }

  /**
   * Runs a query and waits until it finishes (`athena:startQueryExecution.sync`). Aborting the
   * execution stops the query.
   *
   * @param props the query, timeout and state options
   */
  public static startQueryExecutionAndWait(props: AthenaStartQueryExecutionAndWaitStepProps): RunJobStep {
    return new StartQueryAndWaitStep(props);
  }

  private constructor() {}
}

function startQuery(
  scope: Construct, id: string, props: AthenaStartQueryExecutionStepProps, options: StepBindOptions, pattern: sfn.IntegrationPattern,
): sfn.TaskStateBase {
  return adaptedTask(tasks.AthenaStartQueryExecution, scope, id, {
    ...taskStateProps(props, { taskTimeout: props.taskTimeout }, bindContext(scope, id, options)),
    integrationPattern: pattern,
    queryString: props.queryString,
    clientRequestToken: props.clientRequestToken,
    queryExecutionContext: props.queryExecutionContext,
    resultConfiguration: props.resultConfiguration,
    workGroup: props.workGroup,
    executionParameters: props.executionParameters,
    resultReuseConfigurationMaxAge: props.resultReuseConfigurationMaxAge,
  }, {
    // S3 comes from the result location and `dataBuckets`, not from '*' (`athenaStartQueryExecutionStatements`).
    statements: () => athenaStartQueryExecutionStatements(scope, {
      catalogName: props.queryExecutionContext?.catalogName,
      databaseName: props.queryExecutionContext?.databaseName,
      workGroup: props.workGroup,
      outputLocation: props.resultConfiguration?.outputLocation,
      dataBuckets: (props.dataBuckets ?? []).map((b) => ({ bucketArn: b.bucketArn, objectsArn: b.arnForObjects('*'), keyArn: b.encryptionKey?.keyArn })),
    }, pattern),
  });
}

class StartQueryStep extends RequestResponseStep {
  constructor(private readonly props: AthenaStartQueryExecutionStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return startQuery(scope, id, this.props, options, sfn.IntegrationPattern.REQUEST_RESPONSE);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

class StartQueryAndWaitStep extends RunJobStep {
  constructor(private readonly props: AthenaStartQueryExecutionAndWaitStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return startQuery(scope, id, this.props, options, sfn.IntegrationPattern.RUN_JOB);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}
