import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions, TaskTokenFieldOptions } from './options';
import { CallbackOptions, RunJobOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { BindContext, StepTimeouts, bindContext, taskStateProps } from './private/bind';
import { LanguageSlots } from './private/language';
import { stepRetries } from './private/retries';
import { stepFunctionsStartExecutionStatements } from './private/task-policies';
import { DEFAULT_TASK_TOKEN_FIELD, payloadWithTaskToken } from './private/token';
import { ServiceRetries } from './service-retries';
import { startTargetOf } from '../core/qualifier';
import { recordStateFacts } from '../core/state-facts';
import { StepBindOptions } from '../core/step';

/**
 * The execution a Step Functions step starts, for every pattern.
 */
export interface StepFunctionsStartExecutionOptions {
  /**
   * The state machine to start: a `Workflow`, a version or an alias of one
   * (`workflow.currentVersion`, `workflow.addAlias('live')`, `WorkflowAlias.fromAliasArn()`), or
   * any aws-cdk-lib state machine. A version or alias pins the child: executions of this
   * workflow start the revision it names, not whatever was deployed last.
   */
  readonly stateMachine: sfn.IStateMachine;

  /**
   * The input of the child execution.
   *
   * @default - the whole state input (`{ input, taskToken }` for a callback)
   */
  readonly input?: sfn.TaskInput;

  /**
   * The name of the child execution (unique for 90 days).
   *
   * @default - a generated name
   */
  readonly name?: string;

  /**
   * Link the child execution to this one in the console, by passing
   * `AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID` in its input (`input` must be an object).
   *
   * @default false
   */
  readonly associateWithParent?: boolean;
}

/**
 * Properties of `StepFunctionsSteps.startExecution()`.
 */
export interface StepFunctionsStartExecutionStepProps extends IntegrationStepOptions, TaskTimeoutOptions, StepFunctionsStartExecutionOptions {
}

/**
 * Properties of `StepFunctionsSteps.startExecutionAndWait()` and
 * `StepFunctionsSteps.startExecutionAndWaitForOutputString()`.
 */
export interface StepFunctionsStartExecutionAndWaitStepProps extends IntegrationStepOptions, RunJobOptions, StepFunctionsStartExecutionOptions {
}

/**
 * Properties of `StepFunctionsSteps.startExecutionWithCallback()`.
 */
export interface StepFunctionsStartExecutionWithCallbackStepProps
  extends IntegrationStepOptions, CallbackOptions, TaskTokenFieldOptions, StepFunctionsStartExecutionOptions {
}

/**
 * AWS Step Functions steps: start a nested execution (request-response), run it to completion
 * (`.sync:2` with the child's output as JSON, or `.sync` with it as a JSON string), or start it
 * with the task token in its input and wait for its callback. All three patterns are supported.
 *
 * The role gets `states:StartExecution` on the state machine; the run-a-job steps add
 * `states:DescribeExecution` and `states:StopExecution` on the state machine's executions
 * (`execution:<name>:*`; aws-cdk-lib's task grants `execution:<name>*`, which also matches the
 * executions of every state machine whose name starts with this one's) and the
 * `StepFunctionsGetEventsForStepFunctionsExecutionRule` managed rule.
 *
 * Started through a version or an alias, the child is authorized against its unqualified ARN
 * narrowed with the `states:StateMachineQualifier` condition key, as the Step Functions guide
 * documents (aws-cdk-lib's task lists the qualified ARN, which does not match:
 * https://github.com/aws/aws-cdk/issues/30265); execution ARNs carry no qualifier, so the
 * `.sync` actions cover the child's executions of every version.
 *
 * The task retries `StepFunctions.ExecutionLimitExceeded`
 * (`ServiceRetries.stepFunctionsStartExecution()`) unless `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-stepfunctions.html
 */
export class StepFunctionsSteps {
  /**
   * Starts an execution and continues with its ARN and start date (`arn:aws:states:::states:startExecution`).
   *
   * @param props the input and state options
   */
  public static startExecution(props: StepFunctionsStartExecutionStepProps): RequestResponseStep {
    return new StartExecutionStep(props.stateMachine, props);
  }

  /**
   * Starts an execution and waits for it to finish; the result's `Output` is the child's output
   * as JSON (`states:startExecution.sync:2`). Aborting the execution stops the child.
   *
   * @param props the input, timeouts and state options
   */
  public static startExecutionAndWait(props: StepFunctionsStartExecutionAndWaitStepProps): RunJobStep {
    return new StartExecutionAndWaitStep(props.stateMachine, props, true);
  }

  /**
   * Starts an execution and waits for it to finish; the result's `Output` is the child's output
   * as a JSON string (`states:startExecution.sync`). Prefer `startExecutionAndWait()` unless
   * the next state expects the string. Aborting the execution stops the child.
   *
   * @param props the input, timeouts and state options
   */
  public static startExecutionAndWaitForOutputString(
    props: StepFunctionsStartExecutionAndWaitStepProps,
  ): RunJobStep {
    return new StartExecutionAndWaitStep(props.stateMachine, props, false);
  }

  /**
   * Starts an execution with the task token in its input and waits until someone (usually the
   * child) calls SendTaskSuccess or SendTaskFailure (`states:startExecution.waitForTaskToken`).
   *
   * @param props timeouts, the input and state options
   */
  public static startExecutionWithCallback(props: StepFunctionsStartExecutionWithCallbackStepProps): CallbackStep {
    return new StartExecutionWithCallbackStep(props.stateMachine, props);
  }

  private constructor() {}
}

function startExecution(
  scope: Construct, id: string, stateMachine: sfn.IStateMachine, props: IntegrationStepOptions & StepFunctionsStartExecutionOptions,
  timeouts: StepTimeouts, ctx: BindContext, pattern: sfn.IntegrationPattern, input: sfn.TaskInput | undefined, jsonOutput = true,
): sfn.TaskStateBase {
  const task = adaptedTask(tasks.StepFunctionsStartExecution, scope, id, {
    ...taskStateProps(props, timeouts, ctx),
    integrationPattern: pattern,
    stateMachine,
    input,
    name: props.name,
    associateWithParent: props.associateWithParent,
  }, {
    // aws-cdk-lib renders RUN_JOB as `startExecution.sync:2` only.
    render: (rendered) => jsonOutput ? rendered : { ...rendered, Resource: String(rendered.Resource).replace(/\.sync:2$/, '.sync') },
    // https://docs.aws.amazon.com/step-functions/latest/dg/auth-version-alias.html: a version or
    // alias is authorized on the unqualified ARN with the `states:StateMachineQualifier` condition.
    statements: () => {
      const target = startTargetOf(scope, stateMachine);
      return stepFunctionsStartExecutionStatements(scope, target, pattern);
    },
  });
  const target = startTargetOf(scope, stateMachine);
  if (target.qualifier !== undefined && isVersion(stateMachine, target.qualifier)) {
    // A Workflow that publishes versions lets its role start every version of the child, so that
    // its executions still running on an older version keep starting the child they pinned.
    recordStateFacts(task, { startsVersionOf: target.stateMachineArn });
  }
  return task;
}

/** Whether `stateMachine` is a version (not an alias): it has a version ARN, or its qualifier is a number. */
function isVersion(stateMachine: sfn.IStateMachine, qualifier: string): boolean {
  return 'versionArn' in stateMachine || /^[0-9]+$/.test(qualifier);
}

class StartExecutionStep extends RequestResponseStep {
  constructor(private readonly stateMachine: sfn.IStateMachine, private readonly props: StepFunctionsStartExecutionStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return startExecution(scope, id, this.stateMachine, this.props, { taskTimeout: this.props.taskTimeout },
      bindContext(scope, id, options), sfn.IntegrationPattern.REQUEST_RESPONSE, this.props.input);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.stepFunctionsStartExecution());
  }
}

class StartExecutionAndWaitStep extends RunJobStep {
  constructor(
    private readonly stateMachine: sfn.IStateMachine,
    private readonly props: StepFunctionsStartExecutionAndWaitStepProps,
    private readonly jsonOutput: boolean,
  ) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return startExecution(scope, id, this.stateMachine, this.props, { taskTimeout: this.props.taskTimeout, heartbeat: this.props.heartbeat },
      bindContext(scope, id, options), sfn.IntegrationPattern.RUN_JOB, this.props.input, this.jsonOutput);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.stepFunctionsStartExecution());
  }
}

class StartExecutionWithCallbackStep extends CallbackStep {
  constructor(private readonly stateMachine: sfn.IStateMachine, private readonly props: StepFunctionsStartExecutionWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const ctx = bindContext(scope, id, options);
    const slots = new LanguageSlots(options.queryLanguage);
    const input = payloadWithTaskToken(this.props.input, this.props.taskTokenField ?? DEFAULT_TASK_TOKEN_FIELD, slots, { ...ctx, prop: 'input' });
    const task = startExecution(scope, id, this.stateMachine, this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat },
      ctx, sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, input);
    slots.attach(task);
    return task;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.stepFunctionsStartExecution());
  }
}
