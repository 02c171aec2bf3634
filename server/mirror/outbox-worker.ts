/**
 * The worker that drains the mirror's outbox (one row per target in mirror_outbox, see the Store's
 * outbox methods): it claims the row when it is pending and due, sends the workbook as the data
 * stands at that moment, and records success or schedules a retry.
 *
 * - Coalescing: a change only bumps the row's change counter; the first change of a quiet period
 *   makes the row due `coalesceMs` later, so a burst of submissions is sent once, built from the
 *   latest data. Changes that arrive during a send keep the row pending for one more run.
 * - Retries: any failure (429, 5xx, network, timeout, or a 403 while the sheet is not yet shared)
 *   is recorded with the attempt count and the next attempt's time (backoff.ts); the next run
 *   starts again from the first request, which every step's fixed ranges make safe.
 * - Persistence: schedule, attempts, last error and last success live in the row, so a restarted
 *   or another instance carries on where this one stopped.
 * - One sender: the claim is a lease taken by a single UPDATE. Of several instances sharing one
 *   PostgreSQL database, one sends; a crashed holder's lease expires after `leaseMs` (10 min),
 *   which exceeds a run's worst case: 5 requests × the 60 s request timeout, plus pacing. Should a
 *   holder outlive its lease all the same, its outcome is not recorded (the store checks the owner)
 *   and the writes of both are the same fixed ranges from the same data.
 * - Quota: every request first takes a token from the bucket (pacing.ts).
 *
 * `tick()` does one step and says when the next one is due; `start()` loops on it with the clock.
 * Tests drive `tick()` with a virtual clock, so minutes of outage pass instantly and replay
 * exactly.
 */
import { randomUUID } from 'node:crypto';
import type { Store } from '../store/store.ts';
import { type BackoffOptions, DEFAULT_BACKOFF, describeFailure, retryDelay } from './backoff.ts';
import { type Clock, systemClock } from './clock.ts';
import { DEFAULT_PACING, type PacingOptions, TokenBucket } from './pacing.ts';

/** The outbox row of the consolidated workbook's sheet. */
export const DEFAULT_TARGET = 'consolidated';

export interface SendContext {
  /** To be awaited before each request to Google: waits for the quota and counts the request. */
  beforeRequest: (signal?: AbortSignal) => Promise<void>;
  /** Aborted when the worker stops. */
  signal: AbortSignal;
}

/** Builds the workbook from the latest data and mirrors it; throws when anything fails. */
export type MirrorSend = (context: SendContext) => Promise<unknown>;

export interface WorkerTiming {
  /** How long after the first change of a quiet period the mirror is sent. */
  coalesceMs: number;
  /** Longest sleep between two looks at the outbox (changes made by other instances, expired leases). */
  pollMs: number;
  leaseMs: number;
  backoff: BackoffOptions;
  pacing: PacingOptions;
}

export const DEFAULT_TIMING: WorkerTiming = {
  coalesceMs: 5_000,
  pollMs: 30_000,
  leaseMs: 10 * 60_000,
  backoff: DEFAULT_BACKOFF,
  pacing: DEFAULT_PACING,
};

export interface WorkerOptions {
  store: Store;
  send: MirrorSend;
  target?: string;
  clock?: Clock;
  random?: () => number;
  timing?: Partial<WorkerTiming>;
  /** This worker's name in the lease; unique per process by default. */
  owner?: string;
  log?: (message: string) => void;
}

export type TickOutcome =
  /** Nothing pending. */
  | 'idle'
  /** Pending, but not due yet (coalescing or backing off), or another worker holds the lease. */
  | 'waiting'
  | 'sent'
  | 'failed'
  /** The lease expired during the send and another worker took over; nothing was recorded. */
  | 'lost-lease'
  /** The worker was stopped during the send; the lease was given back. */
  | 'stopped';

export interface TickResult {
  outcome: TickOutcome;
  /** Requests sent to Google during this tick. */
  requests: number;
  error?: string;
  /** The wait scheduled after a failure. */
  retryInMs?: number;
  /** When there may be something to do next (epoch ms); null when nothing is pending. */
  nextAt: number | null;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Shortest sleep of the loop, so a clock disagreement between instances cannot make it spin. */
const MIN_IDLE_MS = 100;

export class OutboxWorker {
  readonly target: string;
  readonly owner: string;
  readonly #store: Store;
  readonly #send: MirrorSend;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #timing: WorkerTiming;
  readonly #bucket: TokenBucket;
  readonly #log: (message: string) => void;
  #loop: Promise<void> | null = null;
  #stopped = true;
  #idle: AbortController | null = null;
  #inflight: AbortController | null = null;

  constructor(options: WorkerOptions) {
    this.#store = options.store;
    this.#send = options.send;
    this.target = options.target ?? DEFAULT_TARGET;
    this.owner = options.owner ?? `pac-${randomUUID()}`;
    this.#clock = options.clock ?? systemClock;
    this.#random = options.random ?? Math.random;
    this.#timing = { ...DEFAULT_TIMING, ...options.timing };
    this.#bucket = new TokenBucket(this.#clock, this.#timing.pacing);
    this.#log = options.log ?? ((m) => console.error(m));
  }

