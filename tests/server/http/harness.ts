/**
 * The sync service in-process for HTTP tests: a fresh database per test (SQLite, and PostgreSQL
 * when PAC_TEST_PG_URL is set), bootstrapped like `npm start` does (shipped plan, first admin
 * token) — or hosting another plan from the start — and small helpers to call it through
 * `app.request()` as each role.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Plan, ReturnDocument } from '#core';
import { bootstrap } from '../../../server/bootstrap.ts';
import type { Config } from '../../../server/config.ts';
import { createApp } from '../../../server/http/app.ts';
import type { ReturnChecker } from '../../../server/returns/check-threads.ts';
import type { Backend, OpenOptions, TestDatabase } from '../store/backends.ts';

export const SHIPPED_PLAN = JSON.parse(
  readFileSync(new URL('../../../templates/pnlevt-2021-2025.json', import.meta.url), 'utf8'),
) as Plan;

export interface Call {
  method?: string;
  token?: string | null;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export interface Service {
  db: TestDatabase;
  app: ReturnType<typeof createApp>;
  adminToken: string;
  changes: { kind: string; ministry?: string }[];
  logs: string[];
  call(path: string, options?: Call): Promise<Response>;
  /** Calls and parses JSON, failing loudly if the body is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: a JSON body, checked by the assertions that read it
  json(path: string, options?: Call): Promise<{ status: number; body: any; headers: Headers }>;
  /** Creates a token through the API and returns its secret. */
  token(role: 'admin' | 'consolidator' | 'ministry', ministry?: string, label?: string): Promise<string>;
}

export function testConfig(db: TestDatabase, overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    dataDir: db.config.dataDir,
    databaseUrl: db.config.databaseUrl,
    maxJsonBytes: 1024 * 1024,
    maxUploadBytes: 2 * 1024 * 1024,
    ...overrides,
  };
}

export interface Seed {
  /** The plan the service hosts instead of the shipped one: published first, so bootstrap seeds nothing. */
  plan?: Plan;
  /** Where JSON returns are checked; on the event loop by default. */
  checker?: ReturnChecker;
}

export async function startService(
  backend: Backend,
  overrides: Partial<Config> = {},
  open: OpenOptions = {},
  seed: Seed = {},
): Promise<Service> {
  const db = await backend.open(open);
  if (seed.plan) await db.store.publishPlan(seed.plan, { tokenId: null, label: 'test', role: 'system' });
  const { adminToken } = await bootstrap(db.store);
  if (!adminToken) throw new Error('bootstrap gave no admin token on a fresh database');
  const changes: { kind: string; ministry?: string }[] = [];
  const logs: string[] = [];
  const app = createApp({
    store: db.store,
    config: testConfig(db, overrides),
    onChange: (c) => changes.push(c),
    log: (m) => logs.push(m),
    ...(seed.checker ? { checker: seed.checker } : {}),
  });
  const call = (path: string, options: Call = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? adminToken : options.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body = options.body;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    }
    return Promise.resolve(
      app.request(path, { method: options.method ?? (body !== undefined ? 'POST' : 'GET'), headers, body }),
    );
  };
  const service: Service = {
    db,
    app,
    adminToken,
    changes,
    logs,
    call,
    async json(path, options) {
      const res = await call(path, options);
      const text = await res.text();
      let body: unknown;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        throw new Error(`${path} answered ${res.status} with non-JSON: ${text.slice(0, 200)}`);
      }
      return { status: res.status, body, headers: res.headers };
    },
    async token(role, ministry, label) {
      const r = await service.json('/api/tokens', {
        json: { role, ...(ministry ? { ministry } : {}), label: label ?? `${role} ${ministry ?? ''}`.trim() },
      });
      if (r.status !== 201) throw new Error(`token creation failed: ${JSON.stringify(r.body)}`);
      return r.body.secret as string;
    },
  };
  return service;
}

/** The service listening over real HTTP: its address, and how to stop listening. */
export interface Listening {
  base: string;
  close(): Promise<void>;
}

/** The service over real HTTP on a free local port, for the browser tests. */
export async function listen(service: Service): Promise<Listening> {
  const server = serve({ fetch: service.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A valid return of MJS (three activities: one costed at 135, two PM) on the shipped plan. */
export function mjsReturn(overrides: Partial<ReturnDocument> = {}): ReturnDocument {
  return {
    ministry: 'MJS',
    planId: 'pnlevt-2021-2025',
    planVersion: '1',
    lines: [
      {
        activity: '5.4.1.1',
        nature: 'costed',
        years: { 2021: 27, 2022: 27, 2023: 27, 2024: 27, 2025: 27 },
        total: 135,
        national: 35,
        external: 100,
        execution: [2021, 2022, 2023, 2024, 2025],
        comment: null,
      },
      {
        activity: '5.4.1.2',
        nature: 'pm',
        years: {},
        total: null,
        national: null,
        external: null,
        execution: [],
        comment: null,
      },
      {
        activity: '5.4.1.3',
        nature: 'pm',
        years: {},
        total: null,
        national: null,
        external: null,
        execution: [],
        comment: null,
      },
    ],
    ...overrides,
  };
}
