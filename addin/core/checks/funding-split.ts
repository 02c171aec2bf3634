/** National budget + external funding = total, once a line states how it is funded. */
import { type Finding, finding } from '../findings.ts';
import { activityOf, anyUnreadable, differs, num, toleranceParam } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const fundingSplitCheck: ReturnCheck = {
  id: 'funding-split',
  codes: ['funding_split_mismatch'],
  run({ ret, tolerance }) {
    const findings: Finding[] = [];
    const tol = toleranceParam(tolerance);
    for (const line of ret.lines) {
      const { national, external, total } = line;
      // No split stated yet: nothing to compare (the line checks say whether amounts are missing).
      if (national === null && external === null) continue;
      if (anyUnreadable(line, ['national', 'external', 'total'])) continue;
      const sum = (national ?? 0n) + (external ?? 0n);
      if (total !== null && !differs(sum, total, tolerance)) continue;
      // The total follows the years (a formula in the template), so the split is what to fix.
      const cell = line.cells.national ?? line.cells.total;
      findings.push(
        finding(
          'funding_split_mismatch',
          'error',
          { sheet: line.sheet, cell },
          { activity: activityOf(line), tolerance: tol },
          { expected: num(sum), actual: num(total) },
        ),
      );
    }
    return findings;
  },
};
