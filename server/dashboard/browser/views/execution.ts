/**
 * The execution page (#/execution): the consolidator picks a period or opens a new one, sees each
 * ministry's follow-up with « Accepter » / « Renvoyer » (a comment required), the execution rates
 * per pillar, result, ministry and funding source as charts with the tables of their exact numbers,
 * the indicators against their baseline and target, the ministry × year heat table, and the
 * period's review workbook and annual plan. State and actions are ../execution-page.ts.
 */
import { barChart } from '../charts.ts';
import { type Child, h, scroller } from '../dom.ts';
import type { ExecutionConsolidationJson, ExecutionFiguresJson, PeriodMinistry } from '../execution-api.ts';
import { decisionsFor, heatBand, sourceRows } from '../execution-figures.ts';
import type { ExecutionPage } from '../execution-page.ts';
import type { ExecutionWording } from '../execution-wording.ts';
import { formatAmount, formatDateTime, formatPercent } from '../format.ts';
import { dataOf, type ViewContext } from '../state.ts';
import { loaded, planText, td, th } from './common.ts';

interface Ctx extends ViewContext {
  x: ExecutionWording;
  page: ExecutionPage;
}

const pct = (ctx: Ctx, rate: string | null) => formatPercent(rate, ctx.lang, false);
const amount = (ctx: Ctx, n: number) => formatAmount(n, ctx.lang);

function rowHead(text: Child, key?: string): HTMLTableCellElement {
  return h('th', { scope: 'row', ...(key ? { id: key, tabindex: -1 } : {}) }, text);
}

// --- Choosing and opening a period ------------------------------------------------------------------

function picker(ctx: Ctx): HTMLElement | null {
  const { x, page } = ctx;
  const periods = dataOf(page.state.periods) ?? [];
  if (periods.length === 0)
    return page.state.periods.kind === 'ok' ? h('p', { id: 'no-period' }, x.noPeriod) : null;
  const select = h(
    'select',
    {
      id: 'period-select',
      onchange: (e: Event) => page.actions.select((e.target as HTMLSelectElement).value),
    },
    periods.map((p) => h('option', { value: p.key, selected: p.key === page.state.selected }, p.key)),
  );
  const chosen = periods.find((p) => p.key === page.state.selected);
  return h(
    'div',
    { class: 'period-picker' },
    h('label', { for: 'period-select' }, x.periodLabel),
    ' ',
    select,
    ' ',
    h(
      'button',
      { type: 'button', class: 'secondary no-print', id: 'execution-refresh', onclick: page.actions.refresh },
      ctx.w.refresh,
    ),
    chosen
      ? h(
          'p',
          { class: 'meta', id: 'period-line' },
          x.periodLine(
            chosen.key,
            chosen.deadline
              ? (formatDateTime(chosen.deadline, ctx.lang).split(' ')[0] ?? chosen.deadline)
              : null,
            formatDateTime(chosen.openedAt, ctx.lang),
          ),
        )
      : null,
  );
}

function openForm(ctx: Ctx): HTMLElement {
  const { x, page, lang } = ctx;
  const o = page.state.open;
  return h(
    'form',
    {
      class: 'open-period no-print',
      'aria-labelledby': 'open-period-h',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        page.actions.openPeriod();
      },
    },
    h('h3', { id: 'open-period-h' }, x.openHeading),
    h('label', { for: 'period-key' }, x.keyLabel),
    h('input', {
      id: 'period-key',
      name: 'key',
      required: true,
      value: o.key,
      inputmode: 'numeric',
      autocomplete: 'off',
      'aria-describedby': o.error ? 'period-key-hint period-open-error' : 'period-key-hint',
      'aria-invalid': o.error ? 'true' : null,
      oninput: (e: Event) => page.actions.setOpen('key', (e.target as HTMLInputElement).value),
    }),
    h('p', { id: 'period-key-hint', class: 'hint' }, x.keyHint),
    h('label', { for: 'period-deadline' }, x.deadlineLabel),
    h('input', {
      id: 'period-deadline',
      name: 'deadline',
      type: 'date',
      value: o.deadline,
      oninput: (e: Event) => page.actions.setOpen('deadline', (e.target as HTMLInputElement).value),
    }),
    o.error ? h('p', { id: 'period-open-error', class: 'failure', role: 'alert' }, o.error[lang]) : null,
    h(
      'button',
      { type: 'submit', class: 'primary', id: 'period-open', 'aria-disabled': o.busy ? 'true' : null },
      o.busy ? x.opening : x.openButton,
    ),
  );
}

