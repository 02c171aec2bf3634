/**
 * The template's public face within the core: build a WorkbookSpec from the plan, read the
 * metadata back, and the looks and A1 helpers renderers need.
 */
export { buildTemplateSpec, type TemplateOptions, templateActivities, templateMinistries } from './build.ts';
export { CHECK_ORDER } from './checks-sheet.ts';
export { readTemplateMeta, templateMetaRows } from './meta.ts';
export { HEADER_FOOTER_MAX, headerFooterCode, headerFooterSection } from './print.ts';
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
export { SUMMARY_HEADER_ROW } from './summary-sheet.ts';
export { type CheckKey, TEMPLATE_WORDING, templateWording } from './wording.ts';
