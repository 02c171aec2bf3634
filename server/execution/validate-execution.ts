/**
 * An execution follow-up workbook (the core's « Exécution » and « Indicateurs » sheets, template id
 * pac-execution) read from an opened .xlsx with the core's one execution reader and checked by the
 * core's execution checks — for `pac validate` and the service's upload alike. What was planned
 * for each activity is the caller's (the service knows the ministries' latest planning returns),
 * else what the workbook itself prints in its « Prévu » column, which is what the ministry saw.
 */
import type ExcelJS from 'exceljs';
import {
  EXECUTION_TEMPLATE_VERSION,
  type ExecutionDocument,
  executionDocument,
  executionSheetNames,
  type Finding,
  type ParsedExecution,
  type PlanIndex,
  type Planned,
  parsePeriodKey,
  type Report,
  readExecution,
  runExecutionChecks,
  type TemplateMeta,
} from '#core';
import { type FileProblem, problem } from '../xlsx/file-problems.ts';
import { readSheet } from '../xlsx/read-workbook.ts';

export interface CheckedExecution {
  kind: 'execution';
  meta: TemplateMeta;
  ministry: string | null;
  period: string;
  parsed: ParsedExecution;
  readingFindings: Finding[];
  report: Report;
  payload: ExecutionDocument;
}

export interface ExecutionOptions {
  ministry?: string | null;
  planned?: ReadonlyMap<string, Planned>;
  threshold?: number;
  withdrawn?: ReadonlySet<string>;
}

/** Why this execution workbook cannot be read against this plan, if it cannot. */
function executionMetaProblem(meta: TemplateMeta, index: PlanIndex): FileProblem | null {
  const plan = index.plan.plan;
  if (meta.planId !== plan.id) return problem('other_plan', { planId: meta.planId, current: plan.id });
  if (meta.templateVersion !== EXECUTION_TEMPLATE_VERSION)
    return problem('template_version', {
      made: meta.templateVersion || '?',
      current: EXECUTION_TEMPLATE_VERSION,
    });
  if (meta.planVersion !== plan.version)
    return problem('plan_version', { made: meta.planVersion || '?', current: plan.version });
  if (!meta.period || !parsePeriodKey(meta.period)) return problem('not_a_return', {});
  return null;
}

export function validateExecutionWorkbook(
  wb: ExcelJS.Workbook,
  meta: TemplateMeta,
  index: PlanIndex,
  opts: ExecutionOptions = {},
): CheckedExecution | FileProblem {
  const wrong = executionMetaProblem(meta, index);
  if (wrong) return wrong;
  const names = executionSheetNames(meta);
  const execution = wb.getWorksheet(names.execution);
  const indicators = wb.getWorksheet(names.indicators);
  const reading = readExecution(
    {
      execution: execution ? readSheet(execution) : null,
      indicators: indicators ? readSheet(indicators) : null,
    },
    meta,
    index,
  );
  if (reading.kind !== 'read') return problem('entry_sheet_missing', { sheet: reading.sheet });
  const ministry = opts.ministry !== undefined ? opts.ministry : meta.ministry;
  const report = runExecutionChecks(index, reading.parsed, {
    ministry,
    planned: opts.planned ?? reading.plannedOnSheet,
    ...(opts.threshold !== undefined ? { threshold: opts.threshold } : {}),
    ...(opts.withdrawn ? { withdrawn: opts.withdrawn } : {}),
    readingFindings: reading.findings,
  });
  return {
    kind: 'execution',
    meta,
    ministry,
    period: meta.period ?? '',
    parsed: reading.parsed,
    readingFindings: reading.findings,
    report,
    payload: executionDocument(reading.parsed, ministry ?? ''),
  };
}
