/**
 * What the checks read from every line, read once per run into dense arrays: the amounts (an
 * AmountTable), the position of the line's plan activity, its nature, its execution marks and
 * whether any of its cells could not be read. At 100,000 lines each trip back to the Line objects
 * costs a memory miss per line, and a line's `years` record (keyed 2021…, a dictionary to the
 * engine) tens of nanoseconds per read; read once, every check loops over typed arrays and goes
 * back to a Line only to word a finding. Memoised per context object: a check run alone reads the
 * lines itself, a full run (one context) reads them once. A context stands for one run over a
 * return that does not change.
 */
import { AmountSums, AmountTable, amountFields, type Exact } from '../amount-vector.ts';
import type { Line, LineField } from '../model.ts';
import { type PlanTables, planTables } from './plan-tables.ts';
import type { AmountField } from './shared.ts';
import type { ReturnContext } from './types.ts';

/** `activity[i]` for a line without a code, and for a code the plan does not have. */
export const NO_CODE = -1;
export const UNKNOWN_CODE = -2;

/** `nature[i]`: not stated, costed, PM. */
export const COSTED = 1;
export const PM = 2;

/** `flags[i]` bits. */
export const UNREADABLE = 1;
export const EXECUTION_STATED = 2;

export interface LineData {
  lines: readonly Line[];
  plan: PlanTables;
  /** The plan's years, in order: the first slots of the amount vectors. */
  years: readonly number[];
  /** The amount fields in vector order: years, total, national, external. */
  fields: readonly AmountField[];
  amounts: AmountTable;
  /** Position of each line's activity in the plan, or NO_CODE / UNKNOWN_CODE. */
  activity: Int32Array;
  nature: Uint8Array;
  /** UNREADABLE: some cell of the line could not be read; EXECUTION_STATED: some year is marked. */
  flags: Uint8Array;
  /** 1 when line i marks years[k] for execution: marks[i * years.length + k]. */
  marks: Uint8Array;
}

const memo = new WeakMap<ReturnContext, LineData>();

export function lineData(ctx: ReturnContext): LineData {
  const cached = memo.get(ctx);
  if (cached) return cached;
  const { index, ret } = ctx;
  const lines = ret.lines;
  const years = index.years;
  const yw = years.length;
  const n = lines.length;
  const plan = planTables(index);
  const { position, codes, indexed } = plan;
  const amounts = new AmountTable(years, n);
  const activity = new Int32Array(n);
  const nature = new Uint8Array(n);
  const flags = new Uint8Array(n);
  const marks = new Uint8Array(n * yw);
  // The plan's years run on without a gap (2021…2025): a year's slot is then a subtraction.
  const first = years[0] ?? 0;
  const consecutive = years.every((y, k) => y === first + k);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    const line = lines[i] as Line;
    amounts.read(i, line);
    const code = line.activity;
    if (code === null) activity[i] = NO_CODE;
    else {
      // Lines come in the plan's order (the template lists them so): the activity after the
      // previous line's is tried before the hash lookup, which at 100,000 lines is a cache miss.
      const hint = previous + 1;
      const p =
        hint < codes.length && codes[hint] === code && indexed[hint] === 1
          ? hint
          : (position.get(code) ?? UNKNOWN_CODE);
      activity[i] = p;
      if (p >= 0) previous = p;
    }
    nature[i] = line.nature === 'costed' ? COSTED : line.nature === 'pm' ? PM : 0;
    let f = line.unreadable.length > 0 ? UNREADABLE : 0;
    const execution = line.execution;
    if (execution.length > 0) {
      f |= EXECUTION_STATED;
      for (let j = 0; j < execution.length; j++) {
        const year = execution[j] as number;
        const k = consecutive ? year - first : years.indexOf(year);
        if (k >= 0 && k < yw) marks[i * yw + k] = 1;
      }
    }
    flags[i] = f;
  }
  const data: LineData = {
    lines,
    plan,
    years,
    fields: amountFields(years),
    amounts,
    activity,
    nature,
    flags,
    marks,
  };
  memo.set(ctx, data);
  return data;
}

/** False when the field's cell of line i could not be read (already reported by the reader). */
export function readableAt(data: LineData, i: number, field: LineField): boolean {
  return (
    ((data.flags[i] as number) & UNREADABLE) === 0 || !(data.lines[i] as Line).unreadable.includes(field)
  );
}

/** True when any of the fields of line i could not be read. */
export function anyUnreadableAt(data: LineData, i: number, fields: readonly LineField[]): boolean {
  if (((data.flags[i] as number) & UNREADABLE) === 0) return false;
  const unreadable = (data.lines[i] as Line).unreadable;
  for (const f of fields) if (unreadable.includes(f)) return true;
  return false;
}

/** Whether any year of line i has an amount other than 0. */
export function hasYearAmountAt(data: LineData, i: number): boolean {
  const { values, width } = data.amounts;
  for (let k = i * width, end = k + data.years.length; k < end; k++) if (values[k] !== 0) return true;
  return false;
}

/** What line i amounts to: its total, or the sum of its years when the total is blank or 0. */
export function lineAmountAt(data: LineData, i: number): Exact {
  const { amounts, years } = data;
  const yw = years.length;
  if (amounts.values[i * amounts.width + yw] !== 0) return amounts.at(i, yw) as Exact;
  return amounts.sum(i, 0, yw);
}

/**
 * Adds line i to group g. A field the line could not read is left out of the sum and marked
 * unknown for the group (`unknown[g * width + k]`): a sum over it would not mean anything.
 */
export function addLineAt(acc: LineSums, g: number, data: LineData, i: number): void {
  const { amounts } = data;
  const { sums, unknown } = acc;
  if (((data.flags[i] as number) & UNREADABLE) === 0) {
    sums.addRow(g, amounts, i);
    return;
  }
  const unreadable = (data.lines[i] as Line).unreadable;
  const w = amounts.width;
  for (let k = 0; k < w; k++) {
    if (unreadable.includes(data.fields[k] as AmountField)) unknown[g * w + k] = 1;
    else sums.addCell(g, k, amounts, i);
  }
}

/** Running sums of groups of lines, and the fields of each group that some line could not read. */
export interface LineSums {
  sums: AmountSums;
  unknown: Uint8Array;
}

export function lineSums(data: LineData, groups: number): LineSums {
  const width = data.amounts.width;
  return { sums: new AmountSums(groups, width), unknown: new Uint8Array(groups * width) };
}

/** Adds group h of `from` to group g of `into`, unknown fields included. */
export function addGroupTo(into: LineSums, g: number, from: LineSums, h: number): void {
  into.sums.addSums(g, from.sums, h);
  const w = into.sums.width;
  for (let k = 0; k < w; k++) if (from.unknown[h * w + k] === 1) into.unknown[g * w + k] = 1;
}
