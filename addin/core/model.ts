/**
 * The typed form of a return that every check reads, whatever it came from: a grid of cells
 * (Excel, Google Sheets, an uploaded .xlsx), a JSON submission, or the plan document itself.
 * Amounts are exact (Money); each value remembers the cell it was read from so that a finding can
 * point at it.
 */
import type { Money } from './money.ts';

/** The amount fields of a line or of a summary row. Years are calendar years (2021…). */
export interface Amounts {
  years: Record<number, Money | null>;
  total: Money | null;
  national: Money | null;
  external: Money | null;
}

/** A field of a line, used to name the cell a finding points at. */
export type LineField =
  | 'activity'
  | 'nature'
  | `year:${number}`
  | 'total'
  | 'national'
  | 'external'
  | `mark:${number}`
  | 'comment';

export type Nature = 'costed' | 'pm';

/** One costed line of a return: one activity. */
export interface Line extends Amounts {
  /** Position among the return's lines (0-based), for messages when there is no sheet. */
  index: number;
  /** Activity code as entered, trimmed; null when the cell is empty. */
  activity: string | null;
  /** "costed", "pm" (pour mémoire), or null when not stated. */
  nature: Nature | null;
  /** Calendar years marked for execution. */
  execution: number[];
  comment: string | null;
  sheet: string;
  /** A1 address of each field's cell, when the line was read from a sheet. */
  cells: Partial<Record<LineField, string>>;
  /** Fields whose cell could not be read; already reported, so checks skip them. */
  unreadable: LineField[];
}

export type RollupLevel = 'result' | 'objective' | 'pillar' | 'ministry' | 'grand';

/** A subtotal row found in a sheet: what it claims, to be compared with the sum of its lines. */
export interface Subtotal {
  level: RollupLevel;
  /** Result/objective/pillar/ministry code; "" for the grand total. */
  key: string;
  amounts: Amounts;
  sheet: string;
  cells: Partial<Record<LineField, string>>;
  /** Fields whose printed value is not known (a changed formula, an error shown): not compared. */
  unreadable?: LineField[];
}

/** A row of a summary table laid out as section II.2.1 (pillar × ministry). */
export interface SummaryRow {
  label: string;
  pillar: string | null;
  ministry: string | null;
  amounts: Amounts;
  cells: Partial<Record<LineField, string>>;
  /** Source line, for a table read from the plan document. */
  line?: number;
  /** Fields whose printed value is not known (a changed formula, an error shown): not compared. */
  unreadable?: LineField[];
}

export interface SummaryTable {
  /** Name shown in messages ("Synthèse", "Tableau II.2.1"). */
  name: string;
  sheet: string;
  years: number[];
  rows: SummaryRow[];
  totalRow: SummaryRow | null;
  /**
   * The table as a workbook's own formulas print it (the template's summary sheet), rather than as
   * someone typed it: its rows are compared with the lines they add up and its total row with its
   * rows, but not each row's years with its total — that follows from the lines, whose own checks
   * already say where a line does not add up.
   */
  fromWorkbook?: boolean;
}

/** Everything read from one return, ready for the checks. */
export interface ParsedReturn {
  ministry: string | null;
  planId: string | null;
  planVersion: string | null;
  lines: Line[];
  subtotals: Subtotal[];
  summaries: SummaryTable[];
}

export function emptyAmounts(years: readonly number[]): Amounts {
  const record: Record<number, Money | null> = {};
  for (const y of years) record[y] = null;
  return { years: record, total: null, national: null, external: null };
}

export function yearField(year: number): LineField {
  return `year:${year}`;
}

export function markField(year: number): LineField {
  return `mark:${year}`;
}
