/**
 * What the checks read from every line, read once per run into dense arrays, a chunk of lines at
 * a time: the amounts (an AmountTable), the position of the line's plan activity, its nature, its
 * execution marks and whether any of its cells could not be read.
 *
 * Why: at 100,000 lines each trip back to the Line objects costs a memory miss per line, and a
 * line's `years` record (keyed 2021…, a dictionary to the engine) tens of nanoseconds per read;
 * read once, every check loops over typed arrays and goes back to a Line only to word a finding.
 * Why chunks: one chunk (a few hundred kilobytes) is read, then every check goes over it while it
 * is still in the processor's cache; and a run allocates the same few chunk arrays whatever the
 * size of the return, so that a million lines do not ask the garbage collector for a full
 * collection of the heap at every run.
 */
import { AmountSums, AmountTable, amountFields, type Exact } from '../amount-vector.ts';
import type { Finding } from '../findings.ts';
import type { Line, LineField } from '../model.ts';
import { type PlanTables, planTables } from './plan-tables.ts';
import type { AmountField } from './shared.ts';
import type { LinePass, ReturnCheck, ReturnContext } from './types.ts';

/** Lines per chunk: its arrays (about 90 bytes a line) stay within a core's cache. */
export const CHUNK_LINES = 4096;

/** `activity[j]` for a line without a code, and for a code the plan does not have. */
export const NO_CODE = -1;
export const UNKNOWN_CODE = -2;

/** `nature[j]`: not stated, costed, PM. */
export const COSTED = 1;
export const PM = 2;

/** `flags[j]` bits. */
export const UNREADABLE = 1;
export const EXECUTION_STATED = 2;

/** A chunk of lines as the checks read them; row j is line `first + j` of the return. */
export interface LineChunk {
  /** Every line of the return: a check goes back to one only to word a finding. */
  lines: readonly Line[];
  plan: PlanTables;
  /** The plan's years, in order: the first slots of the amount vectors. */
  years: readonly number[];
  /** The amount fields in vector order: years, total, national, external. */
  fields: readonly AmountField[];
  first: number;
  count: number;
  amounts: AmountTable;
  /** Position of each line's activity in the plan, or NO_CODE / UNKNOWN_CODE. */
  activity: Int32Array;
  nature: Uint8Array;
  /** UNREADABLE: some cell of the line could not be read; EXECUTION_STATED: some year is marked. */
  flags: Uint8Array;
  /** 1 when row j marks years[k] for execution: marks[j * years.length + k]. */
  marks: Uint8Array;
}

/** Reads the return's lines into one chunk after another (the same arrays, refilled) and shows each to `visit`. */
export function readLines(ctx: ReturnContext, visit: (chunk: LineChunk) => void): void {
  const { index, ret } = ctx;
  const lines = ret.lines;
  const years = index.years;
  const yw = years.length;
  const size = Math.min(lines.length, CHUNK_LINES);
  const plan = planTables(index);
  const chunk: LineChunk = {
    lines,
    plan,
    years,
    fields: amountFields(years),
    first: 0,
    count: 0,
    amounts: new AmountTable(years, size),
    activity: new Int32Array(size),
    nature: new Uint8Array(size),
    flags: new Uint8Array(size),
    marks: new Uint8Array(size * yw),
  };
  const { amounts, activity, nature, flags, marks } = chunk;
  const { position, codes, indexed } = plan;
  // The plan's years run on without a gap (2021…2025): a year's slot is then a subtraction.
  const firstYear = years[0] ?? 0;
  const consecutive = years.every((y, k) => y === firstYear + k);
  let previous = -1;
  for (let first = 0; first < lines.length; first += size) {
    const count = Math.min(size, lines.length - first);
    marks.fill(0);
    for (let j = 0; j < count; j++) {
      const line = lines[first + j] as Line;
      amounts.read(j, line);
      const code = line.activity;
      if (code === null) activity[j] = NO_CODE;
      else {
        // Lines come in the plan's order (the template lists them so): the activity after the
        // previous line's is tried before the hash lookup, which at 100,000 lines is a cache miss.
        const hint = previous + 1;
        const p =
          hint < codes.length && codes[hint] === code && indexed[hint] === 1
            ? hint
            : (position.get(code) ?? UNKNOWN_CODE);
        activity[j] = p;
        if (p >= 0) previous = p;
      }
      nature[j] = line.nature === 'costed' ? COSTED : line.nature === 'pm' ? PM : 0;
      let f = line.unreadable.length > 0 ? UNREADABLE : 0;
      const execution = line.execution;
      if (execution.length > 0) {
        f |= EXECUTION_STATED;
        for (let e = 0; e < execution.length; e++) {
          const year = execution[e] as number;
          const k = consecutive ? year - firstYear : years.indexOf(year);
          if (k >= 0 && k < yw) marks[j * yw + k] = 1;
        }
      }
      flags[j] = f;
    }
    chunk.first = first;
    chunk.count = count;
    visit(chunk);
  }
}

