/**
 * A filled PAC template, read the way the checks need it: values people typed, never the cached
 * results of formulas. The template is rebuilt from the plan (same plan version, ministry and
 * language as its metadata say) and each of its formula cells is matched with the file's:
 *
 * - the cell still holds the template's formula (compared with formulaKey, so a re-save by Excel
 *   or LibreOffice still matches) → the value is *derived*: PAC computes it from the values read,
 *   as the formula would (line total = sum of the years, empty when no year is filled; a roll-up =
 *   sum of the lines in its SUBTOTAL range; a summary cell = sum of the lines with its pillar and
 *   lead-ministry keys; the summary's TOTAL = sum of its rows). A derived value cannot disagree
 *   with what it is derived from, so it is not compared: intact roll-ups and summary rows are not
 *   handed to the checks at all.
 * - a number (or nothing) was typed over the formula → that value is read, and the checks compare
 *   it with the real sum (line_total_mismatch, subtotal_mismatch, summary checks).
 * - the formula was changed into another one → formula_modified at that cell, and the value is
 *   derived as if the template's formula were there.
 *
 * A formula where the template has a value: in an amount cell, a constant one ("=1500+250") is
 * read exactly; any other is reported (formula_modified with no template formula) and its field is
 * left unread. Rows are matched by column A (activity code or roll-up label), so formulas still
 * compare if rows moved. The "Contrôles" sheet is not read: PAC runs the real checks itself.
 */
import type ExcelJS from 'exceljs';
import {
  buildTemplateSpec,
  type CellValue,
  columnLetter,
  entryColumns,
  type Finding,
  finding,
  isFormula,
  type Line,
  type LineField,
  type Money,
  moneyToNumber,
  normaliseText,
  type ParsedReturn,
  type PlanIndex,
  parseRange,
  ROLLUP_LABELS,
  readAmount,
  readEntryGrid,
  type SheetSpec,
  SUMMARY_HEADER_ROW,
  type Subtotal,
  type SummaryRow,
  type SummaryTable,
  type TemplateMeta,
  type WorkbookSpec,
} from '#core';
import { type FileProblem, problem } from '../xlsx/file-problems.ts';
import { constantValue, formulaKey } from '../xlsx/formula-text.ts';
import { readSheet, type SheetCells } from '../xlsx/read-workbook.ts';

export interface TemplateReading {
  parsed: ParsedReturn;
  /** Findings made while reading: unreadable cells, moved columns, changed formulas. */
  findings: Finding[];
  /** Whether every input cell of the line is as the template wrote it: nobody has touched it. */
  untouched: (line: Line) => boolean;
}

const at = (row: number, col: number) => `${row}:${col}`;

/** How the file's formula cells stand against the template's. */
interface Reconciled {
  /** Cells where a template formula stands (intact or changed): their value is derived. */
  derived: Map<string, { formula: string; shift: number }>;
  /** Template formula cells holding a value, or nothing: their value is read. */
  typedOver: Set<string>;
  /** File formulas where the template has none. */
  foreign: Map<string, string>;
  findings: Finding[];
  /** File row of each template row that has one. */
  fileRow: Map<number, number>;
}

type RowKey = (row: readonly CellValue[]) => string | null;

function specValues(sheet: SheetSpec, row1: number): CellValue[] {
  return (sheet.cells[row1 - 1] ?? []).map((c) => (c !== null && isFormula(c) ? null : c));
}

function reconcile(spec: SheetSpec, file: SheetCells, key: RowKey): Reconciled {
  const out: Reconciled = {
    derived: new Map(),
    typedOver: new Set(),
    foreign: new Map(),
    findings: [],
    fileRow: new Map(),
  };
  const fileRows = file.grid.rows;
  const byKey = new Map<string, number>();
  for (let r = 0; r < fileRows.length; r++) {
    const k = key(fileRows[r] ?? []);
    if (k !== null && !byKey.has(k)) byKey.set(k, r + 1);
  }
  const visited = new Set<string>();
  spec.cells.forEach((cells, r) => {
    const specRow = r + 1;
    const k = key(specValues(spec, specRow));
    // Title rows have no key and stay where they are; a keyed row the file lost has nothing to compare.
    const fr = k === null ? specRow : byKey.get(k);
    if (fr === undefined) return;
    out.fileRow.set(specRow, fr);
    cells.forEach((cell, c) => {
      if (cell === null || !isFormula(cell)) return;
      const place = at(fr, c);
      visited.add(place);
      const actual = file.formulas.get(fr)?.get(c);
      if (actual === undefined) {
        out.typedOver.add(place);
        return;
      }
      out.derived.set(place, { formula: cell.formula, shift: fr - specRow });
      // Most files keep the template's text as is (same row, same spelling): no need to normalise.
      if (
        !(actual === cell.formula && fr === specRow) &&
        formulaKey(actual, fr) !== formulaKey(cell.formula, specRow)
      ) {
        out.findings.push(
          finding(
            'formula_modified',
            'error',
            { sheet: file.grid.sheet, cell: `${columnLetter(c)}${fr}` },
            { formula: actual, template: cell.formula },
            { actual: `=${actual}`, expected: `=${cell.formula}` },
          ),
        );
      }
    });
  });
  for (const [row, cols] of file.formulas) {
    for (const [col, formula] of cols) if (!visited.has(at(row, col))) out.foreign.set(at(row, col), formula);
  }
  return out;
}

