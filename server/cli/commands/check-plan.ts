/**
 * `pac check-plan [--plan PLAN.json]`: runs the checks on the plan itself (the shipped one, or the
 * one of `--plan`: the next cycle's, before it is hosted) and reports what a finance officer
 * wants to know about the document: every arithmetic slip of the summary table (row, expected,
 * actual) and where the detailed activities do not add up to it, per pillar and per ministry.
 * Exit 1 when the document has errors, as `pac validate` does for a return.
 */
import { formatFinding, messageOf, planWords, runPlanChecks } from '#core';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import { commandPlan, PLAN_FILE_OPTION, PLAN_FILE_USAGE } from '../plan-file.ts';

export const checkPlanCommand: Command = {
  name: 'check-plan',
  summary: {
    fr: 'Contrôle le plan (livré, ou --plan) : erreurs du tableau de synthèse, écarts entre détail et synthèse',
    en: 'Checks the plan (shipped, or --plan): slips in the summary table, gaps between detail and summary',
  },
  usage: `check-plan ${PLAN_FILE_USAGE} [--json] [--lang en]`,
  options: { ...PLAN_FILE_OPTION },
  async run(ctx) {
    const { values, lang, io } = ctx;
    const index = await commandPlan(ctx);
    if (index === null) return EXIT.unusable;
    const report = runPlanChecks(index);
    const words = planWords(index.plan);
    if (values.json) {
      printJson(io, {
        valid: report.valid,
        stats: report.stats,
        findings: report.findings.map((f) => ({ ...f, message: messageOf(f, lang, words) })),
      });
    } else {
      const { errors, warnings } = report.stats;
      io.out(
        lang === 'fr'
          ? `Plan ${index.plan.plan.id} : ${errors} erreur(s), ${warnings} avertissement(s).`
          : `Plan ${index.plan.plan.id}: ${errors} error(s), ${warnings} warning(s).`,
      );
      for (const f of report.findings)
        io.out(`${f.severity === 'error' ? '✗' : '!'} ${formatFinding(f, lang, words)}`);
    }
    return report.valid ? EXIT.ok : EXIT.findings;
  },
};
