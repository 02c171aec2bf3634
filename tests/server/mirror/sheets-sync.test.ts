/**
 * One mirror run through the real googleapis client against the Sheets stand-in: the tabs, values,
 * formulas, formats and frozen panes it leaves, the requests it takes, what a second run over an
 * older, larger sheet leaves behind (nothing stale), and very large workbooks.
 */

import type { sheets_v4 } from 'googleapis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTemplateSpec, isFormula, type SheetSpec, type WorkbookSpec } from '#core';
import { describeFailure } from '../../../server/mirror/backoff.ts';
import type { SheetsApi } from '../../../server/mirror/sheets-client.ts';
import { WorkbookTooLargeError } from '../../../server/mirror/sheets-requests.ts';
import { MAX_REQUEST_BYTES, syncWorkbook } from '../../../server/mirror/sheets-sync.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { expectedGrid, formulaTextSpec, GENERATED_AT, standInClient } from './helpers.ts';

let standIn: SheetsStandIn;
let api: SheetsApi;

async function start(locale = 'fr_FR'): Promise<void> {
  standIn = await SheetsStandIn.start({
    locale,
    sheets: [{ title: 'Feuille 1', values: [['Notes du partenaire', 42]] }],
  });
  api = await standInClient(standIn);
}

afterEach(async () => {
  await standIn?.close();
});

function expectSheetsMatch(spec: WorkbookSpec, locale: string): void {
  for (const sheet of spec.sheets) {
    expect(standIn.values(sheet.name), sheet.name).toEqual(expectedGrid(sheet, locale));
  }
}

describe('a mirror run', () => {
  beforeEach(() => start());

  it('creates the missing tabs and writes every value, formula, format and frozen pane of the spec', async () => {
    const spec = formulaTextSpec();
    const result = await syncWorkbook(api, standIn.spreadsheetId, spec);

    expect(standIn.counts()).toEqual({
      'spreadsheets.get': 1,
      'spreadsheets.batchUpdate': 1,
      'values.batchUpdate': 2,
    });
    expect(result.requests).toBe(4);
    expect(standIn.requests.every((r) => r.authorization === 'Bearer test' && r.status === 200)).toBe(true);

    // The partner's own tab is where it was, as it was.
    expect(standIn.sheets.map((s) => s.title)).toEqual(['Feuille 1', ...spec.sheets.map((s) => s.name)]);
    expect(standIn.values('Feuille 1')).toEqual([['Notes du partenaire', 42]]);

    expectSheetsMatch(spec, 'fr_FR');

    const entry = standIn.sheet('Saisie');
    expect([entry.frozenRowCount, entry.frozenColumnCount]).toEqual([5, 2]);
    expect(standIn.sheet('Listes').hidden).toBe(true);
    expect(standIn.sheet('PAC_meta').hidden).toBe(true);
    expect(standIn.sheet('Saisie').hidden).toBe(false);
    // The pillar and ministry key columns (U, V) are hidden, as in the .xlsx.
    expect([20, 21].map((c) => entry.columns.get(c)?.hiddenByUser)).toEqual([true, true]);
    // The three group headings and the two signature boxes under TOTAL.
    expect(entry.merges).toHaveLength(5);
  });

  it('sends text as text: formula-looking titles arrive as strings through RAW', async () => {
    const spec = formulaTextSpec();
    await syncWorkbook(api, standIn.spreadsheetId, spec);

    const writes = standIn.bodies<sheets_v4.Schema$BatchUpdateValuesRequest>('values.batchUpdate');
    expect(writes.map((w) => w.valueInputOption)).toEqual(['RAW', 'USER_ENTERED']);

    const titles = standIn
      .values('Saisie')
      .flatMap((row) => row.filter((v) => typeof v === 'string' && /^[=+@]/.test(v)));
    expect(titles).toContain('=HYPERLINK("http://evil.example/1.1.1.1","cliquez")');
    expect(titles.length).toBeGreaterThan(30);
    expect(standIn.stored('Saisie', 'B9')).toEqual({
      kind: 'text',
      value: '=HYPERLINK("http://evil.example/1.1.1.1","cliquez")',
    });

    // USER_ENTERED carries PAC's formulas and nothing else.
    const sent = (writes[1]?.data ?? []).flatMap((d) => (d.values ?? []).flat() as string[]);
    const specFormulas = spec.sheets.flatMap((s) => s.cells.flat().filter((c) => c !== null && isFormula(c)));
    expect(sent).toHaveLength(specFormulas.length);
    expect(sent.every((v) => v.startsWith('=') && !v.includes('HYPERLINK'))).toBe(true);
  });

  it('applies the looks of the template: header bold on its fill, amount number format', async () => {
    await syncWorkbook(api, standIn.spreadsheetId, formulaTextSpec());
    const header = standIn.formatAt('Saisie', 'A5');
    expect(header.textFormat).toMatchObject({
      bold: true,
      foregroundColorStyle: { rgbColor: { red: 1, green: 1, blue: 1 } },
    });
    expect(header.backgroundColorStyle?.rgbColor).toEqual({ red: 0.122, green: 0.22, blue: 0.392 });
    expect(header.wrapStrategy).toBe('WRAP');
    expect(standIn.formatAt('Saisie', 'G9').numberFormat).toEqual({ type: 'NUMBER', pattern: '#,##0.0##' });
    // G8 is a result roll-up: its zero section is empty, so a subtotal of nothing shows blank.
    expect(standIn.formatAt('Saisie', 'G8').numberFormat).toEqual({
      type: 'NUMBER',
      pattern: '#,##0.0##;-#,##0.0##;;@',
    });
    // A cell outside every style range keeps Sheets' default.
    expect(standIn.formatAt('Saisie', 'A2000')).toEqual({});

    const [update] =
      standIn.bodies<sheets_v4.Schema$BatchUpdateSpreadsheetRequest>('spreadsheets.batchUpdate');
    const kinds = new Set((update?.requests ?? []).map((r) => Object.keys(r)[0]));
    expect([...kinds].sort()).toEqual(['addSheet', 'mergeCells', 'repeatCell', 'updateDimensionProperties']);
  });

  it('is idempotent: a repeated run leaves the same sheet', async () => {
    const spec = formulaTextSpec();
    await syncWorkbook(api, standIn.spreadsheetId, spec);
    const first = spec.sheets.map((s) => standIn.values(s.name));
    const firstFormats = standIn.sheet('Saisie').formats.length;
    standIn.clearRequests();
    const again = await syncWorkbook(api, standIn.spreadsheetId, spec);
    expect(again.requests).toBe(4);
    expect(spec.sheets.map((s) => standIn.values(s.name))).toEqual(first);
    expect(standIn.sheet('Saisie').formats).toHaveLength(firstFormats);
    expect(standIn.sheets.filter((s) => s.title === 'Saisie')).toHaveLength(1);
  });

  it('leaves nothing stale when the workbook shrinks: cells beyond the new extent are cleared', async () => {
    await syncWorkbook(api, standIn.spreadsheetId, formulaTextSpec(200));
    standIn.clearRequests();
    const small = buildTemplateSpec(shippedPlan(), {
      ministry: 'MARCC',
      lang: 'fr',
      generatedAt: GENERATED_AT,
    });
    const result = await syncWorkbook(api, standIn.spreadsheetId, small);
    expect(result.requests).toBe(5);
    expect(standIn.counts()['values.batchClear']).toBe(1);
    expectSheetsMatch(small, 'fr_FR');
  });
});

