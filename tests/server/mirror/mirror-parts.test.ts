/**
 * The mirror's small parts on their own: formulas rewritten for the spreadsheet's locale, the
 * backoff schedule and how failures are read, quota pacing, the GOOGLE_SHEETS_* settings, and the
 * request plan's choices (tabs kept, merges across frozen panes left out, styles joined).
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SheetSpec, WorkbookSpec } from '#core';
import { formulaForLocale, usesDecimalComma } from '#core';
import {
  backoffCeiling,
  backoffDelay,
  describeFailure,
  parseRetryAfter,
  retryDelay,
} from '../../../server/mirror/backoff.ts';
import { VirtualClock } from '../../../server/mirror/clock.ts';
import { googleSheetsFromEnv, spreadsheetIdFrom } from '../../../server/mirror/mirror-config.ts';
import { TokenBucket } from '../../../server/mirror/pacing.ts';
import { planMirror } from '../../../server/mirror/sheets-requests.ts';
import { formulaTextSpec, seededRandom } from './helpers.ts';

describe('formulas for the spreadsheet locale', () => {
  it('knows which locales write decimals with a comma', () => {
    expect(['fr_FR', 'de_DE', 'pt_BR', 'fr_ML'].map(usesDecimalComma)).toEqual([true, true, true, true]);
    expect(['en_US', 'en_GB', null, '', 'xx_??'].map(usesDecimalComma)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('swaps separators outside strings and quoted sheet names only', () => {
    const f = `IFERROR(SUMIFS('Saisie, copie'!$G$6:$G$9,'Saisie, copie'!$U$6:$U$9,"1,2"),ROUND(A1*1.5,2))`;
    expect(formulaForLocale(f, usesDecimalComma('fr_FR'))).toBe(
      `IFERROR(SUMIFS('Saisie, copie'!$G$6:$G$9;'Saisie, copie'!$U$6:$U$9;"1,2");ROUND(A1*1,5;2))`,
    );
    expect(formulaForLocale(f, usesDecimalComma('en_US'))).toBe(f);
    expect(formulaForLocale(`IF(B5=0,"OK ""vu"", merci","À corriger")`, usesDecimalComma('fr_FR'))).toBe(
      `IF(B5=0;"OK ""vu"", merci";"À corriger")`,
    );
    expect(formulaForLocale(`'Mode d''emploi'!A1&",."`, usesDecimalComma('fr_FR'))).toBe(
      `'Mode d''emploi'!A1&",."`,
    );
    expect(formulaForLocale('SUM({1,2;3,4})+.5', usesDecimalComma('fr_FR'))).toBe('SUM({1\\2;3\\4})+,5');
  });
});

describe('backoff', () => {
  it('doubles up to the cap, each wait between half and all of its ceiling', () => {
    const options = { baseMs: 1000, capMs: 60_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffCeiling(n, options))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000,
    ]);
    const random = seededRandom(5);
    for (let n = 1; n < 12; n++) {
      for (let i = 0; i < 50; i++) {
        const d = backoffDelay(n, random, options);
        expect(d).toBeGreaterThanOrEqual(backoffCeiling(n, options) / 2);
        expect(d).toBeLessThan(backoffCeiling(n, options));
      }
    }
    expect(backoffDelay(1, () => 0, options)).toBe(500);
    expect(backoffDelay(1, () => 0.999999, options)).toBe(999);
  });

  it('tells transient failures from those that need a person', () => {
    const now = Date.parse('2025-03-01T08:00:00Z');
    const http = (status: number, data?: unknown, headers?: Record<string, string>) => ({
      message: `Request failed with status code ${status}`,
      response: { status, data, headers: new Headers(headers) },
    });
    expect(describeFailure(http(429), now)).toMatchObject({
      status: 429,
      transient: true,
      retryAfterMs: null,
    });
    expect(describeFailure(http(503), now).transient).toBe(true);
    expect(
      describeFailure(
        Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }),
        now,
      ),
    ).toMatchObject({
      status: null,
      transient: true,
      message: 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:9',
    });
    const denied = describeFailure(
      http(403, { error: { message: 'The caller does not have permission' } }),
      now,
    );
    expect(denied).toMatchObject({
      transient: false,
      message: 'HTTP 403: The caller does not have permission',
    });
    // A permanent failure waits the longest, not the shortest.
    expect(retryDelay(denied, 1, () => 0)).toBe(backoffCeiling(99) / 2);
    expect(describeFailure(http(429, null, { 'retry-after': '30' }), now).retryAfterMs).toBe(30_000);
    const dayLong = describeFailure(http(429, null, { 'retry-after': '86400' }), now);
    expect(retryDelay(dayLong, 1, () => 0)).toBe(60 * 60_000);
    expect(parseRetryAfter('Sat, 01 Mar 2025 08:01:00 GMT', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(describeFailure({ message: 'x'.repeat(2000) }, now).message).toHaveLength(500);
  });
});

describe('pacing', () => {
  it('lets a burst through, then one request per 1.2 s', async () => {
    const clock = new VirtualClock(0);
    const bucket = new TokenBucket(clock, { capacity: 10, perMinute: 50 });
    const times: number[] = [];
    for (let i = 0; i < 70; i++) {
      await bucket.take();
      times.push(clock.now());
    }
    expect(times.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(times[10]).toBe(1200);
    expect(times[69]).toBe(60 * 1200);
    for (const start of times)
      expect(times.filter((t) => t >= start && t < start + 60_000).length).toBeLessThanOrEqual(60);
  });
});

describe('GOOGLE_SHEETS_* settings', () => {
  const key = JSON.stringify({
    type: 'service_account',
    client_email: 'pac@projet.iam.gserviceaccount.com',
    private_key: 'KEY',
  });

  it('is off without a spreadsheet id', () => {
    expect(googleSheetsFromEnv({})).toBeUndefined();
    expect(googleSheetsFromEnv({ GOOGLE_SERVICE_ACCOUNT_JSON: key })).toBeUndefined();
  });

  it('takes the key inline, from a file, or none for a stand-in', () => {
    const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    expect(
      googleSheetsFromEnv({ GOOGLE_SHEETS_SPREADSHEET_ID: id, GOOGLE_SERVICE_ACCOUNT_JSON: key }),
    ).toEqual({
      spreadsheetId: id,
      credentials: {
        kind: 'service-account',
        clientEmail: 'pac@projet.iam.gserviceaccount.com',
        privateKey: 'KEY',
      },
      rootUrl: undefined,
    });
    const file = join(tmpdir(), `pac-key-${process.pid}.json`);
    writeFileSync(file, key);
    expect(
      googleSheetsFromEnv({ GOOGLE_SHEETS_SPREADSHEET_ID: id, GOOGLE_APPLICATION_CREDENTIALS: file })
        ?.credentials,
    ).toEqual({
      kind: 'key-file',
      path: file,
    });
    expect(
      googleSheetsFromEnv({
        GOOGLE_SHEETS_SPREADSHEET_ID: id,
        GOOGLE_SHEETS_ROOT_URL: 'http://127.0.0.1:9999/',
      }),
    ).toMatchObject({ credentials: { kind: 'access-token' }, rootUrl: 'http://127.0.0.1:9999/' });
    expect(spreadsheetIdFrom(`https://docs.google.com/spreadsheets/d/${id}/edit#gid=0`)).toBe(id);
  });

  it('refuses mistakes at start, in French and English, without echoing the key', () => {
    const id = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    expect(() => googleSheetsFromEnv({ GOOGLE_SHEETS_SPREADSHEET_ID: id })).toThrow(
      /aucune clé.*no service account key/,
    );
    expect(() => googleSheetsFromEnv({ GOOGLE_SHEETS_SPREADSHEET_ID: 'x!' })).toThrow(
      /identifiant.*spreadsheet id/,
    );
    expect(() =>
      googleSheetsFromEnv({
        GOOGLE_SHEETS_SPREADSHEET_ID: id,
        GOOGLE_APPLICATION_CREDENTIALS: '/nowhere/key.json',
      }),
    ).toThrow(/introuvable.*not found/);
    const secret = '{"private_key": "SECRET-MATERIAL"';
    expect(() =>
      googleSheetsFromEnv({ GOOGLE_SHEETS_SPREADSHEET_ID: id, GOOGLE_SERVICE_ACCOUNT_JSON: secret }),
    ).toThrow(/^(?!.*SECRET).*JSON valide.*valid JSON/);
  });
});

describe('the request plan', () => {
  const sheet = (overrides: Partial<SheetSpec>): SheetSpec => ({
    key: 'other',
    name: 'Synthèse',
    state: 'visible',
    cells: [['a', 'b', 'c']],
    columns: [],
    styles: [],
    numberFormats: [],
    unlocked: [],
    protect: false,
    merges: [],
    validations: [],
    conditionalFormats: [],
    ...overrides,
  });
  const workbook = (...sheets: SheetSpec[]): WorkbookSpec => ({ sheets, meta: formulaTextSpec(5).meta });

  it('reuses a tab of the same name, adds the others with fresh ids, and renames nothing', () => {
    const plan = planMirror(workbook(sheet({}), sheet({ name: "Mode d'emploi" })), {
      locale: 'fr_FR',
      sheets: [
        { sheetId: 0, title: 'Feuille 1', rowCount: 1000, columnCount: 26 },
        { sheetId: 7, title: 'Synthèse', rowCount: 50, columnCount: 10 },
      ],
    });
    const kinds = plan.structure.map((r) => Object.keys(r)[0]);
    expect(kinds.filter((k) => k === 'addSheet')).toHaveLength(1);
    expect(plan.structure.find((r) => r.addSheet)?.addSheet?.properties).toMatchObject({
      sheetId: 8,
      title: "Mode d'emploi",
    });
    expect(JSON.stringify(plan.structure)).not.toContain('Feuille 1');
    expect(plan.structure.some((r) => r.updateSheetProperties?.fields?.includes('title'))).toBe(false);
    // The old, larger tab is cleared outside the new block: rows 2–50, then columns D–J of row 1.
    expect(plan.clear).toEqual(["'Synthèse'!A2:J50", "'Synthèse'!D1:J1"]);
    expect(plan.values.map((v) => v.range)).toEqual(["'Synthèse'!A1:C1", "'Mode d''emploi'!A1:C1"]);
  });

  it('leaves out a merge that straddles the frozen panes, which Sheets refuses', () => {
    const plan = planMirror(
      workbook(
        sheet({
          cells: [['titre'], [], ['x']],
          freeze: { rows: 2, columns: 1 },
          merges: ['A1:D1', 'B1:D1', 'A2:A3'],
        }),
      ),
      { locale: 'en_US', sheets: [] },
    );
    const merges = plan.structure.flatMap((r) => (r.mergeCells ? [r.mergeCells.range] : []));
    expect(merges).toEqual([
      { sheetId: 1, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 1, endColumnIndex: 4 },
    ]);
  });

  it('reads sparse rows: rows left out and holes in a row are blanks, never joined runs', () => {
    const cells: SheetSpec['cells'] = [];
    cells[2] = [];
    cells[2][1] = { formula: 'A1' };
    cells[2][3] = { formula: 'A2' };
    const plan = planMirror(workbook(sheet({ cells })), { locale: null, sheets: [] });
    expect(plan.values[0]).toMatchObject({ range: "'Synthèse'!A1:D3" });
    expect(plan.values[0]?.values?.[2]).toEqual(['', null, '', null]);
    expect(plan.formulas.map((f) => [f.range, f.values])).toEqual([
      ["'Synthèse'!B3", [['=A1']]],
      ["'Synthèse'!D3", [['=A2']]],
    ]);
  });

  it('joins consecutive rows of one style into one request, keeping their order', () => {
    const styles = [
      { range: 'A2:C2', style: 'lockedText' as const },
      { range: 'A3:C3', style: 'lockedText' as const },
      { range: 'A4:C4', style: 'lockedText' as const },
      { range: 'A5:C5', style: 'pillarRow' as const },
      { range: 'A6:C6', style: 'lockedText' as const },
    ];
    const plan = planMirror(workbook(sheet({ cells: [[], [], [], [], [], ['x']], styles })), {
      locale: null,
      sheets: [],
    });
    const ranges = plan.structure.flatMap((r) =>
      r.repeatCell?.cell?.userEnteredFormat
        ? [[r.repeatCell.range?.startRowIndex, r.repeatCell.range?.endRowIndex]]
        : [],
    );
    expect(ranges).toEqual([
      [1, 4],
      [4, 5],
      [5, 6],
    ]);
  });
});
