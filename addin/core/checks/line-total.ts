/** A line's year split adds up to its total. */
import { exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { LineField } from '../model.ts';
import { anyUnreadableAt, lineAt, returnCheck } from './line-data.ts';
import { activityOf, toleranceParam, whereOf } from './shared.ts';

export const lineTotalCheck = returnCheck({
  id: 'line-total',
  codes: ['line_total_mismatch'],
  start({ tolerance }) {
    const findings: Finding[] = [];
    const tol = toleranceParam(tolerance);
    return {
      lines(chunk) {
        const { amounts } = chunk;
        const yw = chunk.years.length;
        const fields: LineField[] = [...chunk.fields.slice(0, yw), 'total'];
        const { filled, width } = amounts;
        for (let j = 0; j < chunk.count; j++) {
          // A year or total that could not be read leaves nothing sure to compare.
          if (anyUnreadableAt(chunk, j, fields)) continue;
          const total = amounts.at(j, yw);
          if (total === null) {
            // No total and no year either: nothing stated, nothing to add up.
            let anyYear = false;
            for (let k = j * width, end = k + yw; k < end; k++) if (filled[k] === 1) anyYear = true;
            if (!anyYear) continue;
          }
          const sum = amounts.sum(j, 0, yw);
          if (total !== null && !exactDiffers(sum, total, tolerance)) continue;
          const line = lineAt(chunk, j);
          findings.push(
            finding(
              'line_total_mismatch',
              'error',
              whereOf(line, 'total'),
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
