/**
 * Writes lines into a PAC template spec before it is rendered: for each activity row of the entry
 * sheet, the input cells (nature, amounts per year, national, external, execution marks, comment)
 * take the line's values as entryRowValues lays them out; locked cells and formulas (the line
 * total, the roll-ups, the summary) stay the template's. The legacy import fills the template this
 * way, and tests and the benchmark make filled workbooks with it.
 *
 * Whatever text a line carries stays text in the file: the spec holds it as a string, and the
 * renderer only ever writes SpecFormula cells as formulas.
 */
import { type EntryLineInput, entryRowValues } from '../entry-grid.ts';
import type { CellValue } from '../grid.ts';
import { ENTRY_FIRST_DATA_ROW, entryColumns, type Lang } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import type { WorkbookSpec } from '../workbook-spec/spec.ts';

/** Fills the spec's entry sheet in place; returns the codes of lines with no row in the template. */
export function fillEntrySheet(
  spec: WorkbookSpec,
  index: PlanIndex,
  lines: readonly EntryLineInput[],
  lang: Lang,
): string[] {
  const sheet = spec.sheets.find((s) => s.key === 'entry');
  if (!sheet) throw new Error('template spec without an entry sheet');
  const years = index.years;
  const inputs = entryColumns(years)
    .filter((c) => !c.locked)
    .map((c) => c.index);
  const rowOf = new Map<string, number>();
  for (let r = ENTRY_FIRST_DATA_ROW - 1; r < sheet.cells.length; r++) {
    const a = sheet.cells[r]?.[0];
    if (typeof a === 'string' && index.activity(a)) rowOf.set(a, r);
  }
  const missing: string[] = [];
  for (const line of lines) {
    const code = line.activity ?? '';
    const r = rowOf.get(code);
    const activity = index.activity(code);
    const cells = r === undefined ? undefined : sheet.cells[r];
    if (!cells || !activity) {
      missing.push(code);
      continue;
    }
    const values = entryRowValues(line, rowInfo(activity), years, lang);
    for (const c of inputs) cells[c] = specValue(values[c]);
  }
  return missing;
}

function specValue(v: CellValue): string | number | boolean | null {
  return v === undefined ? null : v;
}

function rowInfo(a: Activity) {
  return {
    title: a.title,
    result: a.result,
    responsible: a.responsibleAsWritten,
    planCost: a.costNote === 'PM' ? ('PM' as const) : a.cost,
    pillar: a.pillar,
    ministry: a.responsible,
  };
}
