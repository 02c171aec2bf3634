/**
 * Where the money goes, from GET /api/consolidated: totals by pillar, by pillar and responsible
 * ministry (section II.2.1 of the plan, as the consolidated workbook's first sheet has it), by year
 * and by funding source, from the latest returns beside the adopted envelope with the gaps (amount
 * and %). Charts come with the table of their exact numbers; PM activities (listed, not costed)
 * are counted apart, never folded into the amounts as zeros.
 */
import type { ConsolidationJson } from '#core';
import { barChart, splitChart } from '../charts.ts';
import { type Child, h, scroller } from '../dom.ts';
import { formatAmount, formatPercent, formatSigned } from '../format.ts';
import type { ViewContext } from '../state.ts';
import { loaded, planText, td, th } from './common.ts';

type C = ConsolidationJson;
type Gap = { amount: number; percent: string | null } | null | undefined;
type Counts = { costed: number; pm: number; notFilled: number; noLine: number };

/** Amount, envelope, gap and gap % as four cells: the columns every money table shares. */
function compared(ctx: ViewContext, amount: number, envelope: number | null | undefined, gap: Gap): Child[] {
  const { lang } = ctx;
  return [
    td(formatAmount(amount, lang), true),
    td(formatAmount(envelope ?? null, lang), true),
    td(formatSigned(gap?.amount ?? null, lang), true),
    td(formatPercent(gap?.percent ?? null, lang), true),
  ];
}

function comparedHeads(ctx: ViewContext): Child[] {
  const c = ctx.w.moneyCol;
  return [th(c.amount, true), th(c.envelope, true), th(c.gap, true), th(c.gapPercent, true)];
}

/** Costed, PM, and without a costed line (not filled or no line at all). */
function countCells(ctx: ViewContext, n: Counts): Child[] {
  return [
    td(ctx.w.count(n.costed), true),
    td(ctx.w.count(n.pm), true),
    td(ctx.w.count(n.notFilled + n.noLine), true),
  ];
}

function table(
  caption: string,
  head: Child,
  body: Child[],
  foot: Child[],
  className = 'money',
): HTMLTableElement {
  return h(
    'table',
    { class: className },
    h('caption', null, caption),
    h('thead', null, head),
    body,
    h('tfoot', null, h('tr', null, foot)),
  );
}

function rowHead(text: Child): HTMLTableCellElement {
  return h('th', { scope: 'row' }, text);
}

/** A block of the money page: its heading, its chart (when it has one) and its table. */
function block(id: string, heading: string, chart: HTMLElement | null, content: HTMLElement): HTMLElement {
  return h(
    'section',
    { class: chart ? 'money-block' : 'money-block wide', id: `money-${id}`, 'aria-labelledby': `${id}-h` },
    h('h3', { id: `${id}-h` }, heading),
    chart,
    content,
  );
}

const pillarLabel = (ctx: ViewContext, code: string, name: string): Child =>
  planText(ctx.w.pillarName(code, name));

function pillars(ctx: ViewContext, c: C, width: number): HTMLElement {
  const { w, lang } = ctx;
  const col = w.moneyCol;
  const chart = barChart({
    id: 'chart-pillars',
    width,
    title: `${w.chartPillarTitle} (${w.unit})`,
    desc: `${c.byPillar
      .map((p) =>
        w.chartDescPair(
          w.pillarName(p.pillar, p.pillarName),
          formatAmount(p.amounts.total, lang),
          formatAmount(p.envelope?.total ?? null, lang),
        ),
      )
      .join(w.listSeparator)}. ${w.chartSeeTable}`,
    groups: c.byPillar.map((p) => ({
      label: p.pillarName,
      values: [p.amounts.total, p.envelope?.total ?? null],
    })),
    seriesNames: [w.chartLegendReturns, w.chartLegendEnvelope],
    format: (v) => formatAmount(v, lang),
    tooltip: (group, series, value) => `${group} – ${series}${w.colon}${value}`,
  });
  return block(
    'pillars',
    w.pillarHeading,
    chart,
    scroller(
      w.byPillarCaption,
      table(
        w.byPillarCaption,
        h(
          'tr',
          null,
          th(col.pillar),
          comparedHeads(ctx),
          th(col.costed, true),
          th(col.pm, true),
          th(col.noLine, true),
        ),
        [
          h(
            'tbody',
            null,
            c.byPillar.map((p) =>
              h(
                'tr',
                null,
                rowHead(pillarLabel(ctx, p.pillar, p.pillarName)),
                compared(ctx, p.amounts.total, p.envelope?.total, p.gap?.total),
                countCells(ctx, p.counts),
              ),
            ),
          ),
        ],
        [
          rowHead(w.totalRow),
          compared(ctx, c.total.amounts.total, c.total.envelope?.total, c.total.gap?.total),
          countCells(ctx, c.total.counts),
        ],
      ),
    ),
  );
}

