/** Amounts are planned spending: none may be negative. */
import { exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { Line } from '../model.ts';
import { lineData, readableAt } from './line-data.ts';
import { type AmountField, activityOf, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const amountsCheck: ReturnCheck = {
  id: 'amounts',
  codes: ['negative_amount'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { amounts, fields } = data;
    const { values, width } = amounts;
    for (let i = 0; i < amounts.rows; i++) {
      for (let k = 0, o = i * width; k < width; k++) {
        // A double has the sign of the bigint it was read from, however large.
        if ((values[o + k] as number) >= 0) continue;
        const field = fields[k] as AmountField;
        if (!readableAt(data, i, field)) continue;
        const line = data.lines[i] as Line;
        findings.push(
          finding(
            'negative_amount',
            'error',
            whereOf(line, field),
            { activity: activityOf(line), field },
            { actual: exactMillions(amounts.at(i, k)) },
          ),
        );
      }
    }
    return findings;
  },
};
