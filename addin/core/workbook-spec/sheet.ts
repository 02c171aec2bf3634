/**
 * Small helpers shared by the sheet builders of the template: an empty sheet spec, runs of columns
 * that share a property (so styles and locks become a few ranges, not one per cell), and row
 * heights for wrapped text, which Excel does not fit by itself when it opens a generated file.
 */
import type { SheetKey } from '../layout.ts';
import type { SheetSpec } from './spec.ts';

export function emptySheet(
  key: SheetKey | 'other',
  name: string,
  state: SheetSpec['state'] = 'visible',
): SheetSpec {
  return {
    key,
    name,
    state,
    cells: [],
    columns: [],
    styles: [],
    numberFormats: [],
    unlocked: [],
    protect: true,
    merges: [],
    validations: [],
    conditionalFormats: [],
  };
}

/**
 * Runs of adjacent columns whose `keyOf` is the same non-null value: [left, right, value]. Columns
 * whose key is null are skipped (hidden columns, columns left unstyled).
 */
export function columnRuns<C, K extends string>(
  columns: readonly C[],
  keyOf: (column: C) => K | null,
): { left: number; right: number; key: K }[] {
  const out: { left: number; right: number; key: K }[] = [];
  columns.forEach((column, index) => {
    const key = keyOf(column);
    if (key === null) return;
    const last = out[out.length - 1];
    if (last && last.key === key && last.right === index - 1) last.right = index;
    else out.push({ left: index, right: index, key });
  });
  return out;
}

/** Default row height in points (11 pt Calibri, Excel's default) and the height of one text line. */
export const LINE_HEIGHT = 15;

/**
 * The height a row needs to show `text` wrapped in a column `width` characters wide. An estimate
 * (proportional fonts), generous by a few characters so that the last words are not cut.
 */
export function wrappedHeight(text: string, width: number): number {
  const perLine = Math.max(1, Math.floor(width * 1.1) - 2);
  let lines = 0;
  for (const paragraph of text.split('\n')) lines += Math.max(1, Math.ceil(paragraph.length / perLine));
  return lines * LINE_HEIGHT;
}
