/**
 * The Db adapter for the embedded default: one better-sqlite3 connection to a file, set up so an
 * acknowledged write survives a crash (WAL journal, synced to disk before any write is answered:
 * ./wal-sync.ts, off the event loop) and so another process on the same file (the CLI next to the
 * server) is waited for instead of failing.
 *
 * That wait is ours, not SQLite's: SQLite's busy_timeout sleeps inside the call, which for
 * better-sqlite3 means the whole event loop stops — every request of the service, health checks
 * included, froze while another process held the write lock. Here busy_timeout is 0; a statement
 * or a BEGIN IMMEDIATE that finds the database locked gives the connection back, sleeps with a
 * timer (growing steps, as SQLite's own handler does) and tries again, up to LOCK_WAIT_MS. Reads
 * go on meanwhile (WAL readers never wait for a writer). A write still locked out after that
 * fails with StoreUnavailableError 'busy' (the HTTP layer answers 503 with Retry-After).
 *
 * better-sqlite3 is synchronous, the Db interface is not: every statement and every transaction
 * goes through one async mutex, so nothing from another request can run on the connection while a
 * transaction is open. Connections to the same file within one process share that mutex; two of
 * them would otherwise only find each other's lock taken and poll for it, in turns, like two
 * processes.
 *
 * Group commit: a commit is only answered once the WAL is synced (an fsync, 1 to 3 ms on these
 * machines). Transactions asked for in the same turn of the event loop are therefore run one after
 * the other inside one SQLite transaction, each in a SAVEPOINT of its own (a failing one is rolled
 * back alone, as if it had been separate), and committed with one sync; none of them resolves
 * before that sync has finished. Under load this turns one fsync per submission into one per
 * batch; alone, a transaction waits only for the end of the current turn. The sync itself runs on
 * libuv's thread pool (synchronous=NORMAL, then ./wal-sync.ts): inside COMMIT, as with
 * synchronous=FULL, it held the event loop for a third of its time under load. A standalone
 * statement that writes is answered after a sync too, unless it is not worth waiting for
 * (RunOptions.wait). After a failed sync, no write is answered at all (./wal-sync.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { realpathSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { CHECKPOINT_DEFAULTS, type CheckpointOptions, Checkpoints } from './checkpoints.ts';
import type { Db, RunOptions, SqlValue } from './db.ts';
import { Mutex } from './mutex.ts';
import { StoreUnavailableError, translateStoreError } from './store-errors.ts';
import { type SyncFile, WalSync } from './wal-sync.ts';

/**
 * How long a statement or transaction waits for another process's write lock before failing (ms).
 * A process arriving during a long unbroken burst of another's transactions may time out: fine for
 * the CLI beside the server, and the reason several service instances need PostgreSQL.
 */
export const LOCK_WAIT_MS = 5000;
/** Sleeps between two tries while the lock is held elsewhere: SQLite's own busy handler's steps (ms). */
const RETRY_STEPS_MS = [1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100];
/** Prepared statements kept per connection; PAC's own SQL is a few dozen statements. */
const STATEMENT_CACHE_SIZE = 200;
/**
 * Transactions committed together at most: a longer batch would keep reads waiting on the mutex
 * for longer (each submission's statements take a fraction of a millisecond).
 */
const MAX_BATCH = 32;

const sharedMutexes = new Map<string, { mutex: Mutex; users: number }>();
/** The mutex whose transaction the current async call chain is running in, if any. */
const insideTransaction = new AsyncLocalStorage<Mutex>();

type Raw = Database.Database;
type Statement = Database.Statement<unknown[], unknown>;

/** `$1` → `?1`. PAC's SQL never has `$` inside a string literal, so a plain rewrite is enough. */
export function toSqlitePlaceholders(sql: string): string {
  return sql.replace(/\$(\d+)/g, '?$1');
}

/** better-sqlite3 binds `?N` parameters by name: `{ 1: …, 2: … }`. */
function bindings(params: readonly SqlValue[]): Record<string, unknown> {
  const named: Record<string, unknown> = {};
  params.forEach((value, i) => {
    named[String(i + 1)] = value === undefined ? null : value;
  });
  return named;
}