describe('formulas in the spreadsheet locale', () => {
  it('uses ";" in a French spreadsheet and "," in an American one', async () => {
    for (const [locale, separator] of [
      ['fr_FR', ';'],
      ['en_US', ','],
    ] as const) {
      await start(locale);
      await syncWorkbook(api, standIn.spreadsheetId, formulaTextSpec());
      const stored = standIn.stored('Saisie', 'G6');
      expect(stored?.kind).toBe('formula');
      expect(stored?.value).toBe(`=SUBTOTAL(9${separator}G7:G18)`);
      await standIn.close();
    }
  });
});

describe('size', () => {
  beforeEach(() => start('en_US'));

  it('splits a very large workbook into requests under the size limit, in order, with the same result', async () => {
    // The limit scaled down with the workbook: 2 MB is reached at about 5,000 consolidated lines.
    const spec = formulaTextSpec(1_000);
    const maxRequestBytes = 128 * 1024;
    const result = await syncWorkbook(api, standIn.spreadsheetId, spec, { maxRequestBytes });
    const counts = standIn.counts();
    expect(counts['spreadsheets.batchUpdate']).toBeGreaterThan(1);
    expect(counts['values.batchUpdate']).toBeGreaterThan(3);
    // A request over the limit holds one item alone (a block of 500 rows is not split further).
    for (const r of standIn.requests.filter((x) => x.bytes > maxRequestBytes)) {
      const body = r.body as { data?: unknown[]; requests?: unknown[] };
      expect((body.data ?? body.requests)?.length).toBe(1);
    }
    expect(result.requests).toBe(standIn.requests.length);
    expectSheetsMatch(spec, 'en_US');
    expect(MAX_REQUEST_BYTES).toBe(2 * 1024 * 1024);
  });

  it('refuses a workbook beyond Google’s ten million cells before writing anything', async () => {
    const spec = formulaTextSpec();
    const huge = {
      ...spec,
      sheets: [
        {
          ...(spec.sheets[1] as SheetSpec),
          cells: [],
          columns: Array(400).fill({ width: 8 }),
          rowHeights: { 30000: 15 },
        },
      ],
    };
    const error = await syncWorkbook(api, standIn.spreadsheetId, huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkbookTooLargeError);
    expect(describeFailure(error, 0)).toMatchObject({ transient: false, status: null });
    expect(standIn.counts()).toEqual({ 'spreadsheets.get': 1 });
  });
});
