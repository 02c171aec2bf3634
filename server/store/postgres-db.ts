/**
 * The Db adapter for PostgreSQL (DATABASE_URL), for when several service instances share one
 * database behind a load balancer. Statements outside a transaction take any pooled connection;
 * a transaction takes one connection of its own for its whole life, so nothing else runs on it
 * until it has committed or rolled back. A full disk or an unreachable server leaves as the store's
 * StoreUnavailableError (store-errors.ts), whichever statement met it.
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

export class PostgresDb implements Db {
  readonly dialect = 'postgres' as const;
  readonly #pool: pg.Pool;
  #closed = false;

  constructor(connectionString: string) {
    this.#pool = new pg.Pool({ connectionString, application_name: 'pac' });
    // An idle connection dropped by the server (restart, failover) is reported here; the pool has
    // already discarded it and the next statement gets a fresh one. Without a listener the 'error'
    // event would crash the process.
    this.#pool.on('error', () => {});
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
    const client = await this.#pool.connect();
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
    await this.#pool.end();
  }
}

export function openPostgresDb(connectionString: string): PostgresDb {
  return new PostgresDb(connectionString);
}
