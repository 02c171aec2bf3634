/**
 * One shape for amounts. An amount vector is a line's amounts (or a sum's) in the columns' order:
 * the plan's years, then total, national, external. This module reads lines into that shape once
 * (an AmountTable), says whether a line carries an amount (the one rule, `carriesAmount`), and adds
 * vectors up exactly (AmountSums). The checks and the consolidation both count with it.
 *
 * Exact, and fast. Money is a bigint of FCFA, and a bigint sum allocates at every step. A double
 * holds every integer below 2^53 exactly (2^53 FCFA is 9 billion millions, thousands of times any
 * plan), and a sum of such integers is exact while no partial sum leaves that range. So amounts
 * are held as doubles, and each row and each running sum carries a bound: the sum of the absolute
 * values that went into it, which no partial sum can exceed. While the bound stays below 2^53 the
 * arithmetic is done in doubles; past it, that row or that sum is counted in bigint instead. No
 * amount is ever rounded: 0.1 + 0.2 millions is 300,000 FCFA, and a 1 FCFA gap stays 1 FCFA.
 */
import type { Amounts } from './model.ts';
import { type Money, moneyToNumber } from './money.ts';

/** An amount field of a line or summary row: a year, the total, or a funding source. */
export type AmountField = `year:${number}` | 'total' | 'national' | 'external';

/** Years first, then total, national and external: the columns' left-to-right order. */
export function amountFields(years: readonly number[]): AmountField[] {
  return [...years.map((y): AmountField => `year:${y}`), 'total', 'national', 'external'];
}

/** Slot k of an amount record in the vector order (years[k], then total, national, external). */
export function amountAt(amounts: Amounts, years: readonly number[], k: number): Money | null {
  const w = years.length;
  if (k < w) return amounts.years[years[k] as number] ?? null;
  return k === w ? amounts.total : k === w + 1 ? amounts.national : amounts.external;
}

/** One amount field of a record, by name. */
export function amountOf(amounts: Amounts, field: AmountField): Money | null {
  switch (field) {
    case 'total':
      return amounts.total;
    case 'national':
      return amounts.national;
    case 'external':
      return amounts.external;
    default:
      return amounts.years[Number(field.slice(5))] ?? null;
  }
}

// --- Exact amounts -------------------------------------------------------------------------------

/**
 * An exact amount in FCFA: a number when it is an integer below 2^53 in magnitude (which every
 * number this module hands out is), a Money otherwise.
 */
export type Exact = number | Money;

/** 2^53 − 1: every integer up to it, and every sum that stays within it, is exact in a double. */
const LIMIT = Number.MAX_SAFE_INTEGER;
const BIG_LIMIT = BigInt(LIMIT);

/** A Money as an Exact: a number when it fits. */
export function exactOf(value: Money): Exact {
  return value <= BIG_LIMIT && value >= -BIG_LIMIT ? Number(value) : value;
}

export function exactMoney(value: Exact): Money {
  return typeof value === 'number' ? BigInt(value) : value;
}

/** An amount in millions for a finding's expected/actual (null stays null), as moneyToNumber gives. */
export function exactMillions(value: Exact | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value / 1e6 : moneyToNumber(value);
}

// A run compares many gaps with one tolerance: its double is kept rather than converted each time.
let lastTolerance: Money = 0n;
let lastToleranceDouble = 0;
function toleranceDouble(tolerance: Money): number {
  if (tolerance !== lastTolerance) {
    lastTolerance = tolerance;
    lastToleranceDouble = Number(tolerance);
  }
  return lastToleranceDouble;
}

/** Exact comparison: a gap larger than the tolerance is a mismatch; null counts as 0. */
export function exactDiffers(a: Exact | null, b: Exact | null, tolerance: Money): boolean {
  const x = typeof a === 'bigint' ? exactOf(a) : (a ?? 0);
  const y = typeof b === 'bigint' ? exactOf(b) : (b ?? 0);
  if (typeof x === 'number' && typeof y === 'number') {
    // Both below 2^53: the difference is exact whenever it is itself below 2^53 (and when the true
    // one is not, the double is not either). A tolerance past 2^53 compares right as a double too.
    const gap = x - y;
    if (gap <= LIMIT && gap >= -LIMIT) {
      const t = toleranceDouble(tolerance);
      return gap > t || -gap > t;
    }
  }
  const gap = exactMoney(x) - exactMoney(y);
  return gap > tolerance || -gap > tolerance;
}

