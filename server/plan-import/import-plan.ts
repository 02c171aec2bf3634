/**
 * `pac plan import` end to end, without the command line: open the workbook safely, find its
 * detail tables and its summary table, settle the plan's years and unit, build the canonical plan
 * with its provenance and corrections, run the plan's own checks on it and point their findings
 * at the workbook's cells. The plan is handed back only when nothing stands in the way: no import
 * error, and no error of the plan's checks — unless the workbook is an adopted plan (`adopted`),
 * whose own slips (a summary table that does not add up, a code written twice or under another
 * result than the one it names) can no longer be corrected: they are kept as written and reported.
 */
import { createHash } from 'node:crypto';
import {
  a1,
  type Correction,
  type Envelope,
  type EnvelopeRow,
  envelopeTableName,
  type Finding,
  indexPlan,
  type Ministry,
  Plan,
  type Report,
  reportOf,
  runPlanChecks,
  type SheetContent,
  sheetKeyOf,
  WorkbookEvaluator,
} from '#core';
import type { FileProblem } from '../xlsx/file-problems.ts';
import { readSheet } from '../xlsx/read-workbook.ts';
import { type OpenLimits, safeOpen } from '../xlsx/safe-open.ts';
import { buildDetail, type DetailBuild } from './build-detail.ts';
import { type DetailTable, type Place, readDetailTables, yearLabel } from './detail-tables.ts';
import { type ImportFinding, importFinding, sortImportFindings } from './import-findings.ts';
import { type Directory, SpellingLog, type SpellingUse } from './ministry-directory.ts';
import { findSummaryHeaders, pillarMatcher, readSummaryRows, type SummaryHeader } from './summary-table.ts';
import { DEFAULT_UNIT, type ReadUnit, readUnit, sameUnit } from './unit.ts';

export interface PlanImportOptions {
  /** The workbook's file name, recorded as the plan's source. */
  fileName: string;
  id?: string;
  version?: string;
  title?: string;
  /** The unit given on the command line; it must agree with any the sheets state. */
  unit?: ReadUnit;
  /** Calendar year of AN I, when the workbook states it nowhere. */
  firstYear?: number;
  adopted: boolean;
  directory: Directory;
  /** Findings about the ministries CSV, reported with the workbook's. */
  directoryFindings?: ImportFinding[];
  limits?: Partial<OpenLimits>;
}

export interface PlanCorrection extends Correction {
  /** The code of the result or activity corrected (after correction). */
  item: string;
  /** Its cell ("Plan!C104"). */
  place: string;
}

export interface PlanImportReport {
  sheets: string[];
  tables: { sheet: string; headerRow: number; years: number }[];
  summary: { sheet: string; headerRow: number; title: string } | null;
  years: number[];
  yearsFrom: 'summary' | 'option' | 'title' | null;
  unit: ReadUnit;
  unitFrom: { kind: 'header' | 'summary' | 'option' | 'default'; place: string | null };
  counts: { pillars: number; objectives: number; results: number; activities: number };
  hasObjectives: boolean;
  corrections: PlanCorrection[];
  spellings: SpellingUse[];
  findings: ImportFinding[];
  /** The plan's own checks, their findings pointed at the workbook's cells. */
  checks: Report;
  adopted: boolean;
  /** What stops the plan being written: import errors, and the checks' errors unless adopted. */
  blocking: number;
}

export type PlanImportOutcome =
  | { kind: 'unusable'; problem: FileProblem }
  | { kind: 'no_table' }
  | { kind: 'read'; plan: Plan | null; report: PlanImportReport };

