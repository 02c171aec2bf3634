// The write planner on its own: the paints it plans give every cell its state, in few rectangles
// when most rows share a layout, and run by run when a band could not be undone.
import { describe, expect, it } from 'vitest';
import {
  type CellStates,
  type Paint,
  paintStates,
  planPaints,
  type State,
} from '../../addin/excel/write-plan.ts';

/** What the cells hold once the paints are applied in order, as "row:col" → sorted JSON. */
function applied(paints: readonly Paint[]): Map<string, string> {
  const cells = new Map<string, Record<string, unknown>>();
  for (const { rect, set } of paints)
    for (let row = rect.top; row <= rect.bottom; row++)
      for (let col = rect.left; col <= rect.right; col++) {
        const key = `${row}:${col}`;
        const cell = { ...cells.get(key) };
        for (const [prop, value] of Object.entries(set)) {
          if (value === null) delete cell[prop];
          else cell[prop] = value;
        }
        cells.set(key, cell);
      }
  return normalised(cells);
}

function normalised(cells: Map<string, Record<string, unknown> | State | undefined>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, cell] of cells) {
    const entries = Object.entries(cell ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
    if (entries.length > 0) out.set(key, JSON.stringify(entries));
  }
  return out;
}

const expected = (grid: CellStates) =>
  normalised(
    new Map([...grid].flatMap(([row, cols]) => cols.map((s, col) => [`${row}:${col}`, s] as const))),
  );

/** 100 rows of four columns in two bands; every tenth row bold and filled across. */
function banded(): CellStates {
  const grid: CellStates = new Map();
  for (let row = 1; row <= 100; row++) {
    if (row % 10 === 0)
      paintStates(grid, { top: row, bottom: row, left: 0, right: 3 }, { fill: 'C', bold: true });
    else {
      paintStates(grid, { top: row, bottom: row, left: 0, right: 1 }, { fill: 'A', wrap: true });
      paintStates(grid, { top: row, bottom: row, left: 2, right: 3 }, { fill: 'B' });
    }
  }
  return grid;
}

const byCount = (paints: readonly Paint[]) => paints.length;

describe('planning paints', () => {
  it('paints the layout most rows share once, then each other row over it', () => {
    const grid = banded();
    const paints = planPaints(grid, () => true, byCount);
    expect(applied(paints)).toEqual(expected(grid));
    // Two bands over rows 1–99 (their fills and the wrap of the first), then one rectangle per
    // tenth row that fills, bolds and takes the wrap back; row 100, below the bands, is painted as
    // it is. Run by run it would be 29 rectangles.
    expect(paints.length).toBe(2 + 10);
    const rows = paints.slice(2, 11);
    expect(rows.every((p) => p.over && p.rect.left === 0 && p.rect.right === 3)).toBe(true);
    expect(rows[0]?.set).toEqual({ fill: 'C', bold: true, wrap: null });
    expect(paints[11]).toMatchObject({ over: false, set: { fill: 'C', bold: true } });
  });

  it('paints run by run when a band sets what a row cannot take back', () => {
    const grid = banded();
    const paints = planPaints(grid, (prop) => prop !== 'wrap', byCount);
    expect(applied(paints)).toEqual(expected(grid));
    expect(paints.every((p) => !p.over && Object.values(p.set).every((v) => v !== null))).toBe(true);
  });

  it('keeps rows without any state inside a band bare', () => {
    const grid = banded();
    grid.delete(55);
    const paints = planPaints(grid, () => true, byCount);
    expect(applied(paints)).toEqual(expected(grid));
  });
});
