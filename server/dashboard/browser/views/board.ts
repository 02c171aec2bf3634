/**
 * The overview and the completeness board, from GET /api/status: how many ministries are at each
 * state, the workbook download, the Google Sheet mirror (when one is configured), then one row per
 * ministry expected to send a return with its latest version, its last send when that was refused
 * (« Envoi refusé (3 erreurs) », when, and a button to its findings), counts, missing activities
 * (unfolded on demand) and the button that opens its return.
 */
import type { ConsolidationJson } from '#core';
import type { MinistryStatus, StatusJson } from '../api.ts';
import { type Child, h, scroller } from '../dom.ts';
import { formatDateTime } from '../format.ts';
import { mirrorErrorDetail, mirrorErrorKind } from '../mirror-error.ts';
import { dataOf, type ViewContext } from '../state.ts';
import { lateBadge, loaded, planText, stateBadge, td, th } from './common.ts';

/** Plan activity titles by code, when the consolidation has arrived (the board does not wait for it). */
export function titlesOf(c: ConsolidationJson | null): Map<string, string> {
  return new Map((c?.activities ?? []).map((a) => [a.activity.code, a.activity.title]));
}

function tiles(ctx: ViewContext, s: StatusJson): HTMLElement {
  const t = ctx.w.totals;
  const items: [string, number, string][] = [
    [t.ministries, s.totals.ministries, 'all'],
    [t.notStarted, s.totals.notStarted, 'not_started'],
    [t.refused, s.totals.refused, 'refused'],
    [t.submitted, s.totals.submitted, 'submitted'],
    [t.returned, s.totals.returned, 'returned'],
    [t.accepted, s.totals.accepted, 'accepted'],
    [t.late, s.totals.late, 'late'],
  ];
  return h(
    'ul',
    { class: 'tiles' },
    items.map(([label, n, kind]) =>
      h(
        'li',
        // Late is an alarm only when someone is late: at 0 it looks like any other count.
        { class: kind === 'late' && n === 0 ? 'tile' : `tile tile-${kind}`, 'data-tile': kind },
        h('span', { class: 'tile-n' }, n),
        ' ',
        label,
      ),
    ),
  );
}

function mirror(ctx: ViewContext, s: StatusJson): HTMLElement | null {
  const m = s.mirror;
  if (!m) return null;
  const { w, lang } = ctx;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : w.never);
  const rows: [string, Child][] = [[w.mirrorLastSuccess, when(m.lastSuccessAt)]];
  if (m.pendingSince) rows.push([w.mirrorPendingSince, when(m.pendingSince)]);
  if (m.state === 'retrying') {
    rows.push([w.mirrorAttempts, w.count(m.attempts)]);
    if (m.nextAttemptAt) rows.push([w.mirrorNextAttempt, when(m.nextAttemptAt)]);
  }
  if (m.lastError) {
    // Explained in the page's language; Google's own words (English) follow as a detail.
    const detail = mirrorErrorDetail(m.lastError);
    rows.push([
      w.mirrorLastError,
      [
        `${w.mirrorErrors[mirrorErrorKind(m.lastError)]} (${when(m.lastErrorAt)})`,
        detail
          ? h(
              'span',
              { class: 'technical' },
              `${w.mirrorTechnical}${w.colon}`,
              h('code', { lang: 'en' }, detail),
            )
          : null,
      ],
    ]);
  }
  return h(
    'section',
    { class: 'mirror', id: 'mirror', 'aria-labelledby': 'mirror-h' },
    h(
      'h3',
      { id: 'mirror-h' },
      `${w.mirrorHeading}${w.colon}`,
      h('span', { class: `badge mirror-${m.state}` }, w.mirrorStates[m.state]),
    ),
    h(
      'dl',
      { class: 'facts' },
      rows.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
    ),
  );
}

export function overviewView(ctx: ViewContext): HTMLElement {
  const { w, lang, state, act } = ctx;
  const d = state.download;
  return loaded(
    ctx,
    { id: 'overview', heading: w.overviewHeading, load: state.status, retry: act.refresh },
    (s) => [
      h(
        'p',
        { class: 'meta' },
        w.planLine(s.plan.id, s.plan.version),
        ' · ',
        s.deadline ? w.deadline(formatDateTime(s.deadline, lang)) : w.noDeadline,
        ' · ',
        w.dataAt(formatDateTime(s.generatedAt, lang)),
      ),
      tiles(ctx, s),
      h(
        'div',
        { class: 'actions no-print' },
        h(
          'button',
          {
            type: 'button',
            class: 'primary',
            'data-key': 'download',
            onclick: act.download,
            'aria-disabled': d.busy ? 'true' : null,
          },
          d.busy ? w.downloading : w.download,
        ),
        h(
          'button',
          { type: 'button', class: 'secondary', 'data-key': 'refresh', onclick: act.refresh },
          w.refresh,
        ),
      ),
      d.error ? h('p', { class: 'failure', role: 'alert' }, d.error[lang]) : null,
      d.done ? h('p', { class: 'done' }, w.downloaded(d.done)) : null,
      mirror(ctx, s),
    ],
  );
}