// --- Status per ministry -----------------------------------------------------------------------------

function decisionCell(ctx: Ctx, m: PeriodMinistry): HTMLTableCellElement {
  const { x, page } = ctx;
  const busy = page.state.review.busy === m.ministry;
  const buttons = decisionsFor(m.state, m.returnId).map((action) =>
    h(
      'button',
      {
        type: 'button',
        class: action === 'accept' ? 'secondary' : 'secondary danger',
        id: `exec-${action}-${m.ministry}`,
        'aria-label': action === 'accept' ? x.acceptLabel(m.ministry) : x.returnLabel(m.ministry),
        'aria-disabled': busy ? 'true' : null,
        onclick: () =>
          action === 'accept'
            ? page.actions.accept(m.ministry, m.returnId ?? '')
            : page.actions.askReturn(m.ministry),
      },
      action === 'accept' ? x.accept : x.returnIt,
    ),
  );
  return h('td', { class: 'no-print decisions' }, buttons.length > 0 ? buttons : ctx.w.none);
}

/** A send refused after the latest version (or before any): a way to its reasons and findings. */
function refusalLink(ctx: Ctx, m: PeriodMinistry): Child {
  const { w, act } = ctx;
  const refusal = m.lastRefusal;
  if (!refusal) return null;
  return [
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'link no-print',
        id: `exec-refusal-${m.ministry}`,
        'aria-label': w.viewRefusalLabel(m.ministry),
        onclick: () => act.openAttempt(m.ministry, refusal.id),
      },
      w.viewRefusal,
    ),
  ];
}

function returnForm(ctx: Ctx, m: PeriodMinistry): HTMLElement {
  const { x, page, lang } = ctx;
  const r = page.state.returning;
  const textarea = h('textarea', {
    id: 'return-comment',
    rows: 3,
    required: true,
    'aria-describedby': r?.missing ? 'return-comment-hint return-comment-missing' : 'return-comment-hint',
    'aria-invalid': r?.missing ? 'true' : null,
    oninput: (e: Event) => page.actions.setComment((e.target as HTMLTextAreaElement).value),
  });
  textarea.value = r?.comment ?? '';
  const error = page.state.review.error;
  return h(
    'form',
    {
      class: 'return-form no-print',
      id: 'return-form',
      novalidate: true,
      onsubmit: (e: Event) => {
        e.preventDefault();
        page.actions.confirmReturn(m.returnId ?? '');
      },
    },
    h('label', { for: 'return-comment' }, x.commentLabel(m.ministry)),
    textarea,
    h('p', { id: 'return-comment-hint', class: 'hint' }, x.commentHint),
    r?.missing
      ? h('p', { id: 'return-comment-missing', class: 'failure', role: 'alert' }, x.commentMissing)
      : null,
    error ? h('p', { class: 'failure', role: 'alert' }, error[lang]) : null,
    h('button', { type: 'submit', class: 'primary', id: 'return-confirm' }, x.confirmReturn),
    ' ',
    h('button', { type: 'button', class: 'secondary', onclick: page.actions.cancelReturn }, x.cancel),
  );
}

