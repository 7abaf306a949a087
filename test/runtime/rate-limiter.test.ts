import { RateLimiter } from '../../src/runtime/rate-limiter';

describe('RateLimiter', () => {
  test('gives the bucket at once, then one token per 1/rate second, in order', async () => {
    let now = 0;
    const limiter = new RateLimiter(2, () => now);
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
    now = 500;
    expect(limiter.tryTake()).toBe(true);
    expect(limiter.tryTake()).toBe(false);
  });

  test('take() waits for a token (real clock)', async () => {
    const limiter = new RateLimiter(50);
    const start = Date.now();
    const order: number[] = [];
    await Promise.all(Array.from({ length: 55 }, (_, i) => limiter.take().then(() => order.push(i))));
    // 50 at once, then 5 more at 50 per second: about 100 ms.
    expect(Date.now() - start).toBeGreaterThanOrEqual(80);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  test('releaseAll() frees every waiter', async () => {
    const limiter = new RateLimiter(1);
    limiter.tryTake();
    const waiting = limiter.take();
    limiter.releaseAll();
    await expect(waiting).resolves.toBeUndefined();
  });
});
