/**
 * `pac check-plan`: runs the checks on the shipped plan itself and reports what a finance officer
 * wants to know about the document: every arithmetic slip of the summary table (row, expected,
 * actual) and where the detailed activities do not add up to it, per pillar and per ministry.
 * Exit 1 when the document has errors, as `pac validate` does for a return.
 */
import { formatFinding, messageOf, runPlanChecks } from '#core';
import { shippedPlan } from '../../plan/shipped-plan.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';

export const checkPlanCommand: Command = {
  name: 'check-plan',
  summary: {
    fr: 'Contrôle le plan livré : erreurs du tableau II.2.1, écarts entre détail et synthèse',
    en: 'Checks the shipped plan: slips in table II.2.1, gaps between detail and summary',
  },
  usage: 'check-plan [--json] [--lang en]',
  options: {},
  run({ values, lang, io }) {
    const report = runPlanChecks(shippedPlan());
    if (values.json) {
      printJson(io, {
        valid: report.valid,
        stats: report.stats,
        findings: report.findings.map((f) => ({ ...f, message: messageOf(f, lang) })),
      });
    } else {
      const { errors, warnings } = report.stats;
      io.out(
        lang === 'fr'
          ? `Plan ${shippedPlan().plan.plan.id} : ${errors} erreur(s), ${warnings} avertissement(s).`
          : `Plan ${shippedPlan().plan.plan.id}: ${errors} error(s), ${warnings} warning(s).`,
      );
      for (const f of report.findings)
        io.out(`${f.severity === 'error' ? '✗' : '!'} ${formatFinding(f, lang)}`);
    }
    return report.valid ? EXIT.ok : EXIT.findings;
  },
};
