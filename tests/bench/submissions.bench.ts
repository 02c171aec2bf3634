/**
 * The sync service under load on loopback: a 150-line return submitted again and again by 1, 10
 * and 50 concurrent clients, on SQLite and (when PAC_TEST_PG_URL is set) on PostgreSQL. Reports
 * submissions per second and p50/p99 latency, beside the baseline of the same clients calling
 * GET /api/health (routing plus one small query, no checks, no write) against the same process.
 *
 * The service runs as its own process (`server/main.ts`, as `npm start`), so the load generator —
 * a small keep-alive fetch loop in this process — does not share its event loop. Each submission
 * carries a new Idempotency-Key, so every one is a real new version: checks, a transaction, the
 * audit entry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Activity, Plan, ReturnDocument } from '#core';
import { openStore } from '../../server/store/open-store.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SECONDS = Number(process.env.PAC_BENCH_SECONDS ?? 3);
const CONCURRENCY = [1, 10, 50];
const LINES = 150;
const PLAN = JSON.parse(readFileSync(join(ROOT, 'templates/pnlevt-2021-2025.json'), 'utf8')) as Plan;

/** The shipped plan with MJS given 150 activities under its result 5.4.1, as version "bench". */
function benchPlan(): Plan {
  const model = PLAN.activities.find((a) => a.code === '5.4.1.1') as Activity;
  const extra: Activity[] = [];
  for (let n = 4; n <= LINES; n++)
    extra.push({
      ...model,
      code: `5.4.1.${n}`,
      title: `Activité de charge ${n}`,
      source: { code: null, line: model.source.line },
    });
  return { ...PLAN, plan: { ...PLAN.plan, version: 'bench' }, activities: [...PLAN.activities, ...extra] };
}

function benchReturn(plan: Plan, n: number): ReturnDocument {
  const lines = plan.activities
    .filter((a) => a.responsible === 'MJS')
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
  return { ministry: 'MJS', planId: plan.plan.id, planVersion: 'bench', lines };
}

interface Server {
  child: ChildProcess;
  url: string;
}

function startServer(env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += d;
      const port = /http:\/\/localhost:(\d+)\//.exec(out)?.[1];
      if (port) resolve({ child, url: `http://127.0.0.1:${port}` });
    });
    child.on('exit', (code) => reject(new Error(`service exited (${code})`)));
  });
}

interface Run {
  requests: number;
  failures: number;
  seconds: number;
  latencies: number[];
}

async function load(concurrency: number, send: (n: number) => Promise<number>): Promise<Run> {
  const latencies: number[] = [];
  let failures = 0;
  let counter = 0;
  const until = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        const status = await send(counter++).catch(() => 0);
        latencies.push(performance.now() - t);
        if (status < 200 || status >= 300) failures++;
      }
    }),
  );
  return { requests: latencies.length, failures, seconds: (performance.now() - started) / 1000, latencies };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

function row(label: string, c: number, r: Run, baseline?: Run): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const rate = r.requests / r.seconds;
  const base = baseline ? baseline.requests / baseline.seconds : null;
  return `| ${label} | ${c} | ${rate.toFixed(1)} | ${percentile(sorted, 50).toFixed(1)} | ${percentile(sorted, 99).toFixed(1)} | ${r.failures} | ${base ? `${(base / rate).toFixed(1)}×` : '—'} |`;
}

async function measure(
  name: string,
  env: Record<string, string>,
  prepare: () => Promise<void>,
): Promise<string[]> {
  await prepare();
  const server = await startServer(env);
  const rows: string[] = [];
  try {
    const admin = process.env.PAC_BENCH_ADMIN as string;
    const token = await fetch(`${server.url}/api/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'ministry', ministry: 'MJS', label: 'charge' }),
    }).then(async (r) => ((await r.json()) as { secret: string }).secret);
    const plan = benchPlan();
    const batch = randomBytes(4).toString('hex');
    // Each response body is read to the end so the connection is free for the next request.
    const statusAfterBody = async (r: Response) => {
      await r.arrayBuffer();
      return r.status;
    };
    const health = () => fetch(`${server.url}/api/health`).then(statusAfterBody);
    const submit = (n: number) =>
      fetch(`${server.url}/api/returns`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': `bench-${batch}-${n}`,
        },
        body: JSON.stringify(benchReturn(plan, n)),
      }).then(statusAfterBody);
    await load(2, submit); // warm up: JIT, caches, the plan index
    for (const c of CONCURRENCY) {
      const baseline = await load(c, health);
      const run = await load(c, submit);
      rows.push(
        row(`${name}: GET /api/health (baseline)`, c, baseline),
        row(`${name}: submit 150 lines`, c, run, baseline),
      );
    }
  } finally {
    server.child.kill('SIGTERM');
  }
  return rows;
}

/** Seeds a database with the bench plan and an admin token the bench can use. */
async function seed(config: { dataDir: string; databaseUrl?: string }) {
  const { bootstrap } = await import('../../server/bootstrap.ts');
  const store = await openStore(config);
  try {
    const { adminToken } = await bootstrap(store);
    process.env.PAC_BENCH_ADMIN = adminToken as string;
    await store.publishPlan(benchPlan(), { tokenId: null, label: 'bench', role: 'system' });
  } finally {
    await store.close();
  }
}

export async function bench(): Promise<string> {
  const rows: string[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'pac-bench-submit-'));
  try {
    rows.push(...(await measure('SQLite', { DATA_DIR: dataDir }, () => seed({ dataDir }))));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const adminUrl = process.env.PAC_TEST_PG_URL;
  if (adminUrl) {
    const name = `pac_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      rows.push(
        ...(await measure('PostgreSQL', { DATABASE_URL: url.toString() }, () =>
          seed({ dataDir: tmpdir(), databaseUrl: url.toString() }),
        )),
      );
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  } else {
    rows.push('| PostgreSQL: not run — set PAC_TEST_PG_URL | | | | | | |');
  }
  return [
    `${SECONDS} s per measurement, loopback, keep-alive; service in its own process. "Baseline ×" = health requests per second ÷ submissions per second at the same concurrency.`,
    '',
    '| backend: request | clients | per second | p50 ms | p99 ms | failed | baseline × |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
}
