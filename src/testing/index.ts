/*
 * cdk-stepwise/testing: run a workflow in process, in jest, with mocked tasks. Node only; not
 * part of the jsii assembly.
 */
import './dependencies';
export { LocalWorkflow } from './workflow';
export type { LocalRunOptions, LocalContextOptions } from './workflow';
export { LocalRun } from './run';
export { LocalS3 } from './s3';
export type { LocalS3Object } from './s3';
export { TaskMock, TaskFailure } from './mocks';
export type { TaskMockCall } from './mocks';
export { matchers } from './matchers';
export type { LocalRunMatchers, LocalRunMatcher, MatcherContext, MatcherResult } from './matchers';
export type { StateRecord, StateStatus } from './engine/interpreter';
export {
  LocalRunError,
  UnmockedTaskError,
  InvalidMockError,
  MockExhaustedError,
  UnsupportedFeatureError,
  InvalidDefinitionError,
  TooManyTransitionsError,
  S3ObjectNotMockedError,
} from './errors';
export { MissingDependencyError } from '../core/optional-dependencies';
