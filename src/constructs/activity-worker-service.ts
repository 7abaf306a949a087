import { Annotations, CfnResource, Duration, Token } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledgeFinding, acknowledgeWildcardFindings } from './private/nag';
import { CODES } from '../core/codes';
import { StepwiseError } from '../core/errors';
import { QUOTAS, describeQuota } from '../core/quotas';
import { BUSY_FRACTION_METRIC, WORKER_METRICS_DIMENSION, WORKER_METRICS_NAMESPACE } from '../core/worker-metrics';
import { WorkerActivity } from '../integrations/activity';

/**
 * Fargate's limit on a container's `stopTimeout`: 2 to 120 seconds (the time between SIGTERM and
 * SIGKILL). Not a Step Functions quota, so it lives here with its source.
 *
 * @see https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
 */
const FARGATE_STOP_TIMEOUT = { min: 2, max: 120 };

/**
 * How the service scales. Each number is a threshold of a CloudWatch alarm or a step of a step
 * scaling policy in the template; test/constructs/scaling-simulator.ts reads them back from the
 * synthesized template and drives them with synthetic load.
 *
 * - Wait: `ActivityScheduleTime` (milliseconds a task waited for a worker, average per minute).
 * - Busy: the workers' `BusyFraction` (tasks in flight over concurrency, average per minute).
 * The dead band between scale-in (busy <= 0.4) and scale-out (busy >= 0.8) keeps a step of either
 * from triggering the other.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html
 * @see https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-step-scaling-policies.html
 */
const SCALING = {
  /** Tasks waited this long on average (ms): +25%, +50% from 30 s, +100% from 2 min. */
  waitSteps: [{ lower: 2_000, change: 25 }, { lower: 30_000, change: 50 }, { lower: 120_000, change: 100 }],
  /** Workers this busy for 2 minutes: +25%, +50% from 0.95. */
  busySteps: [{ lower: 0.8, change: 25 }, { lower: 0.95, change: 50 }],
  /** Workers this idle for 5 minutes (only with 2 or more workers): -25%, -50% at or below 0.2. */
  idleSteps: [{ upper: 0.2, change: -50 }, { upper: 0.4, change: -25 }],
  /** Longer than a new worker takes to start and show in the metrics, so one step's effect is seen before the next. */
  scaleOutCooldown: Duration.minutes(3),
  scaleInCooldown: Duration.minutes(5),
  scaleInMinutes: 5,
};

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
   * idle period then waits for a worker to start (a few minutes: the minute the wake-up alarm
   * needs, plus the task's start).
   *
   * @default 1
   */
  readonly minCapacity?: number;

  /**
   * The most worker tasks. Capped at floor(1,000 / `concurrency`): each worker keeps up to
   * `concurrency` polls open, and Step Functions allows 1,000 pollers per activity ARN (polls past
   * it are answered `ActivityWorkerLimitExceeded`). A higher value is lowered to the cap with a
   * warning (SW606).
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
   * How long the activity must see no task scheduled or started before the last workers are
   * removed (one every 5 minutes, down to `minCapacity`; with `minCapacity: 0` this is how the
   * service scales to zero). Busy-fraction scale-in removes workers as load falls, without
   * waiting for idleness, but never below one worker.
   *
   * @default Duration.minutes(15)
   */
  readonly scaleInAfter?: Duration;

  /**
   * More environment variables for the worker container, in plain text: for settings, not for
   * secrets (use `secrets`). cdk-nag's AwsSolutions-ECS2 reports environment variables in a task
   * definition: the service acknowledges it for its own settings, not when you add variables here.
   *
   * @default - only the variables the service sets (`ACTIVITY_ARN`, `STEPWISE_*`)
   */
  readonly environment?: { [key: string]: string };

  /**
   * Secrets for the worker container, from Secrets Manager or Systems Manager Parameter Store, as
   * environment variables set when the container starts (the execution role may read them).
   *
   * @default - none
   */
  readonly secrets?: { [key: string]: ecs.Secret };

  /**
   * Whether the new cluster records CloudWatch Container Insights (ignored when `cluster` is given).
   *
   * @default true
   */
  readonly containerInsights?: boolean;

  /**
   * How long the worker's logs are kept.
   *
   * @default logs.RetentionDays.ONE_MONTH
   */
  readonly logRetention?: logs.RetentionDays;
}

