/**
 * Who may do what, and how every refusal looks: clear JSON in French (English on request), with a
 * 4xx status, never a 5xx — whatever the client sends.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, startService } from './harness.ts';

describeEachBackend('authentication, roles and errors', (backend) => {
  it('refuses a missing, malformed, unknown, revoked or expired token with 401 and a French message', async () => {
    const s = await startService(backend);
    try {
      const none = await s.json('/api/plan', { token: null });
      expect(none.status).toBe(401);
      expect(none.body.error).toMatchObject({ code: 'unauthenticated', status: 401 });
      expect(none.body.error.message).toContain('Authorization: Bearer');
      expect((await s.json('/api/plan', { token: 'n-importe-quoi' })).body.error.code).toBe('invalid_token');
      const forged = `${s.adminToken.slice(0, -4)}AAAA`;
      expect((await s.json('/api/plan', { token: forged })).status).toBe(401);

      const created = await s.json('/api/tokens', { json: { role: 'consolidator', label: 'SP' } });
      const { secret, token } = created.body;
      expect(secret).toMatch(/^pac_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
      expect(JSON.stringify(created.body.token)).not.toContain(secret.slice(-20));
      expect((await s.json('/api/status', { token: secret })).status).not.toBe(401);
      expect((await s.json(`/api/tokens/${token.id}/revoke`, { method: 'POST' })).status).toBe(200);
      expect((await s.json('/api/plan', { token: secret })).body.error.code).toBe('invalid_token');

      const expired = await s.json('/api/tokens', {
        json: { role: 'consolidator', label: 'vieux', expiresAt: '2020-01-01T00:00:00Z' },
      });
      expect((await s.json('/api/plan', { token: expired.body.secret })).status).toBe(401);

      const english = await s.json('/api/plan', { token: null, headers: { 'accept-language': 'en-GB,en' } });
      expect(english.body.error.message).toContain('Missing access token');
      expect(english.body.error.messages.fr).toContain('Jeton');
    } finally {
      await s.db.cleanup();
    }
  });

  it('keeps each role to its own actions (403), and records who did what', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      const sp = await s.token('consolidator', undefined, 'Secrétariat permanent');
      expect((await s.json('/api/tokens', { token: mjs })).body.error.code).toBe('forbidden');
      expect((await s.json('/api/tokens', { token: sp })).status).toBe(403);
      expect((await s.json('/api/returns', { token: sp, json: mjsReturn() })).status).toBe(403);
      expect((await s.json('/api/returns/MARCC/1', { token: mjs })).body.error.code).toBe('wrong_ministry');
      expect(
        (await s.json('/api/tokens', { json: { role: 'ministry', ministry: 'XYZ', label: 'x' } })).status,
      ).toBe(400);
      const me = await s.json('/api/me', { token: mjs });
      expect(me.body).toMatchObject({
        role: 'ministry',
        label: 'CPS MJS',
        ministry: { code: 'MJS' },
        plan: { version: '1' },
      });
      const audit = await s.json('/api/audit', { token: sp });
      const actions = audit.body.entries.map((e: { action: string; tokenLabel: string }) => [
        e.action,
        e.tokenLabel,
      ]);
      expect(actions).toEqual(
        expect.arrayContaining([expect.arrayContaining(['Administrateur (premier démarrage)'])]),
      );
    } finally {
      await s.db.cleanup();
    }
  });

  it('answers malformed JSON 400, a wrong content type 415, an unknown route 404, an oversized body 413', async () => {
    const s = await startService(backend, { maxJsonBytes: 2000 });
    try {
      const mjs = await s.token('ministry', 'MJS');
      const bad = await s.json('/api/returns', {
        token: mjs,
        body: '{"ministry": "MJS",',
        headers: { 'content-type': 'application/json' },
      });
      expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_json']);
      const invalid = await s.json('/api/returns', { token: mjs, json: { ministry: 'MJS', lines: 'non' } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(
        expect.arrayContaining(['planId', 'lines']),
      );
      const type = await s.json('/api/returns', {
        token: mjs,
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      });
      expect([type.status, type.body.error.code]).toEqual([415, 'unsupported_media_type']);
      const missing = await s.json('/api/nulle-part', { token: mjs });
      expect([missing.status, missing.body.error.code]).toEqual([404, 'not_found']);
      const big = await s.json('/api/returns', {
        token: mjs,
        json: { ...mjsReturn(), pad: 'x'.repeat(5000) },
      });
      expect([big.status, big.body.error.code]).toEqual([413, 'payload_too_large']);
      expect(big.body.error.message).toContain('limite');
    } finally {
      await s.db.cleanup();
    }
  });

  it('never answers 5xx to whatever a client sends as a return', async () => {
    // Sixty refusals from one token: above the refused-attempt rate limit (tested in attempts.test.ts).
    const s = await startService(backend, {
      attemptLimits: { perToken: 1000, windowMs: 3_600_000, keepPerMinistry: 50 },
    });
    try {
      const mjs = await s.token('ministry', 'MJS');
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(fc.json(), fc.string(), fc.constant('{"lines":[{"activity":"\\u0000"}]}')),
          async (body) => {
            const r = await s.call('/api/returns', {
              token: mjs,
              body,
              headers: { 'content-type': 'application/json' },
            });
            expect(r.status).toBeLessThan(500);
            expect(r.headers.get('content-type')).toContain('application/json');
          },
        ),
        { numRuns: 60 },
      );
      const weird = mjsReturn();
      const [first] = weird.lines;
      if (first) first.comment = '\u0000 =cmd|calc';
      expect((await s.call('/api/returns', { token: mjs, json: weird })).status).toBe(400);
      expect(s.logs).toEqual([]);
    } finally {
      await s.db.cleanup();
    }
  });

  it('serves its OpenAPI document without a token', async () => {
    const s = await startService(backend);
    try {
      const doc = await s.json('/api/openapi.json', { token: null });
      expect(doc.status).toBe(200);
      expect(doc.body.openapi).toBe('3.1.0');
      expect(Object.keys(doc.body.paths)).toEqual(
        expect.arrayContaining(['/api/plan', '/api/returns', '/api/returns/upload', '/api/status']),
      );
      expect(doc.body.components.schemas.ReturnDocument.properties.lines).toBeDefined();
    } finally {
      await s.db.cleanup();
    }
  });
});
