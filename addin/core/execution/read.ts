/**
 * The one reader of a filled execution follow-up workbook, for every host, on the same terms as
 * the planning template's reader (../workbook-reading): the hosts hand over the « Exécution » and
 * « Indicateurs » sheets as SheetContent, values with formulas apart; every amount is a number the
 * sheet counts or an error at its cell (text, error values, formulas in input cells); what the
 * template's formulas print — the committed and disbursed totals, the TOTAL row — is worked out
 * from the file's cells and compared with the parts; a changed formula is reported. Also reads a
 * JSON execution return into the same typed lines.
 */
import { activityCodeOf, readAmountCell, rollupOf } from '../entry-grid.ts';
import { type Finding, finding, type Where } from '../findings.ts';
import { constantValue } from '../formula-text.ts';
import type { CellValue } from '../grid.ts';
import { columnLetter } from '../grid.ts';
import { type Money, moneyFromNumber, moneyToDecimal, moneyToNumber } from '../money.ts';
import { normaliseText } from '../numbers.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { SheetContent } from '../sheet-content.ts';
import { WorkbookEvaluator } from '../workbook-reading/evaluate.ts';
import { at, reconcile } from '../workbook-reading/reconcile.ts';
import { cachedSpec } from '../workbook-reading/spec-cache.ts';
import type { TemplateMeta, WorkbookSpec } from '../workbook-spec/spec.ts';
import { EXECUTION_COLUMNS, EXECUTION_FIRST_ROW, executionColumn, indicatorColumn } from './layout.ts';
import {
  EXECUTION_AMOUNT_FIELDS,
  type ExecutionAmountField,
  type ExecutionField,
  type ExecutionLine,
  type IndicatorReport,
  type ParsedExecution,
  type Planned,
} from './model.ts';
import type { ExecutionDocument } from './schemas.ts';
import { buildExecutionSpec } from './template.ts';
import { EXECUTION_WORDING, readState } from './wording.ts';

export interface ExecutionContent {
  execution: SheetContent | null;
  indicators: SheetContent | null;
}

export type ExecutionReading =
  | {
      kind: 'read';
      parsed: ParsedExecution;
      findings: Finding[];
      /** The « Prévu » column as the workbook prints it: what the ministry saw it was measured against. */
      plannedOnSheet: Map<string, Planned>;
    }
  | { kind: 'sheet_missing'; sheet: string };

/** The names of the sheets a reader asks its host for, in the workbook's language. */
export function executionSheetNames(meta: Pick<TemplateMeta, 'lang'>): {
  execution: string;
  indicators: string;
} {
  const w = EXECUTION_WORDING[meta.lang];
  return { execution: w.sheets.execution, indicators: w.sheets.indicators };
}

/** The workbook as PAC builds it for this ministry, language and period: only its formulas and row keys are read. */
function executionSpec(index: PlanIndex, meta: TemplateMeta): WorkbookSpec {
  return cachedSpec(index, `execution|${meta.ministry ?? ''}|${meta.lang}|${meta.period ?? ''}`, () =>
    buildExecutionSpec(index, {
      ministry: meta.ministry,
      lang: meta.lang,
      period: meta.period ?? '',
      generatedAt: '',
      planned: new Map(),
    }),
  );
}

type Printed = { known: true; value: Money | null } | { known: false };

const AMOUNT_KEYS = new Set<string>(EXECUTION_AMOUNT_FIELDS);
/** Columns that are fields of a line, to name their cells. */
const FIELD_KEYS = new Set<string>([
  'activity',
  ...EXECUTION_AMOUNT_FIELDS,
  'committedTotal',
  'disbursedTotal',
  'state',
  'comment',
]);

