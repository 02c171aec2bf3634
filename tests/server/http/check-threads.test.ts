/**
 * Returns checked on worker threads (what `npm start` does), JSON or uploaded workbooks, answer
 * exactly as when they are checked on the event loop (what the other in-process tests use): the
 * same reports, the same refusals in the request's language, the same stored text and hash, the
 * same reading of a workbook; a thread that fails on one request fails that request alone; and a
 * service built on threads takes and refuses returns as the one on the event loop does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPlan, type ReturnDocument } from '#core';
import type { LoadedPlan } from '../../../server/plan/plan-cache.ts';
import { checkThreads, inThread, type ReturnChecker } from '../../../server/returns/check-threads.ts';
import { filledTemplate } from '../../fixtures/filled-template.ts';
import { BACKENDS } from '../store/backends.ts';
import { mjsReturn, type Service, SHIPPED_PLAN, startService } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PLAN: LoadedPlan = {
  row: {
    planId: SHIPPED_PLAN.plan.id,
    version: SHIPPED_PLAN.plan.version,
    publishedAt: '2025-01-01T00:00:00.000Z',
    publishedBy: 'test',
    etag: '"shipped"',
    current: true,
  },
  index: indexPlan(SHIPPED_PLAN),
};

/** One line of the valid return with its total wrong: an error finding at that line. */
function withWrongTotal(): ReturnDocument {
  const doc = mjsReturn();
  const [first, ...rest] = doc.lines;
  return { ...doc, lines: [{ ...(first as ReturnDocument['lines'][number]), total: 999 }, ...rest] };
}

describe('checking threads', () => {
  let threads: ReturnChecker;
  beforeAll(() => {
    threads = checkThreads(2);
  });
  afterAll(async () => {
    await threads?.close();
  });

  it('answer as the event loop does: report, refusals in the request’s language, stored text and hash', async () => {
    const bodies = [
      JSON.stringify(mjsReturn()),
      JSON.stringify({ ...mjsReturn(), clientId: 'client-0001', ministry: 'mjs' }),
      JSON.stringify(withWrongTotal()),
      '{"ministry": "MJS", "lines": "aucune"}',
      '{ pas du JSON',
    ];
    for (const lang of ['fr', 'en'] as const) {
      for (const body of bodies) {
        // Several at once, so that both threads take some and each is sent the plan once.
        const [a, b, c] = await Promise.all([1, 2, 3].map(() => threads.checkJson(body, lang, PLAN)));
        const expected = await inThread.checkJson(body, lang, PLAN);
        expect([a, b, c]).toEqual([expected, expected, expected]);
      }
    }
    const valid = await threads.checkJson(JSON.stringify(mjsReturn()), 'fr', PLAN);
    expect(valid).toMatchObject({ kind: 'checked', ministry: 'MJS', report: { valid: true } });
    const wrong = await threads.checkJson(JSON.stringify(withWrongTotal()), 'fr', PLAN);
    expect(wrong).toMatchObject({ kind: 'checked', report: { valid: false } });
    const invalidEn = await threads.checkJson('{"ministry": "MJS", "lines": "aucune"}', 'en', PLAN);
    expect(invalidEn).toMatchObject({
      kind: 'invalid',
      // In the schema's member order (sorted, so that a valid return is canonical as parsed).
      issues: [{ path: 'lines' }, { path: 'planId' }, { path: 'planVersion' }],
    });
    expect(JSON.stringify(invalidEn)).toMatch(/expected/);
  });

  it('read an uploaded workbook as the event loop does, a good one and a broken one', async () => {
    const { bytes } = await filledTemplate(PLAN.index, { ministry: 'MJS' });
    const file = new Uint8Array(bytes);
    for (const options of [
      { ministry: 'MJS' },
      { ministry: null },
      { ministry: 'MJS', limits: { maxFileBytes: 100 } },
    ]) {
      const [onThread, onLoop] = await Promise.all([
        threads.checkWorkbook(file, PLAN, options),
        inThread.checkWorkbook(file, PLAN, options),
      ]);
      expect(onThread).toEqual(onLoop);
    }
    expect(await threads.checkWorkbook(file, PLAN, { ministry: 'MJS' })).toMatchObject({
      kind: 'checked',
      report: { valid: true },
    });
    // The bytes are copied to the thread: the file the service keeps is intact.
    expect(Buffer.from(file).equals(bytes)).toBe(true);
    const broken = new Uint8Array(bytes.subarray(0, 2000));
    expect(await threads.checkWorkbook(broken, PLAN, {})).toEqual(
      await inThread.checkWorkbook(broken, PLAN, {}),
    );
    expect(await threads.checkWorkbook(broken, PLAN, {})).toMatchObject({ kind: 'unusable' });
  });

  it('fail one request alone when its work throws, and go on with the next', async () => {
    const broken: LoadedPlan = {
      ...PLAN,
      row: { ...PLAN.row, etag: '"broken"' },
      index: { ...PLAN.index, plan: {} as never },
    };
    await expect(threads.checkJson(JSON.stringify(mjsReturn()), 'fr', broken)).rejects.toThrow(
      /checking thread/,
    );
    expect(await threads.checkJson(JSON.stringify(mjsReturn()), 'fr', PLAN)).toMatchObject({
      kind: 'checked',
    });
  });
});

describe('a service checking on threads', () => {
  let s: Service;
  let threads: ReturnChecker;
  let mjs: string;
  beforeAll(async () => {
    threads = checkThreads(1);
    s = await startService(BACKENDS[0] as (typeof BACKENDS)[number], {}, {}, { checker: threads });
    mjs = await s.token('ministry', 'MJS');
  });
  afterAll(async () => {
    await threads?.close();
    await s?.db.cleanup();
  });

  it('takes a return, refuses one with errors, and keeps the canonical text it hashed', async () => {
    const ok = await s.json('/api/returns', {
      token: mjs,
      json: mjsReturn(),
      headers: { 'idempotency-key': 'threads-0001' },
    });
    expect([ok.status, ok.body.receipt.version]).toEqual([201, 1]);
    const again = await s.json('/api/returns', {
      token: mjs,
      json: mjsReturn(),
      headers: { 'idempotency-key': 'threads-0001' },
    });
    expect([again.status, again.body.receipt.replayed]).toEqual([200, true]);
    const refused = await s.json('/api/returns', { token: mjs, json: withWrongTotal() });
    expect([refused.status, refused.body.error.code]).toEqual([422, 'return_has_errors']);
    expect(refused.body.error.details.findings.length).toBeGreaterThan(0);
    const bad = await s.json('/api/returns', {
      token: mjs,
      body: '{',
      headers: { 'content-type': 'application/json' },
    });
    expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_json']);
    const stored = await s.db.store.submissionByVersion('MJS', 1);
    expect(stored?.payload).toEqual(mjsReturn());
    // An uploaded workbook is read on the thread too, and its file kept with the version.
    const { bytes } = await filledTemplate(PLAN.index, { ministry: 'MJS' });
    const uploaded = await s.json('/api/returns/upload', {
      token: mjs,
      body: new Uint8Array(bytes),
      headers: { 'content-type': XLSX, 'x-file-name': 'retour-MJS.xlsx' },
    });
    expect([uploaded.status, uploaded.body.receipt?.version]).toEqual([201, 2]);
    const file = await s.call('/api/returns/MJS/2/file', { token: mjs });
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
  });
});
