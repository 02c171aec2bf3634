/**
 * The summary table of a plan workbook, in the layout of the document's section II.2.1: one row
 * per pillar and ministry, the amounts per calendar year, TOTAL, Budget national and Extérieur,
 * and a TOTAL row. It is found where it sits (a header row naming the pillar and ministry
 * columns, its years, TOTAL and funding sources on it or on the two rows below), read as printed —
 * a formula cell as what its formula prints, worked out from the workbook's cells by the core's
 * evaluator — and handed to the plan's checks, which say where it does not add up.
 *
 * Reading is in two steps: the header first (it gives the plan's calendar years and the unit
 * before the detail is built), the rows once the pillars are known.
 */
import {
  a1,
  type CellValue,
  type EnvelopeRow,
  type Evaluated,
  moneyToNumber,
  normaliseText,
  readAmount,
  type SheetContent,
  type WorkbookEvaluator,
  wordKey,
} from '#core';
import type { Place, TextCell } from './detail-tables.ts';
import { type ImportFinding, importFinding } from './import-findings.ts';
import type { Directory, SpellingLog } from './ministry-directory.ts';
import { type ReadUnit, readUnit } from './unit.ts';

const HEADER_ROWS_BELOW = 2;
const TITLE_ROWS_ABOVE = 3;

export interface SummaryHeader {
  sheet: string;
  /** The first row of the table: its title's, or the header's when it has no title. */
  firstRow: number;
  /** First and last rows of the header. */
  headerRow: number;
  lastHeaderRow: number;
  pillarCol: number;
  ministryCol: number;
  /** Calendar year → column. */
  years: { year: number; col: number }[];
  totalCol: number;
  nationalCol: number | null;
  externalCol: number | null;
  title: string;
  /** A unit stated in the header or the title above it, with the cell it is read from. */
  unit: { unit: ReadUnit; at: TextCell } | null;
  at: Place;
}

function textOf(value: CellValue): string | null {
  return typeof value === 'string' || typeof value === 'number' ? normaliseText(value) : null;
}

const PILLAR_HEAD = /^(piliers?|axes?( strategiques?)?|pillars?)$/;
const MINISTRY_HEAD =
  /^(ministeres?|departements?( ministeriels?)?( responsables?)?|ministries|ministry|structures? responsables?|responsables?)$/;
