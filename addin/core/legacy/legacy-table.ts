/**
 * The plan document's section IV tables as ministries keep them in a spreadsheet: one table per
 * pillar (or one sheet per pillar), each under a header row — Résultats | Indicateurs | Activités |
 * Alignement | Coût en millions de FCFA | Département responsable | Partenaires | AN I … AN V,
 * often with "Périodes d'exécution" above the AN columns — then banner rows for the pillar
 * ("PREVENTION", "LA PROTECTION") and the strategic objective ("OS 1.1: …"), result cells merged
 * down over their activities, and one row per activity whose text starts with its code.
 *
 * This file only finds tables and reads their rows into LegacyRow, keeping each cell's address;
 * ./map-legacy.ts decides what each row means against the canonical plan.
 *
 * Headers are matched on words, without accents, case, punctuation or extra spaces, because every
 * table of the document spells them a little differently ("Coût en Millions de Francs CFA",
 * "Département Partenaire", "AN \nI").
 */
import { type CellValue, columnLetter, type Grid } from '../grid.ts';
import { normaliseText } from '../numbers.ts';
import type { SheetContent } from '../sheet-content.ts';

export type LegacyRole =
  | 'result'
  | 'indicators'
  | 'activity'
  | 'code'
  | 'alignment'
  | 'cost'
  | 'responsible'
  | 'partners';

export interface LegacyColumns {
  roles: Partial<Record<LegacyRole, number>>;
  /** Column of AN I, AN II…: index 0 is the plan's first year; a year without a column is undefined. */
  years: (number | undefined)[];
}

export interface LegacyCell {
  value: CellValue;
  /** The formula of the cell, if it holds one (its cached result is never read). */
  formula: string | undefined;
  cell: string;
}

/** One activity row as read: text and cells, nothing interpreted beyond the code. */
export interface LegacyRow {
  sheet: string;
  row: number;
  /** The activity code as printed ("2.1.1. 1."), or null when the text starts with none. */
  codeAsRead: string | null;
  /** The code with spaces and the final dot removed ("2.1.1.1"). */
  code: string | null;
  title: string;
  /** Result the row sits under (code read from the result cell, or from its title), if known. */
  result: { code: string | null; text: string } | null;
  objective: string | null;
  cost: LegacyCell | null;
  /** One per plan year (AN I first); null when the table has no column for that year. */
  marks: (LegacyCell | null)[];
  responsible: string | null;
  activityCell: string;
}

export interface LegacyTable {
  sheet: string;
  headerRow: number;
  columns: LegacyColumns;
}

