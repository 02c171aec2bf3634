/**
 * `pac plan diff ANCIEN.json NOUVEAU.json [--json] [--lang en]`: what the next cycle's plan keeps,
 * renames, renumbers, merges, splits, drops and adds of the previous one, and how money moves per
 * pillar and per lead ministry (the rules are in addin/core/plan-diff.ts). Prints a report in
 * French (English with --lang en), or the comparison as JSON with --json. Exit 0 when both plans
 * were read, 2 when a file is missing or is not a plan.
 */
import {
  CYCLE_DIFF_WORDS,
  CYCLE_KINDS,
  type CycleActivity,
  type CycleDiff,
  type CycleKind,
  cycleAmount,
  cycleUnitLabel,
  diffPlanCycles,
  type Lang,
  type MoneyMove,
} from '#core';
import type { CommandContext } from '../command.ts';
import { EXIT, type Io, printJson, textTable } from '../output.ts';
import { readPlanFile } from '../plan-file.ts';

export const PLAN_DIFF_USAGE = 'plan diff ANCIEN.json NOUVEAU.json [--json] [--lang en]';

const T = {
  fr: {
    usage: `Indiquez le plan de l'ancien cycle et celui du nouveau.\nUsage : pac ${PLAN_DIFF_USAGE}`,
    version: 'version',
    similarity: 'ressemblance',
  },
  en: {
    usage: `Give the previous cycle's plan and the new one.\nUsage: pac ${PLAN_DIFF_USAGE}`,
    version: 'version',
    similarity: 'likeness',
  },
} as const;

function change(decimal: string | null, lang: Lang): string {
  const text = cycleAmount(decimal, lang);
  return decimal !== null && !decimal.startsWith('-') && decimal !== '0' ? `+${text}` : text;
}

function percent(decimal: string | null, lang: Lang): string {
  if (decimal === null) return CYCLE_DIFF_WORDS[lang].absent;
  const sign = decimal.startsWith('-') || /^0\.0$/.test(decimal) ? '' : '+';
  return lang === 'fr' ? `${sign}${decimal.replace('.', ',')}\u00a0%` : `${sign}${decimal}%`;
}

const short = (title: string) => (title.length > 90 ? `${title.slice(0, 89)}…` : title);
const costOf = (a: CycleActivity, lang: Lang) =>
  a.costNote === 'PM' ? 'PM' : a.cost === null ? '—' : cycleAmount(String(a.cost), lang);

function count(diff: CycleDiff, kind: CycleKind): number {
  return diff[kind].length;
}

/** The lines of one kind's list, under its heading. */
function kindLines(diff: CycleDiff, kind: CycleKind, lang: Lang): string[] {
  const t = T[lang];
  const q = (s: string) => (lang === 'fr' ? `« ${short(s)} »` : `"${short(s)}"`);
  switch (kind) {
    case 'kept':
      return [];
    case 'renamed':
      return diff.renamed.map((p) => `  ${p.old.code}  ${q(p.old.title)} → ${q(p.new.title)}`);
    case 'renumbered':
      return diff.renumbered.map(
        (p) =>
          `  ${p.old.code} → ${p.new.code}  (${t.similarity} ${String(p.similarity).replace('.', lang === 'fr' ? ',' : '.')})  ${q(p.new.title)}`,
      );
    case 'merged':
    case 'split':
      return diff[kind].flatMap((g) => [
        `  ${g.old.map((a) => a.code).join(' + ')} → ${g.new.map((a) => a.code).join(' + ')}`,
        ...(kind === 'merged' ? g.old : g.new).map((a) => `      ${a.code}  ${q(a.title)}`),
        ...(kind === 'merged' ? g.new : g.old).map((a) => `    = ${a.code}  ${q(a.title)}`),
      ]);
    case 'dropped':
    case 'added':
      return diff[kind].map((a) => `  ${a.code}  ${costOf(a, lang)}  ${a.responsible}  ${q(a.title)}`);
  }
}

function moneyTable(diff: CycleDiff, rows: readonly MoneyMove[], first: string, lang: Lang): string {
  const w = CYCLE_DIFF_WORDS[lang];
  const withChange = diff.sameUnit;
  const cells = (name: string, m: MoneyMove) => [
    name,
    cycleAmount(m.before, lang),
    cycleAmount(m.after, lang),
    ...(withChange ? [change(m.change, lang), percent(m.percent, lang)] : []),
  ];
  const table = [
    [
      first,
      w.amountsOf(diff.old.id, cycleUnitLabel(diff.old, lang)),
      w.amountsOf(diff.new.id, cycleUnitLabel(diff.new, lang)),
      ...(withChange ? [w.change, w.percent] : []),
    ],
    ...rows.map((m) => cells(m.key === m.name ? m.key : `${m.key} ${m.name}`, m)),
    cells(w.total, diff.money.total),
  ];
  // Amounts right-aligned, signs and "%" included (textTable aligns plain numbers only).
  const widths = (table[0] as string[]).map((_, i) =>
    Math.max(...table.map((r) => [...(r[i] ?? '')].length)),
  );
  return textTable(table.map((r) => r.map((c, i) => (i === 0 ? c : c.padStart(widths[i] ?? 0)))));
}

export function printCycleDiff(io: Io, diff: CycleDiff, lang: Lang): void {
  const w = CYCLE_DIFF_WORDS[lang];
  const t = T[lang];
  io.out(w.title(diff.old.id, diff.new.id));
  io.out(`  ${diff.old.title} — ${t.version} ${diff.old.version}`);
  io.out(`  ${diff.new.title} — ${t.version} ${diff.new.version}`);
  io.out(`${w.activityCounts(diff.old.activities, diff.new.activities)}\n`);
  io.out(
    textTable([
      [w.kind, w.number, w.meaningHead],
      ...CYCLE_KINDS.map((k) => [w.kinds[k], String(count(diff, k)), w.meaning[k]]),
    ]),
  );
  for (const kind of CYCLE_KINDS) {
    const lines = kindLines(diff, kind, lang);
    if (lines.length === 0) continue;
    io.out(`\n${w.kinds[kind]} (${count(diff, kind)})${lang === 'fr' ? ' :' : ':'}`);
    for (const line of lines) io.out(line);
  }
  if (!diff.sameUnit)
    io.out(`\n${w.differentUnits(cycleUnitLabel(diff.old, lang), cycleUnitLabel(diff.new, lang))}`);
  io.out(`\n${w.moneyByPillar}`);
  io.out(moneyTable(diff, diff.money.byPillar, w.pillar, lang));
  io.out(`\n${w.moneyByMinistry}`);
  io.out(moneyTable(diff, diff.money.byMinistry, w.ministry, lang));
}

export async function runPlanDiff(ctx: CommandContext): Promise<number> {
  const { lang, io, values } = ctx;
  const [, oldPath, newPath] = ctx.positionals;
  if (!oldPath || !newPath || ctx.positionals.length > 3) {
    io.err(T[lang].usage);
    return EXIT.unusable;
  }
  const older = await readPlanFile(oldPath, lang);
  const newer = await readPlanFile(newPath, lang);
  for (const read of [older, newer]) {
    if ('message' in read) {
      if (values.json) printJson(io, { unusable: { code: 'plan_unreadable', message: read.message } });
      else io.err(read.message);
      return EXIT.unusable;
    }
  }
  if (!('plan' in older) || !('plan' in newer)) return EXIT.unusable;
  const diff = diffPlanCycles(older.plan, newer.plan);
  if (values.json) printJson(io, diff);
  else printCycleDiff(io, diff, lang);
  return EXIT.ok;
}
