/**
 * Time as the mirror sees it: what time it is and how to wait. The service uses the system clock;
 * tests and the benchmark use a virtual clock whose waits move time forward at once, so a
 * ten-minute outage or a minute of quota pacing takes no real time and always plays out the same.
 */

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it is aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortReason(signal));
        return;
      }
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal ? abortReason(signal) : new Error('aborted'));
      };
      const timer = setTimeout(
        () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

/** A clock that only moves when told to or when someone sleeps on it. */
export class VirtualClock implements Clock {
  #now: number;

  constructor(start: number | string = '2025-03-01T08:00:00Z') {
    this.#now = typeof start === 'number' ? start : Date.parse(start);
  }

  now(): number {
    return this.#now;
  }

  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw abortReason(signal);
    this.#now += Math.max(0, ms);
  }

  /** Moves to `at` (never backwards). */
  advanceTo(at: number): void {
    this.#now = Math.max(this.#now, at);
  }

  advance(ms: number): void {
    this.#now += Math.max(0, ms);
  }
}