const YEAR_HEAD = /^(19|20)\d\d$/;
const TOTAL_HEAD = /^total$/;
const NATIONAL_HEAD = /^(budget (national|de l etat)|national|etat|bn|national budget)$/;
const EXTERNAL_HEAD = /^(exterieur|externe|financement exterieur|ptf|external|partenaires)$/;
/** "millions de francs CFA", "milliers FCFA", "millions USD": a unit inside a longer heading. */
const UNIT_PHRASE =
  /\b(milliards?|millions?|milliers?|thousands?)\s+(?:de\s+|d['’]\s*|of\s+)?(francs?\s+cfa|f\s*cfa|fcfa|cfa|euros?|eur|dollars?|usd|[A-Z]{3})\b/i;

/** Every summary table header of the sheets, in workbook order. */
export function findSummaryHeaders(sheets: readonly SheetContent[]): SummaryHeader[] {
  const out: SummaryHeader[] = [];
  for (const content of sheets) {
    const rows = content.grid.rows;
    for (let r = 1; r <= rows.length; r++) {
      const header = headerAt(content, r);
      if (header) {
        out.push(header);
        r = header.lastHeaderRow;
      }
    }
  }
  return out;
}

/** A cheap look before reading the row's words: a pillar heading must be there. */
const PILLAR_HINT = /pilier|piliers|axe|pillar/i;

function headerAt(content: SheetContent, r: number): SummaryHeader | null {
  const row = content.grid.rows[r - 1] ?? [];
  if (!row.some((v) => typeof v === 'string' && v.length < 40 && PILLAR_HINT.test(v))) return null;
  const keys = row.map((v) => wordKey(v));
  const pillarCol = keys.findIndex((k) => PILLAR_HEAD.test(k));
  const ministryCol = keys.findIndex((k) => MINISTRY_HEAD.test(k));
  if (pillarCol < 0 || ministryCol < 0) return null;
  const sheet = content.grid.sheet;
  const years: { year: number; col: number }[] = [];
  let totalCol = -1;
  let nationalCol: number | null = null;
  let externalCol: number | null = null;
  let lastHeaderRow = r;
  const texts: TextCell[] = [];
  for (let k = r; k <= r + HEADER_ROWS_BELOW; k++) {
    const cells = content.grid.rows[k - 1] ?? [];
    cells.forEach((v, c) => {
      const key = wordKey(v);
      const text = textOf(v);
      if (text !== null) texts.push({ sheet, row: k, cell: a1(k, c), text });
      if (c === pillarCol || c === ministryCol) return;
      let found = true;
      if (YEAR_HEAD.test(key) && !years.some((y) => y.col === c)) years.push({ year: Number(key), col: c });
      else if (TOTAL_HEAD.test(key) && totalCol < 0) totalCol = c;
      else if (NATIONAL_HEAD.test(key) && nationalCol === null) nationalCol = c;
      else if (EXTERNAL_HEAD.test(key) && externalCol === null) externalCol = c;
      else found = false;
      if (found) lastHeaderRow = Math.max(lastHeaderRow, k);
    });
  }
  if (years.length === 0 || totalCol < 0) return null;
  years.sort((a, b) => a.col - b.col);

  // The title: the nearest row above the header holding one text; the unit: in the header or there.
  let title = '';
  let firstRow = r;
  for (let k = r - 1; k >= Math.max(1, r - TITLE_ROWS_ABOVE); k--) {
    const cells = (content.grid.rows[k - 1] ?? [])
      .map((v, c) => ({ c, text: textOf(v) }))
      .filter((x): x is { c: number; text: string } => x.text !== null);
    if (cells.length === 0) continue;
    if (cells.length > 1) break;
    const only = cells[0] as { c: number; text: string };
    texts.push({ sheet, row: k, cell: a1(k, only.c), text: only.text });
    title = only.text;
    firstRow = k;
    break;
  }
  let unit: SummaryHeader['unit'] = null;
  for (const t of texts) {
    const phrase = UNIT_PHRASE.exec(t.text)?.[0];
    const read = phrase === undefined ? null : readUnit(phrase);
    if (read?.kind === 'unit') {
      unit = { unit: read.unit, at: t };
      break;
    }
  }
  return {
    sheet,
    firstRow,
    headerRow: r,
    lastHeaderRow,
    pillarCol,
    ministryCol,
    years,
    totalCol,
    nationalCol,
    externalCol,
    title: title || `Tableau de synthèse (${sheet})`,
    unit,
    at: { sheet, row: r, cell: a1(r, pillarCol) },
  };
}

export interface SummaryRows {
  rows: EnvelopeRow[];
  totalRow: EnvelopeRow | null;
  /** Each pillar's name as the table writes it ("Prévention"), by pillar code; not a mere "Axe 1". */
  labels: Map<string, string>;
  /** Row → column of each amount field, for pointing the checks' findings at cells. */
  columns: Map<string, number>;
  findings: ImportFinding[];
}

const SUBTOTAL = /^(sous total|total)\b/;

/** The rows of a summary table, read against the plan's pillars and the ministry directory. */
export function readSummaryRows(
  content: SheetContent,
  header: SummaryHeader,
  evaluator: WorkbookEvaluator,
  pillarOf: (label: string) => PillarMatch | null,
  directory: Directory,
  spellings: SpellingLog,
): SummaryRows {
  const sheet = content.grid.sheet;
  const findings: ImportFinding[] = [];
  const rows: EnvelopeRow[] = [];
  const labels = new Map<string, string>();
  const columns = new Map<string, number>([
    ['TOTAL', header.totalCol],
    ...header.years.map((y) => [String(y.year), y.col] as [string, number]),
  ]);
  if (header.nationalCol !== null) columns.set('Budget national', header.nationalCol);
  if (header.externalCol !== null) columns.set('Extérieur', header.externalCol);

  const amount = (r: number, col: number | null): number | null => {
    if (col === null) return null;
    const shown: Evaluated = evaluator.valueAt(sheet, r, col);
    const at = { sheet, cell: a1(r, col) };
    switch (shown.kind) {
      case 'number':
        return moneyToNumber(shown.value);
      case 'empty':
        return null;
      case 'text': {
        const read = readAmount(shown.value);
        if (read.kind === 'amount') return moneyToNumber(read.value);
        if (read.kind === 'empty') return null;
        findings.push(importFinding('summary_amount_unreadable', 'error', at, { text: shown.value }));
        return null;
      }
      case 'unknown':
        findings.push(
          importFinding('summary_formula_unknown', 'error', at, {
            formula: evaluator.formulaAt(sheet, r, col) ?? '',
          }),
        );
        return null;
      default:
        findings.push(
          importFinding('summary_amount_unreadable', 'error', at, {
            text: shown.kind === 'error' ? shown.value : String(shown.value),
          }),
        );
        return null;
    }
  };
  const rowOf = (r: number, pillarAsWritten: string, ministryAsWritten: string): EnvelopeRow => {
    const years: Record<string, number | null> = {};
    for (const y of header.years) years[String(y.year)] = amount(r, y.col);
    return {
      pillar: null,
      pillarAsWritten,
      ministry: null,
      ministryAsWritten,
      years,
      total: amount(r, header.totalCol),
      national: amount(r, header.nationalCol),
      external: amount(r, header.externalCol),
      line: r,
      sheet,
    };
  };

  let carried: string | null = null;
  for (let r = header.lastHeaderRow + 1; r <= content.grid.rows.length; r++) {
    const values = content.grid.rows[r - 1] ?? [];
    const pillarText = textOf(values[header.pillarCol]);
    const ministryText = textOf(values[header.ministryCol]);
    const firstText = values.map(textOf).find((t) => t !== null) ?? null;
    if (firstText !== null && /^total( general)?$/.test(wordKey(firstText))) {
      return { rows, totalRow: rowOf(r, firstText, ''), labels, columns, findings };
    }
    if (pillarText !== null && !SUBTOTAL.test(wordKey(pillarText))) carried = pillarText;
    if (ministryText === null) {
      // A row of amounts without a ministry (a pillar's total) is not a pair of the table: said, not read.
      const amounts = [...header.years.map((y) => y.col), header.totalCol].some(
        (c) => evaluator.valueAt(sheet, r, c).kind !== 'empty',
      );
      if (amounts)
        findings.push(
          importFinding(
            'summary_subtotal_skipped',
            'warning',
            { sheet, cell: a1(r, header.pillarCol) },
            {
              text: pillarText ?? carried ?? '',
            },
          ),
        );
      continue;
    }
    const label = carried ?? '';
    if (SUBTOTAL.test(wordKey(ministryText)) || SUBTOTAL.test(wordKey(pillarText ?? ''))) {
      findings.push(
        importFinding(
          'summary_subtotal_skipped',
          'warning',
          { sheet, cell: a1(r, header.ministryCol) },
          {
            text: ministryText,
          },
        ),
      );
      continue;
    }
    const row = rowOf(r, label, ministryText);
    const match = pillarOf(label);
    const pillar = match?.code ?? null;
    if (pillar === null) {
      findings.push(
        importFinding(
          'summary_pillar_unknown',
          'error',
          { sheet, cell: a1(r, header.pillarCol) },
          { text: label },
        ),
      );
    } else {
      row.pillar = pillar;
      if (match?.byName && !labels.has(pillar))
        labels.set(pillar, label.replace(/^(?:pilier|axe|pillar)\s*(?:n[°o]\s*)?\d+\s*[:.\-–—)]?\s*/i, ''));
    }
    const codes = directory.resolve(ministryText);
    if (codes?.length === 1) {
      row.ministry = codes[0] as string;
      spellings.record(ministryText, codes, 'summary', `${sheet}!${a1(r, header.ministryCol)}`);
    } else {
      findings.push(
        importFinding(
          'summary_ministry_unknown',
          'error',
          { sheet, cell: a1(r, header.ministryCol) },
          {
            text: ministryText,
          },
        ),
      );
    }
    rows.push(row);
  }
  findings.push(importFinding('summary_total_missing', 'error', header.at, {}));
  return { rows, totalRow: null, labels, columns, findings };
}

export interface PillarMatch {
  code: string;
  /** Matched by the pillar's name, not by its number: the label is then a name for it. */
  byName: boolean;
}

/**
 * The pillar a summary label names: by its number ("Pilier 2", "2. Protection"), or by the
 * pillar's heading without case, accents or a leading article ("Protection" is "LA PROTECTION").
 */
export function pillarMatcher(pillars: readonly { code: string; heading: string | null }[]) {
  const key = (text: string) =>
    wordKey(text)
      .replace(/^(pilier|axe|pillar)\s*(n[o°]\s*)?\d+\s*/, '')
      .replace(/^(la|le|les|l|the)\s+/, '')
      .trim();
  return (label: string): PillarMatch | null => {
    const k = key(label);
    const found = k === '' ? [] : pillars.filter((p) => p.heading !== null && key(p.heading) === k);
    if (found.length === 1) return { code: (found[0] as { code: string }).code, byName: true };
    const numbered = /^(?:pilier|axe|pillar)?\s*(?:n[°o]\s*)?(\d+)\b/i.exec(label.trim());
    if (numbered && pillars.some((p) => p.code === numbered[1]))
      return { code: numbered[1] as string, byName: false };
    return null;
  };
}
