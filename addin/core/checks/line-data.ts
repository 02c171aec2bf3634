/**
 * What several checks read from every line, read once per run: the line's plan activity and its
 * year amounts in one dense array. A line's `years` is a record keyed by calendar year (2021…),
 * which JavaScript engines keep as a sparse dictionary, tens of nanoseconds a read; at 100,000
 * lines, re-reading it and looking the activity up again in each check cost more than the checks
 * themselves. The result is memoised per context object: a check run alone computes it, a full
 * run (one context) shares it. A context stands for one run over a return that does not change.
 */
import type { Line } from '../model.ts';
import type { Money } from '../money.ts';
import type { Activity } from '../schemas/plan.ts';
import type { AmountField } from './shared.ts';
import type { ReturnContext } from './types.ts';

export interface LineData {
  /** The plan's years, in order: the columns of yearAmounts. */
  years: readonly number[];
  yearFields: readonly AmountField[];
  /** The plan activity of each line (by position in ret.lines); undefined when unknown or blank. */
  activities: (Activity | undefined)[];
  /** Amount of line i in years[k]: yearAmounts[i * years.length + k]. */
  yearAmounts: (Money | null)[];
}

const memo = new WeakMap<ReturnContext, LineData>();

export function lineData(ctx: ReturnContext): LineData {
  const cached = memo.get(ctx);
  if (cached) return cached;
  const { index, ret } = ctx;
  const years = index.years;
  const width = years.length;
  const activities: (Activity | undefined)[] = new Array(ret.lines.length);
  const yearAmounts: (Money | null)[] = new Array(ret.lines.length * width);
  ret.lines.forEach((line, i) => {
    activities[i] = line.activity === null ? undefined : index.activity(line.activity);
    const record = line.years;
    for (let k = 0; k < width; k++) yearAmounts[i * width + k] = record[years[k] as number] ?? null;
  });
  const data: LineData = {
    years,
    yearFields: years.map((y): AmountField => `year:${y}`),
    activities,
    yearAmounts,
  };
  memo.set(ctx, data);
  return data;
}

/**
 * Whether line i carries an amount. Zero does not count: the template's total is a formula that
 * shows 0 on an empty line, and a "costed" line of zeros is no more costed than an empty one.
 */
export function hasAmountAt(data: LineData, i: number, line: Line): boolean {
  if (line.total || line.national || line.external) return true;
  const width = data.years.length;
  for (let k = i * width, end = k + width; k < end; k++) if (data.yearAmounts[k]) return true;
  return false;
}

/** Whether any year of line i has a non-zero amount. */
export function hasYearAmountAt(data: LineData, i: number): boolean {
  const width = data.years.length;
  for (let k = i * width, end = k + width; k < end; k++) if (data.yearAmounts[k]) return true;
  return false;
}

/** The sum of line i's years, and whether any year is filled in. */
export function yearSumAt(data: LineData, i: number): { sum: Money; any: boolean } {
  const width = data.years.length;
  let sum = 0n;
  let any = false;
  for (let k = i * width, end = k + width; k < end; k++) {
    const v = data.yearAmounts[k];
    if (v === null || v === undefined) continue;
    sum += v;
    any = true;
  }
  return { sum, any };
}

/** What line i amounts to: its total, or the sum of its years when the total is empty or 0. */
export function lineAmountAt(data: LineData, i: number, line: Line): Money {
  return line.total ? line.total : yearSumAt(data, i).sum;
}

/** Running sums over some lines, one slot per amount field, and fields some line could not read. */
export interface FieldSums {
  sums: Money[];
  unknown: boolean[];
}

export function newFieldSums(width: number): FieldSums {
  return { sums: new Array<Money>(width).fill(0n), unknown: new Array<boolean>(width).fill(false) };
}

/** Adds line i to sums laid out as amountFields(years): the years, then total, national, external. */
export function addLineAt(acc: FieldSums, data: LineData, i: number, line: Line): void {
  const width = data.years.length;
  const unreadable = line.unreadable.length > 0 ? line.unreadable : null;
  const { sums, unknown } = acc;
  for (let k = 0; k < width; k++) {
    if (unreadable?.includes(data.yearFields[k] as AmountField)) unknown[k] = true;
    else {
      const v = data.yearAmounts[i * width + k];
      if (v) sums[k] = (sums[k] as Money) + v;
    }
  }
  const sources = [line.total, line.national, line.external];
  for (let s = 0; s < 3; s++) {
    if (unreadable?.includes(SOURCES[s] as AmountField)) unknown[width + s] = true;
    else {
      const v = sources[s];
      if (v) sums[width + s] = (sums[width + s] as Money) + v;
    }
  }
}

const SOURCES = ['total', 'national', 'external'] as const;

export function addSums(acc: FieldSums, other: FieldSums): void {
  for (let i = 0; i < acc.sums.length; i++) {
    acc.sums[i] = (acc.sums[i] as Money) + (other.sums[i] as Money);
    if (other.unknown[i]) acc.unknown[i] = true;
  }
}
