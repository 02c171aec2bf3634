/**
 * Helpers for tests that look into a template spec: a sheet by its key, what a host would read
 * back from it before any recalculation, the cells a list of ranges covers, and the TOTAL row.
 */
import { type Grid, isFormula, parseRange, type SheetSpec, type WorkbookSpec } from '#core';

export function sheetOf(spec: WorkbookSpec, key: SheetSpec['key']): SheetSpec {
  const s = spec.sheets.find((x) => x.key === key);
  if (!s) throw new Error(`no ${key} sheet`);
  return s;
}

/** What a host would read back before any recalculation: values, formulas as empty cells. */
export function gridOf(s: SheetSpec): Grid {
  return { sheet: s.name, rows: s.cells.map((r) => r.map((c) => (c !== null && isFormula(c) ? null : c))) };
}

/** Every "row:col" a list of A1 ranges covers. */
export function cellsOf(ranges: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const range of ranges) {
    const r = parseRange(range);
    if (!r) throw new Error(range);
    for (let row = r.top; row <= r.bottom; row++)
      for (let c = r.left; c <= r.right; c++) out.add(`${row}:${c}`);
  }
  return out;
}

/** 1-based row of the entry sheet's grand TOTAL (the signature block comes after it). */
export function totalRowOf(s: SheetSpec): number {
  const i = s.cells.findIndex((r) => r[0] === 'TOTAL');
  if (i < 0) throw new Error('no TOTAL row');
  return i + 1;
}
