/**
 * The database schema as an ordered list of versioned migrations, applied at start in one
 * transaction and recorded in schema_migrations. A migration, once shipped, is never edited: a
 * change to the schema is a new entry at the end of the list.
 *
 * Several instances may start together on one PostgreSQL database: the first takes an advisory
 * lock and migrates, the others wait for it and then find nothing left to do. On SQLite the
 * transaction's write lock (BEGIN IMMEDIATE) plays the same part.
 */
import { blobType, type Db, type Dialect, lockKey } from './db.ts';
import { StoreOpenError } from './store-errors.ts';

export interface Migration {
  version: number;
  name: string;
  /** One statement per entry, so both drivers run them the same way. */
  sql: (dialect: Dialect) => string[];
}

/**
 * Makes a table append-only in the database itself, not only in the code above it: an UPDATE or
 * DELETE is refused whoever sends it.
 */
function appendOnly(dialect: Dialect, table: string): string[] {
  if (dialect === 'sqlite') {
    return ['UPDATE', 'DELETE'].map(
      (op) =>
        `CREATE TRIGGER ${table}_no_${op.toLowerCase()} BEFORE ${op} ON ${table}
         BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    );
  }
  return [
    `CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
     FOR EACH ROW EXECUTE FUNCTION pac_append_only()`,
  ];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'plan versions, tokens, submissions, files, reviews, audit log',
    sql: (d) => [
      ...(d === 'postgres'
        ? [
            `CREATE FUNCTION pac_append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
             BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $fn$`,
          ]
        : []),
      // seq orders the history; publishing holds a lock, so max + 1 is safe.
      `CREATE TABLE plan_versions (
         plan_id TEXT NOT NULL,
         version TEXT NOT NULL,
         seq INTEGER NOT NULL UNIQUE,
         published_at TEXT NOT NULL,
         published_by TEXT NOT NULL,
         etag TEXT NOT NULL,
         is_current BOOLEAN NOT NULL,
         document TEXT NOT NULL,
         PRIMARY KEY (plan_id, version)
       )`,
      // At most one current version, whatever the code above does.
      'CREATE UNIQUE INDEX plan_versions_one_current ON plan_versions (is_current) WHERE is_current',
      `CREATE TABLE tokens (
         id TEXT PRIMARY KEY,
         hash TEXT NOT NULL UNIQUE,
         role TEXT NOT NULL CHECK (role IN ('admin', 'consolidator', 'ministry')),
         ministry TEXT,
         label TEXT NOT NULL,
         created_at TEXT NOT NULL,
         expires_at TEXT,
         revoked_at TEXT,
         last_used_at TEXT,
         CHECK ((role = 'ministry' AND ministry IS NOT NULL) OR (role <> 'ministry' AND ministry IS NULL))
       )`,
      // token_id is attribution, not ownership: no foreign key, the label is kept alongside.
      `CREATE TABLE submissions (
         id TEXT PRIMARY KEY,
         ministry TEXT NOT NULL,
         version INTEGER NOT NULL CHECK (version > 0),
         plan_id TEXT NOT NULL,
         plan_version TEXT NOT NULL,
         client_key TEXT,
         payload_hash TEXT NOT NULL,
         source TEXT NOT NULL CHECK (source IN ('json', 'xlsx', 'google-sheet')),
         file_name TEXT,
         payload TEXT NOT NULL,
         findings TEXT NOT NULL,
         error_count INTEGER NOT NULL,
         warning_count INTEGER NOT NULL,
         token_id TEXT,
         token_label TEXT NOT NULL,
         created_at TEXT NOT NULL,
         UNIQUE (ministry, version),
         UNIQUE (ministry, client_key),
         FOREIGN KEY (plan_id, plan_version) REFERENCES plan_versions (plan_id, version)
       )`,
      'CREATE INDEX submissions_created_at ON submissions (created_at)',
      `CREATE TABLE submission_files (
         submission_id TEXT PRIMARY KEY REFERENCES submissions (id),
         bytes ${blobType(d)} NOT NULL
       )`,
      // seq numbers a submission's reviews; the latest one gives its state.
      `CREATE TABLE reviews (
         id TEXT PRIMARY KEY,
         submission_id TEXT NOT NULL REFERENCES submissions (id),
         seq INTEGER NOT NULL,
         action TEXT NOT NULL CHECK (action IN ('accept', 'return', 'reopen')),
         comment TEXT,
         token_id TEXT,
         token_label TEXT NOT NULL,
         created_at TEXT NOT NULL,
         UNIQUE (submission_id, seq)
       )`,
      `CREATE TABLE audit_log (
         id TEXT PRIMARY KEY,
         at TEXT NOT NULL,
         token_id TEXT,
         token_label TEXT NOT NULL,
         role TEXT NOT NULL,
         action TEXT NOT NULL,
         target TEXT NOT NULL,
         plan_version TEXT,
         detail TEXT NOT NULL
       )`,
      'CREATE INDEX audit_log_at ON audit_log (at, id)',
      ...['submissions', 'submission_files', 'reviews', 'audit_log'].flatMap((t) => appendOnly(d, t)),
    ],
  },
  {
    version: 2,
    name: 'Google Sheets mirror outbox',
    // One row per mirror target, not one per change: a burst of changes bumps change_seq and the
    // worker sends the latest data once (server/mirror/outbox-worker.ts). The row is updated in
    // place, so it is deliberately not append-only; its history is the audit log's.
    sql: () => [
      `CREATE TABLE mirror_outbox (
         target TEXT PRIMARY KEY,
         change_seq INTEGER NOT NULL,
         sent_seq INTEGER NOT NULL DEFAULT 0,
         dirty_since TEXT,
         next_attempt_at TEXT,
         attempts INTEGER NOT NULL DEFAULT 0,
         last_error TEXT,
         last_error_at TEXT,
         last_success_at TEXT,
         last_requests INTEGER,
         runs INTEGER NOT NULL DEFAULT 0,
         requests_total INTEGER NOT NULL DEFAULT 0,
         lease_owner TEXT,
         lease_until TEXT
       )`,
    ],
  },
  {
    version: 3,
    name: 'refused submission attempts',
    // A refused send, with its findings (capped), never a version and never the file's bytes
    // (server/store/attempts-sql.ts). Pruned to the latest ones per ministry, so not append-only.
    // token_id is attribution, as on submissions: no foreign key.
    sql: () => [
      `CREATE TABLE submission_attempts (
         id TEXT PRIMARY KEY,
         ministry TEXT NOT NULL,
         plan_id TEXT,
         plan_version TEXT,
         source TEXT NOT NULL CHECK (source IN ('json', 'xlsx', 'google-sheet')),
         file_name TEXT,
         error_code TEXT NOT NULL,
         message_fr TEXT NOT NULL,
         message_en TEXT NOT NULL,
         error_count INTEGER NOT NULL,
         warning_count INTEGER NOT NULL,
         finding_count INTEGER NOT NULL,
         findings TEXT NOT NULL,
         details TEXT NOT NULL,
         token_id TEXT,
         token_label TEXT NOT NULL,
         created_at TEXT NOT NULL
       )`,
      // Listing and pruning one ministry's attempts, newest first (ids are time-ordered).
      'CREATE INDEX submission_attempts_ministry ON submission_attempts (ministry, id)',
      // Counting a token's recent attempts for the rate limit.
      'CREATE INDEX submission_attempts_token ON submission_attempts (token_id, created_at)',
    ],
  },
  // Version 4 is the multi-plan change's (another branch); the runner applies whatever is pending.
  {
    version: 5,
    name: 'execution follow-up: periods, execution returns, their files and reviews',
    // A period is opened, and later closed, by the consolidator: closed_at is set in place, so the
    // table is not append-only (its history is the audit log's). Execution returns, their files and
    // reviews are append-only like the planning returns: a version per (plan, period, ministry), a
    // state given by the latest review. token_id is attribution: no foreign key. A refused execution
    // send is a submission attempt with its period (NULL for a planning return's).
    sql: (d) => [
      `CREATE TABLE periods (
         plan_id TEXT NOT NULL,
         key TEXT NOT NULL,
         year INTEGER NOT NULL,
         semester INTEGER CHECK (semester IN (1, 2)),
         deadline TEXT,
         opened_at TEXT NOT NULL,
         opened_by TEXT NOT NULL,
         closed_at TEXT,
         UNIQUE (plan_id, key)
       )`,
      `CREATE TABLE execution_returns (
         id TEXT PRIMARY KEY,
         plan_id TEXT NOT NULL,
         plan_version TEXT NOT NULL,
         period TEXT NOT NULL,
         ministry TEXT NOT NULL,
         version INTEGER NOT NULL CHECK (version > 0),
         client_key TEXT,
         payload_hash TEXT NOT NULL,
         source TEXT NOT NULL CHECK (source IN ('json', 'xlsx', 'google-sheet')),
         file_name TEXT,
         payload TEXT NOT NULL,
         findings TEXT NOT NULL,
         error_count INTEGER NOT NULL,
         warning_count INTEGER NOT NULL,
         token_id TEXT,
         token_label TEXT NOT NULL,
         created_at TEXT NOT NULL,
         UNIQUE (plan_id, period, ministry, version),
         UNIQUE (plan_id, period, ministry, client_key),
         FOREIGN KEY (plan_id, period) REFERENCES periods (plan_id, key)
       )`,
      `CREATE TABLE execution_files (
         return_id TEXT PRIMARY KEY REFERENCES execution_returns (id),
         bytes ${blobType(d)} NOT NULL
       )`,
      `CREATE TABLE execution_reviews (
         id TEXT PRIMARY KEY,
         return_id TEXT NOT NULL REFERENCES execution_returns (id),
         seq INTEGER NOT NULL,
         action TEXT NOT NULL CHECK (action IN ('accept', 'return', 'reopen')),
         comment TEXT,
         token_id TEXT,
         token_label TEXT NOT NULL,
         created_at TEXT NOT NULL,
         UNIQUE (return_id, seq)
       )`,
      'ALTER TABLE submission_attempts ADD COLUMN period TEXT',
      ...['execution_returns', 'execution_files', 'execution_reviews'].flatMap((t) => appendOnly(d, t)),
    ],
  },
];

const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL
)`;

/** Applies the pending migrations; returns the versions it applied (none when up to date). */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Taken before anything else, CREATE TABLE IF NOT EXISTS included: two PostgreSQL sessions
    // creating the same table at once can both pass the IF NOT EXISTS and one then fails.
    await lockKey(tx, 'migrations');
    await tx.run(CREATE_MIGRATIONS_TABLE);
    const rows = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => Number(r.version)));
    const known = new Set(migrations.map((m) => m.version));
    const unknown = [...applied].filter((v) => !known.has(v));
    if (unknown.length > 0) {
      // Running older code on a newer schema could write rows the newer code does not expect.
      throw new StoreOpenError(
        `La base de données est à une version de schéma plus récente que ce programme (${unknown.join(', ')}) : mettez PAC à jour.`,
        `The database has a newer schema version than this program (${unknown.join(', ')}): update PAC.`,
      );
    }
    const done: number[] = [];
    for (const m of migrations) {
      if (applied.has(m.version)) continue;
      for (const statement of m.sql(tx.dialect)) await tx.run(statement);
      await tx.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        new Date().toISOString(),
      ]);
      done.push(m.version);
    }
    return done;
  });
}
