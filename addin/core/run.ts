/**
 * Runs the checks and returns one report: valid when no finding is an error, counts by severity
 * and code, and the findings in reading order (sheet, then row, then column) so that a person can
 * walk the sheet from top to bottom. Errors are not pulled ahead: the order is the sheet's.
 */
import { PLAN_CHECKS, RETURN_CHECKS, readLines } from './checks/index.ts';
import type { PlanContext, ReturnContext } from './checks/types.ts';
import type { Finding, FindingCode } from './findings.ts';
import { shorten } from './messages/format.ts';
import type { ParsedReturn } from './model.ts';
import type { Money } from './money.ts';
import type { PlanIndex } from './plan-index.ts';

export interface Report {
  valid: boolean;
  stats: {
    /** Lines of the return (or activities of the plan) that were checked. */
    lines: number;
    errors: number;
    warnings: number;
    byCode: Partial<Record<FindingCode, number>>;
  };
  findings: Finding[];
}

export interface ReturnRunOptions {
  /** The ministry the return is for; defaults to the return's own, null checks it as consolidated. */
  ministry?: string | null;
  /** Largest gap (FCFA) counted as equal; 0n by default. */
  tolerance?: Money;
  /** Findings already made while reading the sheet, merged into the same report and order. */
  readingFindings?: readonly Finding[];
}

export function returnContext(
  index: PlanIndex,
  ret: ParsedReturn,
  opts: ReturnRunOptions = {},
): ReturnContext {
  return {
    index,
    ret,
    ministry: opts.ministry !== undefined ? opts.ministry : ret.ministry,
    tolerance: opts.tolerance ?? 0n,
  };
}

/**
 * Every return check over one reading of the lines: each chunk read is shown to every check in
 * turn (see checks/types.ts), then each check gives its findings, in RETURN_CHECKS order.
 */
export function runReturnChecks(index: PlanIndex, ret: ParsedReturn, opts: ReturnRunOptions = {}): Report {
  const ctx = returnContext(index, ret, opts);
  const passes = RETURN_CHECKS.map((check) => check.start(ctx));
  readLines(ctx, (chunk) => {
    for (const pass of passes) pass.lines(chunk);
  });
  const findings: Finding[] = [...(opts.readingFindings ?? [])];
  for (const pass of passes) for (const f of pass.finish()) findings.push(f);
  nameActivities(index, findings);
  return reportOf(findings, ret.lines.length);
}

/** Each finding on a line gets its activity's title from the plan, so its place reads in words. */
export function nameActivities(index: PlanIndex, findings: readonly Finding[]): void {
  for (const f of findings) {
    const code = f.where.activity;
    if (code === undefined || f.where.title !== undefined) continue;
    const title = index.activity(code)?.title;
    if (title !== undefined) f.where.title = shorten(title, TITLE_LENGTH);
  }
}

/** Titles are cut where a place is shown in one line; the plan has the whole text. */
const TITLE_LENGTH = 80;

export function runPlanChecks(index: PlanIndex, opts: { tolerance?: Money } = {}): Report {
  const ctx: PlanContext = { index, tolerance: opts.tolerance ?? 0n };
  const findings: Finding[] = [];
  for (const check of PLAN_CHECKS) for (const f of check.run(ctx)) findings.push(f);
  return reportOf(findings, index.plan.activities.length);
}

/** Sorts the findings in reading order and counts them. */
export function reportOf(findings: readonly Finding[], lines: number): Report {
  const sorted = sortFindings(findings);
  const byCode: Partial<Record<FindingCode, number>> = {};
  let errors = 0;
  let warnings = 0;
  for (const f of sorted) {
    if (f.severity === 'error') errors++;
    else warnings++;
    byCode[f.code] = (byCode[f.code] ?? 0) + 1;
  }
  return { valid: errors === 0, stats: { lines, errors, warnings, byCode }, findings: sorted };
}

const A1 = /^\$?([A-Za-z]{1,7})\$?(\d+)/;
const YEAR = /^\d{4}$/;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Reading order: sheets in the order they first come up (the entry sheet's line checks run
 * first), then row, then column; A1 cells give both, a line of a JSON return its position, a
 * document finding its line. Findings on a whole sheet come after its cells. Ties keep the order
 * the checks produced them in (a stable sort), so the result is deterministic.
 */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  const sheets = new Map<string, number>();
  const keyed = findings.map((f, i) => {
    let sheet = sheets.get(f.where.sheet);
    if (sheet === undefined) {
      sheet = sheets.size;
      sheets.set(f.where.sheet, sheet);
    }
    let row = Number.POSITIVE_INFINITY;
    let col = 0;
    const place = f.where.cell ?? f.where.range;
    const a1 = place === undefined ? null : A1.exec(place);
    if (a1) {
      row = Number(a1[2]);
      col = columnNumber(a1[1] as string);
    } else {
      if (f.where.item !== undefined) row = f.where.item;
      else if (f.where.line !== undefined) row = f.where.line;
      // A printed table's columns are named by heading: years come first, in order.
      if (place !== undefined && YEAR.test(place)) col = Number(place) - 10_000;
    }
    return { f, sheet, row, col, i };
  });
  keyed.sort((a, b) => a.sheet - b.sheet || a.row - b.row || a.col - b.col || a.i - b.i);
  return keyed.map((k) => k.f);
}
