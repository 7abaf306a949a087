/**
 * Runs a workflow in process, in Jest or Vitest, with mocked tasks (`LocalWorkflow`, `TaskMock`),
 * and the matchers `cdk-stepwise/testing/jest` and `cdk-stepwise/testing/vitest` install. Node
 * only; not part of the jsii assembly: it needs `jsonata` and `jsonpath-plus`, optional
 * dependencies of cdk-stepwise. Guide: docs/testing.md.
 *
 * @module cdk-stepwise/testing
 */
import './dependencies';
export { LocalWorkflow } from './workflow';
export type { LocalRunOptions, LocalContextOptions } from './workflow';
export { LocalRun } from './run';
export { LocalS3 } from './s3';
export type { LocalS3Object } from './s3';
export { TaskMock } from './mocks';
// The same TaskFailure as cdk-stepwise/runtime's: a worker handler and its mock fail alike.
export { TaskFailure } from '../core/task-failure';
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
