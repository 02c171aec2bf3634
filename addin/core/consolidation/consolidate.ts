/**
 * The consolidation: the latest return of every ministry, laid against the canonical plan. It is
 * derived data — never a source of truth — and pure: the same plan and returns give the same
 * result, in the same order.
 *
 * What counts, and why:
 * - Each column sums what the lines state (years, total, national, external), blank as 0: exactly
 *   what the workbook's SUMIFS over the detail sheet computes, so the two can be compared cell by
 *   cell. The checks have already refused lines whose years do not add up to their total.
 * - A PM line (pour mémoire) has no amount: it is counted as PM, never as a zero that someone
 *   forgot. A line with neither an amount nor PM is "not filled", and its activity has no costed
 *   line yet.
 * - Each plan activity counts once, under its lead responsible ministry's row (pillar × lead), as
 *   in section II.2.1. Among the lines the responsible ministries sent for it (lead first, then
 *   the joint ones in the plan's order), the first one that is filled (amounts or PM) counts; when
 *   none is, the lead's. So the lead's line wins whenever it says something, and a joint activity
 *   the lead left blank in its template is not lost when the partner costed it. The other lines
 *   stay visible: in their ministry's lines, marked not counted, and in the activity's detail.
 * - A line is not counted when its activity is not in the plan (a return made on an older plan),
 *   when its ministry is not responsible for that activity in the plan, or when it repeats an
 *   activity already given earlier in the same return (the first one counts).
 */

import { AmountSums, AmountTable, type AmountTotals, addAmounts, carriesAmount } from '../amount-vector.ts';
import { percentOf } from '../checks/envelope.ts';
import { envelopeTable } from '../checks/envelope-table.ts';
import { pairKey } from '../checks/plan-tables.ts';
import type { Finding } from '../findings.ts';
import type { Amounts, Line } from '../model.ts';
import type { Money } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { DEFAULT_AMOUNT_UNIT, hasObjectiveLevel } from '../plan-words.ts';
import type { Activity, AmountUnit } from '../schemas/plan.ts';
import { outline } from '../template/entry-sheet.ts';
import { summaryPairs } from '../template/summary-sheet.ts';

export type ReturnState = 'submitted' | 'returned' | 'accepted';

/** The latest version of one ministry's return, as the consolidation reads it. */
export interface LatestReturn {
  /** Ministry code (one of plan.ministries). */
  ministry: string;
  version: number;
  state: ReturnState;
  createdAt: string;
  tokenLabel: string;
  lines: Line[];
  findings: Finding[];
}

/** Exact sums of the amount columns. */
export type Totals = AmountTotals;

/** How far an amount is from the envelope: amount − envelope, and that gap in percent of it. */
export interface Gap {
  amount: Money;
  /** One decimal, rounded half away from zero ("-12.5"); null when the envelope is 0. */
  percent: string | null;
}

/** A gap per amount column; null where the envelope's cell is blank. */
export interface Gaps {
  years: Record<number, Gap | null>;
  total: Gap | null;
  national: Gap | null;
  external: Gap | null;
}

export interface Counts {
  /** Plan activities in the scope. */
  activities: number;
  costed: number;
  pm: number;
  /** A line came but carries neither an amount nor PM. */
  notFilled: number;
  noLine: number;
}

/** Amounts recomputed from the returns next to the adopted envelope for the same scope. */
export interface Compared {
  amounts: Totals;
  /** The envelope's cells (blank ones null); null when the envelope has no row for this scope. */
  envelope: Amounts | null;
  gap: Gaps | null;
  counts: Counts;
}

export interface TableRow extends Compared {
  pillar: string;
  pillarName: string;
  /** Lead responsible ministry code. */
  ministry: string;
}

export interface PillarTotal extends Compared {
  pillar: string;
  pillarName: string;
}

export interface YearTotal {
  year: number;
  amount: Money;
  envelope: Money | null;
  gap: Gap | null;
}

