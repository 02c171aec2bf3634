/**
 * Which line of a return each finding belongs to, so that the dashboard shows a finding under the
 * line it is about. A line sent from the template knows its sheet row, and a finding on that row of
 * the entry sheet is the line's whatever it says; otherwise the finding's activity code decides (the
 * first line with that code). What matches no line — a summary table, the return as a whole — is
 * shown apart. Pure: unit-tested in tests/dashboard/return-lines.test.ts.
 */
import type { Finding, ReturnLine } from '#core';

export interface FindingsByLine {
  /** Findings per line index. */
  perLine: Map<number, Finding[]>;
  general: Finding[];
}

const rowOf = (cell: string | undefined) => {
  const m = /^[A-Z]+(\d+)(?::|$)/.exec(cell ?? '');
  return m ? Number(m[1]) : null;
};

export function findingsByLine(
  lines: readonly Pick<ReturnLine, 'activity' | 'row'>[],
  findings: readonly Finding[],
  entrySheet: string,
): FindingsByLine {
  const byRow = new Map<number, number>();
  const byCode = new Map<string, number>();
  lines.forEach((line, i) => {
    if (line.row !== undefined && !byRow.has(line.row)) byRow.set(line.row, i);
    if (line.activity && !byCode.has(line.activity)) byCode.set(line.activity, i);
  });
  const perLine = new Map<number, Finding[]>();
  const general: Finding[] = [];
  for (const f of findings) {
    const row = f.where.sheet === entrySheet ? rowOf(f.where.cell ?? f.where.range) : null;
    const activity = (f.params as { activity?: unknown }).activity;
    const index =
      (row === null ? undefined : byRow.get(row)) ??
      (typeof activity === 'string' ? byCode.get(activity) : undefined);
    if (index === undefined) general.push(f);
    else perLine.set(index, [...(perLine.get(index) ?? []), f]);
  }
  return { perLine, general };
}
