/**
 * Amounts fall in the years marked for execution (AN I–AN V), and a marked year has an amount.
 * Warnings: plans move, but the person should look.
 */
import { exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import { type Line, markField } from '../model.ts';
import { EXECUTION_STATED, hasYearAmountAt, lineData, PM, readableAt } from './line-data.ts';
import { type AmountField, activityOf, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const executionCheck: ReturnCheck = {
  id: 'execution',
  codes: ['amount_outside_execution', 'execution_without_amount'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { years, fields, amounts, marks, flags } = data;
    const { values, filled, width } = amounts;
    const yw = years.length;
    const markFields = years.map(markField);
    for (let i = 0; i < amounts.rows; i++) {
      // No year marked at all means the periods are not stated (JSON returns may omit them),
      // not that every amount is misplaced: there is nothing to compare with.
      if (((flags[i] as number) & EXECUTION_STATED) === 0) continue;
      const wantsAmounts = data.nature[i] !== PM && hasYearAmountAt(data, i);
      for (let k = 0; k < yw; k++) {
        const o = i * width + k;
        const value = values[o] as number;
        const marked = marks[i * yw + k] === 1;
        const outside = value > 0 && !marked;
        const missing = marked && wantsAmounts && value === 0;
        if (!outside && !missing) continue;
        const yf = fields[k] as AmountField;
        const mf = markFields[k] as (typeof markFields)[number];
        if (!readableAt(data, i, yf) || !readableAt(data, i, mf)) continue;
        const line = data.lines[i] as Line;
        const params = { activity: activityOf(line), year: years[k] as number };
        // A blank year says null, a 0 says 0.
        const actual = exactMillions(filled[o] === 1 ? amounts.at(i, k) : null);
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
    return findings;
  },
};
