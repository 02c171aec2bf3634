/**
 * Refused sends are kept as attempts, over HTTP on every backend: a refused JSON return and a
 * refused upload each leave an attempt with its findings and no version; the status shows the last
 * one and a ministry with only refusals is no longer "not started"; each kind of refusal a ministry
 * can act on is recorded under its code; the rate limit answers 429 and stops recording (a valid
 * return still goes through); each ministry keeps only its latest attempts; findings are capped
 * with true counts; a ministry reads only its own.
 */
import { expect, it } from 'vitest';
import type { ReturnDocument } from '#core';
import type { AttemptLimits } from '../../../server/store/store.ts';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, type Service, startService } from './harness.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** MJS's return with 5.4.1.1's total typed over: errors, line_total_mismatch among them. */
function withErrors(comment = 'envoi refusé'): ReturnDocument {
  const doc = mjsReturn();
  const [first] = doc.lines;
  if (first) {
    first.total = 999;
    first.comment = comment;
  }
  return doc;
}

const limits = (over: Partial<AttemptLimits>): { attemptLimits: AttemptLimits } => ({
  attemptLimits: { perToken: 20, windowMs: 3_600_000, keepPerMinistry: 50, ...over },
});

async function attemptsOf(s: Service, ministry: string, token?: string) {
  const r = await s.json(`/api/returns/${ministry}/attempts`, token ? { token } : {});
  expect(r.status).toBe(200);
  return r.body.attempts as { id: string; code: string; errorCount: number; source: string }[];
}

