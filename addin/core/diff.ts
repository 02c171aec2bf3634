/**
 * What changed between two versions of a ministry's return (diffReturns), and between two versions
 * of the canonical plan (diffPlans). The first feeds the dashboard's version-to-version view; the
 * second is the body of the server's 409 when a return was made on an older plan, and what the
 * add-in shows when it updates its copy of the plan.
 *
 * Lines are matched by activity code. A code that appears twice in one return is matched
 * occurrence by occurrence (the first with the first), and lines without a code in their order, so
 * that nothing is silently merged. Amounts compare exactly (Money): a 1 FCFA change is a change,
 * and 0.1 + 0.2 typed one way and 0.3 the other are the same amount.
 */
import type { Line, Nature } from './model.ts';
import { type Money, moneyFromNumber, moneyToNumber } from './money.ts';
import { DEFAULT_AMOUNT_UNIT, hasObjectiveLevel } from './plan-words.ts';
import type { Activity, AmountUnit, Plan } from './schemas/plan.ts';

// --- Returns ----------------------------------------------------------------------------------

export type AmountChangeField = `year:${number}` | 'total' | 'national' | 'external';

export type FieldChange =
  | { field: AmountChangeField; before: Money | null; after: Money | null; delta: Money }
  | { field: 'nature'; before: Nature | null; after: Nature | null }
  | { field: 'execution'; before: number[]; after: number[] }
  | { field: 'comment'; before: string | null; after: string | null };

export interface ChangedLine {
  activity: string | null;
  before: Line;
  after: Line;
  /** In column order: years, total, national, external, nature, execution, comment. */
  changes: FieldChange[];
}

export interface ReturnDiff {
  /** In the newer return's order. */
  added: Line[];
  /** In the older return's order. */
  removed: Line[];
  /** In the newer return's order. */
  changed: ChangedLine[];
  unchanged: number;
}

/**
 * A key per line: its code and occurrence ("1.1.1.1#0"); lines without a code are counted among
 * themselves, so the first codeless line of one return meets the first of the other.
 */
function lineKeys(lines: readonly Line[]): string[] {
  const seen = new Map<string | null, number>();
  return lines.map((line) => {
    const n = seen.get(line.activity) ?? 0;
    seen.set(line.activity, n + 1);
    return line.activity === null ? `\u0000#${n}` : `${line.activity}#${n}`;
  });
}

