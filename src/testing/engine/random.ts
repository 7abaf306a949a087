/* eslint-disable no-bitwise */ // a 32-bit generator is bit arithmetic
/**
 * The random numbers of a local run: retry jitter (`JitterStrategy: FULL`), `States.MathRandom`
 * and JSONata's `$random()` without a seed, and `States.UUID` / `$uuid()`. Seeded, so that a run
 * repeats exactly (a test can assert retry delays); a different seed gives other values.
 *
 * The generator is mulberry32 (a 32-bit state, full period), ample for test data; it is not for
 * anything secret.
 */
export class SeededRandom {
  private state: number;

  /** @param seed any integer */
  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A number in [0, 1). */
  public next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  }

  /** A version 4 UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`) drawn from the generator. */
  public uuid(): string {
    const bytes = Array.from({ length: 16 }, () => Math.floor(this.next() * 256));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
}
