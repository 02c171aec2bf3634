/**
 * From one plan to the next cycle's (`pac plan diff OLD.json NEW.json`, the dashboard's view of
 * it): which activities the new plan keeps, renames, renumbers, merges, splits, drops and adds,
 * and how money moves per pillar and per lead ministry. Unlike ./diff.ts (two versions of one
 * plan, matched by code only), two cycles renumber and rewrite their activities, so titles count.
 *
 * Titles are compared after folding case, accents and runs of whitespace ("same title"). The
 * rules, in order:
 * 1. Same code in both plans: **kept** when the titles are the same, **renamed** otherwise.
 * 2. Among what is left, an old and a new activity are **renumbered** (different codes, same or
 *    near title) when the Dice similarity of their titles (2 × shared character pairs / all
 *    character pairs) is at least RENUMBER_MIN_SIMILARITY and each is the other's single best
 *    candidate; ties match nothing. This is repeated until no pair is added.
 * 3. Each activity still left is mapped to the activity of the other plan whose title holds every
 *    word of its own (MERGE_MIN_COVERAGE), when exactly one does. A new activity that two or more
 *    old ones map to — counting the old one matched to it in step 1 or 2 — is a **merge** of them;
 *    an old activity that two or more new ones map to the same way is a **split**. An activity in
 *    both a merge and a split is in neither (ambiguous).
 * 4. Everything else is **dropped** (old) or **added** (new): a pair of titles that are only
 *    somewhat alike is listed both ways, never matched by a guess.
 * The rules are symmetric: what diff(A, B) adds, diff(B, A) drops, and merges become splits.
 *
 * Money: the costed activities' sums per pillar (by code) and per lead ministry in each plan, in
 * each plan's own unit (plan.amountUnit). The change and its percentage are given only when both
 * plans count in the same unit: amounts in different units are never subtracted nor converted.
 * Everything here is plain JSON (amounts as decimal strings), for `--json` and the dashboard.
 */
import { type Money, moneyFromNumber, moneyToDecimal, sumMoney } from './money.ts';
import { DEFAULT_AMOUNT_UNIT } from './plan-words.ts';
import type { Activity, AmountUnit, Plan } from './schemas/plan.ts';

/** Least Dice similarity of two titles for a renumbered activity. */
export const RENUMBER_MIN_SIMILARITY = 0.8;
/**
 * Least share of a title's words found in another for it to count toward a merge or a split: all
 * of them. In the PNLEVT, distinct activities of one result share up to 94 % of their words
 * ("Élaborer le plan de renforcement…" and "Mettre en œuvre le plan de renforcement…").
 */
export const MERGE_MIN_COVERAGE = 1;

export interface CycleActivity {
  code: string;
  title: string;
  pillar: string;
  responsible: string;
  cost: number | null;
  costNote: 'PM' | null;
}

export interface CyclePair {
  old: CycleActivity;
  new: CycleActivity;
  /** Dice similarity of the two titles, 0–1, two decimals (1 for the same title). */
  similarity: number;
}

export interface CycleGroup {
  /** A merge: the old activities (in the old plan's order). A split: the one old activity. */
  old: CycleActivity[];
  /** A merge: the one new activity. A split: the new activities (in the new plan's order). */
  new: CycleActivity[];
}

export interface CyclePlanRef {
  id: string;
  version: string;
  title: string;
  /** The unit in words, as the plan writes it ("millions FCFA"). */
  unitLabel: string;
  unit: AmountUnit;
  years: number[];
  activities: number;
}

/** One pillar's or ministry's sums. Amounts are decimal strings in each plan's unit. */
export interface MoneyMove {
  key: string;
  /** The pillar's name (the new plan's when it has the pillar); the ministry's code otherwise. */
  name: string;
  /** Null when the pillar or ministry has no activity in that plan. */
  before: string | null;
  after: string | null;
  /** after − before (an absent side counts 0); null when the units differ. */
  change: string | null;
  /** change / before × 100, one decimal; null when the units differ or there was nothing before. */
  percent: string | null;
}

export interface CycleDiff {
  old: CyclePlanRef;
  new: CyclePlanRef;
  /** False when the plans count in different units: then no change nor percentage is computed. */
  sameUnit: boolean;
  kept: CyclePair[];
  renamed: CyclePair[];
  renumbered: CyclePair[];
  merged: CycleGroup[];
  split: CycleGroup[];
  dropped: CycleActivity[];
  added: CycleActivity[];
  money: { byPillar: MoneyMove[]; byMinistry: MoneyMove[]; total: MoneyMove };
}

// --- Titles ------------------------------------------------------------------------------------

