/*
 * The scaling of ActivityWorkerService against synthetic load, through the simulator in
 * scaling-simulator.ts, which reads every alarm and policy from the synthesized template. Each
 * series checks that the desired task count follows the load: out under a backlog, in as load
 * falls (not only when it stops), to zero and back. Tasks run 10 s and each worker runs 10 at once,
 * so a worker serves 1 task/s when fully busy.
 *
 * docs/activities.md shows the desired count over time of each series (between its scaling:start and
 * scaling:end markers); this test checks it is current. After a change to the policies, regenerate
 * it: UPDATE_SCALING_TABLE=1 npx jest test/constructs/activity-worker-service-scaling.test.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { MinuteRecord, ScalingConfig, SimulationOptions, readScalingConfig, simulate, summarize } from './scaling-simulator';
import { ActivityWorkerService } from '../../src/constructs/activity-worker-service';
import { WorkerActivity } from '../../src/integrations/activity';

const TASK = { taskSeconds: 10, concurrency: 10 };

function scaling(minCapacity: number, maxCapacity: number): { config: ScalingConfig; service: ActivityWorkerService } {
  const stack = new Stack(new App(), 'Stack', { env: { account: '123456789012', region: 'us-east-1' } });
  const activity = new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
  const service = new ActivityWorkerService(stack, 'Workers', {
    activity, image: ecs.ContainerImage.fromRegistry('public.ecr.aws/example/worker:1'), minCapacity, maxCapacity, concurrency: TASK.concurrency,
  });
  return { config: readScalingConfig(Template.fromStack(stack)), service };
}

/** The summaries of the series, in run order, for docs/activities.md. */
const summaries: Array<{ name: string; load: string; summary: string }> = [];

function run(name: string, config: ScalingConfig, options: Omit<SimulationOptions, keyof typeof TASK>, load = ''): MinuteRecord[] {
  const records = simulate(config, { ...TASK, ...options });
  if (load) {
    summaries.push({ name, load, summary: summarize(records) });
  }
  return records;
}

const DOC = path.join(__dirname, '..', '..', 'docs', 'activities.md');
const START = '<!-- scaling:start -->\n';
const END = '<!-- scaling:end -->';

afterAll(() => {
  const table = [
    '| Series | Load | Desired task count (minute:count, at each change) |',
    '|---|---|---|',
    ...summaries.map((r) => `| ${r.name} | ${r.load} | ${r.summary} |`),
  ].join('\n') + '\n';
  const doc = fs.readFileSync(DOC, 'utf8');
  const start = doc.indexOf(START);
  const end = doc.indexOf(END);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  if (summaries.length < 6) {
    return; // a filtered run (jest -t): the table needs every series
  }
  if (process.env.UPDATE_SCALING_TABLE) {
    fs.writeFileSync(DOC, doc.slice(0, start + START.length) + table + doc.slice(end));
    return;
  }
  expect(doc.slice(start + START.length, end)).toEqual(table);
});

const between = (records: MinuteRecord[], from: number, to: number) => records.filter((r) => r.minute >= from && r.minute < to);
const maxDesired = (records: MinuteRecord[]) => Math.max(...records.map((r) => r.desired));

/** The last `minutes` are settled: no task waits, workers are in the 0.4-0.8 busy band. */
function expectSettled(records: MinuteRecord[], minutes: number): void {
  for (const r of records.slice(-minutes)) {
    expect({ minute: r.minute, waiting: r.waiting }).toEqual({ minute: r.minute, waiting: 0 });
    expect(r.busy).toBeGreaterThanOrEqual(0.35);
    expect(r.busy).toBeLessThanOrEqual(0.8);
  }
}

