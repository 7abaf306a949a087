import { Duration, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { WorkerActivity } from '../integrations/activity';
import { StepwiseError } from '../private/errors';

/**
 * Fargate's limit on a container's `stopTimeout`: 2 to 120 seconds (the time between SIGTERM and
 * SIGKILL). Not a Step Functions quota, so it lives here with its source.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
const FARGATE_STOP_TIMEOUT = { min: 2, max: 120 };

/**
 * Properties of an `ActivityWorkerService`.
 */
export interface ActivityWorkerServiceProps {
  /** The activity the workers poll. */
  readonly activity: sfn.IActivity;

  /**
   * The worker's container image: a Node program that starts an `ActivityWorker` from
   * `cdk-stepwise/runtime` with the settings in its environment (see `examples/worker`).
   */
  readonly image: ecs.ContainerImage;

  /**
   * The ECS cluster to run in.
   *
   * @default - a new cluster in `vpc`
   */
  readonly cluster?: ecs.ICluster;

  /**
   * The VPC of the new cluster (ignored when `cluster` is given). The workers need outbound
   * access to the Step Functions endpoint (a NAT gateway, or a `states` interface VPC endpoint).
   *
   * @default - a new VPC with two Availability Zones and one NAT gateway
   */
  readonly vpc?: ec2.IVpc;

  /**
   * The subnets the workers run in.
   *
   * @default - the VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Whether workers get a public IP (needed in public subnets without a NAT gateway).
   *
   * @default false
   */
  readonly assignPublicIp?: boolean;

  /**
   * The task's CPU units (256 = 0.25 vCPU). A worker waiting on I/O needs little.
   *
   * @default 256
   */
  readonly cpu?: number;

  /**
   * The task's memory in MiB (a valid Fargate combination with `cpu`).
   *
   * @default 512
   */
  readonly memoryLimitMiB?: number;

  /**
   * The fewest worker tasks. 0 scales to zero when the activity is idle; the first task after an
   * idle period then waits for a worker to start (a few minutes: the backlog alarm's period plus
   * the task's start).
   *
   * @default 1
   */
  readonly minCapacity?: number;

  /**
   * The most worker tasks.
   *
   * @default 10
   */
  readonly maxCapacity?: number;

  /**
   * Tasks each worker runs at once (`STEPWISE_CONCURRENCY`; one open poll per free slot).
   *
   * @default 10
   */
  readonly concurrency?: number;

  /**
   * The heartbeat of the activity steps the workers serve (`STEPWISE_HEARTBEAT_SECONDS`): workers
   * heartbeat at a third of it. Use the same value as the steps' `heartbeat`.
   *
   * @default - not set; the worker heartbeats every 20 seconds
   */
  readonly activityHeartbeat?: Duration;

  /**
   * How long ECS waits between SIGTERM and SIGKILL when it stops a worker (scale-in, deployment).
   * Above 65 seconds, every open poll (held up to 60 s by the service) returns before the kill,
   * so no task is handed to a worker that is gone.
   *
   * @default Duration.seconds(120) (the Fargate maximum)
   */
  readonly stopTimeout?: Duration;

  /**
   * How long running tasks may take to finish after SIGTERM (`STEPWISE_DRAIN_TIMEOUT_MS`); tasks
   * still running then are failed with `Worker.ShuttingDown`. Must be below `stopTimeout`, which
   * leaves the worker time to send those failures.
   *
   * @default - `stopTimeout` minus 15 seconds
   */
  readonly drainTimeout?: Duration;

  /**
   * How long the activity must see no task scheduled or started before one worker is removed.
   *
   * @default Duration.minutes(15)
   */
  readonly scaleInAfter?: Duration;

  /**
   * More environment variables for the worker container.
   *
   * @default - only the variables the service sets (`ACTIVITY_ARN`, `STEPWISE_*`)
   */
  readonly environment?: { [key: string]: string };

  /**
   * How long the worker's logs are kept.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Runs activity workers as an ECS Fargate service that scales with the activity's backlog.
 *
 * - The container gets `ACTIVITY_ARN`, `STEPWISE_CONCURRENCY`, `STEPWISE_DRAIN_TIMEOUT_MS` (and
 *   `STEPWISE_HEARTBEAT_SECONDS`) in its environment, and the task role exactly the worker
 *   permissions (`WorkerActivity.grantWorkerAccess`).
 * - Scale-out: a step scaling policy on `ActivitiesScheduled - ActivitiesStarted` per minute (tasks
 *   that waited for a worker): +1 task from 1, +2 from 10, +4 from 50.
 * - Scale-in: one task fewer when no task was scheduled or started for `scaleInAfter`, down to
 *   `minCapacity`. A stopped worker drains (see `drainTimeout`); give the activity step a Retry on
 *   `Worker.ShuttingDown` for tasks longer than the drain.
 *
 * @example
 * const activity = new WorkerActivity(this, 'Resize', { activityName: 'resize-images' });
 * new ActivityWorkerService(this, 'Workers', {
 *   activity,
 *   image: ecs.ContainerImage.fromAsset('worker'),
 *   activityHeartbeat: Duration.seconds(60),
 *   maxCapacity: 20,
 * });
 */
export class ActivityWorkerService extends Construct {
  /** The ECS cluster the workers run in. */
  public readonly cluster: ecs.ICluster;
  /** The Fargate service. */
  public readonly service: ecs.FargateService;
  /** The task definition (its task role holds the worker grant). */
  public readonly taskDefinition: ecs.FargateTaskDefinition;
  /** The worker container. */
  public readonly container: ecs.ContainerDefinition;
  /** The service's scalable target (its desired task count). */
  public readonly scalableTarget: appscaling.ScalableTarget;
  /** The scale-out policy on the activity's backlog (its alarm is `scaleOutPolicy.upperAlarm`). */
  public readonly scaleOutPolicy: appscaling.StepScalingPolicy;
  /** The scale-in policy on the activity's idleness (its alarm is `scaleInPolicy.lowerAlarm`). */
  public readonly scaleInPolicy: appscaling.StepScalingPolicy;

  /**
   * @param scope the construct scope
   * @param id the construct id
   * @param props the activity, the image, capacity and timeouts
   * @throws SW605 for settings ECS or the worker cannot honour
   */
  constructor(scope: Construct, id: string, props: ActivityWorkerServiceProps) {
    super(scope, id);
    const minCapacity = props.minCapacity ?? 1;
    const maxCapacity = props.maxCapacity ?? 10;
    const concurrency = props.concurrency ?? 10;
    const stopTimeout = props.stopTimeout ?? Duration.seconds(FARGATE_STOP_TIMEOUT.max);
    const drainTimeout = props.drainTimeout ?? stopTimeout.minus(Duration.seconds(15));
    this.checkSettings(minCapacity, maxCapacity, concurrency, stopTimeout, drainTimeout);

    this.cluster = props.cluster ?? new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc ?? new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 }),
    });

    this.taskDefinition = new ecs.FargateTaskDefinition(this, 'TaskDefinition', {
      cpu: props.cpu ?? 256,
      memoryLimitMiB: props.memoryLimitMiB ?? 512,
    });
    WorkerActivity.grantWorkerAccess(props.activity, this.taskDefinition.taskRole);

    this.container = this.taskDefinition.addContainer('Worker', {
      image: props.image,
      stopTimeout,
      environment: {
        ...props.environment,
        ACTIVITY_ARN: props.activity.activityArn,
        STEPWISE_CONCURRENCY: String(concurrency),
        STEPWISE_DRAIN_TIMEOUT_MS: String(drainTimeout.toMilliseconds()),
        ...(props.activityHeartbeat ? { STEPWISE_HEARTBEAT_SECONDS: String(props.activityHeartbeat.toSeconds()) } : {}),
      },
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH }),
      }),
    });

    this.service = new ecs.FargateService(this, 'Service', {
      cluster: this.cluster,
      taskDefinition: this.taskDefinition,
      vpcSubnets: props.vpcSubnets,
      assignPublicIp: props.assignPublicIp ?? false,
      circuitBreaker: { rollback: true },
      minHealthyPercent: 100,
    });

    this.scalableTarget = new appscaling.ScalableTarget(this, 'Scaling', {
      serviceNamespace: appscaling.ServiceNamespace.ECS,
      scalableDimension: 'ecs:service:DesiredCount',
      resourceId: `service/${this.cluster.clusterName}/${this.service.serviceName}`,
      minCapacity,
      maxCapacity,
    });
    this.scalableTarget.node.addDependency(this.service);
    this.scaleOutPolicy = this.scalableTarget.scaleOnMetric('ScaleOutOnBacklog', {
      metric: WorkerActivity.backlogOf(props.activity, Duration.minutes(1)),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: 0, change: 0 },
        { lower: 1, change: +1 },
        { lower: 10, change: +2 },
        { lower: 50, change: +4 },
      ],
      cooldown: Duration.minutes(1),
      evaluationPeriods: 1,
    });

    const scaleInAfter = props.scaleInAfter ?? Duration.minutes(15);
    const idleMinutes = Math.max(1, Math.round(scaleInAfter.toMinutes({ integral: false })));
    this.scaleInPolicy = this.scalableTarget.scaleOnMetric('ScaleInWhenIdle', {
      metric: activityTraffic(props.activity),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: 0, change: -1 },
        { lower: 1, change: 0 },
      ],
      cooldown: Duration.minutes(5),
      evaluationPeriods: idleMinutes,
      datapointsToAlarm: idleMinutes,
    });
  }

  /** SW605: settings ECS or the worker cannot honour. */
  private checkSettings(minCapacity: number, maxCapacity: number, concurrency: number, stopTimeout: Duration, drainTimeout: Duration): void {
    const problems: string[] = [];
    if (!Token.isUnresolved(minCapacity) && !Token.isUnresolved(maxCapacity) && (minCapacity < 0 || maxCapacity < 1 || minCapacity > maxCapacity)) {
      problems.push(`minCapacity ${minCapacity} and maxCapacity ${maxCapacity} (need 0 <= minCapacity <= maxCapacity, maxCapacity >= 1)`);
    }
    if (!Token.isUnresolved(concurrency) && (!Number.isInteger(concurrency) || concurrency < 1)) {
      problems.push(`concurrency ${concurrency} (need a whole number >= 1)`);
    }
    const stop = stopTimeout.toSeconds({ integral: false });
    const drain = drainTimeout.toSeconds({ integral: false });
    if (!Token.isUnresolved(stop) && (stop < FARGATE_STOP_TIMEOUT.min || stop > FARGATE_STOP_TIMEOUT.max || !Number.isInteger(stop))) {
      problems.push(`stopTimeout ${stop} seconds (Fargate allows whole seconds from ${FARGATE_STOP_TIMEOUT.min} to ${FARGATE_STOP_TIMEOUT.max})`);
    }
    if (!Token.isUnresolved(stop) && !Token.isUnresolved(drain) && (drain < 0 || drain >= stop)) {
      problems.push(`drainTimeout ${drain} seconds (need 0 <= drainTimeout < stopTimeout of ${stop} seconds, leaving time to report unfinished tasks)`);
    }
    if (problems.length > 0) {
      throw new StepwiseError({
        code: 'SW605',
        statePath: '',
        message: `the worker service settings cannot work: ${problems.join('; ')}`,
        fix: 'keep minCapacity <= maxCapacity, stopTimeout within 2-120 seconds, drainTimeout a few seconds below stopTimeout, and concurrency >= 1',
      }, this.node.path);
    }
  }
}

/** Tasks scheduled plus tasks started per minute: 0 when the activity is idle. */
function activityTraffic(activity: sfn.IActivity): cloudwatch.MathExpression {
  const backlog = WorkerActivity.backlogOf(activity, Duration.minutes(1));
  return new cloudwatch.MathExpression({
    expression: 'FILL(scheduled, 0) + FILL(started, 0)',
    usingMetrics: backlog.usingMetrics,
    label: 'Activity traffic (scheduled + started)',
    period: Duration.minutes(1),
  });
}
