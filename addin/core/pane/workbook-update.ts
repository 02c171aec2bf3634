/**
 * Updating a workbook that already holds the template to a newer plan, without losing anything
 * typed. The new template is built from the plan as usual; then every activity row takes the
 * values its code had in the old entry sheet — every input cell (nature, amounts, funding, marks,
 * comment), blank ones included, exactly as they were (a "1 500,5" typed as text stays that text).
 * New activities are rows of the new template, renamed ones get the plan's new title, and
 * activities withdrawn from the plan move, with their values, to a separate protected sheet
 * ("Retirées"), flagged in amber: they are kept for the record but are not part of the return, so
 * they neither block nor falsify it. An activity that comes back into the plan takes its values
 * back from that sheet. The change list says all of it, for the pane to show.
 */

import { activityCodeOf, entryHeaderValues, rollupOf } from '../entry-grid.ts';
import { constantValue } from '../formula-text.ts';
import type { Grid } from '../grid.ts';
import { ENTRY_FIRST_DATA_ROW, type EntryColumnKey, entryColumns, type Label, type Lang } from '../layout.ts';
import { normaliseText } from '../numbers.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { SheetContent } from '../sheet-content.ts';
import { buildTemplateSpec, type TemplateOptions, templateActivities } from '../template/build.ts';
import { columnRect, rangeA1 } from '../workbook-spec/ranges.ts';
import {
  AMOUNT_FORMAT,
  isFormula,
  type SheetSpec,
  type SpecCell,
  type TemplateMeta,
  type WorkbookSpec,
} from '../workbook-spec/spec.ts';

export const WITHDRAWN_SHEET: Label = { fr: 'Retirées', en: 'Withdrawn' };

const WITHDRAWN_WORDING: Record<Lang, { title: string; note: string }> = {
  fr: {
    title: 'Activités retirées du plan',
    note: 'Ces activités ne figurent plus dans le plan en vigueur. Leurs montants sont conservés ici pour mémoire ; ils ne sont pas envoyés. Si une activité revient dans le plan, la mise à jour la remet dans la feuille de saisie avec ses montants.',
  },
  en: {
    title: 'Activities withdrawn from the plan',
    note: 'These activities are no longer in the current plan. Their amounts are kept here for the record; they are not sent. If an activity comes back into the plan, the update puts it back into the entry sheet with its amounts.',
  },
};

/** The header row of the withdrawn sheet; data rows follow it. */
const WITHDRAWN_HEADER_ROW = 4;

export interface WorkbookChanges {
  planVersion: { before: string; after: string };
  added: string[];
  renamed: { code: string; before: string; after: string }[];
  /** Withdrawn by this update (moved to the withdrawn sheet). */
  withdrawn: string[];
  /** Back in the plan, their values taken from the withdrawn sheet. */
  restored: string[];
  /** Activity rows with at least one amount (a year, national or external), carried over. */
  kept: number;
  /** Name of the withdrawn sheet, when the new workbook has one. */
  withdrawnSheet: string | null;
}

interface OldRow {
  code: string;
  title: string | null;
  /** The whole row as read, for the withdrawn sheet. */
  cells: SpecCell[];
  inputs: Map<EntryColumnKey, SpecCell>;
}

const HEADER_SEARCH_ROWS = 20;

function headerRowIndex(rows: readonly unknown[]): number {
  for (let r = 0; r < Math.min(rows.length, HEADER_SEARCH_ROWS); r++) {
    const row = rows[r];
    if (Array.isArray(row) && textOf(row[0] as SpecCell)?.toLowerCase() === 'code') return r;
  }
  return -1;
}

const blank = (v: SpecCell | undefined) =>
  v === undefined || v === false || (!(v !== null && isFormula(v)) && normaliseText(v) === null);

/**
 * The entry sheet's cells with its formulas put back where they were: a formula of plain numbers
 * ("=1500+250") stays a formula, which means the same on any row; any other becomes its text
 * ("=G12*2"), which would point elsewhere once the row moves. Either way nothing typed is lost, and
 * the next check reports it.
 */