export async function importPlanWorkbook(
  bytes: Uint8Array,
  opts: PlanImportOptions,
): Promise<PlanImportOutcome> {
  const opened = await safeOpen(bytes, opts.limits);
  if (!opened.ok) return { kind: 'unusable', problem: opened.problem };
  // PAC's own sheets (a template) are never a planner's plan.
  const sheets = opened.workbook.worksheets
    .filter((ws) => ws.state === 'visible' && sheetKeyOf(ws.name) === null)
    .map(readSheet);

  const summaries = findSummaryHeaders(sheets);
  const stops = new Map<string, number[]>();
  for (const s of summaries) stops.set(s.sheet, [...(stops.get(s.sheet) ?? []), s.firstRow]);
  const { tables, events } = readDetailTables(sheets, stops);
  if (tables.length === 0) return { kind: 'no_table' };

  const findings: ImportFinding[] = [...(opts.directoryFindings ?? [])];
  const summary = summaries[0] ?? null;
  for (const extra of summaries.slice(1)) {
    findings.push(
      importFinding('summary_twice', 'error', extra.at, { first: `${summary?.sheet}!${summary?.at.cell}` }),
    );
  }
  const yearCount = settleYearCount(tables, findings);
  const years = settleYears(yearCount, tables, summary, opts.firstYear, findings);
  const unit = settleUnit(tables, summary, opts.unit, findings);

  const spellings = new SpellingLog();
  const detail = buildDetail(events, {
    years: years.years,
    directory: opts.directory,
    spellings,
    adopted: opts.adopted,
  });
  findings.push(...detail.findings);

  const envelope = readEnvelope(
    sheets,
    summary,
    detail,
    years.years,
    unit.unit,
    opts.directory,
    spellings,
    findings,
  );
  const plan = assemblePlan(bytes, opts, detail, envelope.envelope, years.years, unit.unit, tables, summary);
  const checks = pointAtCells(runPlanChecks(indexPlan(plan)), plan, detail, envelope.columns, summary);
  const sorted = sortImportFindings(
    findings,
    sheets.map((s) => s.grid.sheet),
  );
  const importErrors = sorted.filter((f) => f.severity === 'error').length;
  const blocking = importErrors + (opts.adopted ? 0 : checks.stats.errors);
  const report: PlanImportReport = {
    sheets: sheets.map((s) => s.grid.sheet),
    tables: tables.map((t) => ({ sheet: t.sheet, headerRow: t.headerRow, years: t.yearCount })),
    summary: summary ? { sheet: summary.sheet, headerRow: summary.headerRow, title: summary.title } : null,
    years: years.years,
    yearsFrom: years.from,
    unit: unit.unit,
    unitFrom: unit.from,
    counts: {
      pillars: plan.pillars.length,
      objectives: plan.objectives.length,
      results: plan.results.length,
      activities: plan.activities.length,
    },
    hasObjectives: detail.hasObjectives,
    corrections: correctionsOf(
      plan,
      detail,
      sheets.map((s) => s.grid.sheet),
    ),
    spellings: spellings.uses,
    findings: sorted,
    checks,
    adopted: opts.adopted,
    blocking,
  };
  return { kind: 'read', plan: blocking === 0 ? Plan.parse(plan) : null, report };
}

/** Every table must have the same AN columns, AN I first and none skipped. */
function settleYearCount(tables: readonly DetailTable[], findings: ImportFinding[]): number {
  const first = tables[0] as DetailTable;
  for (const t of tables) {
    if (t.yearGap)
      findings.push(importFinding('year_columns_gap', 'error', t.yearGap.at, { missing: t.yearGap.missing }));
    else if (t.yearCount === 0)
      findings.push(importFinding('year_columns_gap', 'error', t.firstYearCell, { missing: yearLabel(0) }));
    if (t !== first && t.yearCount !== first.yearCount) {
      findings.push(
        importFinding('year_count_differs', 'error', t.firstYearCell, {
          count: t.yearCount,
          first: first.yearCount,
        }),
      );
    }
  }
  return Math.max(1, first.yearCount);
}

const PERIOD = /\b((?:19|20)\d\d)\s*[-–—/àa]+\s*((?:19|20)\d\d)\b/;

/**
 * The calendar year of AN I: given by the option, or the summary table's years, or a period
 * written above the tables ("Plan d'action 2026-2030", the sheet's name) that spans as many years
 * as there are AN columns. Two that disagree are an error; none is an error too.
 */
function settleYears(
  count: number,
  tables: readonly DetailTable[],
  summary: SummaryHeader | null,
  firstYear: number | undefined,
  findings: ImportFinding[],
): { years: number[]; from: PlanImportReport['yearsFrom'] } {
  const span = (first: number) => Array.from({ length: count }, (_, i) => first + i);
  const summaryYears = summary?.years.map((y) => y.year) ?? null;
  if (summary && summaryYears) {
    const consecutive = summaryYears.every((y, i) => i === 0 || y === (summaryYears[i - 1] as number) + 1);
    if (summaryYears.length !== count || !consecutive) {
      findings.push(
        importFinding('summary_years_differ', 'error', summary.at, {
          summary: summaryYears.join(', '),
          detail: count,
        }),
      );
    }
  }
  if (firstYear !== undefined) {
    if (summary && summaryYears && summaryYears[0] !== firstYear) {
      findings.push(
        importFinding('years_conflict', 'error', summary.at, {
          stated: String(summaryYears[0]),
          other: String(firstYear),
        }),
      );
    }
    return { years: span(firstYear), from: 'option' };
  }
  if (summaryYears?.[0] !== undefined) return { years: span(summaryYears[0]), from: 'summary' };
  for (const t of tables) {
    for (const p of [...t.preamble].reverse()) {
      const m = PERIOD.exec(p.text);
      if (m && Number(m[2]) - Number(m[1]) + 1 === count) return { years: span(Number(m[1])), from: 'title' };
    }
  }
  findings.push(
    importFinding('first_year_unknown', 'error', (tables[0] as DetailTable).firstYearCell, { count }),
  );
  return { years: span(1), from: null };
}

