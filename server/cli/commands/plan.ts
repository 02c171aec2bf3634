/**
 * `pac plan`: the canonical plan as shipped — its identity, figures per pillar and per ministry,
 * and every correction made to the document, with the document's wording and line. `--json`
 * prints the plan itself; `--ministry CODE` keeps one ministry's activities.
 *
 * `pac plan import CLASSEUR.xlsx -o plan.json`: reads a plan kept as planners keep it (the layout
 * of section IV, and the summary table II.2.1 when there is one) into a canonical plan JSON, with
 * its provenance, corrections, ministry spellings and the plan checks' report; no plan is written
 * while there are errors (exit 1). See ./plan-import.ts.
 *
 * `pac plan new --from plan.json`: hosts that plan beside the others on the service's database.
 * See ./plan-new.ts.
 * `pac plan diff ANCIEN.json NOUVEAU.json`: what the next cycle keeps, renames, merges, drops and
 * adds, and how money moves per pillar and ministry. See ./plan-diff.ts.
 */
import { type Activity, formatMoney, type Lang, moneyFromNumber, type Plan } from '#core';
import { type CostFigures, planStats } from '../../plan/plan-stats.ts';
import { shippedPlan } from '../../plan/shipped-plan.ts';
import { CORRECTION_REASON_EN } from '../../plan-import/correction-reasons.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson, textTable } from '../output.ts';
import { PLAN_DIFF_USAGE, runPlanDiff } from './plan-diff.ts';
import { PLAN_IMPORT_OPTIONS, PLAN_IMPORT_USAGE, runPlanImport } from './plan-import.ts';
import { PLAN_NEW_OPTIONS, PLAN_NEW_USAGE, runPlanNew } from './plan-new.ts';

const T = {
  fr: {
    source: 'Source',
    unit: 'Unité',
    years: 'Années',
    version: 'version',
    pillar: 'Pilier',
    ministry: 'Ministère',
    activities: 'Activités',
    costed: 'Chiffrées',
    pm: 'PM',
    blank: 'Sans coût',
    cost: 'Coût (millions FCFA)',
    total: 'Total',
    corrections: 'Corrections apportées au texte du document',
    line: 'ligne',
    none: 'aucune',
    unknownMinistry: (m: string) => `Ministère inconnu « ${m} ». Voir la liste avec « pac plan ».`,
    unknownSubcommand: (s: string) =>
      `Sous-commande inconnue « ${s} ». Usage : pac plan [--ministry CODE], pac ${PLAN_IMPORT_USAGE}, pac ${PLAN_NEW_USAGE} ou pac ${PLAN_DIFF_USAGE}`,
    activitiesOf: (m: string, n: number) => `Activités dont ${m} est responsable (${n})`,
  },
  en: {
    source: 'Source',
    unit: 'Unit',
    years: 'Years',
    version: 'version',
    pillar: 'Pillar',
    ministry: 'Ministry',
    activities: 'Activities',
    costed: 'Costed',
    pm: 'PM',
    blank: 'No cost',
    cost: 'Cost (million FCFA)',
    total: 'Total',
    corrections: "Corrections made to the document's text",
    line: 'line',
    none: 'none',
    unknownMinistry: (m: string) => `Unknown ministry "${m}". See the list with "pac plan".`,
    unknownSubcommand: (s: string) =>
      `Unknown subcommand "${s}". Usage: pac plan [--ministry CODE], pac ${PLAN_IMPORT_USAGE}, pac ${PLAN_NEW_USAGE} or pac ${PLAN_DIFF_USAGE}`,
    activitiesOf: (m: string, n: number) => `Activities ${m} is responsible for (${n})`,
  },
} as const;

function figureCells(f: CostFigures, lang: Lang): string[] {
  return [String(f.activities), String(f.costed), String(f.pm), String(f.blank), formatMoney(f.cost, lang)];
}

