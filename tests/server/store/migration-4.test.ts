/**
 * Migration 4 (several plans side by side), and those after it, on a database made by release 3: the schema
 * of migrations 1–3 only, holding plan versions, tokens, returns with their files, reviews,
 * refused attempts and audit entries. Opened by the new code, every row is still there, unchanged
 * and readable through the store; the append-only guards and the foreign keys still hold; and the
 * same ministry can then start at version 1 on a second plan.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import type { Plan } from '#core';
import type { Db } from '../../../server/store/db.ts';
import { MIGRATIONS, migrate } from '../../../server/store/migrations.ts';
import { describeEachBackend, useFreshDatabase } from './backends.ts';
import { ADMIN, CONSOLIDATOR, MARCC, newSubmission, newToken, PLAN_ID, planVersion } from './fixtures.ts';

const TABLES = [
  'plan_versions',
  'tokens',
  'submissions',
  'submission_files',
  'reviews',
  'audit_log',
  'submission_attempts',
  'mirror_outbox',
] as const;

/** Every row of every table, in a fixed order, with blobs as hex: what must survive. */
async function snapshot(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const key = table === 'submission_files' ? 'submission_id' : table === 'mirror_outbox' ? 'target' : 'id';
    const order = table === 'plan_versions' ? 'seq' : key;
    const rows = await db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);
    out[table] = rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v]),
      ),
    );
  }
  return out;
}

/** A second plan, hosted beside the first. */
function nextPlan(): Plan {
  const plan = planVersion('1', 'PNLEVT 2026–2030');
  return { ...plan, plan: { ...plan.plan, id: 'pnlevt-2026-2030' } };
}

describeEachBackend('migration 4 on a database of the current release', (backend) => {
  const t = useFreshDatabase(backend, { migrate: false });

  it('keeps every row, readable, and numbers returns per plan afterwards', async () => {
    const { db, store } = t();
    expect(await migrate(db, MIGRATIONS.slice(0, 3))).toEqual([1, 2, 3]);

    // What a service of the current release holds after a campaign.
    await store.publishPlan(planVersion('1'), ADMIN);
    await store.publishPlan(planVersion('2', 'Plan révisé'), ADMIN);
    await store.createToken(newToken({ role: 'ministry', ministry: 'MARCC', label: 'CPS MARCC' }), ADMIN);
    const file = new Uint8Array([0x50, 0x4b, 3, 4, 0, 255, 7]);
    const ids: string[] = [];
    for (const [ministry, version, withFile] of [
      ['MARCC', '1', true],
      ['MARCC', '2', false],
      ['MRN', '2', true],
    ] as const) {
      const r = await store.insertSubmission(
        newSubmission({
          ministry,
          planVersion: version,
          clientKey: `key-${ministry}-${version}`,
          file: withFile ? file : null,
          source: withFile ? 'xlsx' : 'json',
        }),
        MARCC,
      );
      ids.push(r.submission.id);
    }
    await store.addReview(
      { id: randomUUID(), submissionId: ids[0] ?? '', action: 'return', comment: 'À revoir' },
      CONSOLIDATOR,
    );
    await store.addReview(
      { id: randomUUID(), submissionId: ids[1] ?? '', action: 'accept', comment: null },
      CONSOLIDATOR,
    );
    // Written as release 3 wrote it, with its columns only: the store of today writes more.
    await db.run(
      `INSERT INTO submission_attempts (id, ministry, plan_id, plan_version, source, file_name, error_code,
         message_fr, message_en, error_count, warning_count, finding_count, findings, details, token_id,
         token_label, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
      [
        '01J00000000000000000000000',
        'MRN',
        PLAN_ID,
        '2',
        'xlsx',
        'retour.xlsx',
        'return_has_errors',
        'Retour refusé',
        'Return refused',
        1,
        0,
        0,
        '[]',
        'null',
        MARCC.tokenId,
        MARCC.label,
        '2026-01-01T00:00:00.000Z',
      ],
    );
    await store.enqueueMirror('sheet', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:05.000Z');
    const before = await snapshot(db);
    expect(before.submissions).toHaveLength(3);
    expect(before.reviews).toHaveLength(2);
    expect(before.submission_files).toHaveLength(2);
    expect(before.audit_log?.length).toBeGreaterThanOrEqual(8);

    // The new code opens it.
    await store.migrate();
    const [{ n } = { n: 0 }] = await db.query<{ n: unknown }>(
      'SELECT MAX(version) AS n FROM schema_migrations',
    );
    expect(Number(n)).toBe(MIGRATIONS.at(-1)?.version);
    // Unchanged, but for the column migration 5 adds to refused sends (null: a planning return's).
    const attemptsWithPeriod = before.submission_attempts?.map((r) => ({ ...(r as object), period: null }));
    expect(await snapshot(db)).toEqual({ ...before, submission_attempts: attemptsWithPeriod });
    if (db.dialect === 'sqlite') expect(await db.query('PRAGMA foreign_key_check')).toEqual([]);

    // Readable through the store, as before.
    expect((await store.currentPlan())?.row.version).toBe('2');
    const marcc2 = await store.submissionByVersion('MARCC', 2, PLAN_ID);
    expect(marcc2).toMatchObject({ id: ids[1], state: 'accepted', planVersion: '2' });
    expect((await store.submissionByVersion('MARCC', 1, PLAN_ID))?.state).toBe('returned');
    expect([...((await store.submissionFile(ids[0] ?? '')) ?? [])]).toEqual([...file]);
    expect((await store.reviews(ids[0] ?? '')).map((r) => r.comment)).toEqual(['À revoir']);
    expect((await store.latestSubmissions(PLAN_ID)).map((s) => [s.ministry, s.version])).toEqual([
      ['MARCC', 2],
      ['MRN', 1],
    ]);
    expect((await store.listAttempts('MRN', PLAN_ID)).map((a) => a.fileName)).toEqual(['retour.xlsx']);
    expect((await store.audit({ limit: 100 })).length).toBe(before.audit_log?.length);

    // Still append-only, still tied to existing returns.
    await expect(db.run("UPDATE submissions SET ministry = 'X'")).rejects.toThrow();
    await expect(db.run('DELETE FROM submissions')).rejects.toThrow();
    await expect(
      db.run('INSERT INTO submission_files (submission_id, bytes) VALUES ($1, $2)', ['nowhere', file]),
    ).rejects.toThrow();

    // A second plan beside the first: MARCC starts again at version 1 there, even with a key it
    // used on the first plan, and the first plan keeps its current version.
    await store.publishPlan(nextPlan(), ADMIN);
    const other = await store.insertSubmission(
      newSubmission({ ministry: 'MARCC', planId: 'pnlevt-2026-2030', clientKey: 'key-MARCC-1' }),
      MARCC,
    );
    expect(other).toMatchObject({ kind: 'created', submission: { version: 1, planId: 'pnlevt-2026-2030' } });
    expect((await store.currentPlan(PLAN_ID))?.row.version).toBe('2');
    expect((await store.listPlans()).map((p) => [p.planId, p.version])).toEqual([
      ['pnlevt-2026-2030', '1'],
      [PLAN_ID, '2'],
    ]);
    // The first plan's accepted version still locks only that plan.
    expect(
      (await store.listSubmissions({ planId: PLAN_ID, ministry: 'MARCC' })).map((s) => s.version),
    ).toEqual([2, 1]);
  });
});
