/**
 * One ministry's part of the plan: its activities (joint ones included) and the objectives and
 * results above them. What the add-ins cache for a ministry; the pillars, the envelope and the
 * directory stay whole so that summaries and names still work — a summary row for a pillar where
 * the ministry has an envelope but no activity is named, and ordered, as the service names it.
 */
import type { Plan } from './schemas/plan.ts';

export function planForMinistry(plan: Plan, ministry: string): Plan {
  const activities = plan.activities.filter(
    (a) => a.responsible === ministry || a.jointWith.includes(ministry),
  );
  const results = new Set(activities.map((a) => a.result));
  const objectives = new Set(activities.map((a) => a.objective));
  return {
    ...plan,
    objectives: plan.objectives.filter((o) => objectives.has(o.code)),
    results: plan.results.filter((r) => results.has(r.code)),
    activities,
  };
}
