/**
 * `Promise.withResolvers` (ES2024) for Node 20, which lacks it. aws-local-stepfunctions, the ASL
 * interpreter behind the local runner, calls it. Node 22 and later have it natively and this is a
 * no-op there.
 */
export function installPromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: unknown };
  if (typeof P.withResolvers === 'function') {
    return;
  }
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}