/**
 * Runs activity workers as an ECS Fargate service that scales on what users feel: how long tasks
 * wait for a worker, and how busy the workers are.
 *
 * - The container gets `ACTIVITY_ARN`, `STEPWISE_CONCURRENCY`, `STEPWISE_DRAIN_TIMEOUT_MS`,
 *   `STEPWISE_STOP_TIMEOUT_MS` (and `STEPWISE_HEARTBEAT_SECONDS`) in its environment, and the task
 *   role exactly the worker permissions (`WorkerActivity.grantWorkerAccess`).
 * - Scale-out on wait (`scaleOutPolicy`): `ActivityScheduleTime` (AWS/States, per activity), the
 *   average time a task waited for a worker each minute: +25% at 2 s, +50% at 30 s, +100% at 2 min.
 * - Scale-out on busy (`busyScaleOutPolicy`): the workers' `BusyFraction` (tasks in flight over
 *   concurrency, which `cdk-stepwise/runtime` writes each minute as CloudWatch Embedded Metric
 *   Format in its logs): +25% at 0.8 for 2 minutes, +50% at 0.95.
 * - Scale-in on busy (`scaleInPolicy`): -25% at 0.4 or below for 5 minutes, -50% at 0.2, while 2
 *   or more workers report: the fleet shrinks as load falls, not only when it stops.
 * - From zero (`wakeUpPolicy`): +1 task in a minute where tasks were scheduled and none started.
 * - To `minCapacity` (`idleScaleInPolicy`): -1 task every 5 minutes once no task was scheduled or
 *   started for `scaleInAfter`.
 * - The task count is capped at floor(1,000 / `concurrency`), the activity's poller limit.
 * A stopped worker drains (see `drainTimeout`); give the activity step a Retry on
 * `Worker.ShuttingDown` for tasks longer than the drain.
 *
 * @exampleMetadata fixture=stepwise
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
  /** Scale-out on how long tasks wait for a worker (its alarm is `scaleOutPolicy.upperAlarm`). */
  public readonly scaleOutPolicy: appscaling.StepScalingPolicy;
  /** Scale-out on the workers' busy fraction (its alarm is `busyScaleOutPolicy.upperAlarm`). */
  public readonly busyScaleOutPolicy: appscaling.StepScalingPolicy;
  /** Scale-in on the workers' busy fraction, never below one worker (its alarm is `scaleInPolicy.lowerAlarm`). */
  public readonly scaleInPolicy: appscaling.StepScalingPolicy;
  /** Scale-out from zero: tasks scheduled and none started (its alarm is `wakeUpPolicy.upperAlarm`). */
  public readonly wakeUpPolicy: appscaling.StepScalingPolicy;
  /** Scale-in to `minCapacity` after `scaleInAfter` without traffic (its alarm is `idleScaleInPolicy.lowerAlarm`). */
  public readonly idleScaleInPolicy: appscaling.StepScalingPolicy;
  /** The most worker tasks the service runs: `maxCapacity`, capped at floor(1,000 / `concurrency`). */
  public readonly maxTaskCount: number;

  private readonly activityArn: string;

  /**
   * @param scope the construct scope
   * @param id the construct id
   * @param props the activity, the image, capacity and timeouts
   * @throws SW605 for settings ECS or the worker cannot honour
   */
  constructor(scope: Construct, id: string, props: ActivityWorkerServiceProps) {
    super(scope, id);
    this.activityArn = props.activity.activityArn;
    const minCapacity = props.minCapacity ?? 1;
    const concurrency = props.concurrency ?? 10;
    const maxCapacity = this.capAtPollerLimit(props.maxCapacity ?? 10, concurrency);
    this.maxTaskCount = maxCapacity;
    const stopTimeout = props.stopTimeout ?? Duration.seconds(FARGATE_STOP_TIMEOUT.max);
    const drainTimeout = props.drainTimeout ?? stopTimeout.minus(Duration.seconds(15));
    this.checkSettings(minCapacity, maxCapacity, concurrency, stopTimeout, drainTimeout);
    // The worker's own bound on a stop: just under ECS's SIGKILL, and above the drain.
    const stopMs = stopTimeout.toMilliseconds();
    const drainMs = drainTimeout.toMilliseconds();
    const workerStopMs = Token.isUnresolved(stopMs) || Token.isUnresolved(drainMs) ? undefined : stopMs - Math.min(1_000, (stopMs - drainMs) / 2);

    this.cluster = props.cluster ?? new ecs.Cluster(this, 'Cluster', {
      vpc: props.vpc ?? this.newVpc(props.logRetention ?? logs.RetentionDays.ONE_MONTH),
      containerInsightsV2: props.containerInsights === false ? ecs.ContainerInsights.DISABLED : ecs.ContainerInsights.ENABLED,
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
        ...(workerStopMs !== undefined ? { STEPWISE_STOP_TIMEOUT_MS: String(Math.floor(workerStopMs)) } : {}),
        ...(props.activityHeartbeat ? { STEPWISE_HEARTBEAT_SECONDS: String(props.activityHeartbeat.toSeconds()) } : {}),
      },
      secrets: props.secrets,
      logging: ecs.LogDrivers.awsLogs({
        streamPrefix: 'worker',
        logGroup: new logs.LogGroup(this, 'Logs', { retention: props.logRetention ?? logs.RetentionDays.ONE_MONTH }),
      }),
    });

    // cdk-nag: the wildcards AWS requires of what this construct grants (the execution role's
    // ecr:GetAuthorizationToken), and the task definition's environment while it holds only the
    // service's own settings (the activity ARN and worker tuning: no secret).
    acknowledgeWildcardFindings(this);
    if (Object.keys(props.environment ?? {}).length === 0) {
      acknowledgeFinding(this.taskDefinition.node.defaultChild as CfnResource, 'AwsSolutions-ECS2',
        'the environment holds only the settings ActivityWorkerService sets (the activity ARN, concurrency and timeouts), no secret');
    }

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
    const metrics = workerMetrics(props.activity);
    this.scaleOutPolicy = this.scalableTarget.scaleOnMetric('ScaleOutOnWait', {
      metric: metrics.wait,
      adjustmentType: appscaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
      minAdjustmentMagnitude: 1,
      scalingSteps: [{ upper: SCALING.waitSteps[0].lower, change: 0 }, ...SCALING.waitSteps],
      cooldown: SCALING.scaleOutCooldown,
      evaluationPeriods: 1,
    });
    this.busyScaleOutPolicy = this.scalableTarget.scaleOnMetric('ScaleOutWhenBusy', {
      metric: metrics.busy,
      adjustmentType: appscaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
      minAdjustmentMagnitude: 1,
      scalingSteps: [{ upper: SCALING.busySteps[0].lower, change: 0 }, ...SCALING.busySteps],
      cooldown: SCALING.scaleOutCooldown,
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    });
    this.scaleInPolicy = this.scalableTarget.scaleOnMetric('ScaleInWhenLessBusy', {
      metric: metrics.busyWithTwoWorkers,
      adjustmentType: appscaling.AdjustmentType.PERCENT_CHANGE_IN_CAPACITY,
      minAdjustmentMagnitude: 1,
      scalingSteps: [...SCALING.idleSteps, { lower: SCALING.idleSteps[SCALING.idleSteps.length - 1].upper, change: 0 }],
      cooldown: SCALING.scaleInCooldown,
      evaluationPeriods: SCALING.scaleInMinutes,
      datapointsToAlarm: SCALING.scaleInMinutes,
    });
    this.wakeUpPolicy = this.scalableTarget.scaleOnMetric('ScaleOutFromZero', {
      metric: metrics.unserved,
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [{ upper: 0, change: 0 }, { lower: 1, change: +1 }],
      cooldown: SCALING.scaleOutCooldown,
      evaluationPeriods: 1,
    });

    const scaleInAfter = props.scaleInAfter ?? Duration.minutes(15);
    const idleMinutes = Math.max(1, Math.round(scaleInAfter.toMinutes({ integral: false })));
    this.idleScaleInPolicy = this.scalableTarget.scaleOnMetric('ScaleInWhenIdle', {
      metric: activityTraffic(props.activity),
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      scalingSteps: [
        { upper: 0, change: -1 },
        { lower: 1, change: 0 },
      ],
      cooldown: SCALING.scaleInCooldown,
      evaluationPeriods: idleMinutes,
      datapointsToAlarm: idleMinutes,
    });
  }

  /**
   * The busy fraction the workers publish (average over the fleet, per minute), for dashboards and
   * alarms: the metric `busyScaleOutPolicy` and `scaleInPolicy` scale on.
   *
   * @param statistic `Average` (the fleet's busy fraction) or `SampleCount` (workers reporting)
   */
  public metricBusyFraction(statistic: string = 'Average'): cloudwatch.Metric {
    return busyMetric(this.activityArn, statistic);
  }

  /** floor(1,000 / concurrency): the most workers whose polls fit the activity's poller limit (SW606 when capped). */
  private capAtPollerLimit(maxCapacity: number, concurrency: number): number {
    if (Token.isUnresolved(maxCapacity) || Token.isUnresolved(concurrency) || !(concurrency >= 1)) {
      return maxCapacity;
    }
    const cap = Math.max(1, Math.floor(QUOTAS.activityPollersPerArn.value / concurrency));
    if (maxCapacity <= cap) {
      return maxCapacity;
    }
    Annotations.of(this).addWarningV2('cdk-stepwise:SW606', `[SW606] ${this.node.path}: maxCapacity ${maxCapacity} x concurrency ${concurrency} polls is ${maxCapacity * concurrency} pollers, above the limit of ${describeQuota('activityPollersPerArn')} per activity ARN; the service runs at most ${cap} tasks. Fix: raise concurrency (fewer, busier workers), or split the work across activities.`);
    return cap;
  }

  /**
   * A VPC for the new cluster: two Availability Zones, one NAT gateway, and flow logs of all its
   * traffic to a log group kept as long as the worker's logs (cdk-nag AwsSolutions-VPC7).
   */
  private newVpc(retention: logs.RetentionDays): ec2.Vpc {
    const flowLogs = new logs.LogGroup(this, 'FlowLogs', { retention });
    return new ec2.Vpc(this, 'Vpc', {
      maxAzs: 2,
      natGateways: 1,
      flowLogs: { All: { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs), trafficType: ec2.FlowLogTrafficType.ALL } },
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
        code: CODES.SW605,
        statePath: '',
        message: `the worker service settings cannot work: ${problems.join('; ')}`,
        fix: 'keep minCapacity <= maxCapacity, stopTimeout within 2-120 seconds, drainTimeout a few seconds below stopTimeout, and concurrency >= 1',
      }, this.node.path);
    }
  }
}

