/**
 * The dashboard's two chart kinds drawn as SVG from ./chart-geometry.ts: grouped bars (returns
 * beside the envelope) and 100 % split bars (national vs external). Each chart is an image with a
 * title and a description that says its numbers in words (role="img" + aria-labelledby), its legend
 * drawn inside it so that it prints and scales with it, and the exact numbers in the table placed
 * right after it. Series differ in lightness as well as hue, so they read in grey print too.
 */
import { type BarGroupInput, groupedBars, splitSegments } from './chart-geometry.ts';
import { h, s } from './dom.ts';

const WIDTH = 560;

interface Framed {
  id: string;
  title: string;
  desc: string;
}

/** The <svg> shell every chart shares: its name and description for assistive technology. */
function frame(spec: Framed, height: number, ...content: SVGElement[]): HTMLElement {
  const svg = s(
    'svg',
    {
      class: 'chart',
      viewBox: `0 0 ${WIDTH} ${height}`,
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

function legend(names: readonly string[], className: (i: number) => string): SVGElement {
  let x = 0;
  return s(
    'g',
    { class: 'legend', transform: 'translate(8 6)' },
    names.map((name, i) => {
      const item = s(
        'g',
        { transform: `translate(${x} 0)` },
        s('rect', { class: className(i), x: 0, y: 0, width: 14, height: 14 }),
        s('text', { x: 20, y: 11 }, name),
      );
      // Room for the swatch and the text at about 7 px per character of 12 px text.
      x += 34 + name.length * 7;
      return item;
    }),
  );
}

export interface BarChartSpec extends Framed {
  groups: readonly BarGroupInput[];
  seriesNames: readonly string[];
  /** Writes an axis value or a bar's value ("12 500"). */
  format: (value: number) => string;
}

/** Bars side by side per group: series 0 solid (the returns), series 1 light with an outline (the envelope). */
export function barChart(spec: BarChartSpec): HTMLElement {
  const height = 280;
  const layout = groupedBars(spec.groups, { width: WIDTH, height, top: 34, right: 12, bottom: 30, left: 64 });
  const seriesClass = (i: number) => `series series-${i}`;
  const baseline = layout.plot.y + layout.plot.height;
  return frame(
    spec,
    height,
    legend(spec.seriesNames, seriesClass),
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
          s(
            'title',
            null,
            `${layout.groups[b.group]?.label ?? ''} – ${spec.seriesNames[b.series] ?? ''} : ${spec.format(b.value)}`,
          ),
        ),
      ),
    ),
    s(
      'g',
      { class: 'groups' },
      layout.groups.map((g) =>
        s('text', { class: 'group-label', x: g.center, y: baseline + 18, 'text-anchor': 'middle' }, g.label),
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
  const rowHeight = 34;
  const top = 34;
  const labelWidth = 110;
  const barWidth = WIDTH - labelWidth - 12;
  const height = top + spec.rows.length * (rowHeight + 12);
  const partClass = (i: number) => `part part-${i}`;
  return frame(
    spec,
    height,
    legend(spec.partNames, partClass),
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
          seg.width >= 56
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
