/**
 * The Google Sheets mirror against the local Sheets stand-in (tests/fixtures/sheets-standin.ts),
 * which enforces Google's quota of 60 requests per minute, on a virtual clock (minutes of
 * submissions play out in seconds and replay identically):
 *
 * - requests sent to Google per 100 submissions — the outbox (coalescing, quota pacing, backoff),
 *   with its default 5-second coalescing and with one minute, beside a naive baseline that mirrors
 *   once per submission, straight away — for a burst at a deadline and for submissions spread over
 *   an hour;
 * - bytes per mirror of the consolidated workbook of 15 ministries × 150 lines, request by request,
 *   measured as the stand-in received them.
 *
 * The workbook is the real one (server/mirror/workbook-source.ts, as the service builds it), from
 * a SQLite store holding the submissions.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Plan, type ReturnDocument, type WorkbookSpec } from '#core';
import { VirtualClock } from '../../server/mirror/clock.ts';
import { createMirror } from '../../server/mirror/mirror.ts';
import { DEFAULT_TIMING } from '../../server/mirror/outbox-worker.ts';
import type { SheetsApi } from '../../server/mirror/sheets-client.ts';
import { syncWorkbook } from '../../server/mirror/sheets-sync.ts';
import { consolidatedWorkbookSource } from '../../server/mirror/workbook-source.ts';
import { openDb } from '../../server/store/open-store.ts';
import { createSqlStore } from '../../server/store/sql-store.ts';
import type { Actor, Store } from '../../server/store/store.ts';
import { syntheticPlan } from '../core/template/synthetic-plan.ts';
import { type Endpoint, SheetsStandIn } from '../fixtures/sheets-standin.ts';
import {
  drive,
  expectedGrid,
  seededRandom,
  standInClient,
  type TimedEvent,
} from '../server/mirror/helpers.ts';

const MINISTRIES = 15;
const LINES = 150;
const SUBMISSIONS = 100;
const MINUTE = 60_000;
const ACTOR: Actor = { tokenId: null, label: 'bench', role: 'system' };

/** The synthetic plan with its activities dealt to 15 ministries, 150 each, none joint. */
function benchPlan(): Plan {
  const base = syntheticPlan({ activities: MINISTRIES * LINES });
  const codes = Array.from({ length: MINISTRIES }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
  const template = base.ministries[0];
  if (!template) throw new Error('no ministry in the synthetic plan');
  return Plan.parse({
    ...base,
    ministries: codes.map((code) => ({ ...template, code, name: `Ministère ${code}` })),
    activities: base.activities.map((a, i) => {
      const code = codes[i % MINISTRIES] ?? 'M01';
      return { ...a, responsible: code, responsibleAsWritten: code, jointWith: [] };
    }),
  });
}

/** A ministry's full return, its amounts depending on `k` so that every submission changes the sheet. */
function returnOf(plan: Plan, ministry: string, k: number): ReturnDocument {
  const lines = plan.activities
    .filter((a) => a.responsible === ministry)
    .map((a, i) => {
      const y = (n: number) => Math.round((k + i + n) * 12.5) / 10;
      return {
        activity: a.code,
        nature: 'costed' as const,
        years: { '2021': y(1), '2022': y(2), '2023': y(3) },
        total: y(1) + y(2) + y(3),
        national: y(1),
        external: y(2) + y(3),
        execution: [2021, 2022, 2023],
        comment: i % 10 === 0 ? `Révision ${k}` : null,
      };
    });
  return { ministry, planId: plan.plan.id, planVersion: plan.plan.version, lines };
}

interface Bench {
  store: Store;
  plan: Plan;
  build: () => Promise<WorkbookSpec>;
  submitted: number;
  close(): Promise<void>;
}

async function openBench(): Promise<Bench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'pac-mirror-bench-'));
  const store = createSqlStore(openDb({ dataDir }));
  await store.migrate();
  const plan = benchPlan();
  await store.publishPlan(plan, ACTOR);
  const bench: Bench = {
    store,
    plan,
    build: consolidatedWorkbookSource(store),
    submitted: 0,
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return bench;
}

