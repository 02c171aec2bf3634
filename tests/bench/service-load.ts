/**
 * What the service benchmarks share (submissions.bench.ts, two-instances.bench.ts): a plan where
 * each bench ministry has 150 activities, its valid 150-line returns, a database seeded with that
 * plan, a closed-loop load generator (each client sends, waits for the whole answer, sends again)
 * with latencies, and the CPU time the service's processes spent, read from /proc — a figure that
 * stays meaningful on a machine shared with other work, where the rates themselves wander.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Activity, Plan, ReturnDocument } from '#core';
import { bootstrap } from '../../server/bootstrap.ts';
import { openStore, type StoreConfig } from '../../server/store/open-store.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SECONDS = Number(process.env.PAC_BENCH_SECONDS ?? 3);
export const LINES = 150;
const PLAN = JSON.parse(readFileSync(join(ROOT, 'templates/pnlevt-2021-2025.json'), 'utf8')) as Plan;

/** The shipped plan with each of `ministries` given 150 activities under one of its results, as version "bench". */
export function benchPlan(ministries: readonly string[]): Plan {
  const extra: Activity[] = [];
  for (const ministry of ministries) {
    const mine = PLAN.activities.filter((a) => a.responsible === ministry);
    const model = mine[0] as Activity;
    const prefix = model.code.split('.').slice(0, 3).join('.');
    const taken = new Set(PLAN.activities.map((a) => a.code));
    for (let n = 1; mine.length + extra.filter((a) => a.responsible === ministry).length < LINES; n++) {
      const code = `${prefix}.${100 + n}`;
      if (taken.has(code)) continue;
      extra.push({
        ...model,
        code,
        title: `Activité de charge ${n}`,
        source: { code: null, line: model.source.line },
      });
    }
  }
  return { ...PLAN, plan: { ...PLAN.plan, version: 'bench' }, activities: [...PLAN.activities, ...extra] };
}

/** A valid 150-line return of `ministry`, different for each `n`. */
export function benchReturn(plan: Plan, ministry: string, n: number): ReturnDocument {
  const lines = plan.activities
    .filter((a) => a.responsible === ministry)
    .map((a, i) => ({
      activity: a.code,
      nature: 'costed' as const,
      years: { 2021: 10 + i, 2022: 20, 2023: 30.5, 2024: 0.1, 2025: 0.2 },
      total: 60.8 + i,
      national: 50 + i,
      external: 10.8,
      execution: [2021, 2022, 2023, 2024, 2025],
      comment: i === 0 ? `envoi ${n}` : null,
    }));
  return { ministry, planId: plan.plan.id, planVersion: 'bench', lines };
}

/**
 * The JSON text of `benchReturn(plan, ministry, n)` for any n, cut from one text made once: the
 * load generator shares the service's cores, and stringifying a 150-line return for every request
 * was most of its own CPU.
 */
export function benchReturnTexts(plan: Plan, ministry: string): (n: number) => string {
  const [before, after, more] = JSON.stringify(benchReturn(plan, ministry, 0)).split('"envoi 0"');
  if (after === undefined || more !== undefined)
    throw new Error('bench return: the comment "envoi 0" must occur once');
  const text = (n: number) => `${before}"envoi ${n}"${after}`;
  if (text(7) !== JSON.stringify(benchReturn(plan, ministry, 7)))
    throw new Error('bench return text differs');
  return text;
}

/** Seeds a database with the bench plan; returns the first administrator token. */
export async function seed(config: StoreConfig, plan: Plan): Promise<string> {
  const store = await openStore(config);
  try {
    const { adminToken } = await bootstrap(store);
    await store.publishPlan(plan, { tokenId: null, label: 'bench', role: 'system' });
    return adminToken as string;
  } finally {
    await store.close();
  }
}

