/**
 * The plan as numbered tables, built once per plan index and shared by every run: each activity's
 * position, and the ordinal of its result, objective, pillar, lead responsible ministry and
 * (pillar, lead ministry) pair. The checks group lines by these ordinals in typed arrays instead of
 * looking strings up in maps for every line.
 */
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';

/** Distinct keys in the order they first come up, and each one's ordinal. */
export interface Keys {
  readonly list: string[];
  readonly ordinal: Map<string, number>;
}

export interface PlanTables {
  /** The plan's activities; `index.activity(code)` is `activities[position.get(code)]`. */
  readonly activities: readonly Activity[];
  readonly position: ReadonlyMap<string, number>;
  /** Each activity's code, by position: a compact array to compare a line's code with. */
  readonly codes: readonly string[];
  /** 1 where `position` leads to this activity (0 for a code the plan repeats, but for its last). */
  readonly indexed: Uint8Array;
  readonly results: Keys;
  readonly objectives: Keys;
  readonly pillars: Keys;
  /** Lead responsible ministries, as activities name them. */
  readonly ministries: Keys;
  /** (pillar, lead ministry) pairs, keyed `${pillar}\0${ministry}`. */
  readonly pairs: Keys;
  /** Per activity position, the ordinal of its result, objective, pillar, ministry and pair. */
  readonly result: Int32Array;
  readonly objective: Int32Array;
  readonly pillar: Int32Array;
  readonly ministry: Int32Array;
  readonly pair: Int32Array;
  /** Per pair ordinal, its pillar and ministry ordinals. */
  readonly pairPillar: Int32Array;
  readonly pairMinistry: Int32Array;
}

function keys(): Keys {
  return { list: [], ordinal: new Map() };
}

function ordinalOf(k: Keys, key: string): number {
  let n = k.ordinal.get(key);
  if (n === undefined) {
    n = k.list.length;
    k.list.push(key);
    k.ordinal.set(key, n);
  }
  return n;
}

export const pairKey = (pillar: string, ministry: string): string => `${pillar}\u0000${ministry}`;

const memo = new WeakMap<PlanIndex, PlanTables>();

export function planTables(index: PlanIndex): PlanTables {
  const cached = memo.get(index);
  if (cached) return cached;
  const activities = index.plan.activities;
  const n = activities.length;
  const position = new Map<string, number>();
  const tables = {
    activities,
    position,
    codes: activities.map((a) => a.code),
    indexed: new Uint8Array(n),
    results: keys(),
    objectives: keys(),
    pillars: keys(),
    ministries: keys(),
    pairs: keys(),
    result: new Int32Array(n),
    objective: new Int32Array(n),
    pillar: new Int32Array(n),
    ministry: new Int32Array(n),
    pair: new Int32Array(n),
  };
  const pairPillar: number[] = [];
  const pairMinistry: number[] = [];
  activities.forEach((a, i) => {
    // The activity the index gives for this code (the plan's last, should a code come twice).
    if (index.activity(a.code) === a) position.set(a.code, i);
    tables.result[i] = ordinalOf(tables.results, a.result);
    tables.objective[i] = ordinalOf(tables.objectives, a.objective);
    tables.pillar[i] = ordinalOf(tables.pillars, a.pillar);
    tables.ministry[i] = ordinalOf(tables.ministries, a.responsible);
    const pairs = tables.pairs.list.length;
    const p = ordinalOf(tables.pairs, pairKey(a.pillar, a.responsible));
    tables.pair[i] = p;
    if (p === pairs) {
      pairPillar.push(tables.pillar[i] as number);
      pairMinistry.push(tables.ministry[i] as number);
    }
  });
  for (const i of position.values()) tables.indexed[i] = 1;
  const built: PlanTables = {
    ...tables,
    pairPillar: Int32Array.from(pairPillar),
    pairMinistry: Int32Array.from(pairMinistry),
  };
  memo.set(index, built);
  return built;
}
