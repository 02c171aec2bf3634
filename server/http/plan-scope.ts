/**
 * Which hosted plan a request is for — the one place that decides it, for every plan-dependent
 * route (plan, template, returns, upload, status, consolidation, dashboard, reviews, attempts, me,
 * execution periods): `?plan=<planId>` when given, otherwise the service's default plan
 * (PAC_DEFAULT_PLAN, else the shipped plan's id; server/plan/plan-cache.ts). A ministry token is
 * only given plans where its ministry has activities: when the default plan has none of them, the
 * plan published last that has is its default; a plan named in `?plan=` that has none is not found
 * for it, as a plan that is not hosted.
 */
import type { Context } from 'hono';
import type { PlanIndex } from '#core';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import type { AppEnv, Caller } from './context.ts';
import { ApiError } from './errors.ts';

/** Whether a plan is open to a ministry: it has activities there (led or shared). */
export function planOpenTo(index: PlanIndex, ministry: string): boolean {
  return index.activitiesOf(ministry).length > 0;
}

/** Whether the caller may see the plan: every plan for the other roles. */
export function planVisibleTo(caller: Caller, index: PlanIndex): boolean {
  const ministry = caller.token.role === 'ministry' ? caller.token.ministry : null;
  return ministry === null || planOpenTo(index, ministry);
}

function planNotFound(planId: string): ApiError {
  return new ApiError('not_found', {
    what: {
      fr: `plan « ${planId} » (GET /api/plans liste les plans)`,
      en: `plan "${planId}" (GET /api/plans lists them)`,
    },
  });
}

/** The plan of a request (see the header); 404 for an unknown plan, 503 when none is hosted yet. */
export async function planOfRequest(c: Context<AppEnv>, plans: PlanCache): Promise<LoadedPlan> {
  const named = c.req.query('plan')?.trim();
  const caller = c.get('caller') as Caller | undefined;
  if (named) {
    const loaded = await plans.current(named);
    if (!loaded || (caller && !planVisibleTo(caller, loaded.index))) throw planNotFound(named);
    return loaded;
  }
  const fallback = await plans.current();
  if (!fallback) throw new ApiError('unavailable');
  if (!caller || planVisibleTo(caller, fallback.index)) return fallback;
  const open = (await plans.all()).find((p) => planVisibleTo(caller, p.index));
  return open ?? fallback;
}