const sumOf = (values: Iterable<Money | null | undefined>): Money => {
  let s = 0n;
  for (const v of values) if (v !== null && v !== undefined) s += v;
  return s;
};

function fieldValue(line: Line, field: LineField): Money | null {
  if (field.startsWith('year:')) return line.years[Number(field.slice(5))] ?? null;
  if (field === 'total' || field === 'national' || field === 'external') return line[field];
  return null;
}

const rowOfCell = (a1: string | undefined): number => Number(/\d+$/.exec(a1 ?? '')?.[0] ?? 0);

/** Rows a SUBTOTAL(9, G9:G18) formula adds up, in the template's coordinates. */
function subtotalRows(formula: string): { top: number; bottom: number } | null {
  const m = /^SUBTOTAL\(9,([^)]+)\)$/i.exec(formula.replace(/\s/g, ''));
  const rect = m ? parseRange(m[1] as string) : null;
  return rect ? { top: rect.top, bottom: rect.bottom } : null;
}

interface EntryResult {
  lines: Line[];
  subtotals: Subtotal[];
  findings: Finding[];
  grid: CellValue[][];
  untouched: (line: Line) => boolean;
}

/** Two cell values people would call the same: empty is empty, text compared without extra spaces. */
function sameValue(a: CellValue, b: CellValue): boolean {
  if (a === b || ((a === null || a === undefined) && (b === null || b === undefined))) return true;
  const na = typeof a === 'number' ? a : normaliseText(a);
  const nb = typeof b === 'number' ? b : normaliseText(b);
  return na === nb;
}

function readEntry(spec: SheetSpec, file: SheetCells, years: readonly number[]): EntryResult {
  const columns = entryColumns(years);
  const col = new Map(columns.map((c) => [c.key, c.index]));
  const amountCols = new Set(
    columns
      .filter((c) => c.key.startsWith('year:') || c.key === 'national' || c.key === 'external')
      .map((c) => c.index),
  );
  const readCols = new Map(
    columns
      .filter((c) => !c.locked || c.key === 'activity' || c.key === 'total')
      .map((c) => [c.index, c.key]),
  );
  const sheet = file.grid.sheet;
  const rec = reconcile(spec, file, (row) => normaliseText(row[0]));
  const findings = [...rec.findings];
  const grid = file.grid.rows;

  // A formula where the template has a value: a constant in an amount cell is read, others reported.
  const unread = new Map<number, LineField[]>();
  for (const [place, formula] of rec.foreign) {
    const [row, c] = place.split(':').map(Number) as [number, number];
    const key = readCols.get(c);
    if (key === undefined) continue;
    if (amountCols.has(c)) {
      const value = constantValue(formula);
      if (value !== null) {
        const cells = grid[row - 1] ?? [];
        cells[c] = moneyToNumber(value);
        grid[row - 1] = cells;
        continue;
      }
    }
    findings.push(
      finding(
        'formula_modified',
        'error',
        { sheet, cell: `${columnLetter(c)}${row}` },
        { formula, template: null },
        { actual: `=${formula}` },
      ),
    );
    if (key !== 'activity' && key !== 'comment')
      unread.set(row, [...(unread.get(row) ?? []), key as LineField]);
  }

  const reading = readEntryGrid({ sheet, rows: grid }, years);
  findings.push(...reading.findings);
  const totalCol = col.get('total') ?? -1;
  const lineAt = new Map<number, Line>();
  for (const line of reading.lines) {
    const row = rowOfCell(line.cells.activity);
    lineAt.set(row, line);
    for (const f of unread.get(row) ?? []) if (!line.unreadable.includes(f)) line.unreadable.push(f);
    if (rec.derived.has(at(row, totalCol))) {
      if (years.some((y) => line.unreadable.includes(`year:${y}`))) {
        // A year PAC could not read leaves the sum unknown, not smaller: the total is not read either.
        line.total = null;
        if (!line.unreadable.includes('total')) line.unreadable.push('total');
      } else {
        // IF(COUNT(years)=0,"",SUM(years)): empty while no year holds a number.
        const filled = years.map((y) => line.years[y]).filter((v) => v !== null && v !== undefined);
        line.total = filled.length === 0 ? null : sumOf(filled);
      }
    }
  }

  // A roll-up row is handed to the checks only when someone typed over one of its cells.
  const subtotals: Subtotal[] = [];
  for (const s of reading.subtotals) {
    const row = rowOfCell(s.cells.activity);
    const fields = Object.entries(s.cells).filter(([f]) => f !== 'activity') as [LineField, string][];
    if (!fields.some(([, cell]) => rec.typedOver.has(at(row, columnIndexOf(cell))))) continue;
    let usable = true;
    for (const [field, cell] of fields) {
      const d = rec.derived.get(at(row, columnIndexOf(cell)));
      if (!d) continue;
      const range = subtotalRows(d.formula);
      if (!range) {
        usable = false;
        break;
      }
      const values: (Money | null)[] = [];
      for (let r = range.top + d.shift; r <= range.bottom + d.shift; r++) {
        const line = lineAt.get(r);
        if (line) values.push(fieldValue(line, field));
      }
      setAmount(s.amounts, field, sumOf(values));
    }
    if (usable) subtotals.push(s);
  }
  // Lines still exactly as the template wrote them (input cells, no formula anywhere in them).
  // Asked only when a whole-plan file is checked for one ministry, so worked out on demand.
  const specRowOf = new Map([...rec.fileRow].map(([specRow, fileRow]) => [fileRow, specRow]));
  const inputCols = columns.filter((c) => !c.locked).map((c) => c.index);
  const untouched = (line: Line): boolean => {
    const row = rowOfCell(line.cells.activity);
    const specRow = specRowOf.get(row);
    if (specRow === undefined || line.unreadable.length > 0 || rec.typedOver.has(at(row, totalCol)))
      return false;
    const want = specValues(spec, specRow);
    const have = grid[row - 1] ?? [];
    return inputCols.every((c) => !rec.foreign.has(at(row, c)) && sameValue(have[c], want[c]));
  };
  return { lines: reading.lines, subtotals, findings, grid, untouched };
}

