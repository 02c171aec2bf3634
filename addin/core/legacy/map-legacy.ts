/**
 * Each legacy row against the canonical plan: which activity it is, what its cost and marks say,
 * and what will be written for it — or why it cannot be imported.
 *
 * An activity is found by its code: the canonical code, or the code as the document printed it
 * (`source.code`). The document prints 4.2.3.1 and 4.2.3.2 twice; under result 4.2.1 they are
 * canonical 4.2.1.1 and 4.2.1.2, so when a code names several activities the result the row sits
 * under decides, then the title. The title then confirms the code (normalised, on its first 40
 * characters): a title that matches another activity of the plan is a conflict and the row is not
 * imported — amounts must not land on the wrong activity; a title that matches nothing is imported
 * by its code with a note (it was reworded). Rows without a code, with an unknown or ambiguous
 * code, of another ministry (with --ministry), or repeating an activity already imported are
 * reported and skipped. Costs follow ./cost-split.ts.
 */
import type { EntryLineInput } from '../entry-grid.ts';
import { type Finding, finding } from '../findings.ts';
import { constantValue } from '../formula-text.ts';
import { type Line, type LineField, markField, type Nature, yearField } from '../model.ts';
import { type Money, moneyToDecimal } from '../money.ts';
import { readAmount, readMark } from '../numbers.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { splitEvenly } from './cost-split.ts';
import { type LegacyCell, type LegacyRow, wordKey } from './legacy-table.ts';

/** Why a row was not imported. */
export type SkipReason =
  | { code: 'no_code' }
  | { code: 'unknown_code' }
  | { code: 'ambiguous_code'; candidates: string[] }
  | { code: 'title_conflict'; other: string }
  | { code: 'not_ministry'; responsible: string; ministry: string }
  | { code: 'duplicate'; sheet: string; row: number };

/** Something worth saying about a row that was imported. */
export type LegacyNote =
  | { code: 'renumbered'; result: string | null }
  | { code: 'title_mismatch'; planTitle: string }
  | { code: 'mark_unreadable'; year: number; text: string };

/** What was done with the row's cost; exactly one per imported row. */
export type CostOutcome =
  | { kind: 'split'; cost: Money; years: number[]; each: Money; last: Money }
  | { kind: 'no_years'; cost: Money }
  | { kind: 'pm' }
  | { kind: 'blank' }
  | { kind: 'unreadable'; text: string }
  | { kind: 'ambiguous'; text: string; asThousands: Money; asDecimal: Money }
  | { kind: 'formula'; formula: string };

export interface LegacyLine {
  source: LegacyRow;
  /** The canonical activity; null when the row was not imported. */
  activity: Activity | null;
  skipped: SkipReason | null;
  notes: LegacyNote[];
  cost: CostOutcome;
  /** Execution years marked X (calendar years). */
  execution: number[];
}

/** A row skipped only because it is another ministry's: out of scope, not a fault of the sheet. */
export function outOfScope(line: LegacyLine): boolean {
  return line.skipped?.code === 'not_ministry';
}

/** Rows that could not be imported for a reason the sheet should fix. */
export function unmapped(lines: readonly LegacyLine[]): LegacyLine[] {
  return lines.filter((l) => l.skipped !== null && !outOfScope(l));
}

export interface LegacyMapping {
  lines: LegacyLine[];
  /** Activities of the scope (the ministry's, or the whole plan) that no row imported. */
  missing: Activity[];
}

/** Codes as the document prints them, without spaces or final dot: "2.1.1.\u00a01." → "2.1.1.1". */
function printedCode(code: string | null): string | null {
  return code === null ? null : code.replace(/[\s\u00a0\u202f]+/g, '').replace(/\.$/, '');
}

const TITLE_PREFIX = 40;
const TITLE_MIN = 8;

/** True/false when the titles agree/disagree on their first characters; null when too short to tell. */
export function titlesAgree(a: string, b: string): boolean | null {
  const ka = wordKey(a);
  const kb = wordKey(b);
  const n = Math.min(TITLE_PREFIX, ka.length, kb.length);
  if (n < TITLE_MIN) return null;
  return ka.slice(0, n) === kb.slice(0, n);
}

