/**
 * The consolidated workbook from what the store keeps: the latest version of each ministry's return
 * (its stored ReturnDocument, typed when it was written, turned into lines), every submission for the log, the
 * consolidation (addin/core/consolidation) and its spec written as .xlsx.
 *
 * The time the workbook shows is the time of the data — the latest submission or review — never
 * the clock, so that rebuilding it from unchanged data gives the same workbook.
 */
import {
  type Consolidation,
  consolidate,
  consolidatedWorkbookSpec,
  type Lang,
  type LatestReturn,
  type PlanIndex,
  parsedReturnFromJson,
  type SubmissionLogEntry,
} from '#core';
import type { Store, SubmissionRow } from '../store/store.ts';
import { streamWorkbookBuffer } from './stream-workbook.ts';

export interface ConsolidationInput {
  /** The plan the returns are laid against: the current one. */
  index: PlanIndex;
  /** The latest version of each ministry that has submitted. */
  latest: readonly LatestReturn[];
  /** Every submission, for the Journal sheet. */
  log: readonly SubmissionLogEntry[];
  /** Shown as "données au …"; by default the time of the latest submission or review in `log`. */
  generatedAt?: string | null;
}

/** A stored submission as the consolidation reads it; its payload is the ReturnDocument as received. */
export function latestReturnOf(row: SubmissionRow, years: readonly number[]): LatestReturn {
  const { parsed } = parsedReturnFromJson(row.payload, years);
  return {
    ministry: row.ministry,
    version: row.version,
    state: row.state,
    createdAt: row.createdAt,
    tokenLabel: row.tokenLabel,
    lines: parsed.lines,
    findings: row.findings,
  };
}

/** The latest submission or review time in the log; null for an empty log. */
export function dataTime(log: readonly SubmissionLogEntry[]): string | null {
  let latest: string | null = null;
  for (const e of log) {
    for (const t of [e.createdAt, e.reviewedAt ?? null])
      if (t !== null && (latest === null || t > latest)) latest = t;
  }
  return latest;
}

export async function consolidationInputFromStore(
  store: Store,
  index: PlanIndex,
): Promise<ConsolidationInput> {
  // The plan's own returns only: several plans are hosted side by side.
  const planId = index.plan.plan.id;
  const [rows, log] = await Promise.all([store.latestSubmissions(planId), store.listSubmissions({ planId })]);
  return { index, latest: rows.map((r) => latestReturnOf(r, index.years)), log };
}

export function consolidationOf(input: ConsolidationInput): Consolidation {
  return consolidate(input.index, input.latest);
}

/** The consolidated workbook as .xlsx bytes. */
export async function buildConsolidatedXlsx(input: ConsolidationInput, lang: Lang): Promise<Buffer> {
  const spec = consolidatedWorkbookSpec(consolidationOf(input), input.index, {
    lang,
    generatedAt: input.generatedAt === undefined ? dataTime(input.log) : input.generatedAt,
    log: input.log,
  });
  return streamWorkbookBuffer(spec);
}

/** What GET /api/consolidated/workbook.xlsx sends: the store's data, the current plan, `lang`. */
export async function consolidatedWorkbookFromStore(
  store: Store,
  index: PlanIndex,
  lang: Lang,
): Promise<Buffer> {
  return buildConsolidatedXlsx(await consolidationInputFromStore(store, index), lang);
}
