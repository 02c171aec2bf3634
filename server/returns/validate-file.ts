/**
 * One function for every .xlsx return — `pac validate`, the upload route, the legacy import's
 * check of what it wrote: open the file safely, recognise it, read its values and run the core
 * checks. The outcome is either *unusable* (a typed problem: not an .xlsx, unsafe, another
 * template, an older template or plan version — with the template's metadata when it was read, so
 * that the service can answer an older plan version with 409 and what changed) or *checked*: the
 * layout, the lines read, the report, and a ReturnDocument-shaped payload for storage.
 *
 * Layouts:
 * - PAC template (hidden PAC_meta sheet): see ./read-template.ts for how formulas are handled.
 * - a sheet in the plan document's layout (section IV tables): mapped to lines first
 *   (server/legacy), the same values the legacy import writes; a row that cannot be mapped is a
 *   legacy_row_not_mapped finding (details in `legacy.mapping`), so the report says it.
 *
 * Ministry: `opts.ministry` when given (the uploader's), else the template's. A whole-plan template
 * checked for one ministry leaves out the rows of other ministries whose input cells are exactly
 * as the template wrote them: they are not something this ministry sent. A row of another ministry with amounts stays, and is reported.
 */
import {
  EXECUTION_TEMPLATE_ID,
  type Finding,
  finding,
  type LegacyMapping,
  legacyLinesForChecks,
  type ParsedReturn,
  type PlanIndex,
  type Report,
  type ReturnDocument,
  readTemplateMeta,
  returnDocumentOf,
  runReturnChecks,
  SHEET_NAMES,
  sheetKeyOf,
  TEMPLATE_ID,
  TEMPLATE_VERSION,
  type TemplateMeta,
  templateMinistries,
  unmapped,
} from '#core';
import {
  type CheckedExecution,
  type ExecutionOptions,
  validateExecutionWorkbook,
} from '../execution/validate-execution.ts';
import { type LegacyReading, readLegacyWorkbook } from '../legacy/read-legacy.ts';
import { type FileProblem, problem } from '../xlsx/file-problems.ts';
import { readSheet } from '../xlsx/read-workbook.ts';
import { type OpenLimits, safeOpen } from '../xlsx/safe-open.ts';
import { readTemplateWorkbook } from './read-template.ts';

export interface ValidateOptions {
  /** The ministry the return is checked for; undefined takes the template's, null checks it whole. */
  ministry?: string | null;
  limits?: Partial<OpenLimits>;
  /** For an execution follow-up workbook: what was planned, the plan's threshold, withdrawn activities. */
  execution?: Omit<ExecutionOptions, 'ministry'>;
}

export interface UnusableFile {
  kind: 'unusable';
  problem: FileProblem;
  /** The template's metadata, when the file is a PAC template (plan or template version differs). */
  meta: TemplateMeta | null;
}

export interface CheckedFile {
  kind: 'checked';
  layout: 'template' | 'legacy';
  meta: TemplateMeta | null;
  ministry: string | null;
  parsed: ParsedReturn;
  readingFindings: Finding[];
  report: Report;
  /** The lines read, as a ReturnDocument (entry-sheet `row` for a template), for storage. */
  payload: ReturnDocument;
  /** For a legacy layout: its tables and how each row was mapped. */
  legacy: LegacyReading | null;
}

export type ValidationResult = UnusableFile | CheckedFile;

const unusable = (p: FileProblem, meta: TemplateMeta | null = null): UnusableFile => ({
  kind: 'unusable',
  problem: p,
  meta,
});

/** Why this template cannot be read against this plan, if it cannot. */
export function metaProblem(meta: TemplateMeta, index: PlanIndex): FileProblem | null {
  const plan = index.plan.plan;
  if (meta.templateId !== TEMPLATE_ID) return problem('other_template', { templateId: meta.templateId });
  if (meta.planId !== plan.id) return problem('other_plan', { planId: meta.planId, current: plan.id });
  if (meta.templateVersion !== TEMPLATE_VERSION) {
    return problem('template_version', { made: meta.templateVersion || '?', current: TEMPLATE_VERSION });
  }
  if (meta.planVersion !== plan.version) {
    return problem('plan_version', { made: meta.planVersion || '?', current: plan.version });
  }
  if (meta.ministry !== null && !templateMinistries(index).includes(meta.ministry)) {
    return problem('unknown_ministry', { ministry: meta.ministry });
  }
  return null;
}

/** The lines read, as the ReturnDocument the service stores; rows only point into a template's entry sheet. */
function payloadOf(
  parsed: ParsedReturn,
  ministry: string | null,
  meta: TemplateMeta | null,
  index: PlanIndex,
) {
  return returnDocumentOf(
    {
      ministry: ministry ?? '',
      planId: parsed.planId ?? index.plan.plan.id,
      planVersion: parsed.planVersion ?? index.plan.plan.version,
      ...(meta ? { templateVersion: meta.templateVersion } : {}),
    },
    parsed.lines,
    meta !== null,
  );
}

