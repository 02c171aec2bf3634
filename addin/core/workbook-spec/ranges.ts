/**
 * A1 ranges as the template spec writes them and every renderer reads them back: a rectangle of
 * 1-based rows and 0-based columns (the same convention as ../grid.ts), and references to another
 * sheet that stay valid whatever the sheet is called ("Mode d'emploi", "Synthèse").
 */
import { columnIndex, columnLetter } from '../grid.ts';

/** Rows are 1-based, columns 0-based; both bounds included. */
export interface Rect {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

/** "F8:K12"; a single cell is written "F8". */
export function rangeA1(rect: Rect): string {
  const from = `${columnLetter(rect.left)}${rect.top}`;
  const to = `${columnLetter(rect.right)}${rect.bottom}`;
  return from === to ? from : `${from}:${to}`;
}

/** "$G$6:$G$120": a range that stays put when a formula is copied or read relative to another cell. */
export function absoluteA1(rect: Rect): string {
  const from = `$${columnLetter(rect.left)}$${rect.top}`;
  const to = `$${columnLetter(rect.right)}$${rect.bottom}`;
  return from === to ? from : `${from}:${to}`;
}

/** One column over a span of rows. */
export function columnRect(column: number, top: number, bottom: number): Rect {
  return { top, left: column, bottom, right: column };
}

/**
 * A reference into another sheet. The name is always quoted, doubling any apostrophe, because
 * sheet names carry spaces, accents and apostrophes ("'Mode d''emploi'!A1").
 */
export function sheetRef(sheet: string, a1: string): string {
  return `'${sheet.replaceAll("'", "''")}'!${a1}`;
}

const A1_RANGE = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?$/;

/** Reads "F8:K12", "$G$6" or "K12:F8" back into a rectangle (bounds put in order); null otherwise. */
export function parseRange(a1: string): Rect | null {
  const m = A1_RANGE.exec(a1.trim());
  if (!m) return null;
  const [, c1 = '', r1 = '', c2 = c1, r2 = r1] = m;
  const cols = [columnIndex(c1), columnIndex(c2)];
  const rows = [Number(r1), Number(r2)];
  if (cols.some((c) => c < 0) || rows.some((r) => r < 1)) return null;
  return {
    top: Math.min(...rows),
    left: Math.min(...cols),
    bottom: Math.max(...rows),
    right: Math.max(...cols),
  };
}

/**
 * Runs of consecutive numbers ([6,7,8,10] → [[6,8],[10,10]]), so that rows of one kind become as
 * few ranges as possible.
 */
export function runs(sorted: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const n of sorted) {
    const last = out[out.length - 1];
    if (last && n === last[1] + 1) last[1] = n;
    else out.push([n, n]);
  }
  return out;
}
