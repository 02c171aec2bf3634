/**
 * Sheets in the layout of the plan document, read end to end: every sheet handed over is searched
 * for section IV tables (a sheet may hold all five pillars one under the other, or one pillar per
 * sheet), their activity rows are read and mapped to the canonical plan. Null when no sheet holds
 * such a table. Hosts hand over their visible sheets' contents: ExcelJS on the server
 * (server/legacy/read-legacy.ts), the add-ins' own readers in the pane.
 */
import { sheetKeyOf } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { SheetContent } from '../sheet-content.ts';
import { findHeaders, type LegacyRow, type LegacyTable, readTableRows } from './legacy-table.ts';
import { type LegacyMapping, mapLegacyRows, titlesAgree } from './map-legacy.ts';

export interface LegacyReading {
  tables: LegacyTable[];
  rows: LegacyRow[];
  mapping: LegacyMapping;
}

/** The legacy tables of the sheets, without mapping their rows: what the pane needs to offer a conversion. */
export function findLegacyTables(sheets: readonly SheetContent[], years: readonly number[]): LegacyTable[] {
  const tables: LegacyTable[] = [];
  for (const cells of sheets) {
    // PAC's own sheets are never a legacy table, even though the entry sheet's marks read AN I–AN V.
    if (sheetKeyOf(cells.grid.sheet) !== null) continue;
    for (const header of findHeaders(cells.grid, years)) {
      tables.push({ sheet: cells.grid.sheet, headerRow: header.row, columns: header.columns });
    }
  }
  return tables;
}

export function readLegacySheets(
  sheets: readonly SheetContent[],
  index: PlanIndex,
  opts: { ministry: string | null },
): LegacyReading | null {
  const years = index.years;
  // A result printed without its code (2.1.3 in the document) is known by its title.
  const resultByTitle = (title: string): string | null => {
    const found = index.plan.results.filter((r) => titlesAgree(r.title, title) === true);
    return found.length === 1 ? (found[0]?.code ?? null) : null;
  };
  const tables: LegacyTable[] = [];
  const rows: LegacyRow[] = [];
  for (const cells of sheets) {
    if (sheetKeyOf(cells.grid.sheet) !== null) continue;
    const headers = findHeaders(cells.grid, years);
    headers.forEach((header, i) => {
      tables.push({ sheet: cells.grid.sheet, headerRow: header.row, columns: header.columns });
      const end = headers[i + 1]?.row ?? cells.grid.rows.length + 1;
      rows.push(...readTableRows(cells, header, end, resultByTitle));
    });
  }
  if (tables.length === 0) return null;
  return { tables, rows, mapping: mapLegacyRows(index, rows, opts) };
}
