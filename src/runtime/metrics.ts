import { BUSY_FRACTION_METRIC, TASKS_STARTED_METRIC, WORKER_METRICS_DIMENSION, WORKER_METRICS_NAMESPACE } from '../core/worker-metrics';

/** What a worker's metrics line carries besides the EMF metadata. */
export interface WorkerMetricsSample {
  /** Tasks in flight over concurrency, averaged over the interval (0 to 1). */
  readonly busyFraction: number;
  /** Tasks received during the interval. */
  readonly tasksStarted: number;
  /** The interval's start (epoch milliseconds): the EMF `Timestamp`, so the datapoint lands in the minute it measures. */
  readonly timestamp: number;
}

/**
 * Measures a worker's busy fraction (the time-weighted average of tasks in flight over
 * concurrency) and writes it as a CloudWatch Embedded Metric Format line: CloudWatch Logs extracts
 * the metric from the log event itself (the awslogs driver of ECS sends stdout there), so
 * publishing it costs no API call and no extra permission.
 *
 * Lines are written at wall-clock multiples of the interval (each minute), so every worker puts
 * exactly one datapoint in each minute: the metric's SampleCount per minute is the number of
 * workers, which `ActivityWorkerService` uses.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Generation_PutLogEvents.html
 */
export class WorkerMetrics {
  private inFlight = 0;
  private busySlotMs = 0;
  private started = 0;
  private windowStart: number;
  private last: number;
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * @param activityArn the dimension value
   * @param concurrency the worker's slots
   * @param intervalMs how often a line is written (0: never)
   * @param write where lines go (one JSON document per line)
   * @param fields more fields for each line (e.g. the worker name)
   */
  constructor(
    private readonly activityArn: string,
    private readonly concurrency: number,
    private readonly intervalMs: number,
    private readonly write: (line: string) => void,
    private readonly fields: Record<string, unknown> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.windowStart = now();
    this.last = this.windowStart;
  }

  /** A task took a slot. */
  public taskStarted(): void {
    this.accumulate();
    this.inFlight++;
    this.started++;
  }

  /** A task gave its slot back. */
  public taskEnded(): void {
    this.accumulate();
    this.inFlight--;
  }

  /** Starts writing a line at each interval boundary. */
  public start(): void {
    if (this.intervalMs <= 0 || this.timer) {
      return;
    }
    this.windowStart = this.now();
    this.last = this.windowStart;
    this.busySlotMs = 0;
    this.started = 0;
    this.schedule();
  }

  /** Stops writing (the last, partial interval is not written: it would count the worker twice in a minute). */
  public stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  /** The sample since the last one, and starts a new interval. */
  public sample(): WorkerMetricsSample {
    this.accumulate();
    const elapsed = Math.max(1, this.last - this.windowStart);
    const sample = {
      busyFraction: Math.min(1, Math.round((this.busySlotMs / (elapsed * this.concurrency)) * 10_000) / 10_000),
      tasksStarted: this.started,
      timestamp: this.windowStart,
    };
    this.windowStart = this.last;
    this.busySlotMs = 0;
    this.started = 0;
    return sample;
  }

  /** The EMF document of a sample. */
  public emf(sample: WorkerMetricsSample): string {
    return JSON.stringify({
      _aws: {
        Timestamp: sample.timestamp,
        CloudWatchMetrics: [{
          Namespace: WORKER_METRICS_NAMESPACE,
          Dimensions: [[WORKER_METRICS_DIMENSION]],
          Metrics: [
            { Name: BUSY_FRACTION_METRIC, Unit: 'None' },
            { Name: TASKS_STARTED_METRIC, Unit: 'Count' },
          ],
        }],
      },
      level: 'info',
      msg: 'worker metrics',
      ...this.fields,
      [WORKER_METRICS_DIMENSION]: this.activityArn,
      [BUSY_FRACTION_METRIC]: sample.busyFraction,
      [TASKS_STARTED_METRIC]: sample.tasksStarted,
      concurrency: this.concurrency,
    });
  }

  private schedule(): void {
    const now = this.now();
    const delay = this.intervalMs - (now % this.intervalMs);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write(this.emf(this.sample()));
      this.schedule();
    }, delay);
    // Metrics never keep a stopped worker's process alive.
    this.timer.unref?.();
  }

  private accumulate(): void {
    const now = this.now();
    this.busySlotMs += this.inFlight * (now - this.last);
    this.last = now;
  }
}
