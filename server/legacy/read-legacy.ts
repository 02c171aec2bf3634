/**
 * A workbook in the layout of the plan document, read end to end: every visible sheet is searched
 * for section IV tables (a sheet may hold all five pillars one under the other, or one pillar per
 * sheet), their activity rows are read and mapped to the canonical plan. Null when no sheet holds
 * such a table.
 */
import type ExcelJS from 'exceljs';
import { type PlanIndex, sheetKeyOf } from '#core';
import { readSheet } from '../xlsx/read-workbook.ts';
import { findHeaders, type LegacyRow, type LegacyTable, readTableRows } from './legacy-table.ts';
import { type LegacyMapping, mapLegacyRows, titlesAgree } from './map-legacy.ts';

export interface LegacyReading {
  tables: LegacyTable[];
  rows: LegacyRow[];
  mapping: LegacyMapping;
}

export function readLegacyWorkbook(
  wb: ExcelJS.Workbook,
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
  for (const ws of wb.worksheets) {
    // PAC's own sheets are never a legacy table, even though the entry sheet's marks read AN I–AN V.
    if (ws.state !== 'visible' || sheetKeyOf(ws.name) !== null) continue;
    const cells = readSheet(ws);
    const headers = findHeaders(cells.grid, years);
    headers.forEach((header, i) => {
      tables.push({ sheet: ws.name, headerRow: header.row, columns: header.columns });
      const end = headers[i + 1]?.row ?? cells.grid.rows.length + 1;
      rows.push(...readTableRows(cells, header, end, resultByTitle));
    });
  }
  if (tables.length === 0) return null;
  return { tables, rows, mapping: mapLegacyRows(index, rows, opts) };
}
