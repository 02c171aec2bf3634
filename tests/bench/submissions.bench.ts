/**
 * The sync service under load on loopback: a 150-line return submitted again and again by 1, 10
 * and 50 concurrent clients, on SQLite and (when PAC_TEST_PG_URL is set) on PostgreSQL. Reports
 * submissions per second, p50/p99 latency and the service's CPU time per submission, beside the
 * baseline of the same clients calling GET /api/health (routing plus one small query, no checks,
 * no write) against the same process; and, while 50 clients submit, the latency of one reader
 * calling GET /api/health — what the write path costs everyone else.
 *
 * The service runs as its own process (`server/main.ts`, as `npm start`: JSON returns checked on
 * worker threads), so the load generator — keep-alive node:http clients in this process — does not
 * share its event loop. Each submission carries a new Idempotency-Key, so every one is a real new
 * version: checks, a transaction, the audit entry, a synced commit.
 *
 * The goal (≥ 500/s with p99 < 100 ms at 50 clients) is read twice. Clients that send again as
 * soon as they are answered give the rate the service reaches; their latency is only the queue
 * they form (50 ÷ the rate, Little's law), so their p99 says the rate again. Latency under a
 * load of 500/s is measured on a timetable: the 50 clients share 500 submissions a second, each
 * timed from when the timetable says it is due, so a service that falls behind has its whole
 * delay counted. The goal is reached when the first gives ≥ 500/s and the second a p99 < 100 ms.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServiceProcess } from '../server/service-process.ts';
import {
  benchPlan,
  benchReturnTexts,
  createToken,
  health,
  load,
  percentile,
  rate,
  row,
  SECONDS,
  seed,
  submit,
  TABLE_HEAD,
  withPostgres,
} from './service-load.ts';

const CONCURRENCY = [1, 10, 50];
const PLAN = benchPlan(['MJS']);
/** Each submission must be a new version (201): a replay (200) writes nothing and counts as failed. */
const CREATED = (status: number) => status === 201;
/** The goal on SQLite at 50 clients. */
const GOAL = { perSecond: 500, p99Ms: 100 };

interface Measured {
  rows: string[];
  /** At 50 clients, as fast as answered: submissions per second and p99, for the goal line. */
  at50: { perSecond: number; p99: number } | null;
  /** At 50 clients on a timetable of GOAL.perSecond: the rate kept, p99 and failures. */
  timetable: { perSecond: number; p99: number; failures: number } | null;
}

async function measure(
  name: string,
  env: Record<string, string>,
  admin: string,
  timetabled: boolean,
): Promise<Measured> {
  const service = await startServiceProcess(env);
  const rows: string[] = [];
  let at50: Measured['at50'] = null;
  let timetable: Measured['timetable'] = null;
  try {
    const pid = [service.child.pid];
    const token = await createToken(service.url, admin, 'MJS');
    const batch = randomBytes(4).toString('hex');
    // Numbered across every measurement, not per measurement: a number seen before would be a
    // retry of that submission, answered as a replay without writing anything.
    let sent = 0;
    const returnText = benchReturnTexts(PLAN, 'MJS');
    const send = (_: number, agent: Agent) => {
      const n = sent++;
      return submit(agent, service.url, token, returnText(n), `bench-${batch}-${n}`);
    };
    await load(2, send); // warm up: JIT, caches, the plan index on each thread
    for (const c of CONCURRENCY) {
      const baseline = await load(c, (_, agent) => health(agent, service.url), pid);
      const run = await load(c, send, pid, CREATED);
      rows.push(
        row(`${name}: GET /api/health (baseline)`, c, baseline),
        row(`${name}: submit 150 lines`, c, run, baseline),
      );
      if (c === 50) at50 = { perSecond: rate(run), p99: percentile(run, 99) };
    }
    if (timetabled) {
      const paced = await load(50, send, pid, CREATED, GOAL.perSecond);
      rows.push(row(`${name}: submit 150 lines, ${GOAL.perSecond}/s timetable`, 50, paced));
      timetable = { perSecond: rate(paced), p99: percentile(paced, 99), failures: paced.failures };
    }
    // One reader while 50 clients submit, for as long: does the write path hold reads back?
    const [, reads] = await Promise.all([
      load(50, send, [], CREATED),
      load(1, (_, agent) => health(agent, service.url)),
    ]);
    rows.push(row(`${name}: GET /api/health while 50 clients submit`, 1, reads));
  } finally {
    await service.stop();
  }
  return { rows, at50, timetable };
}

export async function bench(): Promise<string> {
  const rows: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'pac-bench-submit-'));
  let sqlite: Measured | null = null;
  try {
    const admin = await seed({ dataDir }, PLAN);
    sqlite = await measure('SQLite', { DATA_DIR: dataDir }, admin, true);
    rows.push(...sqlite.rows);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const postgres = await withPostgres(async (url) => {
    const admin = await seed({ dataDir: tmpdir(), databaseUrl: url }, PLAN);
    return measure('PostgreSQL', { DATABASE_URL: url }, admin, false);
  });
  rows.push(...(postgres?.rows ?? ['| PostgreSQL: not run — set PAC_TEST_PG_URL | | | | | | | |']));
  const at50 = sqlite?.at50;
  const timetable = sqlite?.timetable;
  const goal =
    at50 && timetable
      ? `Goal on SQLite at 50 clients: ≥ ${GOAL.perSecond}/s with p99 < ${GOAL.p99Ms} ms — as fast as answered ${at50.perSecond.toFixed(0)}/s (p99 ${at50.p99.toFixed(0)} ms, the queue of 50 clients); on a ${GOAL.perSecond}/s timetable ${timetable.perSecond.toFixed(0)}/s kept, p99 ${timetable.p99.toFixed(0)} ms, ${timetable.failures} failed (${at50.perSecond >= GOAL.perSecond && timetable.p99 < GOAL.p99Ms && timetable.failures === 0 ? 'reached' : 'not reached'}).`
      : '';
  return [
    `${SECONDS} s per measurement, loopback, keep-alive; the service in its own process, as npm start runs it. Clients send again as soon as answered, except on the timetable (${GOAL.perSecond} submissions a second shared by 50 clients, each timed from when it was due). "Baseline ×" = health requests per second ÷ submissions per second at the same concurrency. "Service CPU" = CPU time of the service's process (all its threads) per request, which stays comparable when the machine is shared.`,
    '',
    ...TABLE_HEAD,
    ...rows,
    '',
    goal,
  ].join('\n');
}
