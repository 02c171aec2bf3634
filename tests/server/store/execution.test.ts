/**
 * The execution follow-up's tables on every backend: a period opens once and closes; execution
 * returns are numbered per (plan, period, ministry), a seen key is replayed or refused, an accepted
 * version locks until reopened; the rows are append-only in the database itself, and a return
 * needs its period.
 */
import { expect, it } from 'vitest';
import type { NewExecutionReturn } from '../../../server/store/store.ts';
import { describeEachBackend, useFreshDatabase } from './backends.ts';
import { CONSOLIDATOR, MARCC, PLAN_ID } from './fixtures.ts';

const execution = (over: Partial<NewExecutionReturn> = {}): NewExecutionReturn => ({
  id: crypto.randomUUID(),
  planId: PLAN_ID,
  planVersion: '1',
  period: '2024',
  ministry: 'MARCC',
  clientKey: null,
  payloadHash: 'h1',
  payloadJson: '{"lines":[]}',
  source: 'json',
  fileName: null,
  file: null,
  findings: [],
  errorCount: 0,
  warningCount: 0,
  ...over,
});

describeEachBackend('execution follow-up store', (backend) => {
  const t = useFreshDatabase(backend);

  it('opens a period once, lists the newest first and closes it', async () => {
    const { store } = t();
    const open = (key: string, year: number, semester: 1 | 2 | null) =>
      store.openPeriod({ planId: PLAN_ID, key, year, semester, deadline: null }, CONSOLIDATOR);
    expect((await open('2024-S1', 2024, 1)).kind).toBe('opened');
    expect((await open('2024', 2024, null)).kind).toBe('opened');
    expect((await open('2023', 2023, null)).kind).toBe('opened');
    expect((await open('2024', 2024, null)).kind).toBe('exists');
    expect((await store.listPeriods(PLAN_ID)).map((p) => p.key)).toEqual(['2024', '2024-S1', '2023']);
    expect(await store.listPeriods('autre-plan')).toEqual([]);
    const closed = await store.closePeriod(PLAN_ID, '2024-S1', CONSOLIDATOR);
    expect(closed?.closedAt).toEqual(expect.any(String));
    expect((await store.period(PLAN_ID, '2024-S1'))?.closedAt).toBe(closed?.closedAt);
    expect(await store.closePeriod(PLAN_ID, '1999', CONSOLIDATOR)).toBeNull();
  });

  it('numbers versions per period, replays a key, refuses a reused one, locks an accepted version', async () => {
    const { store } = t();
    for (const key of ['2024', '2025'])
      await store.openPeriod(
        { planId: PLAN_ID, key, year: Number(key), semester: null, deadline: null },
        CONSOLIDATOR,
      );
    const first = await store.insertExecutionReturn(execution({ clientKey: 'cle-00001' }), MARCC);
    expect(first).toMatchObject({ kind: 'created', execution: { version: 1, state: 'submitted' } });
    const replay = await store.insertExecutionReturn(execution({ clientKey: 'cle-00001' }), MARCC);
    expect(replay).toMatchObject({ kind: 'replayed', execution: { id: first.execution.id } });
    const reused = await store.insertExecutionReturn(
      execution({ clientKey: 'cle-00001', payloadHash: 'h2' }),
      MARCC,
    );
    expect(reused.kind).toBe('key_reused');
    const other = await store.insertExecutionReturn(execution({ period: '2025' }), MARCC);
    expect(other.execution.version).toBe(1);
    const second = await store.insertExecutionReturn(execution(), MARCC);
    expect(second.execution.version).toBe(2);
    const review = { id: crypto.randomUUID(), returnId: second.execution.id, comment: null };
    expect((await store.addExecutionReview({ ...review, action: 'accept' }, CONSOLIDATOR)).kind).toBe(
      'added',
    );
    expect((await store.insertExecutionReturn(execution(), MARCC)).kind).toBe('locked');
    const again = await store.addExecutionReview(
      { ...review, id: crypto.randomUUID(), action: 'accept' },
      CONSOLIDATOR,
    );
    expect(again.kind).toBe('not_allowed');
    await store.addExecutionReview({ ...review, id: crypto.randomUUID(), action: 'reopen' }, CONSOLIDATOR);
    expect((await store.insertExecutionReturn(execution(), MARCC)).execution.version).toBe(3);
    expect((await store.executionReviews(second.execution.id)).map((r) => r.action)).toEqual([
      'accept',
      'reopen',
    ]);
    const rows = await store.executionReturns(PLAN_ID, '2024');
    expect(rows.map((r) => [r.version, r.state])).toEqual([
      [3, 'submitted'],
      [2, 'submitted'],
      [1, 'submitted'],
    ]);
  });

  it('keeps returns append-only in the database, and refuses one without its period', async () => {
    const { store, db } = t();
    await expect(store.insertExecutionReturn(execution(), MARCC)).rejects.toThrow();
    await store.openPeriod(
      { planId: PLAN_ID, key: '2024', year: 2024, semester: null, deadline: null },
      CONSOLIDATOR,
    );
    const made = await store.insertExecutionReturn(execution({ file: new Uint8Array([1, 2, 3]) }), MARCC);
    expect([...((await store.executionReturnFile(made.execution.id)) ?? [])]).toEqual([1, 2, 3]);
    await expect(db.run('UPDATE execution_returns SET error_count = 9')).rejects.toThrow(/append-only/);
    await expect(db.run('DELETE FROM execution_files')).rejects.toThrow(/append-only/);
  });
});