export interface FundingPart {
  amount: Money;
  /** Share of the recomputed total, one decimal; null when the total is 0. */
  share: string | null;
  envelope: Money | null;
  gap: Gap | null;
}

export type LineStatus = 'costed' | 'pm' | 'not_filled';
export type ActivityStatus = LineStatus | 'no_line';

export type NotCountedReason = 'unknown_activity' | 'not_responsible' | 'duplicate' | 'other_line_counted';

/** A line with the return it came from. */
export interface SourcedLine {
  ministry: string;
  version: number;
  state: ReturnState;
  line: Line;
  status: LineStatus;
}

export interface ActivityDetail {
  activity: Activity;
  status: ActivityStatus;
  /** The line that counts; null when no responsible ministry sent one. */
  counted: SourcedLine | null;
  /** Lines of the other responsible ministries for this activity, not counted. */
  others: SourcedLine[];
}

export interface MinistryLine {
  line: Line;
  status: LineStatus;
  /** The plan activity; undefined when the code is not in the plan. */
  activity: Activity | undefined;
  counted: boolean;
  reason: NotCountedReason | null;
  /** For other_line_counted: whose line counts instead. */
  countedFrom: { ministry: string; version: number } | null;
}

export interface MinistryReturn {
  ministry: string;
  name: string;
  version: number;
  state: ReturnState;
  createdAt: string;
  tokenLabel: string;
  lines: MinistryLine[];
  /** All of its lines added up, counted or not: what its own sheet totals. */
  totals: Totals;
  errors: number;
  warnings: number;
}

export interface SourcedFinding {
  ministry: string;
  version: number;
  finding: Finding;
}

export interface MinistryCompleteness {
  ministry: string;
  name: string;
  /** Latest version, or null when the ministry has sent nothing. */
  version: number | null;
  state: ReturnState | null;
  /** Activities it is responsible for, joint ones included. */
  activities: number;
  /** Codes of those activities that still have no costed line (from any responsible ministry). */
  missing: string[];
}

export interface Completeness extends Counts {
  /** Codes of activities with no costed line: no line, or a line with no amount and not PM. */
  missing: string[];
  byMinistry: MinistryCompleteness[];
}

export interface Consolidation {
  planId: string;
  planVersion: string;
  years: number[];
  /** The unit every amount is in: the plan's, never converted (millions of FCFA unless it says otherwise). */
  unit: AmountUnit;
  /** Whether the plan has strategic objectives; without, an activity's `objective` is its pillar's code. */
  objectives: boolean;
  /** Section II.2.1 recomputed: one row per (pillar, lead ministry), in the plan's pillar order. */
  rows: TableRow[];
  /** The TOTAL row; its envelope is the adopted table's TOTAL row as printed. */
  total: Compared;
  byPillar: PillarTotal[];
  byYear: YearTotal[];
  funding: { national: FundingPart; external: FundingPart };
  /** Every plan activity, in the plan's order (pillar › objective › result, or pillar › result). */
  activities: ActivityDetail[];
  /** One entry per ministry that has sent a return, in the plan's ministry order. */
  ministries: MinistryReturn[];
  findings: SourcedFinding[];
  completeness: Completeness;
}

// --- Small exact helpers ------------------------------------------------------------------------
// Amount vectors and their exact sums are in ../amount-vector.ts.

export function gapOf(amount: Money, envelope: Money | null): Gap | null {
  if (envelope === null) return null;
  const gap = amount - envelope;
  return { amount: gap, percent: envelope > 0n ? percentOf(gap, envelope) : null };
}

function gapsOf(t: Totals, e: Amounts, years: readonly number[]): Gaps {
  const record: Record<number, Gap | null> = {};
  for (const y of years) record[y] = gapOf(t.years[y] ?? 0n, e.years[y] ?? null);
  return {
    years: record,
    total: gapOf(t.total, e.total),
    national: gapOf(t.national, e.national),
    external: gapOf(t.external, e.external),
  };
}

