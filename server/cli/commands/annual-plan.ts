/**
 * `pac annual-plan --year 2024 [--plan PLAN.json] [--lang fr|en] -o FICHIER.xlsx`: the yearly action plan — the
 * activities planned for that year with their amount and responsible ministry, a printable sheet
 * per ministry and a summary — from the plan alone (its costs split over their years). The service
 * gives the same workbook from the ministries' latest returns (GET /api/annual-plan/:year). The plan
 * is the shipped one, or the one of `--plan` (../plan-file.ts).
 */
import { writeFile } from 'node:fs/promises';
import { annualPlanSpec, type Lang, plannedForYear } from '#core';
import { renderWorkbookBuffer } from '../../xlsx/render-workbook.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import { commandPlan, PLAN_FILE_OPTION, PLAN_FILE_USAGE } from '../plan-file.ts';

const USAGE = `annual-plan --year ANNÉE ${PLAN_FILE_USAGE} [--lang fr|en] -o FICHIER.xlsx`;

const T = {
  fr: {
    usage: `Indiquez l'année et le fichier à écrire.\nUsage : pac ${USAGE}`,
    badYear: (y: string, years: readonly number[]) =>
      `Année hors du plan : « ${y} ». Années du plan : ${years.join(', ')}.`,
    written: (path: string, year: number, ministries: number) =>
      `Plan d'action annuel ${year} écrit : ${path} (${ministries} ministères, une feuille chacun, et la synthèse).`,
    cannotWrite: (path: string, why: string) => `Impossible d'écrire « ${path} » : ${why}`,
  },
  en: {
    usage: `Give the year and the file to write.\nUsage: pac ${USAGE.replace('ANNÉE', 'YEAR').replace('FICHIER', 'FILE')}`,
    badYear: (y: string, years: readonly number[]) =>
      `Year outside the plan: "${y}". The plan's years: ${years.join(', ')}.`,
    written: (path: string, year: number, ministries: number) =>
      `Annual action plan ${year} written: ${path} (${ministries} ministries, a sheet each, and the summary).`,
    cannotWrite: (path: string, why: string) => `Cannot write "${path}": ${why}`,
  },
} as const satisfies Record<Lang, unknown>;

export const annualPlanCommand: Command = {
  name: 'annual-plan',
  summary: {
    fr: "Écrit le plan d'action annuel d'une année (.xlsx imprimable, une feuille par ministère)",
    en: 'Writes the annual action plan of a year (printable .xlsx, a sheet per ministry)',
  },
  usage: USAGE,
  options: { year: { type: 'string' }, output: { type: 'string', short: 'o' }, ...PLAN_FILE_OPTION },
  async run(ctx) {
    const { values, lang, io } = ctx;
    const t = T[lang];
    const output = typeof values.output === 'string' ? values.output : '';
    const yearText = typeof values.year === 'string' ? values.year : '';
    if (output === '' || yearText === '') {
      io.err(t.usage);
      return EXIT.unusable;
    }
    const index = await commandPlan(ctx);
    if (index === null) return EXIT.unusable;
    const year = Number(yearText);
    if (!index.years.includes(year)) {
      io.err(t.badYear(yearText, index.years));
      return EXIT.unusable;
    }
    const spec = annualPlanSpec(index, year, plannedForYear(index, year, null), {
      lang,
      generatedAt: new Date().toISOString(),
    });
    const buffer = await renderWorkbookBuffer(spec);
    try {
      await writeFile(output, buffer);
    } catch (error) {
      io.err(t.cannotWrite(output, error instanceof Error ? error.message : String(error)));
      return EXIT.unusable;
    }
    const ministries = spec.sheets.length - 1;
    if (values.json)
      printJson(io, { file: output, year, ministries, sheets: spec.sheets.map((s) => s.name) });
    else io.out(t.written(output, year, ministries));
    return EXIT.ok;
  },
};
