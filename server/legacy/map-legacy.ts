/**
 * Mapping legacy rows to the canonical plan now lives in the core (addin/core), so that the
 * add-ins' panes run the very same code on an opened sheet; this module keeps the server's import
 * path working.
 */
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
} from '#core';
