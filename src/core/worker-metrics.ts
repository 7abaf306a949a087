/*
 * The CloudWatch metrics an activity worker publishes (cdk-stepwise/runtime, as CloudWatch
 * Embedded Metric Format lines on stdout) and ActivityWorkerService scales on. One module, imported
 * by both sides, so that the metric the policy reads is the metric the worker writes.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
 */

/** The namespace of the worker metrics. */
export const WORKER_METRICS_NAMESPACE = 'CdkStepwise/ActivityWorkers';

/** The dimension of every worker metric: the activity ARN the worker polls. */
export const WORKER_METRICS_DIMENSION = 'ActivityArn';

/**
 * Tasks in flight over concurrency, averaged over the publishing interval (0 to 1, unit None).
 * One datapoint per worker per interval, so its SampleCount per minute is the number of workers.
 */
export const BUSY_FRACTION_METRIC = 'BusyFraction';

/** Tasks the worker received during the interval (unit Count). */
export const TASKS_STARTED_METRIC = 'TasksStarted';

/** How often a worker publishes its metrics, in milliseconds: one datapoint per minute. */
export const WORKER_METRICS_INTERVAL_MS = 60_000;
