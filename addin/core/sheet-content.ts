/**
 * A sheet's values with its formulas set apart, as hosts hand it to readers that must never take
 * a formula's cached result for a value (the legacy import): ExcelJS on the server, the host
 * adapters in the add-ins.
 */
import type { Grid } from './grid.ts';

export interface SheetContent {
  /** Values; a formula cell is null here. */
  grid: Grid;
  /** Formula text without "=", by 1-based row then 0-based column. */
  formulas: Map<number, Map<number, string>>;
}
