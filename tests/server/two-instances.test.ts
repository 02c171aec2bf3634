/**
 * Two service instances on one PostgreSQL database, as a ministry would run them behind a load
 * balancer: each a real `server/main.ts` process with its Google Sheet mirror, the real googleapis
 * client sending to the Sheets stand-in through a small proxy per instance that says who sent what.
 * Ministries submit to both at once, in two waves a mirror delay apart. Versions stay contiguous per
 * ministry; the same idempotency key sent to both instances at once makes one version; the sheet is
 * sent by one instance at a time (no two sends overlap), every send is recorded once in the outbox,
 * and the sheet ends holding exactly the latest data.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReturnDocument } from '#core';
import { bootstrap } from '../../server/bootstrap.ts';
import { consolidatedWorkbookSource } from '../../server/mirror/workbook-source.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { SheetsStandIn } from '../fixtures/sheets-standin.ts';
import { expectedGrid } from './mirror/helpers.ts';
import { type Forwarded, sendsOf, taggingProxy } from './mirror/tagging-proxy.ts';
import { type ServiceProcess, startServiceProcess } from './service-process.ts';
import { BACKENDS, PG_SKIP_REASON, type TestDatabase } from './store/backends.ts';

const postgres = BACKENDS.find((b) => b.name === 'postgres');
const MINISTRIES = ['MJS', 'MEF', 'MARCC'];
/** Submissions per ministry and wave, spread over both instances. */
const PER_WAVE = 6;
/** The mirror's coalescing delay (server/mirror/outbox-worker.ts), and a margin. */
const MIRROR_DELAY_MS = 5_000;

/** A valid return of every activity of `ministry`, different for each `n`. */
function fullReturn(ministry: string, n: number): ReturnDocument {
  const index = shippedPlan();
  return {
    ministry,
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    lines: index.activitiesOf(ministry).map((a, i) => {
      const amount = n + i + 0.5;
      return {
        activity: a.code,
        nature: 'costed' as const,
        years: { '2021': amount },
        total: amount,
        national: amount,
        external: 0,
        execution: [2021],
        comment: i === 0 ? `envoi ${n}` : null,
      };
    }),
  };
}

describe.skipIf(!postgres)(
  `two service instances on one PostgreSQL database${postgres ? '' : ` — ${PG_SKIP_REASON}`}`,
  () => {
    let db: TestDatabase;
    let standIn: SheetsStandIn;
    const proxies: Server[] = [];
    const instances: ServiceProcess[] = [];
    const forwarded: Forwarded[] = [];
    const tokens = new Map<string, string>();

    beforeAll(async () => {
      db = await (postgres as NonNullable<typeof postgres>).open();
      const { adminToken } = await bootstrap(db.store);
      standIn = await SheetsStandIn.start({ locale: 'fr_FR' });
      for (const name of ['A', 'B']) proxies.push(await taggingProxy(name, standIn.rootUrl, forwarded));
      instances.push(
        ...(await Promise.all(
          proxies.map((proxy) =>
            startServiceProcess({
              DATABASE_URL: db.config.databaseUrl as string,
              GOOGLE_SHEETS_SPREADSHEET_ID: standIn.spreadsheetId,
              GOOGLE_SHEETS_ROOT_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
              PAC_CHECK_THREADS: '1',
            }),
          ),
        )),
      );
      for (const ministry of MINISTRIES) {
        const r = await fetch(`${instances[0]?.url}/api/tokens`, {
          method: 'POST',
          headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ role: 'ministry', ministry, label: `CPS ${ministry}` }),
        });
        tokens.set(ministry, ((await r.json()) as { secret: string }).secret);
      }
    }, 120_000);

    afterAll(async () => {
      await Promise.all(instances.map((i) => i.stop()));
      await Promise.all(proxies.map((p) => new Promise((resolve) => p.close(resolve))));
      await standIn?.close();
      await db?.cleanup();
    });

    const submit = async (instance: ServiceProcess, ministry: string, n: number, key: string) => {
      const r = await fetch(`${instance.url}/api/returns`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens.get(ministry)}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(fullReturn(ministry, n)),
      });
      const body = (await r.json()) as { receipt: { id: string; version: number; replayed: boolean } };
      return { status: r.status, ...body.receipt };
    };

    it('numbers, deduplicates and mirrors as one service', async () => {
      const [a, b] = instances as [ServiceProcess, ServiceProcess];
      let sent = 0;
      const wave = async (w: number) => {
        const calls: Promise<{ status: number }>[] = [];
        for (const ministry of MINISTRIES) {
          for (let i = 0; i < PER_WAVE; i++) {
            const n = sent++;
            calls.push(submit(n % 2 ? a : b, ministry, n, `two-${w}-${ministry}-${i}`));
          }
          // The same key to both instances at the same moment: one version, the other a replay.
          calls.push(
            ...[a, b].map((instance) => submit(instance, ministry, 1000 + w, `both-${w}-${ministry}`)),
          );
        }
        return Promise.all(calls);
      };
      const first = await wave(1);
      await sleep(MIRROR_DELAY_MS + 1_000);
      const second = await wave(2);
      const answers = [...first, ...second] as Awaited<ReturnType<typeof submit>>[];
      expect(answers.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);

      for (const ministry of MINISTRIES) {
        const versions = (await db.store.listSubmissions({ ministry }))
          .map((s) => s.version)
          .sort((x, y) => x - y);
        // Two waves of PER_WAVE, plus one for each key sent to both instances.
        expect(versions).toEqual(Array.from({ length: 2 * (PER_WAVE + 1) }, (_, i) => i + 1));
      }
      // Each key sent to both instances: one answer created the version, the other replayed it.
      const byId = new Map<string, typeof answers>();
      for (const r of answers) byId.set(r.id, [...(byId.get(r.id) ?? []), r]);
      const pairs = [...byId.values()].filter((same) => same.length > 1);
      expect(pairs).toHaveLength(2 * MINISTRIES.length);
      for (const pair of pairs) expect(pair.map((r) => r.replayed).sort()).toEqual([false, true]);

      // The mirror settles: nothing pending, no lease held.
      let row = await db.store.mirrorOutbox('consolidated');
      for (let i = 0; i < 120 && (row?.dirtySince || row?.leaseOwner); i++) {
        await sleep(500);
        row = await db.store.mirrorOutbox('consolidated');
      }
      expect(row).toMatchObject({ dirtySince: null, leaseOwner: null, attempts: 0 });
      expect(row?.sentSeq).toBe(row?.changeSeq);

      // One instance at a time: the sends, told apart by the proxy each came through, never overlap,
      // and each is one run the outbox recorded.
      const sends = sendsOf(forwarded);
      for (const [i, s] of sends.entries()) {
        const next = sends[i + 1];
        if (next) expect(s.end).toBeLessThanOrEqual(next.start);
        expect(s.requests).toBeGreaterThanOrEqual(3);
      }
      expect(sends.length).toBe(row?.runs);
      expect(sends.reduce((n, s) => n + s.requests, 0)).toBe(row?.requestsTotal);
      expect(sends.length).toBeGreaterThanOrEqual(2);

      // The sheet holds the latest data exactly.
      const spec = await consolidatedWorkbookSource(db.store)();
      for (const sheet of spec.sheets)
        expect(standIn.values(sheet.name), sheet.name).toEqual(expectedGrid(sheet, 'fr_FR'));
    }, 180_000);
  },
);
