import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { CallbackStep, RequestResponseStep, RunJobStep } from './integration-step';
import { IntegrationStepOptions } from './options';
import { CallbackOptions, RunJobOptions, TaskTimeoutOptions } from '../core/task-options';
import { adaptedTask } from './private/adapted-task';
import { BindContext, StepTimeouts, bindContext, taskStateProps } from './private/bind';
import { LanguageSlots, taskTokenValue } from './private/language';
import { stepRetries } from './private/retries';
import { ecsRunTaskStatements } from './private/task-policies';
import { carriesTaskToken, missingTokenError } from './private/token';
import { ServiceRetries } from './service-retries';
import { StepBindOptions } from '../core/step';

/**
 * The task an ECS step runs, for every pattern.
 */
export interface EcsRunTaskOptions {
  /** The cluster to run the task in. */
  readonly cluster: ecs.ICluster;

  /** The task definition to run. */
  readonly taskDefinition: ecs.TaskDefinition;

  /**
   * Fargate or EC2: `new tasks.EcsFargateLaunchTarget()` or `new tasks.EcsEc2LaunchTarget()`.
   */
  readonly launchTarget: tasks.IEcsLaunchTarget;

  /**
   * The revision of the task definition to run.
   *
   * @default - the latest active revision
   */
  readonly revisionNumber?: number;

  /**
   * Overrides of the containers' command, environment and resources.
   *
   * @default - none
   */
  readonly containerOverrides?: tasks.ContainerOverride[];

  /**
   * `awsvpc` network mode: the subnets to run in.
   *
   * @default - private subnets (public ones with `assignPublicIp`)
   */
  readonly subnets?: ec2.SubnetSelection;

  /**
   * `awsvpc` network mode: the security groups of the task.
   *
   * @default - a new security group
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * `awsvpc` network mode: give the task a public IP.
   *
   * @default false
   */
  readonly assignPublicIp?: boolean;

  /**
   * Copy the tags of the task definition to the task.
   *
   * @default - no tags propagated
   */
  readonly propagatedTagSource?: ecs.PropagatedTagSource;

  /**
   * Enable ECS Exec in the task's containers.
   *
   * @default false
   */
  readonly enableExecuteCommand?: boolean;

  /**
   * Task-level CPU override.
   *
   * @default - the task definition's
   */
  readonly cpu?: string;

  /**
   * Task-level memory override, in MiB.
   *
   * @default - the task definition's
   */
  readonly memoryMiB?: string;
}

/**
 * Properties of `EcsSteps.runTask()`.
 */
export interface EcsRunTaskStepProps extends IntegrationStepOptions, TaskTimeoutOptions, EcsRunTaskOptions {
}

/**
 * Properties of `EcsSteps.runTaskAndWait()`.
 */
export interface EcsRunTaskAndWaitStepProps extends IntegrationStepOptions, RunJobOptions, EcsRunTaskOptions {
}

/**
 * Properties of `EcsSteps.runTaskWithCallback()`.
 */
export interface EcsRunTaskWithCallbackStepProps extends IntegrationStepOptions, CallbackOptions, EcsRunTaskOptions {
  /**
   * The container that gets the task token in its environment.
   *
   * @default - the task definition's default (first essential) container
   */
  readonly taskTokenContainer?: ecs.ContainerDefinition;

  /**
   * The environment variable that carries the task token.
   *
   * @default 'TASK_TOKEN'
   */
  readonly taskTokenEnvironmentVariable?: string;
}

/**
 * Amazon ECS / AWS Fargate steps: start a task (request-response), run it to completion
 * (`.sync`), or start it with the task token in a container's environment and wait for its
 * callback. All three patterns are supported.
 *
 * The role gets `ecs:RunTask` on the task definition and `iam:PassRole` on its task and
 * execution roles; `.sync` adds `ecs:DescribeTasks` and `ecs:StopTask` on the cluster's tasks
 * (to poll and to stop the task when the execution is aborted) and the
 * `StepFunctionsGetEventsForECSTaskRule` managed rule.
 *
 * The task retries ECS API errors and lack of capacity (`ServiceRetries.ecsRunTask()`) unless
 * `retries` says otherwise.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-ecs.html
 */
export class EcsSteps {
  /**
   * Starts a task and continues at once with the RunTask response (`arn:aws:states:::ecs:runTask`).
   *
   * @param props the task and state options
   */
  public static runTask(props: EcsRunTaskStepProps): RequestResponseStep {
    return new EcsRunTaskStep(props);
  }

  /**
   * Runs a task and waits until it stops (`ecs:runTask.sync`). Aborting the execution stops the task.
   *
   * @param props the task, timeouts and state options
   */
  public static runTaskAndWait(props: EcsRunTaskAndWaitStepProps): RunJobStep {
    return new EcsRunTaskAndWaitStep(props);
  }

  /**
   * Starts a task with the task token in an environment variable of one container and waits
   * until the task calls SendTaskSuccess or SendTaskFailure (`ecs:runTask.waitForTaskToken`).
   *
   * @param props the task, timeouts and state options
   */
  public static runTaskWithCallback(props: EcsRunTaskWithCallbackStepProps): CallbackStep {
    return new EcsRunTaskWithCallbackStep(props);
  }