interface ScalingMetrics {
  readonly wait: cloudwatch.Metric;
  readonly busy: cloudwatch.Metric;
  readonly busyWithTwoWorkers: cloudwatch.MathExpression;
  readonly unserved: cloudwatch.MathExpression;
}

/** The metrics the service scales on, one minute each. */
function workerMetrics(activity: sfn.IActivity): ScalingMetrics {
  const backlog = WorkerActivity.backlogOf(activity, Duration.minutes(1));
  return {
    wait: new cloudwatch.Metric({
      namespace: 'AWS/States',
      metricName: 'ActivityScheduleTime',
      dimensionsMap: { ActivityArn: activity.activityArn },
      statistic: cloudwatch.Stats.AVERAGE,
      unit: cloudwatch.Unit.MILLISECONDS,
      period: Duration.minutes(1),
    }),
    busy: busyMetric(activity.activityArn, 'Average'),
    // 1 (never "idle") unless at least two workers reported: busy-fraction scale-in never removes the last worker.
    busyWithTwoWorkers: new cloudwatch.MathExpression({
      expression: 'IF(FILL(workers, 0) >= 2, busy, 1)',
      usingMetrics: { busy: busyMetric(activity.activityArn, 'Average'), workers: busyMetric(activity.activityArn, 'SampleCount') },
      label: 'Worker busy fraction (1 with fewer than 2 workers)',
      period: Duration.minutes(1),
    }),
    // 1 in a minute where tasks were scheduled and none started: nobody is polling (or every slot is taken).
    unserved: new cloudwatch.MathExpression({
      expression: 'IF(FILL(scheduled, 0) > 0 AND FILL(started, 0) == 0, 1, 0)',
      usingMetrics: backlog.usingMetrics,
      label: 'Tasks scheduled, none started',
      period: Duration.minutes(1),
    }),
  };
}

/** The workers' busy fraction, as `cdk-stepwise/runtime` publishes it (see src/private/worker-metrics.ts). */
function busyMetric(activityArn: string, statistic: string): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: WORKER_METRICS_NAMESPACE,
    metricName: BUSY_FRACTION_METRIC,
    dimensionsMap: { [WORKER_METRICS_DIMENSION]: activityArn },
    statistic,
    period: Duration.minutes(1),
  });
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
