/**
 * Findings are data, not exceptions: a code, a severity, the place (sheet and cell, or a line of
 * the plan document), what was expected and what was found, and the parameters the wording needs.
 * The union below is exhaustive: every code a check can emit is listed with its parameters, and
 * the wording in ./messages has one case per code.
 */
import type { ExecutionAmountField, ExecutionField, ExecutionState } from './execution/model.ts';
import type { LineField } from './model.ts';

/** A field a finding's place names: of a planning line, or of an execution line. */
export type PlaceField = LineField | ExecutionField;

export type Severity = 'error' | 'warning';

/**
 * Where a finding points: a sheet and a cell or range, or a line of the plan document; for a line
 * of a return, also the activity and the field in words, so that a return sent as JSON (no cells)
 * still names a place a person can find, and a consolidator who never saw the sheet too.
 */
export interface Where {
  sheet: string;
  cell?: string;
  range?: string;
  /** 1-based line of the plan document, for findings about the document itself. */
  line?: number;
  /** The activity code of the line the finding is about. */
  activity?: string;
  /** The plan's title of that activity, cut for a one-line place (set when the report is made). */
  title?: string;
  /** Which field of the line: a year, the total, a funding source, the nature… */
  field?: PlaceField;
  /** 0-based position of the line in the return, for reading order when there is no cell. */
  item?: number;
}

type Scope = 'pillar' | 'ministry' | 'pillar_ministry';
type AmountField = 'total' | 'national' | 'external' | `year:${number}`;

/** Parameters of each finding code. Amounts in params are decimal strings in millions. */
export interface FindingParamsByCode {
  // Reading cells
  unreadable_number: { text: string };
  ambiguous_number: { text: string; asThousands: string; asDecimal: string };
  /**
   * A number typed or pasted as text ("1 500", "2 000" with a no-break space, "1.500,5"): the
   * sheet's SUM formulas leave it out. `value` is the amount it reads as, in millions.
   */
  amount_as_text: { text: string; value: string };
  /** "PM" in an amount cell of a line whose nature is "costed": the sheet counts it as nothing. */
  pm_in_costed_amount: { activity: string };
  /** An error value (#REF!, #VALUE!…) where an amount belongs: every total above it shows it too. */
  error_value: { value: string };
  /**
   * A formula in a cell people type a value into (amounts, nature, marks, comment, the activity
   * code). `value` is its exact result in millions when it is plain arithmetic ("1500+250"), else
   * null. Formulas without the leading "=".
   */
  formula_in_input: { formula: string; value: string | null };
  /**
   * Rows of the entry sheet no longer in the plan's order (a sort, a cut-and-paste): `count`
   * activities sit under another result's subtotal, the first being `activity` under `under`.
   */
  rows_reordered: { count: number; activity: string; under: string };
  unreadable_mark: { text: string };
  unreadable_nature: { text: string };
  unknown_year: { activity: string; year: string };
  /** No row with "Code" in column A among the first rows: not an entry sheet, or its header was deleted. */
  entry_header_missing: Record<string, never>;
  /** A header cell of a column the reader relies on says something else: columns were moved. */
  entry_column_mismatch: { expected: { fr: string; en: string }; actual: string };
  /**
   * A cell that holds one of the template's formulas now holds another one (`template` is the
   * template's formula). Formulas without the leading "=".
   */
  formula_modified: { formula: string; template: string };
  /**
   * A row of a sheet in the plan document's layout (legacy import) that could not be taken as an
   * activity of the plan: `code` as printed ("" without one), the row's `title`, and the activities
   * or cell it was confused with (`related`).
   */
  legacy_row_not_mapped: {
    code: string;
    title: string;
    reason: 'no_code' | 'unknown_code' | 'ambiguous_code' | 'title_conflict' | 'duplicate';
    related: string[];
  };
  // One line
  missing_activity_code: Record<string, never>;
  negative_amount: { activity: string; field: AmountField };
  line_total_mismatch: { activity: string; tolerance: string };
  funding_split_mismatch: { activity: string; tolerance: string };
  pm_with_amounts: { activity: string };
  costed_without_amounts: { activity: string };
  line_not_filled: { activity: string };
  amount_outside_execution: { activity: string; year: number };
  execution_without_amount: { activity: string; year: number };
  // The line against the plan
  unknown_activity: { activity: string };
  activity_not_owned: { activity: string; responsible: string; ministry: string };
  duplicate_line: { activity: string; firstCell: string };
  activity_missing: { activity: string; ministry: string };
  // Roll-ups and summary tables
  subtotal_mismatch: { level: string; key: string; field: AmountField; tolerance: string };
  summary_row_mismatch: { table: string; row: string; tolerance: string };
  summary_split_mismatch: { table: string; row: string; tolerance: string };
  summary_column_mismatch: { table: string; field: AmountField; tolerance: string };
  summary_total_row_mismatch: { table: string; parts: 'years' | 'funding'; tolerance: string };
  summary_detail_mismatch: {
    table: string;
    scope: Scope;
    pillar: string;
    ministry: string;
    field: AmountField;
    pmCount: number;
    blankCount: number;
    tolerance: string;
  };
  envelope_gap: { scope: 'pillar' | 'ministry'; key: string; gap: string; percent: string };
  // Execution follow-up
  /** A state cell that is none of the states (in either language). */
  unreadable_state: { text: string };
  /** A total of the execution sheet that is not what its parts add up to (typed over). */
  execution_total_mismatch: { activity: string; field: ExecutionField | 'planned' };
  execution_negative: { activity: string; field: ExecutionAmountField };
  /** More disbursed than committed, from one source or in all. */
  disbursed_over_committed: { activity: string; source: 'national' | 'external' | 'total' };
  /** Committed above what was planned for the year by more than the plan's threshold (percents). */
  committed_over_planned: { activity: string; percent: string; threshold: string };
  /** Amounts committed or disbursed for an activity with nothing planned for the year (or PM). */
  execution_not_planned: { activity: string };
  /** Execution reported on an activity withdrawn from the plan. */
  execution_on_withdrawn: { activity: string };
  /** A state the amounts contradict: disbursements on an activity not started, none on one done. */
  execution_state_mismatch: { activity: string; state: ExecutionState };
  /** A value for an indicator the plan does not have (a result's n-th indicator, 1-based). */
  unknown_indicator: { result: string; indicator: number };
  // The plan document itself
  duplicate_activity_code: { code: string; firstLine: number; correctedTo: string };
  activity_code_prefix_mismatch: { code: string; result: string };
  result_without_code: { result: string; inferred: string };
  execution_years_missing: { activity: string };
}