const sameList = <T>(a: readonly T[], b: readonly T[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** The years either line has, in calendar order. */
function yearsOf(a: Line, b: Line): number[] {
  const years = new Set<number>();
  for (const y of Object.keys(a.years)) years.add(Number(y));
  for (const y of Object.keys(b.years)) years.add(Number(y));
  return [...years].sort((x, y) => x - y);
}

export function lineChanges(a: Line, b: Line): FieldChange[] {
  const changes: FieldChange[] = [];
  const amount = (field: AmountChangeField, before: Money | null, after: Money | null) => {
    if (before !== after) changes.push({ field, before, after, delta: (after ?? 0n) - (before ?? 0n) });
  };
  for (const y of yearsOf(a, b)) amount(`year:${y}`, a.years[y] ?? null, b.years[y] ?? null);
  amount('total', a.total, b.total);
  amount('national', a.national, b.national);
  amount('external', a.external, b.external);
  if (a.nature !== b.nature) changes.push({ field: 'nature', before: a.nature, after: b.nature });
  const ea = [...a.execution].sort((x, y) => x - y);
  const eb = [...b.execution].sort((x, y) => x - y);
  if (!sameList(ea, eb)) changes.push({ field: 'execution', before: ea, after: eb });
  if (a.comment !== b.comment) changes.push({ field: 'comment', before: a.comment, after: b.comment });
  return changes;
}

/** What changed from return `a` (older) to return `b` (newer). */
export function diffReturns(a: readonly Line[], b: readonly Line[]): ReturnDiff {
  const keysA = lineKeys(a);
  const keysB = lineKeys(b);
  const older = new Map<string, Line>();
  keysA.forEach((k, i) => {
    older.set(k, a[i] as Line);
  });
  const newer = new Set(keysB);

  const diff: ReturnDiff = { added: [], removed: [], changed: [], unchanged: 0 };
  keysB.forEach((k, i) => {
    const after = b[i] as Line;
    const before = older.get(k);
    if (!before) {
      diff.added.push(after);
      return;
    }
    const changes = lineChanges(before, after);
    if (changes.length === 0) diff.unchanged++;
    else diff.changed.push({ activity: after.activity, before, after, changes });
  });
  keysA.forEach((k, i) => {
    if (!newer.has(k)) diff.removed.push(a[i] as Line);
  });
  return diff;
}

/** A line as JSON carries it: amounts as numbers in millions, as in a submitted return. */
export interface LineJson {
  activity: string | null;
  nature: Nature | null;
  years: Record<string, number | null>;
  total: number | null;
  national: number | null;
  external: number | null;
  execution: number[];
  comment: string | null;
}

export type FieldChangeJson =
  | { field: AmountChangeField; before: number | null; after: number | null; delta: number }
  | Exclude<FieldChange, { field: AmountChangeField }>;

export interface ReturnDiffJson {
  added: LineJson[];
  removed: LineJson[];
  changed: { activity: string | null; changes: FieldChangeJson[] }[];
  unchanged: number;
}

const num = (v: Money | null): number | null => (v === null ? null : moneyToNumber(v));

export function lineJson(line: Line): LineJson {
  const years: Record<string, number | null> = {};
  for (const [y, v] of Object.entries(line.years)) years[y] = num(v);
  return {
    activity: line.activity,
    nature: line.nature,
    years,
    total: num(line.total),
    national: num(line.national),
    external: num(line.external),
    execution: [...line.execution],
    comment: line.comment,
  };
}

/**
 * The diff as JSON can carry it (Money is a bigint, which JSON.stringify refuses): amounts become
 * numbers in millions, which keep every FCFA for any amount a plan holds (15 significant digits).
 */
export function returnDiffJson(diff: ReturnDiff): ReturnDiffJson {
  return {
    added: diff.added.map(lineJson),
    removed: diff.removed.map(lineJson),
    changed: diff.changed.map((c) => ({
      activity: c.activity,
      changes: c.changes.map((ch): FieldChangeJson => {
        if (ch.field === 'nature' || ch.field === 'execution' || ch.field === 'comment') return ch;
        return {
          field: ch.field,
          before: num(ch.before),
          after: num(ch.after),
          delta: moneyToNumber(ch.delta),
        };
      }),
    })),
    unchanged: diff.unchanged,
  };
}

// --- Plans ------------------------------------------------------------------------------------

/** An activity as a change list names it. */
export interface ActivityRef {
  code: string;
  title: string;
  pillar: string;
  result: string;
  responsible: string;
  jointWith: string[];
  responsibleAsWritten: string;
  cost: number | null;
  costNote: 'PM' | null;
}

export interface PlanChange<T> {
  code: string;
  before: T;
  after: T;
}

export interface PlanDiff {
  from: { id: string; version: string };
  to: { id: string; version: string };
  /** The ministry the diff is limited to (its activities, joint ones included), or null. */
  ministry: string | null;
  /** The plan's years, when they changed. */
  years: { before: number[]; after: number[] } | null;
  /**
   * The unit amounts are written in, when it changed: costs are compared as written, never
   * converted, so a cost "changed" from 1 500 millions to 1 500 000 thousands is listed as such.
   */
  unit: { before: AmountUnit; after: AmountUnit } | null;
  added: ActivityRef[];
  removed: ActivityRef[];
  /** Title changed. */
  renamed: PlanChange<string>[];
  /**
   * Filed under another result (and so perhaps another objective or pillar). `objective` is null in
   * a plan without strategic objectives.
   */
  moved: PlanChange<{ result: string; objective: string | null; pillar: string }>[];
  costChanged: PlanChange<{ cost: number | null; costNote: 'PM' | null }>[];
  responsibleChanged: PlanChange<{ responsible: string; jointWith: string[]; asWritten: string }>[];
  /** Years of execution changed. */
  yearsChanged: PlanChange<number[]>[];
  /** True when nothing above changed for this scope. */
  same: boolean;
}

function ref(a: Activity): ActivityRef {
  return {
    code: a.code,
    title: a.title,
    pillar: a.pillar,
    result: a.result,
    responsible: a.responsible,
    jointWith: [...a.jointWith],
    responsibleAsWritten: a.responsibleAsWritten,
    cost: a.cost,
    costNote: a.costNote,
  };
}

/** Costs compare as exact amounts: 0.3 and 0.1 + 0.2 computed elsewhere are one cost. */
const sameCost = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : moneyFromNumber(a) === moneyFromNumber(b);

const concerns = (a: Activity, ministry: string) =>
  a.responsible === ministry || a.jointWith.includes(ministry);

/**
 * What changed from `older` to `newer`, limited to the activities of `ministry` (joint ones
 * included) in either version when it is given. Activities are matched by code: one renumbered is
 * removed under its old code and added under its new one.
 */
export function diffPlans(older: Plan, newer: Plan, ministry?: string | null): PlanDiff {
  const scope = ministry ?? null;
  const inScope = (a: Activity) => scope === null || concerns(a, scope);
  const before = new Map(older.activities.map((a) => [a.code, a]));
  const after = new Map(newer.activities.map((a) => [a.code, a]));
  const yearsSame = sameList(older.plan.years, newer.plan.years);
  const unitBefore = older.plan.amountUnit ?? DEFAULT_AMOUNT_UNIT;
  const unitAfter = newer.plan.amountUnit ?? DEFAULT_AMOUNT_UNIT;
  const unitSame =
    unitBefore.currency === unitAfter.currency && unitBefore.multiplier === unitAfter.multiplier;
  const place = (plan: Plan, a: Activity) => ({
    result: a.result,
    // Without objectives, an activity's `objective` is its pillar's code (see schemas/plan.ts).
    objective: hasObjectiveLevel(plan) ? a.objective : null,
    pillar: a.pillar,
  });
  const diff: PlanDiff = {
    from: { id: older.plan.id, version: older.plan.version },
    to: { id: newer.plan.id, version: newer.plan.version },
    ministry: scope,
    years: yearsSame ? null : { before: [...older.plan.years], after: [...newer.plan.years] },
    unit: unitSame ? null : { before: { ...unitBefore }, after: { ...unitAfter } },
    added: [],
    removed: [],
    renamed: [],
    moved: [],
    costChanged: [],
    responsibleChanged: [],
    yearsChanged: [],
    same: true,
  };

  for (const n of newer.activities) {
    const o = before.get(n.code);
    if (!o) {
      if (inScope(n)) diff.added.push(ref(n));
      continue;
    }
    // An activity handed from one ministry to another concerns both.
    if (!inScope(n) && !inScope(o)) continue;
    const code = n.code;
    if (o.title !== n.title) diff.renamed.push({ code, before: o.title, after: n.title });
    const was = place(older, o);
    const now = place(newer, n);
    if (was.result !== now.result || was.objective !== now.objective || was.pillar !== now.pillar)
      diff.moved.push({ code, before: was, after: now });
    if (!sameCost(o.cost, n.cost) || o.costNote !== n.costNote) {
      diff.costChanged.push({
        code,
        before: { cost: o.cost, costNote: o.costNote },
        after: { cost: n.cost, costNote: n.costNote },
      });
    }
    if (
      o.responsible !== n.responsible ||
      !sameList(o.jointWith, n.jointWith) ||
      o.responsibleAsWritten !== n.responsibleAsWritten
    ) {
      diff.responsibleChanged.push({
        code,
        before: {
          responsible: o.responsible,
          jointWith: [...o.jointWith],
          asWritten: o.responsibleAsWritten,
        },
        after: { responsible: n.responsible, jointWith: [...n.jointWith], asWritten: n.responsibleAsWritten },
      });
    }
    if (!sameList(o.years, n.years))
      diff.yearsChanged.push({ code, before: [...o.years], after: [...n.years] });
  }
  for (const o of older.activities) if (!after.has(o.code) && inScope(o)) diff.removed.push(ref(o));

  diff.same =
    diff.years === null &&
    diff.unit === null &&
    diff.added.length +
      diff.removed.length +
      diff.renamed.length +
      diff.moved.length +
      diff.costChanged.length +
      diff.responsibleChanged.length +
      diff.yearsChanged.length ===
      0;
  return diff;
}
