/**
 * `pac template [--ministry CODE] [--lang fr|en] -o FILE.xlsx`: writes the validated template —
 * one ministry's activities, or the whole plan's — and says what it wrote.
 */
import { writeFile } from 'node:fs/promises';
import { ENTRY_HEADER_ROW, type Lang, ROLLUP_LABELS, templateActivities, templateMinistries } from '#core';
import { shippedPlan } from '../../plan/shipped-plan.ts';
import { templateFile } from '../../xlsx/template-file.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';

const USAGE = 'template [--ministry CODE] [--lang fr|en] -o FICHIER.xlsx';

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
  },
} as const satisfies Record<Lang, unknown>;

export const templateCommand: Command = {
  name: 'template',
  summary: {
    fr: 'Écrit le modèle de saisie .xlsx (un ministère ou le plan complet)',
    en: 'Writes the .xlsx entry template (one ministry or the whole plan)',
  },
  usage: USAGE,
  options: { ministry: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run({ values, lang, io }) {
    const t = T[lang];
    const output = typeof values.output === 'string' ? values.output : '';
    if (output === '') {
      io.err(t.missingOutput);
      return EXIT.unusable;
    }
    const index = shippedPlan();
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