describeEachBackend('refused sends kept as attempts', (backend) => {
  it('keeps a refused JSON return as an attempt with its findings, not as a version, and the status says so', async () => {
    const s = await startService(backend, { deadline: '2020-01-01T00:00:00.000Z' });
    try {
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      const sp = await s.token('consolidator');
      const refused = await s.json('/api/returns', { token: mjs, json: withErrors() });
      expect(refused.status).toBe(422);
      expect((await s.json('/api/returns?ministry=MJS', { token: sp })).body.returns).toEqual([]);

      const [listed, ...more] = await attemptsOf(s, 'MJS', sp);
      expect(more).toEqual([]);
      expect(listed).toMatchObject({
        ministry: 'MJS',
        planId: 'pnlevt-2021-2025',
        planVersion: '1',
        source: 'json',
        fileName: null,
        code: 'return_has_errors',
        errorCount: refused.body.error.details.stats.errors,
        tokenLabel: 'CPS MJS',
        messages: { fr: refused.body.error.messages.fr, en: refused.body.error.messages.en },
      });
      const opened = await s.json(`/api/returns/MJS/attempts/${listed?.id}`, { token: sp });
      expect(opened.status).toBe(200);
      expect(opened.body.attempt.findings).toEqual(refused.body.error.details.findings);
      expect(opened.body.attempt.findings.map((f: { code: string }) => f.code)).toContain(
        'line_total_mismatch',
      );

      const status = await s.json('/api/status', { token: sp });
      const row = status.body.ministries.find((m: { ministry: string }) => m.ministry === 'MJS');
      expect(row).toMatchObject({
        state: 'refused',
        version: null,
        lastAttempt: {
          id: listed?.id,
          code: 'return_has_errors',
          errors: refused.body.error.details.stats.errors,
          afterLatestVersion: true,
        },
      });
      expect(Date.parse(row.lastAttempt.at)).not.toBeNaN();
      expect(status.body.totals).toMatchObject({ notStarted: 10, refused: 1, lastSendRefused: 1 });
      // A ministry with only refusals is late like one that has sent nothing.
      expect(row.late).toBe(true);
    } finally {
      await s.db.cleanup();
    }
  });

  it('keeps a refused upload as an attempt with the file name, never the file', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const marker = 'PAC-MARQUEUR-DU-FICHIER-REFUSE';
      const body = new TextEncoder().encode(`${marker} ceci n'est pas un classeur ${marker}`);
      const r = await s.json('/api/returns/upload', {
        token: mjs,
        body,
        headers: { 'content-type': XLSX, 'x-file-name': 'retour%20MJS.xlsx' },
      });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('unusable_file');
      const [attempt] = await attemptsOf(s, 'MJS', mjs);
      expect(attempt).toMatchObject({ source: 'xlsx', fileName: 'retour MJS.xlsx', code: 'unusable_file' });
      const opened = await s.json(`/api/returns/MJS/attempts/${attempt?.id}`, { token: mjs });
      expect(opened.body.attempt.details).toEqual({ problem: r.body.error.details.problem });
      const rows = await s.db.db.query('SELECT * FROM submission_attempts');
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain(marker);
      expect((await s.json('/api/returns', { token: mjs })).body.returns).toEqual([]);
    } finally {
      await s.db.cleanup();
    }
  });

  it('records every refusal a ministry can act on, under its code', async () => {
    const s = await startService(backend, { maxJsonBytes: 64 * 1024 });
    try {
      const mjs = await s.token('ministry', 'MJS');
      const cases: [string, Parameters<Service['call']>[1], string, number][] = [
        ['errors in the return', { json: withErrors() }, 'return_has_errors', 422],
        [
          'not JSON',
          { body: '{"ministry":', headers: { 'content-type': 'application/json' } },
          'bad_json',
          400,
        ],
        ['a malformed document', { json: { ministry: 'MJS', lines: 'aucune' } }, 'invalid_request', 400],
        ['another ministry named', { json: mjsReturn({ ministry: 'MEF' }) }, 'wrong_ministry', 403],
        ['an outdated plan', { json: mjsReturn({ planVersion: '0' }) }, 'plan_version_outdated', 409],
        [
          'a wrong content type',
          { body: 'x', headers: { 'content-type': 'text/plain' } },
          'unsupported_media_type',
          415,
        ],
        [
          'an oversized body',
          { body: 'x'.repeat(70 * 1024), headers: { 'content-type': 'application/json' } },
          'payload_too_large',
          413,
        ],
      ];
      for (const [name, call, code, status] of cases) {
        const r = await s.json('/api/returns', { token: mjs, ...call });
        expect([name, r.status, r.body.error.code]).toEqual([name, status, code]);
      }
      const form = await s.json('/api/returns/upload', {
        token: mjs,
        body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\ntronqu',
        headers: { 'content-type': 'multipart/form-data; boundary=x' },
      });
      expect([form.status, form.body.error.code]).toEqual([400, 'bad_multipart']);
      const codes = (await attemptsOf(s, 'MJS', mjs)).map((a) => [a.code, a.source]).reverse();
      expect(codes).toEqual([...cases.map(([, , code]) => [code, 'json']), ['bad_multipart', 'xlsx']]);
      const malformed = (await attemptsOf(s, 'MJS', mjs)).find((a) => a.code === 'invalid_request');
      const opened = await s.json(`/api/returns/MJS/attempts/${malformed?.id}`, { token: mjs });
      expect(opened.body.attempt.details.issues.map((i: { path: string }) => i.path)).toContain('lines');
      expect(opened.body.attempt.errorCount).toBe(opened.body.attempt.details.issues.length);
    } finally {
      await s.db.cleanup();
    }
  });

  it('answers 429 with Retry-After beyond the rate limit and records no more; a valid return still goes through', async () => {
    const s = await startService(backend, limits({ perToken: 3 }));
    try {
      const mjs = await s.token('ministry', 'MJS');
      for (let i = 0; i < 3; i++) {
        expect((await s.json('/api/returns', { token: mjs, json: withErrors(`essai ${i}`) })).status).toBe(
          422,
        );
      }
      const limited = await s.json('/api/returns', { token: mjs, json: withErrors('essai 3') });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('too_many_refusals');
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(3600);
      expect(limited.body.error.messages.fr).toContain('3 envois refusés');
      expect(limited.body.error.messages.en).toContain('3 refused submissions');
      // What was wrong is still said.
      expect(limited.body.error.details.refusal).toMatchObject({ code: 'return_has_errors', status: 422 });
      expect(limited.body.error.details.refusal.details.findings.length).toBeGreaterThan(0);
      expect(await attemptsOf(s, 'MJS', mjs)).toHaveLength(3);

      // The limit is the token's: another token of the ministry is still heard.
      const other = await s.token('ministry', 'MJS', 'CPS MJS bis');
      expect((await s.json('/api/returns', { token: other, json: withErrors() })).status).toBe(422);
      expect(await attemptsOf(s, 'MJS', mjs)).toHaveLength(4);

      const accepted = await s.json('/api/returns', { token: mjs, json: mjsReturn() });
      expect(accepted.status).toBe(201);
      const status = await s.json('/api/status', { token: mjs });
      expect(status.body.ministries[0]).toMatchObject({
        state: 'submitted',
        version: 1,
        lastAttempt: { afterLatestVersion: false },
      });
    } finally {
      await s.db.cleanup();
    }
  });

  it('keeps only the latest attempts of each ministry', async () => {
    const s = await startService(backend, limits({ keepPerMinistry: 4 }));
    try {
      const mjs = await s.token('ministry', 'MJS');
      const mef = await s.token('ministry', 'MEF');
      await s.json('/api/returns', { token: mef, json: mjsReturn({ ministry: 'MEF' }) });
      for (let i = 0; i < 7; i++)
        await s.json('/api/returns', { token: mjs, json: withErrors(`essai ${i}`) });
      const kept = await attemptsOf(s, 'MJS', mjs);
      expect(kept).toHaveLength(4);
      const times = await Promise.all(
        kept.map(async (a) => {
          const r = await s.json(`/api/returns/MJS/attempts/${a.id}`, { token: mjs });
          return r.body.attempt.createdAt as string;
        }),
      );
      expect(times).toEqual([...times].sort().reverse());
      // The other ministry's attempt is not pruned by MJS's.
      expect(await attemptsOf(s, 'MEF', mef)).toHaveLength(1);
      const rows = await s.db.db.query<{ n: unknown }>('SELECT COUNT(*) AS n FROM submission_attempts');
      expect(Number(rows[0]?.n)).toBe(5);
    } finally {
      await s.db.cleanup();
    }
  });

  it('stores the first 200 findings, errors first, and the true counts', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const doc = mjsReturn();
      const unknown = Array.from({ length: 250 }, (_, i) => ({
        ...(doc.lines[1] as ReturnDocument['lines'][number]),
        activity: `9.9.9.${i + 1}`,
      }));
      const r = await s.json('/api/returns', {
        token: mjs,
        json: { ...doc, lines: [...doc.lines, ...unknown] },
      });
      expect(r.status).toBe(422);
      const all = r.body.error.details.findings as { severity: string }[];
      expect(all.length).toBeGreaterThanOrEqual(250);
      const [summary] = await attemptsOf(s, 'MJS', mjs);
      const opened = (await s.json(`/api/returns/MJS/attempts/${summary?.id}`, { token: mjs })).body.attempt;
      expect(opened.findingCount).toBe(all.length);
      expect(opened.errorCount).toBe(all.filter((f) => f.severity === 'error').length);
      expect(opened.warningCount).toBe(all.filter((f) => f.severity === 'warning').length);
      expect(opened.findings).toHaveLength(200);
      expect(opened.findings.every((f: { severity: string }) => f.severity === 'error')).toBe(true);
    } finally {
      await s.db.cleanup();
    }
  });

  it('lets a ministry read only its own attempts; the consolidator reads them all', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const mef = await s.token('ministry', 'MEF');
      const sp = await s.token('consolidator');
      await s.json('/api/returns', { token: mjs, json: withErrors() });
      const [attempt] = await attemptsOf(s, 'MJS', sp);
      const list = await s.json('/api/returns/MJS/attempts', { token: mef });
      expect([list.status, list.body.error.code]).toEqual([403, 'wrong_ministry']);
      const one = await s.json(`/api/returns/MJS/attempts/${attempt?.id}`, { token: mef });
      expect([one.status, one.body.error.code]).toEqual([403, 'wrong_ministry']);
      // Asking under its own code does not reach another ministry's attempt either.
      const sideways = await s.json(`/api/returns/MEF/attempts/${attempt?.id}`, { token: mef });
      expect(sideways.status).toBe(404);
      const status = await s.json('/api/status', { token: mef });
      expect(status.body.ministries.map((m: { ministry: string }) => m.ministry)).toEqual(['MEF']);
      expect(status.body.ministries[0].lastAttempt).toBeNull();
    } finally {
      await s.db.cleanup();
    }
  });
});
