/**
 * The plan picker of the page's header: when the service hosts more than one plan (e.g. the
 * PNLEVT 2021–2025 and the next cycle's plan), a labelled select chooses the one every table,
 * chart, return and download is for. Hidden with a single plan: nothing to choose.
 */
import { h } from '../dom.ts';
import type { ViewContext } from '../state.ts';

export function planPickerView(ctx: ViewContext): HTMLElement | null {
  const { w, state, act } = ctx;
  if (!state.me || state.plans.length < 2) return null;
  const select = h(
    'select',
    {
      id: 'plan-picker',
      onchange: (e: Event) => act.choosePlan((e.target as HTMLSelectElement).value),
    },
    state.plans.map((p) =>
      h(
        'option',
        { value: p.id, selected: p.id === state.plan ? true : null },
        w.planPicker.option(p.title, p.id, p.version),
      ),
    ),
  );
  return h(
    'div',
    { class: 'plan-picker no-print' },
    h('label', { for: 'plan-picker' }, w.planPicker.label),
    select,
  );
}
