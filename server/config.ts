/**
 * The service's settings, from the environment: PORT, DATA_DIR (SQLite file and first-start
 * marker), DATABASE_URL (PostgreSQL instead of SQLite), the size limits that keep one
 * oversized request from hurting everyone else, and the Google Sheet mirror's GOOGLE_SHEETS_*
 * variables (read by server/mirror/mirror-config.ts).
 */
import { resolve } from 'node:path';
import { type GoogleSheetsConfig, googleSheetsFromEnv } from './mirror/mirror-config.ts';
import type { AttemptLimits } from './store/store.ts';

export interface Config {
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Largest JSON body accepted (a 20,000-line return is about 4 MB). */
  maxJsonBytes: number;
  /** Largest .xlsx upload accepted. */
  maxUploadBytes: number;
  /** The Google Sheet the consolidated workbook is mirrored into (GOOGLE_SHEETS_*); unset: no mirror. */
  googleSheets?: GoogleSheetsConfig | undefined;
  /** When returns are due (PAC_DEADLINE, ISO 8601): ministries without a return by then are late. */
  deadline?: string | null;
  /** How many refused attempts are recorded and kept; server/returns/attempts.ts's defaults when unset. */
  attemptLimits?: AttemptLimits | undefined;
}

function integer(value: string | undefined, fallback: number, name: string, min: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new Error(
      `${name} doit être un entier ${min === 0 ? 'positif ou nul' : 'positif'} (reçu « ${value} »).`,
    );
  }
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    // PORT=0 asks the system for a free port (tests); the address printed says which.
    port: integer(env.PORT, 3000, 'PORT', 0),
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    maxJsonBytes: integer(env.PAC_MAX_JSON_BYTES, 8 * 1024 * 1024, 'PAC_MAX_JSON_BYTES', 1),
    maxUploadBytes: integer(env.PAC_MAX_UPLOAD_BYTES, 10 * 1024 * 1024, 'PAC_MAX_UPLOAD_BYTES', 1),
    googleSheets: googleSheetsFromEnv(env),
    deadline: deadlineOf(env.PAC_DEADLINE),
  };
}

/** A date ("2026-12-31") means the end of that day, UTC; a full time is taken as given. */
function deadlineOf(value: string | undefined): string | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`PAC_DEADLINE doit être une date ISO 8601 (reçu « ${value} »).`);
  return new Date(time).toISOString();
}
