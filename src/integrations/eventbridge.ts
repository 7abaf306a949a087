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
import { defaultEventBusArn, eventBridgePutEventsStatements } from './private/task-policies';
import { DEFAULT_TASK_TOKEN_FIELD, missingTokenError, withTaskTokenIfPossible } from './private/token';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The events an EventBridge step puts, for both patterns.
 */
export interface EventBridgePutEventsOptions {
  /**
   * The events (1 to 10). Each goes to its `eventBus`, or the account's default bus.
   */
  readonly entries: tasks.EventBridgePutEventsEntry[];
}

/**
 * Properties of `EventBridgeSteps.putEvents()`.
 */
export interface EventBridgePutEventsStepProps extends IntegrationStepOptions, TaskTimeoutOptions, EventBridgePutEventsOptions {
}

/**
 * Properties of `EventBridgeSteps.putEventsWithCallback()`.
 */
export interface EventBridgePutEventsWithCallbackStepProps
  extends IntegrationStepOptions, CallbackOptions, TaskTokenFieldOptions, EventBridgePutEventsOptions {
}

/**
 * Amazon EventBridge steps: put events (request-response), or put them with the task token in
 * their detail and wait for a consumer's callback. EventBridge has no run-a-job (`.sync`) pattern.
 *
 * The role gets `events:PutEvents` on the event buses the entries name.
 *
 * The task has no retriers unless `retries` gives some: the integration's error names are not
 * documented.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-eventbridge.html
 */
export class EventBridgeSteps {
  /**
   * Puts events on event buses (`arn:aws:states:::events:putEvents`).
   *
   * @param props the events and state options
   */
  public static putEvents(props: EventBridgePutEventsStepProps): RequestResponseStep {
    return new PutEventsStep(props);
  }

  /**
   * Puts events with the task token in their detail and waits until a consumer calls
   * SendTaskSuccess or SendTaskFailure (`events:putEvents.waitForTaskToken`). The token is added
   * to every entry whose detail is an object; a text detail must carry it itself.
   *
   * @param props timeouts, the events and state options
   */
  public static putEventsWithCallback(props: EventBridgePutEventsWithCallbackStepProps): CallbackStep {
    return new PutEventsWithCallbackStep(props);
  }

  private constructor() {}
}

class PutEventsStep extends RequestResponseStep {
  constructor(private readonly props: EventBridgePutEventsStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    return adaptedTask(tasks.EventBridgePutEvents, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.props.taskTimeout }, ctx),
      entries: this.props.entries,
    }, putOnBuses(scope, this.props.entries));
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

class PutEventsWithCallbackStep extends CallbackStep {
  constructor(private readonly props: EventBridgePutEventsWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const slots = new LanguageSlots(options.queryLanguage);
    const field = this.props.taskTokenField ?? DEFAULT_TASK_TOKEN_FIELD;
    let withToken = 0;
    const entries = this.props.entries.map((entry, i) => {
      const detail = withTaskTokenIfPossible(entry.detail, field, slots, { ...ctx, prop: `entries[${i}].detail` });
      if (detail === undefined) {
        return entry;
      }
      withToken++;
      return { ...entry, detail };
    });
    if (withToken === 0) {
      throw missingTokenError({ ...ctx, prop: 'entries[0].detail' }, 'no entry has an object detail the step could add it to, and none carries it');
    }
    const task = adaptedTask(tasks.EventBridgePutEvents, scope, id, {
      ...taskStateProps(this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat }, ctx),
      integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
      entries,
    }, putOnBuses(scope, entries));
    slots.attach(task);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.none());
  }
}

/**
 * `events:PutEvents` on the bus of each entry, or the account's default bus
 * (`eventBridgePutEventsStatements`, what aws-cdk-lib's `EventBridgePutEvents` grants).
 */
function putOnBuses(scope: Construct, entries: tasks.EventBridgePutEventsEntry[]): TaskAdaptation {
  return { statements: () => eventBridgePutEventsStatements(entries.map((e) => e.eventBus ? busArnOf(e.eventBus) : defaultEventBusArn(scope))) };
}

/**
 * The ARN of an entry's bus: aws-cdk-lib 2.220 types it `IEventBus` (`eventBusArn`), later
 * versions `IEventBusRef` (`eventBusRef.eventBusArn`); this shape takes either without a cast.
 */
function busArnOf(bus: { readonly eventBusArn?: string; readonly eventBusRef?: { readonly eventBusArn: string } }): string {
  return bus.eventBusRef?.eventBusArn ?? bus.eventBusArn!;
}
