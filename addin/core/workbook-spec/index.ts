/**
 * A workbook described as data (./spec.ts) and what every renderer of one shares: A1 ranges, the
 * named styles' looks, the sheet builders' helpers and the renderers' common rounding and marks.
 * The template, the execution workbook, the annual plan and the consolidation all build one; the
 * .xlsx writer, the Excel and Sheets hosts and the Google mirror render it.
 */
export { absoluteA1, parseRange, type Rect, rangeA1, sheetRef } from './ranges.ts';
export {
  columnPixels,
  columnPoints,
  GRID_BORDER,
  MAX_MARKS,
  type MarkedCell,
  markedCells,
  specRect,
  TEMPLATE_FONT,
} from './render-helpers.ts';
export * from './spec.ts';
export { CONDITIONAL_LOOKS, type Look, STYLE_LOOKS } from './styles.ts';
