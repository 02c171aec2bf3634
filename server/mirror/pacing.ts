/**
 * Keeps the mirror under Google's quota of 60 requests per minute per user with a token bucket:
 * `capacity` requests may go at once, then one more every 60 000 / perMinute ms. In any window of
 * a minute at most capacity + perMinute requests leave, so the defaults (10 + 50) stay at 60 even
 * when a retry follows a full run straight away. One bucket serves every request of the process;
 * across instances only the lease holder sends (see outbox-worker.ts).
 */
import type { Clock } from './clock.ts';

export interface PacingOptions {
  capacity: number;
  perMinute: number;
}

export const DEFAULT_PACING: PacingOptions = { capacity: 10, perMinute: 50 };

export class TokenBucket {
  readonly #clock: Clock;
  readonly #capacity: number;
  readonly #msPerToken: number;
  #tokens: number;
  #updatedAt: number;

  constructor(clock: Clock, options: PacingOptions = DEFAULT_PACING) {
    if (options.capacity < 1 || options.perMinute <= 0)
      throw new Error('TokenBucket: capacity ≥ 1 and perMinute > 0');
    this.#clock = clock;
    this.#capacity = options.capacity;
    this.#msPerToken = 60_000 / options.perMinute;
    this.#tokens = options.capacity;
    this.#updatedAt = clock.now();
  }

  #refill(): void {
    const now = this.#clock.now();
    const earned = (now - this.#updatedAt) / this.#msPerToken;
    this.#tokens = Math.min(this.#capacity, this.#tokens + earned);
    this.#updatedAt = now;
  }

  /** Waits until a request may be sent, then counts it. */
  async take(signal?: AbortSignal): Promise<void> {
    this.#refill();
    while (this.#tokens < 1) {
      await this.#clock.sleep(Math.ceil((1 - this.#tokens) * this.#msPerToken), signal);
      this.#refill();
    }
    this.#tokens -= 1;
  }
}
