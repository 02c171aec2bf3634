/**
 * The ministry directory a plan import resolves spellings through: the one shipped with PAC
 * (server/plan-extraction/ministry-directory.ts), extended by the user's CSV file (`--ministries`).
 *
 * CSV columns: code, name, spellings separated by "|", parent (a directorate's ministry); a first
 * row headed "code" is a header; "," or ";" separates columns (Excel writes ";" in French). A row
 * with a known code adds its spellings and replaces its name and parent when given; a code made of
 * known codes joined by "+" ("MSPC+MDAC") declares a joint responsibility, written as its
 * spellings say. A spelling can mean one thing only: one claimed twice is an error at its cell.
 */
import { parseString } from '@fast-csv/parse';
import { columnLetter, type Ministry, spellingKey } from '#core';
import { JOINT_SPELLINGS, MINISTRY_DIRECTORY } from '../plan-extraction/ministry-directory.ts';
import { type ImportFinding, importFinding } from './import-findings.ts';

export type DirectoryEntry = Omit<Ministry, 'returns'>;

export interface JointEntry {
  asWritten: string;
  ministries: string[];
}

export interface Directory {
  entries: DirectoryEntry[];
  joints: JointEntry[];
  /** Codes a spelling refers to (one, or several for a joint responsibility); null when unknown. */
  resolve(asWritten: string): string[] | null;
}

const CODE = /^[\p{L}\p{N}_.-]+$/u;

function copyEntries(): { entries: DirectoryEntry[]; joints: JointEntry[] } {
  return {
    entries: MINISTRY_DIRECTORY.map((m) => ({ ...m, spellings: [...m.spellings] })),
    joints: JOINT_SPELLINGS.map((j) => ({ asWritten: j.asWritten, ministries: [...j.ministries] })),
  };
}

function spellingMap(
  entries: readonly DirectoryEntry[],
  joints: readonly JointEntry[],
): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const m of entries) {
    map.set(spellingKey(m.code), [m.code]);
    for (const s of m.spellings) map.set(spellingKey(s), [m.code]);
  }
  for (const j of joints) map.set(spellingKey(j.asWritten), j.ministries);
  return map;
}

function directoryOf(entries: DirectoryEntry[], joints: JointEntry[]): Directory {
  const map = spellingMap(entries, joints);
  return { entries, joints, resolve: (text) => map.get(spellingKey(text)) ?? null };
}

/** The shipped directory alone. */
export function shippedDirectory(): Directory {
  const { entries, joints } = copyEntries();
  return directoryOf(entries, joints);
}

/** The CSV's rows as text cells; a parse failure (an unclosed quote) is thrown as fast-csv says it. */
async function csvRows(text: string): Promise<string[][]> {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString<string[], string[]>(body, { delimiter, trim: true })
      .on('error', reject)
      .on('data', (row: string[]) => rows.push(row))
      .on('end', () => resolve(rows));
  });
}

/**
 * The shipped directory extended by a CSV file's rows, with a finding for each row that cannot be
 * taken. `file` names the CSV in findings (its cells are addressed like a sheet's: "A3").
 */
export async function extendedDirectory(
  text: string,
  file: string,
): Promise<{ directory: Directory; findings: ImportFinding[] }> {
  const { entries, joints } = copyEntries();
  const findings: ImportFinding[] = [];
  const rows = await csvRows(text);
  const byCode = new Map(entries.map((m) => [m.code, m]));
  const owner = spellingMap(entries, joints);
  const at = (line: number, col: number) => ({ sheet: file, cell: `${columnLetter(col)}${line}` });
  // Parents are resolved once every row is read: a directorate may come before its ministry.
  const parents: { entry: DirectoryEntry; parent: string; line: number }[] = [];

  rows.forEach((cells, i) => {
    const line = i + 1;
    const [code = '', name = '', spellingsText = '', parent = ''] = cells;
    if (cells.every((c) => c === '')) return;
    if (i === 0 && code.toLowerCase() === 'code') return;
    const spellings = spellingsText
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
    const claim = (spelling: string, codes: string[], col: number): boolean => {
      const key = spellingKey(spelling);
      const held = owner.get(key);
      if (held && held.join('+') !== codes.join('+')) {
        findings.push(
          importFinding('directory_spelling_conflict', 'error', at(line, col), {
            spelling,
            code: codes.join('+'),
            other: held.join('+'),
          }),
        );
        return false;
      }
      owner.set(key, codes);
      return true;
    };

    if (code.includes('+')) {
      const parts = code.split('+').map((p) => p.trim());
      const unknown = parts.find((p) => !byCode.has(p));
      if (unknown !== undefined || parts.length < 2) {
        findings.push(
          importFinding('directory_joint_unknown', 'error', at(line, 0), { code, part: unknown ?? code }),
        );
        return;
      }
      for (const s of spellings) if (claim(s, parts, 2)) joints.push({ asWritten: s, ministries: parts });
      return;
    }
    if (!CODE.test(code)) {
      findings.push(
        importFinding('directory_row_unreadable', 'error', at(line, 0), { reason: 'code', text: code }),
      );
      return;
    }
    let entry = byCode.get(code);
    if (!entry) {
      if (name === '') {
        findings.push(
          importFinding('directory_row_unreadable', 'error', at(line, 1), { reason: 'name', text: code }),
        );
        return;
      }
      if (!claim(code, [code], 0)) return;
      entry = { code, name, nameInDocument: false, spellings: [], parent: null };
      entries.push(entry);
      byCode.set(code, entry);
    } else if (name !== '') {
      entry.name = name;
    }
    for (const s of spellings) {
      if (claim(s, [code], 2) && !entry.spellings.includes(s)) entry.spellings.push(s);
    }
    if (parent !== '') parents.push({ entry, parent, line });
  });
  for (const { entry, parent, line } of parents) {
    if (byCode.has(parent)) entry.parent = parent;
    else
      findings.push(
        importFinding('directory_parent_unknown', 'error', at(line, 3), { code: entry.code, parent }),
      );
  }
  return { directory: directoryOf(entries, joints), findings };
}

/** One spelling of the workbook and what the directory made of it, with the cells it is written in. */
export interface SpellingUse {
  asWritten: string;
  /** The ministry codes it resolved to; empty for a partner the directory does not know (kept as written). */
  codes: string[];
  /** How many cells use it, per column. */
  roles: Partial<Record<'responsible' | 'partner' | 'summary', number>>;
  places: string[];
}

/** Records each spelling once, in the order they are met. */
export class SpellingLog {
  readonly #uses = new Map<string, SpellingUse & { seen: Set<string> }>();

  record(asWritten: string, codes: string[], role: keyof SpellingUse['roles'], place: string): void {
    let use = this.#uses.get(asWritten);
    if (!use) {
      use = { asWritten, codes, roles: {}, places: [], seen: new Set() };
      this.#uses.set(asWritten, use);
    }
    use.roles[role] = (use.roles[role] ?? 0) + 1;
    if (!use.seen.has(place)) {
      use.seen.add(place);
      use.places.push(place);
    }
  }

  get uses(): SpellingUse[] {
    return [...this.#uses.values()].map(({ seen: _, ...use }) => use);
  }
}
