/**
 * One ministry's return: the version shown with its lines and the findings under them (sheet!cell
 * and the core's wording), then — once they have been read — the decision (accept, return with a
 * required comment, reopen) when it is the latest version, every version sent, the reviews of this
 * version, and the difference between any two versions (amounts that changed, lines added or
 * removed).
 */
import {
  type FieldChangeJson,
  type Finding,
  type LineJson,
  messageOf,
  placeOf,
  type ReturnLine,
  SHEET_NAMES,
} from '#core';
import { reviewAllowed } from '../../../store/store.ts';
import type { DiffJson } from '../api.ts';
import { type Child, h, scroller } from '../dom.ts';
import { formatAmount, formatDateTime, formatSigned } from '../format.ts';
import { findingsByLine } from '../return-lines.ts';
import { type Detail, dataOf, type ViewContext } from '../state.ts';
import { titlesOf } from './board.ts';
import { backToBoard, lateBadge, loaded, planText, stateBadge, td, th } from './common.ts';

/** Findings with their severity, place and wording: also the refused send's list (./attempt.ts). */
export function findingList(ctx: ViewContext, findings: readonly Finding[], label: string): HTMLElement {
  const { w, lang } = ctx;
  return h(
    'ul',
    { class: 'findings', 'aria-label': label },
    findings.map((f) =>
      h(
        'li',
        { class: `finding sev-${f.severity}` },
        h('span', { class: `badge sev-${f.severity}` }, w.severities[f.severity]),
        ' ',
        h('span', { class: 'where' }, placeOf(f.where, lang)),
        ' — ',
        messageOf(f, lang),
      ),
    ),
  );
}

function yearsOf(ctx: ViewContext, lines: readonly ReturnLine[]): number[] {
  const fromPlan = dataOf(ctx.state.consolidated)?.years;
  if (fromPlan && fromPlan.length > 0) return fromPlan;
  const seen = new Set<number>();
  for (const l of lines) for (const y of Object.keys(l.years)) seen.add(Number(y));
  return [...seen].sort((a, b) => a - b);
}

function natureOf(ctx: ViewContext, nature: 'costed' | 'pm' | null): string {
  return nature === null ? ctx.w.natures.blank : ctx.w.natures[nature];
}

function linesTable(ctx: ViewContext, d: Detail, titles: Map<string, string>): Child {
  const { w, lang } = ctx;
  const r = d.ret.return;
  const lines = r.payload.lines;
  if (lines.length === 0) return h('p', null, w.noLines);
  const years = yearsOf(ctx, lines);
  const { perLine, general } = findingsByLine(lines, r.findings, SHEET_NAMES.entry.fr);
  const width = 6 + years.length;
  const body: HTMLTableRowElement[] = [];
  lines.forEach((line, i) => {
    const found = perLine.get(i) ?? [];
    body.push(
      h(
        'tr',
        { class: found.length > 0 ? 'has-findings' : null, 'data-activity': line.activity },
        h('th', { scope: 'row', class: 'code' }, line.activity),
        td(titles.has(line.activity) ? planText(titles.get(line.activity) ?? '') : ''),
        td(natureOf(ctx, line.nature)),
        years.map((y) => td(formatAmount(line.years[String(y)] ?? null, lang), true)),
        td(formatAmount(line.total, lang), true),
        td(formatAmount(line.national, lang), true),
        td(formatAmount(line.external, lang), true),
      ),
    );
    if (found.length > 0)
      body.push(
        h(
          'tr',
          { class: 'findings-row' },
          h('td', { colspan: width }, findingList(ctx, found, w.findingsOn(line.activity))),
        ),
      );
  });
  const c = w.lineCol;
  return [
    scroller(
      w.linesHeading,
      h(
        'table',
        { class: 'lines' },
        h('caption', null, w.linesCaption(r.version)),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th(c.code),
            th(c.title),
            th(c.nature),
            years.map((y) => th(String(y), true)),
            th(c.total, true),
            th(c.national, true),
            th(c.external, true),
          ),
        ),
        h('tbody', null, body),
      ),
    ),
    general.length > 0
      ? [h('h4', null, w.generalFindings), findingList(ctx, general, w.generalFindings)]
      : null,
  ];
}