async function submit(b: Bench): Promise<void> {
  const k = b.submitted++;
  const ministry = `M${String((k % MINISTRIES) + 1).padStart(2, '0')}`;
  const payload = returnOf(b.plan, ministry, k);
  await b.store.insertSubmission(
    {
      id: `bench-${k}`,
      ministry,
      planId: b.plan.plan.id,
      planVersion: b.plan.plan.version,
      clientKey: null,
      payloadHash: `h${k}`,
      source: 'json',
      fileName: null,
      payload,
      file: null,
      findings: [],
      errorCount: 0,
      warningCount: 0,
    },
    ACTOR,
  );
}

interface Outcome {
  runs: number;
  requests: number;
  refused: number;
  bytes: number;
  /** From the last submission to the sheet showing it; null when it never did. */
  lagMs: number | null;
  current: boolean;
}

async function sheetIsCurrent(standIn: SheetsStandIn, b: Bench): Promise<boolean> {
  const spec = await b.build();
  return spec.sheets.every((s) => {
    try {
      return JSON.stringify(standIn.values(s.name)) === JSON.stringify(expectedGrid(s, standIn.locale));
    } catch {
      return false;
    }
  });
}

function outcome(standIn: SheetsStandIn, runs: number, lagMs: number | null, current: boolean): Outcome {
  return {
    runs,
    requests: standIn.requests.length,
    refused: standIn.requests.filter((r) => r.status === 429).length,
    bytes: standIn.requests.reduce((n, r) => n + r.bytes, 0),
    lagMs,
    current,
  };
}

/** Submission times: a burst (one every 100 ms) or spread at random over an hour. */
function schedule(kind: 'burst' | 'hour', start: number): number[] {
  if (kind === 'burst') return Array.from({ length: SUBMISSIONS }, (_, i) => start + i * 100);
  const random = seededRandom(2025);
  return Array.from({ length: SUBMISSIONS }, () => start + Math.floor(random() * 60 * MINUTE)).sort(
    (a, b) => a - b,
  );
}

async function withStandIn<T>(
  clock: VirtualClock,
  f: (standIn: SheetsStandIn, api: SheetsApi) => Promise<T>,
): Promise<T> {
  const standIn = await SheetsStandIn.start({ now: () => clock.now(), quotaPerMinute: 60 });
  try {
    return await f(standIn, await standInClient(standIn, 60_000));
  } finally {
    await standIn.close();
  }
}

async function viaOutbox(b: Bench, kind: 'burst' | 'hour', coalesceMs: number): Promise<Outcome> {
  const clock = new VirtualClock();
  return withStandIn(clock, async (standIn, api) => {
    const mirror = createMirror({
      store: b.store,
      api,
      spreadsheetId: standIn.spreadsheetId,
      buildWorkbook: b.build,
      clock,
      random: seededRandom(1),
      target: `bench-${kind}-${coalesceMs}`,
      timing: { coalesceMs },
      log: () => {},
    });
    const times = schedule(kind, clock.now());
    const events: TimedEvent[] = times.map((at) => ({
      at,
      run: async () => {
        await submit(b);
        await mirror.worker.enqueue();
      },
    }));
    const ticks = await drive(mirror.worker, clock, events);
    const last = times.at(-1) ?? 0;
    const row = await b.store.mirrorOutbox(`bench-${kind}-${coalesceMs}`);
    const lag = row?.lastSuccessAt ? Date.parse(row.lastSuccessAt) - last : null;
    const runs = ticks.filter((t) => t.outcome === 'sent' || t.outcome === 'failed').length;
    return outcome(standIn, runs, lag, await sheetIsCurrent(standIn, b));
  });
}

