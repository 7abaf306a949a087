/**
 * A token bucket shared by every task of a worker, so that heartbeats stay within a budget:
 * N running tasks heartbeating every h seconds cost N/h SendTaskHeartbeat calls per second, out of
 * an account-wide refill of 500 per second in the largest Regions (300 elsewhere).
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html
 */
export class RateLimiter {
  private tokens: number;
  private last: number;
  private readonly waiters: Array<() => void> = [];
  private timer?: ReturnType<typeof setTimeout>;

  /**
   * @param ratePerSecond tokens added per second (also the bucket size)
   * @param now the clock, in milliseconds
   */
  constructor(private readonly ratePerSecond: number, private readonly now: () => number = Date.now) {
    this.tokens = ratePerSecond;
    this.last = now();
  }

  /** Takes a token at once if one is free (returns true), else returns false. */
  public tryTake(): boolean {
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Resolves when a token was taken; callers are served in order. */
  public take(): Promise<void> {
    if (this.tryTake()) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.schedule();
    });
  }

  /** Releases every waiter at once (the worker is stopping; nothing more will be sent). */
  public releaseAll(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    for (const resolve of this.waiters.splice(0)) {
      resolve();
    }
  }

  private refill(): void {
    const now = this.now();
    this.tokens = Math.min(this.ratePerSecond, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  private schedule(): void {
    if (this.timer || this.waiters.length === 0) {
      return;
    }
    this.refill();
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refill();
      while (this.waiters.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.waiters.shift()!();
      }
      this.schedule();
    }, wait);
  }
}
