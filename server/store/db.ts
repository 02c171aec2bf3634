/**
 * The tiny database layer under the store: one interface, two adapters (sqlite-db.ts,
 * postgres-db.ts), which also turn their driver's failures (full disk, locked, unreachable) into
 * the store's own StoreUnavailableError (store-errors.ts). SQL is written once with `$1, $2`
 * placeholders; where the dialects really differ (column types, advisory locks, error codes) a
 * small function of the dialect below says so, so the queries of the *-sql.ts modules never fork.
 */

export type Dialect = 'sqlite' | 'postgres';

/** A value either driver binds the same way. Booleans are avoided in parameters (SQLite has none). */
export type SqlValue = string | number | null | Uint8Array;

export interface RunOptions {
  /**
   * False for a write that is not worth waiting for (a token's last use): when another process
   * holds the database's write lock it fails at once with StoreUnavailableError 'busy' instead of
   * waiting its turn, and on SQLite it is answered without waiting for its WAL sync (the next
   * write's sync takes it to disk; a power cut in between may lose it).
   */
  wait?: boolean;
}

export interface Db {
  readonly dialect: Dialect;
  /** Rows of a statement that returns rows. */
  query<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  /** A statement that returns no rows; `changes` is the number of rows it wrote. */
  run(sql: string, params?: readonly SqlValue[], options?: RunOptions): Promise<{ changes: number }>;
  /**
   * Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. Only the
   * `tx` handle belongs to the transaction; it is unusable once the transaction has ended. A
   * transaction started on `tx` joins the open one.
   */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Column type for raw bytes. */
export function blobType(dialect: Dialect): string {
  return dialect === 'postgres' ? 'BYTEA' : 'BLOB';
}

/**
 * Serialises writers on one key until the transaction ends. PostgreSQL needs it because several
 * service instances share the database; SQLite already holds the database's only write lock for
 * the whole transaction (BEGIN IMMEDIATE), so there it is a no-op. Keys are namespaced with `pac:`
 * so PAC's locks never meet another application's in a shared cluster. A hash collision between two
 * keys only makes them wait for each other; it cannot break anything.
 */
export async function lockKey(tx: Db, key: string): Promise<void> {
  if (tx.dialect === 'postgres') await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`pac:${key}`]);
}

/** COUNT(*) is a bigint on PostgreSQL, which pg hands back as a string. */
export function toCount(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Ministry codes sorted by code unit, the same on both databases whatever their collation. */
export function byMinistry(a: { ministry: string }, b: { ministry: string }): number {
  return a.ministry < b.ministry ? -1 : a.ministry > b.ministry ? 1 : 0;
}