/** Case, accents and whitespace folded: what two titles must share to be "the same". */
export function foldTitle(title: string): string {
  return title.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The folded title's character pairs as sorted numbers (a pair repeated is there twice). */
function bigrams(folded: string): Uint32Array {
  const out = new Uint32Array(Math.max(0, folded.length - 1));
  for (let i = 0; i + 1 < folded.length; i++)
    out[i] = folded.charCodeAt(i) * 65536 + folded.charCodeAt(i + 1);
  return out.sort();
}

/** How many pairs two sorted lists share, repeats counted: one merge pass. */
function shared(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      n++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return n;
}

interface Title {
  folded: string;
  pairs: Uint32Array;
  /** The folded title's distinct words. */
  words: Set<string>;
}

function titleOf(a: Activity): Title {
  const folded = foldTitle(a.title);
  const words = new Set(folded.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== ''));
  return { folded, pairs: bigrams(folded), words };
}

/** Dice similarity of two titles: 1 for the same folded title, 0 for nothing in common. */
function dice(a: Title, b: Title): number {
  if (a.folded === b.folded) return 1;
  const total = a.pairs.length + b.pairs.length;
  return total === 0 ? 0 : (2 * shared(a.pairs, b.pairs)) / total;
}

/** Dice can reach `min` only when the shorter list is long enough: the pairs it cannot share. */
function mayReach(a: Title, b: Title, min: number): boolean {
  const total = a.pairs.length + b.pairs.length;
  return total === 0 || (2 * Math.min(a.pairs.length, b.pairs.length)) / total >= min;
}

/**
 * Share of `part`'s words found in `whole`. Words, not bigrams: a long title holds most bigrams
 * of any short one of the same field, but not its words.
 */
function coverage(part: Title, whole: Title): number {
  if (part.words.size === 0) return part.folded === whole.folded ? 1 : 0;
  let found = 0;
  for (const w of part.words) if (whole.words.has(w)) found++;
  return found / part.words.size;
}

const rounded = (x: number) => Math.round(x * 100) / 100;

// --- Matching ----------------------------------------------------------------------------------

function cycleActivity(a: Activity): CycleActivity {
  return {
    code: a.code,
    title: a.title,
    pillar: a.pillar,
    responsible: a.responsible,
    cost: a.cost,
    costNote: a.costNote,
  };
}

/** The single index of `items` with the highest score at or above `min`; null when none or tied. */
function singleBest(count: number, score: (j: number) => number, min: number): number | null {
  let best: number | null = null;
  let bestScore = -1;
  let tied = false;
  for (let j = 0; j < count; j++) {
    const s = score(j);
    if (s < min) continue;
    if (s > bestScore) {
      best = j;
      bestScore = s;
      tied = false;
    } else if (s === bestScore) tied = true;
  }
  return tied ? null : best;
}

interface Matching {
  /** Old index → new index, for steps 1 and 2. */
  partnerOfOld: Map<number, number>;
  partnerOfNew: Map<number, number>;
}

function matchByCode(olds: readonly Activity[], news: readonly Activity[]): Matching {
  const newByCode = new Map<string, number>();
  news.forEach((a, j) => {
    if (!newByCode.has(a.code)) newByCode.set(a.code, j);
  });
  const partnerOfOld = new Map<number, number>();
  const partnerOfNew = new Map<number, number>();
  const seenOld = new Set<string>();
  olds.forEach((a, i) => {
    // A code repeated in one plan: its first occurrence only is matched by code.
    if (seenOld.has(a.code)) return;
    seenOld.add(a.code);
    const j = newByCode.get(a.code);
    if (j === undefined) return;
    partnerOfOld.set(i, j);
    partnerOfNew.set(j, i);
  });
  return { partnerOfOld, partnerOfNew };
}

/** An activity of the other plan (its index) and the likeness of their titles. */
interface Candidate {
  k: number;
  s: number;
}

/**
 * Step 2: mutual single best pairs among the unmatched, repeated until none is added. The
 * likenesses at or above the threshold are computed once, as lists per old and per new activity.
 */
