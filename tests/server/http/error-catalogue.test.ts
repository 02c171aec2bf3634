/**
 * The error catalogue itself: each code declares its parameters (a route that forgets or misspells
 * one does not compile), every message reads whole in both languages with no French left in the
 * English one, sizes are written the message's way, and a 413 says what was sent when the client
 * said it. Also: a database that cannot be reached is the catalogue's 503, told by the store.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/http/app.ts';
import {
  ApiError,
  CATALOGUE,
  type ErrorCode,
  type ErrorParams,
  errorBody,
} from '../../../server/http/errors.ts';
import { formatBytes, formatSize } from '../../../server/http/sizes.ts';
import { openPostgresDb } from '../../../server/store/postgres-db.ts';
import { createSqlStore } from '../../../server/store/sql-store.ts';
import { BACKENDS } from '../store/backends.ts';
import { mjsReturn, type Service, startService } from './harness.ts';

/** Letters and words English text does not use; any one of them in an English message is French left in. */
const FRENCH = /[àâçéèêëîïôûùüÿœ«»]|\b(du|des|les|une?|attendu|reçu|ou|jeton|plus de|Mo|ko|octets)\b/i;

/** One set of parameters per code: TypeScript makes this list whole and each entry exact. */
const SAMPLES: { [C in ErrorCode]: ErrorParams[C] } = {
  bad_json: {},
  unreadable_body: {},
  bad_multipart: {},
  invalid_request: {},
  unauthenticated: {},
  invalid_token: {},
  forbidden: { roles: 'consolidator', role: 'ministry' },
  wrong_ministry: { own: 'MJS', ministry: 'MEF' },
  activities_not_owned: { count: 2, ministry: 'MJS', activities: '1.1.1.1, 1.1.1.2' },
  not_found: { what: { fr: 'jeton 42', en: 'token 42' } },
  method_not_allowed: { method: 'PUT', path: '/api/plan' },
  plan_version_outdated: { sent: '1', current: '2' },
  unknown_plan: { sent: 'autre', current: 'pnlevt-2021-2025' },
  plan_version_exists: { version: '2' },
  version_locked: { ministry: 'MJS', version: 3 },
  review_not_allowed: { action: { fr: 'accepter', en: 'accept' }, state: { fr: 'acceptée', en: 'accepted' } },
  payload_too_large: { size: { bytes: 13_107_200 }, limit: { bytes: 10_485_760 } },
  unsupported_media_type: { type: { fr: '(aucun)', en: '(none)' }, expected: { fr: 'a ou b', en: 'a or b' } },
  return_has_errors: { errors: 4 },
  unusable_file: { reason: { fr: 'Fichier PDF.', en: 'A PDF file.' } },
  idempotency_key_reused: { key: 'cle-0001', version: 2 },
  too_many_refusals: { count: 20, window: 60, retry: 5 },
  period_exists: { key: '2026', plan: 'pnlevt-2021-2025' },
  period_closed: { key: '2026-S1' },
  period_outside_plan: { year: 2031, plan: 'pnlevt-2021-2025', years: '2021, 2022, 2023, 2024, 2025' },
  period_mismatch: { sent: '2024', key: '2025' },
  execution_key_reused: { key: 'cle-0001', version: 2 },
  internal: { ref: 'abcd1234' },
  unavailable: {},
  database_busy: { retry: 5 },
  storage_full: {},
};

