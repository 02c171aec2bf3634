/**
 * What every command shares: the language chosen with --lang, printing, and aligned text tables
 * for readable reports.
 */
import type { Lang } from '#core';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, findings: 1, unusable: 2 } as const;

export function langOf(value: string | undefined): Lang {
  return value === 'en' ? 'en' : 'fr';
}

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A plain-text table: the first row is the header; columns whose cells look numeric align right. */
export function textTable(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths: number[] = [];
  for (const row of cells) {
    for (const [i, c] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, [...c].length);
  }
  const numeric = widths.map((_, i) => cells.slice(1).every((r) => /^[\d\s\u202f,.-]*$/.test(r[i] ?? '')));
  return cells
    .map((row) =>
      row
        .map((c, i) => {
          const pad = ' '.repeat((widths[i] ?? 0) - [...c].length);
          return numeric[i] ? pad + c : c + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
