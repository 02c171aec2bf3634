/**
 * The legacy import's pure part — finding section IV tables in a sheet, mapping their rows to the
 * canonical plan, the cost rule, its wording, filling a template spec — shared by the server
 * (`pac import-legacy`, uploads) and the add-ins' panes, which convert an opened legacy sheet.
 */
export { type EvenSplit, splitEvenly } from './cost-split.ts';
export { describeLine, importComment } from './legacy-messages.ts';
export {
  findHeaders,
  type LegacyCell,
  type LegacyColumns,
  type LegacyRole,
  type LegacyRow,
  type LegacyTable,
  leadingCode,
  readTableRows,
  resultCodeOf,
  wordKey,
} from './legacy-table.ts';
export {
  type CostOutcome,
  entryInput,
  type LegacyLine,
  type LegacyMapping,
  type LegacyNote,
  legacyLinesForChecks,
  type MapOptions,
  mapLegacyRows,
  outOfScope,
  readCost,
  type SkipReason,
  titlesAgree,
  unmapped,
} from './map-legacy.ts';
export { findLegacyTables, type LegacyReading, readLegacySheets } from './read-legacy.ts';
export { type LegacyTemplateOptions, templateFromLegacy } from './template-from-legacy.ts';
export { fillEntrySheet } from './write-template.ts';
