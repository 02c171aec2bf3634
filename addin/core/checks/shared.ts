/**
 * Small helpers the checks share: the amount fields of a line in reading order, where a field of
 * a line is, what counts as "an amount", and the exact comparison under a tolerance.
 */
import type { FindingParamsByCode, Where } from '../findings.ts';
import type { Amounts, Line, LineField } from '../model.ts';
import { type Money, moneyToDecimal, moneyToNumber } from '../money.ts';

/** An amount field of a line or summary row: a year, the total, or a funding source. */
export type AmountField = FindingParamsByCode['subtotal_mismatch']['field'];

/** Years first, then total, national and external: the columns' left-to-right order. */
export function amountFields(years: readonly number[]): AmountField[] {
  return [...years.map((y): AmountField => `year:${y}`), 'total', 'national', 'external'];
}

/** Reads one amount field. Built once per run, so that loops over lines do not parse field names. */
export interface AmountReader {
  field: AmountField;
  read(amounts: Amounts): Money | null;
}

export function amountReaders(years: readonly number[]): AmountReader[] {
  return [
    ...years.map((y): AmountReader => ({ field: `year:${y}`, read: (a) => a.years[y] ?? null })),
    { field: 'total', read: (a) => a.total },
    { field: 'national', read: (a) => a.national },
    { field: 'external', read: (a) => a.external },
  ];
}

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

/**
 * Where one field of a line is: its cell when the line was read from a sheet, and always the
 * activity and the field, so that a line sent as JSON is still found by its code and column.
 */
export function whereOf(line: Line, field: LineField): Where {
  const cell = line.cells[field];
  const where: Where =
    cell === undefined ? { sheet: line.sheet, item: line.index } : { sheet: line.sheet, cell };
  if (line.activity !== null) where.activity = line.activity;
  where.field = field;
  return where;
}

/** The activity as messages name it; "" for a line without a code. */
export function activityOf(line: Line): string {
  return line.activity ?? '';
}

/** False when the field's cell could not be read (already reported by the reader). */
export function readable(line: Line, field: LineField): boolean {
  return line.unreadable.length === 0 || !line.unreadable.includes(field);
}

/** True when any field of the line could not be read. */
export function anyUnreadable(line: Line, fields: readonly LineField[]): boolean {
  if (line.unreadable.length === 0) return false;
  for (const f of fields) if (line.unreadable.includes(f)) return true;
  return false;
}

/** Exact comparison: a gap larger than the tolerance is a mismatch; null counts as 0. */
export function differs(a: Money | null, b: Money | null, tolerance: Money): boolean {
  const gap = (a ?? 0n) - (b ?? 0n);
  return gap > tolerance || -gap > tolerance;
}

/** An amount for a finding's expected/actual: a number in millions, or null. */
export function num(value: Money | null | undefined): number | null {
  return value === null || value === undefined ? null : moneyToNumber(value);
}

/** The tolerance as params carry it: a decimal string in millions. */
export function toleranceParam(tolerance: Money): string {
  return moneyToDecimal(tolerance);
}