/** The baseline: each submission mirrored at once, no coalescing, no pacing, no retry. */
async function naive(b: Bench, kind: 'burst' | 'hour'): Promise<Outcome> {
  const clock = new VirtualClock();
  return withStandIn(clock, async (standIn, api) => {
    const times = schedule(kind, clock.now());
    let lastSuccess: number | null = null;
    for (const at of times) {
      clock.advanceTo(at);
      await submit(b);
      try {
        await syncWorkbook(api, standIn.spreadsheetId, await b.build());
        lastSuccess = clock.now();
      } catch {
        // Lost: the naive writer has nothing to retry with.
      }
    }
    const last = times.at(-1) ?? 0;
    const current = await sheetIsCurrent(standIn, b);
    return outcome(
      standIn,
      times.length,
      current && lastSuccess !== null ? lastSuccess - last : null,
      current,
    );
  });
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const duration = (ms: number | null) =>
  ms === null ? 'never' : ms < MINUTE ? `${(ms / 1000).toFixed(1)} s` : `${(ms / MINUTE).toFixed(1)} min`;

async function bytesPerMirror(b: Bench): Promise<string[]> {
  const clock = new VirtualClock();
  return withStandIn(clock, async (standIn, api) => {
    const spec = await b.build();
    const cells = spec.sheets.reduce((n, s) => n + s.cells.reduce((m, r) => m + (r?.length ?? 0), 0), 0);
    const rows: string[] = [
      `Workbook: ${spec.sheets.length} sheets, ${cells.toLocaleString('en')} cells (${MINISTRIES} ministries × ${LINES} lines).`,
      '',
      '| mirror | get | batchUpdate (tabs, formats) | values RAW | values USER_ENTERED (formulas) | batchClear | requests | total | time (build + send, local) |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|',
    ];
    for (const label of ['first (tabs created)', 'next (same tabs)']) {
      standIn.clearRequests();
      const started = performance.now();
      await syncWorkbook(api, standIn.spreadsheetId, await b.build());
      const ms = performance.now() - started;
      const bytes = (endpoint: Endpoint, option?: string) =>
        standIn.requests
          .filter(
            (r) =>
              r.endpoint === endpoint &&
              (option === undefined || (r.body as { valueInputOption?: string }).valueInputOption === option),
          )
          .reduce((n, r) => n + r.bytes, 0);
      const total = standIn.requests.reduce((n, r) => n + r.bytes, 0);
      rows.push(
        `| ${label} | ${bytes('spreadsheets.get')} B | ${kb(bytes('spreadsheets.batchUpdate'))} | ${kb(bytes('values.batchUpdate', 'RAW'))} | ` +
          `${kb(bytes('values.batchUpdate', 'USER_ENTERED'))} | ${kb(bytes('values.batchClear'))} | ${standIn.requests.length} | ${kb(total)} | ${ms.toFixed(0)} ms |`,
      );
    }
    return rows;
  });
}

export async function bench(): Promise<string> {
  const b = await openBench();
  try {
    // The workbook needs every ministry's return before it has its full size.
    for (let i = 0; i < MINISTRIES; i++) await submit(b);
    const sizes = await bytesPerMirror(b);
    const rows = [
      `### Requests sent to Google per ${SUBMISSIONS} submissions (quota of 60 per minute enforced)`,
      '',
      '| submissions | strategy | mirror runs | requests | refused (429) | bytes sent | last change visible after | sheet current at the end |',
      '|---|---|--:|--:|--:|--:|--:|---|',
    ];
    for (const kind of ['burst', 'hour'] as const) {
      const label = kind === 'burst' ? `${SUBMISSIONS} in 10 s (deadline)` : `${SUBMISSIONS} over an hour`;
      const strategies: [string, () => Promise<Outcome>][] = [
        ['outbox, 5 s coalescing (default)', () => viaOutbox(b, kind, DEFAULT_TIMING.coalesceMs)],
        ['outbox, 1 min coalescing', () => viaOutbox(b, kind, MINUTE)],
        ['naive: one mirror per submission', () => naive(b, kind)],
      ];
      for (const [strategy, run] of strategies) {
        const o = await run();
        rows.push(
          `| ${label} | ${strategy} | ${o.runs} | ${o.requests} | ${o.refused} | ${mb(o.bytes)} | ${duration(o.lagMs)} | ${o.current ? 'yes' : 'no'} |`,
        );
      }
    }
    return [...rows, '', '### Bytes per mirror of the consolidated workbook', '', ...sizes].join('\n');
  } finally {
    await b.close();
  }
}
