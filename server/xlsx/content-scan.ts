/**
 * Looks through the inflated parts of an .xlsx for what PAC refuses before any spreadsheet library
 * parses them: DOCTYPE declarations (entity expansion), links to other workbooks, formulas that
 * reach outside the file (HYPERLINK, WEBSERVICE, CALL, DDE…), text that would become such a
 * formula if pasted or exported, and merged ranges so large that expanding them cell by cell would
 * never end. Each refusal names the sheet and cell.
 *
 * The scan works on bytes and only decodes what it looks at: formulas are found with
 * Buffer.indexOf("<f"), and text cells are only walked when the shared-string table or an inline
 * string holds a suspicious text. A clean 10,000-line sheet costs a few milliseconds.
 *
 * It also drops the <dataValidations> block of each sheet: PAC never reads validations, and
 * ExcelJS expands every validation range into one entry per cell, which on a whole-column rule
 * (C1:C1048576) is a million objects — or, on A1:XFD1048576, a hang.
 */
import { type FileProblem, ProblemError, problem } from './file-problems.ts';

export interface ContentLimits {
  /** Most cells all merged ranges of one sheet may cover together (ExcelJS makes a cell of each). */
  maxMergedCells: number;
  /** Most merged ranges per sheet: ExcelJS checks each new range against every earlier one. */
  maxMerges: number;
}

// A legacy sheet merges a few hundred result and banner ranges; a whole-row banner is 16,384 cells.
export const DEFAULT_CONTENT_LIMITS: ContentLimits = { maxMergedCells: 500_000, maxMerges: 5_000 };

/** A worksheet part and the name people see on its tab. */
export interface SheetPart {
  name: string;
  path: string;
}

const fail = (p: FileProblem): never => {
  throw new ProblemError(p);
};

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number.parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? '';
  });
}

/** The attributes of one start tag ("<sheet name='A' r:id=\"rId1\"/>"), either quote. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    out.set(m[1] as string, decodeXml(m[2] ?? m[3] ?? ''));
  }
  return out;
}

/** "worksheets/sheet1.xml" from xl/_rels/workbook.xml.rels → "xl/worksheets/sheet1.xml". */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').filter(Boolean);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relationships(xml: string, base: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of xml.matchAll(/<Relationship\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = a.get('Id');
    const target = a.get('Target');
    if (id && target && a.get('TargetMode') !== 'External') out.set(id, resolveTarget(base, target));
    else if (id && target) out.set(id, target);
  }
  return out;
}

/** The sheets in tab order, with the part each one is stored in. */
export function workbookSheets(parts: ReadonlyMap<string, Buffer>): SheetPart[] {
  const workbook = parts.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = relationships(parts.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '', 'xl');
  const sheets: SheetPart[] = [];
  for (const m of workbook.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)) {
    const a = attributes(m[0]);
    const id = [...a.entries()].find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
    const name = a.get('name');
    const path = id === undefined ? undefined : rels.get(id);
    if (name !== undefined && path !== undefined) sheets.push({ name, path });
  }
  return sheets;
}

// --- Formulas and text ------------------------------------------------------------------------

/** Functions that reach outside the workbook: open links, call code, fetch data, talk DDE. */
const OUTSIDE_FUNCTIONS =
  /(?:^|[^A-Za-z0-9_.])(?:_xlfn\.|_xlws\.)?(HYPERLINK|WEBSERVICE|CALL|REGISTER(?:\.ID)?|EXEC|EXECUTE|RTD|DDE|DDEAUTO|IMPORTXML|IMPORTDATA|IMPORTHTML|IMPORTFEED|IMPORTRANGE|IMAGE)\s*\(/i;
/** "[1]Feuil1!A1", "'[1]Feuil 1'!A1", "[budget.xlsx]Feuil1!A1"; a table's "Table1[2021]" is not one. */
const EXTERNAL_REFERENCE = /(?:^|[^A-Za-z0-9_.\]])\[(?:\d+|[^\]]+\.(?:xlsx|xlsm|xlsb|xls|ods|csv))\]/i;
const STRING_LITERAL = /"(?:[^"]|"")*"/g;
const QUOTED_NAME = /'(?:[^']|'')*'/g;

