/*
 * cdk-stepwise/runtime: the Node-only activity worker and callback helpers. Not part of the jsii
 * assembly (it needs @aws-sdk/client-sfn, an optional dependency of cdk-stepwise).
 */
export { ActivityWorker, ActivityWorkerOptions, ActivityHandler, TaskContext, ActivityWorkerEvents, WorkerFailureReason, WorkerStats, WorkerStatus } from './worker';
export { TaskTokenClient, TaskTokenClientOptions, CompletionResult, TaskTokens, sendTaskSuccess, sendTaskFailure, sendTaskHeartbeat } from './callback';
export { DeliveryOutcome } from './reporter';
export { RetryOptions } from './retry';
export { Logger, LogLevel, LogFields, JsonLogger, JsonLoggerOptions, SilentLogger } from './logger';
export { SfnClientLike, POLL_REQUEST_TIMEOUT_MS } from './clients';
export {
  StepwiseRuntimeError, WorkerConfigError, InvalidTaskTokenError, InvalidOutputError, TaskClosedError,
  DeliveryError, FatalPollError, WorkerShuttingDownError, TaskFailure,
} from './errors';
