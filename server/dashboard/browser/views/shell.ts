/**
 * The page's frame: the header (name, who is signed in, language switch, sign-out, and once signed
 * in the links to the pages: the board, the money and the execution follow-up, and the plan picker
 * when several plans are hosted) and the sign-in
 * form. The form is a real form with a labelled password field, so Tab, typing and Enter are all a
 * keyboard user needs, and a refusal is read out (role="alert") and tied to the field.
 */
import { h } from '../dom.ts';
import { dataOf, type ViewContext } from '../state.ts';
import type { PageName } from '../wording.ts';
import { planText } from './common.ts';
import { planPickerView } from './plan-picker.ts';

const PAGE_HASH: Record<PageName, string> = { board: '#/', money: '#/financement', execution: '#/execution' };

/**
 * Links to the pages, the current one marked; a return counts as part of the board, a refused send
 * as part of the page it is about (an execution send's: the execution page).
 */
function nav(ctx: ViewContext): HTMLElement {
  const { w, state, act } = ctx;
  const pages: PageName[] = ['board', 'money', 'execution'];
  const current: PageName =
    state.attemptRoute && dataOf(state.attempt)?.shown.period ? 'execution' : state.page;
  return h(
    'nav',
    { class: 'pages no-print', 'aria-label': w.nav.label },
    h(
      'ul',
      null,
      pages.map((page) =>
        h(
          'li',
          null,
          h(
            'a',
            {
              href: PAGE_HASH[page],
              id: `nav-${page}`,
              'aria-current': current === page && !state.route ? 'page' : null,
              onclick: (e: Event) => {
                const click = e as MouseEvent;
                // A new tab or window keeps the browser's own way; a plain click stays in the page.
                if (click.ctrlKey || click.metaKey || click.shiftKey || click.button !== 0) return;
                e.preventDefault();
                act.show(page);
              },
            },
            w.nav.pages[page],
          ),
        ),
      ),
    ),
  );
}

export function headerView(ctx: ViewContext): HTMLElement[] {
  const { w, state, act } = ctx;
  const me = state.me;
  // The plan every figure is for: the one picked, else the one the service answered for; its
  // title is the plan's own words (French), marked as such on the English page.
  const shownId = state.plan ?? me?.plan?.id ?? null;
  const shown = state.plans.find((p) => p.id === shownId)?.title ?? null;
  return [
    h('a', { class: 'skip', href: '#main' }, w.skipLink),
    h(
      'div',
      { class: 'brand' },
      h('h1', null, w.appName),
      h('p', { class: 'subtitle' }, shown ? [planText(shown), w.subtitle.afterPlan] : w.subtitle.none),
    ),
    h(
      'div',
      { class: 'session no-print' },
      me ? h('p', { class: 'who' }, w.signedInAs(me.label, w.roles[me.role] ?? me.role)) : null,
      h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          id: 'lang-switch',
          lang: ctx.lang === 'fr' ? 'en' : 'fr',
          'aria-label': w.langSwitchLabel,
          onclick: act.switchLang,
        },
        w.langSwitch,
      ),
      me
        ? h('button', { type: 'button', class: 'secondary', id: 'sign-out', onclick: act.signOut }, w.signOut)
        : null,
    ),
    me ? nav(ctx) : null,
    planPickerView(ctx),
  ].filter((el): el is HTMLElement => el !== null);
}

export function signInView(ctx: ViewContext): HTMLElement {
  const { w, lang, state, act } = ctx;
  const { busy, error } = state.signIn;
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    autocapitalize: 'off',
    required: true,
    'aria-describedby': error ? 'token-hint token-error' : 'token-hint',
    'aria-invalid': error ? 'true' : null,
  });
  return h(
    'section',
    { class: 'panel sign-in', 'aria-labelledby': 'sign-in-h' },
    h('h2', { id: 'sign-in-h' }, w.signInHeading),
    h('p', null, w.signInIntro),
    h(
      'form',
      {
        novalidate: true,
        onsubmit: (e: Event) => {
          e.preventDefault();
          if (!busy) act.signIn(input.value);
        },
      },
      h('label', { for: 'token' }, w.tokenLabel),
      input,
      h('p', { id: 'token-hint', class: 'hint' }, w.tokenHint),
      error ? h('p', { id: 'token-error', class: 'failure', role: 'alert' }, error[lang]) : null,
      h(
        'button',
        { type: 'submit', class: 'primary', id: 'sign-in', 'aria-disabled': busy ? 'true' : null },
        busy ? w.signingIn : w.signIn,
      ),
    ),
  );
}
