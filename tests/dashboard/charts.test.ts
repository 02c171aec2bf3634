// The charts' geometry, apart from any drawing: round axis steps people read at a glance, bars
// that stand on the axis at the height of their value, and a split bar that fills its width.
import { describe, expect, it } from 'vitest';
import {
  CHAR_WIDTH,
  groupedBars,
  horizontalBars,
  legendLayout,
  niceScale,
  splitSegments,
  wrapWords,
} from '../../server/dashboard/browser/chart-geometry.ts';

describe('niceScale', () => {
  it('steps by 1, 2, 2.5 or 5 times a power of ten, from 0 to at or above the largest value', () => {
    expect(niceScale(51750)).toEqual({ max: 60000, step: 20000, ticks: [0, 20000, 40000, 60000] });
    expect(niceScale(100)).toEqual({ max: 100, step: 25, ticks: [0, 25, 50, 75, 100] });
    expect(niceScale(135)).toEqual({ max: 150, step: 50, ticks: [0, 50, 100, 150] });
  });

  it('keeps small steps free of binary noise', () => {
    expect(niceScale(0.3)).toEqual({ max: 0.3, step: 0.1, ticks: [0, 0.1, 0.2, 0.3] });
  });

  it('draws an axis 0–1 when there is nothing to show', () => {
    for (const v of [0, -5, Number.NaN]) expect(niceScale(v)).toEqual({ max: 1, step: 1, ticks: [0, 1] });
  });
});

describe('groupedBars', () => {
  const box = { width: 220, height: 120, top: 10, right: 10, bottom: 10, left: 10 };

  it('gives each group an equal slot and each bar its share of the slot, standing on the axis', () => {
    const layout = groupedBars(
      [
        { label: '2021', values: [50, 100] },
        { label: '2022', values: [25, null] },
      ],
      box,
      { gap: 0.2, inner: 2 },
    );
    expect(layout.plot).toEqual({ x: 10, y: 10, width: 200, height: 100 });
    expect(layout.scale.max).toBe(100);
    expect(layout.groups.map((g) => [g.label, g.x, g.center])).toEqual([
      ['2021', 10, 60],
      ['2022', 110, 160],
    ]);
    // Slot 100: 20 of gap (10 each side), two bars of (80 - 2) / 2 = 39 with 2 between them.
    expect(layout.bars.map((b) => [b.group, b.series, b.x, b.width, b.y, b.height])).toEqual([
      [0, 0, 20, 39, 60, 50],
      [0, 1, 61, 39, 10, 100],
      [1, 0, 120, 39, 85, 25],
    ]);
    for (const b of layout.bars) expect(b.y + b.height).toBe(110);
    expect(layout.ticks.at(0)).toEqual({ value: 0, y: 110 });
    expect(layout.ticks.at(-1)).toEqual({ value: 100, y: 10 });
  });

  it('draws an impossible negative amount as no bar height rather than below the axis', () => {
    const [bar] = groupedBars([{ label: 'x', values: [-20] }], box).bars;
    expect(bar).toMatchObject({ value: -20, height: 0, y: 110 });
  });

  it('lays out nothing for no group', () => {
    expect(groupedBars([], box)).toMatchObject({ groups: [], bars: [] });
  });
});

describe('splitSegments', () => {
  it('cuts the width in proportion to the parts, end to end', () => {
    const [a, b] = splitSegments([35, 100], 270);
    expect(a).toEqual({ x: 0, width: 70, fraction: 35 / 135 });
    expect(b).toEqual({ x: 70, width: 200, fraction: 100 / 135 });
  });

  it('counts negative parts as nothing, and splits nothing into empty segments', () => {
    expect(splitSegments([-5, 10], 100).map((s) => s.width)).toEqual([0, 100]);
    expect(splitSegments([0, 0], 100)).toEqual([
      { x: 0, width: 0, fraction: 0 },
      { x: 0, width: 0, fraction: 0 },
    ]);
  });
});

describe('wrapWords', () => {
  it('cuts a label at spaces into lines that fit, keeping a long word whole', () => {
    expect(wrapWords('Cohésion sociale', 10)).toEqual(['Cohésion', 'sociale']);
    expect(wrapWords('Prévention', 6)).toEqual(['Prévention']);
    expect(wrapWords('2021', 8)).toEqual(['2021']);
  });

  it('ends the last line with an ellipsis when the label needs more lines than allowed', () => {
    expect(wrapWords('un deux trois quatre', 6, 2)).toEqual(['un', 'deux…']);
  });
});

describe('legendLayout', () => {
  it('puts entries side by side and starts a new row when the width is used up', () => {
    const wide = legendLayout(['Retours', 'Enveloppe'], 400);
    expect(wide.items.map((i) => [i.x, i.y])).toEqual([
      [0, 0],
      [20 + 7 * CHAR_WIDTH + 14, 0],
    ]);
    expect(wide.height).toBe(20);
    const narrow = legendLayout(['Budget national', 'Financement extérieur'], 250);
    expect(narrow.items.map((i) => [i.x, i.y])).toEqual([
      [0, 0],
      [0, 20],
    ]);
    expect(narrow.height).toBe(40);
  });
});

describe('horizontalBars', () => {
  it('lays each group under its label, bars from the left in proportion, the value written after each', () => {
    const layout = horizontalBars(
      [
        { label: 'Protection', values: [100, 50] },
        { label: 'Poursuite', values: [0, null] },
      ],
      200,
      { top: 10, valueChars: 3 },
    );
    const room = 200 - (3 * CHAR_WIDTH + 8);
    expect(layout.bars.map((b) => [b.group, b.series, b.width, b.labelX])).toEqual([
      [0, 0, room, room + 6],
      [0, 1, room / 2, room / 2 + 6],
      [1, 0, 0, 6],
    ]);
    expect(layout.groups.map((g) => g.lines)).toEqual([['Protection'], ['Poursuite']]);
    // Below the label, one bar after the other, the groups one after the other.
    const [first, second] = layout.bars;
    expect(first?.y).toBeGreaterThan(layout.groups[0]?.y ?? Infinity);
    expect(second?.y).toBe((first?.y ?? 0) + 18);
    expect(layout.groups[1]?.y).toBeGreaterThan((second?.y ?? 0) + 14);
    expect(layout.height).toBeGreaterThan(layout.bars.at(-1)?.y ?? Infinity);
  });
});
