/**
 * Making SQLite's WAL durable without stopping the event loop. With synchronous=FULL, SQLite syncs
 * the WAL inside COMMIT, and better-sqlite3 runs COMMIT on the event loop: each fsync (1 to 2 ms on
 * these machines) held every request of the service, a third of the event loop's time under load.
 * The adapter (./sqlite-db.ts) therefore commits with synchronous=NORMAL, which writes the WAL
 * without syncing it, and asks this module for the sync instead: an fdatasync of the WAL file on
 * libuv's thread pool, awaited before any write is answered. An answered write is on disk exactly
 * as with FULL (Linux syncs a file's data whatever descriptor asks); meanwhile the event loop reads,
 * answers and commits the next writes.
 *
 * Syncs are shared: one running, at most one more queued for everyone who asks meanwhile (their
 * writes may have come after the running one began). A sync that fails fails only those waiting
 * for it, as StoreUnavailableError 'down': their writes may be committed but are not known to be
 * on disk, so they are not acknowledged; a retry with the same idempotency key finds them.
 */
import { open } from 'node:fs/promises';
import { StoreUnavailableError } from './store-errors.ts';

/** Syncs a file's data to disk. */
export type SyncFile = (path: string) => Promise<void>;

/** fdatasync through a descriptor of its own, so a WAL replaced since the last sync is still the one synced. */
export const datasyncFile: SyncFile = async (path) => {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, 'r');
  } catch (err) {
    // No WAL: SQLite removes it only after checkpointing it into the database file, which it
    // syncs first; what was in it is on disk.
    if ((err as { code?: unknown }).code === 'ENOENT') return;
    throw err;
  }
  try {
    await handle.datasync();
  } finally {
    await handle.close();
  }
};

export class WalSync {
  readonly #path: string;
  readonly #sync: SyncFile;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

  constructor(walPath: string, sync: SyncFile = datasyncFile) {
    this.#path = walPath;
    this.#sync = sync;
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  durable(): Promise<void> {
    if (this.#running === null) return this.#start();
    // The running sync may have begun before this caller's write: the next one, shared.
    if (this.#queued === null) {
      const after = () => {
        this.#queued = null;
        return this.#start();
      };
      this.#queued = this.#running.then(after, after);
    }
    return this.#queued;
  }

  #start(): Promise<void> {
    const run = this.#sync(this.#path)
      .catch((cause: unknown) => {
        throw new StoreUnavailableError('down', 30, { cause });
      })
      .finally(() => {
        if (this.#running === run) this.#running = null;
      });
    this.#running = run;
    return run;
  }
}