function columnIndexOf(a1: string): number {
  const letters = /^[A-Z]+/.exec(a1)?.[0] ?? '';
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function setAmount(amounts: Subtotal['amounts'], field: LineField, value: Money | null): void {
  if (field.startsWith('year:')) amounts.years[Number(field.slice(5))] = value;
  else if (field === 'total' || field === 'national' || field === 'external') amounts[field] = value;
}

/**
 * The summary as a SummaryTable, or null when every amount cell still holds the template's
 * formula (nothing typed over: nothing to compare).
 */
function readSummary(
  spec: SheetSpec,
  file: SheetCells,
  entry: EntryResult,
  index: PlanIndex,
  lang: 'fr' | 'en',
  findings: Finding[],
): SummaryTable | null {
  const years = [...index.years];
  const fields: LineField[] = [...years.map((y): LineField => `year:${y}`), 'total', 'national', 'external'];
  const rec = reconcile(spec, file, (row) => {
    const a = normaliseText(row[0]);
    return a === null ? null : `${a}\u0000${normaliseText(row[1]) ?? ''}`;
  });
  findings.push(...rec.findings);
  const sheet = file.grid.sheet;
  const amountCol = (k: number) => 2 + k;
  const grand = ROLLUP_LABELS.grand[lang];
  const specRows: { specRow: number; total: boolean }[] = [];
  for (let r = SUMMARY_HEADER_ROW + 1; r <= spec.cells.length; r++) {
    const a = specValues(spec, r)[0];
    if (typeof a === 'string') specRows.push({ specRow: r, total: a === grand });
  }
  const typed = specRows.some(({ specRow }) => {
    const fr = rec.fileRow.get(specRow);
    return fr !== undefined && fields.some((_, k) => rec.typedOver.has(at(fr, amountCol(k))));
  });
  if (!typed) return null;

  const columns = entryColumns(years);
  const keyCol = (key: string) => columns.find((c) => c.key === key)?.index ?? -1;
  const pillarCol = keyCol('pillarKey');
  const ministryCol = keyCol('ministryKey');
  const lineKeys = entry.lines.map((line) => {
    const cells = entry.grid[rowOfCell(line.cells.activity) - 1] ?? [];
    return `${normaliseText(cells[pillarCol]) ?? ''}\u0000${normaliseText(cells[ministryCol]) ?? ''}`;
  });

  const readTyped = (fr: number, c: number): Money | null => {
    const r = readAmount(file.grid.rows[fr - 1]?.[c]);
    if (r.kind === 'amount') return r.value;
    if (r.kind === 'unreadable' || r.kind === 'mark' || r.kind === 'ambiguous') {
      const text = r.kind === 'mark' ? 'X' : r.text;
      findings.push(
        finding(
          'unreadable_number',
          'error',
          { sheet, cell: `${columnLetter(c)}${fr}` },
          { text },
          { actual: text },
        ),
      );
    }
    return null;
  };

  const rows: SummaryRow[] = [];
  let totalRow: SummaryRow | null = null;
  for (const { specRow, total } of specRows) {
    const fr = rec.fileRow.get(specRow);
    if (fr === undefined) continue;
    const values = specValues(spec, specRow);
    const label = normaliseText(values[0]) ?? '';
    const ministry = normaliseText(values[1]);
    const cells: Partial<Record<LineField, string>> = {};
    const amounts: SummaryRow['amounts'] = { years: {}, total: null, national: null, external: null };
    // The SUMIFS literals say which pillar and lead ministry the row adds up: "1", "MARCC".
    const first = spec.cells[specRow - 1]?.[amountCol(0)];
    const literals =
      first && isFormula(first)
        ? [...first.formula.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1] ?? '')
        : [];
    const pillar = literals[0] ?? null;
    const key = `${pillar ?? ''}\u0000${literals[1] ?? ''}`;
    fields.forEach((field, k) => {
      const c = amountCol(k);
      cells[field] = `${columnLetter(c)}${fr}`;
      let value: Money | null;
      if (rec.typedOver.has(at(fr, c))) value = readTyped(fr, c);
      else if (total) value = sumOf(rows.map((row) => fieldValueOf(row.amounts, field)));
      else
        value = sumOf(entry.lines.map((line, i) => (lineKeys[i] === key ? fieldValue(line, field) : null)));
      setAmount(amounts, field, value);
    });
    const row: SummaryRow = {
      label: ministry === null ? label : `${label} / ${ministry}`,
      pillar: total ? null : pillar,
      ministry: total ? null : ministry,
      amounts,
      cells,
    };
    if (total) totalRow = row;
    else rows.push(row);
  }
  return { name: spec.name, sheet, years, rows, totalRow };
}

