/**
 * The cycle comparison of the money page (the view is ./views/plan-cycles.ts): when the service
 * hosts several plans, the plan shown is compared with another one — the older cycle first,
 * whichever of the two is chosen — through GET /api/plans/diff, the comparison `pac plan diff`
 * prints. Kept apart from ./main.ts, which lends its client and redraw, as ./execution-page.ts is.
 */
import type { CycleDiff } from '#core';
import { type Client, failureMessages, type PlanSummary } from './api.ts';
import { dataOf, type Load } from './state.ts';

export interface CyclesState {
  /** The other plan the shown one is compared with. */
  other: string | null;
  diff: Load<CycleDiff>;
}

export interface CyclesHost {
  client(): Client | null;
  plans(): PlanSummary[];
  /** The plan the dashboard shows (null with a single plan hosted). */
  shown(): string | null;
  render(): void;
  sessionEnded(error: unknown): boolean;
}

/** The two plans in cycle order: the one whose years start first is the older. */
export function cycleOrder(plans: readonly PlanSummary[], a: string, b: string): [string, string] {
  const start = (id: string) => plans.find((p) => p.id === id)?.years[0] ?? 0;
  return start(a) <= start(b) ? [a, b] : [b, a];
}

export function planCycles(host: CyclesHost) {
  const state: CyclesState = { other: null, diff: { kind: 'idle' } };
  let generation = 0;

  async function load(): Promise<void> {
    const c = host.client();
    const shown = host.shown();
    const plans = host.plans();
    if (!c || !shown || plans.length < 2) return;
    const others = plans.filter((p) => p.id !== shown);
    if (!others.some((p) => p.id === state.other)) state.other = others[0]?.id ?? null;
    if (!state.other) return;
    const [from, to] = cycleOrder(plans, shown, state.other);
    const mine = ++generation;
    state.diff = { kind: 'loading', data: dataOf(state.diff) };
    host.render();
    try {
      const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
      const { diff } = await c.get<{ diff: CycleDiff }>(`/api/plans/diff?${query}`);
      if (mine !== generation) return;
      state.diff = { kind: 'ok', data: diff };
    } catch (error) {
      if (host.sessionEnded(error) || mine !== generation) return;
      state.diff = { kind: 'failed', messages: failureMessages(error), data: null };
    }
    host.render();
  }

  return {
    state,
    load,
    compareWith(planId: string): void {
      state.other = planId;
      state.diff = { kind: 'idle' };
      void load();
    },
    reset(): void {
      generation++;
      state.other = null;
      state.diff = { kind: 'idle' };
    },
  };
}

export type PlanCycles = ReturnType<typeof planCycles>;
