/**
 * `pac validate FICHIER.xlsx [--json] [--lang en] [--ministry CODE] [--plan PLAN.json]`: checks a filled PAC template
 * (or a sheet in the plan's own layout) as the service would on upload, and prints each finding
 * with its sheet and cell ("Saisie!H12 — …"), then a count. Exit 0 without error, 1 with errors,
 * 2 when the file cannot be used at all (with a message saying why and what to do).
 */
import { readFile, stat } from 'node:fs/promises';
import {
  describeLine,
  type Finding,
  formatFinding,
  type Lang,
  type LegacyReading,
  messageOf,
  outOfScope,
  type PlanIndex,
  type PlanWords,
  planWords,
  type Report,
  type TemplateMeta,
  templateMinistries,
} from '#core';
import { type CheckedFile, validateAnyWorkbook } from '../../returns/validate-file.ts';
import { type FileProblem, problem, problemMessage } from '../../xlsx/file-problems.ts';
import { DEFAULT_OPEN_LIMITS } from '../../xlsx/safe-open.ts';
import type { Command, CommandContext } from '../command.ts';
import { EXIT, type Io, printJson } from '../output.ts';
import { commandPlan, PLAN_FILE_OPTION, PLAN_FILE_USAGE } from '../plan-file.ts';

const USAGE = `validate FICHIER.xlsx [--json] [--ministry CODE] ${PLAN_FILE_USAGE}`;

const T = {
  fr: {
    missingFile: `Indiquez le fichier à contrôler.\nUsage : pac ${USAGE}`,
    notFound: (path: string) => `Fichier introuvable : « ${path} ».`,
    cannotRead: (path: string, why: string) => `Impossible de lire « ${path} » : ${why}`,
    unknownMinistry: (m: string, codes: string[]) =>
      `Ministère inconnu ou sans activité dans le plan : « ${m} ». Codes valides : ${codes.join(', ')}.`,
    unusable: 'Fichier inutilisable',
    template: (c: CheckedFile) =>
      `Modèle PAC (version ${c.meta?.templateVersion}), plan ${c.meta?.planId} version ${c.meta?.planVersion}, ${
        c.ministry === null ? 'plan complet' : `ministère ${c.ministry}`
      } — ${c.report.stats.lines} ligne(s) lue(s).`,
    legacy: (c: CheckedFile, sheets: string[], read: number) =>
      `Tableau au format du plan (feuille${sheets.length > 1 ? 's' : ''} ${sheets.map((s) => `« ${s} »`).join(', ')}) — ${read} ligne(s) d'activité, ${c.parsed.lines.length} reconnue(s)${
        c.ministry === null ? '' : ` pour ${c.ministry}`
      }.`,
    otherMinistries: (n: number, m: string) => `${n} ligne(s) d'autres ministères que ${m}, ignorées.`,
    execution: (meta: TemplateMeta, period: string, ministry: string | null, lines: number) =>
      `Suivi de l'exécution (modèle version ${meta.templateVersion}), plan ${meta.planId} version ${meta.planVersion}, période ${period}, ${
        ministry === null ? 'plan complet' : `ministère ${ministry}`
      } — ${lines} ligne(s) lue(s).`,
    noted: 'Lignes reconnues avec une remarque :',
    count: (errors: number, warnings: number) =>
      `${errors} erreur${errors > 1 ? 's' : ''}, ${warnings} avertissement${warnings > 1 ? 's' : ''}.`,
  },
  en: {
    missingFile: `Give the file to check.\nUsage: pac ${USAGE.replace('FICHIER', 'FILE')}`,
    notFound: (path: string) => `File not found: "${path}".`,
    cannotRead: (path: string, why: string) => `Cannot read "${path}": ${why}`,
    unknownMinistry: (m: string, codes: string[]) =>
      `Unknown ministry, or one with no activity in the plan: "${m}". Valid codes: ${codes.join(', ')}.`,
    unusable: 'Unusable file',
    template: (c: CheckedFile) =>
      `PAC template (version ${c.meta?.templateVersion}), plan ${c.meta?.planId} version ${c.meta?.planVersion}, ${
        c.ministry === null ? 'whole plan' : `ministry ${c.ministry}`
      } — ${c.report.stats.lines} line(s) read.`,
    legacy: (c: CheckedFile, sheets: string[], read: number) =>
      `Table in the plan's layout (sheet${sheets.length > 1 ? 's' : ''} ${sheets.map((s) => `"${s}"`).join(', ')}) — ${read} activity row(s), ${c.parsed.lines.length} recognised${
        c.ministry === null ? '' : ` for ${c.ministry}`
      }.`,
    otherMinistries: (n: number, m: string) => `${n} row(s) of ministries other than ${m}, ignored.`,
    execution: (meta: TemplateMeta, period: string, ministry: string | null, lines: number) =>
      `Execution follow-up (template version ${meta.templateVersion}), plan ${meta.planId} version ${meta.planVersion}, period ${period}, ${
        ministry === null ? 'whole plan' : `ministry ${ministry}`
      } — ${lines} line(s) read.`,
    noted: 'Rows recognised with a remark:',
    count: (errors: number, warnings: number) =>
      `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`,
  },
} as const;

