/**
 * A return's summary table equals the detail it summarises: each pillar × ministry row against
 * the sum of the return's lines with that pillar and lead responsible ministry, field by field
 * (the template's summary adds lines up by the same two keys). Lines are grouped in one pass.
 */
import {
  AmountSums,
  amountAt,
  amountFields,
  carriesAmount,
  exactDiffers,
  exactMillions,
} from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { SummaryRow } from '../model.ts';
import { addLineAt, lineSums, PM, returnCheck, withoutLines } from './line-data.ts';
import { ministriesFor } from './plan-membership.ts';
import { type PlanTables, planTables } from './plan-tables.ts';
import { toleranceParam } from './shared.ts';
import { summaryWhere } from './summary-tables.ts';

/** The (pillar, lead ministry) groups with lines that a row covers; a blank key stands for all. */
function rowGroups(
  plan: PlanTables,
  present: readonly number[],
  ministriesOf: (written: string) => Set<string>,
  row: SummaryRow,
): number[] {
  const ministries = row.ministry === null ? null : ministriesOf(row.ministry);
  return present.filter(
    (g) =>
      (row.pillar === null || plan.pillars.list[plan.pairPillar[g] as number] === row.pillar) &&
      (!ministries || ministries.has(plan.ministries.list[plan.pairMinistry[g] as number] as string)),
  );
}

export const summaryDetailCheck = returnCheck({
  id: 'summary-detail',
  codes: ['summary_detail_mismatch'],
  start({ index, ret, tolerance }) {
    if (ret.summaries.length === 0) return withoutLines(() => []);
    const plan = planTables(index);
    // Lines are summed by the plan's years; a table year the plan does not have sums to nothing.
    const fields = amountFields(index.years);
    const width = fields.length;
    const pairs = plan.pairs.list.length;
    const groups = lineSums(width, pairs);
    const lineCount = new Int32Array(pairs);
    const pmCount = new Int32Array(pairs);
    const blankCount = new Int32Array(pairs);
    return {
      lines(chunk) {
        for (let j = 0; j < chunk.count; j++) {
          const p = chunk.activity[j] as number;
          if (p < 0) continue;
          const g = plan.pair[p] as number;
          addLineAt(groups, g, chunk, j);
          lineCount[g] = (lineCount[g] as number) + 1;
          if (chunk.nature[j] === PM) pmCount[g] = (pmCount[g] as number) + 1;
          else if (!carriesAmount(chunk.amounts, j)) blankCount[g] = (blankCount[g] as number) + 1;
        }
      },
      finish() {
        const present: number[] = [];
        for (let g = 0; g < pairs; g++) if ((lineCount[g] as number) > 0) present.push(g);
        const slot = new Map(fields.map((field, k) => [field, k]));
        const findings: Finding[] = [];
        const tol = toleranceParam(tolerance);
        // A table names each ministry on several rows: each spelling is resolved once.
        const resolved = new Map<string, Set<string>>();
        const ministriesOf = (written: string) => {
          let set = resolved.get(written);
          if (!set) {
            set = ministriesFor(index, written);
            resolved.set(written, set);
          }
          return set;
        };
        for (const table of ret.summaries) {
          const tableFields = amountFields(table.years);
          for (const row of table.rows) {
            // A row with neither key is a total of sorts: the column checks cover it.
            if (row.pillar === null && row.ministry === null) continue;
            const members = rowGroups(plan, present, ministriesOf, row);
            const rowSums = new AmountSums(1, width);
            let pms = 0;
            let blanks = 0;
            for (const g of members) {
              rowSums.addSums(0, groups.sums, g);
              pms += pmCount[g] as number;
              blanks += blankCount[g] as number;
            }
            const scope =
              row.pillar === null ? 'ministry' : row.ministry === null ? 'pillar' : 'pillar_ministry';
            tableFields.forEach((field, t) => {
              if (row.unreadable?.includes(field)) return;
              const k = slot.get(field);
              if (k !== undefined && members.some((g) => groups.unknown[g * width + k] === 1)) return;
              const sum = k === undefined ? 0 : rowSums.at(0, k);
              const stated = amountAt(row.amounts, table.years, t);
              if (!exactDiffers(sum, stated, tolerance)) return;
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
                    pmCount: pms,
                    blankCount: blanks,
                    tolerance: tol,
                  },
                  { expected: exactMillions(sum), actual: exactMillions(stated) },
                ),
              );
            });
          }
        }
        return findings;
      },
    };
  },
});
