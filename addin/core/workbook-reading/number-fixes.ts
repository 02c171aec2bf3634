/**
 * The one-click fix a pane offers for amounts the sheet does not count: a number typed or pasted
 * as text ("1 500"), or a formula of plain numbers ("=1500+250") in an amount cell, each with the
 * number it reads as. Only input cells of activity lines are offered — a text typed over a
 * subtotal or the summary needs its formula back, not a number — and only readings that are sure:
 * an ambiguous "1.500" is left to the person.
 */
import type { Finding } from '../findings.ts';
import { moneyFromDecimal, moneyToNumber } from '../money.ts';

export interface NumberFix {
  sheet: string;
  /** "G12". */
  cell: string;
  /** What the cell holds now, as shown to the person before anything is written. */
  text: string;
  /** The number written instead, in millions. */
  value: number;
}

export function numberFixes(findings: readonly Finding[]): NumberFix[] {
  const out: NumberFix[] = [];
  const seen = new Set<string>();
  for (const f of findings) {
    const { sheet, cell, activity } = f.where;
    if (cell === undefined || activity === undefined) continue;
    let text: string;
    let decimal: string | null;
    if (f.code === 'amount_as_text') {
      text = f.params.text;
      decimal = f.params.value;
    } else if (f.code === 'formula_in_input') {
      text = `=${f.params.formula}`;
      decimal = f.params.value;
    } else continue;
    const money = decimal === null ? null : moneyFromDecimal(decimal);
    const key = `${sheet}!${cell}`;
    if (money === null || seen.has(key)) continue;
    seen.add(key);
    out.push({ sheet, cell, text, value: moneyToNumber(money) });
  }
  return out;
}
