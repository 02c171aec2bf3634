/**
 * SQLite's checkpoints, moved off the event loop. A checkpoint copies the WAL's pages into the
 * database file and syncs both; SQLite runs one inside the COMMIT that takes the WAL past 1000
 * pages, and better-sqlite3 runs COMMIT on the event loop: under load, one commit in twenty held
 * every request for 5 to 35 ms, which made most of the submissions' p99.
 *
 * Once a connection has committed a while (`afterCommits`: the CLI and short tests never get
 * there), a thread of its own (./checkpoint-worker.ts) opens the same file and checkpoints it every
 * `everyMs`, and the connection stops checkpointing itself (wal_autocheckpoint = 0). Its passive
 * checkpoints never hold the writer back; but under a steady stream of commits one rarely finds
 * the WAL with nothing new, so the WAL would only grow: past `restartFrames` pages the thread
 * makes a RESTART checkpoint, which waits for the commit under way (the event loop does not wait:
 * a write finding the lock taken retries on timers, ./sqlite-db.ts) and makes the next commit write
 * the WAL from its start again. If the thread stops, the connection checkpoints itself again.
 */
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

export interface CheckpointOptions {
  /** Commits made by the connection itself before the thread starts. */
  afterCommits: number;
  /** How often the thread checkpoints (ms). */
  everyMs: number;
  /** WAL pages past which the thread brings the WAL back to its start (RESTART). */
  restartFrames: number;
}

export const CHECKPOINT_DEFAULTS: CheckpointOptions = {
  afterCommits: 200,
  everyMs: 200,
  // 16,384 pages of 4 KiB: a WAL of 64 MiB at most, about four seconds of submissions at full load.
  restartFrames: 16_384,
};

/** SQLite's own default, given back to the connection when the thread stops. */
const SQLITE_AUTOCHECKPOINT = 1000;

/** One pass of the thread: a passive checkpoint, and a RESTART when the WAL has grown too long. */
export function checkpointStep(db: Database.Database, restartFrames: number): 'passive' | 'restart' {
  const [passive] = db.pragma('wal_checkpoint(PASSIVE)') as { log: number }[];
  if ((passive?.log ?? 0) <= restartFrames) return 'passive';
  db.pragma('wal_checkpoint(RESTART)');
  return 'restart';
}

/** What the thread is given. */
export interface CheckpointWork {
  module: string;
  file: string;
  everyMs: number;
  restartFrames: number;
}

const ENTRY = new URL('../thread-entry.js', import.meta.url);
const MODULE = new URL('./checkpoint-worker.ts', import.meta.url).href;

export class Checkpoints {
  readonly #file: string;
  readonly #options: CheckpointOptions;
  /** Sets the connection's own wal_autocheckpoint. */
  readonly #setAutocheckpoint: (pages: number) => void;
  #commits = 0;
  #worker: Worker | null = null;
  #stopped = false;

  constructor(file: string, options: CheckpointOptions, setAutocheckpoint: (pages: number) => void) {
    this.#file = file;
    this.#options = options;
    this.#setAutocheckpoint = setAutocheckpoint;
  }

  /** Whether the thread is checkpointing for the connection. */
  get inThread(): boolean {
    return this.#worker !== null;
  }

  /** Told after each commit of the connection. */
  committed(): void {
    if (this.#worker !== null || this.#stopped || ++this.#commits < this.#options.afterCommits) return;
    const workerData: CheckpointWork = {
      module: MODULE,
      file: this.#file,
      everyMs: this.#options.everyMs,
      restartFrames: this.#options.restartFrames,
    };
    const worker = new Worker(ENTRY, { workerData });
    this.#worker = worker;
    worker.unref();
    // The connection leaves checkpoints to the thread once the thread has its own connection.
    worker.once('message', () => {
      if (this.#worker === worker) this.#setAutocheckpoint(0);
    });
    const stopped = () => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      this.#stopped = true; // not started again: the connection checkpoints itself, as before
      this.#setAutocheckpoint(SQLITE_AUTOCHECKPOINT);
    };
    worker.once('error', stopped);
    worker.once('exit', stopped);
  }

  /** Stops the thread and waits for its connection to close (before the connection's own close). */
  async close(): Promise<void> {
    this.#stopped = true;
    const worker = this.#worker;
    if (worker === null) return;
    this.#worker = null;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage('close');
    const timer = setTimeout(() => void worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
