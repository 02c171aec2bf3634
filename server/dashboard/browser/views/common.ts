/**
 * Pieces every view uses: a section that says whether it is loading (aria-busy plus visible text,
 * since a slow line is the usual case), a failure with the service's words and a retry, and the
 * state badge, which always carries its word so state never rests on colour alone.
 */
import { type Child, h } from '../dom.ts';
import { dataOf, type Load, type ViewContext } from '../state.ts';
import type { ReturnStateName } from '../wording.ts';

/**
 * A titled section around data that is fetched: "Chargement…" until the first answer, the previous
 * data with "Actualisation…" during a refresh, the service's message (and a retry) on failure.
 */
export function loaded<T>(
  ctx: ViewContext,
  options: {
    id: string;
    heading: Child;
    load: Load<T>;
    retry: () => void;
    level?: 'h2' | 'h3';
    /** Shown under the heading whatever the load's state: a choice that changes what is loaded. */
    always?: Child;
  },
  body: (data: T) => Child,
): HTMLElement {
  const { w, lang, load } = { ...ctx, load: options.load };
  const data = dataOf(load);
  const busy = load.kind === 'loading' || load.kind === 'idle';
  return h(
    'section',
    {
      id: options.id,
      class: 'panel',
      'aria-busy': busy ? 'true' : 'false',
      'aria-labelledby': `${options.id}-h`,
    },
    h(options.level ?? 'h2', { id: `${options.id}-h`, tabindex: -1 }, options.heading),
    options.always ?? null,
    busy ? h('p', { class: 'loading', role: 'status' }, data === null ? w.loading : w.refreshing) : null,
    load.kind === 'failed'
      ? h(
          'div',
          { class: 'failure', role: 'alert' },
          h('p', null, load.messages[lang]),
          h('button', { type: 'button', class: 'secondary', onclick: options.retry }, w.retry),
        )
      : null,
    data === null ? null : body(data),
  );
}

export function stateBadge(ctx: ViewContext, state: ReturnStateName): HTMLElement {
  return h('span', { class: `badge state-${state}` }, ctx.w.states[state]);
}

/** "En retard" as a word with a sign, beside the state: late ministries stand out without colour too. */
export function lateBadge(ctx: ViewContext): HTMLElement {
  return h('span', { class: 'badge late' }, h('span', { 'aria-hidden': 'true' }, '⚠ '), ctx.w.late);
}

/** A header cell for a column, numeric columns aligned right. */
export function th(text: Child, numeric = false): HTMLTableCellElement {
  return h('th', { scope: 'col', class: numeric ? 'num' : null }, text);
}

export function td(text: Child, numeric = false): HTMLTableCellElement {
  return h('td', { class: numeric ? 'num' : null }, text);
}

/**
 * The plan's own words (ministry names, pillar names, activity titles), quoted as the plan document
 * writes them, in French: marked so, so that a screen reader reading the English page says them
 * the French way.
 */
export const PLAN_LANG = 'fr';

export function planText(text: string): HTMLElement {
  return h('span', { lang: PLAN_LANG }, text);
}

/** "← Retour au suivi", above a return or a refused send. */
export function backToBoard(ctx: ViewContext, to: 'board' | 'execution' = 'board'): HTMLElement {
  const execution = to === 'execution';
  return h(
    'p',
    { class: 'back no-print' },
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-key': 'back',
        onclick: execution ? () => ctx.act.show('execution') : ctx.act.closeReturn,
      },
      execution ? ctx.w.backToExecution : ctx.w.backToBoard,
    ),
  );
}
