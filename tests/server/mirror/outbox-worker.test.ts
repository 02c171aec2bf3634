/**
 * The mirror's outbox worker end to end — store, worker, real googleapis client, Sheets stand-in —
 * on every available backend, on a virtual clock so that backoff schedules and a ten-minute outage
 * play out instantly and the same way every time: coalescing, backoff with jitter, recovery with
 * every change mirrored once, restart, one sender among instances, quota pacing, and a submission
 * path that nothing on Google's side can fail.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { backoffCeiling, DEFAULT_BACKOFF } from '../../../server/mirror/backoff.ts';
import { VirtualClock } from '../../../server/mirror/clock.ts';
import { createMirror, type Mirror, mirrorStatus } from '../../../server/mirror/mirror.ts';
import type { WorkerTiming } from '../../../server/mirror/outbox-worker.ts';
import type { Store } from '../../../server/store/store.ts';
import { SheetsStandIn } from '../../fixtures/sheets-standin.ts';
import { describeEachBackend, useFreshDatabase } from '../store/backends.ts';
import { newSubmission, planVersion, returnDocument, returnLine, SYSTEM } from '../store/fixtures.ts';
import {
  drive,
  expectedGrid,
  seededRandom,
  standInClient,
  type TimedEvent,
  workbookFromStore,
} from './helpers.ts';

const MINISTRIES = ['MARCC', 'MEF', 'MSPC', 'MATD', 'MJDH'];
const SECOND = 1000;
const MINUTE = 60 * SECOND;

describeEachBackend('mirror outbox worker', (backend) => {
  const t = useFreshDatabase(backend);
  let standIn: SheetsStandIn;
  let clock: VirtualClock;
  let logs: string[];

  beforeEach(async () => {
    clock = new VirtualClock();
    logs = [];
    standIn = await SheetsStandIn.start({ now: () => clock.now() });
    await t().store.publishPlan(planVersion('1'), SYSTEM);
  });
  afterEach(async () => {
    await standIn.close();
  });

  async function mirrorOn(
    store: Store,
    options: { timing?: Partial<WorkerTiming>; seed?: number; owner?: string } = {},
  ): Promise<Mirror> {
    const api = await standInClient(standIn);
    return createMirror({
      store,
      api,
      spreadsheetId: standIn.spreadsheetId,
      buildWorkbook: () => workbookFromStore(store),
      clock,
      random: seededRandom(options.seed ?? 7),
      log: (m) => logs.push(m),
      ...(options.timing ? { timing: options.timing } : {}),
      ...(options.owner ? { owner: options.owner } : {}),
    });
  }

  /** A ministry's new return version, then the change notification the service would make. */
  function submit(mirror: Mirror, ministry: string, total: number): () => Promise<void> {
    return async () => {
      const payload = returnDocument(ministry, [returnLine('1.1.1.1', total)]);
      await t().store.insertSubmission(newSubmission({ ministry, payload }), SYSTEM);
      await mirror.worker.enqueue();
    };
  }

  async function expectSheetShowsStore(): Promise<void> {
    const spec = await workbookFromStore(t().store);
    const sheet = spec.sheets[0];
    if (!sheet) throw new Error('no sheet');
    expect(standIn.values('Retours')).toEqual(expectedGrid(sheet, standIn.locale));
  }

  it('coalesces a burst of 100 changes into one run of 4 requests', async () => {
    const mirror = await mirrorOn(t().store);
    const burst: TimedEvent[] = Array.from({ length: 100 }, (_, i) => ({
      at: clock.now() + i * 20,
      run: submit(mirror, MINISTRIES[i % MINISTRIES.length] ?? 'MARCC', i),
    }));
    const ticks = await drive(mirror.worker, clock, burst);

    expect(ticks.filter((r) => r.outcome === 'sent')).toHaveLength(1);
    expect(standIn.counts()).toEqual({
      'spreadsheets.get': 1,
      'spreadsheets.batchUpdate': 1,
      'values.batchUpdate': 2,
    });
    await expectSheetShowsStore();
    expect(standIn.values('Retours').map((row) => row[1])).toEqual(['Version', 20, 20, 20, 20, 20]);
    expect(await mirrorStatus(t().store, { now: clock.now() })).toMatchObject({
      state: 'up-to-date',
      lastRunRequests: 4,
      runs: 1,
      requestsTotal: 4,
      attempts: 0,
      lastError: null,
    });
  });

  it('sends once more when changes arrive during a send, and not more', async () => {
    const mirror = await mirrorOn(t().store);
    await submit(mirror, 'MARCC', 1)();
    let builds = 0;
    const api = await standInClient(standIn);
    const racing = createMirror({
      store: t().store,
      api,
      spreadsheetId: standIn.spreadsheetId,
      clock,
      random: seededRandom(1),
      log: (m) => logs.push(m),
      // A submission lands while the first send is under way.
      buildWorkbook: async () => {
        builds += 1;
        if (builds === 1) await submit(mirror, 'MEF', 2)();
        return workbookFromStore(t().store);
      },
    });
    const ticks = await drive(racing.worker, clock);
    expect(ticks.filter((r) => r.outcome === 'sent')).toHaveLength(2);
    await expectSheetShowsStore();
    expect((await mirrorStatus(t().store))?.state).toBe('up-to-date');
  });

  it('backs off on a burst of 429s with a growing, jittered schedule, then succeeds', async () => {
    const mirror = await mirrorOn(t().store, { seed: 42 });
    await submit(mirror, 'MARCC', 1)();
    standIn.failNext(6, {
      status: 429,
      message: 'Quota exceeded for quota metric Write requests per minute per user',
    });
    const ticks = await drive(mirror.worker, clock);

    const failures = ticks.filter((r) => r.outcome === 'failed');
    expect(failures).toHaveLength(6);
    // One request per failed run: gaxios does not retry behind the outbox's back.
    expect(failures.map((f) => f.requests)).toEqual([1, 1, 1, 1, 1, 1]);
    const delays = failures.map((f) => f.retryInMs ?? 0);
    delays.forEach((delay, i) => {
      const ceiling = backoffCeiling(i + 1, DEFAULT_BACKOFF);
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThan(ceiling);
    });
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1] ?? 0);
    expect(delays[5]).toBeGreaterThan(delays[0] ?? 0);
    expect(failures[0]?.error).toMatch(/^HTTP 429: Quota exceeded/);
    // Jitter is really random: two seeds give two schedules.
    expect(new Set(delays.map((d, i) => d / backoffCeiling(i + 1))).size).toBeGreaterThan(1);

    expect(ticks.at(-1)?.outcome).toBe('sent');
    await expectSheetShowsStore();
    expect(await mirrorStatus(t().store)).toMatchObject({
      state: 'up-to-date',
      attempts: 0,
      lastError: null,
    });
  });

  it('honours a Retry-After longer than its own backoff', async () => {
    const mirror = await mirrorOn(t().store);
    await submit(mirror, 'MARCC', 1)();
    standIn.failNext(1, { status: 429, retryAfter: '120' });
    const ticks = await drive(mirror.worker, clock);
    expect(ticks.find((r) => r.outcome === 'failed')?.retryInMs).toBe(120 * SECOND);
  });

  it('shows a failure in the status while it lasts: retrying, attempts, last error', async () => {
    const mirror = await mirrorOn(t().store);
    await submit(mirror, 'MARCC', 1)();
    standIn.failNext(2, { status: 500, message: 'Internal error encountered.' });
    clock.advance(10 * SECOND);
    await mirror.worker.tick();
    await mirror.worker.tick();
    clock.advance(DEFAULT_BACKOFF.baseMs);
    await mirror.worker.tick();
    expect(await mirrorStatus(t().store, { now: clock.now() })).toMatchObject({
      state: 'retrying',
      attempts: 2,
      lastError: 'HTTP 500: Internal error encountered.',
      lastSuccessAt: null,
      pendingSince: new Date(clock.now() - 10 * SECOND - DEFAULT_BACKOFF.baseMs).toISOString(),
    });
  });

  for (const outage of ['refuse', 503] as const) {
    it(`rides out a 10-minute outage (${outage === 'refuse' ? 'connections refused' : 'HTTP 503'}) and then mirrors every change exactly once`, async () => {
      const mirror = await mirrorOn(t().store, { seed: 3 });
      await drive(mirror.worker, clock, [{ at: clock.now(), run: submit(mirror, 'MARCC', 0) }]);
      expect(standIn.values('Retours')).toHaveLength(2);

      const down = clock.now() + MINUTE;
      const up = down + 10 * MINUTE;
      const random = seededRandom(99);
      const events: TimedEvent[] = [{ at: down, run: () => standIn.outage(outage) }];
      // 40 submissions from 5 ministries at random moments of the outage.
      for (let i = 0; i < 40; i++) {
        events.push({
          at: down + Math.floor(random() * 10 * MINUTE),
          run: submit(mirror, MINISTRIES[i % MINISTRIES.length] ?? 'MARCC', 1000 + i),
        });
      }
      events.push({ at: up, run: () => standIn.outage(null) });
      const ticks = await drive(mirror.worker, clock, events);

      const during = ticks.filter((r) => r.outcome === 'failed');
      expect(during.length).toBeGreaterThan(3);
      // Refused: the first attempt may meet the dropped keep-alive connection (ECONNRESET).
      expect(
        during.every((f) => (outage === 'refuse' ? /ECONN(REFUSED|RESET)/ : /^HTTP 503/).test(f.error ?? '')),
      ).toBe(true);
      if (outage === 'refuse') expect(during.some((f) => /ECONNREFUSED/.test(f.error ?? ''))).toBe(true);
      // No retry hammered Google: at most one every 2.5 s at first, growing to minutes.
      expect(during.length).toBeLessThan(15);
      // One send brings everything up to date once Google is back.
      expect(ticks.filter((r) => r.outcome === 'sent')).toHaveLength(1);
      expect(clock.now()).toBeGreaterThanOrEqual(up);

      await expectSheetShowsStore();
      const ministries = standIn
        .values('Retours')
        .slice(1)
        .map((row) => row[0]);
      expect(ministries).toEqual([...MINISTRIES].sort());
      const versions = standIn
        .values('Retours')
        .slice(1)
        .map((row) => row[1]);
      // Each ministry's latest version: 8 returns each during the outage, MARCC's first one before.
      expect(versions).toEqual([9, 8, 8, 8, 8]);
      expect(await mirrorStatus(t().store, { now: clock.now() })).toMatchObject({
        state: 'up-to-date',
        pendingSince: null,
        attempts: 0,
        lastError: null,
      });
      expect(Date.parse((await mirrorStatus(t().store))?.lastSuccessAt ?? '')).toBeGreaterThanOrEqual(up);
      expect((await t().store.mirrorOutbox('consolidated'))?.sentSeq).toBe(41);
    });
  }

  it('resumes after a restart: a pending job left in the database is sent by a new worker', async () => {
    const first = await mirrorOn(t().store, { owner: 'instance-1' });
    await submit(first, 'MARCC', 1)();
    await standIn.outage(503);
    clock.advance(10 * SECOND);
    expect((await first.worker.tick()).outcome).toBe('failed');
    await standIn.outage(null);
    // The process goes away; another starts on the same database.
    const store = await t().openAnother();
    const second = await mirrorOn(store, { owner: 'instance-2' });
    const ticks = await drive(second.worker, clock);
    expect(ticks.at(-1)?.outcome).toBe('sent');
    await expectSheetShowsStore();
  });

  it('takes over the lease of a worker that died mid-send once it expires', async () => {
    const leaseMs = 10 * MINUTE;
    const first = await mirrorOn(t().store, { owner: 'crashed' });
    await submit(first, 'MARCC', 1)();
    clock.advance(10 * SECOND);
    // Claimed, then the process died before reporting anything.
    const at = (ms: number) => new Date(ms).toISOString();
    await t().store.claimMirror('consolidated', 'crashed', at(clock.now()), at(clock.now() + leaseMs));
    const second = await mirrorOn(t().store, { owner: 'survivor' });
    const waiting = await second.worker.tick();
    expect(waiting).toMatchObject({ outcome: 'waiting', nextAt: clock.now() + leaseMs });
    const ticks = await drive(second.worker, clock);
    expect(ticks.at(-1)?.outcome).toBe('sent');
    expect(standIn.counts()['spreadsheets.get']).toBe(1);
  });

  it('lets one instance send when several look at the same moment', async () => {
    const stores = [t().store, await t().openAnother(), await t().openAnother()];
    const mirrors = await Promise.all(stores.map((s, i) => mirrorOn(s, { owner: `instance-${i}` })));
    await submit(mirrors[0] as Mirror, 'MARCC', 1)();
    clock.advance(10 * SECOND);
    const results = await Promise.all(mirrors.map((m) => m.worker.tick()));
    // One sends; the others find the lease taken ('waiting') or, when the machine is slow enough
    // that they look only after the send finished, nothing left to send ('idle'): never a 2nd send.
    const outcomes = results.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'sent')).toHaveLength(1);
    expect(outcomes.filter((o) => o !== 'sent').every((o) => o === 'waiting' || o === 'idle')).toBe(true);
    expect(standIn.counts()).toEqual({
      'spreadsheets.get': 1,
      'spreadsheets.batchUpdate': 1,
      'values.batchUpdate': 2,
    });
  });

  it('keeps every minute under the quota of 60 requests when mirrors follow each other', async () => {
    const mirror = await mirrorOn(t().store, { timing: { coalesceMs: 0 } });
    // A change right after each send: the worker sends back to back for 50 runs.
    for (let i = 0; i < 50; i++) {
      await submit(mirror, MINISTRIES[i % MINISTRIES.length] ?? 'MARCC', i)();
      expect((await mirror.worker.tick()).outcome).toBe('sent');
    }
    const times = standIn.requests.map((r) => r.at);
    expect(times).toHaveLength(200);
    for (const start of times) {
      expect(times.filter((at) => at >= start && at < start + MINUTE).length).toBeLessThanOrEqual(60);
    }
    // …and not slower than the quota needs: 200 requests in about (200 − 10) / 50 minutes.
    expect(clock.now() - (times[0] ?? 0)).toBeLessThan(4 * MINUTE);
  });

  it('never fails or holds up the caller of onChange, even with the outbox unreachable', async () => {
    const broken: Store = Object.create(t().store, {
      enqueueMirror: { value: () => Promise.reject(new Error('database gone')) },
    });
    const api = await standInClient(standIn);
    const mirror = createMirror({
      store: broken,
      api,
      spreadsheetId: standIn.spreadsheetId,
      buildWorkbook: () => workbookFromStore(t().store),
      clock,
      log: (m) => logs.push(m),
    });
    expect(mirror.onChange()).toBeUndefined();
    await new Promise((r) => setImmediate(r));
    expect(logs.some((m) => m.includes('database gone'))).toBe(true);
  });
});
