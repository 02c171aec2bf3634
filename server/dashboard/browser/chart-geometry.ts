/**
 * The arithmetic of the dashboard's charts, apart from any drawing: a "nice" value axis, grouped
 * bars (returns beside the envelope, per pillar or per year) and a 100 % split bar (national vs
 * external). Pure and DOM-free so that the geometry is unit-tested (tests/dashboard/charts.test.ts)
 * and ./charts.ts only turns rectangles into SVG elements.
 */

export interface Box {
  width: number;
  height: number;
  /** Room kept around the plot for tick labels (left) and group labels (bottom). */
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface Scale {
  /** Top of the axis: a multiple of `step` at or above the largest value. */
  max: number;
  step: number;
  ticks: number[];
}

/** Rounds away binary noise (0.30000000000000004) from tick values built by multiplication. */
const tidy = (n: number) => Number(n.toPrecision(12));

/**
 * An axis from 0 to a round number at or above `maxValue`, with about `tickCount` steps of 1, 2,
 * 2.5 or 5 times a power of ten — the steps people read at a glance. Nothing to show (0, negative,
 * not finite) gives the axis 0–1 so that empty bars still sit on a drawn axis.
 */
export function niceScale(maxValue: number, tickCount = 4): Scale {
  if (!Number.isFinite(maxValue) || maxValue <= 0) return { max: 1, step: 1, ticks: [0, 1] };
  const raw = maxValue / Math.max(1, tickCount);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const factor = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10;
  const step = tidy(factor * magnitude);
  const count = Math.ceil(tidy(maxValue / step));
  const ticks: number[] = [];
  for (let i = 0; i <= count; i++) ticks.push(tidy(i * step));
  return { max: tidy(count * step), step, ticks };
}

export interface BarGroupInput {
  label: string;
  /** One value per series; null (no envelope cell) draws no bar. */
  values: (number | null)[];
}

export interface Bar {
  group: number;
  series: number;
  value: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GroupSlot {
  label: string;
  x: number;
  width: number;
  center: number;
}

export interface BarLayout {
  box: Box;
  plot: { x: number; y: number; width: number; height: number };
  scale: Scale;
  groups: GroupSlot[];
  bars: Bar[];
  ticks: { value: number; y: number }[];
}

/**
 * Lays out `groups` of side-by-side bars in `box`. Each group gets an equal slot; `gap` of the slot
 * (a fraction) is left empty between groups and `inner` pixels between bars of a group. Amounts
 * below zero are drawn as zero: the checks refuse negative amounts, and an axis that goes below
 * zero for an impossible value would mislead more than it shows.
 */
export function groupedBars(
  groups: readonly BarGroupInput[],
  box: Box,
  options: { gap?: number; inner?: number; tickCount?: number } = {},
): BarLayout {
  const gap = options.gap ?? 0.3;
  const inner = options.inner ?? 2;
  const plot = {
    x: box.left,
    y: box.top,
    width: Math.max(0, box.width - box.left - box.right),
    height: Math.max(0, box.height - box.top - box.bottom),
  };
  let largest = 0;
  for (const g of groups) for (const v of g.values) if (v !== null && v > largest) largest = v;
  const scale = niceScale(largest, options.tickCount);
  const series = Math.max(1, ...groups.map((g) => g.values.length));
  const slot = groups.length > 0 ? plot.width / groups.length : 0;
  const barWidth = Math.max(0, (slot * (1 - gap) - inner * (series - 1)) / series);
  const heightOf = (v: number) => (Math.max(0, v) / scale.max) * plot.height;
  const bottom = plot.y + plot.height;

  const slots: GroupSlot[] = [];
  const bars: Bar[] = [];
  groups.forEach((g, gi) => {
    const x = plot.x + gi * slot;
    slots.push({ label: g.label, x, width: slot, center: x + slot / 2 });
    const first = x + (slot * gap) / 2;
    g.values.forEach((v, si) => {
      if (v === null) return;
      const height = heightOf(v);
      bars.push({
        group: gi,
        series: si,
        value: v,
        x: first + si * (barWidth + inner),
        y: bottom - height,
        width: barWidth,
        height,
      });
    });
  });
  const ticks = scale.ticks.map((value) => ({ value, y: bottom - heightOf(value) }));
  return { box, plot, scale, groups: slots, bars, ticks };
}

export interface Segment {
  x: number;
  width: number;
  /** Of the positive total, 0–1; 0 for every part when there is nothing to split. */
  fraction: number;
}

/** Cuts `width` into consecutive segments in proportion to `parts` (negative parts count as 0). */
export function splitSegments(parts: readonly number[], width: number): Segment[] {
  const positive = parts.map((p) => (Number.isFinite(p) && p > 0 ? p : 0));
  const total = positive.reduce((a, b) => a + b, 0);
  let x = 0;
  return positive.map((p) => {
    const fraction = total > 0 ? p / total : 0;
    const segment = { x, width: fraction * width, fraction };
    x += segment.width;
    return segment;
  });
}

// --- Text room and the narrow-screen layout ---------------------------------------------------

/**
 * The width kept per character of the charts' 12 px text: a little more than the average glyph of
 * the system fonts, so that labels laid out with it do not run into each other.
 */
export const CHAR_WIDTH = 7;

/**
 * Cuts `text` into lines of at most `maxChars` characters at spaces; a single word longer than a
 * line is kept whole (cut words read worse than a slightly long line). At most `maxLines` lines:
 * what does not fit ends the last one with "…", and the full label stays in the chart's
 * description and in the table below it.
 */
export function wrapWords(text: string, maxChars: number, maxLines = 2): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= maxChars) current = `${current} ${word}`;
    else {
      lines.push(current);
      current = word;
    }
  }
  if (current !== '') lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  kept[maxLines - 1] = `${kept[maxLines - 1]}…`;
  return kept;
}

