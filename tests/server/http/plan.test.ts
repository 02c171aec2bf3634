/** The canonical plan over HTTP: current version, a ministry's part, ETag refresh, history, publishing. */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../store/backends.ts';
import { SHIPPED_PLAN, startService } from './harness.ts';

describeEachBackend('the plan over HTTP', (backend) => {
  it('serves the shipped plan with an ETag and answers 304 when it has not changed', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS');
      const first = await s.call('/api/plan?ministry=MJS', { token: mjs });
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"sha256-[0-9a-f]+:MJS"$/);
      const body = await first.json();
      expect(body.plan.activities.map((a: { code: string }) => a.code)).toEqual([
        '5.4.1.1',
        '5.4.1.2',
        '5.4.1.3',
      ]);
      const again = await s.call('/api/plan?ministry=MJS', {
        token: mjs,
        headers: { 'if-none-match': etag ?? '' },
      });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      const whole = await s.call('/api/plan', { token: mjs, headers: { 'if-none-match': etag ?? '' } });
      expect(whole.status).toBe(200);
      expect((await whole.json()).plan.activities).toHaveLength(103);
      expect((await s.json('/api/plan?ministry=NOPE', { token: mjs })).status).toBe(404);
    } finally {
      await s.db.cleanup();
    }
  });

  it('publishes a new version (administrator only), keeps the old ones, and changes the ETag', async () => {
    const s = await startService(backend);
    try {
      const before = (await s.call('/api/plan')).headers.get('etag');
      const v2 = structuredClone(SHIPPED_PLAN);
      v2.plan.version = '2';
      const mjs = await s.token('ministry', 'MJS');
      expect((await s.json('/api/plan/versions', { token: mjs, json: v2 })).status).toBe(403);
      expect((await s.json('/api/plan/versions', { json: v2 })).status).toBe(201);
      expect((await s.json('/api/plan/versions', { json: v2 })).body.error.code).toBe('plan_version_exists');
      expect((await s.json('/api/plan/versions', { json: { plan: 'non' } })).status).toBe(400);
      const history = await s.json('/api/plan/versions');
      expect(
        history.body.versions.map((v: { version: string; current: boolean }) => [v.version, v.current]),
      ).toEqual([
        ['2', true],
        ['1', false],
      ]);
      expect((await s.call('/api/plan')).headers.get('etag')).not.toBe(before);
      expect((await s.json('/api/plan/versions/1')).body.plan.plan.version).toBe('1');
      expect(s.changes).toContainEqual({ kind: 'plan' });
    } finally {
      await s.db.cleanup();
    }
  });
});
