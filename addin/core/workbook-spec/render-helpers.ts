/**
 * What every renderer of a WorkbookSpec shares — the .xlsx writer, the Excel and Google Sheets
 * hosts, the Google Sheet mirror — so they cannot round or read differently: a spec range as a
 * rectangle (a bad one is a bug in the spec, said with its sheet), column widths from characters to
 * pixels and points in Excel's one rounding, the template's font and grid colour, and the cells a
 * check marks (one mark per cell, an error's over a warning's, errors first, at most MAX_MARKS).
 */
import type { Severity } from '../findings.ts';
import { parseRange, type Rect, rangeA1 } from './ranges.ts';

export const TEMPLATE_FONT = 'Calibri';
/** The thin grey border of the template's cells (RRGGBB), which marks are drawn over and put back to. */
export const GRID_BORDER = 'BFBFBF';

/** More marked cells than this are not drawn (errors first); the pane still lists every finding. */
export const MAX_MARKS = 500;

export function specRect(range: string, sheet: string): Rect {
  const r = parseRange(range);
  if (!r) throw new Error(`Invalid range "${range}" in the spec of sheet "${sheet}"`);
  return r;
}

/** A column width in characters of Calibri 11, in pixels, as Excel itself converts it. */
export function columnPixels(chars: number): number {
  return Math.trunc(chars * 7 + 5);
}

/** The same width in points (the Excel JavaScript API takes points). */
export function columnPoints(chars: number): number {
  return Math.round((columnPixels(chars) * 3) / 4);
}

export interface MarkedCell {
  sheet: string;
  /** "H12". */
  cell: string;
  row: number;
  col: number;
  severity: Severity;
}

/** Marks as single cells: an error wins over a warning on the same cell; errors first; at most `max`. */
export function markedCells(
  marks: readonly { sheet: string; range: string; severity: Severity }[],
  max: number = MAX_MARKS,
): MarkedCell[] {
  const cells = new Map<string, MarkedCell>();
  for (const m of marks) {
    const r = parseRange(m.range);
    if (!r) continue;
    for (let row = r.top; row <= r.bottom; row++) {
      for (let col = r.left; col <= r.right; col++) {
        const key = `${m.sheet}\u0000${row}\u0000${col}`;
        const seen = cells.get(key);
        if (!seen || (seen.severity === 'warning' && m.severity === 'error'))
          cells.set(key, {
            sheet: m.sheet,
            cell: rangeA1({ top: row, bottom: row, left: col, right: col }),
            row,
            col,
            severity: m.severity,
          });
      }
    }
  }
  const all = [...cells.values()];
  return [...all.filter((c) => c.severity === 'error'), ...all.filter((c) => c.severity !== 'error')].slice(
    0,
    max,
  );
}
