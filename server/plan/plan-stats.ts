/**
 * Figures about a canonical plan that a person can check against the document: activities per
 * pillar and per ministry, how many are costed, PM (pour mémoire) or without cost, and their sums.
 */
import { type Activity, type Money, moneyFromNumber, type Plan, sumMoney } from '#core';

export interface CostFigures {
  activities: number;
  costed: number;
  pm: number;
  blank: number;
  /** Sum of the costed activities, in FCFA (exact). */
  cost: Money;
}

function figures(activities: readonly Activity[]): CostFigures {
  return {
    activities: activities.length,
    costed: activities.filter((a) => a.cost !== null).length,
    pm: activities.filter((a) => a.costNote === 'PM').length,
    blank: activities.filter((a) => a.cost === null && a.costNote === null).length,
    cost: sumMoney(activities.map((a) => (a.cost === null ? null : moneyFromNumber(a.cost)))),
  };
}

export interface PlanStats {
  total: CostFigures;
  byPillar: { code: string; name: string; figures: CostFigures }[];
  /** By lead responsible ministry, in directory order. */
  byMinistry: { code: string; figures: CostFigures }[];
}

export function planStats(plan: Plan): PlanStats {
  return {
    total: figures(plan.activities),
    byPillar: plan.pillars.map((p) => ({
      code: p.code,
      name: p.name,
      figures: figures(plan.activities.filter((a) => a.pillar === p.code)),
    })),
    byMinistry: plan.ministries
      .filter((m) => plan.activities.some((a) => a.responsible === m.code))
      .map((m) => ({
        code: m.code,
        figures: figures(plan.activities.filter((a) => a.responsible === m.code)),
      })),
  };
}
