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
 * writes may have come after the running one began). The WAL's descriptor is opened once and kept:
 * SQLite removes the WAL only when its last connection closes, and this one is open.
 *
 * A sync that fails fails every write from then on, as StoreUnavailableError 'down' (503), until
 * the service restarts. After a failed fsync the kernel may have dropped the pages it could not
 * write and report the next fsync as a success (PostgreSQL stops for the same reason): a retry
 * would then find its return in memory and be acknowledged without being on disk. Reads go on.
 */
import { close, fdatasync, open } from 'node:fs';
import { StoreUnavailableError } from './store-errors.ts';

/** Syncs a file's data to disk (tests give their own, to watch or fail it). */
export type SyncFile = (path: string) => Promise<void>;

export class WalSync {
  readonly #path: string;
  readonly #sync: SyncFile | null;
  #fd: number | null = null;
  #running: Promise<void> | null = null;
  #queued: Promise<void> | null = null;
  /** Set by the first failed sync: no write is acknowledged after it (see the header). */
  #broken: StoreUnavailableError | null = null;

  constructor(walPath: string, sync?: SyncFile) {
    this.#path = walPath;
    this.#sync = sync ?? null;
  }

  /** Resolves once everything written to the WAL before this call is on disk. */
  durable(): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
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

  /** After the connection's close: waits for the syncs asked for, then closes the descriptor. */
  async close(): Promise<void> {
    await Promise.allSettled([this.#running, this.#queued]);
    const fd = this.#fd;
    this.#fd = null;
    if (fd !== null) await new Promise((resolve) => close(fd, resolve));
  }

  #start(): Promise<void> {
    if (this.#broken) return Promise.reject(this.#broken);
    const run = (this.#sync ? this.#sync(this.#path) : this.#datasync())
      .catch((cause: unknown) => {
        if (!this.#broken) {
          this.#broken = new StoreUnavailableError('down', 30, { cause });
          // Once, for whoever runs the service: the answers only say « momentanément indisponible ».
          console.error(
            `La synchronisation sur disque du journal SQLite (${this.#path}) a échoué : plus aucune écriture n'est acceptée ; vérifiez le disque puis redémarrez le service. / Syncing the SQLite journal to disk failed: no write is accepted any more; check the disk, then restart the service. (${String(cause)})`,
          );
        }
        throw this.#broken;
      })
      .finally(() => {
        if (this.#running === run) this.#running = null;
      });
    this.#running = run;
    return run;
  }

  /** fdatasync on libuv's thread pool, through the descriptor opened at the first sync. */
  async #datasync(): Promise<void> {
    if (this.#fd === null) {
      const opened = await new Promise<number | null>((resolve, reject) =>
        // Read-write although nothing is written through it: Windows syncs only a handle that may write.
        open(this.#path, 'r+', (err, fd) => {
          // No WAL yet: nothing was written to one, nothing to sync.
          if (err?.code === 'ENOENT') resolve(null);
          else if (err) reject(err);
          else resolve(fd);
        }),
      );
      if (opened === null) return;
      this.#fd = opened;
    }
    const fd = this.#fd;
    await new Promise<void>((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));
  }
}
