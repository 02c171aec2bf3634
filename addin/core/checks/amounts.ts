/** Amounts are planned spending: none may be negative. */
import { exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import { lineAt, readableAt, returnCheck } from './line-data.ts';
import { type AmountField, activityOf, whereOf } from './shared.ts';

export const amountsCheck = returnCheck({
  id: 'amounts',
  codes: ['negative_amount'],
  start() {
    const findings: Finding[] = [];
    return {
      lines(chunk) {
        const { amounts, fields } = chunk;
        const { values, width } = amounts;
        for (let j = 0; j < chunk.count; j++) {
          for (let k = 0, o = j * width; k < width; k++) {
            // A double has the sign of the bigint it was read from, however large.
            if ((values[o + k] as number) >= 0) continue;
            const field = fields[k] as AmountField;
            if (!readableAt(chunk, j, field)) continue;
            const line = lineAt(chunk, j);
            findings.push(
              finding(
                'negative_amount',
                'error',
                whereOf(line, field),
                { activity: activityOf(line), field },
                { actual: exactMillions(amounts.at(j, k)) },
              ),
            );
          }
        }
      },
      finish: () => findings,
    };
  },
});
