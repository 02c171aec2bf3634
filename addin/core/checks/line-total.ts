/** A line's year split adds up to its total. */
import { exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { Line, LineField } from '../model.ts';
import { anyUnreadableAt, lineData } from './line-data.ts';
import { activityOf, toleranceParam, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const lineTotalCheck: ReturnCheck = {
  id: 'line-total',
  codes: ['line_total_mismatch'],
  run(ctx) {
    const { tolerance } = ctx;
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { amounts } = data;
    const yw = data.years.length;
    const fields: LineField[] = [...data.fields.slice(0, yw), 'total'];
    const { filled, width } = amounts;
    for (let i = 0; i < amounts.rows; i++) {
      // A year or total that could not be read leaves nothing sure to compare.
      if (anyUnreadableAt(data, i, fields)) continue;
      const o = i * width;
      let anyYear = false;
      for (let k = o; k < o + yw; k++) if (filled[k] === 1) anyYear = true;
      const total = amounts.at(i, yw);
      if (total === null && !anyYear) continue;
      const sum = amounts.sum(i, 0, yw);
      if (total !== null && !exactDiffers(sum, total, tolerance)) continue;
      const line = data.lines[i] as Line;
      findings.push(
        finding(
          'line_total_mismatch',
          'error',
          whereOf(line, 'total'),
          { activity: activityOf(line), tolerance: toleranceParam(tolerance) },
          { expected: exactMillions(sum), actual: exactMillions(total) },
        ),
      );
    }
    return findings;
  },
};
