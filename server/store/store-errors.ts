/**
 * What the database's own failures mean, said once, in the store: a full disk, a database another
 * process keeps locked, a database that cannot be reached. The Db adapters translate their
 * driver's errors (SQLite result codes, PostgreSQL SQLSTATEs, socket errors) into a
 * StoreUnavailableError with one of these kinds, so the layers above never look at driver codes;
 * the HTTP layer only maps the kind to its catalogue answer (507 or 503, with Retry-After).
 * Every other error passes through unchanged.
 */

export type StoreFailure =
  /** No space left for the database: SQLITE_FULL, PostgreSQL disk_full (53100). Nothing was written. */
  | 'disk_full'
  /** Another process held the lock longer than a write may wait. Nothing was written. */
  | 'busy'
  /** The database cannot be reached or refuses work for now (PostgreSQL down, restarting, overloaded). */
  | 'down';

export class StoreUnavailableError extends Error {
  constructor(
    readonly kind: StoreFailure,
    /** Seconds after which trying again makes sense, for Retry-After. */
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super(`database ${kind}`, options);
    this.name = 'StoreUnavailableError';
  }
}

/** Seconds suggested to a client before trying again, per kind. */
const RETRY_AFTER: Record<StoreFailure, number> = { disk_full: 300, busy: 5, down: 30 };

const SQLITE: Record<string, StoreFailure> = {
  SQLITE_FULL: 'disk_full',
  SQLITE_BUSY: 'busy',
  SQLITE_LOCKED: 'busy',
};

/**
 * PostgreSQL SQLSTATEs (https://www.postgresql.org/docs/15/errcodes-appendix.html) and the socket
 * errors pg passes through when the server cannot be reached.
 */
const POSTGRES: Record<string, StoreFailure> = {
  '53100': 'disk_full',
  '55P03': 'busy', // lock_not_available
  '53000': 'down', // insufficient_resources
  '53200': 'down', // out_of_memory
  '53300': 'down', // too_many_connections
  '57P01': 'down', // admin_shutdown
  '57P02': 'down', // crash_shutdown
  '57P03': 'down', // cannot_connect_now (starting up)
  '08000': 'down',
  '08001': 'down',
  '08003': 'down',
  '08004': 'down',
  '08006': 'down',
  ECONNREFUSED: 'down',
  ECONNRESET: 'down',
  ENOTFOUND: 'down',
  EAI_AGAIN: 'down',
  ETIMEDOUT: 'down',
  EHOSTUNREACH: 'down',
  ENETUNREACH: 'down',
  EPIPE: 'down',
};

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The kind of failure an error of this dialect's driver stands for, or null for any other error. */
export function storeFailureOf(dialect: 'sqlite' | 'postgres', error: unknown): StoreFailure | null {
  if (error instanceof StoreUnavailableError) return error.kind;
  const code = codeOf(error);
  if (dialect === 'sqlite') return code ? (SQLITE[code] ?? null) : null;
  if (code && POSTGRES[code]) return POSTGRES[code];
  // pg reports a connection lost mid-query without a code.
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message)
    ? 'down'
    : null;
}

/** The error to throw upward: a StoreUnavailableError for the failures above, the error itself otherwise. */
export function translateStoreError(dialect: 'sqlite' | 'postgres', error: unknown): unknown {
  if (error instanceof StoreUnavailableError) return error;
  const kind = storeFailureOf(dialect, error);
  return kind === null ? error : new StoreUnavailableError(kind, RETRY_AFTER[kind], { cause: error });
}

export function isStoreBusy(error: unknown): boolean {
  return error instanceof StoreUnavailableError && error.kind === 'busy';
}

/**
 * The database named by the configuration cannot be used at all (DATA_DIR unusable, PostgreSQL
 * unreachable at start, a schema newer than the code): the message is French then English, and
 * says what to do. `npm start` prints it and exits with 2.
 */
export class StoreOpenError extends Error {
  constructor(fr: string, en: string, options?: { cause?: unknown }) {
    super(`${fr} ${en}`, options);
    this.name = 'StoreOpenError';
  }
}