/**
 * Section II.2.1 recomputed, as the workbook's first sheet lays it out: one row per pillar and lead
 * responsible ministry, the returns' total, national and external amounts beside the envelope's,
 * the gap, and the activities counted. One row group per pillar, named once for its rows.
 */
function pairs(ctx: ViewContext, c: C): HTMLElement {
  const { w, lang } = ctx;
  const g = w.pairsGroups;
  const k = w.pairsCol;
  const amounts = (a: { total: number | null; national: number | null; external: number | null } | null) => [
    td(formatAmount(a?.total ?? null, lang), true),
    td(formatAmount(a?.national ?? null, lang), true),
    td(formatAmount(a?.external ?? null, lang), true),
  ];
  const gap = (x: Gap) => [
    td(formatSigned(x?.amount ?? null, lang), true),
    td(formatPercent(x?.percent ?? null, lang), true),
  ];
  const byPillar = new Map<string, C['rows']>();
  for (const r of c.rows) {
    const list = byPillar.get(r.pillar);
    if (list) list.push(r);
    else byPillar.set(r.pillar, [r]);
  }
  const colgroup = (span: number) => h('colgroup', { span });
  const head = [
    h(
      'tr',
      null,
      h('th', { scope: 'col', rowspan: 2 }, w.moneyCol.pillar),
      h('th', { scope: 'col', rowspan: 2 }, k.ministry),
      h('th', { scope: 'colgroup', colspan: 3, class: 'group' }, g.returns),
      h('th', { scope: 'colgroup', colspan: 3, class: 'group' }, g.envelope),
      h('th', { scope: 'colgroup', colspan: 2, class: 'group' }, g.gap),
      h('th', { scope: 'colgroup', colspan: 3, class: 'group' }, g.activities),
    ),
    h(
      'tr',
      null,
      th(k.total, true),
      th(k.national, true),
      th(k.external, true),
      th(k.total, true),
      th(k.national, true),
      th(k.external, true),
      th(k.amount, true),
      th(k.percent, true),
      th(w.moneyCol.costed, true),
      th(w.moneyCol.pm, true),
      th(w.moneyCol.noLine, true),
    ),
  ];
  const bodies = [...byPillar.values()].map((rows) =>
    h(
      'tbody',
      null,
      rows.map((r, i) =>
        h(
          'tr',
          null,
          i === 0
            ? h(
                'th',
                { scope: 'rowgroup', rowspan: rows.length, class: 'pillar' },
                pillarLabel(ctx, r.pillar, r.pillarName),
              )
            : null,
          h('th', { scope: 'row', class: 'code' }, r.ministry),
          amounts(r.amounts),
          amounts(r.envelope),
          gap(r.gap?.total),
          countCells(ctx, r.counts),
        ),
      ),
    ),
  );
  const t = table(
    w.pairsCaption,
    head,
    bodies,
    [
      h('th', { scope: 'row', colspan: 2 }, w.totalRow),
      amounts(c.total.amounts),
      amounts(c.total.envelope),
      gap(c.total.gap?.total),
      countCells(ctx, c.total.counts),
    ],
    'money pairs',
  );
  // Column groups after the caption, as HTML wants them: they tie the grouped headings to their columns.
  t.querySelector('caption')?.after(
    colgroup(1),
    colgroup(1),
    colgroup(3),
    colgroup(3),
    colgroup(2),
    colgroup(3),
  );
  return block('pairs', w.pairsHeading, null, scroller(w.pairsCaption, t));
}

