/**
 * A canonical plan of any size, valid against the plan schema, for the template's tests and
 * benchmark: 5 pillars × 3 objectives, results of `perResult` activities, 11 ministries taking
 * activities in turn (every 7th activity joint with the next ministry, every 5th PM, every 11th
 * without a cost), and an envelope row per pillar and ministry pair. `title` lets a test put
 * formula-looking text where the plan's text goes.
 */
import { type Activity, indexPlan, Plan, type PlanIndex } from '#core';

export const SYNTHETIC_YEARS = [2021, 2022, 2023, 2024, 2025];

export interface SyntheticOptions {
  activities: number;
  perResult?: number;
  title?: (i: number, code: string) => string;
}

export function syntheticPlan(opts: SyntheticOptions): Plan {
  const perResult = opts.perResult ?? 10;
  const ministries = Array.from({ length: 11 }, (_, i) => `M${String(i + 1).padStart(2, '0')}`);
  const pillars = [1, 2, 3, 4, 5].map((p) => ({ code: String(p), name: `Pilier synthétique ${p}`, line: p }));
  const objectives = pillars.flatMap((p) =>
    [1, 2, 3].map((o) => ({
      code: `${p.code}.${o}`,
      pillar: p.code,
      title: `Objectif ${p.code}.${o}`,
      source: { code: `OS ${p.code}.${o}`, line: 1 },
    })),
  );
  const resultCount = Math.ceil(opts.activities / perResult);
  const results = Array.from({ length: resultCount }, (_, i) => {
    // Results are spread over the objectives in plan order, so groups stay contiguous.
    const objective = objectives[Math.floor((i * objectives.length) / resultCount)] ?? objectives[0];
    if (!objective) throw new Error('no objective');
    return {
      code: `${objective.code}.${i + 1}`,
      objective: objective.code,
      pillar: objective.pillar,
      title: `Résultat ${objective.code}.${i + 1}`,
      indicators: [],
      source: { code: null, line: 1 },
    };
  });
  const activities: Activity[] = Array.from({ length: opts.activities }, (_, i) => {
    const result = results[Math.floor(i / perResult)];
    if (!result) throw new Error('no result');
    const code = `${result.code}.${(i % perResult) + 1}`;
    const responsible = ministries[i % ministries.length] ?? 'M01';
    const joint = i % 7 === 3 ? [ministries[(i + 1) % ministries.length] ?? 'M02'] : [];
    const pm = i % 5 === 4;
    const blank = !pm && i % 11 === 10;
    const cost = pm || blank ? null : 10 + (i % 90) * 12.5;
    return {
      code,
      title: opts.title?.(i, code) ?? `Activité synthétique ${code}`,
      pillar: result.pillar,
      objective: result.objective,
      result: result.code,
      responsible,
      jointWith: joint,
      responsibleAsWritten: [responsible, ...joint].join('-'),
      partners: [],
      partnersAsWritten: '',
      alignment: null,
      cost,
      costAsWritten: pm ? 'PM' : cost === null ? '' : String(cost),
      costNote: pm ? 'PM' : null,
      years: SYNTHETIC_YEARS.filter((_, k) => (i + k) % 3 !== 0),
      source: { code, line: i + 1 },
    };
  });
  const envelopeYears = Object.fromEntries(SYNTHETIC_YEARS.map((y) => [String(y), 100]));
  const rows = pillars.flatMap((p, pi) =>
    ministries.map((m, mi) => ({
      pillar: p.code,
      pillarAsWritten: p.name,
      ministry: m,
      ministryAsWritten: m,
      years: envelopeYears,
      total: 500,
      national: 200,
      external: 300,
      line: pi * 100 + mi,
    })),
  );
  return Plan.parse({
    plan: {
      id: 'synthetic',
      version: '1',
      title: `Plan synthétique (${opts.activities} activités)`,
      years: SYNTHETIC_YEARS,
      unit: 'millions FCFA',
      source: { file: 'synthetic', sha256: '0'.repeat(64), section: 'IV' },
    },
    ministries: ministries.map((code) => ({
      code,
      name: `Ministère ${code}`,
      nameInDocument: true,
      spellings: [],
      parent: null,
      returns: true,
    })),
    jointSpellings: [],
    pillars,
    objectives,
    results,
    activities,
    envelope: {
      title: 'Tableau II.2.1',
      unit: 'millions FCFA',
      years: SYNTHETIC_YEARS,
      rows,
      totalRow: {
        pillar: null,
        pillarAsWritten: 'TOTAL',
        ministry: null,
        ministryAsWritten: '',
        years: Object.fromEntries(SYNTHETIC_YEARS.map((y) => [String(y), 100 * rows.length])),
        total: 500 * rows.length,
        national: 200 * rows.length,
        external: 300 * rows.length,
        line: 9999,
      },
    },
  });
}

export function syntheticIndex(opts: SyntheticOptions): PlanIndex {
  return indexPlan(syntheticPlan(opts));
}
