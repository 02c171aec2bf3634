/**
 * The legacy import end to end: open the workbook safely, read its section IV tables, map every
 * row to the canonical plan, write the PAC template (one ministry's, or the whole plan's) filled
 * with what was imported, and validate that written file with the same function uploads go
 * through — so the report shows exactly what the ministry will see when it sends it.
 */
import { type Lang, type PlanIndex, templateFromLegacy, type WorkbookSpec } from '#core';
import { type ValidationResult, validateWorkbook } from '../returns/validate-file.ts';
import { type FileProblem, problem } from '../xlsx/file-problems.ts';
import { renderWorkbookBuffer } from '../xlsx/render-workbook.ts';
import { type OpenLimits, safeOpen } from '../xlsx/safe-open.ts';
import { type LegacyReading, readLegacyWorkbook } from './read-legacy.ts';

export interface ImportOptions {
  /** Ministry code (already resolved), or null for the whole plan. */
  ministry: string | null;
  lang: Lang;
  generatedAt: string;
  limits?: Partial<OpenLimits>;
}

export type ImportResult =
  | { kind: 'unusable'; problem: FileProblem }
  | {
      kind: 'imported';
      reading: LegacyReading;
      spec: WorkbookSpec;
      file: Buffer;
      /** The written file, validated. */
      validation: ValidationResult;
    };

export async function importLegacy(
  bytes: Uint8Array,
  index: PlanIndex,
  opts: ImportOptions,
): Promise<ImportResult> {
  const opened = await safeOpen(bytes, opts.limits);
  if (!opened.ok) return { kind: 'unusable', problem: opened.problem };
  const reading = readLegacyWorkbook(opened.workbook, index, { ministry: opts.ministry });
  if (!reading) return { kind: 'unusable', problem: problem('legacy_table_missing', {}) };

  const spec = templateFromLegacy(reading, index, opts);
  const file = await renderWorkbookBuffer(spec);
  // The written file is PAC's own: no size limit of uploads applies to it.
  const validation = await validateWorkbook(file, index, {
    ministry: opts.ministry,
    limits: { maxFileBytes: Number.MAX_SAFE_INTEGER },
  });
  return { kind: 'imported', reading, spec, file, validation };
}