/** The file's bytes, or why there are none; a file over the size limit is refused before reading it. */
export async function readInput(
  path: string,
  lang: Lang,
  io: Io,
  json: boolean,
): Promise<{ bytes: Buffer } | { exit: number }> {
  const t = T[lang];
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw Object.assign(new Error('not a file'), { code: 'ENOENT' });
    size = s.size;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    io.err(code === 'ENOENT' ? t.notFound(path) : t.cannotRead(path, String((error as Error).message)));
    return { exit: EXIT.unusable };
  }
  if (size > DEFAULT_OPEN_LIMITS.maxFileBytes) {
    printProblem(
      io,
      problem('file_too_large', { size, limit: DEFAULT_OPEN_LIMITS.maxFileBytes }),
      lang,
      json,
    );
    return { exit: EXIT.unusable };
  }
  try {
    return { bytes: await readFile(path) };
  } catch (error) {
    io.err(t.cannotRead(path, error instanceof Error ? error.message : String(error)));
    return { exit: EXIT.unusable };
  }
}

/** The ministry of --ministry as a plan code, null when not given, undefined (after a message) when unknown. */
export function ministryOption(ctx: CommandContext, index: PlanIndex): string | null | undefined {
  const asked = typeof ctx.values.ministry === 'string' ? ctx.values.ministry : null;
  if (asked === null) return null;
  const valid = templateMinistries(index);
  const resolved = index.resolveMinistry(asked);
  const code = resolved?.length === 1 ? resolved[0] : undefined;
  if (code === undefined || !valid.includes(code)) {
    ctx.io.err(T[ctx.lang].unknownMinistry(asked, valid));
    return undefined;
  }
  return code;
}

/**
 * What a command on one input file starts from: the plan (shipped, or --plan), the --ministry it
 * names and the file's bytes, or the exit code once a message has said why not.
 */
export async function openInputFile(
  ctx: CommandContext,
  path: string,
): Promise<{ index: PlanIndex; ministry: string | null; bytes: Buffer } | { exit: number }> {
  const index = await commandPlan(ctx);
  if (index === null) return { exit: EXIT.unusable };
  const ministry = ministryOption(ctx, index);
  if (ministry === undefined) return { exit: EXIT.unusable };
  const input = await readInput(path, ctx.lang, ctx.io, ctx.values.json === true);
  return 'exit' in input ? input : { index, ministry, bytes: input.bytes };
}

export function problemJson(p: FileProblem, lang: Lang) {
  return {
    code: p.code,
    params: p.params,
    ...(p.where ? { where: p.where } : {}),
    message: problemMessage(p, lang),
  };
}

export function printProblem(io: Io, p: FileProblem, lang: Lang, json: boolean): void {
  if (json) {
    printJson(io, { unusable: problemJson(p, lang) });
    return;
  }
  // The message names the sheet and cell itself where there is one.
  io.err(`${T[lang].unusable}${lang === 'fr' ? ' : ' : ': '}${problemMessage(p, lang)}`);
}

/** The findings with their message, in the words of the plan checked against (its unit, its tables). */
export function findingsJson(findings: readonly Finding[], lang: Lang, words: PlanWords) {
  return findings.map((f) => ({ ...f, message: messageOf(f, lang, words) }));
}

