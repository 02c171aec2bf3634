/**
 * Amounts fall in the years marked for execution (AN I–AN V), and a marked year has an amount.
 * Warnings: plans move, but the person should look.
 */
import { type Finding, finding } from '../findings.ts';
import { type LineField, markField } from '../model.ts';
import { hasYearAmountAt, lineData } from './line-data.ts';
import { activityOf, num, readable, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

export const executionCheck: ReturnCheck = {
  id: 'execution',
  codes: ['amount_outside_execution', 'execution_without_amount'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const { years, yearFields } = data;
    const width = years.length;
    const markFields = years.map(markField);
    ctx.ret.lines.forEach((line, i) => {
      // No year marked at all means the periods are not stated (JSON returns may omit them),
      // not that every amount is misplaced: there is nothing to compare with.
      if (line.execution.length === 0) return;
      const wantsAmounts = line.nature !== 'pm' && hasYearAmountAt(data, i);
      for (let k = 0; k < width; k++) {
        const year = years[k] as number;
        const yf = yearFields[k] as LineField;
        const mf = markFields[k] as LineField;
        if (!readable(line, yf) || !readable(line, mf)) continue;
        const value = data.yearAmounts[i * width + k] ?? null;
        const marked = line.execution.includes(year);
        if (value !== null && value > 0n && !marked) {
          findings.push(
            finding(
              'amount_outside_execution',
              'warning',
              whereOf(line, yf),
              { activity: activityOf(line), year },
              { actual: num(value) },
            ),
          );
        } else if (marked && wantsAmounts && !value) {
          findings.push(
            finding(
              'execution_without_amount',
              'warning',
              whereOf(line, mf),
              { activity: activityOf(line), year },
              { actual: num(value) },
            ),
          );
        }
      }
    });
    return findings;
  },
};
