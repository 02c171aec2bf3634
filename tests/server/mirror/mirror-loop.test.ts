/**
 * The worker's own loop on the system clock, with its delays shrunk to a second or less: start() sends what
 * is pending, notify() wakes it and a burst still makes one run, and stop() during a send aborts it
 * and gives the lease back so the next start resumes at once.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMirror, type Mirror, mirrorStatus } from '../../../server/mirror/mirror.ts';
import { SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { describeEachBackend, useFreshDatabase } from '../store/backends.ts';
import { newSubmission, planVersion, SYSTEM } from '../store/fixtures.ts';
import { standInClient, workbookFromStore } from './helpers.ts';

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describeEachBackend('mirror worker loop', (backend) => {
  const t = useFreshDatabase(backend);
  let standIn: SheetsStandIn;
  let mirror: Mirror | undefined;
  const logs: string[] = [];

  beforeEach(async () => {
    standIn = await SheetsStandIn.start();
    await t().store.publishPlan(planVersion('1'), SYSTEM);
  });
  afterEach(async () => {
    await mirror?.stop();
    mirror = undefined;
    await standIn.close();
  });

  async function startMirror(): Promise<Mirror> {
    const store = t().store;
    mirror = createMirror({
      store,
      api: await standInClient(standIn, 10_000),
      spreadsheetId: standIn.spreadsheetId,
      buildWorkbook: () => workbookFromStore(store),
      timing: { coalesceMs: 1_000, pollMs: 200 },
      log: (m) => logs.push(m),
    });
    await mirror.start();
    return mirror;
  }

  it('sends at start, then once per burst of notified changes', async () => {
    const m = await startMirror();
    await until(async () => (await mirrorStatus(t().store))?.state === 'up-to-date');
    expect(standIn.counts()['spreadsheets.get']).toBe(1);

    for (let i = 0; i < 20; i++) {
      await t().store.insertSubmission(newSubmission({ ministry: 'MARCC' }), SYSTEM);
      m.onChange();
    }
    await until(async () => {
      const row = await t().store.mirrorOutbox('consolidated');
      return row !== null && row.sentSeq === row.changeSeq;
    });
    // The burst took less than the coalescing delay: one run for the 20 changes.
    expect(standIn.counts()['spreadsheets.get']).toBe(2);
    expect((await mirrorStatus(t().store))?.state).toBe('up-to-date');
    expect(standIn.values('Retours')[1]?.slice(0, 2)).toEqual(['MARCC', 20]);
  });

  it('gives the lease back when stopped during a send, without counting a failure', async () => {
    standIn.slow(3_000);
    const m = await startMirror();
    await until(() => standIn.requests.length > 0);
    const stopping = Date.now();
    await m.stop();
    expect(Date.now() - stopping).toBeLessThan(1_000);
    mirror = undefined;
    expect(await t().store.mirrorOutbox('consolidated')).toMatchObject({
      leaseOwner: null,
      attempts: 0,
      lastError: null,
      runs: 0,
    });
    expect((await mirrorStatus(t().store))?.state).toBe('pending');
  });
});
