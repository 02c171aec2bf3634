/**
 * The Db adapter for the embedded default: one better-sqlite3 connection to a file, set up so an
 * acknowledged write survives a crash (WAL journal, synchronous=FULL: the WAL is synced at every
 * commit) and so another process on the same file (the CLI next to the server) is waited for
 * instead of failing.
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
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { realpathSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import type { Db, RunOptions, SqlValue } from './db.ts';
import { Mutex } from './mutex.ts';
import { StoreUnavailableError, translateStoreError } from './store-errors.ts';

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

export interface SqliteOptions {
  /** How long to wait for another process's write lock (ms); LOCK_WAIT_MS by default. */
  lockWaitMs?: number;
}

export class SqliteDb implements Db {
  readonly dialect = 'sqlite' as const;
  readonly file: string;
  readonly #raw: Raw;
  readonly #statements: Statements;
  readonly #mutex: Mutex;
  readonly #lockWaitMs: number;
  #closed = false;

  constructor(file: string, options: SqliteOptions = {}) {
    this.#lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS;
    this.#raw = new Database(file);
    try {
      const mode = this.#raw.pragma('journal_mode = WAL', { simple: true });
      if (String(mode).toLowerCase() !== 'wal') {
        throw new Error(`SQLite: journal WAL impossible sur ${file} (mode obtenu : ${String(mode)})`);
      }
      this.#raw.pragma('synchronous = FULL');
      this.#raw.pragma('foreign_keys = ON');
      // Never wait inside SQLite (it would stop the event loop): see #locked below.
      this.#raw.pragma('busy_timeout = 0');
    } catch (err) {
      this.#raw.close();
      throw err;
    }
    this.file = realpathSync(file);
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
    return this.#locked(this.#statement(() => this.#statements.query<T>(sql, params)));
  }

  async run(
    sql: string,
    params: readonly SqlValue[] = [],
    options: RunOptions = {},
  ): Promise<{ changes: number }> {
    this.#guard();
    return this.#locked(
      this.#statement(() => this.#statements.run(sql, params)),
      options.wait ?? true,
    );
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#guard();
    return this.#locked(async (): Promise<T | typeof LOCKED> => {
      // IMMEDIATE takes the write lock now rather than at the first write, so a read-then-write
      // (next version number) cannot interleave with another process's writer. Only this BEGIN is
      // tried again when the lock is taken: once it holds the lock, `fn` runs exactly once.
      try {
        this.#raw.exec('BEGIN IMMEDIATE');
      } catch (err) {
        if (isLocked(err)) return LOCKED;
        throw err;
      }
      const tx = new SqliteTx(this.#statements);
      try {
        const result = await insideTransaction.run(this.#mutex, () => fn(tx));
        tx.end();
        this.#raw.exec('COMMIT');
        return result;
      } catch (err) {
        tx.end();
        // SQLite rolls back by itself after some errors (SQLITE_FULL, I/O errors).
        if (this.#raw.inTransaction) this.#raw.exec('ROLLBACK');
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    this.#guard();
    return this.#mutex.run(() => {
      if (this.#closed) return;
      this.#closed = true;
      this.#raw.close();
      const shared = sharedMutexes.get(this.file);
      if (shared && --shared.users === 0) sharedMutexes.delete(this.file);
    });
  }
}

export function openSqliteDb(file: string, options?: SqliteOptions): SqliteDb {
  return new SqliteDb(file, options);
}