function corrections(
  plan: Plan,
  lang: Lang,
): { line: number; code: string; asWritten: string; to: string; reason: string }[] {
  const rows = [...plan.results, ...plan.activities].flatMap((item) =>
    (item.corrections ?? []).map((c) => ({
      line: c.line,
      code: item.code,
      asWritten: c.asWritten ?? '—',
      to: c.correctedTo ?? '—',
      reason: lang === 'fr' ? c.reason : CORRECTION_REASON_EN[c.kind],
    })),
  );
  return rows.sort((a, b) => a.line - b.line);
}

function costOf(a: Activity, lang: Lang): string {
  if (a.costNote === 'PM') return 'PM';
  const cost = a.cost === null ? null : moneyFromNumber(a.cost);
  return cost === null ? '—' : formatMoney(cost, lang);
}

export const planCommand: Command = {
  name: 'plan',
  summary: {
    fr: 'Le plan canonique livré, ses chiffres et ses corrections ; « plan import » lit un plan depuis un classeur ; « plan new » l’héberge à côté des autres ; « plan diff » compare le plan d’un cycle au suivant',
    en: 'The shipped canonical plan, its figures and corrections; "plan import" reads a plan from a workbook; "plan new" hosts it beside the others; "plan diff" compares one cycle\'s plan with the next',
  },
  usage: `plan [--ministry CODE] [--json] [--lang en] | ${PLAN_IMPORT_USAGE} | ${PLAN_NEW_USAGE} | ${PLAN_DIFF_USAGE}`,
  options: { ministry: { type: 'string' }, ...PLAN_IMPORT_OPTIONS, ...PLAN_NEW_OPTIONS },
  run(ctx) {
    const { values, lang, io, positionals } = ctx;
    if (positionals[0] === 'import') return runPlanImport(ctx);
    if (positionals[0] === 'new') return runPlanNew(ctx);
    if (positionals[0] === 'diff') return runPlanDiff(ctx);
    if (positionals.length > 0) {
      io.err(T[lang].unknownSubcommand(positionals[0] as string));
      return EXIT.unusable;
    }
    const index = shippedPlan();
    const { plan } = index;
    const t = T[lang];
    const ministryArg = typeof values.ministry === 'string' ? values.ministry : undefined;
    const ministry = ministryArg ? index.resolveMinistry(ministryArg)?.[0] : undefined;
    if (ministryArg && !ministry) {
      io.err(t.unknownMinistry(ministryArg));
      return EXIT.unusable;
    }
    const activities = ministry ? index.activitiesOf(ministry) : plan.activities;
    if (values.json) {
      printJson(io, ministry ? { ...plan, activities } : plan);
      return EXIT.ok;
    }
    const stats = planStats(plan);
    const header = [t.activities, t.costed, t.pm, t.blank, t.cost];
    io.out(`${plan.plan.title}\n${plan.plan.id} — ${t.version} ${plan.plan.version}`);
    io.out(`${t.source} : ${plan.plan.source.file} (sha256 ${plan.plan.source.sha256.slice(0, 12)}…)`);
    io.out(`${t.unit} : ${plan.plan.unit} — ${t.years} : ${plan.plan.years.join(', ')}\n`);
    io.out(
      textTable([
        [t.pillar, ...header],
        ...stats.byPillar.map((p) => [`${p.code} ${p.name}`, ...figureCells(p.figures, lang)]),
        [t.total, ...figureCells(stats.total, lang)],
      ]),
    );
    io.out('');
    io.out(
      textTable([
        [t.ministry, ...header],
        ...stats.byMinistry.map((m) => [m.code, ...figureCells(m.figures, lang)]),
      ]),
    );
    if (ministry) {
      io.out(`\n${t.activitiesOf(ministry, activities.length)}`);
      io.out(
        textTable(
          activities.map((a) => [a.code, costOf(a, lang), a.responsibleAsWritten, a.title.slice(0, 80)]),
        ),
      );
    }
    const fixes = corrections(plan, lang);
    io.out(`\n${t.corrections} (${fixes.length || t.none}) :`);
    for (const c of fixes) {
      io.out(`  ${t.line} ${c.line}  ${c.code}  « ${c.asWritten} » → « ${c.to} »  ${c.reason}`);
    }
    return EXIT.ok;
  },
};
