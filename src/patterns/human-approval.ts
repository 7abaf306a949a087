import { Duration, Token } from 'aws-cdk-lib';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { checkSeconds, PLAIN_NAME } from './private/checks';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS } from '../core/quotas';
import { recordStateFacts } from '../core/state-facts';
import { Step, StepBindOptions } from '../core/step';

/** SNS `Subject`: fewer than 100 characters (SNS API Publish). */
const SNS_SUBJECT_MAX = 99;

/**
 * Where a `HumanApproval` sends its request: an SNS topic (e-mail, chat, a function) or an SQS
 * queue (an approval application).
 */
export class ApprovalChannel {
  /**
   * Publishes the request to an SNS topic.
   *
   * @param topic the topic approvers (or the application that asks them) subscribe to
   */
  public static snsTopic(topic: sns.ITopic): ApprovalChannel {
    return new ApprovalChannel(topic, undefined);
  }

  /**
   * Sends the request to an SQS queue, for an approval application that stores the task token and
   * shows the request to a person.
   *
   * @param queue the queue the approval application reads
   */
  public static sqsQueue(queue: sqs.IQueue): ApprovalChannel {
    return new ApprovalChannel(undefined, queue);
  }

  /**
   * The topic.
   *
   * @default - none (a queue channel)
   */
  public readonly topic?: sns.ITopic;

  /**
   * The queue.
   *
   * @default - none (a topic channel)
   */
  public readonly queue?: sqs.IQueue;

  private constructor(topic: sns.ITopic | undefined, queue: sqs.IQueue | undefined) {
    this.topic = topic;
    this.queue = queue;
  }
}

/**
 * Properties of a `HumanApproval`.
 */
export interface HumanApprovalProps {
  /** Where the request goes. */
  readonly channel: ApprovalChannel;

  /**
   * How long the person has to answer; then the step fails with `States.Timeout`. The same prop
   * as on every step that waits (`taskTimeout`): a fixed duration (`sfn.Timeout.duration()`, whole
   * seconds from 1 second to a year), or read at run time (`sfn.Timeout.at()` in JSONPath,
   * `sfn.Timeout.jsonata()` in JSONata). Keep it below the workflow's own timeout (24 hours by
   * default for a `Workflow`).
   */
  readonly taskTimeout: sfn.Timeout;

  /**
   * A one-line summary for the approver (and, for a topic, the e-mail subject).
   *
   * @default - 'Approval needed: <state name>'
   */
  readonly summary?: string;

  /**
   * What the approver needs to decide, added to the request as `details`: an object whose values
   * may be JSONPath paths (`JsonPath.stringAt('$.order.total')`) or, in JSONata, `{% %}`
   * expressions.
   *
   * @default - the state input (`$` / `{% $states.input %}`)
   */
  readonly details?: { [key: string]: any };

  /**
   * The field of the state input the answer (the SendTaskSuccess output) is written to, so the
   * input is kept: JSONPath `ResultPath: '$.<field>'`, JSONata `Output` merging it in.
   *
   * @default 'approval'
   */
  readonly resultField?: string;

  /**
   * A comment on the state. Validation knows the missing heartbeat is deliberate whatever the
   * comment says, so it does not warn (SW402).
   *
   * @default 'Waits for a person: a timeout and no heartbeat, on purpose.'
   */
  readonly comment?: string;
}