/** The « Exécution » sheet into lines, with what its formulas print. */
function readExecutionSheet(
  spec: WorkbookSpec,
  file: SheetContent,
  findings: Finding[],
  plannedOnSheet: Map<string, Planned>,
): ExecutionLine[] {
  const sheetSpec = spec.sheets[1];
  if (!sheetSpec) return [];
  const sheet = file.grid.sheet;
  const rec = reconcile(sheetSpec, file, (row) => normaliseText(row[0]));
  findings.push(...rec.findings);
  const evaluator = new WorkbookEvaluator([file]);
  const rows = file.grid.rows;
  const inputs = EXECUTION_COLUMNS.filter((c) => !c.locked);

  const printed = (row: number, col: number, typed: CellValue, where: Where): Printed => {
    const place = at(row, col);
    if (rec.changed.has(place)) return { known: false };
    if (rec.intact.has(place) || rec.foreign.has(place)) {
      const v = evaluator.valueAt(sheet, row, col);
      if (v.kind === 'number') return { known: true, value: v.value };
      if (v.kind === 'empty' || (v.kind === 'text' && v.value === '')) return { known: true, value: null };
      return { known: false };
    }
    const a = readAmountCell(typed, where, findings);
    return a.unreadable ? { known: false } : { known: true, value: a.value };
  };

  const lines: ExecutionLine[] = [];
  const sums = new Map<ExecutionField | 'planned', Money>();
  let totalRow: number | null = null;
  for (let r = EXECUTION_FIRST_ROW; r <= rows.length; r++) {
    const cells = rows[r - 1] ?? [];
    const colA = normaliseText(cells[0]);
    if (colA !== null && rollupOf(colA)?.level === 'grand') {
      totalRow = r;
      continue;
    }
    if (
      colA === null &&
      inputs.every((c) => normaliseText(cells[c.index]) === null && !rec.foreign.has(at(r, c.index)))
    )
      continue;
    const activity = colA === null ? null : activityCodeOf(colA);
    const where = (field: ExecutionField): Where => {
      const w: Where = { sheet, cell: `${columnLetter(executionColumn(field).index)}${r}`, field };
      if (activity !== null) w.activity = activity;
      return w;
    };
    const line: ExecutionLine = {
      index: lines.length,
      activity,
      committedNational: null,
      committedExternal: null,
      disbursedNational: null,
      disbursedExternal: null,
      state: null,
      comment: null,
      sheet,
      cells: {},
      unreadable: [],
    };
    for (const c of EXECUTION_COLUMNS)
      if (FIELD_KEYS.has(c.key)) line.cells[c.key as ExecutionField] = `${columnLetter(c.index)}${r}`;
    // A formula typed where a value belongs: reported, the field left unread.
    for (const c of inputs) {
      const formula = rec.foreign.get(at(r, c.index));
      if (formula === undefined) continue;
      const value = AMOUNT_KEYS.has(c.key) ? constantValue(formula) : null;
      findings.push(
        finding(
          'formula_in_input',
          'error',
          where(c.key as ExecutionField),
          { formula, value: value === null ? null : moneyToDecimal(value) },
          { actual: `=${formula}` },
        ),
      );
      line.unreadable.push(c.key as ExecutionField);
    }
    for (const field of EXECUTION_AMOUNT_FIELDS) {
      if (line.unreadable.includes(field)) continue;
      const a = readAmountCell(cells[executionColumn(field).index], where(field), findings);
      if (a.pm || a.unreadable) {
        if (a.pm)
          findings.push(
            finding('unreadable_number', 'error', where(field), { text: 'PM' }, { actual: 'PM' }),
          );
        line.unreadable.push(field);
      } else line[field] = a.value;
    }
    if (!line.unreadable.includes('state')) {
      const text = normaliseText(cells[executionColumn('state').index]);
      if (text !== null) {
        line.state = readState(text);
        if (line.state === null) {
          findings.push(finding('unreadable_state', 'error', where('state'), { text }, { actual: text }));
          line.unreadable.push('state');
        }
      }
    }
    line.comment = normaliseText(cells[executionColumn('comment').index]);
    if (activity !== null && !plannedOnSheet.has(activity)) {
      const shown = cells[executionColumn('planned').index];
      const pm = typeof shown === 'string' && shown.trim().toUpperCase() === 'PM';
      plannedOnSheet.set(activity, { amount: pm ? null : plannedOf(cells), pm, source: 'return' });
    }
    // Totals: what the sheet prints, against the parts it adds up.
    for (const [total, parts] of [
      ['committedTotal', ['committedNational', 'committedExternal']],
      ['disbursedTotal', ['disbursedNational', 'disbursedExternal']],
    ] as const) {
      const col = executionColumn(total).index;
      const p = printed(r, col, cells[col], where(total));
      if (!p.known || parts.some((f) => line.unreadable.includes(f))) continue;
      const filled = parts.map((f) => line[f]).filter((v): v is Money => v !== null);
      const sum = filled.length === 0 ? null : filled.reduce((x, y) => x + y, 0n);
      if ((sum ?? 0n) !== (p.value ?? 0n))
        findings.push(
          finding(
            'execution_total_mismatch',
            'error',
            where(total),
            { activity: activity ?? '', field: total },
            {
              expected: sum === null ? null : moneyToNumber(sum),
              actual: p.value === null ? null : moneyToNumber(p.value),
            },
          ),
        );
    }
    for (const field of ['planned', ...EXECUTION_AMOUNT_FIELDS] as const) {
      const v = field === 'planned' ? plannedOf(cells) : line[field];
      if (v !== null) sums.set(field, (sums.get(field) ?? 0n) + v);
    }
    lines.push(line);
  }
  // The TOTAL row: each column as printed against the lines it adds up.
  if (totalRow !== null) {
    const cells = rows[totalRow - 1] ?? [];
    for (const field of ['planned', ...EXECUTION_AMOUNT_FIELDS] as const) {
      const col = executionColumn(field).index;
      const where: Where = { sheet, cell: `${columnLetter(col)}${totalRow}` };
      const p = printed(totalRow, col, cells[col], where);
      if (!p.known || lines.some((l) => field !== 'planned' && l.unreadable.includes(field))) continue;
      const sum = sums.get(field) ?? 0n;
      if (sum !== (p.value ?? 0n))
        findings.push(
          finding(
            'execution_total_mismatch',
            'error',
            where,
            { activity: '', field },
            { expected: moneyToNumber(sum), actual: p.value === null ? null : moneyToNumber(p.value) },
          ),
        );
    }
  }
  return lines;
}

