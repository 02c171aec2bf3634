/**
 * Opens the service's Store from its configuration: PostgreSQL when DATABASE_URL is a postgres://
 * URL, otherwise the embedded SQLite file `${dataDir}/pac.sqlite`. Pending migrations are applied
 * before the store is handed out.
 *
 * A database that cannot be opened is a StoreOpenError whose message says, in French and in
 * English, what is wrong and what to do (DATA_DIR a file, read-only, not writable, full, a file that
 * is not a database, PostgreSQL unreachable…): `npm start` prints it and exits with 2, as for any
 * unusable input, rather than dying on a stack trace.
 */
import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Db } from './db.ts';
import { openPostgresDb } from './postgres-db.ts';
import { createSqlStore } from './sql-store.ts';
import { openSqliteDb } from './sqlite-db.ts';
import type { Store } from './store.ts';
import { StoreOpenError, StoreUnavailableError, storeFailureOf } from './store-errors.ts';

export interface StoreConfig {
  /** postgres:// or postgresql:// URL; unset or empty for the SQLite file. */
  databaseUrl?: string | undefined;
  /** Directory of the SQLite file (created if missing). */
  dataDir: string;
  /** SQLite only: how long a write waits for another process's lock (ms); 5 s by default. */
  lockWaitMs?: number | undefined;
}

export const SQLITE_FILE_NAME = 'pac.sqlite';

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

type DataDirProblem =
  | 'not_directory'
  | 'cannot_create'
  | 'not_file'
  | 'permission'
  | 'read_only'
  | 'full'
  | 'not_database';

function dataDirError(problem: DataDirProblem | null, path: string, cause: unknown): StoreOpenError {
  const where = `DATA_DIR (« ${path} »)`;
  const whereEn = `DATA_DIR ("${path}")`;
  const detail = cause instanceof Error ? cause.message : String(cause);
  const said: Record<DataDirProblem, [string, string]> = {
    not_directory: [
      `${where} n'est pas un dossier utilisable : un fichier porte ce nom ou se trouve sur le chemin. Donnez dans DATA_DIR le chemin d'un dossier où le service peut écrire.`,
      `${whereEn} is not a usable directory: a file has that name or lies on the path. Set DATA_DIR to a directory the service can write to.`,
    ],
    cannot_create: [
      `Impossible de créer le dossier ${where} (${detail}). Donnez dans DATA_DIR le chemin d'un dossier où le service peut écrire.`,
      `Cannot create the directory ${whereEn} (${detail}). Set DATA_DIR to a directory the service can write to.`,
    ],
    not_file: [
      `${where} : « ${SQLITE_FILE_NAME} » y est un dossier, pas le fichier de la base. Déplacez-le ou choisissez un autre DATA_DIR.`,
      `${whereEn}: "${SQLITE_FILE_NAME}" there is a directory, not the database file. Move it away or choose another DATA_DIR.`,
    ],
    permission: [
      `Le service n'a pas le droit d'écrire dans ${where} (${detail}). Donnez-lui ce droit (propriétaire ou permissions du dossier) ou choisissez un autre dossier.`,
      `The service may not write to ${whereEn} (${detail}). Grant it that right (owner or permissions of the directory) or choose another directory.`,
    ],
    read_only: [
      `${where} est en lecture seule (${detail}) : la base ne peut pas y être écrite. Choisissez un dossier sur un disque accessible en écriture.`,
      `${whereEn} is read-only (${detail}): the database cannot be written there. Choose a directory on a writable disk.`,
    ],
    full: [
      `Plus de place sur le disque de ${where} : libérez de la place, puis relancez le service.`,
      `No space left on the disk of ${whereEn}: free some space, then start the service again.`,
    ],
    not_database: [
      `${where} : « ${SQLITE_FILE_NAME} » n'est pas une base SQLite lisible (fichier d'un autre type ou abîmé : ${detail}). Déplacez ce fichier et restaurez la dernière sauvegarde, ou choisissez un autre DATA_DIR.`,
      `${whereEn}: "${SQLITE_FILE_NAME}" is not a readable SQLite database (another kind of file, or damaged: ${detail}). Move that file away and restore the latest backup, or choose another DATA_DIR.`,
    ],
  };
  const [fr, en] = problem
    ? said[problem]
    : [
        `Impossible d'ouvrir la base SQLite dans ${where} : ${detail}.`,
        `Cannot open the SQLite database in ${whereEn}: ${detail}.`,
      ];
  return new StoreOpenError(fr, en, { cause });
}

