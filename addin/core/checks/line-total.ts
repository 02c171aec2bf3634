/** A line's year split adds up to its total. */
import { type Finding, finding } from '../findings.ts';
import type { LineField } from '../model.ts';
import { lineData, yearSumAt } from './line-data.ts';
import { activityOf, anyUnreadable, differs, num, toleranceParam, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const lineTotalCheck: ReturnCheck = {
  id: 'line-total',
  codes: ['line_total_mismatch'],
  run(ctx) {
    const { ret, tolerance } = ctx;
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const fields: LineField[] = [...data.yearFields, 'total'];
    const tol = toleranceParam(tolerance);
    ret.lines.forEach((line, i) => {
      // A year or total that could not be read leaves nothing sure to compare.
      if (anyUnreadable(line, fields)) return;
      const { sum, any } = yearSumAt(data, i);
      const total = line.total;
      if (total === null ? !any : !differs(sum, total, tolerance)) return;
      findings.push(
        finding(
          'line_total_mismatch',
          'error',
          whereOf(line, 'total'),
          { activity: activityOf(line), tolerance: tol },
          { expected: num(sum), actual: num(total) },
        ),
      );
    });
    return findings;
  },
};
