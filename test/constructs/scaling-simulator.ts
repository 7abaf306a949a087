/*
 * A small simulator of an activity, its workers and the scaling of ActivityWorkerService, driven by
 * the policy configuration read back FROM THE SYNTHESIZED TEMPLATE: the alarms' metrics (and metric
 * math), thresholds, comparison, evaluation periods and datapoints to alarm; the scaling policies'
 * adjustment type, step adjustments, minimum magnitude and cooldown; the scalable target's bounds.
 * Change the construct, and the simulation changes with it.
 *
 * The load: tasks arrive at a rate per second, each runs `taskSeconds`, each worker runs up to
 * `concurrency` at once, first come first served; a worker added by a scale-out takes
 * `startSeconds` to start polling; a removed worker takes no new task (its running tasks finish).
 * Each minute yields the metrics the service reads:
 * - AWS/States ActivitiesScheduled and ActivitiesStarted (Sum), ActivityScheduleTime (Average, ms:
 *   how long the tasks started that minute waited; no datapoint when none started);
 * - CdkStepwise/ActivityWorkers BusyFraction: Average over the workers of their busy fraction, and
 *   SampleCount = workers reporting (no datapoint without workers), as the runtime publishes it.
 *
 * How AWS acts on them, as modelled here (simplified from the Application Auto Scaling and
 * CloudWatch documentation):
 * - An alarm evaluates its last `EvaluationPeriods` minutes; it is in ALARM when at least
 *   `DatapointsToAlarm` of the datapoints present breach, in INSUFFICIENT_DATA when none is present
 *   (TreatMissingData `missing`), else OK. Metric math evaluates FILL, IF, AND/OR, comparisons and
 *   arithmetic; a missing value stays missing unless FILLed.
 * - While its alarm is in ALARM, a step policy is invoked each minute with the latest value: the
 *   step whose interval holds (value - threshold) gives the adjustment. PercentChangeInCapacity is
 *   rounded as AWS documents it (above 1: down; between 0 and 1: 1; between -1 and 0: -1; below -1:
 *   up) and raised to MinAdjustmentMagnitude.
 * - Cooldown: during a policy's scale-out cooldown, it scales out again only past the capacity it
 *   already set; after a scale-in, the policy does not scale in again until its cooldown ends. No
 *   scale-in happens while any scale-out alarm is in ALARM. Capacity stays within Min/MaxCapacity.
 *
 * @see https://docs.aws.amazon.com/autoscaling/application/userguide/step-scaling-policy-overview.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html
 */
import { Template } from 'aws-cdk-lib/assertions';

/** A metric of one minute: undefined when CloudWatch would have no datapoint. */
type Value = number | undefined;

interface MetricStat { readonly namespace: string; readonly name: string; readonly stat: string }

interface Alarm {
  readonly id: string;
  readonly policyId: string;
  readonly comparison: string;
  readonly threshold: number;
  readonly evaluationPeriods: number;
  readonly datapointsToAlarm: number;
  /** The alarm's value for a minute of metrics. */
  readonly evaluate: (minute: MinuteMetrics) => Value;
}

interface StepAdjustment { readonly lower?: number; readonly upper?: number; readonly adjustment: number }

interface Policy {
  readonly id: string;
  readonly adjustmentType: string;
  readonly cooldownSeconds: number;
  readonly minAdjustmentMagnitude: number;
  readonly steps: StepAdjustment[];
}

/** The metrics of one minute, by `Namespace:MetricName:Stat`. */
export type MinuteMetrics = Record<string, Value>;

/** The scaling configuration read from a template. */
export interface ScalingConfig {
  readonly minCapacity: number;
  readonly maxCapacity: number;
  readonly alarms: Alarm[];
  readonly policies: Map<string, Policy>;
}

