/**
 * Opens the service's Store from its configuration: PostgreSQL when DATABASE_URL is a postgres://
 * URL, otherwise the embedded SQLite file `${dataDir}/pac.sqlite`. Pending migrations are applied
 * before the store is handed out.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from './db.ts';
import { openPostgresDb } from './postgres-db.ts';
import { createSqlStore } from './sql-store.ts';
import { openSqliteDb } from './sqlite-db.ts';
import type { Store } from './store.ts';

export interface StoreConfig {
  /** postgres:// or postgresql:// URL; unset or empty for the SQLite file. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file (created if missing). */
  dataDir: string;
}

export const SQLITE_FILE_NAME = 'pac.sqlite';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/** The Db the configuration names, not yet migrated. */
export function openDb(config: StoreConfig): Db {
  const url = config.databaseUrl?.trim();
  if (url) {
    if (isPostgresUrl(url)) return openPostgresDb(url);
    // Falling back to SQLite here would quietly keep the data somewhere nobody expects it. Only the
    // scheme is echoed: the rest of the URL may hold a password.
    const scheme = url.split(':')[0] ?? '';
    throw new Error(
      `DATABASE_URL doit être une URL postgres:// (reçu le schéma « ${scheme} »). ` +
        `DATABASE_URL must be a postgres:// URL (got scheme "${scheme}").`,
    );
  }
  mkdirSync(config.dataDir, { recursive: true });
  return openSqliteDb(join(config.dataDir, SQLITE_FILE_NAME));
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const store = createSqlStore(openDb(config));
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
