/**
 * The returns the dashboard's browser tests are seeded with, and the service they run against: the
 * harness's service (fresh SQLite, bootstrapped as `npm start` does) over real HTTP, tokens made
 * through the API, returns submitted as the ministries' panes would. MEF sends warnings, MJS a
 * clean return, MATD thousands; the other ministries have sent nothing and are past the deadline.
 */
import type { ReturnLine } from '#core';
import { DEFAULT_TARGET } from '../../server/mirror/outbox-worker.ts';
import { type Listening, listen, mjsReturn, type Service, startService } from '../server/http/harness.ts';
import { BACKENDS } from '../server/store/backends.ts';

export const PLAN = { planId: 'pnlevt-2021-2025', planVersion: '1' };

export function line(activity: string, row: number, fields: Partial<ReturnLine>): ReturnLine {
  return {
    activity,
    row,
    nature: 'costed',
    years: {},
    total: null,
    national: null,
    external: null,
    execution: [],
    comment: null,
    ...fields,
  };
}

/** MEF's first version: an amount outside its execution years, a line left blank, 1.3.1.3 not sent. */
export const MEF_V1 = {
  ministry: 'MEF',
  ...PLAN,
  lines: [
    line('1.3.1.1', 6, {
      years: { 2022: 100, 2023: 150 },
      total: 250,
      national: 50,
      external: 200,
      execution: [2022],
    }),
    line('1.3.1.2', 7, { nature: null }),
    line('1.3.1.4', 9, {
      years: { 2022: 20, 2023: 30.5 },
      total: 50.5,
      national: 50.5,
      execution: [2022, 2023],
    }),
  ],
};

/** Version 2: 1.3.1.1 raised by 50, 1.3.1.2 costed, 1.3.1.3 added as PM, 1.3.1.4 removed. */
export const MEF_V2 = {
  ministry: 'MEF',
  ...PLAN,
  lines: [
    line('1.3.1.1', 6, {
      years: { 2022: 100, 2023: 200 },
      total: 300,
      national: 100,
      external: 200,
      execution: [2022, 2023],
    }),
    line('1.3.1.2', 7, { years: { 2024: 80 }, total: 80, national: 80, execution: [2024] }),
    line('1.3.1.3', 8, { nature: 'pm' }),
  ],
};

/** MATD's one line, `amount` millions over 2021–2022 (1 500 unless a test wants a bigger gap). */
export function matdReturn(amount = 1500) {
  const first = Math.round(amount / 3);
  return {
    ministry: 'MATD',
    ...PLAN,
    lines: [
      line('2.1.2.5', 6, {
        years: { 2021: first, 2022: amount - first },
        total: amount,
        national: amount,
        execution: [2021, 2022],
      }),
    ],
  };
}

export interface Seeded {
  s: Service;
  server: Listening;
  tokens: { consolidator: string; mef: string; mjs: string; matd: string };
  submit(token: string, doc: unknown): Promise<{ version: number; warnings: number }>;
  api<T>(path: string, token: string): Promise<T>;
  close(): Promise<void>;
}

/** A running service with MEF (v1), MJS and MATD's returns in, past a deadline of January 2021. */
export async function seededService(options: { matdAmount?: number } = {}): Promise<Seeded> {
  const s = await startService(BACKENDS[0] as (typeof BACKENDS)[number], {
    deadline: '2021-01-31T23:59:59.999Z',
  });
  const server = await listen(s);
  const submit = async (token: string, doc: unknown) => {
    const r = await s.json('/api/returns', { token, json: doc });
    if (r.status !== 201) throw new Error(`submission refused: ${JSON.stringify(r.body)}`);
    return r.body.receipt as { version: number; warnings: number };
  };
  const api = async <T>(path: string, token: string): Promise<T> => {
    const r = await s.json(path, { token });
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as T;
  };
  const tokens = {
    consolidator: await s.token('consolidator', undefined, 'Secrétariat permanent'),
    mef: await s.token('ministry', 'MEF', 'CPS MEF'),
    mjs: await s.token('ministry', 'MJS', 'CPS MJS'),
    matd: await s.token('ministry', 'MATD', 'CPS MATD'),
  };
  await submit(tokens.mef, MEF_V1);
  await submit(tokens.mjs, mjsReturn());
  await submit(tokens.matd, matdReturn(options.matdAmount));
  return {
    s,
    server,
    tokens,
    submit,
    api,
    close: async () => {
      await server.close();
      await s.db.cleanup();
    },
  };
}

/** What Google says when the quota is used up, as the mirror's worker stores it (server/mirror/backoff.ts). */
export const GOOGLE_QUOTA =
  "HTTP 429: Quota exceeded for quota metric 'Write requests' and limit 'Write requests per minute per user'";

/** A Google Sheet mirror whose last send failed on the quota, as the worker would leave it. */
export async function failingMirror(s: Service): Promise<void> {
  const store = s.db.store;
  await store.enqueueMirror(DEFAULT_TARGET, '2026-03-04T09:00:00.000Z', '2026-03-04T09:00:00.000Z');
  await store.claimMirror(DEFAULT_TARGET, 'e2e', '2026-03-04T09:00:01.000Z', '2026-03-04T09:05:00.000Z');
  await store.failMirror(DEFAULT_TARGET, 'e2e', {
    at: '2026-03-04T09:00:02.000Z',
    nextDueAt: '2099-01-01T00:00:00.000Z',
    error: GOOGLE_QUOTA,
    requests: 1,
  });
}
