import { CODES, CodeInfo } from '../core/codes';

/**
 * Base class of every error the local runner throws when a test cannot run as written (as opposed
 * to a workflow that fails, which is a normal result: `run.status === 'FAILED'`).
 */
export abstract class LocalRunError extends Error {
  /** The stable SW8xx code; docs/validation.md lists every code. */
  public readonly code: string;
  /** The state concerned, when there is one. */
  public readonly stateName?: string;

  protected constructor(code: CodeInfo, message: string, stateName?: string) {
    super(`[${code.code}] ${stateName !== undefined ? `state '${stateName}': ` : ''}${message} Fix: ${code.fix}`);
    this.code = code.code;
    this.stateName = stateName;
  }
}

/** SW801: the run reached a Task state that has no mock. */
export class UnmockedTaskError extends LocalRunError {
  constructor(stateName: string, statePath: string, mocked: string[]) {
    super(
      CODES.SW801,
      `the run reached this Task (at '${statePath}') but it has no mock. Mocked: ${mocked.length ? mocked.map((m) => `'${m}'`).join(', ') : 'none'}.`,
      stateName,
    );
    this.name = 'UnmockedTaskError';
  }
}

/** SW802: a mock names a state that is not a Task of the definition, or returns a value that is not JSON. */
export class InvalidMockError extends LocalRunError {
  constructor(stateName: string, problem: string) {
    super(CODES.SW802, problem, stateName);
    this.name = 'InvalidMockError';
  }
}

/** SW803: a `TaskMock.sequence()` ran out of steps. */
export class MockExhaustedError extends LocalRunError {
  constructor(stateName: string, calls: number, steps: number) {
    super(CODES.SW803, `the Task was called ${calls} times in this run but its mock sequence has ${steps} step${steps === 1 ? '' : 's'}.`, stateName);
    this.name = 'MockExhaustedError';
  }
}

/** SW804: the definition uses a feature the local runner does not emulate. */
export class UnsupportedFeatureError extends LocalRunError {
  /** Every unsupported use found, one line each (`state 'X': ItemReader`). */
  public readonly features: string[];

  constructor(features: string[]) {
    super(CODES.SW804, `the local runner does not emulate: ${features.join('; ')}.`);
    this.name = 'UnsupportedFeatureError';
    this.features = features;
  }
}

/** SW805: the definition cannot be run (not JSON, a missing transition target, a variable scope clash). */
export class InvalidDefinitionError extends LocalRunError {
  constructor(message: string, stateName?: string) {
    super(CODES.SW805, message, stateName);
    this.name = 'InvalidDefinitionError';
  }
}

/** SW806: the run entered more states than `maxTransitions` allows. */
export class TooManyTransitionsError extends LocalRunError {
  constructor(limit: number, lastState: string) {
    super(CODES.SW806, `the run entered more than ${limit} states (maxTransitions); the last one entered was '${lastState}'.`);
    this.name = 'TooManyTransitionsError';
  }
}

/** A Distributed Map item reader read an S3 object the run's `LocalS3` does not hold. */
export class S3ObjectNotMockedError extends LocalRunError {
  constructor(stateName: string, bucket: string, key: string, held: string[]) {
    super(CODES.SW807, `the item reader reads s3://${bucket}/${key}, which the run's LocalS3 does not hold (it holds: ${held.slice(0, 10).map((k) => `'${k}'`).join(', ') || 'nothing'}).`, stateName);
  }
}
