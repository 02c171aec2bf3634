/**
 * The template as an .xlsx file: the core builds the spec from the plan, the ExcelJS renderer
 * writes it. Used by `pac template`, `npm run build:templates` and whoever needs a template
 * workbook to fill (legacy import).
 */
import type ExcelJS from 'exceljs';
import { buildTemplateSpec, type PlanIndex, type TemplateOptions, type WorkbookSpec } from '#core';
import { renderWorkbook, workbookBuffer } from './render-workbook.ts';

export interface TemplateFile {
  spec: WorkbookSpec;
  buffer: Buffer;
}

/** The template workbook, not yet written: a caller may fill cells before saving it. */
export async function templateWorkbook(
  index: PlanIndex,
  opts: TemplateOptions,
): Promise<{ spec: WorkbookSpec; workbook: ExcelJS.Workbook }> {
  const spec = buildTemplateSpec(index, opts);
  return { spec, workbook: await renderWorkbook(spec) };
}

export async function templateFile(index: PlanIndex, opts: TemplateOptions): Promise<TemplateFile> {
  const { spec, workbook } = await templateWorkbook(index, opts);
  return { spec, buffer: await workbookBuffer(workbook) };
}
