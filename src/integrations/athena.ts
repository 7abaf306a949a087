import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { IntegrationStepOptions, RequestResponseStep, RunJobStep, TaskTimeoutOptions } from './integration-step';
import { adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { ServiceRetries } from '../patterns/service-retries';
import { StepBindOptions } from '../patterns/step';

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
   * Where the results go and how they are encrypted.
   *
   * @default - the workgroup's settings
   */
  readonly resultConfiguration?: tasks.ResultConfiguration;

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
 * permissions, so the role also gets aws-cdk-lib's S3 (results), Glue Data Catalog and
 * `lakeformation:GetDataAccess` statements, as in the Step Functions guide.
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
  const actions = pattern === sfn.IntegrationPattern.RUN_JOB
    ? ['athena:StartQueryExecution', 'athena:GetDataCatalog', 'athena:GetQueryExecution', 'athena:StopQueryExecution']
    : ['athena:StartQueryExecution', 'athena:GetDataCatalog'];
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
    statements: (inherited) => inherited.map((s) => s.actions.includes('athena:startQueryExecution')
      ? new iam.PolicyStatement({ actions, resources: s.resources })
      : s),
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
