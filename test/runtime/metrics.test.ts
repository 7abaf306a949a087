import { WorkerMetrics } from '../../src/runtime/metrics';

describe('WorkerMetrics', () => {
  test('the busy fraction is tasks in flight over concurrency, averaged over the interval', () => {
    let now = 1_000_000;
    const metrics = new WorkerMetrics('arn:aws:states:us-east-1:123456789012:activity:a', 4, 60_000, () => undefined, {}, () => now);
    // 2 of 4 slots busy for 30 s, then 4 of 4 for 30 s: (0.5 + 1) / 2 = 0.75
    metrics.taskStarted();
    metrics.taskStarted();
    now += 30_000;
    metrics.taskStarted();
    metrics.taskStarted();
    now += 30_000;
    expect(metrics.sample()).toEqual({ busyFraction: 0.75, tasksStarted: 4, timestamp: 1_000_000 });
    // The next interval starts where this one ended; all four tasks end halfway through it.
    now += 30_000;
    for (let i = 0; i < 4; i++) {
      metrics.taskEnded();
    }
    now += 30_000;
    expect(metrics.sample()).toEqual({ busyFraction: 0.5, tasksStarted: 0, timestamp: 1_060_000 });
  });

  test('writes one line at each wall-clock multiple of the interval (one datapoint per worker per minute), and stops', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:40Z') });
    try {
      const lines: string[] = [];
      const metrics = new WorkerMetrics('arn:aws:states:us-east-1:123456789012:activity:a', 2, 60_000, (line) => lines.push(line));
      metrics.start();
      jest.advanceTimersByTime(19_999);
      expect(lines).toHaveLength(0);
      jest.advanceTimersByTime(1); // 00:01:00
      jest.advanceTimersByTime(60_000); // 00:02:00
      metrics.stop();
      jest.advanceTimersByTime(120_000);
      expect(lines.map((l) => new Date(JSON.parse(l)._aws.Timestamp).toISOString())).toEqual(['2026-01-01T00:00:40.000Z', '2026-01-01T00:01:00.000Z']);
    } finally {
      jest.useRealTimers();
    }
  });
});
