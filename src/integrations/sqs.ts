import { Duration } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep } from './integration-step';
import { IntegrationStepOptions, TaskTokenFieldOptions } from './options';
import { CallbackOptions, TaskTimeoutOptions } from '../core/task-options';
import { TaskAdaptation, adaptedTask } from './private/adapted-task';
import { bindContext, taskStateProps } from './private/bind';
import { LanguageSlots } from './private/language';
import { stepRetries } from './private/retries';
import { sqsSendMessageStatements } from './private/task-policies';
import { DEFAULT_TASK_TOKEN_FIELD, payloadWithTaskToken } from './private/token';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The message an SQS step sends, for both patterns.
 */
export interface SqsSendMessageOptions {
  /**
   * The queue to send the message to.
   */
  readonly queue: sqs.IQueue;

  /**
   * The message. An object is sent as JSON text.
   */
  readonly messageBody: sfn.TaskInput;

  /**
   * How long the message stays invisible after it is sent (0 to 15 minutes).
   *
   * @default - the queue's delivery delay
   */
  readonly delay?: Duration;

  /**
   * FIFO queues: the deduplication ID.
   *
   * @default - none (content-based deduplication, if the queue has it)
   */
  readonly messageDeduplicationId?: string;

  /**
   * FIFO queues: the message group ID (required by SQS for FIFO queues).
   *
   * @default - none
   */
  readonly messageGroupId?: string;
}

/**
 * Properties of `SqsSteps.sendMessage()`.
 */
export interface SqsSendMessageStepProps extends IntegrationStepOptions, TaskTimeoutOptions, SqsSendMessageOptions {
}

/**
 * Properties of `SqsSteps.sendMessageWithCallback()`.
 */
export interface SqsSendMessageWithCallbackStepProps extends IntegrationStepOptions, CallbackOptions, TaskTokenFieldOptions, SqsSendMessageOptions {
}

/**
 * Amazon SQS steps: send a message (request-response), or send it with the task token and wait
 * for the consumer's callback. SQS has no run-a-job (`.sync`) pattern.
 *
 * The role gets `sqs:SendMessage` on the queue, and `kms:Decrypt` and `kms:GenerateDataKey*` on
 * its key when the queue is encrypted with a customer managed key.
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sqs.html
 */
export class SqsSteps {
  /**
   * Sends a message to a queue (`arn:aws:states:::sqs:sendMessage`).
   *
   * @param props the message and state options
   */
  public static sendMessage(props: SqsSendMessageStepProps): RequestResponseStep {
    return new SqsSendMessageStep(props.queue, props);
  }

  /**
   * Sends a message with the task token in it and waits until the consumer calls
   * SendTaskSuccess or SendTaskFailure (`sqs:sendMessage.waitForTaskToken`).
   *
   * @param props timeouts, the message and state options
   */
  public static sendMessageWithCallback(props: SqsSendMessageWithCallbackStepProps): CallbackStep {
    return new SqsSendMessageWithCallbackStep(props.queue, props);
  }

  private constructor() {}
}

class SqsSendMessageStep extends RequestResponseStep {
  constructor(private readonly queue: sqs.IQueue, private readonly props: SqsSendMessageStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    return adaptedTask(tasks.SqsSendMessage, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.props.taskTimeout }, ctx),
      queue: this.queue,
      messageBody: this.props.messageBody,
      delay: this.props.delay,
      messageDeduplicationId: this.props.messageDeduplicationId,
      messageGroupId: this.props.messageGroupId,
    }, sendOnly(this.queue));
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

class SqsSendMessageWithCallbackStep extends CallbackStep {
  constructor(private readonly queue: sqs.IQueue, private readonly props: SqsSendMessageWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const slots = new LanguageSlots(options.queryLanguage);
    const messageBody = payloadWithTaskToken(this.props.messageBody, this.props.taskTokenField ?? DEFAULT_TASK_TOKEN_FIELD, slots, { ...ctx, prop: 'messageBody' });
    const task = adaptedTask(tasks.SqsSendMessage, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      queue: this.queue,
      messageBody,
      delay: this.props.delay,
      messageDeduplicationId: this.props.messageDeduplicationId,
      messageGroupId: this.props.messageGroupId,
    }, sendOnly(this.queue));
    slots.attach(task);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

/** The statements of `sqsSendMessageStatements` (what aws-cdk-lib's `SqsSendMessage` grants). */
function sendOnly(queue: sqs.IQueue): TaskAdaptation {
  return { statements: () => sqsSendMessageStatements(queue.queueArn, queue.encryptionMasterKey?.keyArn) };
}
