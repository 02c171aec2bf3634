/**
 * One ministry's part of the plan: its activities (joint ones included) and the pillars,
 * objectives and results above them. What the add-ins cache for a ministry; the envelope and the
 * directory stay whole so that summaries and names still work.
 */
import type { Plan } from './schemas/plan.ts';

export function planForMinistry(plan: Plan, ministry: string): Plan {
  const activities = plan.activities.filter(
    (a) => a.responsible === ministry || a.jointWith.includes(ministry),
  );
  const results = new Set(activities.map((a) => a.result));
  const objectives = new Set(activities.map((a) => a.objective));
  const pillars = new Set(activities.map((a) => a.pillar));
  return {
    ...plan,
    pillars: plan.pillars.filter((p) => pillars.has(p.code)),
    objectives: plan.objectives.filter((o) => objectives.has(o.code)),
    results: plan.results.filter((r) => results.has(r.code)),
    activities,
  };
}
