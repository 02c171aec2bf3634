/**
 * A workbook in the layout of the plan document, read end to end: every visible sheet is read with
 * its formulas apart (../xlsx/read-workbook.ts) and handed to the core's legacy reader, which finds
 * the section IV tables and maps their rows to the canonical plan. Null when no sheet holds such a
 * table.
 */
import type ExcelJS from 'exceljs';
import { type LegacyReading, type PlanIndex, readLegacySheets } from '#core';
import { readSheet } from '../xlsx/read-workbook.ts';

export type { LegacyReading };

export function readLegacyWorkbook(
  wb: ExcelJS.Workbook,
  index: PlanIndex,
  opts: { ministry: string | null },
): LegacyReading | null {
  const sheets = wb.worksheets.filter((ws) => ws.state === 'visible').map(readSheet);
  return readLegacySheets(sheets, index, opts);
}