/** Every finding on its own line ("✗ Saisie!H12 — …" for errors, "! …" for warnings), then the count. */
export function printReport(io: Io, report: Report, lang: Lang, words: PlanWords): void {
  for (const f of report.findings)
    io.out(`${f.severity === 'error' ? '✗' : '!'} ${formatFinding(f, lang, words)}`);
  io.out(T[lang].count(report.stats.errors, report.stats.warnings));
}

/**
 * Remarks on legacy rows that were imported (renumbered code, reworded title, unreadable mark) and
 * how many rows were another ministry's; rows that could not be imported are findings.
 */
export function printLegacyRows(io: Io, checked: CheckedFile, lang: Lang): void {
  const lines = checked.legacy?.mapping.lines ?? [];
  const noted = lines.filter((l) => !l.skipped && l.notes.length > 0);
  const others = lines.filter(outOfScope).length;
  if (noted.length > 0) {
    io.out(T[lang].noted);
    for (const l of noted) io.out(`· ${describeLine(l, lang)}`);
  }
  if (others > 0 && checked.ministry !== null) io.out(T[lang].otherMinistries(others, checked.ministry));
}

export function legacyJson(legacy: LegacyReading, lang: Lang) {
  return {
    tables: legacy.tables.map((t) => ({ sheet: t.sheet, headerRow: t.headerRow })),
    lines: legacy.mapping.lines.map((l) => ({
      sheet: l.source.sheet,
      row: l.source.row,
      code: l.source.codeAsRead,
      activity: l.activity?.code ?? null,
      imported: l.skipped === null,
      ...(l.skipped ? { reason: l.skipped } : {}),
      notes: l.notes,
      message: describeLine(l, lang),
    })),
  };
}

export const validateCommand: Command = {
  name: 'validate',
  summary: {
    fr: 'Contrôle un fichier .xlsx rempli (modèle PAC ou tableau au format du plan)',
    en: 'Checks a filled .xlsx file (PAC template or table in the plan’s layout)',
  },
  usage: USAGE,
  options: { ministry: { type: 'string' }, ...PLAN_FILE_OPTION },
  async run(ctx) {
    const { lang, io, values } = ctx;
    const t = T[lang];
    const json = values.json === true;
    const path = ctx.positionals[0];
    if (!path) {
      io.err(t.missingFile);
      return EXIT.unusable;
    }
    const input = await openInputFile(ctx, path);
    if ('exit' in input) return input.exit;
    const { index, ministry } = input;
    const words = planWords(index.plan);

    const result = await validateAnyWorkbook(input.bytes, index, ministry === null ? {} : { ministry });
    if (result.kind === 'unusable') {
      printProblem(io, result.problem, lang, json);
      return EXIT.unusable;
    }
    const failed = !result.report.valid;
    if (result.kind === 'execution') {
      if (json)
        printJson(io, {
          valid: !failed,
          layout: 'execution',
          meta: result.meta,
          ministry: result.ministry,
          period: result.period,
          stats: result.report.stats,
          findings: findingsJson(result.report.findings, lang, words),
        });
      else {
        io.out(t.execution(result.meta, result.period, result.ministry, result.parsed.lines.length));
        printReport(io, result.report, lang, words);
      }
      return failed ? EXIT.findings : EXIT.ok;
    }
    if (json) {
      printJson(io, {
        valid: !failed,
        layout: result.layout,
        meta: result.meta,
        ministry: result.ministry,
        stats: result.report.stats,
        findings: findingsJson(result.report.findings, lang, words),
        ...(result.legacy ? { legacy: legacyJson(result.legacy, lang) } : {}),
      });
    } else {
      if (result.layout === 'template') io.out(t.template(result));
      else {
        const sheets = [...new Set(result.legacy?.tables.map((x) => x.sheet) ?? [])];
        io.out(t.legacy(result, sheets, result.legacy?.mapping.lines.length ?? 0));
        printLegacyRows(io, result, lang);
      }
      printReport(io, result.report, lang, words);
    }
    return failed ? EXIT.findings : EXIT.ok;
  },
};
