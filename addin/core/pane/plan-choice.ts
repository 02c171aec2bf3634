/**
 * Choosing the plan, when the service hosts several (e.g. the PNLEVT 2021–2025 and the next
 * cycle's plan) and more than one is open to the planner's ministry: the plans the service lists
 * (GET /api/plans: only those where the ministry has activities), which one the pane works on (the
 * one chosen before while it is still open, else the service's default, else the first), and the
 * select the pane shows — only with two plans or more (the `?plan=` is ../plan-query.ts).
 */
import * as z from 'zod';
import type { PaneWording } from './wording.ts';

export const PlanOption = z.object({
  id: z.string(),
  title: z.string(),
  version: z.string(),
  years: z.array(z.number()),
  default: z.boolean(),
});
export type PlanOption = z.infer<typeof PlanOption>;

export const PlanList = z.object({ default: z.string().nullable(), plans: z.array(PlanOption) });
export type PlanList = z.infer<typeof PlanList>;

/** What the pane shows of the choice; null until the service has listed its plans. */
export interface PlanChoice {
  options: PlanOption[];
  chosen: string | null;
}

/**
 * The plan to work on: the earlier choice while still open, else the service's default, else the
 * first. None with a single plan: nothing to choose, and the calls stay as they always were.
 */
export function chosenPlan(list: PlanList, earlier: string | null | undefined): string | null {
  if (list.plans.length < 2) return null;
  const open = (id: string | null | undefined) => id != null && list.plans.some((p) => p.id === id);
  if (open(earlier)) return earlier as string;
  if (open(list.default)) return list.default;
  return list.plans[0]?.id ?? null;
}

const esc = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The select of the connection section; nothing when there is no choice to make. */
export function planChoiceMarkup(choice: PlanChoice | null, w: PaneWording, disabled: boolean): string {
  if (!choice || choice.options.length < 2) return '';
  const options = choice.options
    .map(
      (p) =>
        `<option value="${esc(p.id)}"${p.id === choice.chosen ? ' selected' : ''}>${esc(w.planOption(p.title, p.id, p.version))}</option>`,
    )
    .join('');
  return `<div class="plan-choice"><label for="pac-plan">${esc(w.planLabel)}</label><select id="pac-plan" data-action="plan"${disabled ? ' disabled' : ''}>${options}</select><p class="hint" id="pac-plan-hint">${esc(w.planHint)}</p></div>`;
}
