/**
 * Subtotal rows (result, objective, pillar, ministry, grand total) equal the sum of the return's
 * lines under them, field by field. Lines are added up once per result (and per ministry when a
 * ministry subtotal asks for it); objectives, pillars and the grand total are then sums of the
 * results, so each line is added once whatever the number of levels and subtotals.
 */
import { type Finding, finding } from '../findings.ts';
import type { RollupLevel } from '../model.ts';
import type { Money } from '../money.ts';
import { addLineAt, addSums, type FieldSums, lineData, newFieldSums } from './line-data.ts';
import { amountReaders, differs, num, toleranceParam } from './shared.ts';
import type { ReturnCheck } from './types.ts';

interface ResultSums extends FieldSums {
  objective: string;
  pillar: string;
}

export const rollupsCheck: ReturnCheck = {
  id: 'rollups',
  codes: ['subtotal_mismatch'],
  run(ctx) {
    const { index, ret, tolerance } = ctx;
    if (ret.subtotals.length === 0) return [];
    const data = lineData(ctx);
    const readers = amountReaders(data.years);
    const width = readers.length;
    const wantsMinistry = ret.subtotals.some((s) => s.level === 'ministry');

    const byResult = new Map<string, ResultSums>();
    const byMinistry = new Map<string, FieldSums>();
    // Lines whose activity is not in the plan still count in the grand total.
    const outside = newFieldSums(width);
    ret.lines.forEach((line, i) => {
      const activity = data.activities[i];
      if (!activity) {
        addLineAt(outside, data, i, line);
        return;
      }
      let r = byResult.get(activity.result);
      if (!r) {
        r = { ...newFieldSums(width), objective: activity.objective, pillar: activity.pillar };
        byResult.set(activity.result, r);
      }
      addLineAt(r, data, i, line);
      // By lead responsible ministry, as the template's summary adds lines up.
      if (wantsMinistry) {
        let m = byMinistry.get(activity.responsible);
        if (!m) {
          m = newFieldSums(width);
          byMinistry.set(activity.responsible, m);
        }
        addLineAt(m, data, i, line);
      }
    });

    // A ministry subtotal may be written as any spelling of the ministry ("MRN-APR").
    const ministryKey = (written: string): string => {
      const resolved = index.resolveMinistry(written);
      return resolved?.length === 1 ? (resolved[0] as string) : written;
    };
    // Objectives, pillars and the grand total from the results, each result visited once.
    const byObjective = new Map<string, FieldSums>();
    const byPillar = new Map<string, FieldSums>();
    const grand = newFieldSums(width);
    addSums(grand, outside);
    const into = (map: Map<string, FieldSums>, key: string, r: FieldSums) => {
      let acc = map.get(key);
      if (!acc) {
        acc = newFieldSums(width);
        map.set(key, acc);
      }
      addSums(acc, r);
    };
    for (const r of byResult.values()) {
      into(byObjective, r.objective, r);
      into(byPillar, r.pillar, r);
      addSums(grand, r);
    }
    const sumsFor = (level: RollupLevel, key: string): FieldSums | undefined => {
      switch (level) {
        case 'result':
          return byResult.get(key);
        case 'objective':
          return byObjective.get(key);
        case 'pillar':
          return byPillar.get(key);
        case 'ministry':
          return byMinistry.get(ministryKey(key));
        case 'grand':
          return grand;
      }
    };
    const none = newFieldSums(width);

    const findings: Finding[] = [];
    const tol = toleranceParam(tolerance);
    for (const subtotal of ret.subtotals) {
      const acc = sumsFor(subtotal.level, subtotal.key) ?? none;
      const unknown = subtotal.unreadable ?? [];
      readers.forEach(({ field, read }, i) => {
        if (acc.unknown[i] || unknown.includes(field)) return;
        const sum = acc.sums[i] as Money;
        const stated = read(subtotal.amounts);
        if (!differs(sum, stated, tolerance)) return;
        findings.push(
          finding(
            'subtotal_mismatch',
            'error',
            { sheet: subtotal.sheet, cell: subtotal.cells[field] },
            { level: subtotal.level, key: subtotal.key, field, tolerance: tol },
            { expected: num(sum), actual: num(stated) },
          ),
        );
      });
    }
    return findings;
  },
};
