import { Token } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { RequestResponseStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { stepRetries } from './private/retries';
import { httpInvokeStatements } from './private/task-policies';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * Properties of `HttpSteps.invoke()`.
 */
export interface HttpInvokeStepProps extends IntegrationStepOptions, TaskTimeoutOptions {
  /**
   * The EventBridge connection holding the API's credentials (API key, basic or OAuth).
   */
  readonly connection: events.IConnection;

  /**
   * The root of the API, e.g. `https://api.example.com`. The role may call any URL under it.
   */
  readonly apiRoot: string;

  /**
   * The path below `apiRoot`, e.g. `TaskInput.fromText('orders')`.
   */
  readonly apiEndpoint: sfn.TaskInput;

  /**
   * The HTTP method, e.g. `TaskInput.fromText('POST')`. A literal method also restricts the
   * role to it (`states:HTTPMethod`).
   */
  readonly method: sfn.TaskInput;

  /**
   * The request body.
   *
   * @default - no body
   */
  readonly body?: sfn.TaskInput;

  /**
   * Request headers (some, such as `Authorization` and `Host`, are not allowed).
   *
   * @default - none
   */
  readonly headers?: sfn.TaskInput;

  /**
   * Query string parameters.
   *
   * @default - none
   */
  readonly queryStringParameters?: sfn.TaskInput;

  /**
   * URL-encode the body (as `application/x-www-form-urlencoded`) with this array format.
   *
   * @default URLEncodingFormat.NONE
   */
  readonly urlEncodingFormat?: tasks.URLEncodingFormat;
}

/**
 * HTTP Task steps: call an HTTPS API through an EventBridge connection
 * (`arn:aws:states:::http:invoke`). Request-response only.
 *
 * The role gets `events:RetrieveConnectionCredentials` on the connection,
 * `secretsmanager:GetSecretValue` and `secretsmanager:DescribeSecret` on the connection's
 * secret, and `states:InvokeHTTPEndpoint` on the account's state machines (the state machine's
 * own ARN would be a circular reference) for URLs under `apiRoot/` only (`states:HTTPEndpoint`;
 * aws-cdk-lib's `apiRoot*` also matches other hosts whose name starts the same) and, when the
 * method is a literal, for that method only (`states:HTTPMethod`, which aws-cdk-lib leaves open).
 *
 * The task retries 429, 502, 503 and 504 answers (`ServiceRetries.httpInvoke()`) unless
 * `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html
 */
export class HttpSteps {
  /**
   * Calls an HTTPS API and continues with the response (status, headers, body).
   *
   * @param props the request and state options
   */
  public static invoke(props: HttpInvokeStepProps): RequestResponseStep {
    return new HttpInvokeStep(props);
  }

  private constructor() {}
}

class HttpInvokeStep extends RequestResponseStep {
  constructor(private readonly props: HttpInvokeStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const p = this.props;
    const method = literalMethod(p.method);
    return adaptedTask(tasks.HttpInvoke, scope, id, {
      ...taskStateProps(p, { taskTimeout: p.taskTimeout }, bindContext(scope, id, options)),
      connection: p.connection,
      apiRoot: p.apiRoot,
      apiEndpoint: p.apiEndpoint,
      method: p.method,
      body: p.body,
      headers: p.headers,
      queryStringParameters: p.queryStringParameters,
      urlEncodingFormat: p.urlEncodingFormat,
    }, {
      // aws-cdk-lib allows `${apiRoot}*`, which also matches other hosts that start with the
      // same name (https://api.example.com.other.net); every URL the task calls is
      // `${apiRoot}/${apiEndpoint}`. (With a JSONata root, aws-cdk-lib's `*` is kept.)
      statements: () => httpInvokeStatements(scope, {
        connectionArn: p.connection.connectionArn,
        connectionSecretArn: p.connection.connectionSecretArn,
        endpointPatterns: [isJsonata(p.apiRoot) ? '*' : `${Token.isUnresolved(p.apiRoot) ? p.apiRoot : p.apiRoot.replace(/\/+$/, '')}/*`],
        method,
      }),
    });
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.httpInvoke());
  }
}

function isJsonata(value: string): boolean {
  return /^\{%[\s\S]*%\}$/.test(value.trim());
}

/** The method when it is a literal (not a JSONPath or JSONata expression, not a token). */
function literalMethod(method: sfn.TaskInput): string | undefined {
  const value = method.value;
  if (method.type !== sfn.InputType.TEXT || typeof value !== 'string' || Token.isUnresolved(value) || isJsonata(value)) {
    return undefined;
  }
  return value.toUpperCase();
}
