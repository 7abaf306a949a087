import { Severity } from '../finding';
import { defineCodes } from './types';

/**
 * SW8xx: local execution (`cdk-stepwise/testing`). These are thrown as typed errors by the local
 * runner when a test cannot be run as written; they are never synth-time findings.
 */
export const LOCAL_CODES = defineCodes({
  SW801: {
    title: 'Task not mocked',
    severity: Severity.ERROR,
    meaning: 'A local run reached a Task state that has no mock. The local runner never calls AWS, so every Task the run reaches needs one.',
    fix: 'Add a mock for the state named in the message, e.g. `mocks: { \'Charge card\': TaskMock.result({ ok: true }) }`.',
  },
  SW802: {
    title: 'Invalid mock',
    severity: Severity.ERROR,
    meaning: 'A mock names a state that does not exist or is not a Task, or its result is not a JSON value.',
    fix: 'Use the exact name of a Task state (the message lists them) and return JSON values (objects, arrays, strings, numbers, booleans, null).',
  },
  SW803: {
    title: 'Mock sequence exhausted',
    severity: Severity.ERROR,
    meaning: 'A Task was called more often in one run than its `TaskMock.sequence(...)` has steps (retries and Map iterations each count as a call).',
    fix: 'Add steps to the sequence, or use `TaskMock.result()` / `TaskMock.fn()` for a Task called any number of times.',
  },
  SW804: {
    title: 'Feature not supported by the local runner',
    severity: Severity.ERROR,
    meaning: 'The definition uses a Step Functions feature the local runner does not emulate (for example a Map ItemReader or ItemBatcher), so running it locally would give wrong results.',
    fix: 'Test that part of the workflow in AWS, or test the states around it locally by running a smaller definition. docs/testing.md lists what the local runner supports.',
  },
  SW805: {
    title: 'Definition cannot be run',
    severity: Severity.ERROR,
    meaning: 'The definition is not a runnable state machine: it is not JSON, a transition names a state that does not exist, or a variable is assigned in an inner scope with the name of an outer variable.',
    fix: 'Fix the definition as the message says; `cdk synth` validation reports most of these with the state name.',
  },
  SW806: {
    title: 'Too many state transitions',
    severity: Severity.ERROR,
    meaning: 'A local run entered more states than `maxTransitions` allows, usually because a loop never ends with the mocks given.',
    fix: 'Check the loop\'s exit condition and the mocks that feed it, or raise `maxTransitions` for a long run.',
  },
  SW807: {
    title: 'S3 object not mocked',
    severity: Severity.ERROR,
    meaning: 'A Distributed Map item reader in a local run read an S3 object (or listed a prefix) that the run\'s `LocalS3` does not hold. The local runner never calls S3, so every object a reader reads needs a mock.',
    fix: 'Put the object in the run\'s `s3` option: `s3: new LocalS3().putObject(\'data/items.jsonl\', lines)` (the message names the bucket and key).',
  },
});
