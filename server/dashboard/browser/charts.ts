/**
 * The dashboard's two chart kinds drawn as SVG from ./chart-geometry.ts: grouped bars (returns
 * beside the envelope) and 100 % split bars (national vs external). Each chart is an image with a
 * title and a description that says its numbers in words (role="img" + aria-labelledby), its legend
 * drawn inside it so that it prints and scales with it, and the exact numbers in the table placed
 * right after it. Series differ in lightness as well as hue, so they read in grey print too.
 *
 * A chart is drawn for the width it is shown at (`width`, in CSS pixels, measured by ./main.ts), one
 * SVG unit to one pixel, so its 12 px text stays 12 px on a phone as on a laptop. Below
 * NARROW_CHART the bars lie down under their labels (horizontalBars): a simpler chart whose labels
 * never have to share a narrow slot.
 */
import {
  type BarGroupInput,
  CHAR_WIDTH,
  groupedBars,
  horizontalBars,
  legendLayout,
  splitSegments,
  wrapWords,
} from './chart-geometry.ts';
import { h, s } from './dom.ts';

/** Narrower than this (CSS pixels), grouped bars are drawn lying down. */
export const NARROW_CHART = 440;
/** The widest a chart is drawn: wider, bars only get fatter. */
const MAX_WIDTH = 720;

interface Framed {
  id: string;
  title: string;
  desc: string;
  /** The width the chart is shown at, in CSS pixels. */
  width: number;
}

const widthOf = (spec: Framed) => Math.round(Math.min(MAX_WIDTH, Math.max(200, spec.width)));

