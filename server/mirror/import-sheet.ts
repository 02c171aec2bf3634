/**
 * A ministry's return read from a Google Sheet by id, for ministries that fill their sheet in
 * Google Sheets rather than Excel: one values.get of the entry tab, the cells as a Grid, read by the
 * core's entry-sheet reader (readEntryGrid) and checked by the same return checks as every other
 * return. Values are read unformatted, so numbers arrive as numbers and formulas as their results;
 * a text stays the text typed.
 *
 * What this does not do, unlike the .xlsx upload: recognise the template by its hidden metadata
 * sheet and compare the locked cells against the template's spec. The caller says which ministry
 * and plan the sheet is for.
 */
import {
  type Grid,
  type ParsedReturn,
  type PlanIndex,
  type Report,
  readEntryGrid,
  runReturnChecks,
  SHEET_NAMES,
} from '#core';
import type { SheetsApi } from './sheets-client.ts';

/** The tab name of an A1 range ("'Saisie'!A1:V200" → "Saisie"; "Saisie" → "Saisie"). */
export function tabOf(range: string): string {
  const bang = range.lastIndexOf('!');
  const name = bang < 0 ? range : range.slice(0, bang);
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replaceAll("''", "'") : name;
}

/** The range's cells, row by row, as the core's readers take them. One request. */
export async function importFromSheet(
  api: SheetsApi,
  spreadsheetId: string,
  range: string = `'${SHEET_NAMES.entry.fr}'`,
): Promise<Grid> {
  const res = await api.spreadsheets.values.get({
    spreadsheetId,
    range,
    majorDimension: 'ROWS',
    valueRenderOption: 'UNFORMATTED_VALUE',
    // Dates are not part of a return; if one was typed, its text is what a person saw.
    dateTimeRenderOption: 'FORMATTED_STRING',
  });
  const rows = (res.data.values ?? []).map((row) =>
    row.map((v: unknown) =>
      typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null,
    ),
  );
  return { sheet: tabOf(range), rows };
}

export interface SheetReturn {
  grid: Grid;
  parsed: ParsedReturn;
  report: Report;
}

/** A return read from the sheet and checked for `ministry` against the plan. */
export async function checkReturnFromSheet(
  api: SheetsApi,
  spreadsheetId: string,
  options: { index: PlanIndex; ministry: string; range?: string },
): Promise<SheetReturn> {
  const grid = await importFromSheet(api, spreadsheetId, options.range);
  const reading = readEntryGrid(grid, options.index.years);
  const parsed: ParsedReturn = {
    ministry: options.ministry,
    planId: options.index.plan.plan.id,
    planVersion: options.index.plan.plan.version,
    lines: reading.lines,
    subtotals: reading.subtotals,
    summaries: [],
  };
  const report = runReturnChecks(options.index, parsed, {
    ministry: options.ministry,
    readingFindings: reading.findings,
  });
  return { grid, parsed, report };
}