  private constructor() {}
}

function runTask(
  scope: Construct, id: string, props: IntegrationStepOptions & EcsRunTaskOptions, timeouts: StepTimeouts, ctx: BindContext,
  pattern: sfn.IntegrationPattern, containerOverrides: tasks.ContainerOverride[] | undefined,
): sfn.TaskStateBase {
  return adaptedTask(tasks.EcsRunTask, scope, id, {
    ...taskStateProps(props, timeouts, ctx),
    integrationPattern: pattern,
    cluster: props.cluster,
    taskDefinition: props.taskDefinition,
    launchTarget: props.launchTarget,
    revisionNumber: props.revisionNumber,
    containerOverrides,
    subnets: props.subnets,
    securityGroups: props.securityGroups,
    assignPublicIp: props.assignPublicIp,
    propagatedTagSource: props.propagatedTagSource,
    enableExecuteCommand: props.enableExecuteCommand,
    cpu: props.cpu,
    memoryMiB: props.memoryMiB,
  }, {
    // ecs:RunTask on the revision the step runs, as aws-cdk-lib does with its
    // `@aws-cdk/aws-stepfunctions-tasks:fixRunEcsTaskPolicy` flag (without it, every revision of
    // the family): the task definition of this stack, or the revision the step names. The polling
    // and stop actions for `.sync` only, on the cluster's tasks (`ecsRunTaskStatements`).
    statements: () => ecsRunTaskStatements(scope, {
      taskDefinitionArn: taskDefinitionResource(scope, props),
      passRoleArns: [props.taskDefinition.taskRole, ...(props.taskDefinition.executionRole ? [props.taskDefinition.executionRole] : [])]
        .map((r) => r.roleArn),
      clusterName: props.cluster.clusterName,
    }, pattern),
  });
}

function taskDefinitionResource(scope: Construct, props: EcsRunTaskOptions): string {
  if (props.revisionNumber === undefined) {
    return props.taskDefinition.taskDefinitionArn;
  }
  return Stack.of(scope).formatArn({ service: 'ecs', resource: 'task-definition', resourceName: `${props.taskDefinition.family}:${props.revisionNumber}` });
}

class EcsRunTaskStep extends RequestResponseStep {
  constructor(private readonly props: EcsRunTaskStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return runTask(scope, id, this.props, { taskTimeout: this.props.taskTimeout }, bindContext(scope, id, options),
      sfn.IntegrationPattern.REQUEST_RESPONSE, this.props.containerOverrides);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.ecsRunTask());
  }
}

class EcsRunTaskAndWaitStep extends RunJobStep {
  constructor(private readonly props: EcsRunTaskAndWaitStepProps) {
    super();
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    return runTask(scope, id, this.props, { taskTimeout: this.props.taskTimeout, heartbeat: this.props.heartbeat },
      bindContext(scope, id, options), sfn.IntegrationPattern.RUN_JOB, this.props.containerOverrides);
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.ecsRunTask());
  }
}

class EcsRunTaskWithCallbackStep extends CallbackStep {
  constructor(private readonly props: EcsRunTaskWithCallbackStepProps) {
    super(props);
  }

  protected createTask(scope: Construct, id: string, options: StepBindOptions): sfn.TaskStateBase {
    const slots = new LanguageSlots(options.queryLanguage);
    const ctx = bindContext(scope, id, options);
    const task = runTask(scope, id, this.props, { taskTimeout: this.taskTimeout, heartbeat: this.heartbeat },
      ctx, sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN, this.overridesWithToken(slots, ctx));
    slots.attach(task);
    return task;
  }

  /** The container overrides with the token in the chosen container's environment. */
  private overridesWithToken(slots: LanguageSlots, ctx: BindContext): tasks.ContainerOverride[] {
    const overrides = [...(this.props.containerOverrides ?? [])];
    if (carriesTaskToken(overrides.map((o) => o.environment))) {
      return overrides;
    }
    const container = this.props.taskTokenContainer ?? this.props.taskDefinition.defaultContainer;
    if (!container) {
      throw missingTokenError({ ...ctx, prop: 'containerOverrides' }, 'the task definition has no container to pass it to',
        'add an essential container to the task definition (it gets the token in TASK_TOKEN), or set taskTokenContainer');
    }
    const variable: Record<string, unknown> = { name: this.props.taskTokenEnvironmentVariable ?? 'TASK_TOKEN' };
    slots.put(variable, 'value', taskTokenValue());
    const i = overrides.findIndex((o) => o.containerDefinition === container);
    const existing = i >= 0 ? overrides[i] : { containerDefinition: container };
    const withToken: tasks.ContainerOverride = {
      ...existing,
      environment: [...(existing.environment ?? []), variable as unknown as tasks.TaskEnvironmentVariable],
    };
    if (i >= 0) {
      overrides[i] = withToken;
    } else {
      overrides.push(withToken);
    }
    return overrides;
  }

  protected defaultRetries(): sfn.RetryProps[] {
    return stepRetries(this.props, () => ServiceRetries.ecsRunTask());
  }
}
