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

/** The cell of one field of a line; without a cell the sheet alone, and params name the activity. */
export function whereOf(line: Line, field: LineField): Where {
  return { sheet: line.sheet, cell: line.cells[field] };
}

/** The activity as messages name it; "" for a line without a code. */
export function activityOf(line: Line): string {
  return line.activity ?? '';
}

/** The tolerance as params carry it: a decimal string in millions. */
export function toleranceParam(tolerance: Money): string {
  return moneyToDecimal(tolerance);
}
