/**
 * The canonical plans' versions (table plan_versions): the service hosts several plans side by side
 * (e.g. pnlevt-2021-2025 and pnlevt-2026-2030); each published version is kept whole, and each
 * plan has one current version. Publishing takes the 'plan' lock, so two publishers cannot both
 * clear a plan's current flag and set their own.
 */
import type { Plan } from '#core';
import { type Clock, writeAudit } from './audit-sql.ts';
import { jsonEtag } from './canonical-json.ts';
import { type Db, lockKey, type SqlValue } from './db.ts';
import { type Actor, PlanVersionExistsError, type PlanVersionRow } from './store.ts';

// Booleans come back as 0/1 from SQLite.
interface PlanVersionDbRow {
  plan_id: string;
  version: string;
  published_at: string;
  published_by: string;
  etag: string;
  is_current: boolean | number;
  document?: string;
}

const PLAN_COLUMNS = 'plan_id, version, published_at, published_by, etag, is_current';

function planVersionRow(r: PlanVersionDbRow): PlanVersionRow {
  return {
    planId: r.plan_id,
    version: r.version,
    publishedAt: r.published_at,
    publishedBy: r.published_by,
    etag: r.etag,
    current: Boolean(r.is_current),
  };
}

async function planWhere(
  db: Db,
  where: string,
  params: SqlValue[],
): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
  const [r] = await db.query<PlanVersionDbRow>(
    `SELECT ${PLAN_COLUMNS}, document FROM plan_versions WHERE ${where}`,
    params,
  );
  return r ? { row: planVersionRow(r), plan: JSON.parse(r.document ?? 'null') as Plan } : null;
}

/** The latest published plan's current version, unless a plan is named. */
const LATEST_CURRENT_PLAN =
  '(SELECT c.plan_id FROM plan_versions c WHERE c.is_current ORDER BY c.seq DESC LIMIT 1)';

/** The current version of the plan `planId`; by default of the plan published last. */
export function currentPlan(db: Db, planId?: string): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
  return planId === undefined
    ? planWhere(db, `is_current AND plan_id = ${LATEST_CURRENT_PLAN}`, [])
    : planWhere(db, 'is_current AND plan_id = $1', [planId]);
}

/** The current version of each hosted plan, the plan published last first. */
export async function listPlans(db: Db): Promise<PlanVersionRow[]> {
  const rows = await db.query<PlanVersionDbRow>(
    `SELECT ${PLAN_COLUMNS} FROM plan_versions WHERE is_current ORDER BY seq DESC`,
  );
  return rows.map(planVersionRow);
}

/** A version of the plan `planId` (by default the plan published last), current or not. */
export function planVersion(
  db: Db,
  version: string,
  planId?: string,
): Promise<{ row: PlanVersionRow; plan: Plan } | null> {
  return planId === undefined
    ? planWhere(db, `version = $1 AND plan_id = ${LATEST_CURRENT_PLAN}`, [version])
    : planWhere(db, 'plan_id = $1 AND version = $2', [planId, version]);
}

/** Newest first. */
export async function listPlanVersions(db: Db): Promise<PlanVersionRow[]> {
  const rows = await db.query<PlanVersionDbRow>(
    `SELECT ${PLAN_COLUMNS} FROM plan_versions ORDER BY seq DESC`,
  );
  return rows.map(planVersionRow);
}

export function publishPlan(db: Db, clock: Clock, plan: Plan, actor: Actor): Promise<PlanVersionRow> {
  const { id: planId, version } = plan.plan;
  return db.transaction(async (tx) => {
    await lockKey(tx, 'plan');
    const [exists] = await tx.query('SELECT 1 AS x FROM plan_versions WHERE plan_id = $1 AND version = $2', [
      planId,
      version,
    ]);
    if (exists) throw new PlanVersionExistsError(planId, version);
    // Only this plan's current version gives way: the other hosted plans keep theirs.
    const [previous] = await tx.query<{ plan_id: string; version: string }>(
      'SELECT plan_id, version FROM plan_versions WHERE is_current AND plan_id = $1',
      [planId],
    );
    const [{ next } = { next: 1 }] = await tx.query<{ next: number }>(
      'SELECT COALESCE(MAX(seq), 0) + 1 AS next FROM plan_versions',
    );
    const publishedAt = clock();
    const etag = jsonEtag(plan);
    await tx.run('UPDATE plan_versions SET is_current = FALSE WHERE is_current AND plan_id = $1', [planId]);
    await tx.run(
      `INSERT INTO plan_versions (plan_id, version, seq, published_at, published_by, etag, is_current, document)
       VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)`,
      [planId, version, Number(next), publishedAt, actor.label, etag, JSON.stringify(plan)],
    );
    await writeAudit(tx, clock, actor, {
      action: 'plan.publish',
      target: `plan:${planId}@${version}`,
      planVersion: version,
      detail: {
        planId,
        version,
        etag,
        previous: previous ? `${previous.plan_id}@${previous.version}` : null,
        activities: plan.activities.length,
      },
    });
    return { planId, version, publishedAt, publishedBy: actor.label, etag, current: true };
  });
}