// --- Lines read once ------------------------------------------------------------------------------

/** The amounts of many rows (the lines of a return), read once into the vector shape. */
export class AmountTable {
  readonly width: number;
  /** Row i's slot k at i * width + k, as a double; blank as 0. Exact where `bound` allows. */
  readonly values: Float64Array;
  /** 1 where the cell holds an amount (0 included), 0 where it is blank. */
  readonly filled: Uint8Array;
  /** Per row, the sum of its absolute values: at most 2^53 − 1 when each value and each sum of them is exact. */
  readonly bound: Float64Array;
  /** The record of each row beyond doubles, for its exact bigints (rows within doubles need none). */
  private readonly sources = new Map<number, Amounts>();

  constructor(
    readonly years: readonly number[],
    readonly rows: number,
  ) {
    this.width = years.length + 3;
    this.values = new Float64Array(rows * this.width);
    this.filled = new Uint8Array(rows * this.width);
    this.bound = new Float64Array(rows);
  }

  /** Reads row i from a line or any amount record. */
  read(i: number, amounts: Amounts): void {
    const { years, values, filled } = this;
    const w = years.length;
    const o = i * this.width;
    const record = amounts.years;
    let bound = 0;
    for (let k = 0; k <= w + 2; k++) {
      const v =
        k < w
          ? record[years[k] as number]
          : k === w
            ? amounts.total
            : k === w + 1
              ? amounts.national
              : amounts.external;
      if (v === null || v === undefined) {
        values[o + k] = 0;
        filled[o + k] = 0;
        continue;
      }
      // Number() rounds a bigint past 2^53 to a double of at least 2^53: the bound says so.
      const x = Number(v);
      values[o + k] = x;
      filled[o + k] = 1;
      bound += x < 0 ? -x : x;
    }
    this.bound[i] = bound;
    if (bound > LIMIT) this.sources.set(i, amounts);
    else if (this.sources.size > 0) this.sources.delete(i);
  }

  /** Slot k of row i, exactly; null when blank. */
  at(i: number, k: number): Exact | null {
    const o = i * this.width + k;
    if (this.filled[o] === 0) return null;
    const x = this.values[o] as number;
    return x <= LIMIT && x >= -LIMIT ? x : (amountAt(this.sources.get(i) as Amounts, this.years, k) as Money);
  }

  /** Slot k of row i as Money; null when blank. */
  money(i: number, k: number): Money | null {
    const v = this.at(i, k);
    return v === null ? null : exactMoney(v);
  }

  /** The sum of slots [from, to) of row i, blank as 0. */
  sum(i: number, from: number, to: number): Exact {
    const o = i * this.width;
    if ((this.bound[i] as number) <= LIMIT) {
      let s = 0;
      for (let k = o + from; k < o + to; k++) s += this.values[k] as number;
      return s;
    }
    let s = 0n;
    for (let k = from; k < to; k++) s += this.money(i, k) ?? 0n;
    return exactOf(s);
  }
}

/**
 * The one rule for "this line carries an amount": one of its counted amounts (the plan's years,
 * total, national, external) is other than 0. Zero does not count: the template's total is a
 * formula that shows 0 on an empty line, and a "costed" line of zeros is no more costed than an
 * empty one. A year the plan does not have counts nowhere, so it does not count here either.
 */
export function carriesAmount(table: AmountTable, i: number): boolean {
  const { values, width } = table;
  for (let k = i * width, end = k + width; k < end; k++) if (values[k] !== 0) return true;
  return false;
}

// --- Sums ---------------------------------------------------------------------------------------

/** Exact running sums of amount vectors, one vector per group, in doubles while the bound allows. */
export class AmountSums {
  /** Group g's slot k at g * width + k: the part counted in doubles. */
  private readonly values: Float64Array;
  /** Per group, the sum of the absolute values counted in doubles so far. */
  private readonly bound: Float64Array;
  /** Per group, the part counted in bigint once doubles could no longer hold it; mostly absent. */
  private readonly big: (Money[] | undefined)[];

