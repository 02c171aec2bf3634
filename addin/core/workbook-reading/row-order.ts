/**
 * Whether the entry sheet's rows are still where the template's subtotals expect them. Each
 * roll-up row adds up, with SUBTOTAL, the block of rows under it; a sort or a cut-and-paste that
 * moves an activity under another result's row makes that subtotal add up another result's
 * activity, while every line still reads right. An activity is misplaced when the roll-up rows
 * above it (its pillar, objective and result, and nothing below the grand TOTAL) are not the ones
 * the template put above it. Activities the template does not have are left to the plan checks.
 */
import { activityCodeOf, type CodeLevels, rollupOf } from '../entry-grid.ts';
import type { CellValue } from '../grid.ts';
import { normaliseText } from '../numbers.ts';

export interface Misplaced {
  count: number;
  /** The first misplaced activity, its 1-based row, and the roll-up label it now sits under ("" for none). */
  activity: string;
  row: number;
  under: string;
}

interface Enclosure {
  /** The labels above a row, by level, as "level:key". */
  signature: string;
  /** The innermost label as written, for messages. */
  label: string;
}

/**
 * Walks rows from `from` (0-based) and gives each activity code the roll-up rows it sits under. A
 * plan without objectives has no OS rows: its results sit at their depth under the pillar alone.
 */
function enclosures(rows: readonly (readonly CellValue[] | undefined)[], from: number, levels: CodeLevels) {
  const out = new Map<string, Enclosure & { row: number }>();
  const open: { level: string; key: string; label: string }[] = [];
  const depth: Record<string, number> = { pillar: 0, objective: 1, result: 2, grand: 0 };
  for (let r = from; r < rows.length; r++) {
    const a = normaliseText(rows[r]?.[0] as CellValue);
    if (a === null) continue;
    const rollup = rollupOf(a, levels);
    if (rollup) {
      const d = depth[rollup.level] ?? 0;
      // A higher level closes the lower ones; the grand total closes everything.
      open.splice(d);
      open[d] = { level: rollup.level, key: rollup.key, label: a };
      continue;
    }
    const code = activityCodeOf(a);
    if (out.has(code)) continue;
    const present = open.filter(Boolean);
    out.set(code, {
      row: r + 1,
      signature: present.map((o) => `${o.level}:${o.key}`).join('|'),
      label: present[present.length - 1]?.label ?? '',
    });
  }
  return out;
}

/**
 * Compares the file's rows with the template's (both read from the first data row, 0-based
 * `firstRow`, with the plan's code levels); null when every activity the template has is under
 * the same roll-up rows.
 */
export function misplacedActivities(
  templateRows: readonly (readonly CellValue[] | undefined)[],
  fileRows: readonly (readonly CellValue[] | undefined)[],
  firstRow: number,
  levels: CodeLevels,
): Misplaced | null {
  const expected = enclosures(templateRows, firstRow, levels);
  const actual = enclosures(fileRows, firstRow, levels);
  let count = 0;
  let first: (Enclosure & { row: number; code: string }) | null = null;
  for (const [code, where] of actual) {
    const want = expected.get(code);
    if (!want || want.signature === where.signature) continue;
    count++;
    if (!first || where.row < first.row) first = { ...where, code };
  }
  return first ? { count, activity: first.code, row: first.row, under: first.label } : null;
}
