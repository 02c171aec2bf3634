/**
 * From one cycle's plan to the next, as the dashboard shows it: the comparison of
 * `pac plan diff --json` (#core diffPlanCycles) drawn as a section — how many activities the new
 * plan keeps, renames, renumbers, merges, splits, drops and adds, each change in a table, then the
 * money per pillar and per lead ministry in each plan's unit, with the change and its percentage
 * only when both plans count in the same unit. Pure: the diff in, an element out; whoever mounts
 * it fetches the diff. Same words as the command line (#core CYCLE_DIFF_WORDS).
 */
import {
  CYCLE_DIFF_WORDS,
  CYCLE_KINDS,
  type CycleActivity,
  type CycleDiff,
  type CycleGroup,
  type CycleKind,
  type CyclePair,
  cycleAmount,
  cycleUnitLabel,
  type Lang,
  type MoneyMove,
} from '#core';
import { type Child, h, scroller } from '../dom.ts';
import { formatCount, formatPercent } from '../format.ts';
import { planText, td, th } from './common.ts';

type W = (typeof CYCLE_DIFF_WORDS)['fr'];

function table(caption: string, heads: Child[], rows: Child[], foot?: Child[]): HTMLTableElement {
  return h(
    'table',
    { class: 'plan-diff' },
    h('caption', null, caption),
    h('thead', null, h('tr', null, heads)),
    h('tbody', null, rows),
    foot ? h('tfoot', null, h('tr', null, foot)) : null,
  );
}

const rowHead = (text: Child) => h('th', { scope: 'row' }, text);

function cost(a: CycleActivity, lang: Lang): string {
  if (a.costNote === 'PM') return 'PM';
  return a.cost === null ? '—' : cycleAmount(String(a.cost), lang);
}

/** The rows of one kind's table, and its column heads. */
function kindTable(diff: CycleDiff, kind: Exclude<CycleKind, 'kept'>, w: W, lang: Lang): HTMLTableElement {
  const caption = `${w.kinds[kind]} (${diff[kind].length})`;
  switch (kind) {
    case 'renamed':
      return table(
        caption,
        [th(w.code), th(w.oldTitle), th(w.newTitle)],
        diff.renamed.map((p: CyclePair) =>
          h('tr', null, rowHead(p.old.code), td(planText(p.old.title)), td(planText(p.new.title))),
        ),
      );
    case 'renumbered':
      return table(
        caption,
        [th(w.oldCode), th(w.newCode), th(w.activityTitle), th(w.similarity, true)],
        diff.renumbered.map((p: CyclePair) =>
          h(
            'tr',
            null,
            rowHead(p.old.code),
            td(p.new.code),
            td(planText(p.new.title)),
            td(formatPercent(String(Math.round(p.similarity * 100)), lang, false), true),
          ),
        ),
      );
    case 'merged':
    case 'split': {
      const list = (items: CycleActivity[]) =>
        h(
          'ul',
          { class: 'plain' },
          items.map((a) => h('li', null, `${a.code} — `, planText(a.title))),
        );
      return table(
        caption,
        [th(w.oldCode), th(w.newCode)],
        diff[kind].map((g: CycleGroup) => h('tr', null, td(list(g.old)), td(list(g.new)))),
      );
    }
    case 'dropped':
    case 'added':
      return table(
        caption,
        [th(w.code), th(w.activityTitle), th(w.ministry), th(w.cost, true)],
        diff[kind].map((a) =>
          h('tr', null, rowHead(a.code), td(planText(a.title)), td(a.responsible), td(cost(a, lang), true)),
        ),
      );
  }
}

function signed(decimal: string | null, lang: Lang): string {
  const shown = cycleAmount(decimal, lang);
  return decimal !== null && decimal !== '0' && !decimal.startsWith('-') ? `+${shown}` : shown;
}

function moneyTable(diff: CycleDiff, caption: string, first: string, rows: MoneyMove[], w: W, lang: Lang) {
  const withChange = diff.sameUnit;
  const cells = (m: MoneyMove) => [
    td(cycleAmount(m.before, lang), true),
    td(cycleAmount(m.after, lang), true),
    withChange ? td(signed(m.change, lang), true) : null,
    withChange ? td(formatPercent(m.percent, lang), true) : null,
  ];
  return table(
    caption,
    [
      th(first),
      th(w.amountsOf(diff.old.id, cycleUnitLabel(diff.old, lang)), true),
      th(w.amountsOf(diff.new.id, cycleUnitLabel(diff.new, lang)), true),
      withChange ? th(w.change, true) : null,
      withChange ? th(w.percent, true) : null,
    ],
    rows.map((m) =>
      h('tr', null, rowHead(m.key === m.name ? m.key : [`${m.key}. `, planText(m.name)]), cells(m)),
    ),
    [rowHead(w.total), cells(diff.money.total)],
  );
}

export function planDiffView(diff: CycleDiff, lang: Lang): HTMLElement {
  const w = CYCLE_DIFF_WORDS[lang];
  const counts = table(
    w.counts,
    [th(w.kind), th(w.number, true), th(w.meaningHead)],
    CYCLE_KINDS.map((k) =>
      h(
        'tr',
        { 'data-kind': k },
        rowHead(w.kinds[k]),
        td(formatCount(diff[k].length, lang), true),
        td(h('span', { class: 'meaning' }, w.meaning[k])),
      ),
    ),
  );
  const changes = CYCLE_KINDS.filter((k): k is Exclude<CycleKind, 'kept'> => k !== 'kept')
    .filter((k) => diff[k].length > 0)
    .map((k) =>
      h(
        'div',
        { class: 'plan-diff-kind', id: `plan-diff-${k}` },
        scroller(w.kinds[k], kindTable(diff, k, w, lang)),
      ),
    );
  return h(
    'section',
    { id: 'plan-diff', class: 'panel', 'aria-labelledby': 'plan-diff-h' },
    h('h2', { id: 'plan-diff-h' }, w.title(diff.old.id, diff.new.id)),
    h(
      'p',
      null,
      planText(diff.old.title),
      ' → ',
      planText(diff.new.title),
      h('br'),
      w.activityCounts(diff.old.activities, diff.new.activities),
    ),
    scroller(w.counts, counts),
    changes,
    diff.sameUnit
      ? null
      : h(
          'p',
          { class: 'notice', role: 'note' },
          w.differentUnits(cycleUnitLabel(diff.old, lang), cycleUnitLabel(diff.new, lang)),
        ),
    scroller(w.moneyByPillar, moneyTable(diff, w.moneyByPillar, w.pillar, diff.money.byPillar, w, lang)),
    scroller(
      w.moneyByMinistry,
      moneyTable(diff, w.moneyByMinistry, w.ministry, diff.money.byMinistry, w, lang),
    ),
  );
}
