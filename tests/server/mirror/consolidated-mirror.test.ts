/**
 * The consolidated workbook as the service mirrors it: built from the store's latest returns by
 * server/consolidation (the same spec as the .xlsx route), sent through the real googleapis client
 * to the Sheets stand-in, on every available backend.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bootstrap } from '../../../server/bootstrap.ts';
import { syncWorkbook } from '../../../server/mirror/sheets-sync.ts';
import { consolidatedWorkbookSource } from '../../../server/mirror/workbook-source.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { describeEachBackend, useFreshDatabase } from '../store/backends.ts';
import { newSubmission, SYSTEM } from '../store/fixtures.ts';
import { expectedGrid, standInClient } from './helpers.ts';

let standIn: SheetsStandIn;
afterEach(async () => {
  await standIn?.close();
});

describeEachBackend('the consolidated workbook', (backend) => {
  const t = useFreshDatabase(backend);
  beforeEach(async () => {
    standIn = await SheetsStandIn.start({ locale: 'fr_FR' });
  });

  it('is mirrored as the .xlsx route builds it, from the store’s latest returns', async () => {
    const { store } = t();
    await bootstrap(store);
    const index = shippedPlan();
    for (const ministry of ['MARCC', 'MEF']) {
      const activities = index.activitiesOf(ministry).slice(0, 5);
      const lines = activities.map((a, i) => ({
        activity: a.code,
        nature: 'costed' as const,
        years: { '2021': i + 0.5 },
        total: i + 0.5,
        national: i + 0.5,
        external: 0,
        execution: [2021],
        comment: i === 0 ? '=HYPERLINK("http://x","y")' : '',
      }));
      const payload = { ministry, planId: index.plan.plan.id, planVersion: index.plan.plan.version, lines };
      await store.insertSubmission(
        newSubmission({
          ministry,
          planId: index.plan.plan.id,
          planVersion: index.plan.plan.version,
          payload,
        }),
        SYSTEM,
      );
    }
    const spec = await consolidatedWorkbookSource(store)();
    await syncWorkbook(await standInClient(standIn), standIn.spreadsheetId, spec);
    expect(spec.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['MARCC', 'MEF']));
    for (const sheet of spec.sheets)
      expect(standIn.values(sheet.name), sheet.name).toEqual(expectedGrid(sheet, 'fr_FR'));
    const comments = spec.sheets
      .flatMap((s) => standIn.values(s.name).flat())
      .filter((v) => v === '=HYPERLINK("http://x","y")');
    expect(comments.length).toBeGreaterThan(0);
    expect(standIn.counts()['values.batchUpdate']).toBe(2);
  });
});
