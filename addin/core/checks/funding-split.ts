/** National budget + external funding = total, once a line states how it is funded. */
import { exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { Line, LineField } from '../model.ts';
import { anyUnreadableAt, lineData } from './line-data.ts';
import { activityOf, toleranceParam } from './shared.ts';
import type { ReturnCheck } from './types.ts';

const FIELDS: LineField[] = ['national', 'external', 'total'];

export const fundingSplitCheck: ReturnCheck = {
  id: 'funding-split',
  codes: ['funding_split_mismatch'],
  run(ctx) {
    const { tolerance } = ctx;
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { amounts } = data;
    const { filled, width } = amounts;
    const t = data.years.length;
    for (let i = 0; i < amounts.rows; i++) {
      const o = i * width;
      // No split stated yet: nothing to compare (the line checks say whether amounts are missing).
      if (filled[o + t + 1] === 0 && filled[o + t + 2] === 0) continue;
      if (anyUnreadableAt(data, i, FIELDS)) continue;
      const sum = amounts.sum(i, t + 1, t + 3);
      const total = amounts.at(i, t);
      if (total !== null && !exactDiffers(sum, total, tolerance)) continue;
      // The total follows the years (a formula in the template), so the split is what to fix.
      const line = data.lines[i] as Line;
      const cell = line.cells.national ?? line.cells.total;
      findings.push(
        finding(
          'funding_split_mismatch',
          'error',
          { sheet: line.sheet, cell },
          { activity: activityOf(line), tolerance: toleranceParam(tolerance) },
          { expected: exactMillions(sum), actual: exactMillions(total) },
        ),
      );
    }
    return findings;
  },
};