function years(ctx: ViewContext, c: C, width: number): HTMLElement {
  const { w, lang } = ctx;
  const chart = barChart({
    id: 'chart-years',
    width,
    title: `${w.chartYearTitle} (${w.unit})`,
    desc: `${c.byYear
      .map((y) =>
        w.chartDescPair(String(y.year), formatAmount(y.amount, lang), formatAmount(y.envelope, lang)),
      )
      .join(w.listSeparator)}. ${w.chartSeeTable}`,
    groups: c.byYear.map((y) => ({ label: String(y.year), values: [y.amount, y.envelope] })),
    seriesNames: [w.chartLegendReturns, w.chartLegendEnvelope],
    format: (v) => formatAmount(v, lang),
    tooltip: (group, series, value) => `${group} – ${series}${w.colon}${value}`,
  });
  return block(
    'years',
    w.yearHeading,
    chart,
    scroller(
      w.byYearCaption,
      table(
        w.byYearCaption,
        h('tr', null, th(w.moneyCol.year), comparedHeads(ctx)),
        [
          h(
            'tbody',
            null,
            c.byYear.map((y) =>
              h('tr', null, rowHead(String(y.year)), compared(ctx, y.amount, y.envelope, y.gap)),
            ),
          ),
        ],
        [
          rowHead(w.totalRow),
          compared(ctx, c.total.amounts.total, c.total.envelope?.total, c.total.gap?.total),
        ],
      ),
    ),
  );
}

function funding(ctx: ViewContext, c: C, width: number): HTMLElement {
  const { w, lang } = ctx;
  const { national, external } = c.funding;
  const envelopeShare = (part: number | null) => {
    const total = (national.envelope ?? 0) + (external.envelope ?? 0);
    // The envelope's split is shown like the returns' one (one decimal), computed here since the
    // service gives shares of the returns only.
    return part === null || total <= 0 ? null : ((part / total) * 100).toFixed(1);
  };
  const share = (p: string | null) => formatPercent(p, lang, false);
  const chart = splitChart({
    id: 'chart-funding',
    width,
    title: w.chartFundingTitle,
    desc: `${w.chartDescFunding(w.chartLegendReturns, share(national.share), share(external.share))}${w.listSeparator}${w.chartDescFunding(
      w.chartLegendEnvelope,
      share(envelopeShare(national.envelope)),
      share(envelopeShare(external.envelope)),
    )}. ${w.chartSeeTable}`,
    partNames: [w.national, w.external],
    rows: [
      {
        label: w.chartLegendReturns,
        parts: [national.amount, external.amount],
        partLabels: [share(national.share), share(external.share)],
      },
      {
        label: w.chartLegendEnvelope,
        parts: [national.envelope ?? 0, external.envelope ?? 0],
        partLabels: [share(envelopeShare(national.envelope)), share(envelopeShare(external.envelope))],
      },
    ],
  });
  const line = (name: string, part: C['funding']['national']) =>
    h(
      'tr',
      null,
      rowHead(name),
      compared(ctx, part.amount, part.envelope, part.gap),
      td(share(part.share), true),
    );
  return block(
    'funding',
    w.fundingHeading,
    chart,
    scroller(
      w.fundingCaption,
      table(
        w.fundingCaption,
        h('tr', null, th(w.moneyCol.source), comparedHeads(ctx), th(w.moneyCol.share, true)),
        [h('tbody', null, line(w.national, national), line(w.external, external))],
        [
          rowHead(w.totalRow),
          compared(ctx, c.total.amounts.total, c.total.envelope?.total, c.total.gap?.total),
          td(c.total.amounts.total > 0 ? share('100.0') : '—', true),
        ],
      ),
    ),
  );
}

export function moneyView(ctx: ViewContext): HTMLElement {
  const { w, state, act } = ctx;
  const width = state.chartWidth;
  return loaded(
    ctx,
    { id: 'money', heading: w.moneyHeading, load: state.consolidated, retry: act.refresh },
    (c) => [
      h('p', { class: 'intro' }, w.moneyIntro),
      // Nothing to say when no activity is PM: the note is about them.
      c.total.counts.pm > 0
        ? h('p', { class: 'pm-note', id: 'pm-note' }, w.pmNote(c.total.counts.pm, c.total.counts.activities))
        : null,
      h(
        'div',
        { class: 'money-grid' },
        pillars(ctx, c, width),
        pairs(ctx, c),
        years(ctx, c, width),
        funding(ctx, c, width),
      ),
    ],
  );
}
