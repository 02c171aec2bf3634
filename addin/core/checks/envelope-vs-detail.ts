/**
 * The adopted envelope against the detailed activities of section IV: per pillar × ministry row,
 * per pillar and per ministry, the envelope's total next to the sum of the activities' costs.
 * PM and blank costs count 0; how many there are goes into params, because "the detail is short"
 * often means "the detail is not costed". Activities count for their lead ministry only, so that
 * a joint activity is not counted twice. A pillar or ministry total that repeats its only row's
 * finding is left out.
 */

import { exactDiffers, exactMillions } from '../amount-vector.ts';
import { type Finding, finding } from '../findings.ts';
import type { SummaryRow } from '../model.ts';
import { type Money, moneyFromNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { envelopeTable } from './envelope-table.ts';
import { toleranceParam } from './shared.ts';
import { summaryWhere } from './summary-tables.ts';
import type { PlanCheck } from './types.ts';

interface Detail {
  cost: Money;
  pmCount: number;
  blankCount: number;
}

const empty = (): Detail => ({ cost: 0n, pmCount: 0, blankCount: 0 });

function addTo(map: Map<string, Detail>, key: string, cost: Money | null, pm: boolean): void {
  let d = map.get(key);
  if (!d) {
    d = empty();
    map.set(key, d);
  }
  if (cost !== null) d.cost += cost;
  else if (pm) d.pmCount++;
  else d.blankCount++;
}

function merge(into: Detail, d: Detail | undefined): void {
  if (!d) return;
  into.cost += d.cost;
  into.pmCount += d.pmCount;
  into.blankCount += d.blankCount;
}

/** The ministry codes an envelope row names ("MRN-APR" → MRN). */
function rowMinistries(index: PlanIndex, row: SummaryRow): string[] {
  if (row.ministry === null) return [];
  return index.resolveMinistry(row.ministry) ?? [row.ministry];
}

export const envelopeVsDetailCheck: PlanCheck = {
  id: 'envelope-vs-detail',
  codes: ['summary_detail_mismatch'],
  run({ index, tolerance }) {
    const plan = index.plan;
    const byPair = new Map<string, Detail>();
    const byPillar = new Map<string, Detail>();
    const byMinistry = new Map<string, Detail>();
    for (const a of plan.activities) {
      const cost = a.cost === null ? null : moneyFromNumber(a.cost);
      const pm = a.costNote === 'PM';
      addTo(byPair, `${a.pillar}\u0000${a.responsible}`, cost, pm);
      addTo(byPillar, a.pillar, cost, pm);
      addTo(byMinistry, a.responsible, cost, pm);
    }

    const table = envelopeTable(plan);
    const tol = toleranceParam(tolerance);
    const findings: Finding[] = [];
    // A pillar or ministry with a single row says the same as that row: said once is enough.
    const said = new Set<string>();
    const compare = (
      row: SummaryRow,
      scope: 'pillar' | 'ministry' | 'pillar_ministry',
      pillar: string,
      ministry: string,
      stated: Money | null,
      detail: Detail,
    ) => {
      if (!exactDiffers(detail.cost, stated, tolerance)) return;
      const same = `${row.line}\u0000${detail.cost}\u0000${stated}`;
      if (scope === 'pillar_ministry') said.add(same);
      else if (said.has(same)) return;
      findings.push(
        finding(
          'summary_detail_mismatch',
          'warning',
          summaryWhere(table, row, 'total'),
          {
            table: table.name,
            scope,
            pillar,
            ministry,
            field: 'total',
            pmCount: detail.pmCount,
            blankCount: detail.blankCount,
            tolerance: tol,
          },
          { expected: exactMillions(detail.cost), actual: exactMillions(stated) },
        ),
      );
    };

    // Pillar and ministry totals point at the first row that carries them.
    const pillarRows = new Map<string, { row: SummaryRow; total: Money }>();
    const ministryRows = new Map<string, { row: SummaryRow; total: Money }>();
    for (const row of table.rows) {
      const ministries = rowMinistries(index, row);
      const total = row.amounts.total ?? 0n;
      if (row.pillar !== null && ministries.length > 0) {
        const detail = empty();
        for (const m of ministries) merge(detail, byPair.get(`${row.pillar}\u0000${m}`));
        compare(row, 'pillar_ministry', row.pillar, row.ministry ?? '', row.amounts.total, detail);
      }
      if (row.pillar !== null) {
        const p = pillarRows.get(row.pillar);
        if (p) p.total += total;
        else pillarRows.set(row.pillar, { row, total });
      }
      for (const m of ministries) {
        const e = ministryRows.get(m);
        if (e) e.total += total;
        else ministryRows.set(m, { row, total });
      }
    }
    for (const [p, { row, total }] of pillarRows)
      compare(row, 'pillar', p, '', total, byPillar.get(p) ?? empty());
    for (const [m, { row, total }] of ministryRows)
      compare(row, 'ministry', '', m, total, byMinistry.get(m) ?? empty());
    return findings;
  },
};
