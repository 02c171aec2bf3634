/**
 * Splits a table of the plan document, as the Word-to-text conversion wrote it, into cells.
 * The conversion starts each cell with a tab at the beginning of a line (several leading tabs are
 * several cells, the first ones empty) and continues a cell on the following lines; a tab in the
 * middle of a line is only spacing inside a cell ("4.1.3.1<TAB>Évaluer…").
 */

export interface Cell {
  /** The cell's text, lines joined with "\n", not trimmed. */
  raw: string;
  /** The text on one line, whitespace collapsed: what a person reads. */
  text: string;
  /** 1-based line of the document where the cell's content starts (where it starts, if blank). */
  line: number;
  /** 1-based line where the cell starts: `raw.split('\n')[i]` is on line `startLine + i`. */
  startLine: number;
}

/** Collapses every kind of whitespace (tabs, no-break spaces, newlines) into single spaces. */
export function squash(text: string): string {
  return text.replace(/[\s\u00a0\u202f\u2009]+/g, ' ').trim();
}

/**
 * Cells of the lines [from, to) (0-based indexes into `lines`). Lines before the first cell are
 * ignored: they are the text above the table.
 */
export function splitCells(lines: readonly string[], from: number, to: number): Cell[] {
  const cells: { raw: string; line: number }[] = [];
  for (let i = from; i < to; i++) {
    const text = lines[i] ?? '';
    const tabs = /^\t*/.exec(text)?.[0].length ?? 0;
    if (tabs === 0) {
      const current = cells.at(-1);
      if (current) current.raw += `\n${text}`;
      continue;
    }
    for (let t = 1; t < tabs; t++) cells.push({ raw: '', line: i + 1 });
    cells.push({ raw: text.slice(tabs), line: i + 1 });
  }
  return cells.map((c) => {
    const blankLinesBefore = /^(?:[ \t\u00a0]*\n)*/.exec(c.raw)?.[0].split('\n').length ?? 1;
    return {
      raw: c.raw,
      startLine: c.line,
      line: c.line + blankLinesBefore - 1,
      text: squash(c.raw.replace(/\t/g, ' ')),
    };
  });
}