function matchRenumbered(oldTitles: Title[], newTitles: Title[], m: Matching): Set<number> {
  const renumberedOld = new Set<number>();
  const min = RENUMBER_MIN_SIMILARITY;
  const freeNew = newTitles.map((_, j) => j).filter((j) => !m.partnerOfNew.has(j));
  const ofOld = new Map<number, Candidate[]>();
  const ofNew = new Map<number, Candidate[]>();
  const push = (map: Map<number, Candidate[]>, key: number, c: Candidate) => {
    const list = map.get(key);
    if (list) list.push(c);
    else map.set(key, [c]);
  };
  oldTitles.forEach((o, i) => {
    if (m.partnerOfOld.has(i)) return;
    for (const j of freeNew) {
      const n = newTitles[j] as Title;
      if (!mayReach(o, n, min)) continue;
      const s = dice(o, n);
      if (s < min) continue;
      push(ofOld, i, { k: j, s });
      push(ofNew, j, { k: i, s });
    }
  });
  /** The single best still-free candidate of a list; null when none or tied. */
  const best = (list: Candidate[], taken: Map<number, number>) => {
    const free = list.filter((c) => !taken.has(c.k));
    const x = singleBest(free.length, (y) => (free[y] as Candidate).s, min);
    return x === null ? null : (free[x] as Candidate).k;
  };
  for (;;) {
    const found: [number, number][] = [];
    for (const [i, list] of ofOld) {
      if (m.partnerOfOld.has(i)) continue;
      const j = best(list, m.partnerOfNew);
      if (j !== null && best(ofNew.get(j) ?? [], m.partnerOfOld) === i) found.push([i, j]);
    }
    if (found.length === 0) return renumberedOld;
    for (const [i, j] of found) {
      m.partnerOfOld.set(i, j);
      m.partnerOfNew.set(j, i);
      renumberedOld.add(i);
    }
  }
}

/**
 * Step 3 in one direction: each unmatched item of `from` mapped to the item of `to` holding most
 * of its title; the `to` items reached by two or more (their step-1/2 partner counted) as groups.
 */
function groupsInto(
  fromTitles: Title[],
  toTitles: Title[],
  partnerOfFrom: Map<number, number>,
  partnerOfTo: Map<number, number>,
): Map<number, number[]> {
  const sources = new Map<number, number[]>();
  fromTitles.forEach((t, i) => {
    if (partnerOfFrom.has(i)) return;
    const j = singleBest(toTitles.length, (k) => coverage(t, toTitles[k] as Title), MERGE_MIN_COVERAGE);
    if (j === null) return;
    const list = sources.get(j) ?? [];
    list.push(i);
    sources.set(j, list);
  });
  const groups = new Map<number, number[]>();
  for (const [j, list] of sources) {
    const partner = partnerOfTo.get(j);
    const all = partner === undefined ? list : [partner, ...list].sort((a, b) => a - b);
    if (all.length >= 2) groups.set(j, all);
  }
  return groups;
}

// --- Money -------------------------------------------------------------------------------------

function sums(activities: readonly Activity[], keyOf: (a: Activity) => string): Map<string, Money> {
  const out = new Map<string, Money>();
  for (const a of activities) {
    const key = keyOf(a);
    const cost = a.cost === null ? null : moneyFromNumber(a.cost);
    out.set(key, (out.get(key) ?? 0n) + sumMoney([cost]));
  }
  return out;
}

/** change / before × 100 to one decimal, rounded half away from zero, exactly. */
function percentOf(change: Money, before: Money): string {
  const tenths = (change * 1000n * 2n + (change < 0n ? -before : before)) / (2n * before);
  const negative = tenths < 0n;
  const abs = negative ? -tenths : tenths;
  return `${negative ? '-' : ''}${abs / 10n}.${abs % 10n}`;
}

function move(
  key: string,
  name: string,
  before: Money | undefined,
  after: Money | undefined,
  sameUnit: boolean,
): MoneyMove {
  const change = (after ?? 0n) - (before ?? 0n);
  return {
    key,
    name,
    before: before === undefined ? null : moneyToDecimal(before),
    after: after === undefined ? null : moneyToDecimal(after),
    change: sameUnit ? moneyToDecimal(change) : null,
    percent: sameUnit && before !== undefined && before !== 0n ? percentOf(change, before) : null,
  };
}

