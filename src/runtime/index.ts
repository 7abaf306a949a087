/**
 * The Node-only activity worker (`ActivityWorker`) and callback helpers (`TaskTokenClient`). Not
 * part of the jsii assembly: it needs `@aws-sdk/client-sfn` and `@smithy/node-http-handler`,
 * optional dependencies of cdk-stepwise. Guide: docs/activities.md.
 *
 * @module cdk-stepwise/runtime
 */
import './dependencies';
export { ActivityWorker } from './worker';
export type { ActivityWorkerOptions, ActivityHandler, TaskContext, ActivityWorkerEvents, WorkerFailureReason, WorkerStats, WorkerStatus } from './worker';
export type {
  TaskStartedEvent, TaskSucceededEvent, TaskFailedEvent, TaskClosedEvent, CompletionAmbiguousEvent, ReportFailedEvent,
  HeartbeatEvent, HeartbeatErrorEvent, PollErrorEvent, PollThrottledEvent, RetryEvent, StoppingEvent, StoppedEvent,
} from './worker';
export { TaskTokenClient, TaskTokens, sendTaskSuccess, sendTaskFailure, sendTaskHeartbeat } from './callback';
export type { TaskTokenClientOptions, CompletionResult } from './callback';
export type { DeliveryOutcome } from './reporter';
export type { RetryOptions } from './retry';
export { JsonLogger, SilentLogger } from './logger';
export type { Logger, LogLevel, LogFields, JsonLoggerOptions } from './logger';
export { POLL_REQUEST_TIMEOUT_MS, SEND_REQUEST_TIMEOUT_MS, CONNECTION_TIMEOUT_MS, createPollClient, createSendClient } from './clients';
export type { SfnClientLike, SfnClientFactoryOptions } from './clients';
export type { WorkerMetricsSample } from './metrics';
export {
  StepwiseRuntimeError, WorkerConfigError, InvalidTaskTokenError, InvalidOutputError, TaskClosedError,
  DeliveryError, FatalPollError, WorkerShuttingDownError, TaskFailure, RequestTimeoutError, WorkerStateError,
} from './errors';
export { MissingDependencyError } from '../core/optional-dependencies';
