/**
 * The canonical plan shipped with PAC (templates/pnlevt-2021-2025.json), read and checked against
 * the plan schema once per process.
 */
import { readFileSync } from 'node:fs';
import { indexPlan, Plan, type PlanIndex } from '#core';
import { PLAN_JSON_PATH } from '../plan-extraction/paths.ts';

let cached: PlanIndex | null = null;

export function shippedPlan(): PlanIndex {
  cached ??= indexPlan(Plan.parse(JSON.parse(readFileSync(PLAN_JSON_PATH, 'utf8'))));
  return cached;
}
