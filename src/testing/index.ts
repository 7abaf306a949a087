/*
 * cdk-stepwise/testing: run a workflow in process, in jest, with mocked tasks. Node only; not
 * part of the jsii assembly.
 */
import './dependencies';
export { LocalWorkflow } from './workflow';
export type { LocalRunOptions, LocalContextOptions } from './workflow';
export { LocalRun } from './run';
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
} from './errors';
export { MissingDependencyError } from '../core/optional-dependencies';
