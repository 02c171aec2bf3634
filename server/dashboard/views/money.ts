/**
 * Where the money goes, from GET /api/consolidated: totals by pillar, by year and by funding source
 * from the latest returns, beside the adopted envelope with the gaps (amount and %). Each is a chart
 * followed by the table of its exact numbers; PM activities (listed, not costed) are counted apart,
 * never folded into the amounts as zeros.
 */
import type { ConsolidationJson } from '#core';
import { barChart, splitChart } from '../charts.ts';
import { type Child, h, scroller } from '../dom.ts';
import { formatAmount, formatPercent, formatSigned } from '../format.ts';
import type { ViewContext } from '../state.ts';
import { loaded, td, th } from './common.ts';

type C = ConsolidationJson;
type Gap = { amount: number; percent: string | null } | null | undefined;

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

function table(caption: string, head: Child[], body: Child[], foot: Child[]): HTMLTableElement {
  return h(
    'table',
    { class: 'money' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, head)),
    h('tbody', null, body),
    h('tfoot', null, h('tr', null, foot)),
  );
}

function rowHead(text: Child): HTMLTableCellElement {
  return h('th', { scope: 'row' }, text);
}

function pillars(ctx: ViewContext, c: C): HTMLElement {
  const { w, lang } = ctx;
  const col = w.moneyCol;
  const counts = (n: { costed: number; pm: number; notFilled: number; noLine: number }) => [
    td(n.costed, true),
    td(n.pm, true),
    td(n.notFilled + n.noLine, true),
  ];
  const chart = barChart({
    id: 'chart-pillars',
    title: `${w.chartPillarTitle} (${w.unit})`,
    desc: `${c.byPillar
      .map((p) =>
        w.chartDescPair(
          w.pillarName(p.pillar, p.pillarName),
          formatAmount(p.amounts.total, lang),
          formatAmount(p.envelope?.total ?? null, lang),
        ),
      )
      .join(' ; ')}. ${w.chartSeeTable}`,
    groups: c.byPillar.map((p) => ({
      label: p.pillarName,
      values: [p.amounts.total, p.envelope?.total ?? null],
    })),
    seriesNames: [w.chartLegendReturns, w.chartLegendEnvelope],
    format: (v) => formatAmount(v, lang),
  });
  return h(
    'div',
    { class: 'money-block' },
    chart,
    scroller(
      w.byPillarCaption,
      table(
        w.byPillarCaption,
        [th(col.pillar), ...comparedHeads(ctx), th(col.costed, true), th(col.pm, true), th(col.noLine, true)],
        c.byPillar.map((p) =>
          h(
            'tr',
            null,
            rowHead(w.pillarName(p.pillar, p.pillarName)),
            compared(ctx, p.amounts.total, p.envelope?.total, p.gap?.total),
            counts(p.counts),
          ),
        ),
        [
          rowHead(w.totalRow),
          compared(ctx, c.total.amounts.total, c.total.envelope?.total, c.total.gap?.total),
          counts(c.total.counts),
        ],
      ),
    ),
  );
}

function years(ctx: ViewContext, c: C): HTMLElement {
  const { w, lang } = ctx;
  const chart = barChart({
    id: 'chart-years',
    title: `${w.chartYearTitle} (${w.unit})`,
    desc: `${c.byYear
      .map((y) =>
        w.chartDescPair(String(y.year), formatAmount(y.amount, lang), formatAmount(y.envelope, lang)),
      )
      .join(' ; ')}. ${w.chartSeeTable}`,
    groups: c.byYear.map((y) => ({ label: String(y.year), values: [y.amount, y.envelope] })),
    seriesNames: [w.chartLegendReturns, w.chartLegendEnvelope],
    format: (v) => formatAmount(v, lang),
  });
  return h(
    'div',
    { class: 'money-block' },
    chart,
    scroller(
      w.byYearCaption,
      table(
        w.byYearCaption,
        [th(w.moneyCol.year), ...comparedHeads(ctx)],
        c.byYear.map((y) =>
          h('tr', null, rowHead(String(y.year)), compared(ctx, y.amount, y.envelope, y.gap)),
        ),
        [
          rowHead(w.totalRow),
          compared(ctx, c.total.amounts.total, c.total.envelope?.total, c.total.gap?.total),
        ],
      ),
    ),
  );
}

function funding(ctx: ViewContext, c: C): HTMLElement {
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
    title: w.chartFundingTitle,
    desc: `${w.chartDescFunding(w.chartLegendReturns, share(national.share), share(external.share))} ; ${w.chartDescFunding(
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
  return h(
    'div',
    { class: 'money-block' },
    chart,
    scroller(
      w.fundingCaption,
      table(
        w.fundingCaption,
        [th(w.moneyCol.source), ...comparedHeads(ctx), th(w.moneyCol.share, true)],
        [line(w.national, national), line(w.external, external)],
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
  return loaded(
    ctx,
    { id: 'money', heading: w.moneyHeading, load: state.consolidated, retry: act.refresh },
    (c) => [
      h('p', { class: 'intro' }, w.moneyIntro),
      h('p', { class: 'pm-note', id: 'pm-note' }, w.pmNote(c.total.counts.pm, c.total.counts.activities)),
      h('div', { class: 'money-grid' }, pillars(ctx, c), years(ctx, c), funding(ctx, c)),
    ],
  );
}
