/*
 * cdk-stepwise/testing/jest: the LocalRun matchers for Jest with its globals (`@types/jest`).
 * Import it once, in a setup file (`setupFilesAfterEach`) or a test file: it installs the matchers
 * on the global `expect` and declares them on `jest.Matchers`.
 */
import { LocalRunMatchers, matchers } from './matchers';

/* eslint-disable @typescript-eslint/no-namespace, @typescript-eslint/no-empty-object-type */
declare global {
  namespace jest {
    interface Matchers<R> extends LocalRunMatchers<R> {}
  }
}

const globalExpect = (globalThis as { expect?: { extend(m: object): void } }).expect;
if (globalExpect === undefined) {
  throw new Error('cdk-stepwise/testing/jest: there is no global `expect` (injectGlobals off?); '
    + 'call expect.extend(matchers) with the `expect` you import instead');
}
globalExpect.extend(matchers);
