/**
 * The follow-up of a plan's execution (« suivi de l'exécution »): for a reporting period — a year,
 * or a half of it — each ministry reports per activity what was actually committed and disbursed,
 * from the national budget and from external funding, the activity's physical state and a comment,
 * and per result the value each indicator reached. These are the typed forms every reader gives
 * (a filled « Exécution » sheet, a JSON return) and every check and consolidation reads.
 */
import type { Money } from '../money.ts';

export const EXECUTION_STATES = ['not_started', 'ongoing', 'done', 'abandoned'] as const;
export type ExecutionState = (typeof EXECUTION_STATES)[number];

/** A reporting period of one plan: "2026" for a year, "2026-S1" for its first half. */
export interface Period {
  planId: string;
  /** "2026" or "2026-S1" / "2026-S2": the key in URLs, files and the store. */
  key: string;
  year: number;
  semester: 1 | 2 | null;
  /** When returns are due (ISO 8601); null when the consolidator set none. */
  deadline: string | null;
}

/** "2026" → year 2026; "2026-S2" → its second half; null for anything else. */
export function parsePeriodKey(key: string): { year: number; semester: 1 | 2 | null } | null {
  const m = /^(\d{4})(?:-S([12]))?$/.exec(key.trim());
  if (!m) return null;
  return { year: Number(m[1]), semester: m[2] === undefined ? null : (Number(m[2]) as 1 | 2) };
}

export function periodKey(year: number, semester: 1 | 2 | null): string {
  return semester === null ? String(year) : `${year}-S${semester}`;
}

/** The two funding sources, each with what was committed and what was disbursed. */
export interface ExecutionAmounts {
  committedNational: Money | null;
  committedExternal: Money | null;
  disbursedNational: Money | null;
  disbursedExternal: Money | null;
}

export const EXECUTION_AMOUNT_FIELDS = [
  'committedNational',
  'committedExternal',
  'disbursedNational',
  'disbursedExternal',
] as const satisfies readonly (keyof ExecutionAmounts)[];

export type ExecutionAmountField = (typeof EXECUTION_AMOUNT_FIELDS)[number];

/** A field of an execution line, to name the cell a finding points at. */
export type ExecutionField =
  | 'activity'
  | ExecutionAmountField
  | 'committedTotal'
  | 'disbursedTotal'
  | 'state'
  | 'comment';

export interface ExecutionLine extends ExecutionAmounts {
  /** Position among the return's lines (0-based). */
  index: number;
  activity: string | null;
  state: ExecutionState | null;
  comment: string | null;
  sheet: string;
  cells: Partial<Record<ExecutionField, string>>;
  /** Fields whose cell could not be read; already reported. */
  unreadable: ExecutionField[];
}

/** The value one indicator of a result reached, as reported. */
export interface IndicatorReport {
  result: string;
  /** Position of the indicator among its result's indicators in the plan (0-based). */
  indicator: number;
  /** In the indicator's own unit (a count, a percentage…), not money; null when not given. */
  value: number | null;
  comment: string | null;
  sheet: string;
  cells: Partial<Record<'value' | 'comment', string>>;
  unreadable: boolean;
}

/** Baseline, target and unit of one indicator, set by the administrator for the plan. */
export interface IndicatorTarget {
  result: string;
  indicator: number;
  baseline: number | null;
  target: number | null;
  unit: string | null;
}

/** What was planned for an activity in the period's year: an amount, PM, or nothing known. */
export interface Planned {
  amount: Money | null;
  pm: boolean;
  /** Where the amount comes from: the ministry's latest planning return, or the plan's cost split evenly. */
  source: 'return' | 'plan' | 'none';
}

export interface ParsedExecution {
  ministry: string | null;
  planId: string | null;
  planVersion: string | null;
  period: string;
  lines: ExecutionLine[];
  indicators: IndicatorReport[];
}