function checked(
  layout: 'template' | 'legacy',
  meta: TemplateMeta | null,
  ministry: string | null,
  parsed: ParsedReturn,
  readingFindings: Finding[],
  index: PlanIndex,
  legacy: LegacyReading | null,
): CheckedFile {
  const report = runReturnChecks(index, parsed, { ministry, readingFindings });
  return {
    kind: 'checked',
    layout,
    meta,
    ministry,
    parsed,
    readingFindings,
    report,
    payload: payloadOf(parsed, ministry, meta, index),
    legacy,
  };
}

/**
 * A finding for each row that could not be imported for a reason the sheet should fix (another
 * ministry's rows are out of scope, not faults): an uploaded legacy sheet is then refused with
 * them rather than accepted without them.
 */
export function unmappedFindings(mapping: LegacyMapping): Finding[] {
  const findings: Finding[] = [];
  for (const l of unmapped(mapping.lines)) {
    const s = l.skipped;
    if (!s || s.code === 'not_ministry') continue;
    const related =
      s.code === 'ambiguous_code'
        ? s.candidates
        : s.code === 'title_conflict'
          ? [s.other]
          : s.code === 'duplicate'
            ? [`${s.sheet}!${l.source.activityCell.replace(/\d+$/, String(s.row))}`]
            : [];
    findings.push(
      finding(
        'legacy_row_not_mapped',
        'error',
        { sheet: l.source.sheet, cell: l.source.activityCell },
        { code: l.source.code ?? '', title: l.source.title, reason: s.code, related },
      ),
    );
  }
  return findings;
}

/**
 * A planning return only: an execution follow-up workbook is another template here (the service
 * takes it for its period, `pac validate` through validateAnyWorkbook).
 */
export async function validateWorkbook(
  bytes: Uint8Array,
  index: PlanIndex,
  opts: ValidateOptions = {},
): Promise<ValidationResult> {
  return planningResultOf(await validateAnyWorkbook(bytes, index, opts));
}

/** Whatever a workbook turned out to be, as a planning return: an execution workbook is another template. */
export function planningResultOf(result: AnyWorkbookResult): ValidationResult {
  if (result.kind !== 'execution') return result;
  return unusable(problem('other_template', { templateId: result.meta.templateId }), result.meta);
}

/** A planning return, or an execution follow-up workbook, as validateAnyWorkbook reads it. */
export type AnyWorkbookResult = ValidationResult | CheckedExecution;

/** A planning return, or an execution follow-up workbook, whichever the file is. */
export async function validateAnyWorkbook(
  bytes: Uint8Array,
  index: PlanIndex,
  opts: ValidateOptions = {},
): Promise<AnyWorkbookResult> {
  const opened = await safeOpen(bytes, opts.limits);
  if (!opened.ok) return unusable(opened.problem);
  const wb = opened.workbook;

  const metaSheet = wb.getWorksheet(SHEET_NAMES.meta.fr);
  if (metaSheet) {
    const meta = readTemplateMeta(readSheet(metaSheet).grid.rows);
    if (meta === null) return unusable(problem('not_a_return', {}));
    if (meta.templateId === EXECUTION_TEMPLATE_ID) {
      const execution = validateExecutionWorkbook(wb, meta, index, {
        ...(opts.ministry !== undefined ? { ministry: opts.ministry } : {}),
        ...opts.execution,
      });
      return 'code' in execution ? unusable(execution, meta) : execution;
    }
    const wrong = metaProblem(meta, index);
    if (wrong) return unusable(wrong, meta);
    const reading = readTemplateWorkbook(wb, meta, index);
    if ('code' in reading) return unusable(reading, meta);
    const ministry = opts.ministry !== undefined ? opts.ministry : meta.ministry;
    const parsed = reading.parsed;
    if (ministry !== null && ministry !== meta.ministry) {
      parsed.lines = parsed.lines.filter((line) => {
        const a = line.activity === null ? undefined : index.activity(line.activity);
        return !a || index.ministriesOf(a).includes(ministry) || !reading.untouched(line);
      });
    }
    parsed.ministry = ministry;
    return checked('template', meta, ministry, parsed, reading.findings, index, null);
  }

  // The entry sheet copied into another workbook would otherwise pass for a legacy table (its mark
  // columns are headed AN I–AN V), read from the plan's costs instead of the ministry's amounts.
  const copied = wb.worksheets.find((ws) => sheetKeyOf(ws.name) === 'entry');
  if (copied) return unusable(problem('template_meta_missing', { sheet: copied.name }));
  const ministry = opts.ministry ?? null;
  const legacy = readLegacyWorkbook(wb, index, { ministry });
  if (!legacy) return unusable(problem('not_a_return', {}));
  const { lines, findings } = legacyLinesForChecks(legacy.mapping, index.years);
  findings.push(...unmappedFindings(legacy.mapping));
  const parsed: ParsedReturn = {
    ministry,
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    lines,
    subtotals: [],
    summaries: [],
  };
  return checked('legacy', null, ministry, parsed, findings, index, legacy);
}
