/**
 * The Store's behaviour, the same suite on every available backend: plan versions, tokens,
 * submissions (numbering under concurrency, idempotency, files), reviews and the state they give,
 * and the audit entry that goes with every write — or does not, when the write fails.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { createSqlStore } from '../../../server/store/sql-store.ts';
import { PlanVersionExistsError, type Store } from '../../../server/store/store.ts';
import { describeEachBackend, useFreshDatabase } from './backends.ts';
import {
  ADMIN,
  CONSOLIDATOR,
  count,
  failingDb,
  MARCC,
  newSubmission,
  newToken,
  PLAN_ID,
  planVersion,
  SYSTEM,
} from './fixtures.ts';

async function auditActions(store: Store): Promise<string[]> {
  return (await store.audit({ limit: 1000 })).map((a) => a.action).reverse();
}

describeEachBackend('plan versions', (backend) => {
  const t = useFreshDatabase(backend);

  it('has no current plan before the first publication', async () => {
    expect(await t().store.currentPlan()).toBeNull();
    expect(await t().store.listPlanVersions()).toEqual([]);
    expect(await t().store.planVersion('1')).toBeNull();
  });

  it('publishes a version, makes it current and keeps the document intact', async () => {
    const plan = planVersion('1');
    const row = await t().store.publishPlan(plan, ADMIN);
    expect(row).toMatchObject({
      planId: PLAN_ID,
      version: '1',
      publishedBy: 'Administrateur',
      current: true,
    });
    expect(row.etag).toMatch(/^"sha256-[0-9a-f]{64}"$/);
    const current = await t().store.currentPlan();
    expect(current?.row).toEqual(row);
    expect(current?.plan).toEqual(plan);
  });

  it('moves the current flag on publish and keeps the history, newest first', async () => {
    const { store } = t();
    const v1 = await store.publishPlan(planVersion('1'), ADMIN);
    const v2 = await store.publishPlan(planVersion('2', 'Plan révisé'), ADMIN);
    expect((await store.currentPlan())?.row.version).toBe('2');
    expect((await store.listPlanVersions()).map((r) => [r.version, r.current])).toEqual([
      ['2', true],
      ['1', false],
    ]);
    const old = await store.planVersion('1');
    expect(old?.row).toEqual({ ...v1, current: false });
    expect(old?.plan.plan.title).toBe(planVersion('1').plan.title);
    expect((await store.planVersion('2', PLAN_ID))?.row).toEqual(v2);
    expect(await store.planVersion('1', 'another-plan')).toBeNull();
    expect(v2.etag).not.toBe(v1.etag);
  });

  it('refuses to publish an existing version again and changes nothing', async () => {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    await store.publishPlan(planVersion('2'), ADMIN);
    const before = await auditActions(store);
    await expect(store.publishPlan(planVersion('1', 'remplacé ?'), ADMIN)).rejects.toBeInstanceOf(
      PlanVersionExistsError,
    );
    expect((await store.currentPlan())?.row.version).toBe('2');
    expect((await store.planVersion('1'))?.plan.plan.title).toBe(planVersion('1').plan.title);
    expect(await auditActions(store)).toEqual(before);
  });

  it('gives the same etag to the same document whatever its key order', async () => {
    const plan = planVersion('7');
    const reordered = Object.fromEntries(Object.entries(plan).reverse()) as typeof plan;
    const a = await t().store.publishPlan(plan, ADMIN);
    const other = await backend.open();
    try {
      const b = await other.store.publishPlan(reordered, ADMIN);
      expect(b.etag).toBe(a.etag);
    } finally {
      await other.cleanup();
    }
  });

  it('keeps exactly one current version when publications race', async () => {
    const { store } = t();
    const second = await t().openAnother();
    await Promise.all(
      ['1', '2', '3', '4', '5', '6'].map((v, i) =>
        (i % 2 ? second : store).publishPlan(planVersion(v), ADMIN),
      ),
    );
    const rows = await store.listPlanVersions();
    expect(rows).toHaveLength(6);
    expect(rows.filter((r) => r.current)).toHaveLength(1);
    expect(rows[0]?.current).toBe(true);
  });

  it('records each publication in the audit log', async () => {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    await store.publishPlan(planVersion('2'), ADMIN);
    const [latest] = await store.audit({ limit: 1 });
    expect(latest).toMatchObject({
      action: 'plan.publish',
      target: `plan:${PLAN_ID}@2`,
      planVersion: '2',
      tokenId: 'tok-admin',
      tokenLabel: 'Administrateur',
      role: 'admin',
      detail: { previous: `${PLAN_ID}@1`, version: '2' },
    });
  });
});

describeEachBackend('tokens', (backend) => {
  const t = useFreshDatabase(backend);

  it('creates a token and finds it by its hash only', async () => {
    const { store } = t();
    const input = newToken({ role: 'ministry', ministry: 'MARCC', label: 'CPS MARCC' });
    const row = await store.createToken(input, ADMIN);
    expect(row).toMatchObject({ id: input.id, role: 'ministry', ministry: 'MARCC', label: 'CPS MARCC' });
    expect(row).not.toHaveProperty('hash');
    expect(await store.tokenByHash(input.hash)).toEqual(row);
    expect(await store.tokenByHash('unknown')).toBeNull();
  });

  it('gives a token and its hash by id, for a constant-time comparison by the caller', async () => {
    const { store } = t();
    const input = newToken();
    const row = await store.createToken(input, ADMIN);
    expect(await store.tokenForAuth(input.id)).toEqual({ token: row, hash: input.hash });
    await store.revokeToken(input.id, ADMIN);
    expect((await store.tokenForAuth(input.id))?.token.revokedAt).toEqual(expect.any(String));
    expect(await store.tokenForAuth('unknown')).toBeNull();
  });

  it('lists and counts tokens by role', async () => {
    const { store } = t();
    await store.createToken(newToken({ role: 'admin', label: 'admin' }), SYSTEM);
    await store.createToken(newToken({ role: 'ministry', ministry: 'MARCC', label: 'MARCC' }), ADMIN);
    await store.createToken(newToken({ role: 'ministry', ministry: 'MRN', label: 'MRN' }), ADMIN);
    expect((await store.listTokens()).map((r) => r.label).sort()).toEqual(['MARCC', 'MRN', 'admin']);
    expect(await store.countTokens()).toBe(3);
    expect(await store.countTokens('ministry')).toBe(2);
    expect(await store.countTokens('consolidator')).toBe(0);
  });

  it('refuses a ministry token without a ministry and a non-ministry token bound to one', async () => {
    const { store } = t();
    await expect(store.createToken(newToken({ role: 'ministry', ministry: null }), ADMIN)).rejects.toThrow();
    await expect(store.createToken(newToken({ role: 'admin', ministry: 'MARCC' }), ADMIN)).rejects.toThrow();
    expect(await store.countTokens()).toBe(0);
    expect(await count(t().db, 'audit_log')).toBe(0);
  });

  it('revokes a token once, audited once', async () => {
    const { store } = t();
    const input = newToken();
    const token = await store.createToken(input, ADMIN);
    const revoked = await store.revokeToken(token.id, ADMIN);
    expect(revoked?.revokedAt).toEqual(expect.any(String));
    const again = await store.revokeToken(token.id, ADMIN);
    expect(again?.revokedAt).toBe(revoked?.revokedAt);
    expect(await store.revokeToken('unknown', ADMIN)).toBeNull();
    expect(await auditActions(store)).toEqual(['token.create', 'token.revoke']);
    const [entry] = await store.audit({ limit: 1 });
    expect(entry).toMatchObject({ target: `token:${token.id}`, detail: { label: 'SP' } });
    // The audit log is read more widely than the token table: never the hash there.
    expect(JSON.stringify(await store.audit({ limit: 10 }))).not.toContain(input.hash);
  });

  it('records the last use, to the minute, without an audit entry', async () => {
    const { store } = t();
    const input = newToken();
    await store.createToken(input, ADMIN);
    await store.touchToken(input.id, '2025-03-01T10:00:00.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:00:00.000Z');
    await store.touchToken(input.id, '2025-03-01T10:00:30.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:00:00.000Z');
    await store.touchToken(input.id, '2025-03-01T10:01:00.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:01:00.000Z');
    // A late, older use never moves the time backwards.
    await store.touchToken(input.id, '2025-02-01T00:00:00.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:01:00.000Z');
    expect(await auditActions(store)).toEqual(['token.create']);
  });

  it('writes nothing when the caller already read a use within the minute', async () => {
    const { store } = t();
    const input = newToken();
    await store.createToken(input, ADMIN);
    await store.touchToken(input.id, '2025-03-01T10:00:00.000Z');
    // Told of a use 10 s ago, a use a minute and a half after the recorded one is not even asked
    // for: the time stays (authentication passes what it read, so a burst costs no statements).
    await store.touchToken(input.id, '2025-03-01T10:01:30.000Z', '2025-03-01T10:01:20.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:00:00.000Z');
    // Told of an old use (or of none), it records.
    await store.touchToken(input.id, '2025-03-01T10:01:30.000Z', '2025-03-01T10:00:00.000Z');
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:01:30.000Z');
    await store.touchToken(input.id, '2025-03-01T10:03:00.000Z', null);
    expect((await store.tokenByHash(input.hash))?.lastUsedAt).toBe('2025-03-01T10:03:00.000Z');
  });

  it('creates the first administrator token only once, even from instances starting together', async () => {
    const { store } = t();
    const others = [store, await t().openAnother(), await t().openAnother()];
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        (others[i % 3] as Store).createFirstToken(newToken({ role: 'admin', label: `admin ${i}` }), SYSTEM),
      ),
    );
    expect(results.filter((r) => r !== null)).toHaveLength(1);
    expect(await store.countTokens('admin')).toBe(1);
    expect(await store.createFirstToken(newToken({ role: 'consolidator' }), SYSTEM)).not.toBeNull();
  });
});

describeEachBackend('submissions', (backend) => {
  const t = useFreshDatabase(backend);

  async function withPlan(): Promise<Store> {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    return store;
  }

  it('numbers each ministry its own versions and keeps payload and findings as sent', async () => {
    const store = await withPlan();
    const findings = [
      {
        code: 'line_total_mismatch',
        severity: 'warning',
        where: { sheet: 'Saisie', cell: 'H12' },
        params: { activity: '1.1.1.1', tolerance: '0' },
      },
    ] as never;
    const a1 = await store.insertSubmission(newSubmission({ findings, warningCount: 1 }), MARCC);
    const b1 = await store.insertSubmission(newSubmission({ ministry: 'MRN' }), SYSTEM);
    const a2 = await store.insertSubmission(newSubmission(), MARCC);
    expect([a1, b1, a2].map((r) => [r.kind, r.submission.ministry, r.submission.version])).toEqual([
      ['created', 'MARCC', 1],
      ['created', 'MRN', 1],
      ['created', 'MARCC', 2],
    ]);
    const got = await store.submission(a1.submission.id);
    // The writer's answer is the row without the payload it sent itself.
    expect(a1.submission).not.toHaveProperty('payload');
    expect(got).toEqual({ ...a1.submission, payload: newSubmission().payload });
    expect(got).toMatchObject({
      planId: PLAN_ID,
      planVersion: '1',
      findings,
      warningCount: 1,
      tokenId: 'tok-marcc',
      tokenLabel: 'CPS MARCC',
      state: 'submitted',
      reviewComment: null,
      payload: { lines: [{ activity: '1.1.1.1', total: 150.5 }] },
    });
    expect(await store.submissionByVersion('MARCC', 2)).toMatchObject(a2.submission);
    expect(await store.submissionByVersion('MARCC', 3)).toBeNull();
    expect(await store.submission('unknown')).toBeNull();
  });

  it('refuses a return on a plan version that was never published', async () => {
    const store = await withPlan();
    await expect(store.insertSubmission(newSubmission({ planVersion: '9' }), MARCC)).rejects.toThrow();
    expect(await store.listSubmissions({})).toEqual([]);
  });

  it('keeps the original file bytes exactly', async () => {
    const store = await withPlan();
    const every = Uint8Array.from({ length: 256 }, (_, i) => i);
    const large = randomBytes(2 * 1024 * 1024);
    const a = await store.insertSubmission(
      newSubmission({ source: 'xlsx', fileName: 'MARCC.xlsx', file: every }),
      MARCC,
    );
    const b = await store.insertSubmission(
      newSubmission({ source: 'xlsx', fileName: 'big.xlsx', file: large }),
      MARCC,
    );
    const c = await store.insertSubmission(newSubmission(), MARCC);
    expect(Buffer.from((await store.submissionFile(a.submission.id)) ?? [])).toEqual(Buffer.from(every));
    expect(Buffer.from((await store.submissionFile(b.submission.id)) ?? []).equals(large)).toBe(true);
    expect(await store.submissionFile(c.submission.id)).toBeNull();
    expect(a.submission.fileName).toBe('MARCC.xlsx');
  });

  it('numbers 30 concurrent submissions of one ministry 1..30 with no gap or duplicate', async () => {
    const store = await withPlan();
    // Three stores on one database: three service instances behind a load balancer.
    const instances = [store, await t().openAnother(), await t().openAnother()];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (instances[i % 3] as Store).insertSubmission(newSubmission({ clientKey: `k${i}` }), MARCC),
      ),
    );
    expect(results.every((r) => r.kind === 'created')).toBe(true);
    const versions = results.map((r) => r.submission.version).sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const listed = await store.listSubmissions({ ministry: 'MARCC' });
    expect(listed.map((s) => s.version)).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect(await count(t().db, 'audit_log')).toBe(1 + 30);
  });

  it('keeps ministries independent under concurrency', async () => {
    const store = await withPlan();
    const other = await t().openAnother();
    const ministries = ['MARCC', 'MRN', 'MJDH'];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? other : store).insertSubmission(newSubmission({ ministry: ministries[i % 3] }), MARCC),
      ),
    );
    for (const m of ministries) {
      const versions = results
        .filter((r) => r.submission.ministry === m)
        .map((r) => r.submission.version)
        .sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    }
  });

  it('replays a retry with the same key and payload instead of creating a version', async () => {
    const store = await withPlan();
    const first = await store.insertSubmission(newSubmission({ clientKey: 'abc', payloadHash: 'h1' }), MARCC);
    const retry = await store.insertSubmission(newSubmission({ clientKey: 'abc', payloadHash: 'h1' }), MARCC);
    expect(retry.kind).toBe('replayed');
    expect(retry.submission).toEqual(first.submission);
    const reused = await store.insertSubmission(
      newSubmission({ clientKey: 'abc', payloadHash: 'h2' }),
      MARCC,
    );
    expect(reused.kind).toBe('key_reused');
    expect(reused.submission.id).toBe(first.submission.id);
    // Keys belong to a ministry; no key means no deduplication.
    const elsewhere = await store.insertSubmission(
      newSubmission({ ministry: 'MRN', clientKey: 'abc', payloadHash: 'h1' }),
      SYSTEM,
    );
    expect(elsewhere.kind).toBe('created');
    await store.insertSubmission(newSubmission({ payloadHash: 'h1' }), MARCC);
    await store.insertSubmission(newSubmission({ payloadHash: 'h1' }), MARCC);
    expect((await store.listSubmissions({ ministry: 'MARCC' })).map((s) => s.version)).toEqual([3, 2, 1]);
    expect(await auditActions(store)).toEqual(['plan.publish', ...Array(4).fill('submission.create')]);
  });

  it('creates one version when the same submission is retried concurrently', async () => {
    const store = await withPlan();
    const other = await t().openAnother();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : store).insertSubmission(
          newSubmission({ clientKey: 'same', payloadHash: 'h' }),
          MARCC,
        ),
      ),
    );
    expect(results.filter((r) => r.kind === 'created')).toHaveLength(1);
    expect(results.filter((r) => r.kind === 'replayed')).toHaveLength(9);
    expect(new Set(results.map((r) => r.submission.id)).size).toBe(1);
    expect(await count(t().db, 'submissions')).toBe(1);
  });

  it('lists returns newest first without payloads, and the latest version of each ministry', async () => {
    // One second between writes, so "newest first" does not depend on the machine's speed.
    let clock = Date.parse('2025-01-01T08:00:00.000Z');
    const tick = (): Date => {
      clock += 1000;
      return new Date(clock);
    };
    const store = createSqlStore(t().db, { now: tick });
    await store.publishPlan(planVersion('1'), ADMIN);
    const inserted = [];
    for (const m of ['MRN', 'MARCC', 'MRN', 'DNAPES/MJDH', 'MARCC', 'MARCC']) {
      inserted.push((await store.insertSubmission(newSubmission({ ministry: m }), SYSTEM)).submission);
    }
    const all = await store.listSubmissions({});
    expect(all.map((s) => `${s.ministry} v${s.version}`)).toEqual([
      'MARCC v3',
      'MARCC v2',
      'DNAPES/MJDH v1',
      'MRN v2',
      'MARCC v1',
      'MRN v1',
    ]);
    expect(all[0]).not.toHaveProperty('payload');
    expect(all[0]).not.toHaveProperty('findings');
    expect((await store.listSubmissions({ ministry: 'MRN' })).map((s) => s.version)).toEqual([2, 1]);
    expect(await store.listSubmissions({ ministry: 'NONE' })).toEqual([]);
    const latest = await store.latestSubmissions();
    expect(latest.map((s) => `${s.ministry} v${s.version}`)).toEqual([
      'DNAPES/MJDH v1',
      'MARCC v3',
      'MRN v2',
    ]);
    expect(latest[1]).toEqual({ ...inserted[5], payload: newSubmission({ ministry: 'MARCC' }).payload });
  });

  it('is append-only in the database itself', async () => {
    const store = await withPlan();
    const { submission } = await store.insertSubmission(newSubmission({ file: new Uint8Array([1]) }), MARCC);
    const { db } = t();
    await expect(db.run('UPDATE submissions SET version = 99')).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM submissions')).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM submission_files')).rejects.toThrow(/append-only/);
    await expect(db.run('UPDATE audit_log SET action = $1', ['x'])).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect((await store.submission(submission.id))?.version).toBe(1);
  });
});

describeEachBackend('reviews', (backend) => {
  const t = useFreshDatabase(backend);

  async function submitted(): Promise<{ store: Store; id: string }> {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const { submission } = await store.insertSubmission(newSubmission(), MARCC);
    return { store, id: submission.id };
  }

  const review = (
    submissionId: string,
    action: 'accept' | 'return' | 'reopen',
    comment: string | null = null,
  ) => ({
    id: randomUUID(),
    submissionId,
    action,
    comment,
  });

  it('derives state, comment, time and reviewer from the latest review', async () => {
    const { store, id } = await submitted();
    const returned = await store.addReview(review(id, 'return', 'Ligne 1.1.1.1 : total faux'), CONSOLIDATOR);
    expect(returned.kind).toBe('added');
    const after = await store.submission(id);
    expect(after).toMatchObject({
      state: 'returned',
      reviewComment: 'Ligne 1.1.1.1 : total faux',
      reviewedBy: 'Secrétariat permanent',
      reviewedAt: expect.any(String),
    });
    expect(returned.kind === 'added' && returned.submission).toEqual(
      (({ payload, findings, ...rest }) => rest)(after ?? { payload: 0, findings: 0 }),
    );
    await store.addReview(review(id, 'accept', 'OK'), CONSOLIDATOR);
    expect(await store.submission(id)).toMatchObject({ state: 'accepted', reviewComment: 'OK' });
    await store.addReview(review(id, 'reopen'), CONSOLIDATOR);
    expect(await store.submission(id)).toMatchObject({ state: 'submitted', reviewComment: null });
    expect((await store.reviews(id)).map((r) => r.action)).toEqual(['return', 'accept', 'reopen']);
    expect((await store.listSubmissions({}))[0]?.state).toBe('submitted');
  });

  it('locks an accepted version until it is reopened', async () => {
    const { store, id } = await submitted();
    expect((await store.addReview(review(id, 'reopen'), CONSOLIDATOR)).kind).toBe('not_allowed');
    expect((await store.addReview(review(id, 'accept'), CONSOLIDATOR)).kind).toBe('added');
    const refused = await store.addReview(review(id, 'return', 'trop tard'), CONSOLIDATOR);
    expect(refused).toMatchObject({ kind: 'not_allowed', submission: { state: 'accepted' } });
    expect((await store.addReview(review(id, 'accept'), CONSOLIDATOR)).kind).toBe('not_allowed');
    expect((await store.reviews(id)).map((r) => r.action)).toEqual(['accept']);
    expect(await store.addReview(review('unknown', 'accept'), CONSOLIDATOR)).toEqual({ kind: 'not_found' });
  });

  it('writes no new version over an accepted one, answering a retry of the accepted one itself', async () => {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const first = await store.insertSubmission(
      newSubmission({ clientKey: 'accepted-1', payloadHash: 'h1' }),
      MARCC,
    );
    await store.addReview(review(first.submission.id, 'accept'), CONSOLIDATOR);
    const locked = await store.insertSubmission(newSubmission({ clientKey: 'new-2' }), MARCC);
    expect(locked).toMatchObject({ kind: 'locked', submission: { version: 1, state: 'accepted' } });
    expect((await store.insertSubmission(newSubmission(), MARCC)).kind).toBe('locked');
    const retry = await store.insertSubmission(
      newSubmission({ clientKey: 'accepted-1', payloadHash: 'h1' }),
      MARCC,
    );
    expect(retry).toMatchObject({ kind: 'replayed', submission: { id: first.submission.id } });
    expect((await store.listSubmissions({ ministry: 'MARCC' })).map((r) => r.version)).toEqual([1]);
    await store.addReview(review(first.submission.id, 'reopen'), CONSOLIDATOR);
    expect(await store.insertSubmission(newSubmission(), MARCC)).toMatchObject({
      kind: 'created',
      submission: { version: 2 },
    });
  });

  it('lets only one of two simultaneous acceptances through', async () => {
    const { store, id } = await submitted();
    const other = await t().openAnother();
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other : store).addReview(review(id, 'accept'), CONSOLIDATOR),
      ),
    );
    expect(results.map((r) => r.kind).sort()).toEqual(['added', ...Array(5).fill('not_allowed')]);
  });

  it('reviews one version without touching the others', async () => {
    const { store, id } = await submitted();
    const v2 = (await store.insertSubmission(newSubmission(), MARCC)).submission;
    await store.addReview(review(id, 'accept'), CONSOLIDATOR);
    expect((await store.submission(v2.id))?.state).toBe('submitted');
    expect((await store.latestSubmissions())[0]).toMatchObject({ version: 2, state: 'submitted' });
  });

  it('audits each review with the state it started from', async () => {
    const { store, id } = await submitted();
    await store.addReview(review(id, 'return', 'à revoir'), CONSOLIDATOR);
    const [entry] = await store.audit({ limit: 1 });
    expect(entry).toMatchObject({
      action: 'review.return',
      target: `submission:${id}`,
      planVersion: '1',
      tokenLabel: 'Secrétariat permanent',
      detail: { ministry: 'MARCC', version: 1, from: 'submitted', to: 'returned', comment: 'à revoir' },
    });
  });
});

describeEachBackend('audit', (backend) => {
  const t = useFreshDatabase(backend);

  it('writes an entry with every write, from whom and on which plan version', async () => {
    const { store } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const token = await store.createToken(newToken({ role: 'ministry', ministry: 'MARCC' }), ADMIN);
    const { submission } = await store.insertSubmission(newSubmission(), MARCC);
    await store.addReview(
      { id: randomUUID(), submissionId: submission.id, action: 'accept', comment: null },
      ADMIN,
    );
    await store.revokeToken(token.id, ADMIN);
    await store.recordAudit(
      { action: 'submission.refused', target: 'ministry:MARCC', planVersion: '1', detail: { errors: 3 } },
      MARCC,
    );
    expect(await auditActions(store)).toEqual([
      'plan.publish',
      'token.create',
      'submission.create',
      'review.accept',
      'token.revoke',
      'submission.refused',
    ]);
    const created = (await store.audit({ limit: 10 })).find((a) => a.action === 'submission.create');
    expect(created).toMatchObject({
      tokenId: 'tok-marcc',
      tokenLabel: 'CPS MARCC',
      role: 'ministry',
      target: `submission:${submission.id}`,
      planVersion: '1',
      detail: { ministry: 'MARCC', version: 1 },
    });
    expect(created?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('pages newest first with a cursor, losing and repeating nothing', async () => {
    const { store } = t();
    for (let i = 0; i < 7; i++) {
      await store.recordAudit({ action: `a${i}`, target: 't', planVersion: null, detail: null }, SYSTEM);
    }
    const all = await store.audit({ limit: 100 });
    const paged = [];
    let before: string | undefined;
    for (;;) {
      const page = await store.audit(before === undefined ? { limit: 3 } : { limit: 3, before });
      if (page.length === 0) break;
      paged.push(...page);
      before = page.at(-1)?.id;
    }
    expect(paged.map((a) => a.id)).toEqual(all.map((a) => a.id));
    expect(all).toHaveLength(7);
  });

  it('leaves nothing of a submission whose audit entry fails to write', async () => {
    const { store, db } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const broken = createSqlStore(failingDb(db, /INSERT INTO audit_log/));
    await expect(
      broken.insertSubmission(newSubmission({ clientKey: 'k', file: new Uint8Array([1, 2, 3]) }), MARCC),
    ).rejects.toThrow(/injected/);
    expect(await count(db, 'submissions')).toBe(0);
    expect(await count(db, 'submission_files')).toBe(0);
    expect(await count(db, 'audit_log')).toBe(1);
    // The version number and the key were not consumed.
    const retry = await store.insertSubmission(newSubmission({ clientKey: 'k' }), MARCC);
    expect(retry).toMatchObject({ kind: 'created', submission: { version: 1 } });
  });

  it('leaves nothing of a submission whose file fails to write', async () => {
    const { store, db } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const broken = createSqlStore(failingDb(db, /INSERT INTO submission_files/));
    await expect(
      broken.insertSubmission(newSubmission({ file: new Uint8Array([1]) }), MARCC),
    ).rejects.toThrow();
    expect(await count(db, 'submissions')).toBe(0);
  });

  it('keeps the previous plan current when a publication fails half-way', async () => {
    const { store, db } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const broken = createSqlStore(failingDb(db, /INSERT INTO audit_log/));
    await expect(broken.publishPlan(planVersion('2'), ADMIN)).rejects.toThrow(/injected/);
    expect((await store.currentPlan())?.row.version).toBe('1');
    expect((await store.listPlanVersions()).map((r) => r.version)).toEqual(['1']);
  });

  it('keeps state and tokens unchanged when a review, a token creation or a revocation fails', async () => {
    const { store, db } = t();
    await store.publishPlan(planVersion('1'), ADMIN);
    const token = await store.createToken(newToken(), ADMIN);
    const { submission } = await store.insertSubmission(newSubmission(), MARCC);
    const before = await count(db, 'audit_log');
    const broken = createSqlStore(failingDb(db, /INSERT INTO audit_log/));
    await expect(
      broken.addReview(
        { id: randomUUID(), submissionId: submission.id, action: 'accept', comment: null },
        ADMIN,
      ),
    ).rejects.toThrow(/injected/);
    await expect(broken.createToken(newToken(), ADMIN)).rejects.toThrow(/injected/);
    await expect(broken.revokeToken(token.id, ADMIN)).rejects.toThrow(/injected/);
    await expect(
      broken.recordAudit({ action: 'x', target: 'y', planVersion: null, detail: null }, ADMIN),
    ).rejects.toThrow();
    expect((await store.submission(submission.id))?.state).toBe('submitted');
    expect(await store.reviews(submission.id)).toEqual([]);
    expect(await store.countTokens()).toBe(1);
    expect((await store.listTokens())[0]?.revokedAt).toBeNull();
    expect(await count(db, 'audit_log')).toBe(before);
  });
});