function plannedOf(cells: readonly CellValue[]): Money | null {
  const v = cells[executionColumn('planned').index];
  return typeof v === 'number' ? moneyFromNumber(v) : null;
}

/** The « Indicateurs » sheet: the value each indicator reached, where one was typed. */
function readIndicatorsSheet(file: SheetContent, index: PlanIndex, findings: Finding[]): IndicatorReport[] {
  const sheet = file.grid.sheet;
  const out: IndicatorReport[] = [];
  const valueCol = indicatorColumn('value');
  const commentCol = indicatorColumn('comment');
  file.grid.rows.forEach((raw, i) => {
    const row = i + 1;
    if (row < EXECUTION_FIRST_ROW || !Array.isArray(raw)) return;
    const result = normaliseText(raw[indicatorColumn('result')]);
    const number = raw[indicatorColumn('number')];
    const typed = raw[valueCol];
    const comment = normaliseText(raw[commentCol]);
    const formula = file.formulas.get(row)?.get(valueCol);
    if (result === null || (normaliseText(typed) === null && comment === null && formula === undefined))
      return;
    const n = typeof number === 'number' ? number : Number(normaliseText(number));
    const cell = `${columnLetter(valueCol)}${row}`;
    const known = index.plan.results.find((r) => r.code === result);
    if (!known || !Number.isInteger(n) || n < 1 || n > known.indicators.length) {
      findings.push(
        finding(
          'unknown_indicator',
          'error',
          { sheet, cell },
          { result, indicator: Number.isFinite(n) ? n : 0 },
        ),
      );
      return;
    }
    let value: number | null = null;
    let unreadable = false;
    if (formula !== undefined) {
      const constant = constantValue(formula);
      findings.push(
        finding(
          'formula_in_input',
          'error',
          { sheet, cell },
          { formula, value: constant === null ? null : moneyToDecimal(constant) },
          { actual: `=${formula}` },
        ),
      );
      unreadable = true;
    } else {
      const a = readAmountCell(typed, { sheet, cell }, findings);
      unreadable = a.unreadable || a.pm;
      value = a.value === null ? null : moneyToNumber(a.value);
    }
    out.push({
      result,
      indicator: n - 1,
      value,
      comment,
      sheet,
      cells: { value: cell, comment: `${columnLetter(commentCol)}${row}` },
      unreadable,
    });
  });
  return out;
}