  constructor(
    readonly groups: number,
    readonly width: number,
  ) {
    this.values = new Float64Array(groups * width);
    this.bound = new Float64Array(groups);
    this.big = new Array(groups);
  }

  private bigOf(g: number): Money[] {
    let big = this.big[g];
    if (!big) {
      big = new Array<Money>(this.width).fill(0n);
      this.big[g] = big;
    }
    return big;
  }

  /** Adds row i of a table (of the same width) to group g. */
  addRow(g: number, table: AmountTable, i: number): void {
    const w = this.width;
    const bound = (this.bound[g] as number) + (table.bound[i] as number);
    if (bound <= LIMIT) {
      this.bound[g] = bound;
      const from = table.values;
      const into = this.values;
      for (let k = 0, o = g * w, r = i * w; k < w; k++)
        into[o + k] = (into[o + k] as number) + (from[r + k] as number);
      return;
    }
    const big = this.bigOf(g);
    for (let k = 0; k < w; k++) big[k] = (big[k] as Money) + (table.money(i, k) ?? 0n);
  }

  /** Adds slot k of row i of a table to slot k of group g, blank as 0. */
  addCell(g: number, k: number, table: AmountTable, i: number): void {
    const v = table.at(i, k);
    if (v !== null) this.addValue(g, k, v);
  }

  /** Adds an exact amount to slot k of group g. */
  addValue(g: number, k: number, value: Exact): void {
    if (typeof value === 'number') {
      const bound = (this.bound[g] as number) + (value < 0 ? -value : value);
      if (bound <= LIMIT) {
        this.bound[g] = bound;
        this.values[g * this.width + k] = (this.values[g * this.width + k] as number) + value;
        return;
      }
    }
    const big = this.bigOf(g);
    big[k] = (big[k] as Money) + exactMoney(value);
  }

  /** Adds group h of `from` (of the same width) to group g. */
  addSums(g: number, from: AmountSums, h: number): void {
    const w = this.width;
    const bound = (this.bound[g] as number) + (from.bound[h] as number);
    const other = from.big[h];
    if (bound <= LIMIT) {
      this.bound[g] = bound;
      for (let k = 0; k < w; k++)
        this.values[g * w + k] = (this.values[g * w + k] as number) + (from.values[h * w + k] as number);
    } else {
      const big = this.bigOf(g);
      for (let k = 0; k < w; k++) big[k] = (big[k] as Money) + BigInt(from.values[h * w + k] as number);
    }
    if (other) {
      const big = this.bigOf(g);
      for (let k = 0; k < w; k++) big[k] = (big[k] as Money) + (other[k] as Money);
    }
  }

  /** Slot k of group g, exactly. */
  at(g: number, k: number): Exact {
    const x = this.values[g * this.width + k] as number;
    const big = this.big[g];
    return big ? exactOf(BigInt(x) + (big[k] as Money)) : x;
  }

  money(g: number, k: number): Money {
    return exactMoney(this.at(g, k));
  }

  /** Group g as an amount record of Money (the vector order back in named fields). */
  totals(g: number, years: readonly number[]): AmountTotals {
    const w = years.length;
    const record: Record<number, Money> = {};
    years.forEach((y, k) => {
      record[y] = this.money(g, k);
    });
    return {
      years: record,
      total: this.money(g, w),
      national: this.money(g, w + 1),
      external: this.money(g, w + 2),
    };
  }
}

/** Exact sums of the amount columns, every column counted (blank as 0). */
export interface AmountTotals {
  years: Record<number, Money>;
  total: Money;
  national: Money;
  external: Money;
}

/**
 * Cell by cell sum of amount records that keeps blanks: a column stays blank (null) when every
 * record leaves it blank, as a sum of printed table rows should. `into` null starts the sum.
 */
export function addAmounts(into: Amounts | null, row: Amounts, years: readonly number[]): Amounts {
  const plus = (a: Money | null | undefined, b: Money | null | undefined) =>
    a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : a + b;
  const yearsOut: Record<number, Money | null> = {};
  for (const y of years) yearsOut[y] = plus(into?.years[y], row.years[y]);
  return {
    years: yearsOut,
    total: plus(into?.total, row.total),
    national: plus(into?.national, row.national),
    external: plus(into?.external, row.external),
  };
}
