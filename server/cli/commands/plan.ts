/**
 * `pac plan`: the canonical plan as shipped — its identity, figures per pillar and per ministry,
 * and every correction made to the document, with the document's wording and line. `--json`
 * prints the plan itself; `--ministry CODE` keeps one ministry's activities.
 */
import { type Activity, type Correction, formatMoney, type Lang, moneyFromNumber, type Plan } from '#core';
import { type CostFigures, planStats } from '../../plan/plan-stats.ts';
import { shippedPlan } from '../../plan/shipped-plan.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson, textTable } from '../output.ts';

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
    activitiesOf: (m: string, n: number) => `Activities ${m} is responsible for (${n})`,
  },
} as const;

/** The plan records its reasons in French, the document's language; English readers get these. */
const REASON_EN: Record<Correction['kind'], string> = {
  renumbered_duplicate: 'Code printed twice: renumbered under its own result.',
  inferred_result_code: 'Result printed without a code: it takes the next number in its objective.',
  missing_year_row: 'The table stops after the Partners column: execution years are not printed; left empty.',
  code_normalised: 'Spaces inside the code removed.',
  stray_fragment: 'Lone list number in the Indicators column (merged cell cut across rows): ignored.',
};

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
      reason: lang === 'fr' ? c.reason : REASON_EN[c.kind],
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
    fr: 'Le plan canonique livré, ses chiffres et ses corrections',
    en: 'The shipped canonical plan, its figures and corrections',
  },
  usage: 'plan [--ministry CODE] [--json] [--lang en]',
  options: { ministry: { type: 'string' } },
  run({ values, lang, io }) {
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