const newCounts = (): Counts => ({ activities: 0, costed: 0, pm: 0, notFilled: 0, noLine: 0 });

function countStatus(c: Counts, status: ActivityStatus): void {
  c.activities++;
  if (status === 'costed') c.costed++;
  else if (status === 'pm') c.pm++;
  else if (status === 'not_filled') c.notFilled++;
  else c.noLine++;
}

function addCounts(into: Counts, from: Counts): void {
  into.activities += from.activities;
  into.costed += from.costed;
  into.pm += from.pm;
  into.notFilled += from.notFilled;
  into.noLine += from.noLine;
}

/** A line that carries an amount is costed (even when it says PM); otherwise it is PM when it says so. */
function lineStatus(amounts: AmountTable, i: number, line: Line): LineStatus {
  if (carriesAmount(amounts, i)) return 'costed';
  return line.nature === 'pm' ? 'pm' : 'not_filled';
}

/** Rank of a ministry among an activity's responsible ones: 0 for the lead, -1 when it is none. */
function responsibleRank(activity: Activity, ministry: string): number {
  if (activity.responsible === ministry) return 0;
  const i = activity.jointWith.indexOf(ministry);
  return i < 0 ? -1 : i + 1;
}

interface Candidate {
  rank: number;
  sourced: SourcedLine;
  entry: MinistryLine;
}

/** Plan ministry order, then codes the plan does not know, alphabetically. */
function ministryOrder(index: PlanIndex): (a: string, b: string) => number {
  const rank = new Map(index.plan.ministries.map((m, i) => [m.code, i]));
  return (a, b) => {
    const ra = rank.get(a) ?? Number.MAX_SAFE_INTEGER;
    const rb = rank.get(b) ?? Number.MAX_SAFE_INTEGER;
    return ra !== rb ? ra - rb : a < b ? -1 : a > b ? 1 : 0;
  };
}

// --- The consolidation ------------------------------------------------------------------------

/**
 * Consolidates the latest returns. When `returns` holds several versions of one ministry, the
 * highest version is the latest and the others are ignored.
 */
