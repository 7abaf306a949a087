/*
 * cdk-stepwise/testing: run a workflow in process, in jest, with mocked tasks. Node only; not
 * part of the jsii assembly.
 */
export { LocalWorkflow, LocalRunOptions, LocalContextOptions } from './workflow';
export { LocalRun } from './run';
export { TaskMock, TaskMockCall, TaskFailure } from './mocks';
export { matchers } from './matchers';
export { StateRecord, StateStatus } from './engine/interpreter';
export {
  LocalRunError,
  UnmockedTaskError,
  InvalidMockError,
  MockExhaustedError,
  UnsupportedFeatureError,
  InvalidDefinitionError,
  TooManyTransitionsError,
} from './errors';
