/**
 * Finding section IV tables in a sheet and reading their rows now lives in the core (addin/core), so that the
 * add-ins' panes run the very same code on an opened sheet; this module keeps the server's import
 * path working.
 */
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
} from '#core';
