/**
 * The Google Sheets mirror's settings, read from the environment (README, "Classeur consolidé dans
 * Google Sheets"):
 *
 * - GOOGLE_SHEETS_SPREADSHEET_ID   the spreadsheet to keep current (its id, or its whole URL);
 *                                  unset: no mirror.
 * - GOOGLE_SERVICE_ACCOUNT_JSON    the service account's JSON key itself, or
 *   GOOGLE_APPLICATION_CREDENTIALS the path of that key file.
 * - GOOGLE_SHEETS_ROOT_URL         another endpoint than Google's (a local stand-in); without
 *                                  credentials, a placeholder token is sent to it.
 *
 * Mistakes stop the service at start with a message in French and English, rather than surfacing
 * later as a mirror that silently never works. Key material is never echoed.
 */
import { existsSync } from 'node:fs';
import type { SheetsCredentials } from './sheets-client.ts';

export interface GoogleSheetsConfig {
  spreadsheetId: string;
  credentials: SheetsCredentials;
  rootUrl: string | undefined;
}

/** The placeholder bearer token sent to a stand-in that was given no credentials. */
export const STAND_IN_TOKEN = 'pac-stand-in';

function fail(fr: string, en: string): never {
  throw new Error(`${fr} ${en}`);
}

/** "1AbC…" or "https://docs.google.com/spreadsheets/d/1AbC…/edit#gid=0" → "1AbC…". */
export function spreadsheetIdFrom(value: string): string {
  const trimmed = value.trim();
  const fromUrl = /\/spreadsheets\/d\/([A-Za-z0-9_-]+)/.exec(trimmed)?.[1];
  const id = fromUrl ?? trimmed;
  if (!/^[A-Za-z0-9_-]{10,}$/.test(id)) {
    fail(
      'GOOGLE_SHEETS_SPREADSHEET_ID doit être l’identifiant (ou l’adresse) d’un classeur Google Sheets.',
      'GOOGLE_SHEETS_SPREADSHEET_ID must be a Google Sheets spreadsheet id (or its URL).',
    );
  }
  return id;
}

function serviceAccountJson(text: string): SheetsCredentials {
  let key: { client_email?: unknown; private_key?: unknown };
  try {
    key = JSON.parse(text) as typeof key;
  } catch {
    fail(
      'GOOGLE_SERVICE_ACCOUNT_JSON n’est pas du JSON valide.',
      'GOOGLE_SERVICE_ACCOUNT_JSON is not valid JSON.',
    );
  }
  if (typeof key?.client_email !== 'string' || typeof key.private_key !== 'string') {
    fail(
      'GOOGLE_SERVICE_ACCOUNT_JSON doit être la clé JSON d’un compte de service (client_email, private_key).',
      'GOOGLE_SERVICE_ACCOUNT_JSON must be a service account JSON key (client_email, private_key).',
    );
  }
  return { kind: 'service-account', clientEmail: key.client_email, privateKey: key.private_key };
}

export function googleSheetsFromEnv(env: NodeJS.ProcessEnv): GoogleSheetsConfig | undefined {
  const raw = env.GOOGLE_SHEETS_SPREADSHEET_ID?.trim();
  if (!raw) return undefined;
  const spreadsheetId = spreadsheetIdFrom(raw);
  const rootUrl = env.GOOGLE_SHEETS_ROOT_URL?.trim() || undefined;
  if (rootUrl && !/^https?:\/\/[^/]/i.test(rootUrl)) {
    fail(
      'GOOGLE_SHEETS_ROOT_URL doit être une URL http(s).',
      'GOOGLE_SHEETS_ROOT_URL must be an http(s) URL.',
    );
  }
  const json = env.GOOGLE_SERVICE_ACCOUNT_JSON?.trim();
  const keyFile = env.GOOGLE_APPLICATION_CREDENTIALS?.trim();
  let credentials: SheetsCredentials;
  if (json) {
    credentials = serviceAccountJson(json);
  } else if (keyFile) {
    if (!existsSync(keyFile)) {
      fail(
        `GOOGLE_APPLICATION_CREDENTIALS : fichier introuvable (${keyFile}).`,
        `GOOGLE_APPLICATION_CREDENTIALS: file not found (${keyFile}).`,
      );
    }
    credentials = { kind: 'key-file', path: keyFile };
  } else if (rootUrl) {
    credentials = { kind: 'access-token', token: STAND_IN_TOKEN };
  } else {
    fail(
      'GOOGLE_SHEETS_SPREADSHEET_ID est défini mais aucune clé de compte de service (GOOGLE_SERVICE_ACCOUNT_JSON ou GOOGLE_APPLICATION_CREDENTIALS).',
      'GOOGLE_SHEETS_SPREADSHEET_ID is set but no service account key is (GOOGLE_SERVICE_ACCOUNT_JSON or GOOGLE_APPLICATION_CREDENTIALS).',
    );
  }
  return { spreadsheetId, credentials, rootUrl };
}