/**
 * Waits for a person to approve or reject: sends a request carrying the task token to an SNS
 * topic or an SQS queue (`.waitForTaskToken`), then waits up to `taskTimeout`.
 *
 * There is deliberately no heartbeat: a person sends none, so a heartbeat would only fail the
 * approval while the person thinks. The timeout is what bounds the wait.
 *
 * The request is JSON: `taskToken`, `executionId`, `state`, `summary`, `details`, and `approve`
 * and `reject` hints with the AWS CLI commands. The answer:
 *
 * - approve: SendTaskSuccess with an output such as `{ "approved": true, "by": "alice" }`; the
 *   step succeeds and writes that output to `approval` in its input;
 * - reject: SendTaskFailure with the error `Approval.Rejected` (`HumanApproval.REJECTED_ERROR`)
 *   and a cause; the step fails with that error, for a Catch (or a saga) to handle;
 * - no answer in time: the step fails with `States.Timeout`.
 *
 * `TaskTokenClient` in `cdk-stepwise/runtime` sends these from an approval page or a queue
 * consumer. Task tokens contain `+`, `/` and `=`: store the token server-side and send the person
 * an id, or use `TaskTokens.toUrlSafe()`; and approve only on a POST, because e-mail link
 * scanners open GET links.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html#connect-wait-token
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * flow.addStep('Approve refund', new HumanApproval({
 *   channel: ApprovalChannel.snsTopic(approvers),
 *   taskTimeout: sfn.Timeout.duration(Duration.hours(8)),
 *   details: { 'orderId': sfn.JsonPath.stringAt('$.orderId'), 'amount': sfn.JsonPath.numberAt('$.refund.amount') },
 * })).addCatch(refundRejected, { errors: [HumanApproval.REJECTED_ERROR, 'States.Timeout'] });
 */
export class HumanApproval extends Step {
  /** The error to send with SendTaskFailure to reject: `Approval.Rejected`. */
  public static readonly REJECTED_ERROR = 'Approval.Rejected';

  /** Always `WAIT_FOR_TASK_TOKEN`. */
  public readonly integrationPattern: sfn.IntegrationPattern = sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN;

  /** How long the person has. */
  public readonly taskTimeout: sfn.Timeout;

  private readonly props: HumanApprovalProps;

  /**
   * @param props channel, timeout and what to show the approver
   * @throws SW708 for a fixed timeout that is not whole seconds from 1 second to 1 year, a summary
   * too long for an e-mail subject, or a result field that is not a plain name
   */
  constructor(props: HumanApprovalProps) {
    super();
    this.props = props;
    if (!props.channel || (!props.channel.topic && !props.channel.queue)) {
      throw approvalError('there is no channel to send the request to', 'ApprovalChannel.snsTopic(topic) or ApprovalChannel.sqsQueue(queue)', String(props.channel),
        'pass channel: ApprovalChannel.snsTopic(topic) or ApprovalChannel.sqsQueue(queue)');
    }
    // A callback can wait no longer than the execution: a year for a Standard workflow (SQ).
    if (!props.taskTimeout) {
      throw approvalError('there is no taskTimeout, so a lost request would keep the execution waiting', 'a task timeout', String(props.taskTimeout),
        'pass taskTimeout: sfn.Timeout.duration(Duration.days(3)), or as long as the approvers need');
    }
    const seconds = props.taskTimeout.seconds;
    if (seconds !== undefined && !Token.isUnresolved(seconds)) {
      checkSeconds(Duration.seconds(seconds), 1, QUOTAS.standardMaxDuration.value, CODES.SW708, 'the approval timeout',
        'give the approval a timeout in whole seconds, at most a year, e.g. sfn.Timeout.duration(Duration.days(3))');
    }
    this.taskTimeout = props.taskTimeout;
    // The summary is the SNS Subject: "ASCII text ... must not include line breaks or control
    // characters ... less than 100 characters" (SNS API Publish).
    if (props.summary !== undefined && (typeof props.summary !== 'string' || props.summary.length === 0 || props.summary.length > SNS_SUBJECT_MAX || /[^\x20-\x7e]/.test(props.summary))) {
      throw approvalError('the summary cannot be an e-mail subject (it is the Subject of an SNS request)',
        `1 to ${SNS_SUBJECT_MAX} printable ASCII characters on one line (SNS Subject)`, `${JSON.stringify(props.summary)}`, 'shorten the summary to one ASCII line; put the rest in details');
    }
    if (props.resultField !== undefined && (typeof props.resultField !== 'string' || !PLAIN_NAME.test(props.resultField))) {
      throw approvalError(`the resultField '${props.resultField}' is not a plain field name`, 'letters, digits and underscores', String(props.resultField), "use a name such as 'approval'");
    }
  }

