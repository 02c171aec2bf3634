/**
 * The Db adapter for PostgreSQL (DATABASE_URL), for when several service instances share one
 * database behind a load balancer. Statements outside a transaction take any connection of one
 * pool; a transaction takes a connection of another pool for its whole life, so nothing else runs
 * on it until it has committed or rolled back. Two pools, so that the write path never holds reads
 * back: a burst of one ministry's submissions fills the transactions' pool with connections
 * waiting their turn on the ministry's lock, and reads (every request's authentication, the
 * dashboard) still find connections of their own. A full disk or an unreachable server leaves as
 * the store's StoreUnavailableError (store-errors.ts), whichever statement met it.
 */
import pg from 'pg';
import type { Db, SqlValue } from './db.ts';
import { translateStoreError } from './store-errors.ts';

function values(params: readonly SqlValue[]): unknown[] {
  // pg sends a Buffer as bytea; a plain Uint8Array view is wrapped without copying.
  return params.map((v) =>
    v instanceof Uint8Array && !Buffer.isBuffer(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : v,
  );
}

class PostgresTx implements Db {
  readonly dialect = 'postgres' as const;
  readonly #client: pg.PoolClient;
  #open = true;

  constructor(client: pg.PoolClient) {
    this.#client = client;
  }

  #check(): void {
    // After release the connection belongs to someone else's request.
    if (!this.#open) throw new Error('PostgreSQL: transaction handle used after its transaction ended');
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    this.#check();
    const result = await this.#client.query(sql, values(params));
    return result.rows as T[];
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    this.#check();
    const result = await this.#client.query(sql, values(params));
    return { changes: result.rowCount ?? 0 };
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    this.#check();
    return fn(this);
  }

  async close(): Promise<void> {
    throw new Error('PostgreSQL: close the database, not a transaction');
  }

  end(): void {
    this.#open = false;
  }
}

/** Connections per pool (pg's default): two pools per instance stay far below PostgreSQL's 100. */
const POOL_SIZE = 10;

function pool(connectionString: string, role: string): pg.Pool {
  const p = new pg.Pool({ connectionString, application_name: `pac ${role}`, max: POOL_SIZE });
  // An idle connection dropped by the server (restart, failover) is reported here; the pool has
  // already discarded it and the next statement gets a fresh one. Without a listener the 'error'
  // event would crash the process.
  p.on('error', () => {});
  return p;
}

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  /** Statements outside transactions. */
  readonly #pool: pg.Pool;
  /** Transactions. */
  readonly #transactions: pg.Pool;
  #closed = false;

  constructor(connectionString: string) {
    this.#pool = pool(connectionString, 'statements');
    this.#transactions = pool(connectionString, 'transactions');
  }

  async query<T>(sql: string, params: readonly SqlValue[] = []): Promise<T[]> {
    try {
      const result = await this.#pool.query(sql, values(params));
      return result.rows as T[];
    } catch (err) {
      throw translateStoreError('postgres', err);
    }
  }

  async run(sql: string, params: readonly SqlValue[] = []): Promise<{ changes: number }> {
    try {
      const result = await this.#pool.query(sql, values(params));
      return { changes: result.rowCount ?? 0 };
    } catch (err) {
      throw translateStoreError('postgres', err);
    }
  }

  async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    try {
      return await this.#transaction(fn);
    } catch (err) {
      throw translateStoreError('postgres', err);
    }
  }

  async #transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
    const client = await this.#transactions.connect();
    const tx = new PostgresTx(client);
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(tx);
      tx.end();
      await client.query('COMMIT');
      return result;
    } catch (err) {
      tx.end();
      try {
        await client.query('ROLLBACK');
      } catch (rollbackErr) {
        // A connection that cannot even roll back must not go back to the pool.
        broken = rollbackErr instanceof Error ? rollbackErr : new Error(String(rollbackErr));
      }
      throw err;
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    // pg throws on a second end(); closing twice is harmless everywhere else.
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([this.#pool.end(), this.#transactions.end()]);
  }
}

export function openPostgresDb(connectionString: string): PostgresDb {
  return new PostgresDb(connectionString);
}
