import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep } from './integration-step';
import { IntegrationStepOptions, TaskTokenFieldOptions } from './options';
import { CallbackOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { BindContext, bindContext, taskStateProps } from './private/bind';
import { LanguageSlots } from './private/language';
import { stepRetries } from './private/retries';
import { snsPublishStatements } from './private/task-policies';
import { DEFAULT_TASK_TOKEN_FIELD, payloadWithTaskToken } from './private/token';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The message an SNS step publishes, for both patterns.
 */
export interface SnsPublishOptions {
  /**
   * The topic to publish to.
   */
  readonly topic: sns.ITopic;

  /** The message. An object is sent as JSON text. */
  readonly message: sfn.TaskInput;

  /**
   * Message attributes, for subscription filter policies.
   *
   * @default - no attributes
   */
  readonly messageAttributes?: { [key: string]: tasks.MessageAttribute };

  /**
   * Send a different message to each protocol: `message` must then be an object with a
   * `default` key and one key per protocol.
   *
   * @default false
   */
  readonly messagePerSubscriptionType?: boolean;

  /**
   * The subject of email notifications.
   *
   * @default - no subject
   */
  readonly subject?: string;

  /**
   * FIFO topics: the message group ID (required for FIFO topics).
   *
   * @default - none
   */
  readonly messageGroupId?: string;

  /**
   * FIFO topics: the deduplication ID (required unless the topic has content-based deduplication).
   *
   * @default - none
   */
  readonly messageDeduplicationId?: string;
}

/**
 * Properties of `SnsSteps.publish()`.
 */
export interface SnsPublishStepProps extends IntegrationStepOptions, TaskTimeoutOptions, SnsPublishOptions {
}

/**
 * Properties of `SnsSteps.publishWithCallback()`.
 */
export interface SnsPublishWithCallbackStepProps extends IntegrationStepOptions, CallbackOptions, TaskTokenFieldOptions, SnsPublishOptions {
}

/**
 * Amazon SNS steps: publish a message (request-response), or publish it with the task token
 * and wait for a subscriber's callback. SNS has no run-a-job (`.sync`) pattern.
 *
 * The role gets `sns:Publish` on the topic, and `kms:Decrypt` and `kms:GenerateDataKey*` on the
 * topic's key when it is encrypted (what `topic.grantPublish()` grants; aws-cdk-lib's
 * `SnsPublish` task leaves the key out).
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sns.html
 */
export class SnsSteps {
  /**
   * Publishes a message to a topic (`arn:aws:states:::sns:publish`).
   *
   * @param props the message and state options
   */
  public static publish(props: SnsPublishStepProps): RequestResponseStep {
    return new SnsPublishStep(props.topic, props);
  }

  /**
   * Publishes a message with the task token in it and waits until a subscriber calls
   * SendTaskSuccess or SendTaskFailure (`sns:publish.waitForTaskToken`).
   *
   * @param props timeouts, the message and state options
   */
  public static publishWithCallback(props: SnsPublishWithCallbackStepProps): CallbackStep {
    return new SnsPublishWithCallbackStep(props.topic, props);
  }

  private constructor() {}
}

function publishTask(
  scope: Construct, id: string, topic: sns.ITopic, props: SnsPublishOptions, message: sfn.TaskInput,
  base: sfn.TaskStateBaseProps,
): sfn.TaskStateBase {
  return adaptedTask(tasks.SnsPublish, scope, id, {
    ...base,
    topic,
    message,
    messageAttributes: props.messageAttributes,
    messagePerSubscriptionType: props.messagePerSubscriptionType,
    subject: props.subject,
    messageGroupId: props.messageGroupId,
    messageDeduplicationId: props.messageDeduplicationId,
  }, {
    // A topic encrypted with a customer managed key also needs the key (aws-cdk-lib's task
    // grants the topic only).
    statements: () => snsPublishStatements(topic.topicArn, topic.masterKey?.keyArn),
  });
}

class SnsPublishStep extends RequestResponseStep {
  constructor(private readonly topic: sns.ITopic, private readonly props: SnsPublishStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx: BindContext = bindContext(scope, id, options);
    const base = taskStateProps(this.props, { taskTimeout: this.props.taskTimeout }, ctx);
    return publishTask(scope, id, this.topic, this.props, this.props.message, base);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

class SnsPublishWithCallbackStep extends CallbackStep {
  constructor(private readonly topic: sns.ITopic, private readonly props: SnsPublishWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const slots = new LanguageSlots(options.queryLanguage);
    const message = payloadWithTaskToken(this.props.message, this.props.taskTokenField ?? DEFAULT_TASK_TOKEN_FIELD, slots, { ...ctx, prop: 'message' });
    const task = publishTask(scope, id, this.topic, this.props, message, {
      ...taskStateProps(this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    });
    slots.attach(task);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}
