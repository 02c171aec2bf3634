/**
 * The one rule by which a legacy cost becomes amounts per year. The plan document (and the sheets
 * copied from it) give a single cost per activity and the years it runs, never a split; PAC's
 * template wants an amount per year. Rather than leave every imported line failing its checks or
 * guess silently, the import splits the cost evenly over the years marked X, in whole FCFA, and
 * puts what does not divide evenly on the last marked year, so that the years add up to the cost
 * exactly. The import report and the line's comment say so, line by line, for the ministry to
 * adjust. With no year marked nothing is split: the cost is reported and kept in the comment.
 */
import type { Money } from '../money.ts';

export interface EvenSplit {
  /** Amount of each marked year but the last. */
  each: Money;
  /** Amount of the last marked year (each + the remainder). */
  last: Money;
  byYear: Map<number, Money>;
}

/** Splits `cost` (FCFA) over `years` (sorted); null when there is no year to split over. */
export function splitEvenly(cost: Money, years: readonly number[]): EvenSplit | null {
  if (years.length === 0) return null;
  const n = BigInt(years.length);
  // BigInt division truncates toward zero, so a negative cost keeps the sum exact as well.
  const each = cost / n;
  const last = cost - each * (n - 1n);
  const byYear = new Map<number, Money>();
  years.forEach((y, i) => {
    byYear.set(y, i === years.length - 1 ? last : each);
  });
  return { each, last, byYear };
}
