/**
 * The refused attempts' store on every backend, with a clock the test moves: the rate limit is a
 * sliding window per token that says when it frees up, pruning keeps each ministry's latest
 * attempts, findings are stored errors first and capped with the true counts, details are capped.
 */
import { describe, expect, it } from 'vitest';
import type { Finding } from '#core';
import {
  MAX_DETAILS_CHARS,
  MAX_STORED_FINDINGS,
  storedFindings,
} from '../../../server/store/attempts-sql.ts';
import { createSqlStore } from '../../../server/store/sql-store.ts';
import type { Actor, AttemptLimits, NewAttempt } from '../../../server/store/store.ts';
import { describeEachBackend, useFreshDatabase } from './backends.ts';
import { MARCC } from './fixtures.ts';

const finding = (severity: 'error' | 'warning', n: number): Finding =>
  ({
    code: 'unknown_activity',
    severity,
    where: { sheet: 'Saisie', cell: `A${n}` },
    params: { activity: `9.9.9.${n}` },
  }) as Finding;

function attempt(over: Partial<NewAttempt> = {}): NewAttempt {
  return {
    ministry: 'MARCC',
    planId: 'pnlevt-2021-2025',
    planVersion: '1',
    source: 'json',
    fileName: null,
    code: 'return_has_errors',
    messages: { fr: 'Retour refusé', en: 'Return refused' },
    errorCount: 1,
    warningCount: 0,
    findings: [finding('error', 1)],
    details: null,
    ...over,
  };
}

const LIMITS: AttemptLimits = { perToken: 2, windowMs: 60 * 60_000, keepPerMinistry: 3 };

describe('stored findings', () => {
  it('puts errors first, keeps the checks’ order within each group, and cuts at the cap', () => {
    const mixed = [finding('warning', 1), finding('error', 2), finding('warning', 3), finding('error', 4)];
    expect(storedFindings(mixed).map((f) => f.where.cell)).toEqual(['A2', 'A4', 'A1', 'A3']);
    const many = Array.from({ length: MAX_STORED_FINDINGS + 50 }, (_, i) => finding('error', i));
    expect(storedFindings(many)).toHaveLength(MAX_STORED_FINDINGS);
  });
});

describeEachBackend('refused attempts', (backend) => {
  const t = useFreshDatabase(backend);

  it('rate-limits per token over a sliding window, says when it frees up, and records again then', async () => {
    let now = Date.parse('2026-03-01T10:00:00.000Z');
    const store = createSqlStore(t().db, { now: () => new Date(now) });
    expect((await store.recordAttempt(attempt(), MARCC, LIMITS)).kind).toBe('recorded');
    now += 10 * 60_000;
    expect((await store.recordAttempt(attempt(), MARCC, LIMITS)).kind).toBe('recorded');
    now += 5 * 60_000;
    // The first one leaves the window 45 minutes from now.
    expect(await store.recordAttempt(attempt(), MARCC, LIMITS)).toEqual({
      kind: 'rate_limited',
      retryAfterSeconds: 45 * 60,
    });
    const other: Actor = { ...MARCC, tokenId: 'tok-marcc-2' };
    expect((await store.recordAttempt(attempt(), other, LIMITS)).kind).toBe('recorded');
    now += 45 * 60_000 + 1;
    expect((await store.recordAttempt(attempt(), MARCC, LIMITS)).kind).toBe('recorded');
    expect(await store.listAttempts('MARCC')).toHaveLength(3);
  });

  it('keeps the latest attempts of each ministry, newest first', async () => {
    const store = t().store;
    const many = { ...LIMITS, perToken: 100 };
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await store.recordAttempt(attempt({ fileName: `essai-${i}.xlsx` }), MARCC, many);
      if (r.kind === 'recorded') ids.push(r.attempt.id);
    }
    await store.recordAttempt(attempt({ ministry: 'MEF' }), { ...MARCC, tokenId: 'tok-mef' }, many);
    const kept = await store.listAttempts('MARCC');
    expect(kept.map((a) => a.id)).toEqual(ids.slice(2).reverse());
    expect(kept.map((a) => a.fileName)).toEqual(['essai-4.xlsx', 'essai-3.xlsx', 'essai-2.xlsx']);
    expect(await store.attempt('MARCC', ids[0] as string)).toBeNull();
    expect((await store.latestAttempts()).map((a) => [a.ministry, a.id])).toEqual([
      ['MARCC', ids[4]],
      ['MEF', expect.any(String)],
    ]);
  });

  it('stores the first findings with the true counts, and details up to their cap', async () => {
    const store = t().store;
    const findings = [
      ...Array.from({ length: 150 }, (_, i) => finding('warning', i)),
      ...Array.from({ length: 150 }, (_, i) => finding('error', 1000 + i)),
    ];
    const r = await store.recordAttempt(
      attempt({ findings, errorCount: 150, warningCount: 150, details: { problem: { code: 'x' } } }),
      MARCC,
      LIMITS,
    );
    if (r.kind !== 'recorded') throw new Error('not recorded');
    const row = await store.attempt('MARCC', r.attempt.id);
    expect(row).toMatchObject({ findingCount: 300, errorCount: 150, warningCount: 150 });
    expect(row?.findings).toHaveLength(MAX_STORED_FINDINGS);
    expect(row?.findings.slice(0, 150).every((f) => f.severity === 'error')).toBe(true);
    expect(row?.details).toEqual({ problem: { code: 'x' } });

    const big = await store.recordAttempt(
      attempt({ details: { issues: ['x'.repeat(MAX_DETAILS_CHARS)] } }),
      { ...MARCC, tokenId: 'tok-other' },
      LIMITS,
    );
    if (big.kind !== 'recorded') throw new Error('not recorded');
    expect((await store.attempt('MARCC', big.attempt.id))?.details).toEqual({
      truncated: true,
      chars: expect.any(Number),
    });
  });
});
