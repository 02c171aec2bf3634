/**
 * What `pac plan import` prints: where the plan was read, its shape, years and unit, every
 * correction and every ministry spelling resolved, the import's findings and the plan checks'
 * report — as lines of text in French or English, or as one JSON object.
 */
import { type Finding, formatFinding, type Lang, messageOf } from '#core';
import { CORRECTION_REASON_EN } from './correction-reasons.ts';
import { type ImportFinding, importPlace } from './import-findings.ts';
import { importMessage } from './import-messages.ts';
import type { PlanImportReport } from './import-plan.ts';
import type { SpellingUse } from './ministry-directory.ts';
import { DEFAULT_UNIT, sameUnit } from './unit.ts';

/** Findings the --adopted option lets through: the plan's own slips, which an adopted plan keeps. */
function adoptable(report: PlanImportReport): number {
  const slips = report.findings.filter(
    (f) => f.code === 'code_fits_two_parents' && f.severity === 'error',
  ).length;
  return slips + report.checks.stats.errors;
}

const T = {
  fr: {
    read: (r: PlanImportReport, file: string) => {
      const sheets = [...new Set(r.tables.map((t) => t.sheet))].map((s) => `« ${s} »`).join(', ');
      const detail = `${r.tables.length} tableau${r.tables.length > 1 ? 'x' : ''} de détail (feuille${sheets.includes(',') ? 's' : ''} ${sheets})`;
      const summary = r.summary
        ? `tableau de synthèse « ${r.summary.title} » (feuille « ${r.summary.sheet} », ligne ${r.summary.headerRow})`
        : 'pas de tableau de synthèse (enveloppe vide)';
      return `Classeur « ${file} » : ${detail}, ${summary}.`;
    },
    shape: (r: PlanImportReport) =>
      `Plan : ${r.counts.pillars} pilier(s), ${
        r.hasObjectives
          ? `${r.counts.objectives} objectif(s) stratégique(s)`
          : 'sans objectifs stratégiques (résultats sous leur pilier)'
      }, ${r.counts.results} résultat(s), ${r.counts.activities} activité(s).`,
    years: (r: PlanImportReport) => {
      const from = {
        summary: "d'après le tableau de synthèse",
        option: "d'après --first-year",
        title: "d'après la période écrite au-dessus des tableaux",
      };
      return r.yearsFrom === null
        ? `Années : inconnues (${r.years.length} colonnes AN).`
        : `Années : ${r.years[0]} à ${r.years.at(-1)} (AN I = ${r.years[0]}, ${from[r.yearsFrom]}).`;
    },
    unit: (r: PlanImportReport) => {
      const from = {
        header: `en-tête ${r.unitFrom.place}`,
        summary: `tableau de synthèse, ${r.unitFrom.place}`,
        option: 'option --unit',
        default: 'aucun en-tête ne la dit : unité par défaut',
      }[r.unitFrom.kind];
      return `Unité des montants : ${r.unit.label} (${from}) ; enregistrée dans le plan (plan.unit « ${r.unit.label} », plan.amountUnit ${r.unit.currency} × ${r.unit.multiplier.toLocaleString('fr-FR')}) ; les montants sont gardés tels qu'écrits, sans conversion.`;
    },
    corrections: (n: number) => `Corrections apportées à ce qui est écrit (${n || 'aucune'}) :`,
    spellings: (n: number) => `Graphies des ministères résolues par le répertoire (${n}) :`,
    role: { responsible: 'responsable', partner: 'partenaire', summary: 'synthèse' } as Record<
      keyof SpellingUse['roles'],
      string
    >,
    first: 'première',
    unknownPartners: (list: string) => `Partenaires hors répertoire, gardés tels qu'écrits : ${list}.`,
    findings: (e: number, w: number) => `Constats de la lecture (${e} erreur(s), ${w} avertissement(s)) :`,
    checks: (e: number, w: number) => `Contrôles du plan (${e} erreur(s), ${w} avertissement(s)) :`,
    unitNote: (unit: string) =>
      `(Les montants de ces contrôles sont dans l'unité du plan, ${unit}, même là où le message dit « millions FCFA ».)`,
    none: '  aucun',
    written: (path: string, id: string, version: string) =>
      `Plan écrit : ${path} (${id}, version ${version}).`,
    adopted: (n: number) =>
      `Plan adopté (--adopted) : ${n} erreur(s) du plan lui-même gardée(s) telle(s) qu'écrite(s) et signalée(s) ci-dessus.`,
    refused: (n: number, adoptableCount: number) =>
      `Aucun plan écrit : ${n} erreur(s) à corriger dans le classeur.${
        adoptableCount > 0
          ? ` Dont ${adoptableCount} erreur(s) du plan lui-même (tableau de synthèse, codes) : un plan déjà adopté, qu'on ne peut plus corriger, s'importe avec --adopted, qui les garde telles qu'écrites et les signale.`
          : ''
      }`,
  },
  en: {
    read: (r: PlanImportReport, file: string) => {
      const sheets = [...new Set(r.tables.map((t) => t.sheet))].map((s) => `"${s}"`).join(', ');
      const detail = `${r.tables.length} detail table${r.tables.length > 1 ? 's' : ''} (sheet${sheets.includes(',') ? 's' : ''} ${sheets})`;
      const summary = r.summary
        ? `summary table "${r.summary.title}" (sheet "${r.summary.sheet}", row ${r.summary.headerRow})`
        : 'no summary table (empty envelope)';
      return `Workbook "${file}": ${detail}, ${summary}.`;
    },
    shape: (r: PlanImportReport) =>
      `Plan: ${r.counts.pillars} pillar(s), ${
        r.hasObjectives
          ? `${r.counts.objectives} strategic objective(s)`
          : 'no strategic objectives (results under their pillar)'
      }, ${r.counts.results} result(s), ${r.counts.activities} activit${r.counts.activities === 1 ? 'y' : 'ies'}.`,
    years: (r: PlanImportReport) => {
      const from = {
        summary: 'from the summary table',
        option: 'from --first-year',
        title: 'from the period written above the tables',
      };
      return r.yearsFrom === null
        ? `Years: unknown (${r.years.length} AN columns).`
        : `Years: ${r.years[0]} to ${r.years.at(-1)} (AN I = ${r.years[0]}, ${from[r.yearsFrom]}).`;
    },
    unit: (r: PlanImportReport) => {
      const from = {
        header: `header ${r.unitFrom.place}`,
        summary: `summary table, ${r.unitFrom.place}`,
        option: '--unit option',
        default: 'no header states it: the default unit',
      }[r.unitFrom.kind];
      return `Amount unit: ${r.unit.label} (${from}); recorded in the plan (plan.unit "${r.unit.label}", plan.amountUnit ${r.unit.currency} × ${r.unit.multiplier.toLocaleString('en-US')}); amounts are kept as written, not converted.`;
    },
    corrections: (n: number) => `Corrections made to what is written (${n || 'none'}):`,
    spellings: (n: number) => `Ministry spellings resolved through the directory (${n}):`,
    role: { responsible: 'responsible', partner: 'partner', summary: 'summary' } as Record<
      keyof SpellingUse['roles'],
      string
    >,
    first: 'first',
    unknownPartners: (list: string) => `Partners outside the directory, kept as written: ${list}.`,
    findings: (e: number, w: number) => `Reading findings (${e} error(s), ${w} warning(s)):`,
    checks: (e: number, w: number) => `Plan checks (${e} error(s), ${w} warning(s)):`,
    unitNote: (unit: string) =>
      `(Amounts in these checks are in the plan's unit, ${unit}, even where the message says "million FCFA".)`,
    none: '  none',
    written: (path: string, id: string, version: string) =>
      `Plan written: ${path} (${id}, version ${version}).`,
    adopted: (n: number) =>
      `Adopted plan (--adopted): ${n} error(s) of the plan itself kept as written and reported above.`,
    refused: (n: number, adoptableCount: number) =>
      `No plan written: ${n} error(s) to fix in the workbook.${
        adoptableCount > 0
          ? ` ${adoptableCount} of them are the plan's own (summary table, codes): a plan already adopted, which can no longer be corrected, is imported with --adopted, which keeps them as written and reports them.`
          : ''
      }`,
  },
} as const;

const mark = (severity: 'error' | 'warning') => (severity === 'error' ? '✗' : '!');

function findingLine(f: ImportFinding, lang: Lang): string {
  return `  ${mark(f.severity)} ${importPlace(f.where)} — ${importMessage(f, lang)}`;
}

/** « MARCC » → MARCC (responsable ×11, partenaire ×35 ; première : Plan!F6). */
function spellingLine(use: SpellingUse, lang: Lang): string {
  const t = T[lang];
  const roles = (Object.entries(use.roles) as [keyof SpellingUse['roles'], number][])
    .map(([role, n]) => `${t.role[role]} ×${n}`)
    .join(', ');
  return `  « ${use.asWritten} » → ${use.codes.join(' + ')} (${roles} ; ${t.first} : ${use.places[0]})`;
}

/** The report as lines of text. `written` is the output path when the plan was written. */
export function importReportLines(
  report: PlanImportReport,
  file: string,
  plan: { id: string; version: string } | null,
  written: string | null,
  lang: Lang,
): string[] {
  const t = T[lang];
  const lines = [t.read(report, file), t.shape(report), t.years(report), t.unit(report), ''];
  lines.push(t.corrections(report.corrections.length));
  for (const c of report.corrections) {
    lines.push(
      `  ${c.place}  ${c.item}  « ${c.asWritten ?? '—'} » → « ${c.correctedTo ?? '—'} »  ${lang === 'fr' ? c.reason : CORRECTION_REASON_EN[c.kind]}`,
    );
  }
  const resolved = report.spellings.filter((u) => u.codes.length > 0);
  lines.push(t.spellings(resolved.length));
  for (const u of resolved) lines.push(spellingLine(u, lang));
  const unknown = report.spellings.filter((u) => u.codes.length === 0);
  if (unknown.length > 0)
    lines.push(t.unknownPartners(unknown.map((u) => `${u.asWritten} ×${u.roles.partner ?? 0}`).join(', ')));
  const errors = report.findings.filter((f) => f.severity === 'error').length;
  lines.push('', t.findings(errors, report.findings.length - errors));
  if (report.findings.length === 0) lines.push(t.none);
  for (const f of report.findings) lines.push(findingLine(f, lang));
  const { stats, findings } = report.checks;
  lines.push('', t.checks(stats.errors, stats.warnings));
  if (findings.length === 0) lines.push(t.none);
  else if (!sameUnit(report.unit, DEFAULT_UNIT)) lines.push(`  ${t.unitNote(report.unit.label)}`);
  for (const f of findings) lines.push(`  ${mark(f.severity)} ${formatFinding(f, lang)}`);
  lines.push('');
  if (plan && written !== null) {
    lines.push(t.written(written, plan.id, plan.version));
    if (report.adopted && adoptable(report) > 0) lines.push(t.adopted(adoptable(report)));
  } else {
    lines.push(t.refused(report.blocking, report.adopted ? 0 : adoptable(report)));
  }
  return lines;
}

function checkJson(f: Finding, lang: Lang) {
  return { ...f, message: messageOf(f, lang) };
}

/** The report as one JSON object, messages in the chosen language. */
export function importReportJson(report: PlanImportReport, written: string | null, lang: Lang) {
  return {
    written,
    valid: report.blocking === 0,
    blocking: report.blocking,
    adopted: report.adopted,
    sheets: report.sheets,
    tables: report.tables,
    summary: report.summary,
    counts: report.counts,
    hasObjectives: report.hasObjectives,
    years: report.years,
    yearsFrom: report.yearsFrom,
    unit: { ...report.unit, from: report.unitFrom },
    corrections: report.corrections.map((c) => ({
      ...c,
      reason: lang === 'fr' ? c.reason : CORRECTION_REASON_EN[c.kind],
    })),
    spellings: report.spellings,
    findings: report.findings.map((f) => ({
      ...f,
      place: importPlace(f.where),
      message: importMessage(f, lang),
    })),
    checks: {
      valid: report.checks.valid,
      stats: report.checks.stats,
      findings: report.checks.findings.map((f) => checkJson(f, lang)),
    },
  };
}