export function readCost(cell: LegacyCell | null): CostOutcome | { kind: 'amount'; cost: Money } {
  if (cell === null) return { kind: 'blank' };
  if (cell.formula !== undefined) {
    const value = constantValue(cell.formula);
    return value === null ? { kind: 'formula', formula: cell.formula } : { kind: 'amount', cost: value };
  }
  const r = readAmount(cell.value);
  switch (r.kind) {
    case 'empty':
      return { kind: 'blank' };
    case 'pm':
      return { kind: 'pm' };
    case 'amount':
      return { kind: 'amount', cost: r.value };
    case 'mark':
      return { kind: 'unreadable', text: String(cell.value).trim() };
    case 'unreadable':
      return { kind: 'unreadable', text: r.text };
    case 'ambiguous':
      return { kind: 'ambiguous', text: r.text, asThousands: r.asThousands, asDecimal: r.asDecimal };
  }
}

export interface MapOptions {
  /** Ministry code: rows of activities it is not responsible for are skipped. */
  ministry: string | null;
}

export function mapLegacyRows(index: PlanIndex, rows: readonly LegacyRow[], opts: MapOptions): LegacyMapping {
  const years = index.years;
  const activities = index.plan.activities;
  const byPrinted = new Map<string, Activity[]>();
  for (const a of activities) {
    const printed = printedCode(a.source.code);
    if (printed === null || printed === a.code) continue;
    byPrinted.set(printed, [...(byPrinted.get(printed) ?? []), a]);
  }
  const imported = new Map<string, LegacyRow>();
  const lines: LegacyLine[] = [];

  for (const row of rows) {
    const notes: LegacyNote[] = [];
    const execution: number[] = [];
    row.marks.forEach((mark, i) => {
      const year = years[i];
      if (!mark || year === undefined) return;
      const m =
        mark.formula !== undefined
          ? { kind: 'unreadable' as const, text: `=${mark.formula}` }
          : readMark(mark.value);
      if (m.kind === 'marked') execution.push(year);
      else if (m.kind === 'unreadable') notes.push({ code: 'mark_unreadable', year, text: m.text });
    });
    const read = readCost(row.cost);
    let cost: CostOutcome;
    if (read.kind === 'amount') {
      const split = splitEvenly(read.cost, execution);
      cost = split
        ? { kind: 'split', cost: read.cost, years: execution, each: split.each, last: split.last }
        : { kind: 'no_years', cost: read.cost };
    } else cost = read;

    const skip = (skipped: SkipReason) =>
      lines.push({ source: row, activity: null, skipped, notes, cost, execution });
    if (row.code === null) {
      skip({ code: 'no_code' });
      continue;
    }
    const exact = index.activity(row.code);
    const candidates = [...new Set([...(exact ? [exact] : []), ...(byPrinted.get(row.code) ?? [])])];
    let chosen: Activity | undefined;
    if (candidates.length === 1) chosen = candidates[0];
    else if (candidates.length > 1) {
      const underResult = candidates.filter((a) => a.result === row.result?.code);
      const byTitle = candidates.filter((a) => titlesAgree(a.title, row.title) === true);
      chosen = underResult.length === 1 ? underResult[0] : byTitle.length === 1 ? byTitle[0] : undefined;
      if (!chosen) {
        skip({ code: 'ambiguous_code', candidates: candidates.map((a) => a.code) });
        continue;
      }
    }
    if (!chosen) {
      skip({ code: 'unknown_code' });
      continue;
    }
    if (titlesAgree(chosen.title, row.title) === false) {
      const others = activities.filter((a) => a !== chosen && titlesAgree(a.title, row.title) === true);
      if (others.length === 1 && others[0]) {
        skip({ code: 'title_conflict', other: others[0].code });
        continue;
      }
      notes.push({ code: 'title_mismatch', planTitle: chosen.title });
    }
    if (opts.ministry !== null && !index.ministriesOf(chosen).includes(opts.ministry)) {
      skip({ code: 'not_ministry', responsible: chosen.responsibleAsWritten, ministry: opts.ministry });
      continue;
    }
    const first = imported.get(chosen.code);
    if (first) {
      skip({ code: 'duplicate', sheet: first.sheet, row: first.row });
      continue;
    }
    imported.set(chosen.code, row);
    if (chosen.code !== row.code) notes.unshift({ code: 'renumbered', result: row.result?.code ?? null });
    lines.push({ source: row, activity: chosen, skipped: null, notes, cost, execution });
  }
  const scope = opts.ministry === null ? activities : index.activitiesOf(opts.ministry);
  return { lines, missing: scope.filter((a) => !imported.has(a.code)) };
}

