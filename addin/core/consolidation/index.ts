/** The consolidation of the latest returns, its JSON form and the consolidated workbook's spec. */
export * from './consolidate.ts';
export * from './json.ts';
export { CONSOLIDATION_WORDING, type ConsolidationWording, consolidationWording } from './wording.ts';
export * from './workbook.ts';