function fieldValueOf(amounts: SummaryRow['amounts'], field: LineField): Money | null {
  if (field.startsWith('year:')) return amounts.years[Number(field.slice(5))] ?? null;
  if (field === 'total' || field === 'national' || field === 'external') return amounts[field];
  return null;
}

/**
 * The template as PAC would build it today for this plan, ministry and language, built once per
 * plan index and kept: the service checks upload after upload against the same few templates.
 * Only its formulas and row keys are read, which the generation time does not change.
 */
const specs = new WeakMap<PlanIndex, Map<string, WorkbookSpec>>();

function templateSpec(index: PlanIndex, meta: TemplateMeta): WorkbookSpec {
  let byKey = specs.get(index);
  if (!byKey) {
    byKey = new Map();
    specs.set(index, byKey);
  }
  const key = `${meta.ministry ?? ''}|${meta.lang}`;
  let spec = byKey.get(key);
  if (!spec) {
    spec = buildTemplateSpec(index, { ministry: meta.ministry, lang: meta.lang, generatedAt: '' });
    byKey.set(key, spec);
  }
  return spec;
}

/**
 * Reads the entry and summary sheets of a template whose metadata was already checked against the
 * plan (same plan id, plan version and template version). A missing entry sheet is a problem.
 */
export function readTemplateWorkbook(
  wb: ExcelJS.Workbook,
  meta: TemplateMeta,
  index: PlanIndex,
): TemplateReading | FileProblem {
  const spec = templateSpec(index, meta);
  const entrySpec = spec.sheets.find((s) => s.key === 'entry');
  const summarySpec = spec.sheets.find((s) => s.key === 'summary');
  if (!entrySpec) return problem('entry_sheet_missing', { sheet: 'Saisie' });
  const entryWs = wb.getWorksheet(entrySpec.name);
  if (!entryWs) return problem('entry_sheet_missing', { sheet: entrySpec.name });

  const entry = readEntry(entrySpec, readSheet(entryWs), index.years);
  const findings = entry.findings;
  const summaries: SummaryTable[] = [];
  const summaryWs = summarySpec ? wb.getWorksheet(summarySpec.name) : undefined;
  if (summarySpec && summaryWs) {
    const table = readSummary(summarySpec, readSheet(summaryWs), entry, index, meta.lang, findings);
    if (table) summaries.push(table);
  }
  return {
    parsed: {
      ministry: meta.ministry,
      planId: meta.planId,
      planVersion: meta.planVersion,
      lines: entry.lines,
      subtotals: entry.subtotals,
      summaries,
    },
    findings,
    untouched: entry.untouched,
  };
}
