/**
 * A ministry's return read from a Google Sheet (the real googleapis client against the stand-in):
 * the template as a ministry filled it in Sheets — a French spreadsheet, so its formulas are in the
 * locale's syntax — read by the core's one template reader and checked like any other return.
 */

import { afterEach, expect, it } from 'vitest';
import {
  buildTemplateSpec,
  flattenFindings,
  formulaForLocale,
  isFormula,
  moneyToNumber,
  type SheetSpec,
} from '#core';
import {
  checkReturnFromSheet,
  importFromSheet,
  NotATemplateSheet,
  tabOf,
} from '../../../server/mirror/import-sheet.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { type ModelCell, SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { GENERATED_AT, standInClient } from './helpers.ts';

let standIn: SheetsStandIn;
afterEach(async () => {
  await standIn?.close();
});

const index = shippedPlan();

/**
 * The MJS template's tabs as typed in a French Google Sheet, with 5.4.1.1 costed at 135 (27 a
 * year) — 2025's typed as text — and a formula in its comment.
 */
function filledTabs(): { title: string; values: ModelCell[][] }[] {
  const spec = buildTemplateSpec(index, { ministry: 'MJS', lang: 'fr', generatedAt: GENERATED_AT });
  const entry = spec.sheets.find((s) => s.key === 'entry') as SheetSpec;
  const header = entry.cells.findIndex((row) => row?.[0] === 'Code');
  const col = (label: string) => (entry.cells[header] ?? []).indexOf(label);
  return spec.sheets
    .filter((s) => ['entry', 'summary', 'meta'].includes(s.key))
    .map((s) => ({
      title: s.name,
      values: s.cells.map((row) => {
        const values: ModelCell[] = (row ?? []).map((c) =>
          c !== null && isFormula(c) ? { formula: `=${formulaForLocale(c.formula, true)}` } : c,
        );
        if (s.key === 'entry' && values[0] === '5.4.1.1') {
          for (const y of ['2021', '2022', '2023', '2024']) values[col(y)] = 27;
          values[col('2025')] = '27';
          values[col('Nature')] = 'Chiffré';
          values[col('Budget national')] = 35;
          values[col('Extérieur')] = 100;
          values[col('Commentaire')] = { formula: '=HYPERLINK("http://x";"y")' };
        }
        return values;
      }),
    }));
}

it('reads the template filled in a Google Sheet with the core’s reader, in three requests', async () => {
  standIn = await SheetsStandIn.start({ sheets: filledTabs() });
  const api = await standInClient(standIn);
  const { meta, entry, parsed, report } = await checkReturnFromSheet(api, standIn.spreadsheetId, {
    index,
    ministry: 'MJS',
  });
  expect(standIn.counts()).toEqual({ 'spreadsheets.get': 1, 'values.batchGet': 2 });
  expect(
    standIn.requests.filter((r) => r.endpoint === 'values.batchGet').map((r) => r.query.valueRenderOption),
  ).toEqual(['UNFORMATTED_VALUE', 'FORMULA']);
  expect(meta).toMatchObject({ ministry: 'MJS', planId: index.plan.plan.id });
  expect(entry.sheet).toBe('Saisie');

  const line = parsed.lines.find((l) => l.activity === '5.4.1.1');
  expect(line?.years[2021] && moneyToNumber(line.years[2021])).toBe(27);
  expect(line?.unreadable).toEqual(['year:2025', 'total']);
  expect(parsed.lines.map((l) => l.activity)).toEqual(['5.4.1.1', '5.4.1.2', '5.4.1.3']);
  expect(parsed.summaries[0]?.fromWorkbook).toBe(true);
  // The text amount and the formula are errors at their cells, as in Excel and at the service.
  const row = line?.cells.activity?.slice(1);
  expect(flattenFindings(report.findings.filter((f) => f.severity === 'error'))).toEqual([
    [`Saisie!K${row}`, 'amount_as_text'],
    [`Saisie!T${row}`, 'formula_in_input'],
  ]);
  expect(report.findings.find((f) => f.code === 'formula_in_input')?.params).toEqual({
    formula: 'HYPERLINK("http://x","y")',
    value: null,
  });
});

it('says so when the Google Sheet is not a PAC template', async () => {
  standIn = await SheetsStandIn.start({ sheets: [{ title: 'Feuille 1', values: [['a']] }] });
  const api = await standInClient(standIn);
  await expect(checkReturnFromSheet(api, standIn.spreadsheetId, { index, ministry: 'MJS' })).rejects.toThrow(
    NotATemplateSheet,
  );
});

it('reads another range, and names the tab the findings point at', async () => {
  standIn = await SheetsStandIn.start({ sheets: [{ title: "Retour d'avril", values: [['a', 1, true]] }] });
  const api = await standInClient(standIn);
  const grid = await importFromSheet(api, standIn.spreadsheetId, "'Retour d''avril'!A1:C1");
  expect(grid).toEqual({ sheet: "Retour d'avril", rows: [['a', 1, true]] });
  expect(tabOf('Saisie')).toBe('Saisie');
});