class Statements {
  readonly #raw: Raw;
  readonly #cache = new Map<string, Statement>();

  constructor(raw: Raw) {
    this.#raw = raw;
  }

  /** Whether the statement may write (better-sqlite3 asks SQLite: sqlite3_stmt_readonly). */
  writes(sql: string): boolean {
    return !this.get(sql).readonly;
  }

  get(sql: string): Statement {
    let stmt = this.#cache.get(sql);
    if (!stmt) {
      if (this.#cache.size >= STATEMENT_CACHE_SIZE) this.#cache.clear();
      stmt = this.#raw.prepare(toSqlitePlaceholders(sql));
      this.#cache.set(sql, stmt);
    }
    return stmt;
  }

  query<T>(sql: string, params: readonly SqlValue[]): T[] {
    const stmt = this.get(sql);
    return (params.length ? stmt.all(bindings(params)) : stmt.all()) as T[];
  }

  run(sql: string, params: readonly SqlValue[]): { changes: number } {
    const stmt = this.get(sql);
    const info = params.length ? stmt.run(bindings(params)) : stmt.run();
    return { changes: info.changes };
  }
}

/** The handle given to a transaction's callback: runs directly, since the mutex is already held. */
class SqliteTx implements Db {
  readonly dialect = 'sqlite' as const;
  #open = true;
  readonly #statements: Statements;

  constructor(statements: Statements) {
    this.#statements = statements;
  }

  #check(): void {
    // A statement on a finished transaction's handle would run outside any transaction, or inside
    // someone else's.
    if (!this.#open) throw new Error('SQLite: transaction handle used after its transaction ended');
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.#check();
    return this.#statements.query<T>(sql, params);
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    this.#check();
    return this.#statements.run(sql, params);
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#check();
    return fn(this);
  }

  async close(): Promise<void> {
    throw new Error('SQLite: close the database, not a transaction');
  }

  end(): void {
    this.#open = false;
  }
}

/** A try that found the database locked by another process; thrown nowhere, only returned. */
const LOCKED = Symbol('locked');

function isLocked(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** A transaction waiting for the next group commit. */
interface Queued {
  fn: (tx: Db) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  /** When it gives up waiting for another process's write lock (Date.now() ms). */
  deadline: number;
}

export interface SqliteOptions {
  /** How long to wait for another process's write lock (ms); LOCK_WAIT_MS by default. */
  lockWaitMs?: number;
  /** How the WAL file is synced (tests watch or fail it); fdatasync by default. */
  syncFile?: SyncFile;
  /** When and how often a thread checkpoints the file (./checkpoints.ts); tests make it sooner. */
  checkpoints?: Partial<CheckpointOptions>;
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly file: string;
  readonly #raw: Raw;
  readonly #statements: Statements;
  readonly #mutex: Mutex;
  readonly #lockWaitMs: number;
  /** Syncs the WAL before a write is answered (synchronous=NORMAL leaves it to us). */
  readonly #wal: WalSync;
  /** Checkpoints on a thread of their own once the connection is busy (./checkpoints.ts). */
  readonly #checkpoints: Checkpoints;
  #closed = false;
  /** Transactions waiting for the next group commit, in the order they were asked for. */
  #queue: Queued[] = [];
  /** Whether a flush of the queue is scheduled or running. */
  #flushing = false;

  constructor(file: string, options: SqliteOptions = {}) {
    this.#lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
    this.#raw = new Database(file);
    try {
      const mode = this.#raw.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new Error(`SQLite: journal WAL impossible sur ${file} (mode obtenu : ${String(mode)})`);
      }
      // The WAL is written at each commit and synced by #wal before the commit is answered, off
      // the event loop (see the header); checkpoints still sync the WAL and the database themselves.
      this.#raw.pragma('synchronous = NORMAL');
      this.#raw.pragma('foreign_keys = ON');
      // Never wait inside SQLite (it would stop the event loop): see #locked below.
      this.#raw.pragma('busy_timeout = 0');
    } catch (err) {
      this.#raw.close();
      throw err;
    }
    this.file = realpathSync(file);
    this.#wal = new WalSync(`${this.file}-wal`, options.syncFile);
    this.#checkpoints = new Checkpoints(
      this.file,
      { ...CHECKPOINT_DEFAULTS, ...options.checkpoints },
      (pages) => {
        if (!this.#closed) this.#raw.pragma(`wal_autocheckpoint = ${pages}`);
      },
    );
    const shared = sharedMutexes.get(this.file) ?? { mutex: new Mutex(), users: 0 };
    shared.users += 1;
    sharedMutexes.set(this.file, shared);
    this.#mutex = shared.mutex;
    this.#statements = new Statements(this.#raw);
  }

  /** A connection setting, for tests that check the durability settings. */
  pragma(name: string): unknown {
    return this.#raw.pragma(name, { simple: true });
  }

  /** How long a write waits for another process's lock (ms). */
  get lockWaitMs(): number {
    return this.#lockWaitMs;
  }

  /** Waiting for the mutex from inside its own transaction would wait forever: fail loudly instead. */
  #guard(): void {
    if (insideTransaction.getStore() === this.#mutex) {
      throw new Error(
        'SQLite: the database handle was used inside one of its transactions; use the tx handle',
      );
    }
  }

