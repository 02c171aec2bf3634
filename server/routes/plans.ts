/**
 * /api/plans — the plans the service hosts side by side (e.g. pnlevt-2021-2025 and
 * pnlevt-2026-2030). Any token lists them — a ministry token only those where its ministry has
 * activities — with each plan's title, years, unit, current version and number of activities, and
 * which one answers when a request names none. An administrator hosts a new plan from its
 * canonical JSON (the same as `pac plan new --from plan.json`): 409 if that plan id and version
 * are hosted already. Every other plan route takes ?plan=<id> (../http/plan-scope.ts).
 *
 * GET /api/plans/diff?from=OLD&to=NEW (consolidator, administrator): what the new cycle keeps,
 * renames, merges, drops and adds, and how money moves, between the current versions of two hosted
 * plans — the same comparison as `pac plan diff` (addin/core/plan-diff.ts).
 */
import { Hono } from 'hono';
import { diffPlanCycles, Plan } from '#core';
import { PlanDiffQuery } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { parseQuery, readJson } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { planVisibleTo } from '../http/plan-scope.ts';
import type { LoadedPlan } from '../plan/plan-cache.ts';
import { PlanVersionExistsError } from '../store/store.ts';

/** What the list says of a hosted plan. */
export function planSummary(loaded: LoadedPlan, defaultPlanId: string | null) {
  const { plan } = loaded.index.plan;
  return {
    id: plan.id,
    title: plan.title,
    years: plan.years,
    unit: plan.unit,
    amountUnit: plan.amountUnit ?? null,
    version: loaded.row.version,
    publishedAt: loaded.row.publishedAt,
    etag: loaded.row.etag,
    activities: loaded.index.plan.activities.length,
    default: plan.id === defaultPlanId,
  };
}

export function plansRoutes({ store, plans, onChange }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get('/', async (c) => {
    const caller = c.get('caller');
    const [hosted, fallback] = await Promise.all([plans.all(), plans.current()]);
    const defaultPlanId = fallback?.row.planId ?? null;
    return c.json({
      default: defaultPlanId,
      plans: hosted.filter((p) => planVisibleTo(caller, p.index)).map((p) => planSummary(p, defaultPlanId)),
    });
  });

  app.get('/diff', requireRole('consolidator', 'admin'), async (c) => {
    const { from, to } = parseQuery(PlanDiffQuery, c.req.query(), c.get('lang'));
    const hosted = async (id: string) => {
      const loaded = await plans.current(id);
      if (!loaded) throw new ApiError('not_found', { what: { fr: `plan ${id}`, en: `plan ${id}` } });
      return loaded.index.plan;
    };
    const [older, newer] = await Promise.all([hosted(from), hosted(to)]);
    return c.json({ diff: diffPlanCycles(older, newer) });
  });

  app.post('/', requireRole('admin'), async (c) => {
    const plan = await readJson(c, Plan);
    try {
      const row = await store.publishPlan(plan, c.get('caller').actor);
      onChange({ kind: 'plan' });
      const hosted = await plans.current(row.planId);
      const defaultPlanId = (await plans.current())?.row.planId ?? null;
      return c.json({ plan: hosted ? planSummary(hosted, defaultPlanId) : null, version: row }, 201);
    } catch (error) {
      if (error instanceof PlanVersionExistsError)
        throw new ApiError('plan_version_exists', { version: `${error.planId} ${error.version}` });
      throw error;
    }
  });

  return app;
}