/** Keys in the old plan's order, then those only the new plan has. */
function unionKeys(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function moneyMoves(older: Plan, newer: Plan, sameUnit: boolean): CycleDiff['money'] {
  const pillarName = new Map([...older.pillars, ...newer.pillars].map((p) => [p.code, p.name]));
  const byPillarBefore = sums(older.activities, (a) => a.pillar);
  const byPillarAfter = sums(newer.activities, (a) => a.pillar);
  const pillarKeys = unionKeys(
    [...older.pillars.map((p) => p.code), ...byPillarBefore.keys()],
    [...newer.pillars.map((p) => p.code), ...byPillarAfter.keys()],
  );
  const byMinistryBefore = sums(older.activities, (a) => a.responsible);
  const byMinistryAfter = sums(newer.activities, (a) => a.responsible);
  // Ministries in directory order, those with activities only.
  const directory = (plan: Plan, present: Map<string, Money>) => [
    ...plan.ministries.map((m) => m.code).filter((c) => present.has(c)),
    ...present.keys(),
  ];
  const ministryKeys = unionKeys(directory(older, byMinistryBefore), directory(newer, byMinistryAfter));
  const total = (plan: Plan) => sumMoney(sums(plan.activities, () => '').values());
  return {
    byPillar: pillarKeys.map((k) =>
      move(k, pillarName.get(k) ?? k, byPillarBefore.get(k), byPillarAfter.get(k), sameUnit),
    ),
    byMinistry: ministryKeys.map((k) =>
      move(k, k, byMinistryBefore.get(k), byMinistryAfter.get(k), sameUnit),
    ),
    total: move('', '', total(older), total(newer), sameUnit),
  };
}

// --- The diff ----------------------------------------------------------------------------------

function planRef(plan: Plan): CyclePlanRef {
  return {
    id: plan.plan.id,
    version: plan.plan.version,
    title: plan.plan.title,
    unitLabel: plan.plan.unit,
    unit: { ...(plan.plan.amountUnit ?? DEFAULT_AMOUNT_UNIT) },
    years: [...plan.plan.years],
    activities: plan.activities.length,
  };
}

export function diffPlanCycles(older: Plan, newer: Plan): CycleDiff {
  const olds = older.activities;
  const news = newer.activities;
  const oldTitles = olds.map(titleOf);
  const newTitles = news.map(titleOf);
  const m = matchByCode(olds, news);
  const renumberedOld = matchRenumbered(oldTitles, newTitles, m);
  let merges = groupsInto(oldTitles, newTitles, m.partnerOfOld, m.partnerOfNew);
  let splits = groupsInto(newTitles, oldTitles, m.partnerOfNew, m.partnerOfOld);
  // An activity in a merge and in a split: both ambiguous, neither kept.
  const mergedOld = new Set([...merges.values()].flat());
  const mergedNew = new Set(merges.keys());
  const splitNew = new Set([...splits.values()].flat());
  const splitOld = new Set(splits.keys());
  const clash = (oldSide: number[], newSide: number[]) =>
    oldSide.some((i) => splitOld.has(i)) || newSide.some((j) => splitNew.has(j));
  const clashSplit = (oldSide: number[], newSide: number[]) =>
    oldSide.some((i) => mergedOld.has(i)) || newSide.some((j) => mergedNew.has(j));
  merges = new Map([...merges].filter(([j, list]) => !clash(list, [j])));
  splits = new Map([...splits].filter(([i, list]) => !clashSplit([i], list)));

  const grouped = { old: new Set<number>(), new: new Set<number>() };
  for (const [j, list] of merges) {
    grouped.new.add(j);
    for (const i of list) grouped.old.add(i);
  }
  for (const [i, list] of splits) {
    grouped.old.add(i);
    for (const j of list) grouped.new.add(j);
  }

  const oldAt = (i: number) => cycleActivity(olds[i] as Activity);
  const newAt = (j: number) => cycleActivity(news[j] as Activity);
  const oldRef = planRef(older);
  const newRef = planRef(newer);
  const sameUnit =
    oldRef.unit.currency === newRef.unit.currency && oldRef.unit.multiplier === newRef.unit.multiplier;
  const diff: CycleDiff = {
    old: oldRef,
    new: newRef,
    sameUnit,
    kept: [],
    renamed: [],
    renumbered: [],
    merged: [...merges]
      .sort(([a], [b]) => a - b)
      .map(([j, list]) => ({ old: list.map(oldAt), new: [newAt(j)] })),
    split: [...splits]
      .sort(([a], [b]) => a - b)
      .map(([i, list]) => ({ old: [oldAt(i)], new: list.map(newAt) })),
    dropped: [],
    added: [],
    money: moneyMoves(older, newer, sameUnit),
  };
  olds.forEach((_, i) => {
    if (grouped.old.has(i)) return;
    const j = m.partnerOfOld.get(i);
    if (j === undefined) {
      diff.dropped.push(oldAt(i));
      return;
    }
    const o = oldTitles[i] as Title;
    const n = newTitles[j] as Title;
    const pair = { old: oldAt(i), new: newAt(j), similarity: rounded(dice(o, n)) };
    if (renumberedOld.has(i)) diff.renumbered.push(pair);
    else if (o.folded === n.folded) diff.kept.push(pair);
    else diff.renamed.push(pair);
  });
  news.forEach((_, j) => {
    if (!grouped.new.has(j) && !m.partnerOfNew.has(j)) diff.added.push(newAt(j));
  });
  return diff;
}
