/**
 * A ministry's return read from a Google Sheet (values.get through the real googleapis client
 * against the stand-in): the template's entry tab as a ministry filled it in Sheets, read into
 * lines and checked like any other return.
 */

import { afterEach, expect, it } from 'vitest';
import { buildTemplateSpec, isFormula, moneyToNumber, type SheetSpec } from '#core';
import { checkReturnFromSheet, importFromSheet, tabOf } from '../../../server/mirror/import-sheet.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { type ModelCell, SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { GENERATED_AT, standInClient } from './helpers.ts';

let standIn: SheetsStandIn;
afterEach(async () => {
  await standIn?.close();
});

/** The MJS template's entry tab with 5.4.1.1 costed at 135 (27 a year), as typed in Sheets. */
function filledEntryTab(): ModelCell[][] {
  const spec = buildTemplateSpec(shippedPlan(), { ministry: 'MJS', lang: 'fr', generatedAt: GENERATED_AT });
  const entry = spec.sheets.find((s) => s.key === 'entry') as SheetSpec;
  const header = entry.cells.findIndex((row) => row?.[0] === 'Code');
  const col = (label: string) => (entry.cells[header] ?? []).indexOf(label);
  return entry.cells.map((row) => {
    // The stand-in does not compute formulas; Google would hand back their results.
    const values: ModelCell[] = (row ?? []).map((c) => (c !== null && isFormula(c) ? null : c));
    if (values[0] === '5.4.1.1') {
      for (const y of ['2021', '2022', '2023', '2024', '2025']) values[col(y)] = 27;
      values[col('Nature')] = 'Chiffré';
      values[col('Total')] = 135;
      values[col('Budget national')] = 35;
      values[col('Extérieur')] = 100;
      values[col('Commentaire')] = '=HYPERLINK("http://x","y")';
    }
    return values;
  });
}

it('reads the entry tab of a Google Sheet into checked lines, with one request', async () => {
  standIn = await SheetsStandIn.start({ sheets: [{ title: 'Saisie', values: filledEntryTab() }] });
  const api = await standInClient(standIn);
  const { grid, parsed, report } = await checkReturnFromSheet(api, standIn.spreadsheetId, {
    index: shippedPlan(),
    ministry: 'MJS',
  });
  expect(standIn.counts()).toEqual({ 'values.get': 1 });
  expect(standIn.requests[0]?.query).toMatchObject({
    valueRenderOption: 'UNFORMATTED_VALUE',
    majorDimension: 'ROWS',
  });
  expect(grid.sheet).toBe('Saisie');

  const line = parsed.lines.find((l) => l.activity === '5.4.1.1');
  expect(line && moneyToNumber(line.total ?? 0n)).toBe(135);
  expect(line?.comment).toBe('=HYPERLINK("http://x","y")');
  expect(line?.cells.total).toMatch(/^L\d+$/);
  expect(parsed.lines.map((l) => l.activity)).toEqual(['5.4.1.1', '5.4.1.2', '5.4.1.3']);
  expect(report.stats.lines).toBe(3);
  expect(report.findings.filter((f) => f.code === 'line_total_mismatch')).toEqual([]);
});

it('reads another range, and names the tab the findings point at', async () => {
  standIn = await SheetsStandIn.start({ sheets: [{ title: "Retour d'avril", values: [['a', 1, true]] }] });
  const api = await standInClient(standIn);
  const grid = await importFromSheet(api, standIn.spreadsheetId, "'Retour d''avril'!A1:C1");
  expect(grid).toEqual({ sheet: "Retour d'avril", rows: [['a', 1, true]] });
  expect(tabOf('Saisie')).toBe('Saisie');
});
