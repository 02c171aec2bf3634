/**
 * The consolidated workbook, mirrored into a Google Sheet: what the service wires in.
 *
 *   const mirror = await mirrorFromConfig(config, { store, buildWorkbook });   // null: not configured
 *   const app = createApp({ store, config, onChange: mirror?.onChange });
 *   mirror?.start();                  …                 await mirror?.stop();
 *
 * `onChange` records the change in the outbox (one INSERT … ON CONFLICT after the submission's own
 * transaction has committed) and returns at once; nothing the mirror does can refuse, delay or undo
 * a submission. `mirrorStatus(store)` reads the mirror's state for /api/status.
 */
import type { WorkbookSpec } from '#core';
import type { MirrorOutboxRow, Store } from '../store/store.ts';
import type { Clock } from './clock.ts';
import type { GoogleSheetsConfig } from './mirror-config.ts';
import { DEFAULT_TARGET, OutboxWorker, type WorkerTiming } from './outbox-worker.ts';
import { createSheetsClient, type SheetsApi } from './sheets-client.ts';
import { syncWorkbook } from './sheets-sync.ts';

export interface MirrorDeps {
  store: Store;
  api: SheetsApi;
  spreadsheetId: string;
  /** The workbook as the data stands now: called at send time, never at change time. */
  buildWorkbook: () => Promise<WorkbookSpec>;
  clock?: Clock;
  random?: () => number;
  timing?: Partial<WorkerTiming>;
  target?: string;
  owner?: string;
  log?: (message: string) => void;
}

export interface Mirror {
  readonly spreadsheetId: string;
  readonly worker: OutboxWorker;
  /** For createApp's onChange: never throws, never waits. */
  onChange: () => void;
  /**
   * Starts the worker after marking the mirror pending once, so that whatever changed while the
   * service was down (or the mirror unconfigured, or pointed at another spreadsheet) is sent too.
   */
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function createMirror(deps: MirrorDeps): Mirror {
  const log = deps.log ?? ((m: string) => console.error(m));
  const worker = new OutboxWorker({
    store: deps.store,
    target: deps.target ?? DEFAULT_TARGET,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.random ? { random: deps.random } : {}),
    ...(deps.timing ? { timing: deps.timing } : {}),
    ...(deps.owner ? { owner: deps.owner } : {}),
    log,
    send: async (context) => syncWorkbook(deps.api, deps.spreadsheetId, await deps.buildWorkbook(), context),
  });
  return {
    spreadsheetId: deps.spreadsheetId,
    worker,
    onChange: () => worker.notify(),
    async start() {
      try {
        await worker.enqueue();
      } catch (error) {
        log(`Miroir Google Sheets : file indisponible au démarrage (${String(error)})`);
      }
      worker.start();
    },
    stop: () => worker.stop(),
  };
}

/** The mirror the configuration asks for, or null when GOOGLE_SHEETS_SPREADSHEET_ID is not set. */
export async function mirrorFromConfig(
  config: { googleSheets?: GoogleSheetsConfig | undefined },
  deps: Omit<MirrorDeps, 'api' | 'spreadsheetId'>,
): Promise<Mirror | null> {
  const sheets = config.googleSheets;
  if (!sheets) return null;
  const api = await createSheetsClient({ credentials: sheets.credentials, rootUrl: sheets.rootUrl });
  return createMirror({ ...deps, api, spreadsheetId: sheets.spreadsheetId });
}

export interface MirrorStatus {
  /**
   * up-to-date: the sheet shows the latest data; pending: a change waits for its send; sending: a
   * worker is sending; retrying: the last attempt failed and another is scheduled.
   */
  state: 'up-to-date' | 'pending' | 'sending' | 'retrying';
  lastSuccessAt: string | null;
  pendingSince: string | null;
  nextAttemptAt: string | null;
  /** Failed attempts since the last success. */
  attempts: number;
  lastError: string | null;
  lastErrorAt: string | null;
  /** Requests the last successful run sent to Google. */
  lastRunRequests: number | null;
  runs: number;
  requestsTotal: number;
}

export function statusOf(row: MirrorOutboxRow, now: number): MirrorStatus {
  const sending = row.leaseUntil !== null && Date.parse(row.leaseUntil) > now;
  const state = !row.dirtySince
    ? 'up-to-date'
    : sending
      ? 'sending'
      : row.attempts > 0
        ? 'retrying'
        : 'pending';
  return {
    state,
    lastSuccessAt: row.lastSuccessAt,
    pendingSince: row.dirtySince,
    nextAttemptAt: row.nextAttemptAt,
    attempts: row.attempts,
    lastError: row.lastError,
    lastErrorAt: row.lastErrorAt,
    lastRunRequests: row.lastRequests,
    runs: row.runs,
    requestsTotal: row.requestsTotal,
  };
}

/**
 * The mirror's state for the service status; null when the mirror has never been started against
 * this database (not configured).
 */
export async function mirrorStatus(
  store: Store,
  options: { target?: string; now?: number } = {},
): Promise<MirrorStatus | null> {
  const row = await store.mirrorOutbox(options.target ?? DEFAULT_TARGET);
  return row ? statusOf(row, options.now ?? Date.now()) : null;
}