/** A return check made of its pass; `run` reads the lines for it alone. */
export function returnCheck(check: Omit<ReturnCheck, 'run'>): ReturnCheck {
  return {
    ...check,
    run(ctx) {
      const pass = check.start(ctx);
      readLines(ctx, (chunk) => {
        pass.lines(chunk);
      });
      return pass.finish();
    },
  };
}

/** A pass that needs no line. */
export function withoutLines(finish: () => Finding[]): LinePass {
  return { lines() {}, finish };
}

/** The Line behind row j, to word a finding. */
export function lineAt(chunk: LineChunk, j: number): Line {
  return chunk.lines[chunk.first + j] as Line;
}

/** False when the field's cell of row j could not be read (already reported by the reader). */
export function readableAt(chunk: LineChunk, j: number, field: LineField): boolean {
  return ((chunk.flags[j] as number) & UNREADABLE) === 0 || !lineAt(chunk, j).unreadable.includes(field);
}

/** True when any of the fields of row j could not be read. */
export function anyUnreadableAt(chunk: LineChunk, j: number, fields: readonly LineField[]): boolean {
  if (((chunk.flags[j] as number) & UNREADABLE) === 0) return false;
  const unreadable = lineAt(chunk, j).unreadable;
  for (const f of fields) if (unreadable.includes(f)) return true;
  return false;
}

/** Whether any year of row j has an amount other than 0. */
export function hasYearAmountAt(chunk: LineChunk, j: number): boolean {
  const { values, width } = chunk.amounts;
  for (let k = j * width, end = k + chunk.years.length; k < end; k++) if (values[k] !== 0) return true;
  return false;
}

/** What row j amounts to: its total, or the sum of its years when the total is blank or 0. */
export function lineAmountAt(chunk: LineChunk, j: number): Exact {
  const { amounts, years } = chunk;
  const yw = years.length;
  if (amounts.values[j * amounts.width + yw] !== 0) return amounts.at(j, yw) as Exact;
  return amounts.sum(j, 0, yw);
}

/** Running sums of groups of lines, and the fields of each group that some line could not read. */
export interface LineSums {
  sums: AmountSums;
  unknown: Uint8Array;
}

export function lineSums(width: number, groups: number): LineSums {
  return { sums: new AmountSums(groups, width), unknown: new Uint8Array(groups * width) };
}

/**
 * Adds row j to group g. A field the line could not read is left out of the sum and marked
 * unknown for the group (`unknown[g * width + k]`): a sum over it would not mean anything.
 */
export function addLineAt(acc: LineSums, g: number, chunk: LineChunk, j: number): void {
  const { amounts } = chunk;
  const { sums, unknown } = acc;
  if (((chunk.flags[j] as number) & UNREADABLE) === 0) {
    sums.addRow(g, amounts, j);
    return;
  }
  const unreadable = lineAt(chunk, j).unreadable;
  const w = amounts.width;
  for (let k = 0; k < w; k++) {
    if (unreadable.includes(chunk.fields[k] as AmountField)) unknown[g * w + k] = 1;
    else sums.addCell(g, k, amounts, j);
  }
}

/** Adds group h of `from` to group g of `into`, unknown fields included. */
export function addGroupTo(into: LineSums, g: number, from: LineSums, h: number): void {
  into.sums.addSums(g, from.sums, h);
  const w = into.sums.width;
  for (let k = 0; k < w; k++) if (from.unknown[h * w + k] === 1) into.unknown[g * w + k] = 1;
}