/** Reads the scalable target, the step scaling policies and their alarms from a synthesized template. */
export function readScalingConfig(template: Template): ScalingConfig {
  const json = template.toJSON() as { Resources: Record<string, { Type: string; Properties: any }> };
  const targets = Object.values(json.Resources).filter((r) => r.Type === 'AWS::ApplicationAutoScaling::ScalableTarget');
  if (targets.length !== 1) {
    throw new Error(`expected one scalable target, found ${targets.length}`);
  }
  const policies = new Map<string, Policy>();
  for (const [id, r] of Object.entries(json.Resources)) {
    if (r.Type !== 'AWS::ApplicationAutoScaling::ScalingPolicy') {
      continue;
    }
    const config = r.Properties.StepScalingPolicyConfiguration;
    if (r.Properties.PolicyType !== 'StepScaling' || !config) {
      throw new Error(`${id}: only step scaling policies are simulated`);
    }
    policies.set(id, {
      id,
      adjustmentType: config.AdjustmentType,
      cooldownSeconds: config.Cooldown ?? 300,
      minAdjustmentMagnitude: config.MinAdjustmentMagnitude ?? 0,
      steps: config.StepAdjustments.map((s: any) => ({
        lower: s.MetricIntervalLowerBound,
        upper: s.MetricIntervalUpperBound,
        adjustment: s.ScalingAdjustment,
      })),
    });
  }
  const alarms: Alarm[] = [];
  for (const [id, r] of Object.entries(json.Resources)) {
    if (r.Type !== 'AWS::CloudWatch::Alarm') {
      continue;
    }
    const p = r.Properties;
    const actions: string[] = (p.AlarmActions ?? []).map((a: any) => a.Ref).filter((ref: string) => policies.has(ref));
    if (actions.length !== 1) {
      throw new Error(`${id}: expected one scaling policy as alarm action`);
    }
    if (p.TreatMissingData && p.TreatMissingData !== 'missing') {
      throw new Error(`${id}: TreatMissingData ${p.TreatMissingData} is not simulated`);
    }
    alarms.push({
      id,
      policyId: actions[0],
      comparison: p.ComparisonOperator,
      threshold: p.Threshold,
      evaluationPeriods: p.EvaluationPeriods,
      datapointsToAlarm: p.DatapointsToAlarm ?? p.EvaluationPeriods,
      evaluate: alarmValue(id, p),
    });
  }
  return { minCapacity: targets[0].Properties.MinCapacity, maxCapacity: targets[0].Properties.MaxCapacity, alarms, policies };
}

function key(m: MetricStat): string {
  return `${m.namespace}:${m.name}:${m.stat}`;
}

/** The value function of an alarm: one metric, or the expression that returns data. */
function alarmValue(id: string, p: any): (minute: MinuteMetrics) => Value {
  if (p.MetricName) {
    const k = key({ namespace: p.Namespace, name: p.MetricName, stat: p.Statistic });
    return (minute) => minute[k];
  }
  const queries: any[] = p.Metrics ?? [];
  const variables = new Map<string, (minute: MinuteMetrics) => Value>();
  for (const q of queries) {
    if (q.MetricStat) {
      const k = key({ namespace: q.MetricStat.Metric.Namespace, name: q.MetricStat.Metric.MetricName, stat: q.MetricStat.Stat });
      variables.set(q.Id, (minute) => minute[k]);
    }
  }
  const result = queries.find((q) => q.ReturnData !== false && q.Expression);
  if (!result) {
    throw new Error(`${id}: no expression returns data`);
  }
  const expression = parseExpression(result.Expression);
  return (minute) => expression((name) => {
    const variable = variables.get(name);
    if (!variable) {
      throw new Error(`${id}: unknown metric id ${name} in ${result.Expression}`);
    }
    return variable(minute);
  });
}

