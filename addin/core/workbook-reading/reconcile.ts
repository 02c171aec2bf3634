/**
 * A filled sheet's formula cells against the template's: which of the template's formulas are
 * still there, which were changed into another formula (formula_modified), which were typed over
 * with a value or emptied, and which formulas stand where the template has a value. Rows are
 * matched by a key (column A's text on the entry sheet), so the comparison holds when rows were
 * moved, inserted or deleted.
 *
 * "Still there" means the same formula up to its rows: a re-save by Excel or LibreOffice respells
 * it, a row moved carries its formula along, and a row inserted or deleted inside a block makes the
 * spreadsheet grow or shrink the ranges that cross it — SUBTOTAL(9,G9:G11) becomes G9:G12. Such a
 * formula is the template's, and what it now prints is evaluated and compared with the lines; a
 * different function, column or literal is a changed formula.
 */
import { type Finding, finding } from '../findings.ts';
import { formulaKey } from '../formula-text.ts';
import type { CellValue } from '../grid.ts';
import { columnLetter } from '../grid.ts';
import type { SheetContent } from '../sheet-content.ts';
import { isFormula, type SheetSpec } from '../workbook-spec/spec.ts';

/** "row:col" (1-based row, 0-based column) of a cell of the file. */
export const at = (row: number, col: number): string => `${row}:${col}`;

export interface Reconciled {
  /** File cells holding the template's formula, unchanged: their value is what it computes. */
  intact: Set<string>;
  /** File cells where the template's formula was replaced by another one (reported). */
  changed: Set<string>;
  /** File cells where the template has a formula and the file a value, or nothing. */
  typedOver: Set<string>;
  /** File formulas where the template has none, by cell. */
  foreign: Map<string, string>;
  findings: Finding[];
  /** File row of each template row found in the file. */
  fileRow: Map<number, number>;
}

export type RowKey = (row: readonly CellValue[]) => string | null;

/** A template row's values, formula cells read as empty (as hosts hand formula cells over). */
export function specValues(sheet: SheetSpec, row1: number): CellValue[] {
  return (sheet.cells[row1 - 1] ?? []).map((c) => (c !== null && isFormula(c) ? null : c));
}

/** Two formulas that differ at most in the rows they refer to (see the header). */
function sameShape(a: string, rowA: number, b: string, rowB: number): boolean {
  const shape = (f: string, row: number) => formulaKey(f, row).replace(/\[-?\d+\]/g, '[#]');
  return shape(a, rowA) === shape(b, rowB);
}

export function reconcile(spec: SheetSpec, file: SheetContent, key: RowKey): Reconciled {
  const out: Reconciled = {
    intact: new Set(),
    changed: new Set(),
    typedOver: new Set(),
    foreign: new Map(),
    findings: [],
    fileRow: new Map(),
  };
  const fileRows = file.grid.rows;
  const byKey = new Map<string, number>();
  for (let r = 0; r < fileRows.length; r++) {
    const k = key(fileRows[r] ?? []);
    if (k !== null && !byKey.has(k)) byKey.set(k, r + 1);
  }
  const visited = new Set<string>();
  spec.cells.forEach((cells, r) => {
    const specRow = r + 1;
    const k = key(specValues(spec, specRow));
    // Title rows have no key and stay where they are; a keyed row the file lost has nothing to compare.
    const fr = k === null ? specRow : byKey.get(k);
    if (fr === undefined) return;
    out.fileRow.set(specRow, fr);
    cells.forEach((cell, c) => {
      if (cell === null || !isFormula(cell)) return;
      const place = at(fr, c);
      visited.add(place);
      const actual = file.formulas.get(fr)?.get(c);
      if (actual === undefined) {
        out.typedOver.add(place);
        return;
      }
      // Most files keep the template's text as is (same row, same spelling): no need to normalise.
      if ((actual === cell.formula && fr === specRow) || sameShape(actual, fr, cell.formula, specRow)) {
        out.intact.add(place);
        return;
      }
      out.changed.add(place);
      out.findings.push(
        finding(
          'formula_modified',
          'error',
          { sheet: file.grid.sheet, cell: `${columnLetter(c)}${fr}` },
          { formula: actual, template: cell.formula },
          { actual: `=${actual}`, expected: `=${cell.formula}` },
        ),
      );
    });
  });
  for (const [row, cols] of file.formulas) {
    for (const [col, formula] of cols) if (!visited.has(at(row, col))) out.foreign.set(at(row, col), formula);
  }
  return out;
}
