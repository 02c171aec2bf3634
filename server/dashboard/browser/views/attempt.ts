/**
 * One refused send of a ministry (GET /api/returns/:ministry/attempts/:id): when and by whom, from
 * the pane or as a file, why the service refused it in its own words, the counts, and its findings
 * listed as the return view lists them (sheet!cell and the core's wording); then the ministry's
 * other recent refused sends, each one click away. An execution send's refusal names its period,
 * lists the other refusals of that period, and leads back to the execution page.
 */
import type { Attempt } from '../api.ts';
import { type Child, h, scroller } from '../dom.ts';
import { formatDateTime } from '../format.ts';
import { type AttemptDetail, dataOf, type ViewContext } from '../state.ts';
import { backToBoard, loaded, td, th } from './common.ts';
import { findingList } from './return.ts';

/** The fields a malformed body got wrong, when the service listed them. */
function issuesOf(details: unknown): { path: string; message: string }[] {
  const issues = (details as { issues?: unknown } | null)?.issues;
  return Array.isArray(issues) ? (issues as { path: string; message: string }[]) : [];
}

function recentTable(ctx: ViewContext, d: AttemptDetail): HTMLElement {
  const { w, lang, act } = ctx;
  const c = w.attemptsCol;
  const row = (a: Attempt) =>
    h(
      'tr',
      { class: a.id === d.shown.id ? 'current' : null, 'aria-current': a.id === d.shown.id ? 'true' : null },
      td(formatDateTime(a.createdAt, lang)),
      td(a.tokenLabel),
      td(a.messages[lang]),
      td(a.errorCount, true),
      h(
        'td',
        { class: 'no-print' },
        a.id === d.shown.id
          ? w.shown
          : h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                'data-key': `attempt-${a.id}`,
                onclick: () => act.openAttempt(a.ministry, a.id),
              },
              w.view,
            ),
      ),
    );
  return h(
    'section',
    { 'aria-labelledby': 'attempts-h' },
    h('h3', { id: 'attempts-h' }, w.attemptsHeading),
    // Named by its caption: the section is already a region named by the heading, and two regions
    // of one name are one landmark too many for a screen reader's list.
    scroller(
      w.attemptsCaption,
      h(
        'table',
        { class: 'history' },
        h('caption', null, w.attemptsCaption),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th(c.date),
            th(c.by),
            th(c.reason),
            th(c.errors, true),
            h('th', { scope: 'col', class: 'no-print' }, c.action),
          ),
        ),
        h('tbody', null, d.recent.map(row)),
      ),
    ),
  );
}

export function attemptView(ctx: ViewContext): Child {
  const { w, lang, state, act } = ctx;
  const route = state.attemptRoute;
  if (!route) return null;
  const status = dataOf(state.status)?.ministries.find((m) => m.ministry === route.ministry);
  const period = dataOf(state.attempt)?.shown.period ?? null;
  return [
    backToBoard(ctx, period === null ? 'board' : 'execution'),
    loaded(
      ctx,
      {
        id: 'attempt',
        heading: w.attemptHeading(status?.name ?? route.ministry, route.ministry),
        load: state.attempt,
        retry: () => act.openAttempt(route.ministry, route.id),
      },
      (d) => {
        const a = d.shown;
        const issues = issuesOf(a.details);
        return [
          h('p', { class: 'meta' }, w.attemptLine(formatDateTime(a.createdAt, lang), a.tokenLabel)),
          a.period === null
            ? null
            : h('p', { class: 'meta', id: 'attempt-period' }, w.attemptPeriod(a.period)),
          h(
            'p',
            { class: 'meta' },
            w.attemptSources[a.source],
            a.fileName ? [', ', w.attemptFile(a.fileName)] : null,
            ' · ',
            w.attemptCounts(a.errorCount, a.warningCount),
          ),
          h('h3', { id: 'attempt-reason-h' }, w.attemptReason),
          h('p', { class: 'failure' }, a.messages[lang]),
          h('h3', { id: 'attempt-findings-h' }, w.attemptFindings),
          a.findings.length > 0 ? findingList(ctx, a.findings, w.attemptFindings) : null,
          a.findings.length > 0 && a.findings.length < a.findingCount
            ? h('p', { class: 'note' }, w.attemptTruncated(a.findings.length, a.findingCount))
            : null,
          issues.length > 0
            ? [
                h('h4', null, w.attemptIssues),
                h(
                  'ul',
                  { class: 'codes' },
                  issues.map((i) =>
                    h('li', null, h('span', { class: 'code' }, i.path || '—'), ` ${i.message}`),
                  ),
                ),
              ]
            : null,
          a.findings.length === 0 && issues.length === 0 ? h('p', null, w.attemptNoFindings) : null,
          recentTable(ctx, d),
        ];
      },
    ),
  ];
}
