/**
 * The service's settings, from the environment: HOST and PORT, DATA_DIR (SQLite file and
 * first-start marker), DATABASE_URL (PostgreSQL instead of SQLite), the size limits that keep one
 * oversized request from hurting everyone else, the Google Sheet mirror's GOOGLE_SHEETS_*
 * variables (read by server/mirror/mirror-config.ts), and what a deployment needs: its public
 * address (PAC_PUBLIC_URL), the add-in's Id (PAC_ADDIN_ID), whom planners contact (PAC_CONTACT),
 * whether source maps are served (NODE_ENV, PAC_SOURCE_MAPS), and how many threads check
 * returns (PAC_CHECK_THREADS), and which hosted plan answers a request that names none
 * (PAC_DEFAULT_PLAN).
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { isGuid } from './manifest/addin-manifest.ts';
import { parsePublicUrl } from './manifest/public-url.ts';
import { type GoogleSheetsConfig, googleSheetsFromEnv } from './mirror/mirror-config.ts';
import type { AttemptLimits } from './store/store.ts';

/**
 * Only this machine by default: PAC is meant to sit behind the ministry's reverse proxy, which
 * brings the HTTPS Office demands, so nothing — tokens included — crosses the network in clear.
 * HOST=0.0.0.0 opens it to the network (a proxy on another machine, a container).
 */
export const DEFAULT_HOST = '127.0.0.1';

export interface Config {
  /** The address to listen on (HOST); DEFAULT_HOST when absent. */
  host?: string;
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
  /** The service's public origin (PAC_PUBLIC_URL, checked), or null when not deployed yet. */
  publicUrl?: string | null;
  /** The add-in's Id in the served manifest (PAC_ADDIN_ID, a GUID); the development one when absent. */
  addinId?: string | null;
  /** Whom planners contact (PAC_CONTACT), shown on the help page. */
  contact?: string | null;
  /** Serve the add-in's source maps: in development, not with NODE_ENV=production (PAC_SOURCE_MAPS overrides). */
  sourceMaps?: boolean;
  /** How many refused attempts are recorded and kept; server/returns/attempts.ts's defaults when unset. */
  attemptLimits?: AttemptLimits | undefined;
  /**
   * Worker threads that check returns, JSON and uploaded workbooks (PAC_CHECK_THREADS;
   * server/returns/check-threads.ts):
   * by default as many as the machine has cores; 0 checks them on the event loop.
   */
  checkThreads?: number;
  /**
   * The plan a request without `?plan=` is for (PAC_DEFAULT_PLAN, a plan id); unset: the shipped
   * plan's (server/plan/plan-cache.ts says what happens when that plan is not hosted).
   */
  defaultPlan?: string | null;
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
    host: env.HOST?.trim() || DEFAULT_HOST,
    // PORT=0 asks the system for a free port (tests); the address printed says which.
    port: integer(env.PORT, 3000, 'PORT', 0),
    dataDir: resolve(env.DATA_DIR ?? 'data'),
    databaseUrl: env.DATABASE_URL || undefined,
    maxJsonBytes: integer(env.PAC_MAX_JSON_BYTES, 8 * 1024 * 1024, 'PAC_MAX_JSON_BYTES', 1),
    maxUploadBytes: integer(env.PAC_MAX_UPLOAD_BYTES, 10 * 1024 * 1024, 'PAC_MAX_UPLOAD_BYTES', 1),
    googleSheets: googleSheetsFromEnv(env),
    deadline: deadlineOf(env.PAC_DEADLINE),
    publicUrl: publicUrlOf(env.PAC_PUBLIC_URL),
    addinId: addinIdOf(env.PAC_ADDIN_ID),
    contact: env.PAC_CONTACT?.trim() || null,
    sourceMaps: flag(env.PAC_SOURCE_MAPS, 'PAC_SOURCE_MAPS') ?? env.NODE_ENV !== 'production',
    checkThreads: integer(env.PAC_CHECK_THREADS, availableParallelism(), 'PAC_CHECK_THREADS', 0),
    defaultPlan: env.PAC_DEFAULT_PLAN?.trim() || null,
  };
}

function publicUrlOf(value: string | undefined): string | null {
  if (value === undefined || value.trim() === '') return null;
  const parsed = parsePublicUrl(value, 'PAC_PUBLIC_URL');
  if (!parsed.ok) throw new Error(`${parsed.message.fr}\n${parsed.message.en}`);
  return parsed.url;
}

function addinIdOf(value: string | undefined): string | null {
  const id = value?.trim();
  if (!id) return null;
  if (!isGuid(id)) {
    throw new Error(
      `PAC_ADDIN_ID doit être un GUID, par exemple 0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40 (reçu « ${value} »).\n` +
        `PAC_ADDIN_ID must be a GUID, for example 0f8c2f9e-4d1b-4c7a-9e35-6b2d8a1c7f40 (got "${value}").`,
    );
  }
  return id;
}

function flag(value: string | undefined, name: string): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|oui)$/i.test(value)) return true;
  if (/^(0|false|no|non)$/i.test(value)) return false;
  throw new Error(
    `${name} doit valoir 1 ou 0 (reçu « ${value} »). / ${name} must be 1 or 0 (got "${value}").`,
  );
}

/** A date ("2026-12-31") means the end of that day, UTC; a full time is taken as given. */
function deadlineOf(value: string | undefined): string | null {
  if (!value) return null;
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T23:59:59.999Z` : value;
  const time = Date.parse(text);
  if (Number.isNaN(time)) throw new Error(`PAC_DEADLINE doit être une date ISO 8601 (reçu « ${value} »).`);
  return new Date(time).toISOString();
}
