/**
 * `pac plan new --from plan.json`: hosts a plan beside the plans the service already hosts (e.g.
 * pnlevt-2026-2030 beside pnlevt-2021-2025), on the service's database (DATA_DIR or DATABASE_URL,
 * as `npm start` and `pac token` use them) — the same as POST /api/plans. The JSON is a canonical
 * plan (`pac plan import` writes one); a file that is not one is refused with what is wrong and
 * where, and nothing is written. A plan id and version hosted already are never replaced.
 */
import { readFileSync } from 'node:fs';
import { type Lang, Plan } from '#core';
import { configFromEnv } from '../../config.ts';
import { issuesOf, zodIn } from '../../http/zod-issues.ts';
import { type Actor, PlanVersionExistsError, type Store } from '../../store/store.ts';
import type { CommandContext, Options } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import { withServiceStore } from '../service-store.ts';

export const PLAN_NEW_USAGE = 'plan new --from plan.json';
export const PLAN_NEW_OPTIONS: Options = { from: { type: 'string' } };

const ACTOR: Actor = { tokenId: null, label: 'ligne de commande (pac plan new)', role: 'system' };

/** Issues listed at most; the count says how many there were. */
const MAX_ISSUES = 20;

const T = {
  fr: {
    usage: `Usage : pac ${PLAN_NEW_USAGE}`,
    unreadable: (f: string, why: string) => `Impossible de lire « ${f} » : ${why}.`,
    notJson: (f: string) =>
      `« ${f} » n’est pas du JSON : donnez le plan canonique (pac plan import … -o plan.json).`,
    invalid: (f: string, n: number) =>
      `« ${f} » n’est pas un plan valide (${n} problème(s)) ; rien n’a été hébergé. Corrigez :`,
    exists: (id: string, v: string) =>
      `Le plan ${id} version ${v} est déjà hébergé : changez le numéro de version (champ plan.version) pour en publier une nouvelle.`,
    hosted: (id: string, v: string, title: string) => `Plan hébergé : ${id} version ${v} — ${title}`,
    details: (n: number, years: string, unit: string) =>
      `  ${n} activités, années ${years}, montants en ${unit}`,
    all: 'Plans hébergés :',
    byDefault: ' (par défaut)',
  },
  en: {
    usage: `Usage: pac ${PLAN_NEW_USAGE}`,
    unreadable: (f: string, why: string) => `Cannot read "${f}": ${why}.`,
    notJson: (f: string) => `"${f}" is not JSON: give the canonical plan (pac plan import … -o plan.json).`,
    invalid: (f: string, n: number) =>
      `"${f}" is not a valid plan (${n} problem(s)); nothing was hosted. Fix:`,
    exists: (id: string, v: string) =>
      `Plan ${id} version ${v} is hosted already: change the version number (field plan.version) to publish a new one.`,
    hosted: (id: string, v: string, title: string) => `Plan hosted: ${id} version ${v} — ${title}`,
    details: (n: number, years: string, unit: string) =>
      `  ${n} activities, years ${years}, amounts in ${unit}`,
    all: 'Hosted plans:',
    byDefault: ' (default)',
  },
} satisfies Record<Lang, unknown>;

/** The plan in the file, or the message saying why there is none. */
function readPlan(file: string, lang: Lang): { ok: true; plan: Plan } | { ok: false; message: string } {
  const t = T[lang];
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, message: t.unreadable(file, (error as NodeJS.ErrnoException).code ?? String(error)) };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: t.notJson(file) };
  }
  const parsed = Plan.safeParse(json, zodIn(lang));
  if (parsed.success) return { ok: true, plan: parsed.data };
  const issues = issuesOf(parsed.error, lang);
  const lines = issues.slice(0, MAX_ISSUES).map((i) => `  ${i.path || '(racine)'} : ${i.message}`);
  if (issues.length > MAX_ISSUES) lines.push(`  … (+${issues.length - MAX_ISSUES})`);
  return { ok: false, message: [t.invalid(file, issues.length), ...lines].join('\n') };
}

async function host(store: Store, plan: Plan, { lang, io, values }: CommandContext): Promise<number> {
  const t = T[lang];
  try {
    await store.publishPlan(plan, ACTOR);
  } catch (error) {
    if (!(error instanceof PlanVersionExistsError)) throw error;
    io.err(t.exists(error.planId, error.version));
    return EXIT.unusable;
  }
  const hosted = await store.listPlans();
  const defaultId = configFromEnv().defaultPlan ?? null;
  if (values.json) {
    printJson(io, { hosted: { id: plan.plan.id, version: plan.plan.version }, plans: hosted });
    return EXIT.ok;
  }
  io.out(t.hosted(plan.plan.id, plan.plan.version, plan.plan.title));
  io.out(t.details(plan.activities.length, plan.plan.years.join(', '), plan.plan.unit));
  io.out(t.all);
  for (const row of hosted)
    io.out(`  ${row.planId} version ${row.version}${row.planId === defaultId ? t.byDefault : ''}`);
  return EXIT.ok;
}

export async function runPlanNew(ctx: CommandContext): Promise<number> {
  const { values, lang, io } = ctx;
  const file = typeof values.from === 'string' ? values.from : undefined;
  if (!file) {
    io.err(T[lang].usage);
    return EXIT.unusable;
  }
  const read = readPlan(file, lang);
  if (!read.ok) {
    io.err(read.message);
    return EXIT.unusable;
  }
  // The new plan is hosted beside the shipped one (hosted first on a new database), not instead of it.
  return withServiceStore(ctx, (store) => host(store, read.plan, ctx));
}
