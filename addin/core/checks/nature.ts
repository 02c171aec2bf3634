/**
 * The nature of a line agrees with its amounts: a PM (pour mémoire) line carries none, a costed
 * line carries some, and a line with neither a nature nor an amount is still to be filled.
 */
import { type Finding, finding } from '../findings.ts';
import { hasAmountAt, lineAmountAt, lineData } from './line-data.ts';
import { activityOf, amountFields, anyUnreadable, num, readable, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const natureCheck: ReturnCheck = {
  id: 'nature',
  codes: ['pm_with_amounts', 'costed_without_amounts', 'line_not_filled'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const fields = amountFields(data.years);
    ctx.ret.lines.forEach((line, i) => {
      if (!readable(line, 'nature')) return;
      const where = whereOf(line, 'nature');
      const params = { activity: activityOf(line) };
      if (hasAmountAt(data, i, line)) {
        if (line.nature === 'pm') {
          const actual = num(lineAmountAt(data, i, line));
          findings.push(finding('pm_with_amounts', 'error', where, params, { actual }));
        }
        return;
      }
      // An amount cell that could not be read holds something: not "no amount at all".
      if (anyUnreadable(line, fields)) return;
      if (line.nature === 'costed') findings.push(finding('costed_without_amounts', 'error', where, params));
      else if (line.nature === null) findings.push(finding('line_not_filled', 'warning', where, params));
    });
    return findings;
  },
};