/** Header text without accents, case, punctuation or repeated spaces: "cout en millions de fcfa". */
export function wordKey(value: CellValue): string {
  return (normaliseText(value) ?? '')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`]/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const ROMAN: Record<string, number> = {
  i: 0,
  ii: 1,
  iii: 2,
  iv: 3,
  v: 4,
  vi: 5,
  vii: 6,
  viii: 7,
  ix: 8,
  x: 9,
};

function roleOf(key: string): LegacyRole | null {
  if (key === '' || key.length > 60) return null;
  if (/^resultats?\b/.test(key)) return 'result';
  if (/^indicateurs?\b/.test(key)) return 'indicators';
  if (/^activites?\b/.test(key)) return 'activity';
  if (/^(code|n|no|numero)$/.test(key)) return 'code';
  if (/^alignement\b/.test(key)) return 'alignment';
  if (/^(cout|couts|montant|budget)\b/.test(key) || /\bmillions?\b.*\b(fcfa|francs)\b/.test(key))
    return 'cost';
  if (/\bpartenaires?\b/.test(key)) return 'partners';
  if (/\bresponsables?\b/.test(key)) return 'responsible';
  return null;
}

/**
 * "AN I", "AN 1", "An IV" → 0-based year index. Calendar years ("2021") are not taken: they head
 * the amount columns of PAC's own entry sheet, which must never pass for a legacy table.
 */
function yearIndexOf(key: string, years: readonly number[]): number | null {
  const an = /^an (i|ii|iii|iv|v|vi|vii|viii|ix|x|\d{1,2})$/.exec(key);
  if (!an) return null;
  const token = an[1] as string;
  const i = /^\d+$/.test(token) ? Number(token) - 1 : (ROMAN[token] ?? -1);
  return i >= 0 && i < years.length ? i : null;
}

const HEADER_ROLES_NEEDED = 3;
/** How many rows under a header row the AN I–AN V cells may sit ("Périodes d'exécution" above them). */
const YEAR_ROWS_BELOW = 2;

/** The header at a row: its roles, and the year columns found in it or just below. */
function headerAt(rows: readonly CellValue[][], r: number, years: readonly number[]): LegacyColumns | null {
  const row = rows[r] ?? [];
  const roles: Partial<Record<LegacyRole, number>> = {};
  let found = 0;
  for (let c = 0; c < row.length; c++) {
    const role = roleOf(wordKey(row[c]));
    if (role && roles[role] === undefined) {
      roles[role] = c;
      found++;
    }
  }
  if (roles.activity === undefined || roles.cost === undefined || found < HEADER_ROLES_NEEDED) return null;
  const yearCols: (number | undefined)[] = [];
  for (let k = r; k <= r + YEAR_ROWS_BELOW && k < rows.length; k++) {
    const cells = rows[k] ?? [];
    for (let c = 0; c < cells.length; c++) {
      const i = yearIndexOf(wordKey(cells[c]), years);
      if (i !== null && yearCols[i] === undefined) yearCols[i] = c;
    }
  }
  if (!yearCols.some((c) => c !== undefined)) return null;
  return { roles, years: yearCols };
}

/** Every header row of a sheet (each pillar's table may repeat it). */
export function findHeaders(grid: Grid, years: readonly number[]): { row: number; columns: LegacyColumns }[] {
  const out: { row: number; columns: LegacyColumns }[] = [];
  for (let r = 0; r < grid.rows.length; r++) {
    const columns = headerAt(grid.rows, r, years);
    if (columns) out.push({ row: r + 1, columns });
  }
  return out;
}

// --- Rows -----------------------------------------------------------------------------------------

const SPACE = String.raw`[\s\u00a0\u202f\u2007\u2009]`;
/** A code at the start of the activity text: four numbers, dots possibly spaced ("2.1.1. 1."). */
const LEADING_CODE = new RegExp(
  String.raw`^${SPACE}*(\d{1,2}(?:${SPACE}*\.${SPACE}*\d{1,3}){3})${SPACE}*\.?${SPACE}*([\s\S]*)$`,
);
const OBJECTIVE = /^OS\s*(\d+)\s*\.\s*(\d+)/i;
const RESULT = /^(?:r[ée]sultats?(?:\s+attendus?)?|r)\s*[:.]?\s*(\d+(?:\s*\.\s*\d+){2})/i;

/** "2.1.1. 1." → { asRead: "2.1.1. 1.", code: "2.1.1.1", rest }. */
export function leadingCode(text: string): { asRead: string; code: string; rest: string } | null {
  const m = LEADING_CODE.exec(text);
  if (!m) return null;
  const code = (m[1] as string).replace(new RegExp(`${SPACE}+`, 'g'), '');
  const rest = m[2] ?? '';
  const asRead = text.slice(0, text.length - rest.length).trim();
  return { asRead, code, rest: rest.trim() };
}

export function resultCodeOf(text: string): string | null {
  const m = RESULT.exec(text.trim());
  return m ? (m[1] as string).replace(/\s+/g, '') : null;
}

function text(value: CellValue): string | null {
  return typeof value === 'string' || typeof value === 'number' ? normaliseText(value) : null;
}

/**
 * The activity rows of one table, from its header down to the next header (or the end). Result
 * and objective context is carried down the rows: a result cell merged over several rows holds
 * its text in the first one only. `resultByTitle` names a result printed without its code.
 */
export function readTableRows(
  cells: SheetContent,
  header: { row: number; columns: LegacyColumns },
  end: number,
  resultByTitle: (title: string) => string | null,
): LegacyRow[] {
  const { roles, years } = header.columns;
  const rows = cells.grid.rows;
  const sheet = cells.grid.sheet;
  const skipUntil = header.row + YEAR_ROWS_BELOW;
  const out: LegacyRow[] = [];
  let objective: string | null = null;
  let result: LegacyRow['result'] = null;
  const cellOf = (r: number, c: number | undefined) => (c === undefined ? undefined : rows[r - 1]?.[c]);
  const formulaOf = (r: number, c: number | undefined) =>
    c === undefined ? undefined : cells.formulas.get(r)?.get(c);
  const input = (r: number, c: number | undefined): LegacyCell | null =>
    c === undefined
      ? null
      : { value: cellOf(r, c) ?? null, formula: formulaOf(r, c), cell: `${columnLetter(c)}${r}` };
  const yearCols = years.filter((c): c is number => c !== undefined);
  const isYearRow = (r: number) =>
    yearCols.some((c) => /^an\b/.test(wordKey(cellOf(r, c)))) && text(cellOf(r, roles.activity)) === null;

  for (let r = header.row + 1; r < end; r++) {
    if (r <= skipUntil && isYearRow(r)) continue;
    const row = rows[r - 1] ?? [];
    const activityText = text(cellOf(r, roles.activity));
    const resultText = text(cellOf(r, roles.result));
    const costEmpty = text(cellOf(r, roles.cost)) === null && formulaOf(r, roles.cost) === undefined;
    const marksEmpty = yearCols.every((c) => text(cellOf(r, c)) === null && formulaOf(r, c) === undefined);
    if (resultText !== null)
      result = { code: resultCodeOf(resultText) ?? resultByTitle(resultText), text: resultText };

    if (activityText === null && costEmpty && marksEmpty) {
      // A banner, a result or indicator row, a continuation or a blank row: context only.
      const first = row.map(text).find((t) => t !== null) ?? null;
      const os = first === null ? null : OBJECTIVE.exec(first);
      if (os) {
        objective = `${os[1]}.${os[2]}`;
        if (resultText === null) result = null;
      }
      continue;
    }
    const code = activityText === null ? null : leadingCode(activityText);
    const codeCell = text(cellOf(r, roles.code));
    const fromColumn = codeCell === null ? null : leadingCode(codeCell);
    const chosen = fromColumn ?? code;
    out.push({
      sheet,
      row: r,
      codeAsRead: fromColumn ? codeCell : (code?.asRead ?? null),
      code: chosen?.code ?? null,
      title: code ? code.rest : (activityText ?? ''),
      result,
      objective,
      cost: input(r, roles.cost),
      marks: Array.from(years, (c) => input(r, c)),
      responsible: text(cellOf(r, roles.responsible)),
      activityCell: `${columnLetter(roles.activity ?? 0)}${r}`,
    });
  }
  return out;
}
