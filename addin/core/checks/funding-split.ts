/** National budget + external funding = total, once a line states how it is funded. */
import { exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { LineField } from '../model.ts';
import { anyUnreadableAt, lineAt, returnCheck } from './line-data.ts';
import { activityOf, toleranceParam } from './shared.ts';

const FIELDS: LineField[] = ['national', 'external', 'total'];

export const fundingSplitCheck = returnCheck({
  id: 'funding-split',
  codes: ['funding_split_mismatch'],
  start({ tolerance }) {
    const findings: Finding[] = [];
    const tol = toleranceParam(tolerance);
    return {
      lines(chunk) {
        const { amounts } = chunk;
        const { filled, width } = amounts;
        const t = chunk.years.length;
        for (let j = 0; j < chunk.count; j++) {
          const o = j * width;
          // No split stated yet: nothing to compare (the line checks say whether amounts are missing).
          if (filled[o + t + 1] === 0 && filled[o + t + 2] === 0) continue;
          if (anyUnreadableAt(chunk, j, FIELDS)) continue;
          const sum = amounts.sum(j, t + 1, t + 3);
          const total = amounts.at(j, t);
          if (total !== null && !exactDiffers(sum, total, tolerance)) continue;
          // The total follows the years (a formula in the template), so the split is what to fix.
          const line = lineAt(chunk, j);
          const cell = line.cells.national ?? line.cells.total;
          findings.push(
            finding(
              'funding_split_mismatch',
              'error',
              { sheet: line.sheet, cell },
              { activity: activityOf(line), tolerance: tol },
              { expected: exactMillions(sum), actual: exactMillions(total) },
            ),
          );
        }
      },
      finish: () => findings,
    };
  },
});
