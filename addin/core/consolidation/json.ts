/**
 * The consolidation as JSON carries it, for the service's API and the dashboard. Money is a
 * bigint, which JSON.stringify refuses: amounts become numbers in the plan's unit (`unit`; as in a
 * submitted return), exact to a millionth of it for any amount a plan holds. Lines lose what only
 * the checks need (cell addresses), and activities are named by their plan fields, not copied
 * whole — with no objective in a plan that has none.
 */
import { type LineJson, lineJson } from '../diff.ts';
import { type Money, moneyToNumber } from '../money.ts';
import type { Activity } from '../schemas/plan.ts';
import type {
  ActivityStatus,
  Consolidation,
  LineStatus,
  NotCountedReason,
  ReturnState,
  SourcedLine,
} from './consolidate.ts';

/** T with every Money (bigint) as a number. */
export type Jsonified<T> = T extends bigint
  ? number
  : T extends (infer U)[]
    ? Jsonified<U>[]
    : T extends object
      ? { [K in keyof T]: Jsonified<T[K]> }
      : T;

export function jsonify<T>(value: T): Jsonified<T> {
  return convert(value) as Jsonified<T>;
}

function convert(value: unknown): unknown {
  if (typeof value === 'bigint') return moneyToNumber(value as Money);
  if (Array.isArray(value)) return value.map(convert);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = convert(v);
    return out;
  }
  return value;
}

export interface ActivityRefJson {
  code: string;
  title: string;
  pillar: string;
  /** Null in a plan without strategic objectives. */
  objective: string | null;
  result: string;
  responsible: string;
  responsibleAsWritten: string;
  jointWith: string[];
  cost: number | null;
  costNote: 'PM' | null;
}

export interface SourcedLineJson {
  ministry: string;
  version: number;
  state: ReturnState;
  status: LineStatus;
  line: LineJson;
}

type Shaped = Omit<Consolidation, 'activities' | 'ministries'> & {
  activities: {
    activity: ActivityRefJson;
    status: ActivityStatus;
    counted: SourcedLineJson | null;
    others: SourcedLineJson[];
  }[];
  ministries: (Omit<Consolidation['ministries'][number], 'lines'> & {
    lines: {
      activity: string | null;
      status: LineStatus;
      counted: boolean;
      reason: NotCountedReason | null;
      countedFrom: { ministry: string; version: number } | null;
      line: LineJson;
    }[];
  })[];
};

export type ConsolidationJson = Jsonified<Shaped>;

function activityRef(a: Activity, objectives: boolean): ActivityRefJson {
  return {
    code: a.code,
    title: a.title,
    pillar: a.pillar,
    objective: objectives ? a.objective : null,
    result: a.result,
    responsible: a.responsible,
    responsibleAsWritten: a.responsibleAsWritten,
    jointWith: [...a.jointWith],
    cost: a.cost,
    costNote: a.costNote,
  };
}

const sourced = (s: SourcedLine): SourcedLineJson => ({
  ministry: s.ministry,
  version: s.version,
  state: s.state,
  status: s.status,
  line: lineJson(s.line),
});

export function consolidationJson(c: Consolidation): ConsolidationJson {
  const shaped: Shaped = {
    ...c,
    activities: c.activities.map((d) => ({
      activity: activityRef(d.activity, c.objectives),
      status: d.status,
      counted: d.counted ? sourced(d.counted) : null,
      others: d.others.map(sourced),
    })),
    ministries: c.ministries.map((m) => ({
      ...m,
      lines: m.lines.map((l) => ({
        activity: l.line.activity,
        status: l.status,
        counted: l.counted,
        reason: l.reason,
        countedFrom: l.countedFrom,
        line: lineJson(l.line),
      })),
    })),
  };
  return jsonify(shaped);
}
