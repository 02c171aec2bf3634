/**
 * One mirror run: reads the spreadsheet's tabs and locale, then sends the requests of
 * sheets-requests.ts in an order where every prefix leaves a sensible sheet:
 *
 *   1. spreadsheets.get          tabs (id, title, grid size) and locale
 *   2. spreadsheets.batchUpdate  missing tabs, grid sizes, frozen panes, formats, merges
 *   3. values.batchUpdate RAW    every value, as one block per tab
 *   4. values.batchUpdate USER_ENTERED   PAC's formulas only (skipped when there are none)
 *   5. values.batchClear         cells outside the blocks (skipped when there are none)
 *
 * so a full mirror costs 3 to 5 requests. Only a workbook whose requests would exceed 2 MB each
 * (Google's advice; about 5,000 consolidated lines for the values) takes more: each step is then
 * split into requests of at most that size, in order. Each step writes fixed ranges, so the run can
 * be repeated from the start after a failure anywhere (outbox-worker.ts).
 */

import type { sheets_v4 } from 'googleapis';
import type { WorkbookSpec } from '#core';
import { packBySize, planMirror, readExisting, SPREADSHEET_FIELDS } from './sheets-requests.ts';

/** Largest request body sent, as Google advises. */
export const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

export interface SyncOptions {
  /** Called before every request: paces (quota) and counts. */
  beforeRequest?: (signal?: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Largest request body; MAX_REQUEST_BYTES unless a test wants to see splitting on a small workbook. */
  maxRequestBytes?: number;
}

export interface SyncResult {
  requests: number;
  sheets: number;
  /** Cells written by the RAW request (blanks included) and formulas written. */
  cells: number;
  formulas: number;
}

export async function syncWorkbook(
  api: sheets_v4.Sheets,
  spreadsheetId: string,
  spec: WorkbookSpec,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const { signal } = options;
  let requests = 0;
  const send = async <T>(call: () => Promise<T>): Promise<T> => {
    await options.beforeRequest?.(signal);
    requests += 1;
    return call();
  };
  const methodOptions = signal ? { signal } : {};
  const maxBytes = options.maxRequestBytes ?? MAX_REQUEST_BYTES;

  const got = await send(() =>
    api.spreadsheets.get({ spreadsheetId, fields: SPREADSHEET_FIELDS }, methodOptions),
  );
  const plan = planMirror(spec, readExisting(got.data));
  for (const batch of packBySize(plan.structure, maxBytes)) {
    await send(() =>
      api.spreadsheets.batchUpdate({ spreadsheetId, requestBody: { requests: batch } }, methodOptions),
    );
  }
  for (const [valueInputOption, blocks] of [
    ['RAW', plan.values],
    ['USER_ENTERED', plan.formulas],
  ] as const) {
    for (const data of packBySize(blocks, maxBytes)) {
      await send(() =>
        api.spreadsheets.values.batchUpdate(
          { spreadsheetId, requestBody: { valueInputOption, data } },
          methodOptions,
        ),
      );
    }
  }
  if (plan.clear.length > 0) {
    await send(() =>
      api.spreadsheets.values.batchClear(
        { spreadsheetId, requestBody: { ranges: plan.clear } },
        methodOptions,
      ),
    );
  }
  return {
    requests,
    sheets: spec.sheets.length,
    cells: plan.values.reduce((n, v) => n + (v.values ?? []).reduce((m, row) => m + row.length, 0), 0),
    formulas: plan.formulas.reduce((n, v) => n + (v.values?.[0]?.length ?? 0), 0),
  };
}
