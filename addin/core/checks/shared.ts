/**
 * Small helpers the checks share: where a field of a line is, how a line names its activity, and
 * the tolerance as findings carry it. Amount fields, exact sums and comparisons are in
 * ../amount-vector.ts.
 */
import type { AmountField } from '../amount-vector.ts';
import type { Where } from '../findings.ts';
import type { Line, LineField } from '../model.ts';
import { type Money, moneyToDecimal } from '../money.ts';

export type { AmountField };

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

/** The tolerance as params carry it: a decimal string in millions. */
export function toleranceParam(tolerance: Money): string {
  return moneyToDecimal(tolerance);
}
