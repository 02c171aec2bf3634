/**
 * The nature of a line agrees with its amounts: a PM (pour mémoire) line carries none, a costed
 * line carries some, and a line with neither a nature nor an amount is still to be filled.
 */
import { carriesAmount, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { Line } from '../model.ts';
import { anyUnreadableAt, COSTED, lineAmountAt, lineData, PM, readableAt } from './line-data.ts';
import { activityOf, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const natureCheck: ReturnCheck = {
  id: 'nature',
  codes: ['pm_with_amounts', 'costed_without_amounts', 'line_not_filled'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { amounts, nature } = data;
    for (let i = 0; i < amounts.rows; i++) {
      const carries = carriesAmount(amounts, i);
      // A costed line with amounts, the common case, has nothing to say.
      if (carries && nature[i] !== PM) continue;
      if (!readableAt(data, i, 'nature')) continue;
      const line = data.lines[i] as Line;
      const where = whereOf(line, 'nature');
      const params = { activity: activityOf(line) };
      if (carries) {
        const actual = exactMillions(lineAmountAt(data, i));
        findings.push(finding('pm_with_amounts', 'error', where, params, { actual }));
        continue;
      }
      // An amount cell that could not be read holds something: not "no amount at all".
      if (anyUnreadableAt(data, i, data.fields)) continue;
      if (nature[i] === COSTED) findings.push(finding('costed_without_amounts', 'error', where, params));
      else if (nature[i] === 0) findings.push(finding('line_not_filled', 'warning', where, params));
    }
    return findings;
  },
};