  /**
   * Runs `attempt` under the mutex until it does not find the database locked by another process:
   * between two tries the mutex is released and the wait is a timer, so this process's other
   * requests (reads above all) carry on. Gives up with 'busy' after the lock wait, or at once when
   * `wait` is false. Driver errors leave as the store's (store-errors.ts).
   */
  async #locked<T>(attempt: () => Promise<T | typeof LOCKED> | T | typeof LOCKED, wait = true): Promise<T> {
    const deadline = Date.now() + this.#lockWaitMs;
    try {
      for (let tries = 0; ; tries++) {
        const outcome = await this.#mutex.run(attempt);
        if (outcome !== LOCKED) return outcome;
        if (!wait || Date.now() >= deadline) throw new StoreUnavailableError('busy', 5);
        const step = RETRY_STEPS_MS[Math.min(tries, RETRY_STEPS_MS.length - 1)] ?? 100;
        await sleep(Math.min(step, Math.max(1, deadline - Date.now())));
      }
    } catch (err) {
      throw translateStoreError('sqlite', err);
    }
  }

  /** One statement, with LOCKED for a database locked elsewhere instead of an error. */
  #statement<T>(run: () => T): () => T | typeof LOCKED {
    return () => {
      try {
        return run();
      } catch (err) {
        if (isLocked(err)) return LOCKED;
        throw err;
      }
    };
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.#guard();
    const rows = await this.#locked(this.#statement(() => this.#statements.query<T>(sql, params)));
    // A query that writes (UPDATE … RETURNING) is answered once on disk, as any write.
    if (this.#statements.writes(sql)) await this.#wal.durable();
    return rows;
  }

  async run(
    sql: string,
    params: readonly SqlValue[] = [],
    options: RunOptions = {},
  ): Promise<{ changes: number }> {
    this.#guard();
    const result = await this.#locked(
      this.#statement(() => this.#statements.run(sql, params)),
      options.wait ?? true,
    );
    // A write not worth waiting for (RunOptions.wait) does not wait for the disk either.
    if (options.wait !== false) await this.#wal.durable();
    return result;
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#guard();
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({
        fn,
        resolve: resolve as (value: unknown) => void,
        reject,
        deadline: Date.now() + this.#lockWaitMs,
      });
      if (!this.#flushing) {
        this.#flushing = true;
        // At the end of this turn of the event loop, so that every transaction asked for in it
        // joins the same commit.
        setImmediate(() => void this.#flush());
      }
    });
  }

  /**
   * Commits the queue batch after batch until it is empty. While another process holds the write
   * lock, waits on timers as #locked does, failing with 'busy' each transaction whose own lock wait
   * is over.
   */
  async #flush(): Promise<void> {
    try {
      for (let tries = 0; this.#queue.length > 0; ) {
        const outcome = await this.#mutex.run(() => this.#commitBatch());
        if (outcome !== LOCKED) {
          tries = 0;
          continue;
        }
        const now = Date.now();
        const expired = this.#queue.filter((q) => q.deadline <= now);
        this.#queue = this.#queue.filter((q) => q.deadline > now);
        for (const q of expired) q.reject(new StoreUnavailableError('busy', 5));
        if (this.#queue.length === 0) break;
        const step = RETRY_STEPS_MS[Math.min(tries++, RETRY_STEPS_MS.length - 1)] ?? 100;
        await sleep(step);
      }
    } finally {
      // Synchronously after the queue was seen empty: a transaction asked for from now on
      // schedules a flush of its own.
      this.#flushing = false;
    }
  }

  /**
   * One group commit, under the mutex: BEGIN IMMEDIATE, each queued transaction in its own
   * SAVEPOINT, COMMIT, then each caller is answered. LOCKED when another process holds the lock.
   */
  async #commitBatch(): Promise<undefined | typeof LOCKED> {
    if (this.#closed) {
      for (const q of this.#queue.splice(0)) q.reject(new Error('SQLite: the database is closed'));
      return undefined;
    }
    try {
      // IMMEDIATE takes the write lock now rather than at the first write, so a read-then-write
      // (next version number) cannot interleave with another process's writer. Only this BEGIN is
      // tried again when the lock is taken: once it holds the lock, each `fn` runs once per
      // transaction that commits.
      this.#raw.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if (isLocked(err)) return LOCKED;
      for (const q of this.#queue.splice(0)) q.reject(translateStoreError('sqlite', err));
      return undefined;
    }
    const batch = this.#queue.splice(0, MAX_BATCH);
    const done: { q: Queued; value: unknown }[] = [];
    for (const [i, q] of batch.entries()) {
      this.#raw.exec('SAVEPOINT pac_one');
      const tx = new SqliteTx(this.#statements);
      try {
        const value = await insideTransaction.run(this.#mutex, () => q.fn(tx));
        tx.end();
        this.#raw.exec('RELEASE pac_one');
        done.push({ q, value });
      } catch (err) {
        tx.end();
        q.reject(translateStoreError('sqlite', err));
        if (this.#raw.inTransaction) {
          this.#raw.exec('ROLLBACK TO pac_one');
          this.#raw.exec('RELEASE pac_one');
          continue;
        }
        // SQLite rolled the whole transaction back by itself (SQLITE_FULL, an I/O error): what the
        // others wrote is gone too, so they run again, first in the next batch.
        this.#queue.unshift(...done.map((d) => d.q), ...batch.slice(i + 1));
        return undefined;
      }
    }
    try {
      this.#raw.exec('COMMIT');
    } catch (err) {
      if (this.#raw.inTransaction) this.#raw.exec('ROLLBACK');
      for (const { q } of done) q.reject(translateStoreError('sqlite', err));
      return undefined;
    }
    this.#checkpoints.committed();
    // Answered once on disk; the mutex is free meanwhile, so the next batch can already run.
    if (done.length > 0) {
      this.#wal.durable().then(
        () => {
          for (const { q, value } of done) q.resolve(value);
        },
        (err: unknown) => {
          for (const { q } of done) q.reject(err);
        },
      );
    }
    return undefined;
  }

  async close(): Promise<void> {
    this.#guard();
    return this.#mutex.run(async () => {
      if (this.#closed) return;
      this.#closed = true;
      // The thread's connection first: the last one to close checkpoints the WAL and removes it.
      await this.#checkpoints.close();
      this.#raw.close();
      await this.#wal.close();
      const shared = sharedMutexes.get(this.file);
      if (shared && --shared.users === 0) sharedMutexes.delete(this.file);
    });
  }
}

export function openSqliteDb(file: string, options?: SqliteOptions): SqliteDb {
  return new SqliteDb(file, options);
}
