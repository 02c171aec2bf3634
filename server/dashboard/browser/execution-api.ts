/**
 * The execution follow-up routes as the dashboard calls them (EXECUTION-API): the periods, opening
 * one, the ministries' status for a period with the review of a return, the consolidation with the
 * ministry × year heat table, and the two workbooks (the period's review workbook, the annual
 * plan). Every call names the plan the consolidator signed in on (`?plan=`). Answer shapes are the
 * service's, as types only.
 */
import type { ExecutionConsolidation, HeatTable, Jsonified } from '#core';
import type { Client } from './api.ts';

export interface PeriodView {
  planId: string;
  key: string;
  year: number;
  semester: 1 | 2 | null;
  deadline: string | null;
  openedAt: string;
  openedBy: string | null;
  closedAt: string | null;
}

export type ExecutionStateName = 'not_started' | 'refused' | 'submitted' | 'returned' | 'accepted';

export interface PeriodMinistry {
  ministry: string;
  name: string;
  state: ExecutionStateName;
  version: number | null;
  submittedAt: string | null;
  errorCount: number;
  warningCount: number;
  returnId: string | null;
  /** The last send, when it was refused after the latest version (or there is none). */
  lastRefusal: { id: string; at: string; errors: number } | null;
}

export interface PeriodStatusJson {
  period: PeriodView;
  ministries: PeriodMinistry[];
}

/** The consolidation as JSON carries it: amounts as numbers in the plan's unit. */
export type ExecutionConsolidationJson = Jsonified<Omit<ExecutionConsolidation, 'activities'>>;
export type ExecutionFiguresJson = ExecutionConsolidationJson['total'];

export interface PeriodConsolidationJson {
  period: PeriodView;
  consolidation: ExecutionConsolidationJson;
  heat: HeatTable;
}

export type ExecutionReviewAction = 'accept' | 'return';

function withPlan(path: string, planId: string | null, extra = ''): string {
  const params = [planId ? `plan=${encodeURIComponent(planId)}` : '', extra].filter(Boolean).join('&');
  return params ? `${path}?${params}` : path;
}

const at = (key: string) => `/api/periods/${encodeURIComponent(key)}`;

export const executionApi = {
  periods: (c: Client, planId: string | null) =>
    c.get<{ periods: PeriodView[] }>(withPlan('/api/periods', planId)),
  open: (c: Client, planId: string | null, key: string, deadline: string | null) =>
    c.post<{ period: PeriodView }>(withPlan('/api/periods', planId), deadline ? { key, deadline } : { key }),
  status: (c: Client, planId: string | null, key: string) =>
    c.get<PeriodStatusJson>(withPlan(`${at(key)}/status`, planId)),
  consolidation: (c: Client, planId: string | null, key: string) =>
    c.get<PeriodConsolidationJson>(withPlan(`${at(key)}/consolidation`, planId)),
  review: (
    c: Client,
    planId: string | null,
    key: string,
    id: string,
    action: ExecutionReviewAction,
    comment: string | null,
  ) =>
    c.post<{ state: string }>(
      withPlan(`${at(key)}/returns/${encodeURIComponent(id)}/review`, planId),
      comment ? { action, comment } : { action },
    ),
  reviewWorkbook: (c: Client, planId: string | null, key: string, lang: string) =>
    c.download(withPlan(`${at(key)}/consolidated.xlsx`, planId, `lang=${lang}`), `pac-execution-${key}.xlsx`),
  annualPlan: (c: Client, planId: string | null, year: number, lang: string) =>
    c.download(
      withPlan(`/api/annual-plan/${year}.xlsx`, planId, `lang=${lang}`),
      `pac-plan-annuel-${year}.xlsx`,
    ),
};