function statusSection(ctx: Ctx): HTMLElement | null {
  const { x, page, lang, w } = ctx;
  const key = page.state.selected;
  if (!key) return null;
  return loaded(
    ctx,
    {
      id: 'execution-status',
      heading: x.statusHeading(key),
      load: page.state.status,
      retry: page.actions.refresh,
      level: 'h3',
    },
    (s) => {
      const returning = page.state.returning;
      const target = returning ? s.ministries.find((m) => m.ministry === returning.ministry) : undefined;
      const reviewError = !target && page.state.review.error;
      return [
        scroller(
          x.statusCaption,
          h(
            'table',
            { class: 'board execution-board' },
            h('caption', null, x.statusCaption),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                th(x.col.ministry),
                th(x.col.state),
                th(x.col.version, true),
                th(x.col.submittedAt),
                th(x.col.errors, true),
                th(x.col.warnings, true),
                h('th', { scope: 'col', class: 'no-print' }, x.col.action),
              ),
            ),
            h(
              'tbody',
              null,
              s.ministries.map((m) =>
                h(
                  'tr',
                  { 'data-ministry': m.ministry },
                  rowHead(
                    [
                      h('span', { class: 'code' }, m.ministry),
                      h('span', { class: 'name' }, planText(m.name)),
                    ],
                    `exec-row-${m.ministry}`,
                  ),
                  h(
                    'td',
                    { class: 'state' },
                    h('span', { class: `badge state-${m.state}` }, x.states[m.state]),
                    refusalLink(ctx, m),
                  ),
                  td(m.version ?? w.none, true),
                  td(formatDateTime(m.submittedAt, lang)),
                  td(m.errorCount, true),
                  td(m.warningCount, true),
                  decisionCell(ctx, m),
                ),
              ),
            ),
          ),
        ),
        target ? returnForm(ctx, target) : null,
        reviewError ? h('p', { class: 'failure', role: 'alert' }, reviewError[lang]) : null,
      ];
    },
  );
}

// --- Rates -------------------------------------------------------------------------------------------

function figureHeads(ctx: Ctx, first: string): HTMLElement {
  const c = ctx.x.col;
  return h(
    'tr',
    null,
    th(first),
    th(c.planned, true),
    th(c.committed, true),
    th(c.disbursed, true),
    th(c.rateCommitted, true),
    th(c.rateDisbursed, true),
    th(c.rateOfCommitted, true),
    th(c.reported, true),
  );
}

function figureCells(ctx: Ctx, f: ExecutionFiguresJson): Child[] {
  return [
    td(amount(ctx, f.planned), true),
    td(amount(ctx, f.committed.total), true),
    td(amount(ctx, f.disbursed.total), true),
    td(pct(ctx, f.rates.committed), true),
    td(pct(ctx, f.rates.disbursed), true),
    td(pct(ctx, f.rates.disbursedOfCommitted), true),
    td(`${ctx.w.count(f.reported)} / ${ctx.w.count(f.activities)}`, true),
  ];
}

function figuresTable(
  ctx: Ctx,
  id: string,
  caption: string,
  first: string,
  rows: { label: Child; figures: ExecutionFiguresJson }[],
  total: ExecutionFiguresJson,
): HTMLElement {
  // Named apart from the section's heading, so that the two landmarks are told apart.
  const named = `${ctx.x.ratesHeading} (${caption.toLowerCase()})`;
  return scroller(
    named,
    h(
      'table',
      { class: 'money execution-rates', id: `table-${id}` },
      h('caption', null, named),
      h('thead', null, figureHeads(ctx, first)),
      h(
        'tbody',
        null,
        rows.map((r) => h('tr', null, rowHead(r.label), figureCells(ctx, r.figures))),
      ),
      h('tfoot', null, h('tr', null, rowHead(ctx.x.total), figureCells(ctx, total))),
    ),
  );
}