export function consolidate(index: PlanIndex, returns: readonly LatestReturn[]): Consolidation {
  const { plan } = index;
  const years = [...index.years];
  const byMinistryOrder = ministryOrder(index);

  const latest = new Map<string, LatestReturn>();
  for (const r of returns) {
    const seen = latest.get(r.ministry);
    if (!seen || r.version > seen.version) latest.set(r.ministry, r);
  }
  const ordered = [...latest.values()].sort((a, b) => byMinistryOrder(a.ministry, b.ministry));

  // Each return's lines, classified; candidates[code] = the responsible ministries' first lines.
  // (Loops, not map/filter chains: at 500,000 lines the allocations are what costs.)
  const candidates = new Map<string, Candidate[]>();
  const ministries: MinistryReturn[] = ordered.map((r) => {
    // The return's lines read once as amount vectors: its totals, and each line's status.
    const amounts = new AmountTable(years, r.lines.length);
    const sums = new AmountSums(1, amounts.width);
    const given = new Set<string>();
    const lines = r.lines.map((line, i): MinistryLine => {
      amounts.read(i, line);
      sums.addRow(0, amounts, i);
      const status = lineStatus(amounts, i, line);
      const activity = line.activity === null ? undefined : index.activity(line.activity);
      const entry: MinistryLine = { line, status, activity, counted: false, reason: null, countedFrom: null };
      const rank = activity ? responsibleRank(activity, r.ministry) : -1;
      if (!activity) entry.reason = 'unknown_activity';
      else if (given.has(activity.code)) entry.reason = 'duplicate';
      else if (rank < 0) entry.reason = 'not_responsible';
      else {
        const sourced = { ministry: r.ministry, version: r.version, state: r.state, line, status };
        const list = candidates.get(activity.code);
        if (list) list.push({ rank, sourced, entry });
        else candidates.set(activity.code, [{ rank, sourced, entry }]);
      }
      if (activity) given.add(activity.code);
      return entry;
    });
    let errors = 0;
    for (const f of r.findings) if (f.severity === 'error') errors++;
    return {
      ministry: r.ministry,
      name: index.ministryName(r.ministry),
      version: r.version,
      state: r.state,
      createdAt: r.createdAt,
      tokenLabel: r.tokenLabel,
      lines,
      totals: sums.totals(0, years),
      errors,
      warnings: r.findings.length - errors,
    };
  });

  // One line per activity counts; see the header for the choice.
  const pairs = summaryPairs(index, plan.activities, null);
  const pairOrdinal = new Map<string, number>();
  for (const p of pairs) {
    const key = pairKey(p.pillar, p.ministry);
    if (!pairOrdinal.has(key)) pairOrdinal.set(key, pairOrdinal.size);
  }
  const width = years.length + 3;
  const pairSums = new AmountSums(pairOrdinal.size, width);
  const pairCounts = Array.from({ length: pairOrdinal.size }, newCounts);
  // The line that counts, read again into a one-row table: the returns' tables need not be kept.
  const counted = new AmountTable(years, 1);

  const activities: ActivityDetail[] = [];
  for (const pillar of outline(index, plan.activities))
    for (const objective of pillar.objectives)
      for (const result of objective.results)
        for (const activity of result.activities) {
          // Lead first, then the joint ministries in the plan's order.
          const lined = candidates.get(activity.code) ?? [];
          if (lined.length > 1) lined.sort((a, b) => a.rank - b.rank);
          let chosen: Candidate | undefined;
          for (const c of lined)
            if (c.sourced.status !== 'not_filled') {
              chosen = c;
              break;
            }
          chosen ??= lined[0];
          const others: Candidate[] = [];
          for (const c of lined) if (c !== chosen) others.push(c);
          if (chosen) chosen.entry.counted = true;
          for (const o of others) {
            o.entry.reason = 'other_line_counted';
            if (chosen)
              o.entry.countedFrom = { ministry: chosen.sourced.ministry, version: chosen.sourced.version };
          }
          const status: ActivityStatus = chosen ? chosen.sourced.status : 'no_line';
          activities.push({
            activity,
            status,
            counted: chosen?.sourced ?? null,
            others: others.map((o) => o.sourced),
          });
          // summaryPairs covers every activity's (pillar, lead) pair.
          const g = pairOrdinal.get(pairKey(activity.pillar, activity.responsible));
          if (g !== undefined) {
            if (chosen) {
              counted.read(0, chosen.sourced.line);
              pairSums.addRow(g, counted, 0);
            }
            countStatus(pairCounts[g] as Counts, status);
          }
        }

  // The table, then pillars and the TOTAL row from its rows.
  const envelope = envelopeTable(plan);
  const envelopeByPair = new Map<string, Amounts>();
  for (const row of envelope.rows) {
    if (row.pillar === null || row.ministry === null) continue;
    const key = pairKey(row.pillar, row.ministry);
    envelopeByPair.set(key, addAmounts(envelopeByPair.get(key) ?? null, row.amounts, years));
  }
  const pillarName = new Map(plan.pillars.map((p) => [p.code, p.name]));
  const compared = (sums: AmountSums, g: number, counts: Counts, env: Amounts | null): Compared => {
    const amounts = sums.totals(g, years);
    return { amounts, envelope: env, gap: env ? gapsOf(amounts, env, years) : null, counts };
  };

  const rows: TableRow[] = [];
  // Pillars in the order the table's rows first name them; the TOTAL row is group 0 of `grand`.
  const pillarAcc = new Map<string, { g: number; counts: Counts; envelope: Amounts | null }>();
  const pillarSums = new AmountSums(pairOrdinal.size, width);
  const grand = new AmountSums(1, width);
  const grandCounts = newCounts();
  for (const p of pairs) {
    const key = pairKey(p.pillar, p.ministry);
    const g = pairOrdinal.get(key) as number;
    const counts = pairCounts[g] as Counts;
    const env = envelopeByPair.get(key) ?? null;
    rows.push({
      pillar: p.pillar,
      pillarName: pillarName.get(p.pillar) ?? p.pillar,
      ministry: p.ministry,
      ...compared(pairSums, g, counts, env),
    });
    let pa = pillarAcc.get(p.pillar);
    if (!pa) {
      pa = { g: pillarAcc.size, counts: newCounts(), envelope: null };
      pillarAcc.set(p.pillar, pa);
    }
    pillarSums.addSums(pa.g, pairSums, g);
    addCounts(pa.counts, counts);
    if (env) pa.envelope = addAmounts(pa.envelope, env, years);
    grand.addSums(0, pairSums, g);
    addCounts(grandCounts, counts);
  }
  const byPillar: PillarTotal[] = [...pillarAcc].map(([pillar, pa]) => ({
    pillar,
    pillarName: pillarName.get(pillar) ?? pillar,
    ...compared(pillarSums, pa.g, pa.counts, pa.envelope),
  }));
  // The adopted TOTAL row as printed: what was adopted, even where the document's rows disagree
  // with it (the plan checks report that slip).
  const total = compared(grand, 0, grandCounts, envelope.totalRow?.amounts ?? null);

  const byYear: YearTotal[] = years.map((year) => {
    const amount = total.amounts.years[year] ?? 0n;
    const env = total.envelope?.years[year] ?? null;
    return { year, amount, envelope: env, gap: gapOf(amount, env) };
  });
  const part = (amount: Money, env: Money | null): FundingPart => ({
    amount,
    share: total.amounts.total > 0n ? percentOf(amount, total.amounts.total) : null,
    envelope: env,
    gap: gapOf(amount, env),
  });
  const funding = {
    national: part(total.amounts.national, total.envelope?.national ?? null),
    external: part(total.amounts.external, total.envelope?.external ?? null),
  };

  const findings: SourcedFinding[] = [];
  for (const r of ordered)
    for (const f of r.findings) findings.push({ ministry: r.ministry, version: r.version, finding: f });

  return {
    planId: plan.plan.id,
    planVersion: plan.plan.version,
    years,
    unit: { ...(plan.plan.amountUnit ?? DEFAULT_AMOUNT_UNIT) },
    objectives: hasObjectiveLevel(plan),
    rows,
    total,
    byPillar,
    byYear,
    funding,
    activities,
    ministries,
    findings,
    completeness: completenessOf(index, activities, latest, byMinistryOrder),
  };
}

function completenessOf(
  index: PlanIndex,
  activities: readonly ActivityDetail[],
  latest: ReadonlyMap<string, LatestReturn>,
  order: (a: string, b: string) => number,
): Completeness {
  const counts = newCounts();
  const missing = new Set<string>();
  for (const d of activities) {
    countStatus(counts, d.status);
    if (d.status === 'no_line' || d.status === 'not_filled') missing.add(d.activity.code);
  }
  // Every ministry responsible for an activity, and any other that sent a return.
  const codes = new Set<string>();
  for (const m of index.plan.ministries) if (index.activitiesOf(m.code).length > 0) codes.add(m.code);
  for (const m of latest.keys()) codes.add(m);
  const byMinistry = [...codes].sort(order).map((ministry): MinistryCompleteness => {
    const own = index.activitiesOf(ministry);
    const r = latest.get(ministry);
    return {
      ministry,
      name: index.ministryName(ministry),
      version: r?.version ?? null,
      state: r?.state ?? null,
      activities: own.length,
      missing: own.filter((a) => missing.has(a.code)).map((a) => a.code),
    };
  });
  return { ...counts, missing: [...missing], byMinistry };
}