/** A fresh PostgreSQL database for `run`, dropped afterwards; null when PAC_TEST_PG_URL is not set. */
export async function withPostgres<T>(run: (url: string) => Promise<T>): Promise<T | null> {
  const adminUrl = process.env.PAC_TEST_PG_URL;
  if (!adminUrl) return null;
  const name = `pac_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function createToken(base: string, admin: string, ministry: string): Promise<string> {
  const r = await fetch(`${base}/api/tokens`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ role: 'ministry', ministry, label: `charge ${ministry}` }),
  });
  return ((await r.json()) as { secret: string }).secret;
}

/**
 * The load generator's HTTP client: node:http over keep-alive connections (one per client at
 * most), the cheapest client Node has. It shares the machine's two cores with the service, so
 * every millisecond it spends is one the service does not get; fetch (undici) spent about 2.4 ms
 * of CPU per 150-line submission, more than half of what the service itself needs. Each `load`
 * has its connections of its own, closed at its end: a connection left idle from the previous
 * measurement may be closed by the service (keep-alive timeout) just as it is reused, which
 * would count as a failure of the service.
 */
/** The answer's status; its body is read to its end so the connection is free again. */
export function request(
  agent: http.Agent,
  base: string,
  path: string,
  method: 'GET' | 'POST',
  headers: Record<string, string> = {},
  body?: string,
): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers, agent }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Submits one return, given as a document or as its JSON text. */
export function submit(
  agent: http.Agent,
  base: string,
  token: string,
  doc: ReturnDocument | string,
  key: string,
): Promise<{ status: number }> {
  const body = typeof doc === 'string' ? doc : JSON.stringify(doc);
  return request(
    agent,
    base,
    '/api/returns',
    'POST',
    {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'idempotency-key': key,
    },
    body,
  );
}

export function health(agent: http.Agent, base: string): Promise<{ status: number }> {
  return request(agent, base, '/api/health', 'GET');
}

export interface Run {
  requests: number;
  failures: number;
  seconds: number;
  latencies: number[];
  /** CPU milliseconds the measured processes spent per request (all their threads). */
  cpuMsPerRequest: number | null;
}

/** CPU time of a process so far (ms), all threads; null where /proc is not there. */
export function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * `concurrency` clients sending `call(n)` for SECONDS; `pids` are the processes whose CPU time is
 * counted; an answer with another status than `expected` (any 2xx by default) counts as a failure.
 *
 * Without `perSecond`, each client sends again as soon as it has its answer (a closed loop: the
 * service's saturated rate, where the latency is the queue, concurrency ÷ rate). With it, the
 * clients share a timetable of `perSecond` requests, one every 1/perSecond s dealt to the clients
 * in turn, and each request's latency runs from its time in the timetable, not from when it could
 * be sent: a service that falls behind has its delay counted in full (no "coordinated omission",
 * as wrk2 measures), and a client still waiting for an answer sends late, never two at once.
 */
export async function load(
  concurrency: number,
  call: (n: number, agent: http.Agent) => Promise<{ status: number }>,
  pids: (number | undefined)[] = [],
  expected: (status: number) => boolean = (status) => status >= 200 && status < 300,
  perSecond?: number,
): Promise<Run> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let failures = 0;
  let counter = 0;
  const cpuBefore = pids.map(cpuMs);
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, client) => {
      for (let turn = 0; ; turn++) {
        let t = performance.now();
        if (perSecond !== undefined) {
          const scheduled = started + ((turn * concurrency + client) * 1000) / perSecond;
          if (scheduled >= until) break;
          if (scheduled > t) await sleep(scheduled - t);
          t = scheduled;
        } else if (t >= until) break;
        const ok = await call(counter++, agent).then(
          (r) => expected(r.status),
          () => false,
        );
        latencies.push(performance.now() - t);
        if (!ok) failures++;
      }
    }),
  );
  const cpuAfter = pids.map(cpuMs);
  agent.destroy();
  const spent =
    pids.length > 0 && cpuAfter.every((c) => c !== null) && cpuBefore.every((c) => c !== null)
      ? cpuAfter.reduce((sum: number, c, i) => sum + (c as number) - (cpuBefore[i] as number), 0)
      : null;
  return {
    requests: latencies.length,
    failures,
    seconds: (performance.now() - started) / 1000,
    latencies,
    cpuMsPerRequest: spent === null || latencies.length === 0 ? null : spent / latencies.length,
  };
}

export function rate(r: Run): number {
  return r.requests / r.seconds;
}

export function percentile(r: Run, p: number): number {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

/** `| label | clients | per second | p50 | p99 | failed | CPU ms | baseline × |` */
export function row(label: string, clients: number, r: Run, baseline?: Run): string {
  const cpu = r.cpuMsPerRequest === null ? '—' : r.cpuMsPerRequest.toFixed(2);
  const ratio = baseline ? `${(rate(baseline) / rate(r)).toFixed(1)}×` : '—';
  return `| ${label} | ${clients} | ${rate(r).toFixed(1)} | ${percentile(r, 50).toFixed(1)} | ${percentile(r, 99).toFixed(1)} | ${r.failures} | ${cpu} | ${ratio} |`;
}

export const TABLE_HEAD = [
  '| backend: request | clients | per second | p50 ms | p99 ms | failed | service CPU ms / request | baseline × |',
  '|---|--:|--:|--:|--:|--:|--:|--:|',
];
