/**
 * The Store's mirror outbox on every available backend: a burst of changes stays one pending row,
 * a backoff is not cut short by new changes, one claimer wins among several instances, success
 * with changes that arrived meanwhile keeps the row pending, and only the lease holder records.
 */
import { expect, it } from 'vitest';
import { describeEachBackend, useFreshDatabase } from '../store/backends.ts';

const T = 'consolidated';
const at = (seconds: number) => new Date(Date.UTC(2025, 2, 1, 8, 0, seconds)).toISOString();

describeEachBackend('mirror outbox', (backend) => {
  const t = useFreshDatabase(backend);

  it('keeps one row for a burst of changes, pending since the first, due after the first delay', async () => {
    const { store } = t();
    expect(await store.mirrorOutbox(T)).toBeNull();
    for (let i = 0; i < 100; i++) await store.enqueueMirror(T, at(i % 60), at((i % 60) + 5));
    const row = await store.mirrorOutbox(T);
    expect(row).toMatchObject({
      changeSeq: 100,
      sentSeq: 0,
      dirtySince: at(0),
      nextAttemptAt: at(5),
      attempts: 0,
      lastError: null,
      lastSuccessAt: null,
      leaseOwner: null,
    });
    const { db } = t();
    expect(await db.query('SELECT target FROM mirror_outbox')).toHaveLength(1);
  });

  it('claims only when due, and only one claimer of several instances at once', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    expect(await store.claimMirror(T, 'a', at(4), at(600))).toBeNull();
    const others = await Promise.all([1, 2, 3].map(() => t().openAnother()));
    const claims = await Promise.all(
      [store, ...others].map((s, i) => s.claimMirror(T, `worker-${i}`, at(5), at(600))),
    );
    const winners = claims.filter((c) => c !== null);
    expect(winners).toHaveLength(1);
    expect(winners[0]).toMatchObject({ changeSeq: 1, runs: 1, leaseUntil: at(600) });
    // The lease holds until it expires, then anyone may take over.
    expect(await store.claimMirror(T, 'late', at(599), at(900))).toBeNull();
    expect(await store.claimMirror(T, 'late', at(600), at(900))).toMatchObject({ leaseOwner: 'late' });
  });

  it('clears the row on success when nothing changed during the send', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    const row = await store.claimMirror(T, 'w', at(5), at(600));
    if (!row) throw new Error('not claimed');
    const done = await store.completeMirror(T, 'w', {
      claimedSeq: row.changeSeq,
      claimedAt: at(5),
      at: at(7),
      nextDueAt: at(10),
      requests: 5,
    });
    expect(done).toBe(true);
    expect(await store.mirrorOutbox(T)).toMatchObject({
      changeSeq: 1,
      sentSeq: 1,
      dirtySince: null,
      nextAttemptAt: null,
      lastSuccessAt: at(7),
      lastRequests: 5,
      requestsTotal: 5,
      runs: 1,
      leaseOwner: null,
      leaseUntil: null,
    });
  });

  it('stays pending after success when changes arrived during the send', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    const row = await store.claimMirror(T, 'w', at(5), at(600));
    if (!row) throw new Error('not claimed');
    await store.enqueueMirror(T, at(6), at(11));
    await store.completeMirror(T, 'w', {
      claimedSeq: row.changeSeq,
      claimedAt: at(5),
      at: at(7),
      nextDueAt: at(10),
      requests: 4,
    });
    expect(await store.mirrorOutbox(T)).toMatchObject({
      changeSeq: 2,
      sentSeq: 1,
      dirtySince: at(5),
      nextAttemptAt: at(10),
      lastSuccessAt: at(7),
    });
  });

  it('records failures with their schedule, which new changes do not cut short', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    await store.claimMirror(T, 'w', at(5), at(600));
    await store.failMirror(T, 'w', { at: at(6), nextDueAt: at(40), error: 'HTTP 429: quota', requests: 2 });
    await store.enqueueMirror(T, at(7), at(12));
    expect(await store.mirrorOutbox(T)).toMatchObject({
      attempts: 1,
      nextAttemptAt: at(40),
      lastError: 'HTTP 429: quota',
      lastErrorAt: at(6),
      dirtySince: at(0),
      requestsTotal: 2,
      leaseOwner: null,
    });
    expect(await store.claimMirror(T, 'w', at(39), at(600))).toBeNull();
    const again = await store.claimMirror(T, 'w', at(40), at(600));
    expect(again).toMatchObject({ attempts: 1, changeSeq: 2 });
    if (!again) throw new Error('not claimed');
    await store.completeMirror(T, 'w', {
      claimedSeq: again.changeSeq,
      claimedAt: at(40),
      at: at(41),
      nextDueAt: at(45),
      requests: 4,
    });
    expect(await store.mirrorOutbox(T)).toMatchObject({
      attempts: 0,
      lastError: null,
      lastErrorAt: null,
      dirtySince: null,
      requestsTotal: 6,
      runs: 2,
    });
  });

  it('ignores the outcome reported by a worker that lost its lease', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    await store.claimMirror(T, 'slow', at(5), at(10));
    const taken = await store.claimMirror(T, 'fast', at(10), at(600));
    expect(taken).not.toBeNull();
    expect(
      await store.completeMirror(T, 'slow', {
        claimedSeq: 1,
        claimedAt: at(5),
        at: at(11),
        nextDueAt: at(11),
        requests: 5,
      }),
    ).toBe(false);
    expect(
      await store.failMirror(T, 'slow', { at: at(11), nextDueAt: at(20), error: 'x', requests: 1 }),
    ).toBe(false);
    expect(await store.mirrorOutbox(T)).toMatchObject({ leaseOwner: 'fast', attempts: 0, dirtySince: at(0) });
  });

  it('gives a lease back without counting an attempt', async () => {
    const { store } = t();
    await store.enqueueMirror(T, at(0), at(5));
    await store.claimMirror(T, 'w', at(5), at(600));
    await store.releaseMirror(T, 'w');
    expect(await store.mirrorOutbox(T)).toMatchObject({ leaseOwner: null, attempts: 0, runs: 0 });
    expect(await store.claimMirror(T, 'other', at(6), at(600))).not.toBeNull();
  });
});