function cellsWithFormulas(content: SheetContent): SpecCell[][] {
  const rows: SpecCell[][] = content.grid.rows.map((row) =>
    Array.isArray(row) ? row.map((v) => (v === undefined ? null : v)) : [],
  );
  for (const [row1, cols] of content.formulas) {
    const row = rows[row1 - 1] ?? [];
    rows[row1 - 1] = row;
    for (const [col, formula] of cols)
      row[col] = constantValue(formula) === null ? `=${formula}` : { formula };
  }
  return rows;
}

/** Rows of an entry-layout sheet (entry or withdrawn) by activity code; roll-up rows are skipped. */
function rowsByCode(rows: readonly SpecCell[][] | null, years: readonly number[]): Map<string, OldRow> {
  const out = new Map<string, OldRow>();
  if (!rows) return out;
  const header = headerRowIndex(rows);
  if (header < 0) return out;
  const columns = entryColumns(years);
  const title = columns.find((c) => c.key === 'title')?.index ?? 1;
  const inputs = columns.filter((c) => !c.locked);
  for (let r = header + 1; r < rows.length; r++) {
    const row = Array.isArray(rows[r]) ? (rows[r] as SpecCell[]) : [];
    const a = textOf(row[0]);
    // A roll-up row of either kind of plan (with OS, or results under their pillar) is no activity.
    if (a === null || rollupOf(a, { objectives: true }) || rollupOf(a, { objectives: false })) continue;
    const code = activityCodeOf(a);
    if (out.has(code)) continue;
    out.set(code, {
      code,
      title: textOf(row[title]),
      cells: row,
      inputs: new Map(inputs.map((c) => [c.key, row[c.index] ?? null])),
    });
  }
  return out;
}

/** A cell's text, as the reader compares codes and titles; null for a formula or an empty cell. */
const textOf = (v: SpecCell | undefined): string | null =>
  v === undefined || (v !== null && isFormula(v)) ? null : normaliseText(v);

const specValue = (v: SpecCell | undefined): SpecCell => (v === undefined || v === '' ? null : v);

const isAmountKey = (key: EntryColumnKey) =>
  key.startsWith('year:') || key === 'national' || key === 'external';

/** Marks and natures come prefilled from the plan; amounts are what people type. */
function hasAmount(row: OldRow): boolean {
  for (const [key, v] of row.inputs) if (isAmountKey(key) && !blank(v)) return true;
  return false;
}

function withdrawnSheet(lang: Lang, years: readonly number[], rows: readonly OldRow[]): SheetSpec {
  const columns = entryColumns(years);
  const lastVisible = columns.reduce((last, c) => (c.hidden ? last : Math.max(last, c.index)), 0);
  const w = WITHDRAWN_WORDING[lang];
  const header = entryHeaderValues(years, lang).headers.slice(0, lastVisible + 1);
  const first = WITHDRAWN_HEADER_ROW + 1;
  const last = WITHDRAWN_HEADER_ROW + rows.length;
  const sheet: SheetSpec = {
    key: 'other',
    name: WITHDRAWN_SHEET[lang],
    state: 'visible',
    cells: [
      [w.title],
      [w.note],
      [],
      header.map((v) => specValue(v)),
      ...rows.map((r) => columns.slice(0, lastVisible + 1).map((c) => specValue(r.cells[c.index]))),
    ],
    columns: columns.map((c) => (c.hidden ? { width: c.width, hidden: true } : { width: c.width })),
    styles: [
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'note' },
      {
        range: rangeA1({
          top: WITHDRAWN_HEADER_ROW,
          bottom: WITHDRAWN_HEADER_ROW,
          left: 0,
          right: lastVisible,
        }),
        style: 'header',
      },
    ],
    numberFormats: [],
    unlocked: [],
    protect: true,
    merges: [],
    validations: [],
    conditionalFormats: [],
    freeze: { rows: WITHDRAWN_HEADER_ROW, columns: 0 },
    rowHeights: { 2: 45 },
  };
  if (rows.length > 0) {
    const body = rangeA1({ top: first, bottom: last, left: 0, right: lastVisible });
    sheet.styles.push({ range: body, style: 'lockedText' });
    // Amber on every row: these values are kept, not sent.
    sheet.conditionalFormats.push({ range: body, formula: 'TRUE', style: 'warning' });
    for (const c of columns) {
      if (
        c.key === 'planCost' ||
        c.key.startsWith('year:') ||
        c.key === 'total' ||
        c.key === 'national' ||
        c.key === 'external'
      ) {
        sheet.numberFormats.push({ range: rangeA1(columnRect(c.index, first, last)), format: AMOUNT_FORMAT });
      }
    }
  }
  return sheet;
}

