/**
 * Returns over HTTP, on every backend: a ministry submits JSON; the same checks as in Excel run
 * again; errors refuse it with every finding, warnings are kept; another ministry's activities are
 * forbidden; an older plan version is answered 409 with what changed; retries never make a second
 * version.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, type Service, SHIPPED_PLAN, startService } from './harness.ts';

describeEachBackend('returns over HTTP', (backend) => {
  let s: Service;
  let mjs: string;
  const setup = async () => {
    s = await startService(backend);
    mjs = await s.token('ministry', 'MJS', 'CPS MJS');
  };
  const cleanup = () => s.db.cleanup();

  it('accepts a valid return as version 1 with a receipt, and lists it for the ministry', async () => {
    await setup();
    try {
      const r = await s.json('/api/returns', { token: mjs, json: mjsReturn() });
      expect(r.status).toBe(201);
      expect(r.body.receipt).toMatchObject({
        ministry: 'MJS',
        version: 1,
        planVersion: '1',
        state: 'submitted',
        errors: 0,
        replayed: false,
      });
      expect(r.headers.get('location')).toBe('/api/returns/MJS/1');
      const list = await s.json('/api/returns', { token: mjs });
      expect(list.body.returns.map((x: { version: number }) => x.version)).toEqual([1]);
      const one = await s.json('/api/returns/MJS/1', { token: mjs });
      expect(one.body.return.payload.lines).toHaveLength(3);
      expect(s.changes).toEqual([{ kind: 'submission', ministry: 'MJS' }]);
    } finally {
      await cleanup();
    }
  });

  it('refuses a return with errors (422), listing every finding with its place, and writes nothing', async () => {
    await setup();
    try {
      const doc = mjsReturn();
      const [first] = doc.lines;
      if (first) first.total = 140;
      if (first) first.national = -5;
      const r = await s.json('/api/returns', { token: mjs, json: doc });
      expect(r.status).toBe(422);
      expect(r.body.error.code).toBe('return_has_errors');
      expect(r.body.error.message).toMatch(/^Retour refusé : \d+ erreur\(s\)/);
      type Place = { activity: string; field: string; cell?: string };
      const codes = r.body.error.details.findings.map((f: { code: string; where: Place }) => [
        f.where.activity,
        f.where.field,
        f.where.cell,
        f.code,
      ]);
      // A line sent without a row has no cell: its place is its activity and field, never a JSON path.
      expect(codes).toEqual(
        expect.arrayContaining([
          [first?.activity, 'national', undefined, 'negative_amount'],
          [first?.activity, 'total', undefined, 'line_total_mismatch'],
        ]),
      );
      expect(r.body.error.details.findings[0].where.title).toEqual(expect.any(String));
      expect((await s.json('/api/returns', { token: mjs })).body.returns).toEqual([]);
    } finally {
      await cleanup();
    }
  });

  it('keeps warnings with an accepted return', async () => {
    await setup();
    try {
      const doc = mjsReturn();
      doc.lines = doc.lines.slice(0, 2); // 5.4.1.3 missing: a warning, not an error
      const r = await s.json('/api/returns', { token: mjs, json: doc });
      expect(r.status).toBe(201);
      expect(r.body.receipt.warnings).toBeGreaterThan(0);
      expect(r.body.receipt.findings.map((f: { code: string }) => f.code)).toContain('activity_missing');
    } finally {
      await cleanup();
    }
  });

  it("forbids lines for another ministry's activities (403), and another ministry's return (403)", async () => {
    await setup();
    try {
      const doc = mjsReturn();
      doc.lines.push({
        activity: '1.1.1.1',
        nature: 'costed',
        years: { 2021: 500 },
        total: 500,
        national: null,
        external: null,
        execution: [2021],
        comment: null,
      });
      const r = await s.json('/api/returns', { token: mjs, json: doc });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe('activities_not_owned');
      expect(r.body.error.message).toContain('1.1.1.1');
      const other = await s.json('/api/returns', { token: mjs, json: { ...mjsReturn(), ministry: 'MARCC' } });
      expect(other.status).toBe(403);
      expect(other.body.error.code).toBe('wrong_ministry');
      expect(other.body.error.messages.en).toContain('MJS');
    } finally {
      await cleanup();
    }
  });

  it('lets a joint activity be reported by each ministry named on it', async () => {
    await setup();
    try {
      const mrn = await s.token('ministry', 'MRN-APR');
      const lines = SHIPPED_PLAN.activities
        .filter((a) => a.responsible === 'MRN' || a.jointWith.includes('MRN'))
        .map((a) => ({
          activity: a.code,
          nature: 'pm' as const,
          years: {},
          total: null,
          national: null,
          external: null,
          execution: [],
          comment: null,
        }));
      expect(lines.map((l) => l.activity)).toContain('5.3.2.3');
      const r = await s.json('/api/returns', {
        token: mrn,
        json: { ministry: 'MRN', planId: 'pnlevt-2021-2025', planVersion: '1', lines },
      });
      expect(r.status).toBe(201);
    } finally {
      await cleanup();
    }
  });

  it('answers a return made on an older plan version with 409 and what changed', async () => {
    await setup();
    try {
      const v2 = structuredClone(SHIPPED_PLAN);
      v2.plan.version = '2';
      const renamed = v2.activities.find((a) => a.code === '5.4.1.1');
      if (renamed) renamed.title = 'Nouvel intitulé';
      expect((await s.json('/api/plan/versions', { json: v2 })).status).toBe(201);
      const r = await s.json('/api/returns', { token: mjs, json: mjsReturn() });
      expect(r.status).toBe(409);
      expect(r.body.error.code).toBe('plan_version_outdated');
      expect(r.body.error.details).toMatchObject({ sentVersion: '1', currentVersion: '2' });
      expect(JSON.stringify(r.body.error.details.changes)).toContain('5.4.1.1');
    } finally {
      await cleanup();
    }
  });

  it('never creates a second version for a retry with the same Idempotency-Key', async () => {
    await setup();
    try {
      const headers = { 'idempotency-key': 'retour-mjs-0001' };
      const first = await s.json('/api/returns', { token: mjs, json: mjsReturn(), headers });
      const again = await s.json('/api/returns', { token: mjs, json: mjsReturn(), headers });
      expect([first.status, again.status]).toEqual([201, 200]);
      expect(again.body.receipt).toMatchObject({ version: 1, replayed: true, id: first.body.receipt.id });
      const viaBody = await s.json('/api/returns', {
        token: mjs,
        json: { ...mjsReturn(), clientId: 'retour-mjs-0001' },
      });
      expect(viaBody.body.receipt.version).toBe(1);
      const reused = await s.json('/api/returns', {
        token: mjs,
        json: { ...mjsReturn(), lines: mjsReturn().lines.slice(0, 2) },
        headers,
      });
      expect(reused.status).toBe(422);
      expect(reused.body.error.code).toBe('idempotency_key_reused');
      expect((await s.json('/api/returns', { token: mjs })).body.returns).toHaveLength(1);
    } finally {
      await cleanup();
    }
  });

  it('makes a new version for each new submission and diffs two versions', async () => {
    await setup();
    try {
      await s.json('/api/returns', { token: mjs, json: mjsReturn() });
      const doc = mjsReturn();
      const [first] = doc.lines;
      if (first) {
        first.years = { 2021: 27.000001, 2022: 27, 2023: 27, 2024: 27, 2025: 27 };
        first.total = 135.000001;
        first.national = 35.000001;
      }
      const second = await s.json('/api/returns', { token: mjs, json: doc });
      expect(second.body.receipt.version).toBe(2);
      const diff = await s.json('/api/returns/MJS/diff?from=1&to=2', { token: mjs });
      expect(diff.status).toBe(200);
      expect(JSON.stringify(diff.body.diff)).toContain('5.4.1.1');
    } finally {
      await cleanup();
    }
  });
});