/** Nature and amounts to write for an imported line, per the cost rule. */
export function entryInput(
  line: LegacyLine,
  years: readonly number[],
  comment: string | null,
): EntryLineInput {
  const amounts: Record<number, Money | null> = {};
  for (const y of years) amounts[y] = null;
  let nature: Nature | null = null;
  switch (line.cost.kind) {
    case 'split': {
      nature = 'costed';
      const split = splitEvenly(line.cost.cost, line.cost.years);
      for (const [y, v] of split?.byYear ?? []) amounts[y] = v;
      break;
    }
    case 'no_years':
      nature = 'costed';
      break;
    case 'pm':
      nature = 'pm';
      break;
    default:
      break;
  }
  return {
    activity: line.activity?.code ?? null,
    nature,
    years: amounts,
    total: null,
    national: null,
    external: null,
    execution: line.execution,
    comment,
  };
}

/**
 * The imported lines as the checks read them, pointing at the legacy sheet's cells (the cost cell
 * stands for every amount derived from it), and the reading findings for cells that could not be
 * read — the same values the written template will hold, so that both are judged alike.
 */
export function legacyLinesForChecks(
  mapping: LegacyMapping,
  years: readonly number[],
): { lines: Line[]; findings: Finding[] } {
  const lines: Line[] = [];
  const findings: Finding[] = [];
  for (const l of mapping.lines) {
    if (!l.activity) continue;
    const src = l.source;
    const input = entryInput(l, years, null);
    const costCell = src.cost?.cell;
    const cells: Partial<Record<LineField, string>> = {
      activity: src.activityCell,
      nature: costCell,
      total: costCell,
    };
    const unreadable: LineField[] = [];
    years.forEach((y, i) => {
      cells[yearField(y)] = costCell;
      const mark = src.marks[i];
      if (mark) cells[markField(y)] = mark.cell;
    });
    const where = { sheet: src.sheet, cell: costCell };
    const c = l.cost;
    if (c.kind === 'unreadable' || c.kind === 'ambiguous' || c.kind === 'formula') {
      unreadable.push('nature', 'total', ...years.map(yearField));
      if (c.kind === 'unreadable')
        findings.push(finding('unreadable_number', 'error', where, { text: c.text }, { actual: c.text }));
      else if (c.kind === 'ambiguous')
        findings.push(
          finding(
            'ambiguous_number',
            'error',
            where,
            {
              text: c.text,
              asThousands: moneyToDecimal(c.asThousands),
              asDecimal: moneyToDecimal(c.asDecimal),
            },
            { actual: c.text },
          ),
        );
      else findings.push(finding('formula_in_input', 'error', where, { formula: c.formula, value: null }));
    }
    for (const n of l.notes) {
      if (n.code !== 'mark_unreadable') continue;
      const i = years.indexOf(n.year);
      unreadable.push(markField(n.year));
      findings.push(
        finding(
          'unreadable_mark',
          'warning',
          { sheet: src.sheet, cell: src.marks[i]?.cell },
          { text: n.text },
          { actual: n.text },
        ),
      );
    }
    const filled = years.map((y) => input.years[y]).filter((v): v is Money => v !== null && v !== undefined);
    lines.push({
      index: lines.length,
      activity: input.activity,
      nature: input.nature,
      years: input.years,
      total: filled.length === 0 ? null : filled.reduce((a, b) => a + b, 0n),
      national: null,
      external: null,
      execution: input.execution,
      comment: null,
      sheet: src.sheet,
      cells,
      unreadable,
    });
  }
  return { lines, findings };
}
