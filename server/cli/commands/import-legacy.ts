/**
 * `pac import-legacy ENTREE.xlsx -o SORTIE.xlsx [--ministry CODE] [--json] [--lang en]`: reads a
 * workbook kept in the layout of the plan document (section IV tables), maps each row to the
 * canonical plan, writes the PAC template filled with what it imported, and checks that file.
 * The report says, row by row, what was imported and how its cost was split — or why a row was
 * not imported. Exit 0 when every row was imported and the written file has no error, 1 otherwise,
 * 2 when nothing could be written.
 */
import { writeFile } from 'node:fs/promises';
import { describeLine, type Lang, outOfScope, planWords, unmapped } from '#core';
import { importLegacy } from '../../legacy/import-legacy.ts';
import type { Command } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import {
  findingsJson,
  legacyJson,
  openInputFile,
  printProblem,
  printReport,
  problemJson,
} from './validate.ts';

const USAGE = 'import-legacy ENTREE.xlsx -o SORTIE.xlsx [--ministry CODE]';

const T = {
  fr: {
    missingInput: `Indiquez le tableau à importer et le modèle à écrire.\nUsage : pac ${USAGE}`,
    cannotWrite: (path: string, why: string) => `Impossible d'écrire « ${path} » : ${why}`,
    read: (sheets: string[], tables: number, rows: number) =>
      `Tableau au format du plan : ${tables} tableau${tables > 1 ? 'x' : ''} (feuille${sheets.length > 1 ? 's' : ''} ${sheets
        .map((s) => `« ${s} »`)
        .join(', ')}), ${rows} ligne(s) d'activité.`,
    counts: (imported: number, skipped: number, others: number) =>
      `Importées : ${imported} ; non importées : ${skipped}${others > 0 ? ` ; d'autres ministères, ignorées : ${others}` : ''}.`,
    missing: (n: number, codes: string[]) =>
      `Activités du plan absentes du tableau (${n}), laissées à remplir : ${codes.join(', ')}.`,
    rule: "Règle du coût : le tableau d'origine donne un coût par activité, sans répartition par année. PAC le répartit à parts égales sur les années cochées (X), le reste au franc près sur la dernière année cochée, pour que la somme soit exacte ; sans année cochée, rien n'est réparti. Chaque ligne le dit dans sa colonne Commentaire : ajustez la répartition dans le modèle.",
    written: (path: string, ministry: string | null) =>
      `Modèle écrit : ${path} (${ministry === null ? 'plan complet' : `ministère ${ministry}`}).`,
    checked: 'Contrôle du modèle écrit :',
  },
  en: {
    missingInput: `Give the table to import and the template to write.\nUsage: pac ${USAGE.replace('ENTREE', 'IN').replace('SORTIE', 'OUT')}`,
    cannotWrite: (path: string, why: string) => `Cannot write "${path}": ${why}`,
    read: (sheets: string[], tables: number, rows: number) =>
      `Table in the plan's layout: ${tables} table${tables > 1 ? 's' : ''} (sheet${sheets.length > 1 ? 's' : ''} ${sheets
        .map((s) => `"${s}"`)
        .join(', ')}), ${rows} activity row(s).`,
    counts: (imported: number, skipped: number, others: number) =>
      `Imported: ${imported}; not imported: ${skipped}${others > 0 ? `; other ministries', ignored: ${others}` : ''}.`,
    missing: (n: number, codes: string[]) =>
      `Plan activities missing from the table (${n}), left to fill: ${codes.join(', ')}.`,
    rule: 'Cost rule: the original table gives one cost per activity, not split by year. PAC splits it evenly over the years marked X, with the remainder to the franc on the last marked year so that the sum is exact; with no year marked nothing is split. Each line says so in its Comment column: adjust the split in the template.',
    written: (path: string, ministry: string | null) =>
      `Template written: ${path} (${ministry === null ? 'whole plan' : `ministry ${ministry}`}).`,
    checked: 'Check of the written template:',
  },
} as const satisfies Record<Lang, unknown>;

export const importLegacyCommand: Command = {
  name: 'import-legacy',
  summary: {
    fr: 'Importe un tableau au format du plan dans le modèle PAC et le contrôle',
    en: 'Imports a table in the plan’s layout into the PAC template and checks it',
  },
  usage: USAGE,
  options: { ministry: { type: 'string' }, output: { type: 'string', short: 'o' } },
  async run(ctx) {
    const { lang, io, values } = ctx;
    const t = T[lang];
    const json = values.json === true;
    const path = ctx.positionals[0];
    const output = typeof values.output === 'string' ? values.output : '';
    if (!path || output === '') {
      io.err(t.missingInput);
      return EXIT.unusable;
    }
    const input = await openInputFile(ctx, path);
    if ('exit' in input) return input.exit;
    const { index, ministry } = input;

    const result = await importLegacy(input.bytes, index, {
      ministry,
      lang,
      generatedAt: new Date().toISOString(),
    });
    if (result.kind === 'unusable') {
      printProblem(io, result.problem, lang, json);
      return EXIT.unusable;
    }
    try {
      await writeFile(output, result.file);
    } catch (error) {
      io.err(t.cannotWrite(output, error instanceof Error ? error.message : String(error)));
      return EXIT.unusable;
    }
    const { mapping, tables } = result.reading;
    const skipped = unmapped(mapping.lines).length;
    const imported = mapping.lines.filter((l) => l.activity !== null).length;
    const others = mapping.lines.filter(outOfScope).length;
    const v = result.validation;
    const validOutput = v.kind === 'checked' && v.report.valid;
    const exit = skipped === 0 && validOutput ? EXIT.ok : EXIT.findings;

    if (json) {
      printJson(io, {
        file: output,
        ministry,
        imported,
        skipped,
        otherMinistries: others,
        missing: mapping.missing.map((a) => a.code),
        legacy: legacyJson(result.reading, lang),
        validation:
          v.kind === 'checked'
            ? {
                valid: v.report.valid,
                stats: v.report.stats,
                findings: findingsJson(v.report.findings, lang, planWords(index.plan)),
              }
            : { unusable: problemJson(v.problem, lang) },
      });
      return exit;
    }
    const sheets = [...new Set(tables.map((x) => x.sheet))];
    io.out(t.read(sheets, tables.length, mapping.lines.length));
    io.out(t.counts(imported, skipped, others));
    // ✗ not imported, – another ministry's (out of scope), ! imported with a remark, · imported.
    for (const l of mapping.lines) {
      const mark = outOfScope(l) ? '–' : l.skipped ? '✗' : l.notes.length > 0 ? '!' : '·';
      io.out(`${mark} ${describeLine(l, lang)}`);
    }
    if (mapping.missing.length > 0) {
      io.out(
        t.missing(
          mapping.missing.length,
          mapping.missing.map((a) => a.code),
        ),
      );
    }
    io.out(t.rule);
    io.out(t.written(output, ministry));
    io.out(t.checked);
    if (v.kind === 'checked') printReport(io, v.report, lang, planWords(index.plan));
    else printProblem(io, v.problem, lang, false);
    return exit;
  },
};