  /** Records a change: one INSERT … ON CONFLICT DO UPDATE. */
  enqueue(): Promise<void> {
    const now = this.#clock.now();
    return this.#store.enqueueMirror(this.target, iso(now), iso(now + this.#timing.coalesceMs));
  }

  /**
   * Records a change and wakes the loop, without waiting and without ever throwing: what calls it
   * (an accepted submission) has already succeeded and must not be held up or undone by the mirror.
   */
  notify(): void {
    this.enqueue().then(
      () => this.#wake(),
      (error: unknown) =>
        this.#log(`Miroir Google Sheets : changement non enregistré dans la file (${String(error)})`),
    );
  }

  /** One step: claim the row if it is due, send, record the outcome. */
  async tick(): Promise<TickResult> {
    const claimedAt = this.#clock.now();
    const row = await this.#store.claimMirror(
      this.target,
      this.owner,
      iso(claimedAt),
      iso(claimedAt + this.#timing.leaseMs),
    );
    if (!row) {
      const current = await this.#store.mirrorOutbox(this.target);
      if (!current?.dirtySince) return { outcome: 'idle', requests: 0, nextAt: null };
      const due = Date.parse(current.nextAttemptAt ?? current.dirtySince);
      const lease = current.leaseUntil ? Date.parse(current.leaseUntil) : 0;
      return { outcome: 'waiting', requests: 0, nextAt: Math.max(due, lease > claimedAt ? lease : 0) };
    }

    const controller = new AbortController();
    this.#inflight = controller;
    let requests = 0;
    try {
      await this.#send({
        signal: controller.signal,
        beforeRequest: async (signal) => {
          await this.#bucket.take(signal);
          requests += 1;
        },
      });
    } catch (error) {
      if (controller.signal.aborted && this.#stopped) {
        await this.#store.releaseMirror(this.target, this.owner);
        return { outcome: 'stopped', requests, nextAt: null };
      }
      const failedAt = this.#clock.now();
      const failure = describeFailure(error, failedAt);
      const retryInMs = retryDelay(failure, row.attempts + 1, this.#random, this.#timing.backoff);
      const recorded = await this.#store.failMirror(this.target, this.owner, {
        at: iso(failedAt),
        nextDueAt: iso(failedAt + retryInMs),
        error: failure.message,
        requests,
      });
      this.#log(
        `Miroir Google Sheets : échec (tentative ${row.attempts + 1}, nouvel essai dans ${Math.round(retryInMs / 1000)} s) : ${failure.message}`,
      );
      return {
        outcome: recorded ? 'failed' : 'lost-lease',
        requests,
        error: failure.message,
        retryInMs,
        nextAt: failedAt + retryInMs,
      };
    } finally {
      this.#inflight = null;
    }

    const doneAt = this.#clock.now();
    // Changes that came in during the send get the usual coalescing delay, counted from the claim.
    const nextDue = Math.max(doneAt, claimedAt + this.#timing.coalesceMs);
    const recorded = await this.#store.completeMirror(this.target, this.owner, {
      claimedSeq: row.changeSeq,
      claimedAt: iso(claimedAt),
      at: iso(doneAt),
      nextDueAt: iso(nextDue),
      requests,
    });
    if (!recorded) return { outcome: 'lost-lease', requests, nextAt: doneAt };
    const after = await this.#store.mirrorOutbox(this.target);
    return { outcome: 'sent', requests, nextAt: after?.dirtySince ? nextDue : null };
  }

  /** Runs tick() in a loop until stop(); a change notified meanwhile wakes it early. */
  start(): void {
    if (this.#loop) return;
    this.#stopped = false;
    this.#loop = this.#run();
  }

  /** Stops the loop; a send in progress is aborted and its lease given back, to resume at next start. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#inflight?.abort(new Error('mirror worker stopping'));
    this.#wake();
    await this.#loop;
    this.#loop = null;
  }

  async #run(): Promise<void> {
    while (!this.#stopped) {
      let nextAt: number | null = null;
      try {
        nextAt = (await this.tick()).nextAt;
      } catch (error) {
        // The database itself is unreachable: try again at the next poll.
        this.#log(`Miroir Google Sheets : file indisponible (${String(error)})`);
      }
      if (this.#stopped) break;
      const wait = Math.min(this.#timing.pollMs, (nextAt ?? Number.POSITIVE_INFINITY) - this.#clock.now());
      const idle = new AbortController();
      this.#idle = idle;
      try {
        await this.#clock.sleep(Math.max(MIN_IDLE_MS, wait), idle.signal);
      } catch {
        // Woken early by notify() or stop().
      }
      this.#idle = null;
    }
  }

  #wake(): void {
    this.#idle?.abort();
  }
}
