/**
 * Amounts fall in the years marked for execution (AN I … AN n), and a marked year has an amount.
 * Warnings: plans move, but the person should look.
 */
import { exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import { markField } from '../model.ts';
import { EXECUTION_STATED, hasYearAmountAt, lineAt, PM, readableAt, returnCheck } from './line-data.ts';
import { type AmountField, activityOf, whereOf } from './shared.ts';

export const executionCheck = returnCheck({
  id: 'execution',
  codes: ['amount_outside_execution', 'execution_without_amount'],
  start({ index }) {
    const findings: Finding[] = [];
    const markFields = index.years.map(markField);
    return {
      lines(chunk) {
        const { years, fields, amounts, marks, flags } = chunk;
        const { values, filled, width } = amounts;
        const yw = years.length;
        for (let j = 0; j < chunk.count; j++) {
          // No year marked at all means the periods are not stated (JSON returns may omit them),
          // not that every amount is misplaced: there is nothing to compare with.
          if (((flags[j] as number) & EXECUTION_STATED) === 0) continue;
          const wantsAmounts = chunk.nature[j] !== PM && hasYearAmountAt(chunk, j);
          for (let k = 0; k < yw; k++) {
            const o = j * width + k;
            const value = values[o] as number;
            const marked = marks[j * yw + k] === 1;
            const outside = value > 0 && !marked;
            const missing = marked && wantsAmounts && value === 0;
            if (!outside && !missing) continue;
            const yf = fields[k] as AmountField;
            const mf = markFields[k] as (typeof markFields)[number];
            if (!readableAt(chunk, j, yf) || !readableAt(chunk, j, mf)) continue;
            const line = lineAt(chunk, j);
            const params = { activity: activityOf(line), year: years[k] as number };
            // A blank year says null, a 0 says 0.
            const actual = exactMillions(filled[o] === 1 ? amounts.at(j, k) : null);
            if (outside)
              findings.push(
                finding('amount_outside_execution', 'warning', whereOf(line, yf), params, { actual }),
              );
            else
              findings.push(
                finding('execution_without_amount', 'warning', whereOf(line, mf), params, { actual }),
              );
          }
        }
      },
      finish: () => findings,
    };
  },
});