function decision(ctx: ViewContext, d: Detail): Child {
  const { w, lang, state, act } = ctx;
  const r = d.ret.return;
  const latest = d.versions[0]?.version ?? r.version;
  if (state.me?.role !== 'consolidator') return h('p', { class: 'note' }, w.readOnly);
  if (latest !== r.version) return h('p', { class: 'note' }, w.notLatest(latest));
  const actions = (['accept', 'return', 'reopen'] as const).filter((a) => reviewAllowed(r.state, a));
  if (actions.length === 0) return h('p', { class: 'note' }, w.noActionNow(w.states[r.state]));
  const rv = state.review;
  const label = { accept: w.accept, return: w.sendBack, reopen: w.reopen };
  const describedBy = rv.commentMissing ? 'comment-hint comment-error' : 'comment-hint';
  const textarea = h('textarea', {
    id: 'comment',
    'data-key': 'comment',
    name: 'comment',
    rows: 3,
    maxlength: 4000,
    'aria-describedby': describedBy,
    'aria-invalid': rv.commentMissing ? 'true' : null,
    oninput: (e: Event) => act.setComment((e.target as HTMLTextAreaElement).value),
  });
  textarea.value = rv.comment;
  return h(
    'form',
    {
      class: 'decision no-print',
      'aria-labelledby': 'decision-h',
      onsubmit: (e: Event) => e.preventDefault(),
    },
    h('h3', { id: 'decision-h' }, w.decisionHeading),
    h('label', { for: 'comment' }, w.commentLabel),
    h('p', { id: 'comment-hint', class: 'hint' }, w.commentHint),
    textarea,
    rv.commentMissing ? h('p', { id: 'comment-error', class: 'field-error' }, w.commentRequired) : null,
    rv.error ? h('p', { class: 'failure', role: 'alert' }, rv.error[lang]) : null,
    h(
      'div',
      { class: 'actions' },
      actions.map((a) =>
        h(
          'button',
          {
            type: 'button',
            class: a === 'accept' ? 'primary' : 'secondary',
            'data-key': `review-${a}`,
            'aria-disabled': rv.busy ? 'true' : null,
            onclick: () => act.review(a),
          },
          rv.busy === a ? w.sending : label[a],
        ),
      ),
    ),
  );
}

function history(ctx: ViewContext, d: Detail): HTMLElement {
  const { w, lang, act } = ctx;
  const shown = d.ret.return.version;
  const c = w.historyCol;
  return h(
    'section',
    { 'aria-labelledby': 'history-h' },
    h('h3', { id: 'history-h' }, w.historyHeading),
    scroller(
      w.historyCaption,
      h(
        'table',
        { class: 'history' },
        h('caption', null, w.historyCaption),
        h(
          'thead',
          null,
          h(
            'tr',
            null,
            th(c.version, true),
            th(c.date),
            th(c.by),
            th(c.state),
            th(w.col.errors, true),
            th(w.col.warnings, true),
            th(c.comment),
            h('th', { scope: 'col', class: 'no-print' }, c.action),
          ),
        ),
        h(
          'tbody',
          null,
          d.versions.map((v) =>
            h(
              'tr',
              {
                class: v.version === shown ? 'current' : null,
                'aria-current': v.version === shown ? 'true' : null,
              },
              h('th', { scope: 'row', class: 'num' }, v.version),
              td(formatDateTime(v.createdAt, lang)),
              td(v.tokenLabel),
              td(stateBadge(ctx, v.state)),
              td(v.errorCount, true),
              td(v.warningCount, true),
              td(v.reviewComment ?? ''),
              h(
                'td',
                { class: 'no-print' },
                v.version === shown
                  ? w.shown
                  : h(
                      'button',
                      {
                        type: 'button',
                        class: 'secondary',
                        'data-key': `view-${v.version}`,
                        'aria-label': w.viewLabel(v.version),
                        onclick: () => act.open(d.ret.return.ministry, v.version),
                      },
                      w.view,
                    ),
              ),
            ),
          ),
        ),
      ),
    ),
  );
}

