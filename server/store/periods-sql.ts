/**
 * Reporting periods of the execution follow-up (table periods, migration 5): a consolidator opens
 * one per plan and key ("2026", "2026-S1") with an optional deadline, and may close it. Opening
 * twice is answered with the period already there; each write has its audit entry.
 */
import { type Clock, writeAudit } from './audit-sql.ts';
import { type Db, lockKey } from './db.ts';
import type { Actor, NewPeriod, OpenPeriodResult, PeriodRow } from './store.ts';

interface PeriodDbRow {
  plan_id: string;
  key: string;
  year: number;
  semester: number | null;
  deadline: string | null;
  opened_at: string;
  opened_by: string;
  closed_at: string | null;
}

const COLUMNS = 'plan_id, key, year, semester, deadline, opened_at, opened_by, closed_at';

function periodRow(r: PeriodDbRow): PeriodRow {
  return {
    planId: r.plan_id,
    key: r.key,
    year: Number(r.year),
    semester: r.semester === null ? null : (Number(r.semester) as 1 | 2),
    deadline: r.deadline,
    openedAt: r.opened_at,
    openedBy: r.opened_by,
    closedAt: r.closed_at,
  };
}

export async function period(db: Db, planId: string, key: string): Promise<PeriodRow | null> {
  const [r] = await db.query<PeriodDbRow>(`SELECT ${COLUMNS} FROM periods WHERE plan_id = $1 AND key = $2`, [
    planId,
    key,
  ]);
  return r ? periodRow(r) : null;
}

export async function listPeriods(db: Db, planId: string): Promise<PeriodRow[]> {
  const rows = await db.query<PeriodDbRow>(
    `SELECT ${COLUMNS} FROM periods WHERE plan_id = $1 ORDER BY year DESC, COALESCE(semester, 3) DESC`,
    [planId],
  );
  return rows.map(periodRow);
}

export function openPeriod(db: Db, clock: Clock, input: NewPeriod, actor: Actor): Promise<OpenPeriodResult> {
  return db.transaction(async (tx): Promise<OpenPeriodResult> => {
    await lockKey(tx, `period:${input.planId}`);
    const existing = await period(tx, input.planId, input.key);
    if (existing) return { kind: 'exists', period: existing };
    const openedAt = clock();
    await tx.run(
      `INSERT INTO periods (plan_id, key, year, semester, deadline, opened_at, opened_by, closed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
      [input.planId, input.key, input.year, input.semester, input.deadline, openedAt, actor.label],
    );
    await writeAudit(tx, clock, actor, {
      action: 'period.open',
      target: `period:${input.planId}/${input.key}`,
      planVersion: null,
      detail: { planId: input.planId, key: input.key, deadline: input.deadline },
    });
    return {
      kind: 'opened',
      period: { ...input, openedAt, openedBy: actor.label, closedAt: null },
    };
  });
}

export function closePeriod(
  db: Db,
  clock: Clock,
  planId: string,
  key: string,
  actor: Actor,
): Promise<PeriodRow | null> {
  return db.transaction(async (tx) => {
    await lockKey(tx, `period:${planId}`);
    const existing = await period(tx, planId, key);
    if (!existing || existing.closedAt !== null) return existing;
    const closedAt = clock();
    await tx.run('UPDATE periods SET closed_at = $1 WHERE plan_id = $2 AND key = $3', [
      closedAt,
      planId,
      key,
    ]);
    await writeAudit(tx, clock, actor, {
      action: 'period.close',
      target: `period:${planId}/${key}`,
      planVersion: null,
      detail: { planId, key },
    });
    return { ...existing, closedAt };
  });
}
