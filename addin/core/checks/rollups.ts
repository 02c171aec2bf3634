/**
 * Subtotal rows (result, objective, pillar, ministry, grand total) equal the sum of the return's
 * lines under them, field by field. Lines are added up once per result (and per ministry when a
 * ministry subtotal asks for it); objectives, pillars and the grand total are then sums of the
 * results, so each line is added once whatever the number of levels and subtotals.
 */
import { AmountTable, amountFields, exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { Subtotal } from '../model.ts';
import type { PlanIndex } from '../plan-index.ts';
import { addGroupTo, addLineAt, lineSums, returnCheck, withoutLines } from './line-data.ts';
import { type PlanTables, planTables } from './plan-tables.ts';
import { type AmountField, toleranceParam } from './shared.ts';

/**
 * Where each level's groups start in one row of sums: the plan's results, its lead responsible
 * ministries (as the template's summary adds lines up), the lines outside the plan, then the
 * objectives, pillars and the grand total, which are sums of the others.
 */
function layout(plan: PlanTables) {
  const ministry = plan.results.list.length;
  const outside = ministry + plan.ministries.list.length;
  const objective = outside + 1;
  const pillar = objective + plan.objectives.list.length;
  const grand = pillar + plan.pillars.list.length;
  return { ministry, outside, objective, pillar, grand, groups: grand + 1 };
}

/** The group a subtotal is compared with; -1 when no line can fall under it (all 0). */
function groupOf(index: PlanIndex, plan: PlanTables, at: ReturnType<typeof layout>, s: Subtotal): number {
  let ordinal: number | undefined;
  switch (s.level) {
    case 'grand':
      return at.grand;
    case 'result':
      ordinal = plan.results.ordinal.get(s.key);
      return ordinal === undefined ? -1 : ordinal;
    case 'objective':
      ordinal = plan.objectives.ordinal.get(s.key);
      return ordinal === undefined ? -1 : at.objective + ordinal;
    case 'pillar':
      ordinal = plan.pillars.ordinal.get(s.key);
      return ordinal === undefined ? -1 : at.pillar + ordinal;
    case 'ministry': {
      // A ministry subtotal may be written as any spelling of the ministry ("MRN-APR").
      const resolved = index.resolveMinistry(s.key);
      ordinal = plan.ministries.ordinal.get(resolved?.length === 1 ? (resolved[0] as string) : s.key);
      return ordinal === undefined ? -1 : at.ministry + ordinal;
    }
  }
}

export const rollupsCheck = returnCheck({
  id: 'rollups',
  codes: ['subtotal_mismatch'],
  start({ index, ret, tolerance }) {
    const subtotals = ret.subtotals;
    if (subtotals.length === 0) return withoutLines(() => []);
    const plan = planTables(index);
    const years = index.years;
    const fields = amountFields(years);
    const width = fields.length;
    const at = layout(plan);
    const sums = lineSums(width, at.groups);
    const wantsMinistry = subtotals.some((s) => s.level === 'ministry');
    // The activity of each result's first line says where the result sits (objective, pillar).
    const results = plan.results.list.length;
    const firstActivity = new Int32Array(results).fill(-1);
    return {
      lines(chunk) {
        for (let j = 0; j < chunk.count; j++) {
          const p = chunk.activity[j] as number;
          if (p < 0) {
            addLineAt(sums, at.outside, chunk, j);
            continue;
          }
          const r = plan.result[p] as number;
          if (firstActivity[r] === -1) firstActivity[r] = p;
          addLineAt(sums, r, chunk, j);
          if (wantsMinistry) addLineAt(sums, at.ministry + (plan.ministry[p] as number), chunk, j);
        }
      },
      finish() {
        addGroupTo(sums, at.grand, sums, at.outside);
        for (let r = 0; r < results; r++) {
          const p = firstActivity[r] as number;
          if (p === -1) continue;
          addGroupTo(sums, at.objective + (plan.objective[p] as number), sums, r);
          addGroupTo(sums, at.pillar + (plan.pillar[p] as number), sums, r);
          addGroupTo(sums, at.grand, sums, r);
        }
        // What each subtotal row states, read into the same one-row table in turn.
        const stated = new AmountTable(years, 1);
        const findings: Finding[] = [];
        const tol = toleranceParam(tolerance);
        for (const subtotal of subtotals) {
          const g = groupOf(index, plan, at, subtotal);
          stated.read(0, subtotal.amounts);
          // A printed value PAC could not work out (a changed formula, an error shown) is not compared.
          const unknown = subtotal.unreadable ?? [];
          for (let k = 0; k < width; k++) {
            if (g >= 0 && sums.unknown[g * width + k] === 1) continue;
            if (unknown.length > 0 && unknown.includes(fields[k] as AmountField)) continue;
            const sum = g >= 0 ? sums.sums.at(g, k) : 0;
            const actual = stated.at(0, k);
            if (!exactDiffers(sum, actual, tolerance)) continue;
            const field = fields[k] as AmountField;
            findings.push(
              finding(
                'subtotal_mismatch',
                'error',
                { sheet: subtotal.sheet, cell: subtotal.cells[field] },
                { level: subtotal.level, key: subtotal.key, field, tolerance: tol },
                { expected: exactMillions(sum), actual: exactMillions(actual) },
              ),
            );
          }
        }
        return findings;
      },
    };
  },
});
