/**
 * `pac template [--ministry CODE] [--plan PLAN.json] [--lang fr|en] -o FILE.xlsx`: writes the
 * validated template — one ministry's activities, or the whole plan's — and says what it wrote.
 * With `--period 2024` (or 2024-S1), the execution follow-up workbook of that period instead. The
 * plan is the shipped one, or the one of `--plan` (../plan-file.ts).
 */
import { writeFile } from 'node:fs/promises';
import {
  buildExecutionSpec,
  ENTRY_HEADER_ROW,
  type Lang,
  parsePeriodKey,
  periodKey,
  plannedForYear,
  ROLLUP_LABELS,
  templateActivities,
  templateMinistries,
} from '#core';
import { renderWorkbookBuffer } from '../../xlsx/render-workbook.ts';
import { templateFile } from '../../xlsx/template-file.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import { commandPlan, PLAN_FILE_OPTION, PLAN_FILE_USAGE } from '../plan-file.ts';

const USAGE = `template [--ministry CODE] [--period ANNÉE[-S1|-S2]] ${PLAN_FILE_USAGE} [--lang fr|en] -o FICHIER.xlsx`;

const T = {
  fr: {
    missingOutput: `Indiquez le fichier à écrire avec -o FICHIER.xlsx.\nUsage : pac ${USAGE}`,
    unknownMinistry: (m: string, codes: string[]) =>
      `Ministère inconnu ou sans activité dans le plan : « ${m} ». Codes valides : ${codes.join(', ')}.`,
    cannotWrite: (path: string, why: string) => `Impossible d'écrire « ${path} » : ${why}`,
    written: (path: string) => `Modèle écrit : ${path}`,
    scope: (m: string | null) => (m === null ? 'Portée : plan complet' : `Portée : ${m}`),
    sheets: (names: string[]) => `Feuilles : ${names.join(', ')}`,
    hidden: 'masquée',
    rows: (rows: number, activities: number) =>
      `Saisie : ${rows} lignes de données, dont ${activities} activités (le reste : sous-totaux pilier, OS, résultat)`,
    badPeriod: (p: string) => `Période invalide : « ${p} ». Écrivez l'année (2024) ou le semestre (2024-S1).`,
    execution: (period: string, activities: number) =>
      `Suivi de l'exécution, période ${period} : ${activities} activités ; « Prévu » : le coût du plan réparti sur ses années (le service y met les retours des ministères).`,
  },
  en: {
    missingOutput: `Give the file to write with -o FILE.xlsx.\nUsage: pac ${USAGE.replace('FICHIER', 'FILE')}`,
    unknownMinistry: (m: string, codes: string[]) =>
      `Unknown ministry, or one with no activity in the plan: "${m}". Valid codes: ${codes.join(', ')}.`,
    cannotWrite: (path: string, why: string) => `Cannot write "${path}": ${why}`,
    written: (path: string) => `Template written: ${path}`,
    scope: (m: string | null) => (m === null ? 'Scope: whole plan' : `Scope: ${m}`),
    sheets: (names: string[]) => `Sheets: ${names.join(', ')}`,
    hidden: 'hidden',
    rows: (rows: number, activities: number) =>
      `Entry: ${rows} data rows, of which ${activities} activities (the rest: pillar, SO and result subtotals)`,
    badPeriod: (p: string) => `Invalid period: "${p}". Write the year (2024) or the half (2024-S1).`,
    execution: (period: string, activities: number) =>
      `Execution follow-up, period ${period}: ${activities} activities; "Planned": the plan's cost split over its years (the service puts the ministries' returns there).`,
  },
} as const satisfies Record<Lang, unknown>;

export const templateCommand: Command = {
  name: 'template',
  summary: {
    fr: 'Écrit le modèle de saisie .xlsx (un ministère ou le plan complet)',
    en: 'Writes the .xlsx entry template (one ministry or the whole plan)',
  },
  usage: USAGE,
  options: {
    ministry: { type: 'string' },
    period: { type: 'string' },
    output: { type: 'string', short: 'o' },
    ...PLAN_FILE_OPTION,
  },
  async run(ctx) {
    const { values, lang, io } = ctx;
    const t = T[lang];
    const output = typeof values.output === 'string' ? values.output : '';
    if (output === '') {
      io.err(t.missingOutput);
      return EXIT.unusable;
    }
    const index = await commandPlan(ctx);
    if (index === null) return EXIT.unusable;
    const valid = templateMinistries(index);
    const asked = typeof values.ministry === 'string' ? values.ministry : null;
    let ministry: string | null = null;
    if (asked !== null) {
      // Any spelling the plan knows ("mjdh", "DNAPES/MJDH") names its ministry; a joint spelling
      // ("MARCC-MRN") names two and is refused rather than guessed.
      const resolved = index.resolveMinistry(asked);
      const code = resolved?.length === 1 ? resolved[0] : undefined;
      if (code === undefined || !valid.includes(code)) {
        io.err(t.unknownMinistry(asked, valid));
        return EXIT.unusable;
      }
      ministry = code;
    }

    if (typeof values.period === 'string') {
      const period = parsePeriodKey(values.period);
      if (!period) {
        io.err(t.badPeriod(values.period));
        return EXIT.unusable;
      }
      const key = periodKey(period.year, period.semester);
      const spec = buildExecutionSpec(index, {
        ministry,
        lang,
        period: key,
        generatedAt: new Date().toISOString(),
        planned: plannedForYear(index, period.year, null),
      });
      const buffer = await renderWorkbookBuffer(spec);
      try {
        await writeFile(output, buffer);
      } catch (error) {
        io.err(t.cannotWrite(output, error instanceof Error ? error.message : String(error)));
        return EXIT.unusable;
      }
      const count = templateActivities(index, ministry).length;
      if (values.json)
        printJson(io, {
          file: output,
          bytes: buffer.length,
          ministry,
          lang,
          period: key,
          activities: count,
          meta: spec.meta,
        });
      else {
        io.out(t.written(output));
        io.out(t.scope(ministry));
        io.out(t.execution(key, count));
      }
      return EXIT.ok;
    }

    const { spec, buffer } = await templateFile(index, {
      ministry,
      lang,
      generatedAt: new Date().toISOString(),
    });
    try {
      await writeFile(output, buffer);
    } catch (error) {
      io.err(t.cannotWrite(output, error instanceof Error ? error.message : String(error)));
      return EXIT.unusable;
    }

    const activities = templateActivities(index, ministry).length;
    const entry = spec.sheets.find((s) => s.key === 'entry');
    // Data rows: everything between the header row and the TOTAL row (the signature block follows it).
    const totalRow = (entry?.cells.findIndex((r) => r[0] === ROLLUP_LABELS.grand[lang]) ?? -1) + 1;
    const dataRows = totalRow > 0 ? totalRow - ENTRY_HEADER_ROW - 1 : 0;
    if (values.json) {
      printJson(io, {
        file: output,
        bytes: buffer.length,
        ministry,
        lang,
        sheets: spec.sheets.map((s) => ({ name: s.name, state: s.state, rows: s.cells.length })),
        dataRows,
        activities,
        meta: spec.meta,
      });
      return EXIT.ok;
    }
    io.out(t.written(output));
    io.out(t.scope(ministry));
    // The metadata sheet is very hidden on purpose: not worth a mention.
    const shown = spec.sheets.filter((s) => s.state !== 'veryHidden');
    io.out(t.sheets(shown.map((s) => (s.state === 'visible' ? s.name : `${s.name} (${t.hidden})`))));
    io.out(t.rows(dataRows, activities));
    return EXIT.ok;
  },
};