export type FormulaThreat = { kind: 'external' } | { kind: 'function'; name: string } | { kind: 'dde' };

/** What makes a formula unacceptable, if anything. String literals never count. */
export function formulaThreat(formula: string): FormulaThreat | null {
  const code = formula.replace(STRING_LITERAL, '""');
  if (EXTERNAL_REFERENCE.test(code)) return { kind: 'external' };
  const bare = code.replace(QUOTED_NAME, "''");
  const fn = OUTSIDE_FUNCTIONS.exec(bare);
  if (fn) return { kind: 'function', name: (fn[1] as string).toUpperCase() };
  // app|topic!item: a DDE call ("cmd|' /C calc'!A0"); "|" has no other use in a formula.
  if (bare.includes('|')) return { kind: 'dde' };
  return null;
}

/**
 * Text that a spreadsheet would run as a formula if it were pasted, or exported to CSV and
 * reopened: a DDE payload ("+cmd|' /C calc'!A0", "=cmd|…", "@SUM(1+1)*cmd|…!A0"), or a
 * formula-looking text calling an outside function ("=HYPERLINK(…)"). Plain text starting with
 * "-" or "=" ("- voir note", "=> à revoir") passes.
 */
export function isInjectionText(text: string): boolean {
  const t = text.replace(/^[\s\u00a0]+/, '');
  if (!/^[=+\-@]/.test(t)) return false;
  if (/[A-Za-z0-9_.)]\|[^!]*!/.test(t)) return true;
  return OUTSIDE_FUNCTIONS.test(t.slice(1).replace(STRING_LITERAL, '""'));
}

const F_OPEN = Buffer.from('<f');
const F_CLOSE = Buffer.from('</f>');
const C_OPEN = Buffer.from('<c ');
const GT = 0x3e;
const SLASH = 0x2f;

/** The "r" attribute of the cell whose start tag precedes `at`. */
function cellRefBefore(xml: Buffer, at: number): string | undefined {
  const start = xml.lastIndexOf(C_OPEN, at);
  if (start < 0) return undefined;
  const end = xml.indexOf(GT, start);
  return attributes(xml.toString('utf8', start, end)).get('r');
}

/**
 * Every formula of a sheet through `visit`, with a function giving its cell (looked up only when
 * asked: a clean sheet never needs it); stops when visit returns true.
 */
function eachFormula(xml: Buffer, visit: (formula: string, cell: () => string | undefined) => boolean): void {
  let at = xml.indexOf(F_OPEN);
  while (at >= 0) {
    const next = xml[at + 2];
    // "<f>" or "<f t=…>", not "<family…" or "<formula…".
    if (next === GT || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d) {
      const tagEnd = xml.indexOf(GT, at);
      if (tagEnd < 0) return;
      // "<f t="shared" si="0"/>": a shared formula's follower, checked through its master.
      if (xml[tagEnd - 1] !== SLASH) {
        const close = xml.indexOf(F_CLOSE, tagEnd);
        if (close < 0) return;
        const start = at;
        if (visit(decodeXml(xml.toString('utf8', tagEnd + 1, close)), () => cellRefBefore(xml, start)))
          return;
        at = close;
      } else at = tagEnd;
    }
    at = xml.indexOf(F_OPEN, at + 2);
  }
}

function refuseFormula(
  formula: string,
  threat: FormulaThreat,
  where: { sheet: string; cell?: string },
): never {
  if (threat.kind === 'external') return fail(problem('external_links', {}, where));
  return fail(
    problem('dangerous_formula', { function: threat.kind === 'dde' ? 'DDE' : threat.name, formula }, where),
  );
}