export interface LegendItem {
  name: string;
  x: number;
  y: number;
}

/** Legend entries (a 14 px swatch, then the name) left to right, onto a new row when the width is used up. */
export function legendLayout(
  names: readonly string[],
  width: number,
  rowHeight = 20,
): { items: LegendItem[]; height: number } {
  const items: LegendItem[] = [];
  let x = 0;
  let y = 0;
  for (const name of names) {
    const room = 20 + name.length * CHAR_WIDTH + 14;
    if (x > 0 && x + room > width) {
      x = 0;
      y += rowHeight;
    }
    items.push({ name, x, y });
    x += room;
  }
  return { items, height: names.length === 0 ? 0 : y + rowHeight };
}

export interface HorizontalLayout {
  /** Each group's label lines and the baseline of its first line. */
  groups: { lines: string[]; y: number }[];
  /** Bars from x = 0; `labelX` is where each bar's value is written. */
  bars: (Bar & { labelX: number })[];
  height: number;
}

/**
 * The narrow-screen form of grouped bars: each group's label on its own line(s) across the whole
 * width, its bars below it lying from the left edge, each with its value written after it. Nothing
 * has to share a small slot, so the text stays at full size on a phone.
 */
export function horizontalBars(
  groups: readonly BarGroupInput[],
  width: number,
  options: { top: number; valueChars: number; barHeight?: number },
): HorizontalLayout {
  const barHeight = options.barHeight ?? 14;
  const valueRoom = options.valueChars * CHAR_WIDTH + 8;
  const length = Math.max(0, width - valueRoom);
  let largest = 0;
  for (const g of groups) for (const v of g.values) if (v !== null && v > largest) largest = v;
  const scale = largest > 0 ? length / largest : 0;
  const maxChars = Math.max(4, Math.floor(width / CHAR_WIDTH));
  let y = options.top;
  const out: HorizontalLayout = { groups: [], bars: [], height: 0 };
  groups.forEach((g, gi) => {
    const lines = wrapWords(g.label, maxChars);
    out.groups.push({ lines, y: y + 12 });
    y += lines.length * 15 + 4;
    g.values.forEach((v, si) => {
      const barWidth = v === null ? 0 : Math.max(0, v) * scale;
      if (v !== null)
        out.bars.push({
          group: gi,
          series: si,
          value: v,
          x: 0,
          y,
          width: barWidth,
          height: barHeight,
          labelX: barWidth + 6,
        });
      y += barHeight + 4;
    });
    y += 10;
  });
  out.height = y;
  return out;
}