function reviews(ctx: ViewContext, d: Detail): HTMLElement {
  const { w, lang } = ctx;
  const list = d.ret.reviews;
  return h(
    'section',
    { 'aria-labelledby': 'reviews-h' },
    h('h3', { id: 'reviews-h' }, w.reviewsHeading),
    list.length === 0
      ? h('p', null, w.noReviews)
      : h(
          'ul',
          { class: 'reviews' },
          list.map((r) =>
            h(
              'li',
              null,
              w.reviewLine(r.action, formatDateTime(r.createdAt, lang), r.tokenLabel),
              r.comment ? [w.colon, h('q', null, r.comment)] : null,
            ),
          ),
        ),
  );
}

/** A change that is not an amount: before and after as text, no difference to compute. */
const text = (field: string, before: string, after: string): Child[] => [
  td(field),
  h('td', { class: 'end' }, before),
  h('td', { class: 'end' }, after),
  td(''),
];

function changeCells(ctx: ViewContext, ch: FieldChangeJson): Child[] {
  const { w, lang } = ctx;
  switch (ch.field) {
    case 'nature':
      return text(w.fieldNames.nature, natureOf(ctx, ch.before), natureOf(ctx, ch.after));
    case 'execution':
      return text(w.fieldNames.execution, ch.before.join(', ') || w.none, ch.after.join(', ') || w.none);
    case 'comment':
      return text(w.fieldNames.comment, ch.before ?? w.none, ch.after ?? w.none);
    default: {
      const name = ch.field.startsWith('year:') ? ch.field.slice(5) : w.fieldNames[ch.field as 'total'];
      return [
        td(name),
        td(formatAmount(ch.before, lang), true),
        td(formatAmount(ch.after, lang), true),
        td(formatSigned(ch.delta, lang), true),
      ];
    }
  }
}

function lineList(
  ctx: ViewContext,
  heading: string,
  lines: readonly LineJson[],
  titles: Map<string, string>,
) {
  const { lang } = ctx;
  if (lines.length === 0) return null;
  return [
    h('h4', null, heading),
    h(
      'ul',
      { class: 'codes' },
      lines.map((l) =>
        h(
          'li',
          null,
          h('span', { class: 'code' }, l.activity ?? '—'),
          l.activity && titles.has(l.activity) ? [' ', planText(titles.get(l.activity) ?? '')] : '',
          l.total === null ? ` (${natureOf(ctx, l.nature)})` : ` (${formatAmount(l.total, lang)})`,
        ),
      ),
    ),
  ];
}

function diffResult(ctx: ViewContext, r: DiffJson, titles: Map<string, string>): Child {
  const { w } = ctx;
  const { diff } = r;
  const same = diff.added.length + diff.removed.length + diff.changed.length === 0;
  if (same) return h('p', { class: 'diff-same' }, w.diffSame);
  const c = w.diffCol;
  const rows = diff.changed.flatMap((line) =>
    line.changes.map((ch, i) =>
      h(
        'tr',
        null,
        // The activity is named once, on the first of its changes, as a row header for all of them.
        i === 0
          ? h('th', { scope: 'rowgroup', rowspan: line.changes.length, class: 'code' }, line.activity ?? '—')
          : null,
        changeCells(ctx, ch),
      ),
    ),
  );
  return [
    rows.length > 0
      ? scroller(
          w.diffChangedCaption(r.from, r.to),
          h(
            'table',
            { class: 'diff' },
            h('caption', null, w.diffChangedCaption(r.from, r.to)),
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                th(c.activity),
                th(c.field),
                th(c.before, true),
                th(c.after, true),
                th(c.delta, true),
              ),
            ),
            h('tbody', null, rows),
          ),
        )
      : null,
    lineList(ctx, w.diffAdded(diff.added.length), diff.added, titles),
    lineList(ctx, w.diffRemoved(diff.removed.length), diff.removed, titles),
    h('p', null, w.diffUnchanged(diff.unchanged)),
  ];
}