/** A tiny parser for the metric math the construct uses: numbers, ids, FILL, IF, AND/OR, comparisons, + - * /. */
export function parseExpression(text: string): (lookup: (name: string) => Value) => Value {
  const tokens = text.match(/\s*(>=|<=|==|!=|&&|\|\||[()+\-*/,<>]|[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?)/g)?.map((t) => t.trim()) ?? [];
  let i = 0;
  type Node = (lookup: (name: string) => Value) => Value;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const t = tokens[i++];
    if (expected !== undefined && t !== expected) {
      throw new Error(`expected ${expected} at ${t} in ${text}`);
    }
    return t;
  };
  const binary = (next: () => Node, ops: Record<string, (a: number, b: number) => number>): Node => {
    let left = next();
    while (peek() !== undefined && ops[peek().toUpperCase()]) {
      const op = ops[take().toUpperCase()];
      const l = left;
      const r = next();
      left = (lookup) => {
        const a = l(lookup);
        const b = r(lookup);
        return a === undefined || b === undefined ? undefined : op(a, b);
      };
    }
    return left;
  };
  const primary = (): Node => {
    const t = take();
    if (t === '(') {
      const inner = or();
      take(')');
      return inner;
    }
    if (/^\d/.test(t)) {
      const n = Number(t);
      return () => n;
    }
    if (peek() === '(') {
      take('(');
      const args: Node[] = [or()];
      while (peek() === ',') {
        take(',');
        args.push(or());
      }
      take(')');
      switch (t.toUpperCase()) {
        case 'FILL':
          return (lookup) => args[0](lookup) ?? args[1](lookup);
        case 'IF':
          return (lookup) => {
            const condition = args[0](lookup);
            return condition === undefined ? undefined : condition !== 0 ? args[1](lookup) : args[2](lookup);
          };
        default:
          throw new Error(`function ${t} is not simulated`);
      }
    }
    return (lookup) => lookup(t);
  };
  const product = () => binary(primary, { '*': (a, b) => a * b, '/': (a, b) => a / b });
  const sum = () => binary(product, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const comparison = () => binary(sum, {
    '>': (a, b) => Number(a > b),
    '<': (a, b) => Number(a < b),
    '>=': (a, b) => Number(a >= b),
    '<=': (a, b) => Number(a <= b),
    '==': (a, b) => Number(a === b),
    '!=': (a, b) => Number(a !== b),
  });
  const and = () => binary(comparison, { 'AND': (a, b) => Number(a !== 0 && b !== 0), '&&': (a, b) => Number(a !== 0 && b !== 0) });
  const or = (): Node => binary(and, { 'OR': (a, b) => Number(a !== 0 || b !== 0), '||': (a, b) => Number(a !== 0 || b !== 0) });
  const root = or();
  if (i !== tokens.length) {
    throw new Error(`unexpected ${tokens[i]} in ${text}`);
  }
  return root;
}

function breaches(comparison: string, value: number, threshold: number): boolean {
  switch (comparison) {
    case 'GreaterThanOrEqualToThreshold': return value >= threshold;
    case 'GreaterThanThreshold': return value > threshold;
    case 'LessThanOrEqualToThreshold': return value <= threshold;
    case 'LessThanThreshold': return value < threshold;
    default: throw new Error(`comparison ${comparison} is not simulated`);
  }
}

/**
 * The step adjustment for a breach (value - threshold), or undefined when no step holds it. Above
 * the threshold (an upper alarm) lower bounds are inclusive; below it (a lower alarm) upper bounds are.
 */
function stepFor(policy: Policy, breach: number, upperAlarm: boolean): StepAdjustment | undefined {
  return policy.steps.find((s) => (upperAlarm
    ? (s.lower ?? -Infinity) <= breach && breach < (s.upper ?? Infinity)
    : (s.lower ?? -Infinity) < breach && breach <= (s.upper ?? Infinity)));
}

/** The new capacity a policy asks for, from `current`. */
function adjusted(policy: Policy, current: number, adjustment: number): number {
  switch (policy.adjustmentType) {
    case 'ExactCapacity':
      return adjustment;
    case 'ChangeInCapacity':
      return current + adjustment;
    case 'PercentChangeInCapacity': {
      const raw = (current * adjustment) / 100;
      let change = raw > 1 ? Math.floor(raw) : raw > 0 ? 1 : raw === 0 ? 0 : raw > -1 ? -1 : Math.ceil(raw);
      if (change !== 0 && Math.abs(change) < policy.minAdjustmentMagnitude) {
        change = Math.sign(change) * policy.minAdjustmentMagnitude;
      }
      if (raw === 0 && adjustment > 0 && policy.minAdjustmentMagnitude > 0) {
        change = policy.minAdjustmentMagnitude; // from 0 tasks, a percentage is 0: the minimum magnitude applies
      }
      return current + change;
    }
    default:
      throw new Error(`adjustment type ${policy.adjustmentType} is not simulated`);
  }
}

/** The load: tasks per second arriving at second `t` of the simulation (may be fractional). */
export type ArrivalRate = (second: number) => number;

export interface SimulationOptions {
  readonly minutes: number;
  readonly arrivals: ArrivalRate;
  /** How long each task runs. */
  readonly taskSeconds: number;
  /** Tasks per worker (`concurrency`). */
  readonly concurrency: number;
  /** How long a new worker takes to start polling. */
  readonly startSeconds?: number;
  /** The desired count at the start (default: the minimum). */
  readonly initialWorkers?: number;
  /** Tasks already waiting at the start. */
  readonly initialBacklog?: number;
}

/** One simulated minute. */
export interface MinuteRecord {
  readonly minute: number;
  /** The desired task count at the end of the minute. */
  readonly desired: number;
  /** Workers polling during the minute. */
  readonly workers: number;
  readonly arrivals: number;
  readonly started: number;
  /** Tasks waiting at the end of the minute. */
  readonly waiting: number;
  readonly waitMs: Value;
  readonly busy: Value;
  /** The policies that changed the desired count this minute. */
  readonly actions: string[];
}

interface Worker { readonly readyAt: number; removed: boolean; running: number[] }

/** Runs the load against the scaling configuration, minute by minute. */
export function simulate(config: ScalingConfig, options: SimulationOptions): MinuteRecord[] {
  const startSeconds = options.startSeconds ?? 60;
  let desired = Math.min(config.maxCapacity, Math.max(config.minCapacity, options.initialWorkers ?? config.minCapacity));
  const workers: Worker[] = Array.from({ length: desired }, () => ({ readyAt: 0, removed: false, running: [] }));
  // Waiting tasks, oldest first: [arrival second, count].
  const queue: Array<[number, number]> = options.initialBacklog ? [[0, options.initialBacklog]] : [];
  let carry = 0;
  const history: MinuteMetrics[] = [];
  const records: MinuteRecord[] = [];
  const lastScaleOut = new Map<string, { at: number; capacity: number }>();
  const lastScaleIn = new Map<string, number>();

  for (let minute = 0; minute < options.minutes; minute++) {
    let arrivals = 0;
    let started = 0;
    let waitSum = 0;
    const busySums = new Map<Worker, number>();
    for (let s = 0; s < 60; s++) {
      const t = minute * 60 + s;
      // Arrivals (fractional rates accumulate).
      carry += options.arrivals(t);
      const n = Math.floor(carry);
      carry -= n;
      if (n > 0) {
        queue.push([t, n]);
        arrivals += n;
      }
      // Completions.
      for (const w of workers) {
        w.running = w.running.filter((end) => end > t);
      }
      // Starts: ready workers take waiting tasks, first come first served.
      for (const w of workers) {
        if (w.removed || w.readyAt > t) {
          continue;
        }
        while (w.running.length < options.concurrency && queue.length > 0) {
          const head = queue[0];
          w.running.push(t + options.taskSeconds);
          waitSum += (t - head[0]) * 1000;
          started++;
          head[1]--;
          if (head[1] === 0) {
            queue.shift();
          }
        }
        busySums.set(w, (busySums.get(w) ?? 0) + w.running.length / options.concurrency);
      }
    }
    const reporting = [...busySums.entries()].filter(([w]) => !w.removed);
    const metrics: MinuteMetrics = {
      'AWS/States:ActivitiesScheduled:Sum': arrivals,
      'AWS/States:ActivitiesStarted:Sum': started,
      'AWS/States:ActivityScheduleTime:Average': started > 0 ? waitSum / started : undefined,
      'CdkStepwise/ActivityWorkers:BusyFraction:Average': reporting.length > 0 ? reporting.reduce((n, [, b]) => n + b / 60, 0) / reporting.length : undefined,
      'CdkStepwise/ActivityWorkers:BusyFraction:SampleCount': reporting.length > 0 ? reporting.length : undefined,
    };
    history.push(metrics);

    // Alarms, then policies.
    const now = (minute + 1) * 60;
    const inAlarm: Array<{ alarm: Alarm; value: number }> = [];
    for (const alarm of config.alarms) {
      const window = history.slice(-alarm.evaluationPeriods).map((m) => alarm.evaluate(m)).filter((v): v is number => v !== undefined);
      const breaching = window.filter((v) => breaches(alarm.comparison, v, alarm.threshold)).length;
      if (window.length > 0 && breaching >= alarm.datapointsToAlarm) {
        inAlarm.push({ alarm, value: alarm.evaluate(metrics) ?? window[window.length - 1] });
      }
    }
    const actions: string[] = [];
    const outs: Array<{ policy: Policy; target: number }> = [];
    const ins: Array<{ policy: Policy; target: number }> = [];
    for (const { alarm, value } of inAlarm) {
      const policy = config.policies.get(alarm.policyId)!;
      const step = stepFor(policy, value - alarm.threshold, alarm.comparison.startsWith('Greater'));
      if (!step || step.adjustment === 0) {
        continue;
      }
      if (step.adjustment > 0) {
        const last = lastScaleOut.get(policy.id);
        const inCooldown = last !== undefined && now - last.at < policy.cooldownSeconds;
        const target = adjusted(policy, inCooldown ? last.capacity : desired, step.adjustment);
        if (target > desired) {
          outs.push({ policy, target });
        }
      } else {
        const last = lastScaleIn.get(policy.id);
        if (last === undefined || now - last >= policy.cooldownSeconds) {
          ins.push({ policy, target: adjusted(policy, desired, step.adjustment) });
        }
      }
    }
    const scaleOutAlarm = inAlarm.some(({ alarm }) => config.policies.get(alarm.policyId)!.steps.some((s) => s.adjustment > 0));
    let next = desired;
    if (outs.length > 0) {
      const best = outs.reduce((a, b) => (b.target > a.target ? b : a));
      next = Math.min(config.maxCapacity, best.target);
      if (next > desired) {
        for (const o of outs) {
          lastScaleOut.set(o.policy.id, { at: now, capacity: desired });
        }
        actions.push(...outs.map((o) => o.policy.id));
      }
    } else if (ins.length > 0 && !scaleOutAlarm) {
      const best = ins.reduce((a, b) => (b.target < a.target ? b : a));
      next = Math.max(config.minCapacity, best.target);
      if (next < desired) {
        lastScaleIn.set(best.policy.id, now);
        actions.push(best.policy.id);
      }
    }
    // Apply: new workers start after startSeconds; removed workers take no new task.
    const live = workers.filter((w) => !w.removed);
    for (let k = live.length; k < next; k++) {
      workers.push({ readyAt: now + startSeconds, removed: false, running: [] });
    }
    for (let k = live.length; k > next; k--) {
      // Remove the least busy live worker.
      const victim = workers.filter((w) => !w.removed).reduce((a, b) => (b.running.length < a.running.length ? b : a));
      victim.removed = true;
    }
    desired = next;
    records.push({
      minute,
      desired,
      workers: reporting.length,
      arrivals,
      started,
      waiting: queue.reduce((n, [, c]) => n + c, 0),
      waitMs: metrics['AWS/States:ActivityScheduleTime:Average'],
      busy: metrics['CdkStepwise/ActivityWorkers:BusyFraction:Average'],
      actions,
    });
    // Forget removed workers once they have drained.
    for (let k = workers.length - 1; k >= 0; k--) {
      if (workers[k].removed && workers[k].running.length === 0) {
        workers.splice(k, 1);
      }
    }
  }
  return records;
}

/** A one-line summary of the desired count over time: `m0:1 m5:3 ...` at each change. */
export function summarize(records: MinuteRecord[]): string {
  const parts: string[] = [];
  let last: number | undefined;
  for (const r of records) {
    if (r.desired !== last) {
      parts.push(`m${r.minute + 1}:${r.desired}`);
      last = r.desired;
    }
  }
  return parts.join(' ');
}
