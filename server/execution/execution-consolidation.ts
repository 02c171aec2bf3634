/**
 * The execution of a period against the plan, rebuilt from the stored returns on every request
 * (derived data): each ministry's latest return that was not returned to it, read back into the
 * core's typed lines and consolidated by the core (consolidateExecution); the ministry × year heat
 * table over every period of the plan; the review workbook laid out for the annual review meeting.
 */
import {
  consolidateExecution,
  type ExecutionConsolidation,
  ExecutionDocument,
  executionFromJson,
  executionReviewSheets,
  type HeatTable,
  heatTable,
  type Lang,
  type LatestExecution,
} from '#core';
import type { LoadedPlan } from '../plan/plan-cache.ts';
import type { ExecutionReturnRow, PeriodRow, Store } from '../store/store.ts';
import { renderWorkbookBuffer } from '../xlsx/render-workbook.ts';
import { executionTerms } from './plan-scope.ts';

/** Per ministry, its newest version whose state is not "returned" (rows: by ministry, newest first). */
export function countedReturns(rows: readonly ExecutionReturnRow[]): LatestExecution[] {
  const out = new Map<string, LatestExecution>();
  for (const row of rows) {
    if (out.has(row.ministry) || row.state === 'returned') continue;
    const parsed = executionFromJson(ExecutionDocument.parse(row.payload));
    out.set(row.ministry, {
      ministry: row.ministry,
      version: row.version,
      state: row.state,
      createdAt: row.createdAt,
      lines: parsed.lines,
      indicators: parsed.indicators,
    });
  }
  return [...out.values()];
}

export async function periodConsolidation(
  store: Store,
  loaded: LoadedPlan,
  period: PeriodRow,
): Promise<ExecutionConsolidation> {
  const terms = executionTerms(loaded, period.year);
  const rows = await store.executionReturns(loaded.row.planId, period.key);
  return consolidateExecution(loaded.index, period.key, terms.planned, countedReturns(rows), terms.targets);
}

/** Ministry × year over every period of the plan (the latest period of a year wins, as the core says). */
export async function planHeat(store: Store, loaded: LoadedPlan): Promise<HeatTable> {
  const periods = await store.listPeriods(loaded.row.planId);
  const all = await Promise.all(periods.map((p) => periodConsolidation(store, loaded, p)));
  return heatTable(all);
}

/** The execution review workbook: a summary and one page per pillar (core executionReviewSheets). */
export function reviewWorkbook(
  c: ExecutionConsolidation,
  loaded: LoadedPlan,
  lang: Lang,
  at: string,
): Promise<Buffer> {
  return renderWorkbookBuffer({
    sheets: executionReviewSheets(c, lang),
    meta: {
      templateId: 'pac-execution-review',
      templateVersion: '1',
      planId: loaded.row.planId,
      planVersion: loaded.row.version,
      ministry: null,
      lang,
      generatedAt: at,
      years: [c.year],
      period: c.period,
    },
  });
}
