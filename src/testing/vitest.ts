/*
 * cdk-stepwise/testing/vitest: the LocalRun matchers for Vitest. Import it once, in a setup file
 * (`setupFiles`) or a test file: it installs the matchers on Vitest's `expect` and declares them
 * on its `Assertion`.
 */
// eslint-disable-next-line import/no-extraneous-dependencies
import { expect } from 'vitest';
import { LocalRunMatchers, matchers } from './matchers';

/* eslint-disable @typescript-eslint/no-empty-object-type */
declare module 'vitest' {
  interface Assertion<T = any> extends LocalRunMatchers<T> {}
}

expect.extend(matchers);
