/**
 * The plan a command works on: the shipped plan, or with `--plan FICHIER.json` a canonical plan
 * read from a file, as `pac plan import` or `pac plan --json` writes it — so that the next cycle's
 * plan gets its templates, annual plans, checks and validation before any service hosts it.
 * A file that is not such a plan is said so, with the path and the first place where it is not.
 */
import { readFile } from 'node:fs/promises';
import { indexPlan, type Lang, Plan, type PlanIndex } from '#core';
import { shippedPlan } from '../plan/shipped-plan.ts';
import type { CommandContext, Options } from './command.ts';

/** The option that names a plan file; its usage text is PLAN_FILE_USAGE. */
export const PLAN_FILE_OPTION: Options = { plan: { type: 'string' } };
export const PLAN_FILE_USAGE = '[--plan PLAN.json]';

const T = {
  fr: {
    notFound: (p: string) => `Fichier introuvable : « ${p} ».`,
    cannotRead: (p: string, why: string) => `Impossible de lire « ${p} » : ${why}`,
    notJson: (p: string, why: string) =>
      `« ${p} » n'est pas un fichier JSON lisible (${why}). Donnez le plan écrit par « pac plan import » ou « pac plan --json ».`,
    notPlan: (p: string, where: string, why: string) =>
      `« ${p} » n'est pas un plan canonique : ${where} — ${why}. Donnez le plan écrit par « pac plan import » ou « pac plan --json ».`,
  },
  en: {
    notFound: (p: string) => `File not found: "${p}".`,
    cannotRead: (p: string, why: string) => `Cannot read "${p}": ${why}`,
    notJson: (p: string, why: string) =>
      `"${p}" is not a readable JSON file (${why}). Give the plan written by "pac plan import" or "pac plan --json".`,
    notPlan: (p: string, where: string, why: string) =>
      `"${p}" is not a canonical plan: ${where} — ${why}. Give the plan written by "pac plan import" or "pac plan --json".`,
  },
} as const satisfies Record<Lang, unknown>;

const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A canonical plan read from a JSON file, or the message saying what is wrong with it. */
export async function readPlanFile(path: string, lang: Lang): Promise<{ plan: Plan } | { message: string }> {
  const t = T[lang];
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { message: code === 'ENOENT' ? t.notFound(path) : t.cannotRead(path, why(error)) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { message: t.notJson(path, why(error)) };
  }
  const parsed = Plan.safeParse(json);
  if (parsed.success) return { plan: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : lang === 'fr' ? '(racine)' : '(root)';
  return { message: t.notPlan(path, where, issue?.message ?? '') };
}

/** The plan of `--plan`, or the shipped one; null once the message has said why the file is not one. */
export async function commandPlan(ctx: CommandContext): Promise<PlanIndex | null> {
  const path = ctx.values.plan;
  if (typeof path !== 'string') return shippedPlan();
  const read = await readPlanFile(path, ctx.lang);
  if ('message' in read) {
    ctx.io.err(read.message);
    return null;
  }
  return indexPlan(read.plan);
}
