/**
 * The googleapis Sheets v4 client the mirror talks through, from its configuration: a service
 * account (key file or inline JSON) for Google itself, or a fixed access token for a local
 * stand-in of the API (GOOGLE_SHEETS_ROOT_URL: tests, demonstrations offline).
 *
 * - Only the Sheets module of googleapis is loaded (the whole package takes about a second to
 *   load; this takes a tenth), and only when the mirror is configured.
 * - gaxios' own retries are off: the outbox retries whole runs with its own persisted backoff
 *   (backoff.ts), and two retry layers stacked would multiply requests against the quota.
 * - Every request has a timeout, so a Google that hangs counts as a failure and is retried, rather
 *   than holding the outbox's lease forever.
 */
import type { sheets_v4 } from 'googleapis';

/** Read and write spreadsheets the service account can open: the narrowest scope that writes one. */
export const SHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export type SheetsCredentials =
  /** A service-account key file (GOOGLE_APPLICATION_CREDENTIALS). */
  | { kind: 'key-file'; path: string }
  /** The key file's JSON itself (GOOGLE_SERVICE_ACCOUNT_JSON), for hosts that only take variables. */
  | { kind: 'service-account'; clientEmail: string; privateKey: string }
  /** A bearer token used as is; no token request is ever made (the stand-in). */
  | { kind: 'access-token'; token: string };

export interface SheetsClientOptions {
  credentials: SheetsCredentials;
  /** Another endpoint than https://sheets.googleapis.com/ (a local stand-in). */
  rootUrl?: string | undefined;
  timeoutMs?: number;
}

export type SheetsApi = sheets_v4.Sheets;

export async function createSheetsClient(options: SheetsClientOptions): Promise<SheetsApi> {
  const { auth, sheets } = await import('googleapis/build/src/apis/sheets/index.js');
  const c = options.credentials;
  let client: sheets_v4.Options['auth'];
  if (c.kind === 'access-token') {
    const oauth = new auth.OAuth2();
    oauth.setCredentials({ access_token: c.token });
    client = oauth;
  } else if (c.kind === 'key-file') {
    client = new auth.GoogleAuth({ keyFile: c.path, scopes: [SHEETS_SCOPE] });
  } else {
    client = new auth.GoogleAuth({
      credentials: { client_email: c.clientEmail, private_key: c.privateKey },
      scopes: [SHEETS_SCOPE],
    });
  }
  return sheets({
    version: 'v4',
    auth: client,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
    timeout: options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    retry: false,
  });
}