/** Texts of the shared-string table, by index, that isInjectionText refuses. */
function suspiciousSharedStrings(xml: Buffer | undefined): Map<number, string> {
  const out = new Map<number, string>();
  // Every payload needs a "|" or a "(": a table without either is clean, whatever its size.
  if (!xml || (!xml.includes('|') && !xml.includes('('))) return out;
  const text = xml.toString('utf8');
  let index = 0;
  for (const m of text.matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) {
    const body = m[1];
    if (body !== undefined && /<t(?:\s[^>]*)?>[\s\u00a0]*[=+\-@]/.test(body)) {
      // Phonetic runs (<rPh>) are furigana, not part of the text.
      const value = decodeXml(body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').replace(/<[^>]+>/g, ''));
      if (isInjectionText(value)) out.set(index, value);
    }
    index++;
  }
  return out;
}

const STR_TYPE = Buffer.from('t="str"');
const C_CLOSE = Buffer.from('</c>');

/**
 * Cells typed "str" without a formula: some writers store plain text that way, and ExcelJS reads
 * it as text. Every formula with a text result is typed "str" too (the template's empty totals), so
 * the cells are reached by their attribute, not by walking the sheet.
 */
function findInjectedStr(xml: Buffer): { cell?: string; text: string } | null {
  let at = xml.indexOf(STR_TYPE);
  while (at >= 0) {
    const tagEnd = xml.indexOf(GT, at);
    if (tagEnd < 0) return null;
    if (xml[tagEnd - 1] !== SLASH) {
      const close = xml.indexOf(C_CLOSE, tagEnd);
      if (close < 0) return null;
      const body = xml.toString('utf8', tagEnd + 1, close);
      if (!body.includes('<f')) {
        const value = decodeXml(/<v>([\s\S]*?)<\/v>/.exec(body)?.[1] ?? '');
        if (isInjectionText(value)) return { cell: cellRefBefore(xml, at), text: value };
      }
    }
    at = xml.indexOf(STR_TYPE, tagEnd);
  }
  return null;
}

/** Cells holding a refused shared string, inline string or plain "str" text. */
function findInjectedCell(xml: Buffer, shared: Map<number, string>): { cell?: string; text: string } | null {
  const str = findInjectedStr(xml);
  if (str) return str;
  const inline = xml.includes('inlineStr');
  if (shared.size === 0 && !inline) return null;
  const text = xml.toString('utf8');
  for (const m of text.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const a = attributes(m[1] ?? '');
    const type = a.get('t');
    const body = m[2] ?? '';
    if (type === 's' && shared.size > 0) {
      const v = /<v>\s*(\d+)\s*<\/v>/.exec(body);
      const found = v ? shared.get(Number(v[1])) : undefined;
      if (found !== undefined) return { cell: a.get('r'), text: found };
    } else if (type === 'inlineStr') {
      const value = decodeXml(body.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '').replace(/<[^>]+>/g, ''));
      if (isInjectionText(value)) return { cell: a.get('r'), text: value };
    }
  }
  return null;
}

