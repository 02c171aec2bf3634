/**
 * Reviews: the consolidator returns a version with a comment (the ministry sees it), accepts one
 * (locked until reopened), and every state change is kept.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../store/backends.ts';
import { mjsReturn, startService } from './harness.ts';

describeEachBackend('reviews over HTTP', (backend) => {
  it('returns a version with a comment, accepts the next one, locks it until reopened', async () => {
    const s = await startService(backend);
    try {
      const mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      const sp = await s.token('consolidator', undefined, 'Secrétariat permanent');
      await s.json('/api/returns', { token: mjs, json: mjsReturn() });

      expect(
        (await s.json('/api/returns/MJS/1/review', { token: mjs, json: { action: 'accept' } })).status,
      ).toBe(403);
      const back = await s.json('/api/returns/MJS/1/review', {
        token: sp,
        json: { action: 'return', comment: 'Répartir le financement extérieur par bailleur.' },
      });
      expect(back.status).toBe(200);
      const seen = (await s.json('/api/returns', { token: mjs })).body.returns[0];
      expect(seen).toMatchObject({
        version: 1,
        state: 'returned',
        reviewComment: 'Répartir le financement extérieur par bailleur.',
        reviewedBy: 'Secrétariat permanent',
      });

      expect((await s.json('/api/returns', { token: mjs, json: mjsReturn() })).body.receipt.version).toBe(2);
      expect(
        (await s.json('/api/returns/MJS/1/review', { token: sp, json: { action: 'accept' } })).body.error
          .code,
      ).toBe('review_not_allowed');
      expect(
        (await s.json('/api/returns/MJS/2/review', { token: sp, json: { action: 'accept' } })).status,
      ).toBe(200);

      const locked = await s.json('/api/returns', { token: mjs, json: mjsReturn() });
      expect([locked.status, locked.body.error.code]).toEqual([409, 'version_locked']);
      expect(locked.body.error.message).toContain('rouvrez');
      expect(
        (await s.json('/api/returns/MJS/2/review', { token: sp, json: { action: 'return' } })).body.error
          .code,
      ).toBe('version_locked');

      expect(
        (
          await s.json('/api/returns/MJS/2/review', {
            token: sp,
            json: { action: 'reopen', comment: 'Révision budgétaire' },
          })
        ).status,
      ).toBe(200);
      expect((await s.json('/api/returns', { token: mjs, json: mjsReturn() })).body.receipt.version).toBe(3);

      const detail = await s.json('/api/returns/MJS/2', { token: sp });
      expect(detail.body.reviews.map((r: { action: string }) => r.action)).toEqual(['accept', 'reopen']);
      expect(s.changes.filter((c) => c.kind === 'review')).toHaveLength(3);
    } finally {
      await s.db.cleanup();
    }
  });
});