/** Reads an execution workbook whose metadata was already checked against the plan and period. */
export function readExecution(
  content: ExecutionContent,
  meta: TemplateMeta,
  index: PlanIndex,
): ExecutionReading {
  const names = executionSheetNames(meta);
  if (!content.execution) return { kind: 'sheet_missing', sheet: names.execution };
  const findings: Finding[] = [];
  const plannedOnSheet = new Map<string, Planned>();
  const lines = readExecutionSheet(executionSpec(index, meta), content.execution, findings, plannedOnSheet);
  const indicators = content.indicators ? readIndicatorsSheet(content.indicators, index, findings) : [];
  return {
    kind: 'read',
    parsed: {
      ministry: meta.ministry,
      planId: meta.planId,
      planVersion: meta.planVersion,
      period: meta.period ?? '',
      lines,
      indicators,
    },
    findings,
    plannedOnSheet,
  };
}

const money = (v: number | null | undefined) => (v === null || v === undefined ? null : moneyFromNumber(v));

/** A validated JSON execution return as typed lines; rows point at the « Exécution » sheet's cells. */
export function executionFromJson(doc: ExecutionDocument, lang: 'fr' | 'en' = 'fr'): ParsedExecution {
  const names = executionSheetNames({ lang });
  const lines = doc.lines.map((j, i): ExecutionLine => {
    const cells: ExecutionLine['cells'] = {};
    if (j.row !== undefined)
      for (const c of EXECUTION_COLUMNS)
        if (FIELD_KEYS.has(c.key)) cells[c.key as ExecutionField] = `${columnLetter(c.index)}${j.row}`;
    return {
      index: i,
      activity: activityCodeOf(j.activity),
      committedNational: money(j.committed.national),
      committedExternal: money(j.committed.external),
      disbursedNational: money(j.disbursed.national),
      disbursedExternal: money(j.disbursed.external),
      state: j.state,
      comment: normaliseText(j.comment),
      sheet: j.row === undefined ? 'JSON' : names.execution,
      cells,
      unreadable: [],
    };
  });
  return {
    ministry: doc.ministry,
    planId: doc.planId,
    planVersion: doc.planVersion,
    period: doc.period,
    lines,
    indicators: doc.indicators.map((j) => ({
      result: j.result,
      indicator: j.indicator - 1,
      value: j.value,
      comment: normaliseText(j.comment),
      sheet: j.row === undefined ? 'JSON' : names.indicators,
      cells: j.row === undefined ? {} : { value: `${columnLetter(indicatorColumn('value'))}${j.row}` },
      unreadable: false,
    })),
  };
}

/** The typed lines back as the JSON the service stores (amounts as numbers in millions). */
export function executionDocument(parsed: ParsedExecution, ministry: string): ExecutionDocument {
  const n = (v: Money | null) => (v === null ? null : moneyToNumber(v));
  const rowOf = (cell: string | undefined) => (cell ? Number(/\d+$/.exec(cell)?.[0]) : undefined);
  return {
    ministry,
    planId: parsed.planId ?? '',
    planVersion: parsed.planVersion ?? '',
    period: parsed.period,
    lines: parsed.lines
      .filter((l): l is ExecutionLine & { activity: string } => l.activity !== null)
      .map((l) => {
        const row = rowOf(l.cells.activity);
        return {
          activity: l.activity,
          committed: { national: n(l.committedNational), external: n(l.committedExternal) },
          disbursed: { national: n(l.disbursedNational), external: n(l.disbursedExternal) },
          state: l.state,
          comment: l.comment,
          ...(row ? { row } : {}),
        };
      }),
    indicators: parsed.indicators
      .filter((i) => !i.unreadable)
      .map((i) => {
        const row = rowOf(i.cells.value);
        return {
          result: i.result,
          indicator: i.indicator + 1,
          value: i.value,
          comment: i.comment,
          ...(row ? { row } : {}),
        };
      }),
  };
}

export type { ExecutionAmountField };