/** The unit of the amounts: stated by the option, the cost headers or the summary table; all must agree. */
function settleUnit(
  tables: readonly DetailTable[],
  summary: SummaryHeader | null,
  option: ReadUnit | undefined,
  findings: ImportFinding[],
): { unit: ReadUnit; from: PlanImportReport['unitFrom'] } {
  const stated: { unit: ReadUnit; place: Place; kind: 'header' | 'summary' }[] = [];
  let unreadable = false;
  for (const t of tables) {
    const read = readUnit(t.costHeader.text);
    if (read.kind === 'unit') stated.push({ unit: read.unit, place: t.costHeader, kind: 'header' });
    else if (read.kind === 'unreadable') {
      unreadable = true;
      findings.push(importFinding('unit_unreadable', 'error', t.costHeader, { text: t.costHeader.text }));
    }
  }
  if (summary?.unit) stated.push({ unit: summary.unit.unit, place: summary.unit.at, kind: 'summary' });
  const reference = option ?? stated[0]?.unit;
  for (const s of stated) {
    if (reference && !sameUnit(s.unit, reference))
      findings.push(
        importFinding('unit_conflict', 'error', s.place, { unit: s.unit.label, other: reference.label }),
      );
  }
  const where = (p: Place) => `${p.sheet}!${p.cell}`;
  if (option) return { unit: option, from: { kind: 'option', place: null } };
  const first = stated[0];
  if (first) return { unit: first.unit, from: { kind: first.kind, place: where(first.place) } };
  const at = (tables[0] as DetailTable).costHeader;
  // A header that says something unreadable is already an error: no default is taken over it.
  if (!unreadable) findings.push(importFinding('unit_assumed', 'warning', at, { unit: DEFAULT_UNIT.label }));
  return { unit: DEFAULT_UNIT, from: { kind: 'default', place: where(at) } };
}

function blankRow(years: readonly number[], line: number): EnvelopeRow {
  const record: Record<string, null> = {};
  for (const y of years) record[String(y)] = null;
  return {
    pillar: null,
    pillarAsWritten: 'TOTAL',
    ministry: null,
    ministryAsWritten: '',
    years: record,
    total: null,
    national: null,
    external: null,
    line,
  };
}

/** The envelope: the summary table's rows (pillars named by its labels), or an empty one. */
function readEnvelope(
  sheets: readonly SheetContent[],
  summary: SummaryHeader | null,
  detail: DetailBuild,
  years: number[],
  unit: ReadUnit,
  directory: Directory,
  spellings: SpellingLog,
  findings: ImportFinding[],
): { envelope: Envelope; columns: Map<string, number> } {
  const content = summary ? sheets.find((s) => s.grid.sheet === summary.sheet) : undefined;
  if (!summary || !content) {
    return {
      envelope: {
        title: 'Aucun tableau de synthèse dans le classeur',
        unit: unit.label,
        years,
        rows: [],
        totalRow: blankRow(years, 0),
      },
      columns: new Map(),
    };
  }
  const matcher = pillarMatcher(
    detail.pillars.map((p) => ({ code: p.code, heading: detail.headings.get(p.code) ?? null })),
  );
  const read = readSummaryRows(
    content,
    summary,
    new WorkbookEvaluator(sheets),
    matcher,
    directory,
    spellings,
  );
  findings.push(...read.findings);
  // The summary table writes each pillar's short name: the plan's name for it.
  for (const p of detail.pillars) {
    const label = read.labels.get(p.code);
    if (label !== undefined) p.name = label;
  }
  return {
    envelope: {
      title: summary.title,
      unit: unit.label,
      years: summary.years.map((y) => y.year),
      rows: read.rows,
      totalRow: read.totalRow ?? blankRow(years, summary.headerRow),
    },
    columns: read.columns,
  };
}

