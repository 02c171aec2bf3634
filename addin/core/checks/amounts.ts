/** Amounts are planned spending: none may be negative. */
import { type Finding, finding } from '../findings.ts';
import type { Money } from '../money.ts';
import { lineData } from './line-data.ts';
import { type AmountField, activityOf, num, readable, whereOf } from './shared.ts';
import type { ReturnCheck } from './types.ts';

const SOURCES = ['total', 'national', 'external'] as const;

export const amountsCheck: ReturnCheck = {
  id: 'amounts',
  codes: ['negative_amount'],
  run(ctx) {
    const findings: Finding[] = [];
    const data = lineData(ctx);
    const width = data.years.length;
    const negative = (line: (typeof ctx.ret.lines)[number], field: AmountField, value: Money) => {
      if (!readable(line, field)) return;
      findings.push(
        finding(
          'negative_amount',
          'error',
          whereOf(line, field),
          { activity: activityOf(line), field },
          { actual: num(value) },
        ),
      );
    };
    ctx.ret.lines.forEach((line, i) => {
      for (let k = 0; k < width; k++) {
        const v = data.yearAmounts[i * width + k];
        if (v !== null && v !== undefined && v < 0n) negative(line, data.yearFields[k] as AmountField, v);
      }
      for (const field of SOURCES) {
        const v = line[field];
        if (v !== null && v < 0n) negative(line, field, v);
      }
    });
    return findings;
  },
};
