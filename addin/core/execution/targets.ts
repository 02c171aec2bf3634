/**
 * What the plan itself says for the execution follow-up: the indicators' baselines, targets and
 * units (results[].indicatorTargets, set by the administrator) and the overrun threshold of the
 * commitment check (plan.overrunThreshold), with the core's default when the plan sets none.
 */
import type { Plan } from '../schemas/plan.ts';
import { DEFAULT_OVERRUN_THRESHOLD } from './checks.ts';
import type { IndicatorTarget } from './model.ts';

export function indicatorTargetsOf(plan: Plan): IndicatorTarget[] {
  return plan.results.flatMap((r) =>
    (r.indicatorTargets ?? []).flatMap((t, indicator) =>
      t && indicator < r.indicators.length ? [{ result: r.code, indicator, ...t }] : [],
    ),
  );
}

export function overrunThresholdOf(plan: Plan): number {
  return plan.plan.overrunThreshold ?? DEFAULT_OVERRUN_THRESHOLD;
}