/** Disbursed beside planned per group, drawn for the page's width. */
function ratesChart(
  ctx: Ctx,
  id: string,
  scope: string,
  groups: { label: string; f: ExecutionFiguresJson }[],
) {
  const { x, w } = ctx;
  return barChart({
    id: `chart-exec-${id}`,
    width: ctx.state.chartWidth,
    title: x.chartTitle(scope, w.unit),
    desc: `${groups
      .map((g) => x.chartDesc(g.label, amount(ctx, g.f.disbursed.total), amount(ctx, g.f.planned)))
      .join(w.listSeparator)}. ${w.chartSeeTable}`,
    groups: groups.map((g) => ({ label: g.label, values: [g.f.disbursed.total, g.f.planned] })),
    seriesNames: [x.legendDisbursed, x.legendPlanned],
    format: (v) => amount(ctx, v),
    tooltip: (group, series, value) => `${group} – ${series}${w.colon}${value}`,
  });
}

function block(id: string, heading: string, ...content: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'money-block wide', id: `exec-${id}`, 'aria-labelledby': `exec-${id}-h` },
    h('h4', { id: `exec-${id}-h` }, heading),
    content,
  );
}

function ratesSections(ctx: Ctx, c: ExecutionConsolidationJson): Child[] {
  const { x, w } = ctx;
  const pillars = c.byPillar.map((p) => ({
    label: w.pillarName(p.pillar, p.name),
    f: p as ExecutionFiguresJson,
  }));
  const ministries = c.byMinistry.map((m) => ({ label: m.ministry, f: m as ExecutionFiguresJson }));
  const sources = sourceRows(c.total);
  const sourceName = { national: x.national, external: x.external, total: x.total };
  return [
    h(
      'p',
      { class: 'meta', id: 'exec-total' },
      x.totalLine(
        amount(ctx, c.total.planned),
        amount(ctx, c.total.committed.total),
        amount(ctx, c.total.disbursed.total),
        pct(ctx, c.total.rates.disbursed),
      ),
    ),
    block(
      'pillars',
      x.byPillar,
      ratesChart(ctx, 'pillars', x.byPillar.toLowerCase(), pillars),
      figuresTable(
        ctx,
        'pillars',
        x.byPillar,
        x.col.pillar,
        pillars.map((p) => ({ label: planText(p.label), figures: p.f })),
        c.total,
      ),
    ),
    block(
      'results',
      x.byResult,
      figuresTable(
        ctx,
        'results',
        x.byResult,
        x.col.result,
        c.byResult.map((r) => ({
          label: [h('span', { class: 'code' }, r.result), ' ', planText(r.title)],
          figures: r as ExecutionFiguresJson,
        })),
        c.total,
      ),
    ),
    block(
      'ministries',
      x.byMinistry,
      ratesChart(ctx, 'ministries', x.byMinistry.toLowerCase(), ministries),
      figuresTable(
        ctx,
        'ministries',
        x.byMinistry,
        x.col.ministry,
        c.byMinistry.map((m) => ({
          label: [h('span', { class: 'code' }, m.ministry), ' ', planText(m.name)],
          figures: m as ExecutionFiguresJson,
        })),
        c.total,
      ),
    ),
    block(
      'sources',
      x.bySource,
      scroller(
        `${x.ratesHeading} (${x.bySource.toLowerCase()})`,
        h(
          'table',
          { class: 'money', id: 'table-sources' },
          h('caption', null, `${x.ratesHeading} (${x.bySource.toLowerCase()})`),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              th(x.col.source),
              th(x.col.committed, true),
              th(x.col.disbursed, true),
              th(x.col.rateOfCommitted, true),
            ),
          ),
          h(
            'tbody',
            null,
            sources.map((r) =>
              h(
                'tr',
                { class: r.source === 'total' ? 'total' : null },
                rowHead(sourceName[r.source]),
                td(amount(ctx, r.committed), true),
                td(amount(ctx, r.disbursed), true),
                td(pct(ctx, r.rate), true),
              ),
            ),
          ),
        ),
      ),
    ),
  ];
}