  /**
   * Builds the approval's task: an SNS publish or SQS send that waits for the task token.
   *
   * @param scope the construct scope of the new state
   * @param id the construct id of the new state
   * @param options the state name and query language
   * @throws SW508 for a task timeout of the other query language (`Timeout.at()` in JSONata,
   * `Timeout.jsonata()` in JSONPath)
   */
  public bind(scope: Construct, id: string, options: StepBindOptions): sfn.IChainable {
    const name = options.stateName;
    // Written for one query language: bound without one, a JSONPath state, stated explicitly, so
    // that a JSONata state machine reports it (SW010) instead of rendering JSONPath fields.
    const queryLanguage = options.queryLanguage ?? sfn.QueryLanguage.JSON_PATH;
    const jsonata = queryLanguage === sfn.QueryLanguage.JSONATA;
    const wrong = jsonata ? this.taskTimeout.path : this.taskTimeout.jsonataExpression;
    if (wrong !== undefined) {
      throw new StepwiseError({
        code: CODES.SW508,
        statePath: name,
        message: `the approval is a ${jsonata ? 'JSONata' : 'JSONPath'} state but its taskTimeout is ${jsonata ? 'a JSONPath (Timeout.at)' : 'a JSONata expression (Timeout.jsonata)'}`,
        actual: wrong,
        fix: jsonata ? 'use sfn.Timeout.duration() or sfn.Timeout.jsonata()' : 'use sfn.Timeout.duration() or sfn.Timeout.at(), or build the approval in a JSONata flow',
      }, `${scope.node.path}/${id}`);
    }
    const field = this.props.resultField ?? 'approval';
    const summary = this.props.summary ?? subjectOf(`Approval needed: ${name}`, SNS_SUBJECT_MAX);
    const message = sfn.TaskInput.fromObject({
      taskToken: jsonata ? '{% $states.context.Task.Token %}' : sfn.JsonPath.taskToken,
      executionId: jsonata ? '{% $states.context.Execution.Id %}' : sfn.JsonPath.executionId,
      state: name,
      summary,
      details: this.props.details ?? (jsonata ? '{% $states.input %}' : sfn.JsonPath.objectAt('$')),
      approve: 'aws stepfunctions send-task-success --task-token "$TASK_TOKEN" --task-output \'{"approved":true}\'',
      reject: `aws stepfunctions send-task-failure --task-token "$TASK_TOKEN" --error ${HumanApproval.REJECTED_ERROR} --cause "<reason>"`,
    });
    const common = {
      stateName: name,
      queryLanguage,
      comment: this.props.comment ?? 'Waits for a person: a timeout and no heartbeat, on purpose.',
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      taskTimeout: this.taskTimeout,
      ...(jsonata
        ? { outputs: `{% $type($states.input) = 'object' ? $merge([$states.input, {'${field}': $states.result}]) : {'input': $states.input, '${field}': $states.result} %}` }
        : { resultPath: `$.${field}` }),
    };
    const channel = this.props.channel;
    const task = channel.topic
      ? new tasks.SnsPublish(scope, id, { ...common, topic: channel.topic, subject: summary, message })
      : new tasks.SqsSendMessage(scope, id, { ...common, queue: channel.queue!, messageBody: message });
    // Validation then knows the missing heartbeat is deliberate (no SW402).
    recordStateFacts(task, { noHeartbeatBecause: 'a person answers a HumanApproval task' });
    return task;
  }
}

/** An SNS subject: printable ASCII (other characters become '?'), cut to `max` characters. */
function subjectOf(s: string, max: number): string {
  const ascii = s.replace(/[^\x20-\x7e]/g, '?');
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3)}...`;
}

function approvalError(message: string, limit: string, actual: string, fix: string): StepwiseError {
  return new StepwiseError({ code: CODES.SW708, statePath: '', message: `HumanApproval: ${message}`, limit, actual, fix });
}
