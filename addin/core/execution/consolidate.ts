/**
 * The execution of a plan for one period, laid against what was planned: derived data, pure, like
 * the planning consolidation (../consolidation). What was planned for an activity in a year is the
 * year's amount of the line the planning consolidation counts for it (the responsible ministry's
 * latest return); an activity nobody costed falls back to the plan's cost split evenly over its
 * execution years, said as such; PM stays PM.
 *
 * Execution counts once per activity, under its lead ministry, by the same rule as planning: among
 * the responsible ministries' lines, the lead's when it says something, else the first joint one
 * that does. Rates are exact ratios shown to a tenth of a percent: committed ÷ planned, disbursed ÷
 * planned, disbursed ÷ committed — null when what they divide by is nothing. They are given per
 * activity, result, pillar, ministry and funding source, and, across periods, per ministry and year.
 */
import type { Consolidation } from '../consolidation/consolidate.ts';
import { splitEvenly } from '../legacy/cost-split.ts';
import { type Money, moneyFromNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { outline } from '../template/entry-sheet.ts';
import {
  EXECUTION_STATES,
  type ExecutionLine,
  type ExecutionState,
  type IndicatorReport,
  type IndicatorTarget,
  type Planned,
  parsePeriodKey,
} from './model.ts';

/** What was planned per activity in `year` (see the header). */
export function plannedForYear(
  index: PlanIndex,
  year: number,
  planning: Consolidation | null,
): Map<string, Planned> {
  const out = new Map<string, Planned>();
  const counted = new Map(planning?.activities.map((d) => [d.activity.code, d.counted]) ?? []);
  for (const a of index.plan.activities) {
    const line = counted.get(a.code)?.line;
    if (line && line.nature === 'pm') out.set(a.code, { amount: null, pm: true, source: 'return' });
    else if (line && Object.values(line.years).some((v) => v !== null && v !== undefined)) {
      out.set(a.code, { amount: line.years[year] ?? null, pm: false, source: 'return' });
    } else if (a.costNote === 'PM') out.set(a.code, { amount: null, pm: true, source: 'plan' });
    else if (a.cost !== null && a.years.includes(year)) {
      const cost = moneyFromNumber(a.cost);
      const split = cost === null ? null : splitEvenly(cost, a.years);
      out.set(a.code, { amount: split?.byYear.get(year) ?? null, pm: false, source: 'plan' });
    } else out.set(a.code, { amount: null, pm: false, source: 'none' });
  }
  return out;
}

/** One ministry's latest execution return for the period, as the consolidation reads it. */
export interface LatestExecution {
  ministry: string;
  version: number;
  state: 'submitted' | 'returned' | 'accepted';
  createdAt: string;
  lines: ExecutionLine[];
  indicators: IndicatorReport[];
}

/** Money of one scope: planned, committed and disbursed per source, with the rates. */
export interface ExecutionFigures {
  planned: Money;
  committed: { national: Money; external: Money; total: Money };
  disbursed: { national: Money; external: Money; total: Money };
  rates: { committed: string | null; disbursed: string | null; disbursedOfCommitted: string | null };
  /** Activities in the scope by state; "unknown" when no line gave one. */
  states: Record<ExecutionState | 'unknown', number>;
  activities: number;
  /** Activities with a line in a return. */
  reported: number;
}

export interface ActivityExecution {
  activity: Activity;
  planned: Planned;
  /** The line that counts, and whose it is; null when no responsible ministry reported on it. */
  counted: { ministry: string; version: number; line: ExecutionLine } | null;
  figures: ExecutionFigures;
}

export interface IndicatorProgress {
  result: string;
  indicator: number;
  text: string;
  baseline: number | null;
  target: number | null;
  unit: string | null;
  value: number | null;
  /** (value − baseline) ÷ (target − baseline), one decimal; null when it cannot be said. */
  progress: string | null;
  ministry: string | null;
}

export interface ExecutionConsolidation {
  planId: string;
  planVersion: string;
  period: string;
  year: number;
  total: ExecutionFigures;
  activities: ActivityExecution[];
  byResult: (ExecutionFigures & { result: string; title: string; pillar: string })[];
  byPillar: (ExecutionFigures & { pillar: string; name: string })[];
  byMinistry: (ExecutionFigures & { ministry: string; name: string; version: number | null })[];
  indicators: IndicatorProgress[];
}

/** part ÷ whole as a percentage with one decimal ("87.5"), half away from zero; null when whole is 0. */
export function ratePercent(part: Money, whole: Money): string | null {
  if (whole === 0n) return null;
  const negative = part < 0n !== whole < 0n;
  const p = part < 0n ? -part : part;
  const w = whole < 0n ? -whole : whole;
  const tenths = (p * 1000n + w / 2n) / w;
  return `${negative ? '-' : ''}${tenths / 10n}.${tenths % 10n}`;
}

interface Acc {
  planned: Money;
  cn: Money;
  ce: Money;
  dn: Money;
  de: Money;
  states: Record<ExecutionState | 'unknown', number>;
  activities: number;
  reported: number;
}

const newAcc = (): Acc => ({
  planned: 0n,
  cn: 0n,
  ce: 0n,
  dn: 0n,
  de: 0n,
  states: { not_started: 0, ongoing: 0, done: 0, abandoned: 0, unknown: 0 },
  activities: 0,
  reported: 0,
});

function add(acc: Acc, planned: Planned, line: ExecutionLine | null): void {
  acc.activities++;
  acc.planned += planned.amount ?? 0n;
  if (!line) {
    acc.states.unknown++;
    return;
  }
  acc.reported++;
  acc.cn += line.committedNational ?? 0n;
  acc.ce += line.committedExternal ?? 0n;
  acc.dn += line.disbursedNational ?? 0n;
  acc.de += line.disbursedExternal ?? 0n;
  acc.states[line.state ?? 'unknown']++;
}

function merge(into: Acc, from: Acc): void {
  into.planned += from.planned;
  into.cn += from.cn;
  into.ce += from.ce;
  into.dn += from.dn;
  into.de += from.de;
  into.activities += from.activities;
  into.reported += from.reported;
  for (const s of [...EXECUTION_STATES, 'unknown'] as const) into.states[s] += from.states[s];
}

function figures(acc: Acc): ExecutionFigures {
  const committed = acc.cn + acc.ce;
  const disbursed = acc.dn + acc.de;
  return {
    planned: acc.planned,
    committed: { national: acc.cn, external: acc.ce, total: committed },
    disbursed: { national: acc.dn, external: acc.de, total: disbursed },
    rates: {
      committed: ratePercent(committed, acc.planned),
      disbursed: ratePercent(disbursed, acc.planned),
      disbursedOfCommitted: ratePercent(disbursed, committed),
    },
    states: { ...acc.states },
    activities: acc.activities,
    reported: acc.reported,
  };
}

const says = (line: ExecutionLine) =>
  line.state !== null ||
  [line.committedNational, line.committedExternal, line.disbursedNational, line.disbursedExternal].some(
    (v) => v !== null,
  );

export function consolidateExecution(
  index: PlanIndex,
  period: string,
  planned: ReadonlyMap<string, Planned>,
  returns: readonly LatestExecution[],
  targets: readonly IndicatorTarget[] = [],
): ExecutionConsolidation {
  const year = parsePeriodKey(period)?.year ?? 0;
  // Lines by activity and ministry (the first line of a code in a return counts).
  const byActivity = new Map<string, Map<string, { version: number; line: ExecutionLine }>>();
  for (const r of returns) {
    for (const line of r.lines) {
      if (line.activity === null) continue;
      const m = byActivity.get(line.activity) ?? new Map();
      byActivity.set(line.activity, m);
      if (!m.has(r.ministry)) m.set(r.ministry, { version: r.version, line });
    }
  }
  const none: Planned = { amount: null, pm: false, source: 'none' };
  const results = new Map<string, Acc>();
  const pillars = new Map<string, Acc>();
  const ministries = new Map<string, Acc>();
  const total = newAcc();
  const activities: ActivityExecution[] = [];
  const ordered = outline(index, index.plan.activities).flatMap((p) =>
    p.objectives.flatMap((o) => o.results.flatMap((r) => r.activities)),
  );
  for (const a of ordered) {
    const lines = byActivity.get(a.code);
    const responsible = index.ministriesOf(a);
    const candidates = responsible
      .map((m) =>
        lines?.get(m) ? { ministry: m, ...(lines.get(m) as { version: number; line: ExecutionLine }) } : null,
      )
      .filter((c): c is NonNullable<typeof c> => c !== null);
    const counted = candidates.find((c) => says(c.line)) ?? candidates[0] ?? null;
    const p = planned.get(a.code) ?? none;
    const acc = newAcc();
    add(acc, p, counted?.line ?? null);
    for (const [map, key] of [
      [results, a.result],
      [pillars, a.pillar],
      [ministries, a.responsible],
    ] as const) {
      const into = map.get(key) ?? newAcc();
      map.set(key, into);
      merge(into, acc);
    }
    merge(total, acc);
    activities.push({ activity: a, planned: p, counted, figures: figures(acc) });
  }

  const versions = new Map(returns.map((r) => [r.ministry, r.version]));
  const indicatorReports = new Map<string, { value: number | null; ministry: string }>();
  for (const r of returns)
    for (const i of r.indicators) {
      const key = `${i.result}\u0000${i.indicator}`;
      if (!indicatorReports.has(key) && i.value !== null)
        indicatorReports.set(key, { value: i.value, ministry: r.ministry });
    }
  const reportedResults = new Set(ordered.map((a) => a.result));
  const indicators: IndicatorProgress[] = index.plan.results
    .filter((r) => reportedResults.has(r.code))
    .flatMap((r) =>
      r.indicators.map((text, i) => {
        const t = targets.find((x) => x.result === r.code && x.indicator === i);
        const got = indicatorReports.get(`${r.code}\u0000${i}`);
        const baseline = t?.baseline ?? null;
        const target = t?.target ?? null;
        const value = got?.value ?? null;
        const progress =
          value !== null && target !== null && target !== (baseline ?? 0)
            ? (((value - (baseline ?? 0)) / (target - (baseline ?? 0))) * 100).toFixed(1)
            : null;
        return {
          result: r.code,
          indicator: i,
          text,
          baseline,
          target,
          unit: t?.unit ?? null,
          value,
          progress,
          ministry: got?.ministry ?? null,
        };
      }),
    );

  const pillarName = new Map(index.plan.pillars.map((p) => [p.code, p.name]));
  return {
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    period,
    year,
    total: figures(total),
    activities,
    byResult: index.plan.results
      .filter((r) => results.has(r.code))
      .map((r) => ({
        result: r.code,
        title: r.title,
        pillar: r.pillar,
        ...figures(results.get(r.code) as Acc),
      })),
    byPillar: index.plan.pillars
      .filter((p) => pillars.has(p.code))
      .map((p) => ({
        pillar: p.code,
        name: pillarName.get(p.code) ?? p.code,
        ...figures(pillars.get(p.code) as Acc),
      })),
    byMinistry: index.plan.ministries
      .filter((m) => ministries.has(m.code))
      .map((m) => ({
        ministry: m.code,
        name: m.name,
        version: versions.get(m.code) ?? null,
        ...figures(ministries.get(m.code) as Acc),
      })),
    indicators,
  };
}

/** Ministry × year: the disbursement rate of each ministry in each period's year (latest period of a year wins). */
export interface HeatTable {
  years: number[];
  rows: { ministry: string; name: string; rates: (string | null)[] }[];
}

export function heatTable(consolidations: readonly ExecutionConsolidation[]): HeatTable {
  const byYear = new Map<number, ExecutionConsolidation>();
  // The whole year ends last: "2024-S1", then "2024-S2", then "2024".
  const end = (c: ExecutionConsolidation) => c.year * 10 + (parsePeriodKey(c.period)?.semester ?? 3);
  for (const c of [...consolidations].sort((a, b) => end(a) - end(b))) byYear.set(c.year, c);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const names = new Map<string, string>();
  for (const c of byYear.values()) for (const m of c.byMinistry) names.set(m.ministry, m.name);
  return {
    years,
    rows: [...names].map(([ministry, name]) => ({
      ministry,
      name,
      rates: years.map(
        (y) => byYear.get(y)?.byMinistry.find((m) => m.ministry === ministry)?.rates.disbursed ?? null,
      ),
    })),
  };
}
