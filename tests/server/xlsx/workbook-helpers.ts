/**
 * Test helpers around ExcelJS workbooks: a worksheet as the core's Grid (formula cells give their
 * cached result, which is what LibreOffice computed after recalculation), and the differences
 * between a WorkbookSpec and a workbook read back from a file (values and formulas, per sheet).
 */
import type ExcelJS from 'exceljs';
import { type CellValue, type Grid, isFormula, type WorkbookSpec } from '#core';

/** The plain value of an ExcelJS cell value: a formula's cached result, rich text's text. */
export function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('result' in value) {
    const r = value.result;
    return typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' ? r : null;
  }
  if ('richText' in value) return value.richText.map((t) => t.text).join('');
  if ('text' in value && typeof value.text === 'string') return value.text;
  return null;
}

export function worksheetGrid(ws: ExcelJS.Worksheet): Grid {
  const rows: CellValue[][] = [];
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: CellValue[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // cell.value drops a formula result that is falsy (0, ""): ExcelJS copies it with `if (value)`.
      // cell.result keeps it.
      cells[c - 1] = cell.formula
        ? plainValue({ formula: cell.formula, result: cell.result })
        : plainValue(cell.value);
    });
    rows[r - 1] = cells;
  });
  for (let i = 0; i < rows.length; i++) rows[i] ??= [];
  return { sheet: ws.name, rows };
}

function shown(cell: unknown): string {
  return JSON.stringify(cell ?? null);
}

/**
 * "Sheet!B7: expected …, got …" for every cell whose value or formula differs between the spec and
 * the workbook, both ways (a cell the spec leaves empty must be empty in the file).
 */
export function specCellsDiff(spec: WorkbookSpec, wb: ExcelJS.Workbook): string[] {
  const diffs: string[] = [];
  const names = wb.worksheets.map((ws) => ws.name);
  if (JSON.stringify(names) !== JSON.stringify(spec.sheets.map((s) => s.name))) {
    diffs.push(`sheets: expected ${shown(spec.sheets.map((s) => s.name))}, got ${shown(names)}`);
  }
  for (const sheet of spec.sheets) {
    const ws = wb.getWorksheet(sheet.name);
    if (!ws) continue;
    const seen = new Set<string>();
    sheet.cells.forEach((values, r) => {
      values.forEach((expected, c) => {
        const cell = ws.getCell(r + 1, c + 1);
        seen.add(cell.address);
        const ok =
          expected !== null && isFormula(expected)
            ? cell.formula === expected.formula
            : expected === null
              ? cell.value === null || cell.value === undefined
              : cell.value === expected;
        if (!ok)
          diffs.push(`${sheet.name}!${cell.address}: expected ${shown(expected)}, got ${shown(cell.value)}`);
      });
    });
    ws.eachRow({ includeEmpty: false }, (row) => {
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (!seen.has(cell.address))
          diffs.push(`${sheet.name}!${cell.address}: unexpected ${shown(cell.value)}`);
      });
    });
  }
  return diffs;
}