function indicators(ctx: Ctx, c: ExecutionConsolidationJson): HTMLElement {
  const { x, lang } = ctx;
  const reported = c.indicators.filter((i) => i.value !== null);
  const n = (v: number | null) => (v === null ? '—' : formatAmount(v, lang));
  return block(
    'indicators',
    x.indicatorsHeading,
    reported.length === 0
      ? h('p', null, x.indicatorsNone)
      : scroller(
          x.indicatorsCaption,
          h(
            'table',
            { class: 'money', id: 'table-indicators' },
            h('caption', null, x.indicatorsCaption),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                th(x.col.indicator),
                th(x.col.baseline, true),
                th(x.col.target, true),
                th(x.col.value, true),
                th(x.col.progress, true),
              ),
            ),
            h(
              'tbody',
              null,
              reported.map((i) =>
                h(
                  'tr',
                  null,
                  rowHead([
                    h('span', { class: 'code' }, `${i.result} · ${i.indicator + 1}`),
                    ' ',
                    planText(i.text),
                    i.unit ? ` (${i.unit})` : '',
                  ]),
                  td(n(i.baseline), true),
                  td(n(i.target), true),
                  td(n(i.value), true),
                  td(pct(ctx, i.progress), true),
                ),
              ),
            ),
          ),
        ),
  );
}

function heat(ctx: Ctx): HTMLElement | null {
  const { x, page } = ctx;
  const data = dataOf(page.state.consolidation);
  if (!data) return null;
  const t = data.heat;
  return block(
    'heat',
    x.heatHeading,
    t.rows.length === 0
      ? h('p', null, x.heatNone)
      : [
          h('p', { class: 'hint' }, x.heatNote),
          scroller(
            x.heatCaption,
            h(
              'table',
              { class: 'heat', id: 'table-heat' },
              h('caption', null, x.heatCaption),
              h(
                'thead',
                null,
                h(
                  'tr',
                  null,
                  th(x.col.ministry),
                  t.years.map((y) => th(String(y), true)),
                ),
              ),
              h(
                'tbody',
                null,
                t.rows.map((r) =>
                  h(
                    'tr',
                    { 'data-ministry': r.ministry },
                    rowHead([h('span', { class: 'code' }, r.ministry), ' ', planText(r.name)]),
                    r.rates.map((rate) => h('td', { class: `num heat-${heatBand(rate)}` }, pct(ctx, rate))),
                  ),
                ),
              ),
            ),
          ),
        ],
  );
}

function downloads(ctx: Ctx): HTMLElement | null {
  const { x, page, lang } = ctx;
  const period = dataOf(page.state.periods)?.find((p) => p.key === page.state.selected);
  if (!period) return null;
  const d = page.state.download;
  const button = (kind: 'review' | 'annual', label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'secondary',
        id: `download-${kind}`,
        'aria-disabled': d.busy ? 'true' : null,
        onclick: () => page.actions.download(kind),
      },
      d.busy === kind ? x.downloading : label,
    );
  return block(
    'downloads',
    x.downloadsHeading,
    h(
      'div',
      { class: 'actions no-print' },
      button('review', x.reviewWorkbook(period.key)),
      button('annual', x.annualPlan(period.year)),
    ),
    d.error ? h('p', { class: 'failure', role: 'alert' }, d.error[lang]) : null,
  );
}

export function executionView(ctx: ViewContext, page: ExecutionPage): HTMLElement {
  const c: Ctx = { ...ctx, x: page.words(ctx.lang), page };
  const { x } = c;
  const consolidation = page.state.selected
    ? loaded(
        c,
        {
          id: 'execution-rates',
          heading: x.ratesHeading,
          load: page.state.consolidation,
          retry: page.actions.refresh,
          level: 'h3',
        },
        (d) => [...ratesSections(c, d.consolidation), indicators(c, d.consolidation)],
      )
    : null;
  return loaded(
    c,
    { id: 'execution', heading: x.heading, load: page.state.periods, retry: page.actions.refresh },
    () => [
      h('p', { class: 'intro' }, x.intro),
      picker(c),
      openForm(c),
      statusSection(c),
      consolidation,
      heat(c),
      downloads(c),
    ],
  );
}