/**
 * The updated template and what changed. `old` is what the workbook holds now: its metadata, its
 * entry sheet and its withdrawn sheet if it has one. `opts` says which ministry and language the
 * new template is for (normally the old metadata's).
 */
export function updateWorkbookSpec(
  index: PlanIndex,
  opts: TemplateOptions,
  old: { meta: TemplateMeta; entry: SheetContent; withdrawn: Grid | null },
): { spec: WorkbookSpec; changes: WorkbookChanges } {
  const spec = buildTemplateSpec(index, opts);
  const oldRows = rowsByCode(cellsWithFormulas(old.entry), old.meta.years);
  const oldWithdrawn = rowsByCode(
    old.withdrawn
      ? old.withdrawn.rows.map((row) => (Array.isArray(row) ? row.map((v) => v ?? null) : []))
      : null,
    old.meta.years,
  );
  const current = new Map(templateActivities(index, opts.ministry).map((a) => [a.code, a]));

  const changes: WorkbookChanges = {
    planVersion: { before: old.meta.planVersion, after: index.plan.plan.version },
    added: [],
    renamed: [],
    withdrawn: [],
    restored: [],
    kept: 0,
    withdrawnSheet: null,
  };

  const entry = spec.sheets.find((s) => s.key === 'entry');
  if (!entry) throw new Error('template spec without an entry sheet');
  const inputs = entryColumns(index.years).filter((c) => !c.locked);
  for (let r = ENTRY_FIRST_DATA_ROW - 1; r < entry.cells.length; r++) {
    const cells = entry.cells[r];
    const code = cells?.[0];
    if (!cells || typeof code !== 'string' || !current.has(code)) continue;
    const activity = current.get(code);
    let source = oldRows.get(code);
    if (!source) {
      source = oldWithdrawn.get(code);
      if (source) changes.restored.push(code);
      else {
        changes.added.push(code);
        continue;
      }
    } else if (activity && source.title !== null && source.title !== normaliseText(activity.title)) {
      changes.renamed.push({ code, before: source.title, after: activity.title });
    }
    if (hasAmount(source)) changes.kept++;
    for (const c of inputs) cells[c.index] = specValue(source.inputs.get(c.key));
  }

  const withdrawnRows: OldRow[] = [];
  for (const row of oldRows.values()) {
    if (current.has(row.code)) continue;
    changes.withdrawn.push(row.code);
    withdrawnRows.push(row);
  }
  for (const row of oldWithdrawn.values()) {
    if (!current.has(row.code) && !oldRows.has(row.code)) withdrawnRows.push(row);
  }
  if (withdrawnRows.length > 0 || old.withdrawn !== null) {
    const sheet = withdrawnSheet(opts.lang, old.meta.years, withdrawnRows);
    // After the entry sheet, where people look for it.
    const at = spec.sheets.indexOf(entry) + 1;
    spec.sheets.splice(at, 0, sheet);
    changes.withdrawnSheet = sheet.name;
  }
  return { spec, changes };
}
