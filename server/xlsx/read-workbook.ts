/**
 * An ExcelJS worksheet as the core sees it: a Grid of plain values, with formulas set apart. A
 * formula cell is null in the grid — its cached result is whatever the last program to save the
 * file computed (or nothing at all), so it is never read as a value — and its formula text is
 * kept in `formulas` for the caller to recognise or report. Merged cells hold their value in the
 * top-left cell only, as people see them; the other cells of the range are empty.
 */
import ExcelJS from 'exceljs';
import type { CellValue, SheetContent } from '#core';

/** The core's SheetContent: values, and formulas by 1-based row then 0-based column. */
export type SheetCells = SheetContent;

const { ValueType } = ExcelJS;

function richText(parts: readonly { text: string }[]): string {
  return parts.map((p) => p.text).join('');
}

/** A date as people typed it ("2021-03-01"); a time of day is kept when there is one. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/** The plain value of a cell that is not a formula. */
function plain(cell: ExcelJS.Cell): CellValue {
  const v = cell.value;
  switch (cell.type) {
    case ValueType.Number:
    case ValueType.String:
    case ValueType.Boolean:
      return v as number | string | boolean;
    case ValueType.SharedString:
      return typeof v === 'string' ? v : cell.text;
    case ValueType.Date:
      return v instanceof Date ? dateText(v) : null;
    case ValueType.RichText:
      return richText((v as ExcelJS.CellRichTextValue).richText ?? []);
    case ValueType.Hyperlink: {
      const text = (v as ExcelJS.CellHyperlinkValue).text as unknown;
      if (typeof text === 'string') return text;
      if (text && typeof text === 'object' && 'richText' in text) {
        return richText((text as ExcelJS.CellRichTextValue).richText ?? []);
      }
      return null;
    }
    case ValueType.Error:
      return (v as ExcelJS.CellErrorValue).error ?? '#ERREUR';
    default:
      return null;
  }
}

export function readSheet(ws: ExcelJS.Worksheet): SheetCells {
  const rows: CellValue[][] = [];
  const formulas = new Map<number, Map<number, string>>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const cells: CellValue[] = [];
    let rowFormulas: Map<number, string> | undefined;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const type = cell.type;
      // The other cells of a merged range repeat its top-left value in ExcelJS; people see them empty.
      if (type === ValueType.Merge) return;
      if (type === ValueType.Formula) {
        rowFormulas ??= new Map();
        rowFormulas.set(c - 1, cell.formula ?? '');
        return;
      }
      const value = plain(cell);
      if (value !== null) cells[c - 1] = value;
    });
    rows[r - 1] = cells;
    if (rowFormulas) formulas.set(r, rowFormulas);
  });
  // Rows ExcelJS never saw stay holes: Grid readers take a missing row as an empty one, and a
  // stray cell on row 1,048,576 does not make a million empty arrays.
  return { grid: { sheet: ws.name, rows }, formulas };
}

/** The formula at a 1-based row and 0-based column, if that cell holds one. */
export function formulaAt(cells: SheetCells, row1: number, col0: number): string | undefined {
  return cells.formulas.get(row1)?.get(col0);
}
