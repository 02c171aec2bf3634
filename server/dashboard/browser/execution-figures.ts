/**
 * Small pure pieces of the execution page, apart from the DOM so that they are unit-tested: the
 * funding-source rows (committed and disbursed per source, and disbursed ÷ committed, from the
 * period's totals), the band of a heat-table cell, and which review decisions a ministry's state
 * allows (the service answers 409 to the others).
 */
import { moneyFromNumber, ratePercent } from '#core';
import type { ExecutionFiguresJson, ExecutionStateName } from './execution-api.ts';

export interface SourceRow {
  source: 'national' | 'external' | 'total';
  committed: number;
  disbursed: number;
  /** disbursed ÷ committed in percent, one decimal; null when nothing was committed. */
  rate: string | null;
}

/** Back to the core's exact money, so that the rate is worked out as the core works out the others. */
const exact = (n: number) => moneyFromNumber(n) ?? 0n;

export function sourceRows(total: ExecutionFiguresJson): SourceRow[] {
  return (['national', 'external', 'total'] as const).map((source) => {
    const committed = total.committed[source];
    const disbursed = total.disbursed[source];
    return { source, committed, disbursed, rate: ratePercent(exact(disbursed), exact(committed)) };
  });
}

/** 0 (none), 1 (< 25 %), 2 (< 50 %), 3 (< 75 %), 4 (75 % or more): the heat table's shades. */
export function heatBand(rate: string | null): 0 | 1 | 2 | 3 | 4 {
  if (rate === null) return 0;
  const r = Number(rate);
  if (!Number.isFinite(r)) return 0;
  return r < 25 ? 1 : r < 50 ? 2 : r < 75 ? 3 : 4;
}

/** The decisions offered for a ministry's latest follow-up in this state. */
export function decisionsFor(state: ExecutionStateName, returnId: string | null): ('accept' | 'return')[] {
  if (returnId === null) return [];
  if (state === 'submitted') return ['accept', 'return'];
  if (state === 'accepted') return ['return'];
  return [];
}