/** What a file-system error (errno) or a SQLite result code says about DATA_DIR, if it says anything. */
function problemOf(error: unknown): DataDirProblem | null {
  if (error instanceof StoreUnavailableError) return error.kind === 'disk_full' ? 'full' : null;
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'not_directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'read_only';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL') return 'full';
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return 'not_database';
  return null;
}

/**
 * Makes sure DATA_DIR is a directory the service can write to, creating the missing part of the
 * path one level at a time (Node's recursive mkdir loops forever under /proc).
 */
function prepareDataDir(dataDir: string): void {
  const missing: string[] = [];
  let existing = dataDir;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    const parent = dirname(existing);
    if (parent === existing) break;
    existing = parent;
  }
  try {
    if (!statSync(existing).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch (error) {
    throw dataDirError(problemOf(error), dataDir, error);
  }
  try {
    for (const dir of missing) mkdirSync(dir);
  } catch (error) {
    throw dataDirError(problemOf(error) ?? 'cannot_create', dataDir, error);
  }
  try {
    accessSync(dataDir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw dataDirError(problemOf(error), dataDir, error);
  }
  const file = join(dataDir, SQLITE_FILE_NAME);
  if (existsSync(file) && !statSync(file).isFile()) throw dataDirError('not_file', dataDir, null);
}

/** The Db the configuration names, not yet migrated. */
export function openDb(config: StoreConfig): Db {
  const url = config.databaseUrl?.trim();
  if (url) {
    if (isPostgresUrl(url)) return openPostgresDb(url);
    // Falling back to SQLite here would quietly keep the data somewhere nobody expects it. Only the
    // scheme is echoed: the rest of the URL may hold a password.
    const scheme = url.split(':')[0] ?? '';
    throw new StoreOpenError(
      `DATABASE_URL doit être une URL postgres:// (reçu le schéma « ${scheme} »).`,
      `DATABASE_URL must be a postgres:// URL (got scheme "${scheme}").`,
    );
  }
  prepareDataDir(config.dataDir);
  try {
    return openSqliteDb(join(config.dataDir, SQLITE_FILE_NAME), { lockWaitMs: config.lockWaitMs });
  } catch (error) {
    throw dataDirError(problemOf(error), config.dataDir, error);
  }
}

/** A failure while migrating that comes from the database's place, not from PAC: said as such. */
function openingError(config: StoreConfig, dialect: 'sqlite' | 'postgres', error: unknown): unknown {
  if (dialect === 'sqlite') {
    const problem = problemOf(error);
    if (problem) return dataDirError(problem, config.dataDir, error);
    if (storeFailureOf('sqlite', error) === 'busy') {
      return new StoreOpenError(
        `La base ${join(config.dataDir, SQLITE_FILE_NAME)} reste verrouillée par un autre programme : fermez-le (ou attendez qu'il ait fini), puis relancez le service.`,
        `The database ${join(config.dataDir, SQLITE_FILE_NAME)} stays locked by another program: close it (or let it finish), then start the service again.`,
        { cause: error },
      );
    }
    return error;
  }
  const failure = storeFailureOf('postgres', error);
  if (failure === 'down') {
    return new StoreOpenError(
      "La base PostgreSQL de DATABASE_URL ne répond pas (serveur arrêté, adresse ou port faux, ou trop de connexions). Vérifiez qu'elle tourne et que DATABASE_URL est juste, puis relancez.",
      'The PostgreSQL database of DATABASE_URL does not answer (server stopped, wrong address or port, or too many connections). Check that it runs and that DATABASE_URL is right, then start again.',
      { cause: error },
    );
  }
  if (failure === 'disk_full') {
    return new StoreOpenError(
      'Le disque de la base PostgreSQL est plein : libérez de la place sur le serveur, puis relancez.',
      "The PostgreSQL database's disk is full: free some space on the server, then start again.",
      { cause: error },
    );
  }
  return error;
}

export async function openStore(config: StoreConfig): Promise<Store> {
  const store = createSqlStore(openDb(config));
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw openingError(config, store.dialect, err);
  }
  return store;
}
