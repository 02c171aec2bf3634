/**
 * A sheet as the core sees it: a rectangle (possibly ragged) of plain cell values, whatever host it
 * came from, and the A1 addresses that findings use to point back at a cell.
 */

/** What a host hands over for one cell. Dates and rich values are converted by the host adapter. */
export type CellValue = string | number | boolean | null | undefined;

export interface Grid {
  sheet: string;
  /** rows[0][0] is A1. Rows may be ragged or missing trailing cells. */
  rows: CellValue[][];
}

/** 0 → "A", 25 → "Z", 26 → "AA". Returns "" for a negative or non-integer index. */
export function columnLetter(index0: number): string {
  if (!Number.isSafeInteger(index0) || index0 < 0) return '';
  let n = index0 + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "aa" → 26. Returns -1 for anything that is not 1 to 7 letters. */
export function columnIndex(letters: string): number {
  // Seven letters already exceed any spreadsheet; the bound keeps the result a safe integer.
  if (typeof letters !== 'string' || !/^[A-Za-z]{1,7}$/.test(letters)) return -1;
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** a1(12, 7) → "H12": a 1-based row and a 0-based column, as spreadsheets number them. */
export function a1(row1: number, col0: number): string {
  return `${columnLetter(col0)}${row1}`;
}

/** The value at a 1-based row and 0-based column; undefined outside the grid or past a short row. */
export function cellAt(grid: Grid, row1: number, col0: number): CellValue {
  const row = grid.rows[row1 - 1];
  return Array.isArray(row) ? row[col0] : undefined;
}
