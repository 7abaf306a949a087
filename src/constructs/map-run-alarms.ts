import { ArnFormat, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { checkAlarmOptions } from './private/alarm-options';
import { WorkflowAlarmOptions } from './workflow-alarms';
import { QUOTAS } from '../core/quotas';

/**
 * Step Functions' Map Run metrics (namespace `AWS/States`). The open-Map-Run metrics are per
 * account and Region; a labelled Distributed Map's child executions report the execution metrics
 * under the dimension `StateMachineArn` = `<state machine ARN>/<label>`.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/procedure-cw-metrics.html
 */
export class MapRunMetrics {
  /** Open Map Runs in the account and Region (`ApproximateOpenMapRunCount`), by default the maximum over 5 minutes. */
  public static openMapRunCount(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: 'AWS/States', metricName: 'ApproximateOpenMapRunCount', statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(5), ...props });
  }

  /** Map Runs waiting for a slot under the open-Map-Run quota (`ApproximateMapRunBacklogSize`), by default the maximum over 5 minutes. */
  public static backlogSize(props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({ namespace: 'AWS/States', metricName: 'ApproximateMapRunBacklogSize', statistic: cloudwatch.Stats.MAXIMUM, period: Duration.minutes(5), ...props });
  }

  /**
   * Failed child executions of the Distributed Map labelled `label` (`ExecutionsFailed` of the
   * labelled state machine ARN), by default the sum over 5 minutes. Each failed child is a failed
   * item (or batch of items).
   *
   * @param stateMachine the state machine holding the Distributed Map
   * @param mapRunLabel the Distributed Map's `label`
   */
  public static childExecutionsFailed(stateMachine: sfn.IStateMachine, mapRunLabel: string, props: cloudwatch.MetricOptions = {}): cloudwatch.Metric {
    const arn = Stack.of(stateMachine).splitArn(stateMachine.stateMachineArn, ArnFormat.COLON_RESOURCE_NAME);
    const labelled = Stack.of(stateMachine).formatArn({ ...arn, resourceName: `${arn.resourceName}/${mapRunLabel}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
    return new cloudwatch.Metric({
      namespace: 'AWS/States', metricName: 'ExecutionsFailed', dimensionsMap: { StateMachineArn: labelled }, statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5), ...props,
    });
  }

  private constructor() {}
}

/** A Distributed Map whose failed child executions to alarm on. */
export interface MapRunChildFailuresAlarm {
  /** The state machine holding the map. */
  readonly stateMachine: sfn.IStateMachine;
  /** The map's `label` (a label is what names its child executions' metrics). */
  readonly label: string;
  /**
   * The alarm's settings.
   *
   * @default - threshold 1 failed child in 5 minutes
   */
  readonly options?: WorkflowAlarmOptions;
}

/** Properties of `MapRunAlarms`. */
export interface MapRunAlarmsProps {
  /**
   * A topic to notify when an alarm fires.
   *
   * @default - no action
   */
  readonly topic?: sns.ITopic;

  /**
   * Open Map Runs near the quota of 1,000 per account and Region (beyond it, new Map Runs wait).
   *
   * @default - enabled; threshold 900 (90% of the quota), maximum over 5 minutes, 1 period
   */
  readonly openMapRuns?: WorkflowAlarmOptions;

  /**
   * Map Runs backlogged (waiting to start) for a while.
   *
   * @default - enabled; threshold 1, maximum over 5 minutes, 3 of 3 periods
   */
  readonly backlog?: WorkflowAlarmOptions;

  /**
   * Failed child executions of labelled Distributed Maps.
   *
   * @default - none
   */
  readonly childFailures?: MapRunChildFailuresAlarm[];
}

/**
 * The alarms that matter for Distributed Maps: open Map Runs near the account quota, a lasting
 * backlog of Map Runs, and failed child executions (items) of given maps.
 *
 * @exampleMetadata fixture=stepwise
 * @example
 * new MapRunAlarms(this, 'MapRuns', {
 *   topic: oncall,
 *   childFailures: [{ stateMachine: workflow, label: 'lines' }],
 * });
 */
export class MapRunAlarms extends Construct {
  /** Every alarm created: open Map Runs, backlog, then one per `childFailures` entry. */
  public readonly alarms: cloudwatch.Alarm[] = [];

  /**
   * @param scope the construct scope
   * @param id the construct id
   * @param props the alarms' settings
   * @throws SW709 for settings CloudWatch rejects
   */
  constructor(scope: Construct, id: string, props: MapRunAlarmsProps = {}) {
    super(scope, id);
    const openThreshold = Math.floor(QUOTAS.openMapRuns.value * 0.9);
    this.alarm('OpenMapRuns', MapRunMetrics.openMapRunCount(), props.openMapRuns, openThreshold, 1,
      `Open Map Runs are at ${openThreshold} or more of the ${QUOTAS.openMapRuns.value} allowed per account and Region; beyond it, new Map Runs wait (backlog).`);
    this.alarm('MapRunBacklog', MapRunMetrics.backlogSize(), props.backlog, 1, 3,
      'Map Runs have been waiting to start for 15 minutes because the account has 1,000 open Map Runs.');
    (props.childFailures ?? []).forEach((c, i) => {
      this.alarm(`ChildFailures${i}`, MapRunMetrics.childExecutionsFailed(c.stateMachine, c.label), c.options, 1, 1,
        `Child executions (items) of the Distributed Map labelled '${c.label}' failed. Look at the Map Run's failed executions, or its FAILED_n result file.`);
    });
    if (props.topic) {
      const action = new actions.SnsAction(props.topic);
      this.alarms.forEach((a) => a.addAlarmAction(action));
    }
  }

  private alarm(
    name: string, metric: cloudwatch.Metric, options: WorkflowAlarmOptions = {},
    defaultThreshold: number, defaultPeriods: number, description: string,
  ): void {
    if (options.enabled === false) {
      return;
    }
    const threshold = options.threshold ?? defaultThreshold;
    const evaluationPeriods = options.evaluationPeriods ?? defaultPeriods;
    const datapointsToAlarm = options.datapointsToAlarm ?? evaluationPeriods;
    const period = options.period ?? Duration.minutes(5);
    checkAlarmOptions(name, threshold, evaluationPeriods, datapointsToAlarm, period, this.node.path);
    this.alarms.push(metric.with({ period }).createAlarm(this, name, {
      alarmName: options.alarmName,
      alarmDescription: options.alarmDescription ?? description,
      threshold,
      evaluationPeriods,
      datapointsToAlarm,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    }));
  }
}