/** The <svg> shell every chart shares: its name and description for assistive technology. */
function frame(spec: Framed, width: number, height: number, ...content: SVGElement[]): HTMLElement {
  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${width} ${Math.ceil(height)}`,
      width,
      role: 'img',
      'aria-labelledby': `${spec.id}-title ${spec.id}-desc`,
      id: spec.id,
    },
    s('title', { id: `${spec.id}-title` }, spec.title),
    s('desc', { id: `${spec.id}-desc` }, spec.desc),
    ...content,
  );
  return h('figure', { class: 'chart-figure' }, svg);
}

/** The legend at the top left, wrapped onto rows as the width asks; returns its height too. */
function legend(
  names: readonly string[],
  width: number,
  className: (i: number) => string,
): { g: SVGElement; height: number } {
  const layout = legendLayout(names, width - 16);
  const g = s(
    'g',
    { class: 'legend', transform: 'translate(8 6)' },
    layout.items.map((item, i) =>
      s(
        'g',
        { transform: `translate(${item.x} ${item.y})` },
        s('rect', { class: className(i), x: 0, y: 0, width: 14, height: 14 }),
        s('text', { x: 20, y: 11 }, item.name),
      ),
    ),
  );
  return { g, height: layout.height };
}

/** Text on one or more lines (tspans), the first line's baseline at y. */
function lines(attrs: Record<string, string | number>, texts: readonly string[]): SVGElement {
  return s(
    'text',
    attrs,
    texts.map((t, i) => s('tspan', { x: attrs.x, dy: i === 0 ? 0 : 14 }, t)),
  );
}

export interface BarChartSpec extends Framed {
  groups: readonly BarGroupInput[];
  seriesNames: readonly string[];
  /** Writes an axis value or a bar's value ("12 500"). */
  format: (value: number) => string;
  /** "Label – series : value", in the page's language, for the bars' tooltips. */
  tooltip: (group: string, series: string, value: string) => string;
}

/** Bars side by side per group: series 0 solid (the returns), series 1 light with an outline (the envelope). */
export function barChart(spec: BarChartSpec): HTMLElement {
  const width = widthOf(spec);
  const seriesClass = (i: number) => `series series-${i}`;
  const key = legend(spec.seriesNames, width, seriesClass);
  const top = key.height + 18;
  const title = (group: number, series: number, value: number) =>
    s(
      'title',
      null,
      spec.tooltip(spec.groups[group]?.label ?? '', spec.seriesNames[series] ?? '', spec.format(value)),
    );
  if (width < NARROW_CHART) {
    let widest = 1;
    for (const g of spec.groups)
      for (const v of g.values) if (v !== null) widest = Math.max(widest, spec.format(v).length);
    const layout = horizontalBars(spec.groups, width - 16, { top, valueChars: widest });
    return frame(
      spec,
      width,
      layout.height,
      key.g,
      s(
        'g',
        { class: 'bars', transform: 'translate(8 0)' },
        layout.groups.map((g) => lines({ class: 'group-label', x: 0, y: g.y }, g.lines)),
        layout.bars.map((b) => [
          s(
            'rect',
            { class: seriesClass(b.series), x: b.x, y: b.y, width: b.width, height: b.height },
            title(b.group, b.series, b.value),
          ),
          s('text', { class: 'value', x: b.labelX, y: b.y + b.height - 2 }, spec.format(b.value)),
        ]),
      ),
    );
  }

  const groups = spec.groups.length;
  const slot = groups > 0 ? (width - 80) / groups : width;
  const labels = spec.groups.map((g) => wrapWords(g.label, Math.max(4, Math.floor(slot / CHAR_WIDTH))));
  const labelLines = Math.max(1, ...labels.map((l) => l.length));
  const plotHeight = 210;
  const bottom = 12 + labelLines * 14;
  let tickChars = 1;
  const layoutFor = (left: number) =>
    groupedBars(spec.groups, { width, height: top + plotHeight + bottom, top, right: 12, bottom, left });
  for (const t of layoutFor(64).ticks) tickChars = Math.max(tickChars, spec.format(t.value).length);
  const layout = layoutFor(tickChars * CHAR_WIDTH + 14);
  const baseline = layout.plot.y + layout.plot.height;
  return frame(
    spec,
    width,
    top + plotHeight + bottom,
    key.g,
    s(
      'g',
      { class: 'axis' },
      layout.ticks.map((t) => [
        s('line', {
          class: 'grid',
          x1: layout.plot.x,
          x2: layout.plot.x + layout.plot.width,
          y1: t.y,
          y2: t.y,
        }),
        s(
          'text',
          { class: 'tick', x: layout.plot.x - 6, y: t.y + 4, 'text-anchor': 'end' },
          spec.format(t.value),
        ),
      ]),
      s('line', {
        class: 'baseline',
        x1: layout.plot.x,
        x2: layout.plot.x + layout.plot.width,
        y1: baseline,
        y2: baseline,
      }),
    ),
    s(
      'g',
      { class: 'bars' },
      layout.bars.map((b) =>
        s(
          'rect',
          { class: seriesClass(b.series), x: b.x, y: b.y, width: b.width, height: b.height },
          // A tooltip for mouse users; the description and the table say the same to everyone.
          title(b.group, b.series, b.value),
        ),
      ),
    ),
    s(
      'g',
      { class: 'groups' },
      layout.groups.map((g, i) =>
        lines(
          { class: 'group-label', x: g.center, y: baseline + 18, 'text-anchor': 'middle' },
          labels[i] ?? [g.label],
        ),
      ),
    ),
  );
}

export interface SplitRow {
  label: string;
  parts: readonly number[];
  /** What each segment says when it is wide enough ("25,9 %"). */
  partLabels: readonly string[];
}

export interface SplitChartSpec extends Framed {
  rows: readonly SplitRow[];
  partNames: readonly string[];
}

/** One 100 % bar per row, cut into its parts; a part's share is written inside it when it fits. */
export function splitChart(spec: SplitChartSpec): HTMLElement {
  const width = widthOf(spec);
  const rowHeight = 34;
  const partClass = (i: number) => `part part-${i}`;
  const key = legend(spec.partNames, width, partClass);
  const top = key.height + 14;
  const labelWidth = Math.max(...spec.rows.map((r) => r.label.length), 4) * CHAR_WIDTH + 16;
  const barWidth = width - labelWidth - 12;
  const height = top + spec.rows.length * (rowHeight + 12);
  return frame(
    spec,
    width,
    height,
    key.g,
    ...spec.rows.map((row, r) => {
      const y = top + r * (rowHeight + 12);
      const segments = splitSegments(row.parts, barWidth);
      return s(
        'g',
        { class: 'split-row' },
        s(
          'text',
          { class: 'row-label', x: labelWidth - 8, y: y + rowHeight / 2 + 4, 'text-anchor': 'end' },
          row.label,
        ),
        s('rect', { class: 'split-track', x: labelWidth, y, width: barWidth, height: rowHeight }),
        segments.map((seg, i) => [
          s('rect', { class: partClass(i), x: labelWidth + seg.x, y, width: seg.width, height: rowHeight }),
          seg.width >= (row.partLabels[i] ?? '').length * CHAR_WIDTH + 8
            ? s(
                'text',
                {
                  class: `part-label part-label-${i}`,
                  x: labelWidth + seg.x + seg.width / 2,
                  y: y + rowHeight / 2 + 4,
                  'text-anchor': 'middle',
                },
                row.partLabels[i] ?? '',
              )
            : null,
        ]),
      );
    }),
  );
}
