/**
 * The databases a suite runs against, for the store tests and the HTTP tests alike: SQLite always
 * (a fresh temporary directory per database), PostgreSQL when PAC_TEST_PG_URL names an
 * administrator connection (a fresh `pac_test_<random>` database per database, dropped afterwards).
 *
 *   describeEachBackend('tokens', (backend) => {
 *     const t = useFreshDatabase(backend);          // new migrated database before each test
 *     it('…', async () => { await t().store.createToken(…); });
 *   });
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, it } from 'vitest';
import type { Db } from '../../../server/store/db.ts';
import { openDb, type StoreConfig } from '../../../server/store/open-store.ts';
import { createSqlStore, type SqlStoreOptions } from '../../../server/store/sql-store.ts';
import type { Store } from '../../../server/store/store.ts';

export type BackendName = 'sqlite' | 'postgres';

export interface TestDatabase {
  backend: BackendName;
  /** Opens more stores (another instance, a child process) on this same database. */
  config: StoreConfig;
  /** A store on the database, migrated unless asked otherwise. */
  store: Store;
  /** The store's own Db: for direct assertions and for wrapping (fault injection). */
  db: Db;
  /** Another store on the same database, as a second service instance would have; closed by cleanup. */
  openAnother(options?: SqlStoreOptions): Promise<Store>;
  /** Closes every store opened here and deletes the database. */
  cleanup(): Promise<void>;
}

export interface OpenOptions extends SqlStoreOptions {
  /** False for an empty database with no schema at all (migration tests). Default true. */
  migrate?: boolean;
  /** SQLite: how long a write waits for another process's lock (ms); the service's default otherwise. */
  lockWaitMs?: number;
}

export interface Backend {
  name: BackendName;
  open(options?: OpenOptions): Promise<TestDatabase>;
}

export const PG_URL = process.env.PAC_TEST_PG_URL || undefined;
export const PG_SKIP_REASON =
  'needs PAC_TEST_PG_URL (an administrator URL of a PostgreSQL 15 server, e.g. postgres://postgres:pac-ci@127.0.0.1:5432/postgres)';

async function withDatabase(
  backend: BackendName,
  config: StoreConfig,
  options: OpenOptions,
  drop: () => Promise<void>,
): Promise<TestDatabase> {
  const stores: Store[] = [];
  const open = async (opts: SqlStoreOptions): Promise<{ store: Store; db: Db }> => {
    const db = openDb(config);
    const store = createSqlStore(db, opts);
    stores.push(store);
    return { store, db };
  };
  try {
    const { store, db } = await open(options);
    if (options.migrate !== false) await store.migrate();
    return {
      backend,
      config,
      store,
      db,
      async openAnother(opts = {}) {
        const another = (await open(opts)).store;
        await another.migrate();
        return another;
      },
      async cleanup() {
        await Promise.allSettled(stores.map((s) => s.close()));
        await drop();
      },
    };
  } catch (err) {
    await Promise.allSettled(stores.map((s) => s.close()));
    await drop();
    throw err;
  }
}

const sqlite: Backend = {
  name: 'sqlite',
  async open(options = {}) {
    const dataDir = mkdtempSync(join(tmpdir(), 'pac-store-'));
    return withDatabase('sqlite', { dataDir, lockWaitMs: options.lockWaitMs }, options, async () =>
      rmSync(dataDir, { recursive: true, force: true }),
    );
  },
};

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function postgres(adminUrl: string): Backend {
  return {
    name: 'postgres',
    async open(options = {}) {
      const name = `pac_test_${randomBytes(6).toString('hex')}`;
      await admin(adminUrl, (c) => c.query(`CREATE DATABASE ${name}`));
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      // dataDir is unused on PostgreSQL but part of the configuration.
      return withDatabase('postgres', { databaseUrl: url.toString(), dataDir: tmpdir() }, options, () =>
        admin(adminUrl, async (c) => {
          await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        }),
      );
    },
  };
}

/** The backends available on this machine. */
export const BACKENDS: readonly Backend[] = PG_URL ? [sqlite, postgres(PG_URL)] : [sqlite];

/** One describe block per available backend; a skipped one saying why when PostgreSQL is not set up. */
export function describeEachBackend(title: string, fn: (backend: Backend) => void): void {
  describe.each(BACKENDS.map((backend) => [backend.name, backend] as const))(
    `${title} [%s]`,
    (_name, backend) => fn(backend),
  );
  if (!PG_URL) {
    describe.skip(`${title} [postgres] — ${PG_SKIP_REASON}`, () => {
      it('runs when PAC_TEST_PG_URL is set', () => {});
    });
  }
}

/** A fresh database before each test of the enclosing describe, cleaned up after it. */
export function useFreshDatabase(backend: Backend, options: OpenOptions = {}): () => TestDatabase {
  let current: TestDatabase | undefined;
  beforeEach(async () => {
    current = await backend.open(options);
  });
  afterEach(async () => {
    await current?.cleanup();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('useFreshDatabase: no database outside a test');
    return current;
  };
}
