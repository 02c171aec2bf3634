/**
 * The mirror wired into the service as npm start wires it (createApp's onChange, /api/status), on
 * every available backend: a ministry's return is accepted while Google refuses every connection,
 * the status shows the mirror retrying, and once Google is back the return reaches the sheet and
 * the status shows the mirror up to date. The status of another hosted plan has no mirror (the
 * mirror copies the default plan's workbook).
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { bootstrap } from '../../../server/bootstrap.ts';
import { createApp } from '../../../server/http/app.ts';
import { VirtualClock } from '../../../server/mirror/clock.ts';
import { createMirror, type Mirror, type MirrorStatus } from '../../../server/mirror/mirror.ts';
import { consolidatedWorkbookSource } from '../../../server/mirror/workbook-source.ts';
import { sevenYearPlan } from '../../fixtures/plan-workbooks.ts';
import { SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { mjsReturn, testConfig } from '../http/harness.ts';
import { describeEachBackend, type TestDatabase } from '../store/backends.ts';
import { drive, standInClient } from './helpers.ts';

describeEachBackend('the service with its Google Sheet mirror', (backend) => {
  let db: TestDatabase;
  let standIn: SheetsStandIn;
  let clock: VirtualClock;
  let mirror: Mirror;
  let app: ReturnType<typeof createApp>;
  let admin: string;

  beforeEach(async () => {
    db = await backend.open();
    const { adminToken } = await bootstrap(db.store);
    if (!adminToken) throw new Error('no admin token');
    admin = adminToken;
    clock = new VirtualClock();
    standIn = await SheetsStandIn.start({ now: () => clock.now() });
    mirror = createMirror({
      store: db.store,
      api: await standInClient(standIn),
      spreadsheetId: standIn.spreadsheetId,
      buildWorkbook: consolidatedWorkbookSource(db.store),
      clock,
      log: () => {},
    });
    app = createApp({ store: db.store, config: testConfig(db), onChange: mirror.onChange, log: () => {} });
  });
  afterEach(async () => {
    await standIn.close();
    await db.cleanup();
  });

  async function call<T>(path: string, token: string, json?: unknown): Promise<{ status: number; body: T }> {
    const res = await app.request(path, {
      method: json === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(json === undefined ? {} : { body: JSON.stringify(json) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function outboxRow() {
    return db.store.mirrorOutbox('consolidated');
  }

  it('accepts a return while Google is down and mirrors it once Google is back', async () => {
    await standIn.outage('refuse');
    const token = await call<{ secret: string }>('/api/tokens', admin, {
      role: 'ministry',
      ministry: 'MJS',
      label: 'CPS MJS',
    });
    const sent = await call('/api/returns', token.body.secret, mjsReturn());
    expect(sent.status).toBe(201);

    // onChange records the change without the request waiting for it.
    for (let i = 0; i < 100 && !(await outboxRow()); i++) await new Promise((r) => setTimeout(r, 5));
    clock.advance(10_000);
    const failed = await mirror.worker.tick();
    expect(failed.outcome).toBe('failed');
    const down = await call<{ mirror: MirrorStatus }>('/api/status', admin);
    expect(down.body.mirror).toMatchObject({ state: 'retrying', attempts: 1, lastSuccessAt: null });
    expect(down.body.mirror.lastError).toMatch(/ECONN/);

    await standIn.outage(null);
    const ticks = await drive(mirror.worker, clock);
    expect(ticks.at(-1)?.outcome).toBe('sent');
    const mjsSheet = standIn.values('MJS');
    expect(mjsSheet.some((row) => row[0] === '5.4.1.1' && row.includes(135))).toBe(true);
    const up = await call<{ mirror: MirrorStatus }>('/api/status', admin);
    expect(up.body.mirror).toMatchObject({
      state: 'up-to-date',
      attempts: 0,
      lastError: null,
      lastRunRequests: 4,
    });
  });

  it('shows the mirror with the default plan it copies, not with another hosted plan', async () => {
    const token = await call<{ secret: string }>('/api/tokens', admin, {
      role: 'ministry',
      ministry: 'MJS',
      label: 'CPS MJS',
    });
    expect((await call('/api/returns', token.body.secret, mjsReturn())).status).toBe(201);
    for (let i = 0; i < 100 && !(await outboxRow()); i++) await new Promise((r) => setTimeout(r, 5));
    const seven = sevenYearPlan();
    expect((await call('/api/plans', admin, seven)).status).toBe(201);
    const other = await call<{ plan: { id: string }; mirror: MirrorStatus | null }>(
      `/api/status?plan=${seven.plan.id}`,
      admin,
    );
    expect(other.status).toBe(200);
    expect(other.body).toMatchObject({ plan: { id: seven.plan.id }, mirror: null });
    const own = await call<{ mirror: MirrorStatus | null }>('/api/status', admin);
    expect(own.body.mirror).toMatchObject({ state: 'pending' });
  });
});
