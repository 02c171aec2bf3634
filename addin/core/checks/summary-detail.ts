/**
 * A return's summary table equals the detail it summarises: each pillar × ministry row against
 * the sum of the return's lines with that pillar and lead responsible ministry, field by field
 * (the template's summary adds lines up by the same two keys). Lines are grouped in one pass.
 */
import { type Finding, finding } from '../findings.ts';
import type { SummaryRow } from '../model.ts';
import type { Money } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { addLineAt, type FieldSums, hasAmountAt, lineData, newFieldSums } from './line-data.ts';
import { ministriesFor } from './plan-membership.ts';
import { amountFields, amountReaders, differs, num, toleranceParam } from './shared.ts';
import { summaryWhere } from './summary-tables.ts';
import type { ReturnCheck } from './types.ts';

interface Group extends FieldSums {
  pmCount: number;
  blankCount: number;
}

/** The groups a row covers; a blank pillar or ministry on a row stands for all of them. */
function rowGroups(byPillar: Map<string, Map<string, Group>>, index: PlanIndex, row: SummaryRow): Group[] {
  const ministries = row.ministry === null ? null : ministriesFor(index, row.ministry);
  const out: Group[] = [];
  for (const [pillar, byMinistry] of byPillar) {
    if (row.pillar !== null && pillar !== row.pillar) continue;
    for (const [ministry, g] of byMinistry) if (!ministries || ministries.has(ministry)) out.push(g);
  }
  return out;
}

export const summaryDetailCheck: ReturnCheck = {
  id: 'summary-detail',
  codes: ['summary_detail_mismatch'],
  run(ctx) {
    const { index, ret, tolerance } = ctx;
    if (ret.summaries.length === 0) return [];
    // Lines are summed by the plan's years; a table year the plan does not have sums to nothing.
    const data = lineData(ctx);
    const slot = new Map(amountFields(data.years).map((field, i) => [field, i]));
    const byPillar = new Map<string, Map<string, Group>>();
    ret.lines.forEach((line, i) => {
      const activity = data.activities[i];
      if (!activity) return;
      let byMinistry = byPillar.get(activity.pillar);
      if (!byMinistry) {
        byMinistry = new Map();
        byPillar.set(activity.pillar, byMinistry);
      }
      let g = byMinistry.get(activity.responsible);
      if (!g) {
        g = { ...newFieldSums(slot.size), pmCount: 0, blankCount: 0 };
        byMinistry.set(activity.responsible, g);
      }
      addLineAt(g, data, i, line);
      if (line.nature === 'pm') g.pmCount++;
      else if (!hasAmountAt(data, i, line)) g.blankCount++;
    });

    const findings: Finding[] = [];
    const tol = toleranceParam(tolerance);
    for (const table of ret.summaries) {
      for (const row of table.rows) {
        // A row with neither key is a total of sorts: the column checks cover it.
        if (row.pillar === null && row.ministry === null) continue;
        const members = rowGroups(byPillar, index, row);
        let pmCount = 0;
        let blankCount = 0;
        for (const g of members) {
          pmCount += g.pmCount;
          blankCount += g.blankCount;
        }
        const scope = row.pillar === null ? 'ministry' : row.ministry === null ? 'pillar' : 'pillar_ministry';
        for (const { field, read } of amountReaders(table.years)) {
          if (row.unreadable?.includes(field)) continue;
          const i = slot.get(field);
          if (i !== undefined && members.some((g) => g.unknown[i])) continue;
          let sum: Money = 0n;
          if (i !== undefined) for (const g of members) sum += g.sums[i] as Money;
          const stated = read(row.amounts);
          if (!differs(sum, stated, tolerance)) continue;
          findings.push(
            finding(
              'summary_detail_mismatch',
              'error',
              summaryWhere(table, row, field),
              {
                table: table.name,
                scope,
                pillar: row.pillar ?? '',
                ministry: row.ministry ?? '',
                field,
                pmCount,
                blankCount,
                tolerance: tol,
              },
              { expected: num(sum), actual: num(stated) },
            ),
          );
        }
      }
    }
    return findings;
  },
};
