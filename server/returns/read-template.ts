/**
 * A filled PAC template opened with ExcelJS, read by the core's one template reader
 * (addin/core/workbook-reading): the entry and summary sheets become SheetContent — values, with
 * formulas set apart and never taken for their cached results — exactly as the Excel and Google
 * Sheets hosts hand them over, so the service finds what the add-ins find.
 */
import type ExcelJS from 'exceljs';
import {
  type PlanIndex,
  readTemplate,
  type TemplateMeta,
  type TemplateReading,
  templateSheetNames,
} from '#core';
import { type FileProblem, problem } from '../xlsx/file-problems.ts';
import { readSheet } from '../xlsx/read-workbook.ts';

export type TemplateRead = Extract<TemplateReading, { kind: 'read' }>;

/**
 * Reads the entry and summary sheets of a template whose metadata was already checked against the
 * plan (same plan id, plan version and template version). A missing entry sheet is a problem.
 */
export function readTemplateWorkbook(
  wb: ExcelJS.Workbook,
  meta: TemplateMeta,
  index: PlanIndex,
): TemplateRead | FileProblem {
  const names = templateSheetNames(meta);
  const entry = wb.getWorksheet(names.entry);
  if (!entry) return problem('entry_sheet_missing', { sheet: names.entry });
  const summary = wb.getWorksheet(names.summary);
  const reading = readTemplate(
    { entry: readSheet(entry), summary: summary ? readSheet(summary) : null },
    meta,
    index,
  );
  return reading.kind === 'read' ? reading : problem('entry_sheet_missing', { sheet: reading.sheet });
}