function rangeArea(ref: string): number {
  const m = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i.exec(ref.trim());
  if (!m) return 0;
  const col = (letters: string) =>
    [...letters.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const c1 = col(m[1] as string);
  const r1 = Number(m[2]);
  const c2 = m[3] ? col(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) : r1;
  return (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
}

const MERGES_OPEN = Buffer.from('<mergeCells');
const MERGES_CLOSE = Buffer.from('</mergeCells>');

function checkMerges(xml: Buffer, sheet: string, limits: ContentLimits): void {
  // The <mergeCells> block follows <sheetData>: decode that block only, not the whole sheet.
  const start = xml.indexOf(MERGES_OPEN);
  if (start < 0) return;
  const end = xml.indexOf(MERGES_CLOSE, start);
  const block = xml.toString('utf8', start, end < 0 ? xml.length : end);
  let total = 0;
  let count = 0;
  for (const m of block.matchAll(/<mergeCell\s+ref\s*=\s*["']([^"']+)["']/g)) {
    if (++count > limits.maxMerges) {
      fail(problem('zip_bomb', { reason: 'merges', limit: limits.maxMerges, actual: count, entry: sheet }));
    }
    total += rangeArea(m[1] as string);
    if (total > limits.maxMergedCells) {
      fail(
        problem('zip_bomb', {
          reason: 'cells',
          limit: limits.maxMergedCells,
          actual: total,
          entry: `${sheet}!${m[1]}`,
        }),
      );
    }
  }
}

const DV_OPEN = Buffer.from('<dataValidations');
const DV_CLOSE = Buffer.from('</dataValidations>');

/**
 * The sheet without its <dataValidations> block (see the header), as the slices around it: they
 * are copied once, into the stored re-pack, instead of into a new sheet first.
 */
function withoutValidations(xml: Buffer): Buffer[] {
  const start = xml.indexOf(DV_OPEN);
  if (start < 0) return [xml];
  const tagEnd = xml.indexOf(GT, start);
  if (tagEnd < 0) return [xml];
  let end: number;
  if (xml[tagEnd - 1] === SLASH) end = tagEnd + 1;
  else {
    const close = xml.indexOf(DV_CLOSE, tagEnd);
    if (close < 0) return [xml];
    end = close + DV_CLOSE.length;
  }
  return [xml.subarray(0, start), xml.subarray(end)];
}

const DOCTYPE = Buffer.from('<!DOCTYPE');
const ENTITY = Buffer.from('<!ENTITY');

/**
 * Runs every check on the parts (name → bytes, as inflated). Returns the sheets in tab order and
 * the parts to hand ExcelJS, as byte segments (worksheets without their validations). Throws
 * ProblemError on the first refusal.
 */
export function scanParts(
  parts: ReadonlyMap<string, Buffer>,
  limits: ContentLimits = DEFAULT_CONTENT_LIMITS,
): { sheets: SheetPart[]; ready: Map<string, Buffer[]> } {
  for (const [name, data] of parts) {
    if (/\.(xml|rels|vml)$/i.test(name) && (data.includes(DOCTYPE) || data.includes(ENTITY))) {
      fail(problem('unsafe_xml', { entry: name }));
    }
  }
  const sheets = workbookSheets(parts);
  const nameOf = new Map(sheets.map((s) => [s.path, s.name]));

  // Links to other workbooks: name the first cell that uses one, and the file it points at.
  const links = [...parts.keys()].filter((n) => n.startsWith('xl/externalLinks/') && n.endsWith('.xml'));
  const formulaSheets = [...parts.keys()].filter((n) =>
    /^xl\/(worksheets|chartsheets|macrosheets)\//.test(n),
  );
  if (links.length > 0) {
    const rels = parts.get(
      links[0]?.replace(/externalLinks\//, 'externalLinks/_rels/').concat('.rels') ?? '',
    );
    const target = rels ? /Target\s*=\s*["']([^"']+)["']/.exec(rels.toString('utf8'))?.[1] : undefined;
    let where: { sheet: string; cell?: string } | undefined;
    for (const path of formulaSheets) {
      const data = parts.get(path);
      if (!data) continue;
      eachFormula(data, (formula, cell) => {
        if (formulaThreat(formula)?.kind !== 'external') return false;
        where = { sheet: nameOf.get(path) ?? path, cell: cell() };
        return true;
      });
      if (where) break;
    }
    fail(problem('external_links', target ? { target: decodeXml(target) } : {}, where));
  }

  const workbookXml = parts.get('xl/workbook.xml');
  if (workbookXml?.includes('<definedName')) {
    for (const m of workbookXml
      .toString('utf8')
      .matchAll(/<definedName\b([^>]*)>([\s\S]*?)<\/definedName>/g)) {
      const formula = decodeXml(m[2] ?? '');
      const threat = formulaThreat(formula);
      if (threat) refuseFormula(formula, threat, { sheet: attributes(m[1] ?? '').get('name') ?? '' });
    }
  }

  // Macro sheets (Excel 4.0) are formulas too; Macro-enabled workbooks' VBA is never run by PAC.
  for (const path of formulaSheets) {
    const data = parts.get(path);
    if (!data) continue;
    const sheet = nameOf.get(path) ?? path;
    eachFormula(data, (formula, cell) => {
      const threat = formulaThreat(formula);
      if (threat) refuseFormula(formula, threat, { sheet, cell: cell() });
      return false;
    });
  }

  const shared = suspiciousSharedStrings(parts.get('xl/sharedStrings.xml'));
  const ready = new Map([...parts].map(([name, data]) => [name, [data]]));
  for (const path of formulaSheets) {
    const data = parts.get(path);
    if (!data) continue;
    const sheet = nameOf.get(path) ?? path;
    const injected = findInjectedCell(data, shared);
    if (injected) {
      fail(problem('formula_injection', { text: injected.text }, { sheet, cell: injected.cell }));
    }
    checkMerges(data, sheet, limits);
    if (path.startsWith('xl/worksheets/')) ready.set(path, withoutValidations(data));
  }
  return { sheets, ready };
}
