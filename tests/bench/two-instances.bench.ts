/**
 * Two service instances on one PostgreSQL database, as behind a load balancer, beside one instance
 * in the same run: 150-line returns of four ministries submitted by 10 and 50 clients, spread over
 * the instances; each instance a real `server/main.ts` process with its Google Sheet mirror (the
 * googleapis client sending to the Sheets stand-in, through a proxy per instance that tells whose
 * sends arrive). After the load, what must hold whatever the speed: versions contiguous per
 * ministry, one version per idempotency key sent to both instances at once, mirror sends never
 * overlapping and the sheet ending on the latest data.
 *
 * On one machine both instances share its cores, so the figure to read is that a second instance
 * costs nothing and breaks nothing; on two machines each brings its own.
 */
import type { Agent, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { consolidatedWorkbookSource } from '../../server/mirror/workbook-source.ts';
import { openStore } from '../../server/store/open-store.ts';
import { SheetsStandIn } from '../fixtures/sheets-standin.ts';
import { expectedGrid } from '../server/mirror/helpers.ts';
import { type Forwarded, overlapping, sendsOf, taggingProxy } from '../server/mirror/tagging-proxy.ts';
import { type ServiceProcess, startServiceProcess } from '../server/service-process.ts';
import {
  benchPlan,
  benchReturn,
  benchReturnTexts,
  createToken,
  load,
  row,
  SECONDS,
  seed,
  submit,
  TABLE_HEAD,
  withPostgres,
} from './service-load.ts';

const MINISTRIES = ['MJS', 'MEF', 'MARCC', 'MSPC'];
const PLAN = benchPlan(MINISTRIES);
const CONCURRENCY = [10, 50];
/** Keys each sent to both instances at the same moment, after the load. */
const DOUBLE_SENT = 20;

async function run(url: string): Promise<string[]> {
  const admin = await seed({ dataDir: '.', databaseUrl: url }, PLAN);
  const standIn = await SheetsStandIn.start({ locale: 'fr_FR' });
  const forwarded: Forwarded[] = [];
  const proxies: Server[] = [];
  const instances: ServiceProcess[] = [];
  const rows: string[] = [];
  try {
    for (const name of ['A', 'B']) proxies.push(await taggingProxy(name, standIn.rootUrl, forwarded));
    instances.push(
      ...(await Promise.all(
        proxies.map((proxy) =>
          startServiceProcess({
            DATABASE_URL: url,
            GOOGLE_SHEETS_SPREADSHEET_ID: standIn.spreadsheetId,
            GOOGLE_SHEETS_ROOT_URL: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}/`,
          }),
        ),
      )),
    );
    const [a, b] = instances as [ServiceProcess, ServiceProcess];
    const tokens = new Map<string, string>();
    for (const m of MINISTRIES) tokens.set(m, await createToken(a.url, admin, m));
    const texts = new Map(MINISTRIES.map((m) => [m, benchReturnTexts(PLAN, m)] as const));
    const pids = instances.map((i) => i.child.pid);
    let n = 0;
    /** Request n goes to one of `over`, for one of the ministries in turn. */
    const sender = (over: ServiceProcess[]) => (_: number, agent: Agent) => {
      const k = n++;
      const ministry = MINISTRIES[k % MINISTRIES.length] as string;
      const to = over[Math.floor(k / MINISTRIES.length) % over.length] as ServiceProcess;
      return submit(
        agent,
        to.url,
        tokens.get(ministry) as string,
        (texts.get(ministry) as (n: number) => string)(k),
        `two-instances-${k}`,
      );
    };
    await load(4, sender([a, b])); // warm up both
    for (const c of CONCURRENCY) {
      const one = await load(c, sender([a]), pids);
      const two = await load(c, sender([a, b]), pids);
      rows.push(
        row('PostgreSQL: one instance, submit 150 lines', c, one),
        row('PostgreSQL: two instances', c, two, one),
      );
    }

    // Idempotency across instances: the same key to both at once.
    const failures: string[] = [];
    const doubled = await Promise.all(
      Array.from({ length: DOUBLE_SENT }, async (_, i) => {
        const ministry = MINISTRIES[i % MINISTRIES.length] as string;
        const doc = benchReturn(PLAN, ministry, 10_000 + i);
        const answers = await Promise.all(
          [a, b].map(async (to) => {
            const r = await fetch(`${to.url}/api/returns`, {
              method: 'POST',
              headers: {
                authorization: `Bearer ${tokens.get(ministry)}`,
                'content-type': 'application/json',
                'idempotency-key': `both-instances-${i}`,
              },
              body: JSON.stringify(doc),
            });
            const body = (await r.json()) as {
              receipt?: { id: string; replayed: boolean };
              error?: { code: string };
            };
            if (!body.receipt) failures.push(`${r.status} ${body.error?.code}`);
            return body.receipt ?? { id: '', replayed: false };
          }),
        );
        return answers[0]?.id === answers[1]?.id && answers.filter((r) => r.replayed).length === 1;
      }),
    );

    const store = await openStore({ dataDir: '.', databaseUrl: url });
    try {
      let contiguous = true;
      let versions = 0;
      for (const m of MINISTRIES) {
        const list = (await store.listSubmissions({ ministry: m }))
          .map((s) => s.version)
          .sort((x, y) => x - y);
        versions += list.length;
        contiguous &&= list.every((v, i) => v === i + 1);
      }
      // The mirror settles: nothing pending, no lease held.
      let outbox = await store.mirrorOutbox('consolidated');
      for (let i = 0; i < 240 && (outbox?.dirtySince || outbox?.leaseOwner); i++) {
        await sleep(500);
        outbox = await store.mirrorOutbox('consolidated');
      }
      const sends = sendsOf(forwarded);
      const spec = await consolidatedWorkbookSource(store)();
      const sheetIsLatest = spec.sheets.every(
        (sheet) =>
          JSON.stringify(standIn.values(sheet.name)) === JSON.stringify(expectedGrid(sheet, 'fr_FR')),
      );
      rows.push(
        '',
        `After the load: ${versions} versions of ${MINISTRIES.length} ministries, contiguous per ministry: ${contiguous ? 'yes' : 'NO'}; ` +
          `${doubled.filter(Boolean).length} of ${DOUBLE_SENT} keys sent to both instances at once made one version (the other answer a replay)${failures.length ? ` (refused: ${failures.join(', ')})` : ''}; ` +
          `mirror: ${sends.length} sends (${sends.filter((s) => s.instance === 'A').length} by A, ${sends.filter((s) => s.instance === 'B').length} by B), ` +
          `${overlapping(sends)} overlapping, ${outbox?.runs ?? 0} recorded in the outbox, sheet equal to the latest data: ${sheetIsLatest && !outbox?.dirtySince ? 'yes' : 'NO'}.`,
      );
    } finally {
      await store.close();
    }
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await Promise.all(proxies.map((p) => new Promise((resolve) => p.close(resolve))));
    await standIn.close();
  }
  return rows;
}

export async function bench(): Promise<string> {
  const rows = await withPostgres(run);
  return [
    `${SECONDS} s per measurement, loopback, keep-alive; each instance its own process, as npm start runs it, on one 2-core machine. Four ministries' 150-line returns in turn; with two instances, requests alternate between them. "Baseline ×" = one instance's submissions per second ÷ two instances' at the same concurrency (1.0× = no cost).`,
    '',
    ...TABLE_HEAD,
    ...(rows ?? ['| not run — set PAC_TEST_PG_URL | | | | | | | |']),
  ].join('\n');
}