describe('the error catalogue', () => {
  it('declares each code’s parameters, so a route cannot forget or misspell one', () => {
    // Each line below must fail to compile (tsc runs before the tests): were the parameters not
    // typed per code, the @ts-expect-error would itself be the error.
    // @ts-expect-error — a misspelled parameter
    const misspelled = () => new ApiError('forbidden', { roles: 'admin', rol: 'ministry' });
    // @ts-expect-error — a forgotten parameter
    const forgotten = () => new ApiError('version_locked', { ministry: 'MJS' });
    // @ts-expect-error — a word given in one language only
    const french = () => new ApiError('not_found', { what: 'jeton 42' });
    // @ts-expect-error — a size given as text instead of bytes
    const text = () => new ApiError('payload_too_large', { size: '> 8 Mo', limit: { bytes: 1 } });
    expect([misspelled, forgotten, french, text].every((f) => typeof f === 'function')).toBe(true);
  });

  it('words every message whole in both languages, with no French in the English one', () => {
    for (const code of Object.keys(CATALOGUE) as ErrorCode[]) {
      const error = new ApiError(code, SAMPLES[code] as never);
      const { messages } = errorBody(error, 'en').error;
      expect([code, messages.en]).not.toEqual([code, expect.stringMatching(FRENCH)]);
      for (const message of [messages.fr, messages.en]) {
        expect([code, message]).not.toEqual([code, expect.stringMatching(/undefined|\[object|\{\w+\}/)]);
      }
      expect(error.message).toBe(messages.en);
    }
  });

  it('writes sizes in the message’s language', () => {
    expect([formatBytes(10 * 1024 * 1024, 'fr'), formatBytes(10 * 1024 * 1024, 'en')]).toEqual([
      '10 Mo',
      '10 MB',
    ]);
    expect([formatBytes(13_107_200, 'fr'), formatBytes(13_107_200, 'en')]).toEqual(['12,5 Mo', '12.5 MB']);
    expect([formatBytes(70 * 1024, 'fr'), formatBytes(70 * 1024, 'en')]).toEqual(['70 ko', '70 KB']);
    expect([formatBytes(512, 'fr'), formatBytes(512, 'en')]).toEqual(['512 octets', '512 bytes']);
    expect([
      formatSize({ moreThan: 1024 * 1024 }, 'fr'),
      formatSize({ moreThan: 1024 * 1024 }, 'en'),
    ]).toEqual(['plus de 1 Mo', 'more than 1 MB']);
    const body = errorBody(new ApiError('payload_too_large', SAMPLES.payload_too_large), 'fr').error;
    expect(body.messages).toEqual({
      fr: 'Envoi trop volumineux (12,5 Mo) : la limite est de 10 Mo. Envoyez uniquement le retour de votre ministère.',
      en: "Upload too large (12.5 MB): the limit is 10 MB. Send only your ministry's return.",
    });
  });
});

describe('a 413 says what was sent', () => {
  let s: Service;
  let mjs: string;
  beforeAll(async () => {
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number], { maxJsonBytes: 64 * 1024 });
    mjs = await s.token('ministry', 'MJS');
  });
  afterAll(async () => {
    await s?.db.cleanup();
  });

  it('gives the size the client declared (Content-Length)', async () => {
    const body = JSON.stringify({ ...mjsReturn(), pad: 'x'.repeat(100 * 1024) });
    const r = await s.json('/api/returns', {
      token: mjs,
      body,
      headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
    });
    expect(r.status).toBe(413);
    const kb = Math.round(Buffer.byteLength(body) / 1024);
    expect(r.body.error.messages).toEqual({
      fr: `Envoi trop volumineux (${kb} ko) : la limite est de 64 ko. Envoyez uniquement le retour de votre ministère.`,
      en: `Upload too large (${kb} KB): the limit is 64 KB. Send only your ministry's return.`,
    });
  });

  it('says "more than the limit" in each language when the body came without its size (chunked)', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk);
        else controller.close();
      },
    });
    // Straight to the app: a stream body needs `duplex`, which the harness's calls do not set.
    const res = await s.app.request('/api/returns', {
      method: 'POST',
      body: stream,
      duplex: 'half',
      headers: { authorization: `Bearer ${mjs}`, 'content-type': 'application/json' },
    } as RequestInit);
    const r = { status: res.status, body: await res.json() };
    expect(r.status).toBe(413);
    expect(r.body.error.messages.fr).toMatch(
      /^Envoi trop volumineux \(plus de 64 ko\) : la limite est de 64 ko\./,
    );
    expect(r.body.error.messages.en).toMatch(/^Upload too large \(more than 64 KB\): the limit is 64 KB\./);
  });
});

describe('a database that cannot be reached', () => {
  it('is the catalogue’s 503 with Retry-After, told by the store (nothing listens on the port)', async () => {
    // Port 1 on loopback: the connection is refused at once. The store turns pg's ECONNREFUSED into
    // its own "down"; the HTTP layer only maps that kind.
    const store = createSqlStore(openPostgresDb('postgres://pac:pac@127.0.0.1:1/pac'));
    try {
      const app = createApp({
        store,
        config: { port: 0, dataDir: '.', databaseUrl: undefined, maxJsonBytes: 1024, maxUploadBytes: 1024 },
        log: () => {},
      });
      const r = await app.request('/api/health', { headers: { 'accept-language': 'en' } });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('30');
      const body = (await r.json()) as { error: { code: string; message: string } };
      expect(body.error).toMatchObject({
        code: 'unavailable',
        message: 'Service temporarily unavailable (database). Try again in a moment.',
      });
    } finally {
      await store.close();
    }
  });
});
