/**
 * The money page's cycle comparison, shown when the service hosts several plans: a select of the
 * other plans, and what the newer cycle keeps, renames, renumbers, merges, drops and adds with the
 * money per pillar and ministry (./plan-diff.ts draws it), as `pac plan diff` prints it.
 */
import { h } from '../dom.ts';
import type { PlanCycles } from '../plan-cycles.ts';
import type { ViewContext } from '../state.ts';
import { loaded } from './common.ts';
import { planDiffView } from './plan-diff.ts';

export function planCyclesView(ctx: ViewContext, cycles: PlanCycles): HTMLElement | null {
  const { w, state, lang } = ctx;
  if (!state.me || state.plans.length < 2 || !state.plan) return null;
  const others = state.plans.filter((p) => p.id !== state.plan);
  const picker = h(
    'div',
    { class: 'plan-picker no-print' },
    h('label', { for: 'cycle-other' }, w.cycles.compareWith),
    h(
      'select',
      {
        id: 'cycle-other',
        onchange: (e: Event) => cycles.compareWith((e.target as HTMLSelectElement).value),
      },
      others.map((p) =>
        h(
          'option',
          { value: p.id, selected: p.id === cycles.state.other ? true : null },
          w.planPicker.option(p.title, p.id, p.version),
        ),
      ),
    ),
  );
  // The choice of the other plan stays when a comparison fails: another plan may well compare.
  return loaded(
    ctx,
    {
      id: 'cycles',
      heading: w.cycles.heading,
      load: cycles.state.diff,
      retry: () => void cycles.load(),
      always: [h('p', { class: 'intro' }, w.cycles.intro), picker],
    },
    (diff) => planDiffView(diff, lang),
  );
}
