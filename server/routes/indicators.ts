/**
 * PATCH /api/plan/indicators — the administrator sets the baseline, target and unit of results'
 * indicators (the execution follow-up measures the values reached against them). The plan is
 * never edited in place: a new version is published with those fields set on
 * `results[].indicatorTargets`, and every other field as it was.
 */
import { Hono } from 'hono';
import type { Plan } from '#core';
import { requestPlan } from '../execution/plan-scope.ts';
import { IndicatorsBody } from '../http/api-schemas.ts';
import { requireRole } from '../http/auth.ts';
import { readJson } from '../http/body.ts';
import type { AppEnv, RouteDeps } from '../http/context.ts';
import { ApiError } from '../http/errors.ts';
import { PlanVersionExistsError, type PlanVersionRow } from '../store/store.ts';

/** The next version number: one more than the highest numeric version, else the current one suffixed. */
function nextVersion(current: string, versions: readonly PlanVersionRow[]): string {
  const numbers = versions.map((v) => v.version).filter((v) => /^\d+$/.test(v));
  if (/^\d+$/.test(current)) return String(Math.max(...numbers.map(Number)) + 1);
  return `${current}-i${versions.length}`;
}

export function indicatorRoutes({ store, plans, onChange }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.patch('/', requireRole('admin'), async (c) => {
    const loaded = await requestPlan(c, store, plans);
    const { targets } = await readJson(c, IndicatorsBody);
    const plan: Plan = structuredClone(loaded.index.plan);
    const en = c.get('lang') === 'en';
    const issues: { path: string; message: string; code: string }[] = [];
    targets.forEach((t, i) => {
      const result = plan.results.find((r) => r.code === t.result);
      if (!result) {
        issues.push({
          path: `targets.${i}.result`,
          message: en
            ? `unknown result "${t.result}" in the plan`
            : `résultat « ${t.result} » inconnu du plan`,
          code: 'invalid_value',
        });
        return;
      }
      if (t.indicator > result.indicators.length) {
        issues.push({
          path: `targets.${i}.indicator`,
          message: en
            ? `result ${t.result} has ${result.indicators.length} indicator(s): ${t.indicator} is not one`
            : `le résultat ${t.result} a ${result.indicators.length} indicateur(s) : ${t.indicator} n'en est pas un`,
          code: 'too_big',
        });
        return;
      }
      const all = result.indicators.map((_, k) => result.indicatorTargets?.[k] ?? null);
      const before = all[t.indicator - 1] ?? { baseline: null, target: null, unit: null };
      all[t.indicator - 1] = {
        baseline: t.baseline !== undefined ? t.baseline : before.baseline,
        target: t.target !== undefined ? t.target : before.target,
        unit: t.unit !== undefined ? t.unit || null : before.unit,
      };
      result.indicatorTargets = all;
    });
    if (issues.length > 0) throw new ApiError('invalid_request', {}, { issues });
    const versions = (await store.listPlanVersions()).filter((v) => v.planId === loaded.row.planId);
    plan.plan.version = nextVersion(loaded.row.version, versions);
    try {
      const row = await store.publishPlan(plan, c.get('caller').actor);
      onChange({ kind: 'plan' });
      return c.json({ planVersion: row.version });
    } catch (error) {
      if (error instanceof PlanVersionExistsError)
        throw new ApiError('plan_version_exists', { version: error.version });
      throw error;
    }
  });

  return app;
}
