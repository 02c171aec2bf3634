/**
 * Fast lookups over a canonical plan, built once per plan and shared by every check: activities
 * by code, a ministry's activities (joint ones included), and the ministry a spelling refers to.
 */
import type { Activity, Plan } from './schemas/plan.ts';

export interface PlanIndex {
  readonly plan: Plan;
  readonly years: readonly number[];
  activity(code: string): Activity | undefined;
  /** The lead responsible ministry first, then those named jointly. */
  ministriesOf(activity: Activity): string[];
  /** Activities a ministry is responsible for, joint ones included, in plan order. */
  activitiesOf(ministry: string): Activity[];
  /** Ministry codes a spelling of the document refers to ("MRN-APR" → MRN; "MARCC-MRN" → both). */
  resolveMinistry(asWritten: string): string[] | null;
  ministryName(code: string): string;
}

/** Spellings compare without spaces, case or accents: "DNAPES/ MJDH" is "DNAPES/MJDH". */
export function spellingKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s\u00a0\u202f]+/g, '')
    .toUpperCase();
}

export function indexPlan(plan: Plan): PlanIndex {
  const byCode = new Map(plan.activities.map((a) => [a.code, a]));
  const byMinistry = new Map<string, Activity[]>();
  for (const a of plan.activities) {
    for (const m of [a.responsible, ...a.jointWith]) {
      const list = byMinistry.get(m) ?? [];
      list.push(a);
      byMinistry.set(m, list);
    }
  }
  const spellings = new Map<string, string[]>();
  for (const m of plan.ministries) {
    spellings.set(spellingKey(m.code), [m.code]);
    for (const s of m.spellings) spellings.set(spellingKey(s), [m.code]);
  }
  for (const j of plan.jointSpellings) spellings.set(spellingKey(j.asWritten), [...j.ministries]);
  const names = new Map(plan.ministries.map((m) => [m.code, m.name]));

  return {
    plan,
    years: plan.plan.years,
    activity: (code) => byCode.get(code),
    ministriesOf: (a) => [a.responsible, ...a.jointWith],
    activitiesOf: (m) => byMinistry.get(m) ?? [],
    resolveMinistry: (text) => spellings.get(spellingKey(text)) ?? null,
    ministryName: (code) => names.get(code) ?? code,
  };
}
