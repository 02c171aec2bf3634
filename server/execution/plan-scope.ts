/**
 * Which plan an execution route works on, and what that plan says for a period: every execution
 * route takes `?plan=<planId>` (that plan's newest version) or else the service's current plan —
 * resolved here only, so that hosting several plans changes one function. What was planned for the
 * period's year comes from the plan itself (its costs split over their years, PM kept), as the
 * « Exécution » template and `pac annual-plan` print it; the overrun threshold and the indicators'
 * targets are the plan's; withdrawn activities are those of the plan's earlier versions that the
 * current one no longer has.
 */
import type { Context } from 'hono';
import {
  type IndicatorTarget,
  indicatorTargetsOf,
  overrunThresholdOf,
  type PlanIndex,
  type Planned,
  plannedForYear,
} from '#core';
import type { AppEnv } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import type { LoadedPlan, PlanCache } from '../plan/plan-cache.ts';
import type { PeriodRow, Store } from '../store/store.ts';

/** The plan of the request: `?plan=` when given (404 if the service has no such plan), else the current one. */
export async function requestPlan(c: Context<AppEnv>, store: Store, plans: PlanCache): Promise<LoadedPlan> {
  const asked = c.req.query('plan');
  const current = await plans.current();
  if (!asked || asked === current?.row.planId) {
    if (!current) throw new ApiError('unavailable');
    return current;
  }
  // Newest first: the plan's latest version is its first row.
  const row = (await store.listPlanVersions()).find((r) => r.planId === asked);
  const loaded = row ? await plans.version(row.version, row.planId) : null;
  if (!loaded) throw new ApiError('not_found', { what: { fr: `plan « ${asked} »`, en: `plan "${asked}"` } });
  return loaded;
}

/** What the plan planned for each activity in `year`. */
export function plannedFor(index: PlanIndex, year: number): Map<string, Planned> {
  return plannedForYear(index, year, null);
}

/** The activities of the plan's earlier versions that its current version no longer has. */
export async function withdrawnActivities(
  store: Store,
  plans: PlanCache,
  loaded: LoadedPlan,
): Promise<Set<string>> {
  const withdrawn = new Set<string>();
  const rows = (await store.listPlanVersions()).filter(
    (r) => r.planId === loaded.row.planId && r.version !== loaded.row.version,
  );
  for (const row of rows) {
    const older = await plans.version(row.version, row.planId);
    for (const a of older?.index.plan.activities ?? [])
      if (!loaded.index.activity(a.code)) withdrawn.add(a.code);
  }
  return withdrawn;
}

export interface ExecutionTerms {
  planned: Map<string, Planned>;
  threshold: number;
  targets: IndicatorTarget[];
}

export function executionTerms(loaded: LoadedPlan, year: number): ExecutionTerms {
  return {
    planned: plannedFor(loaded.index, year),
    threshold: overrunThresholdOf(loaded.index.plan),
    targets: indicatorTargetsOf(loaded.index.plan),
  };
}

/** The period `key` of the plan, or 404. */
export async function requestPeriod(store: Store, loaded: LoadedPlan, key: string): Promise<PeriodRow> {
  const found = await store.period(loaded.row.planId, key);
  if (!found)
    throw new ApiError('not_found', {
      what: {
        fr: `période « ${key} » du plan ${loaded.row.planId} (ouverte par le Secrétariat permanent)`,
        en: `period "${key}" of plan ${loaded.row.planId} (opened by the Permanent Secretariat)`,
      },
    });
  return found;
}

/** A ministry the plan knows, from any of its spellings, or 404. */
export function planMinistry(index: PlanIndex, asked: string): string {
  const resolved = index.resolveMinistry(asked);
  const code = resolved?.length === 1 ? resolved[0] : undefined;
  if (code === undefined)
    throw new ApiError('not_found', { what: { fr: `ministère « ${asked} »`, en: `ministry "${asked}"` } });
  return code;
}
