/**
 * The nature of a line agrees with its amounts: a PM (pour mémoire) line carries none, a costed
 * line carries some, and a line with neither a nature nor an amount is still to be filled.
 */
import { carriesAmount, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import { anyUnreadableAt, COSTED, lineAmountAt, lineAt, PM, readableAt, returnCheck } from './line-data.ts';
import { activityOf, whereOf } from './shared.ts';

export const natureCheck = returnCheck({
  id: 'nature',
  codes: ['pm_with_amounts', 'costed_without_amounts', 'line_not_filled'],
  start() {
    const findings: Finding[] = [];
    return {
      lines(chunk) {
        const { amounts, nature } = chunk;
        for (let j = 0; j < chunk.count; j++) {
          const carries = carriesAmount(amounts, j);
          // A costed line with amounts, the common case, has nothing to say.
          if (carries && nature[j] !== PM) continue;
          if (!readableAt(chunk, j, 'nature')) continue;
          const line = lineAt(chunk, j);
          const where = whereOf(line, 'nature');
          const params = { activity: activityOf(line) };
          if (carries) {
            const actual = exactMillions(lineAmountAt(chunk, j));
            findings.push(finding('pm_with_amounts', 'error', where, params, { actual }));
            continue;
          }
          // An amount cell that could not be read holds something: not "no amount at all".
          if (anyUnreadableAt(chunk, j, chunk.fields)) continue;
          if (nature[j] === COSTED) findings.push(finding('costed_without_amounts', 'error', where, params));
          else if (nature[j] === 0) findings.push(finding('line_not_filled', 'warning', where, params));
        }
      },
      finish: () => findings,
    };
  },
});
