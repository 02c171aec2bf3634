/**
 * A ministry's return read from a Google Sheet by id, for ministries that fill their template in
 * Google Sheets rather than Excel, read like every other copy of the template: its metadata tab
 * says which template it is, and the entry and summary tabs go through the core's one template
 * reader (values and formulas apart, the formulas' results worked out from the cells), then the
 * same return checks. Three requests: the spreadsheet's locale and tabs, the tabs' values
 * unformatted (numbers as numbers, text as typed), and their formulas — in the spreadsheet's
 * locale syntax, turned into Excel's as the reader compares them.
 */
import {
  type CellValue,
  formulaToEnglish,
  type Grid,
  type ParsedReturn,
  type PlanIndex,
  type Report,
  readTemplate,
  readTemplateMeta,
  runReturnChecks,
  SHEET_NAMES,
  type SheetContent,
  type TemplateMeta,
  templateSheetNames,
  usesDecimalComma,
} from '#core';
import type { SheetsApi } from './sheets-client.ts';

/** The tab name of an A1 range ("'Saisie'!A1:V200" → "Saisie"; "Saisie" → "Saisie"). */
export function tabOf(range: string): string {
  const bang = range.lastIndexOf('!');
  const name = bang < 0 ? range : range.slice(0, bang);
  return name.startsWith("'") && name.endsWith("'") ? name.slice(1, -1).replaceAll("''", "'") : name;
}

const quoted = (tab: string) => `'${tab.replaceAll("'", "''")}'`;

const cellOf = (v: unknown): CellValue =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;

/** One range's cells, row by row, as the core's readers take them. One request. */
export async function importFromSheet(
  api: SheetsApi,
  spreadsheetId: string,
  range: string = quoted(SHEET_NAMES.entry.fr),
): Promise<Grid> {
  const res = await api.spreadsheets.values.get({
    spreadsheetId,
    range,
    majorDimension: 'ROWS',
    valueRenderOption: 'UNFORMATTED_VALUE',
    // Dates are not part of a return; if one was typed, its text is what a person saw.
    dateTimeRenderOption: 'FORMATTED_STRING',
  });
  return { sheet: tabOf(range), rows: (res.data.values ?? []).map((row) => row.map(cellOf)) };
}

/** Tabs' values and formulas, set apart as every host hands a sheet to the core. */
async function sheetContents(
  api: SheetsApi,
  spreadsheetId: string,
  tabs: readonly string[],
  decimalComma: boolean,
): Promise<SheetContent[]> {
  const get = (valueRenderOption: 'UNFORMATTED_VALUE' | 'FORMULA') =>
    api.spreadsheets.values.batchGet({
      spreadsheetId,
      ranges: tabs.map(quoted),
      majorDimension: 'ROWS',
      valueRenderOption,
      dateTimeRenderOption: 'FORMATTED_STRING',
    });
  const [values, formulas] = await Promise.all([get('UNFORMATTED_VALUE'), get('FORMULA')]);
  return tabs.map((sheet, i) => {
    const rows = (values.data.valueRanges?.[i]?.values ?? []).map((row) => row.map(cellOf));
    const found = new Map<number, Map<number, string>>();
    (formulas.data.valueRanges?.[i]?.values ?? []).forEach((row, r) => {
      row.forEach((f: unknown, c: number) => {
        if (typeof f !== 'string' || !f.startsWith('=')) return;
        const cols = found.get(r + 1) ?? new Map<number, string>();
        found.set(r + 1, cols);
        cols.set(c, decimalComma ? formulaToEnglish(f.slice(1)) : f.slice(1));
        // A formula's result is worked out by the reader, never taken from the sheet.
        const cells = rows[r];
        if (cells) cells[c] = null;
      });
    });
    return { grid: { sheet, rows }, formulas: found };
  });
}

export interface SheetReturn {
  meta: TemplateMeta;
  entry: Grid;
  parsed: ParsedReturn;
  report: Report;
}

/** Why a Google Sheet cannot be read as a return: no PAC metadata, or no entry tab. */
export class NotATemplateSheet extends Error {
  constructor(readonly missing: string) {
    super(`The Google Sheet has no « ${missing} » tab of a PAC template`);
  }
}

/** The template filled in a Google Sheet, read and checked for `ministry` against the plan. */
export async function checkReturnFromSheet(
  api: SheetsApi,
  spreadsheetId: string,
  options: { index: PlanIndex; ministry: string },
): Promise<SheetReturn> {
  const info = await api.spreadsheets.get({
    spreadsheetId,
    fields: 'properties.locale,sheets.properties.title',
  });
  const titles = (info.data.sheets ?? []).map((s) => s.properties?.title ?? '');
  const metaTab = SHEET_NAMES.meta.fr;
  if (!titles.includes(metaTab)) throw new NotATemplateSheet(metaTab);
  const decimalComma = usesDecimalComma(info.data.properties?.locale ?? 'en_US');
  const candidates = [SHEET_NAMES.entry, SHEET_NAMES.summary].flatMap((pair) =>
    [pair.fr, pair.en].filter((t) => titles.includes(t)),
  );
  const [metaContent, ...contents] = await sheetContents(
    api,
    spreadsheetId,
    [metaTab, ...candidates],
    decimalComma,
  );
  const meta = readTemplateMeta(metaContent?.grid.rows ?? []);
  if (!meta) throw new NotATemplateSheet(metaTab);
  const names = templateSheetNames(meta);
  const byName = (name: string) => contents.find((c) => c.grid.sheet === name) ?? null;
  const read = readTemplate(
    { entry: byName(names.entry), summary: byName(names.summary) },
    meta,
    options.index,
  );
  if (read.kind !== 'read') throw new NotATemplateSheet(read.sheet);
  const parsed: ParsedReturn = { ...read.parsed, ministry: options.ministry };
  const report = runReturnChecks(options.index, parsed, {
    ministry: options.ministry,
    readingFindings: read.findings,
  });
  return { meta, entry: byName(names.entry)?.grid as Grid, parsed, report };
}
