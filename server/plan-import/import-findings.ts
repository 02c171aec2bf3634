/**
 * What the plan import says about a workbook, as data: a code, a severity, the sheet and cell, and
 * the parameters the wording needs (./import-messages.ts). Errors stop the import: no plan is
 * written while one remains. The plan's own checks (summary table arithmetic, document codes) are
 * the core's findings and are reported beside these, not as these.
 */
export type ImportSeverity = 'error' | 'warning';

export interface ImportWhere {
  /** A workbook sheet, or the ministries CSV file's name. */
  sheet: string;
  /** A1 address ("F12"); absent when the finding is about a whole sheet or the workbook. */
  cell?: string;
}

export interface ImportParamsByCode {
  // The tables and their columns
  /** The AN columns skip a year: AN I, AN II, AN IV. */
  year_columns_gap: { missing: string };
  /** Tables of the same plan with a different number of AN columns. */
  year_count_differs: { count: number; first: number };
  /** The calendar year of AN I is stated nowhere. */
  first_year_unknown: { count: number };
  /** Two statements of the plan's years disagree (summary table, --first-year, a title). */
  years_conflict: { stated: string; other: string };
  unit_unreadable: { text: string };
  unit_conflict: { unit: string; other: string };
  /** No header states the unit: the default is taken, and said. */
  unit_assumed: { unit: string };
  // The plan's structure
  pillar_name_missing: { pillar: string };
  pillar_code_mismatch: { banner: string; code: string };
  /** An OS, result or activity met before the level above it. */
  outside_structure: { level: 'objective' | 'result' | 'activity'; text: string };
  /** A code with more or fewer parts than its level has in this plan. */
  code_depth: { code: string; expected: number };
  /** An OS or result code printed twice with different titles. */
  duplicate_code: { level: 'objective' | 'result'; code: string; first: string };
  /**
   * A code whose prefix names another pillar, OS or result of the plan than the one it sits under:
   * which one it belongs to cannot be told. An error, kept as a warning for an adopted plan (--adopted).
   */
  code_fits_two_parents: {
    level: 'objective' | 'result' | 'activity';
    code: string;
    under: string;
    named: string;
  };
  /** A result code whose prefix is not its OS's, and names no other OS: kept as printed. */
  code_parent_mismatch: { code: string; under: string };
  activity_without_code: { title: string };
  result_without_activity: { result: string };
  /** A row inside a table that is neither a heading, a result, indicators nor an activity. */
  row_not_read: { text: string };
  // Cells of an activity row
  responsible_missing: { activity: string };
  responsible_unknown: { activity: string; text: string };
  cost_unreadable: { activity: string; text: string };
  cost_ambiguous: { activity: string; text: string; asThousands: string; asDecimal: string };
  cost_formula: { activity: string; formula: string };
  cost_negative: { activity: string; text: string };
  mark_unreadable: { activity: string; year: number; text: string };
  no_execution_year: { activity: string };
  // The summary table
  summary_twice: { first: string };
  summary_pillar_unknown: { text: string };
  summary_ministry_unknown: { text: string };
  summary_amount_unreadable: { text: string };
  summary_formula_unknown: { formula: string };
  summary_total_missing: Record<string, never>;
  summary_years_differ: { summary: string; detail: number };
  summary_subtotal_skipped: { text: string };
  // The ministries CSV
  directory_row_unreadable: { reason: 'code' | 'name'; text: string };
  directory_spelling_conflict: { spelling: string; code: string; other: string };
  directory_parent_unknown: { code: string; parent: string };
  directory_joint_unknown: { code: string; part: string };
}

export type ImportCode = keyof ImportParamsByCode;

export type ImportFinding = {
  [C in ImportCode]: { code: C; severity: ImportSeverity; where: ImportWhere; params: ImportParamsByCode[C] };
}[ImportCode];

export function importFinding<C extends ImportCode>(
  code: C,
  severity: ImportSeverity,
  where: ImportWhere,
  params: ImportParamsByCode[C],
): ImportFinding {
  return { code, severity, where, params } as ImportFinding;
}

/** "Plan!F12", or the sheet alone. */
export function importPlace(where: ImportWhere): string {
  return where.cell ? `${where.sheet}!${where.cell}` : where.sheet;
}

const A1 = /^([A-Z]+)(\d+)$/;

/** Reading order: sheets as the workbook orders them (others after), then row, then column. */
export function sortImportFindings(
  findings: readonly ImportFinding[],
  sheets: readonly string[],
): ImportFinding[] {
  const key = (f: ImportFinding) => {
    const sheet = sheets.indexOf(f.where.sheet);
    const m = f.where.cell ? A1.exec(f.where.cell) : null;
    const col = m ? (m[1] as string).padStart(3, ' ') : '';
    return { sheet: sheet < 0 ? sheets.length : sheet, row: m ? Number(m[2]) : 0, col };
  };
  return findings
    .map((f, i) => ({ f, i, k: key(f) }))
    .sort(
      (a, b) =>
        a.k.sheet - b.k.sheet ||
        a.k.row - b.k.row ||
        (a.k.col < b.k.col ? -1 : a.k.col > b.k.col ? 1 : 0) ||
        a.i - b.i,
    )
    .map((x) => x.f);
}
