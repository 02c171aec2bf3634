// The consolidation of what the store keeps: stored ReturnDocuments read back into lines, the latest
// version of each ministry, reviews' states, and every version in the log.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { moneyToDecimal, type ReturnDocument } from '#core';
import {
  consolidatedWorkbookFromStore,
  consolidationInputFromStore,
  consolidationOf,
} from '../../../server/consolidation/consolidated-workbook.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { describeEachBackend, useFreshDatabase } from '../store/backends.ts';
import { ADMIN, CONSOLIDATOR, MARCC, newSubmission, PLAN_ID, planVersion } from '../store/fixtures.ts';

const doc = (ministry: string, lines: ReturnDocument['lines']): ReturnDocument => ({
  ministry,
  planId: PLAN_ID,
  planVersion: '1',
  lines,
});

const line = (activity: string, years: Record<string, number>, comment: string | null = null) => {
  const total = Object.values(years).reduce((a, b) => a + b, 0);
  return {
    activity,
    nature: 'costed' as const,
    years,
    total,
    national: total,
    external: 0,
    execution: [],
    comment,
  };
};

describeEachBackend('consolidation from the store', (backend) => {
  const t = useFreshDatabase(backend);

  it('consolidates the latest version of each ministry and logs them all', async () => {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const submit = async (ministry: string, payload: ReturnDocument) =>
      store.insertSubmission(newSubmission({ id: randomUUID(), ministry, payload }), {
        ...MARCC,
        label: `CPS ${ministry}`,
      });
    await submit('MARCC', doc('MARCC', [line('1.1.1.1', { '2021': 100 })]));
    const v2 = await submit('MARCC', doc('MARCC', [line('1.1.1.1', { '2021': 0.1, '2022': 0.2 }, '=1+1')]));
    await submit('MRN', doc('MRN', [line('5.3.2.3', { '2024': 50 })]));
    if (v2.kind !== 'created') throw new Error('not created');
    await store.addReview(
      { id: randomUUID(), submissionId: v2.submission.id, action: 'accept', comment: 'Très bien' },
      CONSOLIDATOR,
    );

    const input = await consolidationInputFromStore(store, shippedPlan());
    const c = consolidationOf(input);
    expect(c.ministries.map((m) => [m.ministry, m.version, m.state])).toEqual([
      ['MARCC', 2, 'accepted'],
      ['MRN', 1, 'submitted'],
    ]);
    expect(moneyToDecimal(c.total.amounts.total)).toBe('50.3');
    expect(input.log).toHaveLength(3);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      (await consolidatedWorkbookFromStore(store, shippedPlan(), 'fr')) as unknown as ArrayBuffer,
    );
    const log = wb.getWorksheet('Journal');
    const rows: unknown[][] = [];
    log?.eachRow((row, r) => {
      if (r > 3)
        rows.push([
          row.getCell(1).value,
          row.getCell(2).value,
          row.getCell(5).value,
          row.getCell(8).value,
          row.getCell(11).value,
        ]);
    });
    expect(rows).toEqual([
      ['MARCC', 1, 'Soumis', null, 'Non'],
      ['MARCC', 2, 'Accepté', 'Très bien', 'Oui'],
      ['MRN', 1, 'Soumis', null, 'Oui'],
    ]);
    const comment = wb.getWorksheet('MARCC')?.getCell('T6');
    expect([comment?.value, comment?.type]).toEqual(['=1+1', ExcelJS.ValueType.String]);
  });
});