function slug(name: string): string {
  return (
    name
      .replace(/\.xlsx$/i, '')
      .normalize('NFD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'plan'
  );
}

/**
 * The directory's ministries the plan names (responsible, joint, partner, summary table), with
 * their parents and their own directorates; `returns` for those responsible for an activity.
 */
function ministriesOf(plan: Omit<Plan, 'ministries'>, directory: Directory): Ministry[] {
  const responsible = new Set(plan.activities.flatMap((a) => [a.responsible, ...a.jointWith]));
  const named = new Set([
    ...responsible,
    ...plan.activities.flatMap((a) => a.partners),
    ...plan.envelope.rows.flatMap((r) => (r.ministry ? [r.ministry] : [])),
  ]);
  const byCode = new Map(directory.entries.map((m) => [m.code, m]));
  for (const code of [...named]) {
    const parent = byCode.get(code)?.parent;
    if (parent) named.add(parent);
  }
  return directory.entries
    .filter((m) => named.has(m.code) || (m.parent !== null && named.has(m.parent)))
    .map((m) => ({ ...m, spellings: [...m.spellings], returns: responsible.has(m.code) }));
}

function assemblePlan(
  bytes: Uint8Array,
  opts: PlanImportOptions,
  detail: DetailBuild,
  envelope: Envelope,
  years: number[],
  unit: ReadUnit,
  tables: readonly DetailTable[],
  summary: SummaryHeader | null,
): Plan {
  const names = [...new Set(tables.map((t) => t.sheet))];
  const detailSheets = names.map((s) => `« ${s} »`).join(', ');
  const section = `Classeur : feuille${names.length > 1 ? 's' : ''} ${detailSheets} (détail)${
    summary
      ? `, feuille « ${summary.sheet} » ligne ${summary.headerRow} (synthèse)`
      : ', sans tableau de synthèse'
  }`;
  const base = {
    plan: {
      id: opts.id ?? slug(opts.fileName),
      version: opts.version ?? '1',
      title: opts.title ?? opts.fileName.replace(/\.xlsx$/i, ''),
      years,
      unit: unit.label,
      amountUnit: { currency: unit.currency, multiplier: unit.multiplier },
      source: { file: opts.fileName, sha256: createHash('sha256').update(bytes).digest('hex'), section },
    },
    jointSpellings: opts.directory.joints.map((j) => ({
      asWritten: j.asWritten,
      ministries: [...j.ministries],
    })),
    pillars: detail.pillars,
    objectives: detail.objectives,
    results: detail.results,
    activities: detail.activities,
    envelope,
  };
  const { plan, ...rest } = base;
  return { plan, ministries: ministriesOf(base, opts.directory), ...rest };
}

function correctionsOf(plan: Plan, detail: DetailBuild, sheets: string[]): PlanCorrection[] {
  const placed = (cells: Map<string, Place>, item: { code: string; corrections?: Correction[] }) =>
    (item.corrections ?? []).map((c) => {
      const at = cells.get(item.code);
      return { ...c, item: item.code, place: at ? `${at.sheet}!${at.cell}` : `${c.sheet}!${c.line}` };
    });
  return [
    ...plan.results.flatMap((r) => placed(detail.resultCells, r)),
    ...plan.activities.flatMap((a) => placed(detail.activityCells, a)),
  ].sort((a, b) => sheets.indexOf(a.sheet ?? '') - sheets.indexOf(b.sheet ?? '') || a.line - b.line);
}

/**
 * The plan checks point at the document (a line) or at the printed table (a line and a column
 * heading); an imported plan has cells: each finding is pointed at its sheet and cell.
 */
function pointAtCells(
  report: Report,
  plan: Plan,
  detail: DetailBuild,
  columns: Map<string, number>,
  summary: SummaryHeader | null,
): Report {
  const cellOf = (place: Place | undefined) => (place ? { sheet: place.sheet, cell: place.cell } : null);
  const moved = report.findings.map((f): Finding => {
    let where: { sheet: string; cell: string } | null = null;
    if (f.where.sheet === envelopeTableName(plan) && summary && f.where.line !== undefined) {
      const col = columns.get(f.where.cell ?? '');
      if (col !== undefined) where = { sheet: summary.sheet, cell: a1(f.where.line, col) };
    } else if (f.where.sheet === plan.plan.source.file) {
      switch (f.code) {
        case 'duplicate_activity_code':
          where = cellOf(detail.activityCells.get(f.params.correctedTo));
          break;
        case 'activity_code_prefix_mismatch':
          where = cellOf(detail.activityCells.get(f.params.code));
          break;
        case 'execution_years_missing':
          where = cellOf(detail.activityCells.get(f.params.activity));
          break;
        case 'result_without_code':
          where = cellOf(detail.resultCells.get(f.params.inferred));
          break;
        default:
          break;
      }
    }
    return where ? { ...f, where } : f;
  });
  return reportOf(moved, report.stats.lines);
}
