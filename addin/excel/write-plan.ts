/**
 * Plans how few rectangles can give every cell of a template sheet its look, lock or validation,
 * for the Excel adapter (./excel-host.ts), where each rectangle costs a range and a few commands in
 * a request Excel on the web caps at 5 MB. Pure: no Office.js here.
 *
 * The spec lists looks range by range as the template is built: an activity run's columns, then a
 * result row, then the next run… On the entry sheet that is thousands of small ranges. Most rows
 * share one layout (an activity row's columns), so the planner paints that layout once over all
 * its rows, column band by column band, then paints every other run of rows (a result or pillar
 * row) over it, changing only what differs and putting back to Excel's default what the band set
 * and the row does not have (bold, alignment, fill, lock, validation). A property whose default
 * cannot be written back (a font colour's "automatic") makes the planner fall back to painting
 * each run of rows on its own; the adapter keeps whichever plan costs fewer bytes.
 */
import type { Rect } from '#core';

/** A property's value in a cell; absent means Excel's default (not bold, no fill, locked…). */
export type Value = string | number | boolean;
export type State = Readonly<Record<string, Value>>;

/** One rectangle and the properties to give it: a value, or null for back to the default. */
export interface Paint {
  rect: Rect;
  set: Record<string, Value | null>;
  /** True when the cells had other values painted before (the band under an exception row). */
  over: boolean;
}

/** Each row's states by column (0-based), for the rows (1-based) that have any. */
export type CellStates = Map<number, (State | undefined)[]>;

/**
 * Gives `states` to cells, later calls winning property by property, as successive style ranges
 * do when Excel applies them in order.
 */
export function paintStates(grid: CellStates, rect: Rect, state: State): void {
  for (let row = rect.top; row <= rect.bottom; row++) {
    let cells = grid.get(row);
    if (!cells) {
      cells = [];
      grid.set(row, cells);
    }
    for (let col = rect.left; col <= rect.right; col++) {
      const before = cells[col];
      cells[col] = before ? { ...before, ...state } : state;
    }
  }
}

interface Run {
  top: number;
  bottom: number;
  cells: readonly (State | undefined)[];
  key: string;
}

/** Consecutive rows with the same states, as runs; a row without states is a run of its own kind. */
function rowRuns(grid: CellStates, top: number, bottom: number): Run[] {
  const ids = new Map<State, number>();
  const idOf = (s: State | undefined) => {
    if (!s) return '';
    let id = ids.get(s);
    if (id === undefined) {
      id = ids.size;
      ids.set(s, id);
    }
    return String(id);
  };
  // States equal in content but built apart get one key, so that rows compare by what they hold.
  const canonical = new Map<string, State>();
  const runs: Run[] = [];
  for (let row = top; row <= bottom; row++) {
    const cells = (grid.get(row) ?? []).map((s) => {
      if (!s) return undefined;
      const k = JSON.stringify(Object.entries(s).sort(([a], [b]) => (a < b ? -1 : 1)));
      const same = canonical.get(k);
      if (same) return same;
      canonical.set(k, s);
      return s;
    });
    const key = cells.map(idOf).join(',').replace(/,+$/, '');
    const last = runs[runs.length - 1];
    if (last && last.key === key && last.bottom === row - 1) last.bottom = row;
    else runs.push({ top: row, bottom: row, cells, key });
  }
  return runs;
}

/**
 * The paints that take `rows` from `current` to `target`, column by column and property by
 * property: a rectangle per stretch of columns that end with the same value, stretched over the
 * columns that already have it so that properties share rectangles. Null when a property must go
 * back to a default that `resettable` says cannot be written.
 */
function diff(
  top: number,
  bottom: number,
  target: readonly (State | undefined)[],
  current: readonly (State | undefined)[],
  resettable: (prop: string) => boolean,
  over: boolean,
): Paint[] | null {
  const width = Math.max(target.length, current.length);
  const props = new Set<string>();
  for (const s of [...target, ...current]) if (s) for (const p of Object.keys(s)) props.add(p);
  const paints = new Map<string, Paint>();
  for (const prop of props) {
    const want = (c: number) => target[c]?.[prop];
    const have = (c: number) => current[c]?.[prop];
    const values = new Set<Value | undefined>();
    for (let c = 0; c < width; c++) if (want(c) !== have(c)) values.add(want(c));
    for (const value of values) {
      if (value === undefined && !resettable(prop)) return null;
      let c = 0;
      while (c < width) {
        if (want(c) !== value) {
          c++;
          continue;
        }
        const left = c;
        let needed = false;
        while (c < width && want(c) === value) {
          if (have(c) !== value) needed = true;
          c++;
        }
        if (!needed) continue;
        const rect = { top, bottom, left, right: c - 1 };
        const key = `${left}:${c - 1}`;
        let paint = paints.get(key);
        if (!paint) {
          paint = { rect, set: {}, over };
          paints.set(key, paint);
        }
        paint.set[prop] = value ?? null;
      }
    }
  }
  return [...paints.values()];
}

/**
 * Paints that give every cell of `grid` its state on a sheet where none has any yet, in order:
 * with a band (the layout most rows share, painted over all its rows, then the other runs of rows
 * painted over it), or run by run; `cost` picks the cheaper.
 */
export function planPaints(
  grid: CellStates,
  resettable: (prop: string) => boolean,
  cost: (paints: readonly Paint[]) => number,
): Paint[] {
  const rows = [...grid.keys()];
  if (rows.length === 0) return [];
  const runs = rowRuns(grid, Math.min(...rows), Math.max(...rows));
  const none: (State | undefined)[] = [];
  const direct: Paint[] = [];
  for (const run of runs) {
    if (run.key === '') continue;
    direct.push(...(diff(run.top, run.bottom, run.cells, none, resettable, false) ?? []));
  }
  const banded = withBand(runs, resettable);
  return banded && cost(banded) < cost(direct) ? banded : direct;
}

function withBand(runs: readonly Run[], resettable: (prop: string) => boolean): Paint[] | null {
  const rowsOf = new Map<string, number>();
  for (const run of runs)
    if (run.key !== '') rowsOf.set(run.key, (rowsOf.get(run.key) ?? 0) + run.bottom - run.top + 1);
  let band: string | null = null;
  for (const [key, count] of rowsOf) if (band === null || count > (rowsOf.get(band) ?? 0)) band = key;
  const mine = runs.filter((r) => r.key === band);
  const first = mine[0];
  const last = mine[mine.length - 1];
  if (!first || !last || mine.length < 2) return null;
  const paints = diff(first.top, last.bottom, first.cells, [], resettable, false);
  if (!paints) return null;
  for (const run of runs) {
    if (run.key === band) continue;
    const inside = run.top >= first.top && run.bottom <= last.bottom;
    if (!inside && run.key === '') continue;
    const more = diff(run.top, run.bottom, run.cells, inside ? first.cells : [], resettable, inside);
    if (!more) return null;
    paints.push(...more);
  }
  return paints;
}