function missingCell(ctx: ViewContext, m: MinistryStatus, titles: Map<string, string>): HTMLElement {
  const { w, act, state } = ctx;
  if (m.missing.length === 0) return h('td', null, w.missingNone);
  const details = h(
    'details',
    { open: state.expanded.has(m.ministry), 'data-key': `missing-${m.ministry}` },
    h(
      'summary',
      { 'data-key': `missing-summary-${m.ministry}` },
      w.missingCount(m.missing.length, m.activities),
    ),
    h(
      'ul',
      { class: 'codes' },
      m.missing.map((code) =>
        h(
          'li',
          null,
          h('span', { class: 'code' }, code),
          titles.has(code) ? [' ', planText(titles.get(code) ?? '')] : '',
        ),
      ),
    ),
  );
  details.addEventListener('toggle', () => act.toggleMissing(m.ministry, details.open));
  return h('td', null, details);
}

/** The last send, when it was refused after the latest version (or there is none): what, when, and a way in. */
function refusal(ctx: ViewContext, m: MinistryStatus): HTMLElement | null {
  const { w, lang, act } = ctx;
  const last = m.lastAttempt;
  if (!last?.afterLatestVersion) return null;
  return h(
    'p',
    { class: 'refusal' },
    h('strong', null, w.refusedSend(last.errors)),
    ' ',
    w.refusedAt(formatDateTime(last.at, lang)),
    ' ',
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-key': `refusal-${m.ministry}`,
        'aria-label': w.viewRefusalLabel(m.ministry),
        onclick: () => act.openAttempt(m.ministry, last.id),
      },
      w.viewRefusal,
    ),
  );
}

function row(ctx: ViewContext, m: MinistryStatus, titles: Map<string, string>): HTMLTableRowElement {
  const { w, lang, act } = ctx;
  // A refusal newer than the latest version is what the errors are about now.
  const errors = m.lastAttempt?.afterLatestVersion ? m.lastAttempt.errors : m.errors;
  return h(
    'tr',
    { class: m.late ? 'is-late' : null, 'data-ministry': m.ministry },
    h('th', { scope: 'row' }, h('span', { class: 'code' }, m.ministry), h('span', { class: 'name' }, m.name)),
    h(
      'td',
      { class: 'state' },
      stateBadge(ctx, m.state),
      m.late ? [' ', lateBadge(ctx)] : null,
      refusal(ctx, m),
    ),
    td(m.version ?? w.none, true),
    td(formatDateTime(m.submittedAt, lang)),
    td(m.submittedBy ?? w.none),
    td(errors, true),
    td(m.warnings, true),
    missingCell(ctx, m, titles),
    h(
      'td',
      { class: 'no-print' },
      m.version === null
        ? w.none
        : h(
            'button',
            {
              type: 'button',
              class: 'secondary',
              'data-key': `open-${m.ministry}`,
              'aria-label': w.openLabel(m.ministry),
              onclick: () => act.open(m.ministry),
            },
            w.open,
          ),
    ),
  );
}

export function boardView(ctx: ViewContext): HTMLElement {
  const { w, state, act } = ctx;
  const titles = titlesOf(dataOf(state.consolidated));
  return loaded(ctx, { id: 'board', heading: w.boardHeading, load: state.status, retry: act.refresh }, (s) =>
    scroller(
      w.boardCaption,
      h(
        'table',
        { class: 'board' },
        h('caption', null, w.boardCaption),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th(w.col.ministry),
            th(w.col.state),
            th(w.col.version, true),
            th(w.col.submittedAt),
            th(w.col.submittedBy),
            th(w.col.errors, true),
            th(w.col.warnings, true),
            th(w.col.missing),
            h('th', { scope: 'col', class: 'no-print' }, w.col.action),
          ),
        ),
        h(
          'tbody',
          null,
          s.ministries.map((m) => row(ctx, m, titles)),
        ),
      ),
    ),
  );
}