function compare(ctx: ViewContext, d: Detail, titles: Map<string, string>): HTMLElement {
  const { w, lang, state, act } = ctx;
  const versions = d.versions.map((v) => v.version);
  const { from, to, result } = state.diff;
  const select = (end: 'from' | 'to', label: string, value: number | null) => [
    h('label', { for: `diff-${end}` }, label),
    h(
      'select',
      {
        id: `diff-${end}`,
        'data-key': `diff-${end}`,
        onchange: (e: Event) => act.chooseDiff(end, Number((e.target as HTMLSelectElement).value)),
      },
      versions.map((v) => h('option', { value: v, selected: v === value }, v)),
    ),
  ];
  const busy = result.kind === 'loading';
  return h(
    'section',
    { 'aria-labelledby': 'diff-h', 'aria-busy': busy ? 'true' : 'false', class: 'compare' },
    h('h3', { id: 'diff-h' }, w.diffHeading),
    versions.length < 2
      ? h('p', null, w.diffOneVersion)
      : [
          h(
            'form',
            {
              class: 'diff-form no-print',
              onsubmit: (e: Event) => {
                e.preventDefault();
                act.compare();
              },
            },
            select('from', w.diffFrom, from),
            select('to', w.diffTo, to),
            h(
              'button',
              { type: 'submit', class: 'secondary', 'data-key': 'compare' },
              busy ? w.comparing : w.compare,
            ),
          ),
          busy ? h('p', { class: 'loading', role: 'status' }, w.comparing) : null,
          result.kind === 'failed'
            ? h('p', { class: 'failure', role: 'alert' }, result.messages[lang])
            : null,
          result.kind === 'ok'
            ? h('div', { class: 'diff-result' }, diffResult(ctx, result.data, titles))
            : null,
        ],
  );
}

export function returnView(ctx: ViewContext): Child {
  const { w, lang, state, act } = ctx;
  const route = state.route;
  if (!route) return null;
  const status = dataOf(state.status)?.ministries.find((m) => m.ministry === route.ministry);
  const titles = titlesOf(dataOf(state.consolidated));
  const heading = w.returnHeading(status?.name ?? route.ministry, route.ministry);
  return [
    backToBoard(ctx),
    loaded(
      ctx,
      {
        id: 'return',
        heading,
        load: state.detail,
        retry: () => act.open(route.ministry, route.version ?? undefined),
      },
      (d) => {
        const r = d.ret.return;
        const lastReview = d.ret.reviews.at(-1);
        return [
          h(
            'p',
            { class: 'meta' },
            w.versionLine(r.version, formatDateTime(r.createdAt, lang), r.tokenLabel),
            ' ',
            stateBadge(ctx, r.state),
            status?.late && d.versions[0]?.version === r.version ? [' ', lateBadge(ctx)] : null,
          ),
          r.reviewComment && lastReview
            ? h(
                'div',
                { class: 'review-comment' },
                h(
                  'p',
                  null,
                  w.reviewCommentShown(formatDateTime(lastReview.createdAt, lang), lastReview.tokenLabel),
                ),
                h('blockquote', null, r.reviewComment),
              )
            : null,
          h('h3', { id: 'lines-h' }, w.linesHeading),
          linesTable(ctx, d, titles),
          // The decision comes after the lines and their findings: what it is about is read first.
          decision(ctx, d),
          history(ctx, d),
          reviews(ctx, d),
          compare(ctx, d, titles),
        ];
      },
    ),
  ];
}