export type FindingCode = keyof FindingParamsByCode;

interface FindingBase {
  severity: Severity;
  where: Where;
  /** What the checks computed or required (amounts as numbers in millions). */
  expected?: number | string | null;
  /** What the sheet or document says. */
  actual?: number | string | null;
}

/** A finding: a discriminated union on `code`, each with its own params. */
export type Finding = {
  [C in FindingCode]: FindingBase & { code: C; params: FindingParamsByCode[C] };
}[FindingCode];

export type FindingOf<C extends FindingCode> = Extract<Finding, { code: C }>;

/** Builds a finding with its params typed by its code. */
export function finding<C extends FindingCode>(
  code: C,
  severity: Severity,
  where: Where,
  params: FindingParamsByCode[C],
  values: { expected?: number | string | null; actual?: number | string | null } = {},
): FindingOf<C> {
  return { code, severity, where, params, ...values } as FindingOf<C>;
}

/**
 * "Saisie!H12", "Synthèse!B4:H4", "plan.txt:842", "JSON!1.2.1.3 year:2023": the place, compact,
 * for tests and logs. People read placeOf (./messages), which says it in words.
 */
export function formatWhere(where: Where): string {
  const place = where.cell ?? where.range;
  if (place) return `${where.sheet}!${place}`;
  if (where.line !== undefined) return `${where.sheet}:${where.line}`;
  if (where.activity !== undefined)
    return `${where.sheet}!${where.activity}${where.field === undefined ? '' : ` ${where.field}`}`;
  return where.sheet;
}

/** The compact form used in tests and logs: [['Saisie!H12', 'line_total_mismatch'], …]. */
export function flattenFindings(findings: readonly Finding[]): [string, FindingCode][] {
  return findings.map((f) => [formatWhere(f.where), f.code]);
}
