/**
 * `pac plan import CLASSEUR.xlsx -o plan.json [--ministries ministères.csv] [--id ID]
 * [--version V] [--title TITRE] [--unit UNITÉ] [--first-year ANNÉE] [--adopted]`: the command
 * line of server/plan-import. Exit 0 when the plan was written (warnings allowed), 1 when errors
 * stop it (nothing is written, the report says what to fix and where), 2 when the input cannot be
 * used at all (no file, not an .xlsx, no plan table, an unreadable option or ministries file).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ImportFinding } from '../../plan-import/import-findings.ts';
import { importPlanWorkbook } from '../../plan-import/import-plan.ts';
import { importReportJson, importReportLines } from '../../plan-import/import-report.ts';
import { type Directory, extendedDirectory, shippedDirectory } from '../../plan-import/ministry-directory.ts';
import { type ReadUnit, readUnit } from '../../plan-import/unit.ts';
import type { CommandContext, Options } from '../command.ts';
import { EXIT, printJson } from '../output.ts';
import { printProblem, readInput } from './validate.ts';

export const PLAN_IMPORT_USAGE =
  'plan import CLASSEUR.xlsx -o plan.json [--ministries FICHIER.csv] [--id ID] [--version V] [--title TITRE] [--unit UNITÉ] [--first-year ANNÉE] [--adopted]';

export const PLAN_IMPORT_OPTIONS: Options = {
  output: { type: 'string', short: 'o' },
  ministries: { type: 'string' },
  id: { type: 'string' },
  version: { type: 'string' },
  title: { type: 'string' },
  unit: { type: 'string' },
  'first-year': { type: 'string' },
  adopted: { type: 'boolean', default: false },
};

const T = {
  fr: {
    usage: `Indiquez le classeur à lire et le fichier du plan à écrire.\nUsage : pac ${PLAN_IMPORT_USAGE}`,
    unit: (text: string) =>
      `Unité illisible « ${text} » : écrivez par exemple --unit "millions FCFA", --unit "milliers FCFA" ou --unit "millions USD".`,
    firstYear: (text: string) =>
      `Année illisible « ${text} » : --first-year attend une année, par exemple 2026.`,
    csv: (path: string, why: string) => `Fichier des ministères « ${path} » illisible : ${why}`,
    noTable:
      "Aucun tableau de plan trouvé : il faut une ligne d'en-tête avec au moins « Activités », « Coût » et des colonnes AN I, AN II… (et de préférence « Résultats », « Indicateurs », « Département responsable », « Partenaires »). Vérifiez que le classeur contient bien le plan dans cette présentation.",
    cannotWrite: (path: string, why: string) => `Impossible d'écrire « ${path} » : ${why}`,
  },
  en: {
    usage: `Give the workbook to read and the plan file to write.\nUsage: pac ${PLAN_IMPORT_USAGE}`,
    unit: (text: string) =>
      `Unreadable unit "${text}": write for instance --unit "millions FCFA", --unit "milliers FCFA" or --unit "millions USD".`,
    firstYear: (text: string) => `Unreadable year "${text}": --first-year expects a year, such as 2026.`,
    csv: (path: string, why: string) => `Cannot read the ministries file "${path}": ${why}`,
    noTable:
      'No plan table found: it needs a header row with at least "Activités", "Coût" and AN I, AN II… columns (and preferably "Résultats", "Indicateurs", "Département responsable", "Partenaires"). Check that the workbook holds the plan in that layout.',
    cannotWrite: (path: string, why: string) => `Cannot write "${path}": ${why}`,
  },
} as const;

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
const why = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runPlanImport(ctx: CommandContext): Promise<number> {
  const { values, lang, io } = ctx;
  const t = T[lang];
  const json = values.json === true;
  const path = ctx.positionals[1];
  const output = text(values.output);
  if (!path || !output) {
    io.err(t.usage);
    return EXIT.unusable;
  }
  let unit: ReadUnit | undefined;
  const unitText = text(values.unit);
  if (unitText !== undefined) {
    const read = readUnit(unitText);
    if (read.kind !== 'unit') {
      io.err(t.unit(unitText));
      return EXIT.unusable;
    }
    unit = read.unit;
  }
  const yearText = text(values['first-year']);
  if (yearText !== undefined && !/^\d{4}$/.test(yearText)) {
    io.err(t.firstYear(yearText));
    return EXIT.unusable;
  }
  let directory: Directory = shippedDirectory();
  let directoryFindings: ImportFinding[] = [];
  const csvPath = text(values.ministries);
  if (csvPath !== undefined) {
    try {
      ({ directory, findings: directoryFindings } = await extendedDirectory(
        await readFile(csvPath, 'utf8'),
        basename(csvPath),
      ));
    } catch (error) {
      io.err(t.csv(csvPath, why(error)));
      return EXIT.unusable;
    }
  }
  const input = await readInput(path, lang, io, json);
  if ('exit' in input) return input.exit;

  const outcome = await importPlanWorkbook(input.bytes, {
    fileName: basename(path),
    id: text(values.id),
    version: text(values.version),
    title: text(values.title),
    unit,
    firstYear: yearText === undefined ? undefined : Number(yearText),
    adopted: values.adopted === true,
    directory,
    directoryFindings,
  });
  if (outcome.kind === 'unusable') {
    printProblem(io, outcome.problem, lang, json);
    return EXIT.unusable;
  }
  if (outcome.kind === 'no_table') {
    if (json) printJson(io, { unusable: { code: 'plan_table_missing', message: t.noTable } });
    else io.err(t.noTable);
    return EXIT.unusable;
  }
  const { plan, report } = outcome;
  if (plan) {
    try {
      await writeFile(output, `${JSON.stringify(plan, null, 2)}\n`);
    } catch (error) {
      io.err(t.cannotWrite(output, why(error)));
      return EXIT.unusable;
    }
  }
  const written = plan ? output : null;
  if (json) printJson(io, importReportJson(report, written, lang));
  else
    for (const line of importReportLines(report, basename(path), plan?.plan ?? null, written, lang))
      io.out(line);
  return plan ? EXIT.ok : EXIT.findings;
}