describe('ActivityWorkerService scaling (simulated from the synthesized template)', () => {
  const { config } = scaling(0, 80);

  test('reads five step policies and their alarms from the template', () => {
    expect(config.alarms).toHaveLength(5);
    expect(config.policies.size).toBe(5);
    expect({ min: config.minCapacity, max: config.maxCapacity }).toEqual({ min: 0, max: 80 });
  });

  test('a step up (2 -> 20 tasks/s): scales out within minutes, then settles in the busy band with no queue', () => {
    const records = run('step up', config, { minutes: 90, initialWorkers: 3, arrivals: (t) => (t < 20 * 60 ? 2 : 20) }, '2 tasks/s, 20 from minute 20; 3 workers at first');
    expect(between(records, 0, 20).every((r) => r.desired === 3)).toBe(true);
    // Capacity (1 task/s per worker) covers the arrivals within 10 minutes of the step.
    expect(between(records, 28, 31).every((r) => r.desired >= 20)).toBe(true);
    expectSettled(records, 20);
    expect(records[records.length - 1].desired).toBeGreaterThanOrEqual(25);
    expect(records[records.length - 1].desired).toBeLessThanOrEqual(57);
  });

  test('a step down (20 -> 2 tasks/s): scales in as load falls, while tasks keep arriving, not only when idle', () => {
    const records = run('step down', config, { minutes: 90, initialWorkers: 30, arrivals: (t) => (t < 20 * 60 ? 20 : 2) }, '20 tasks/s, 2 from minute 20; 30 workers at first');
    expect(between(records, 0, 20).every((r) => r.desired === 30)).toBe(true);
    // Within 30 minutes of the drop the fleet is down to what 2 tasks/s need, with tasks started every minute.
    const settled = between(records, 50, 90);
    expect(settled.every((r) => r.desired <= 6 && r.desired >= 3)).toBe(true);
    expect(between(records, 20, 90).every((r) => r.started > 0 && r.waiting === 0)).toBe(true);
    expectSettled(records, 20);
  });

  test('a burst (10 minutes at 40 tasks/s over 2 tasks/s): scales out, drains the queue, and scales back in', () => {
    const records = run('burst', config, { minutes: 90, initialWorkers: 3, arrivals: (t) => (t >= 10 * 60 && t < 20 * 60 ? 40 : 2) }, '2 tasks/s, 40 in minutes 10-20');
    expect(maxDesired(between(records, 10, 25))).toBeGreaterThanOrEqual(40);
    expect(maxDesired(records)).toBeLessThanOrEqual(80);
    // The queue built during the burst is gone 10 minutes after it.
    expect(between(records, 30, 90).every((r) => r.waiting === 0)).toBe(true);
    expect(records[records.length - 1].desired).toBeLessThanOrEqual(6);
    expectSettled(records, 20);
  });

  test('an idle hour with minCapacity 0: scales to zero, and back up when tasks arrive again', () => {
    const records = run('idle hour', config, { minutes: 110, initialWorkers: 3, arrivals: (t) => (t < 10 * 60 ? 2 : t < 80 * 60 ? 0 : 3) }, '2 tasks/s, none in minutes 10-80, then 3; minCapacity 0');
    // Zero within scaleInAfter (15 minutes) and a few scale-in steps of the idle start, and zero for the rest of the hour.
    const zeroFrom = records.findIndex((r) => r.desired === 0);
    expect(zeroFrom).toBeGreaterThan(10);
    expect(zeroFrom).toBeLessThanOrEqual(30);
    expect(between(records, zeroFrom, 80).every((r) => r.desired === 0)).toBe(true);
    // Tasks again at minute 80: a worker is asked for in the first minute, the queue is gone within 15 minutes.
    expect(records[80].desired).toBeGreaterThanOrEqual(1);
    expect(between(records, 95, 110).every((r) => r.waiting === 0)).toBe(true);
    expectSettled(records, 10);
  });

  test('a backlog already built up with arrivals equal to capacity (what the old backlog-rate policy read as 0): scales out and drains it', () => {
    const records = run('backlog at capacity', config, { minutes: 60, initialWorkers: 10, initialBacklog: 3_000, arrivals: () => 10 }, '3,000 waiting, 10 tasks/s = the capacity of 10 workers');
    // Scheduled - started per minute is ~0 here (the old signal): the new one scales out in the first minutes.
    expect(Math.abs(records[1].arrivals - records[1].started)).toBeLessThanOrEqual(0);
    expect(records[2].desired).toBeGreaterThan(10);
    const drained = records.findIndex((r) => r.waiting === 0);
    expect(drained).toBeGreaterThan(0);
    expect(drained).toBeLessThanOrEqual(15);
    expectSettled(records, 20);
  });

  test('the simulator tells a policy that does not follow the load: the old backlog-rate policy never drains that backlog', () => {
    // GIVEN the policy this service had before: +1/+2/+4 on ActivitiesScheduled - ActivitiesStarted per minute
    const stack = new Stack(new App(), 'Old', { env: { account: '123456789012', region: 'us-east-1' } });
    const activity = new WorkerActivity(stack, 'Activity', { activityName: 'resize' });
    const target = new appscaling.ScalableTarget(stack, 'Target', {
      serviceNamespace: appscaling.ServiceNamespace.ECS, scalableDimension: 'ecs:service:DesiredCount', resourceId: 'service/c/s', minCapacity: 1, maxCapacity: 80,
    });
    target.scaleOnMetric('Backlog', {
      metric: WorkerActivity.backlogOf(activity),
      scalingSteps: [{ upper: 0, change: 0 }, { lower: 1, change: +1 }, { lower: 10, change: +2 }, { lower: 50, change: +4 }],
      adjustmentType: appscaling.AdjustmentType.CHANGE_IN_CAPACITY,
      cooldown: Duration.minutes(1),
    });
    const old = readScalingConfig(Template.fromStack(stack));
    // WHEN the same backlog at capacity is simulated
    const records = run('(the previous backlog-rate policy)', old, { minutes: 60, initialWorkers: 10, initialBacklog: 3_000, arrivals: () => 10 }, 'the same backlog at capacity');
    // THEN it hardly moves and the queue is still there an hour later
    expect(maxDesired(records)).toBeLessThanOrEqual(12);
    expect(records[records.length - 1].waiting).toBeGreaterThan(2_000);
  });

  test('stays within the poller cap: maxCapacity 500 x concurrency 10 runs at most 100 tasks', () => {
    const { config: capped, service } = scaling(0, 500);
    expect(service.maxTaskCount).toBe(100);
    expect(capped.maxCapacity).toBe(100);
    const records = simulate(capped, { ...TASK, minutes: 40, initialWorkers: 1, arrivals: () => 400 });
    expect(maxDesired(records)).toBe(100);
  });
});
