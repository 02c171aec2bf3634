/**
 * Opens an .xlsx someone sent — by e-mail, on a slow line, from any program — without ever letting
 * ExcelJS near bytes that were not checked first:
 *
 * 1. size: over the limit (10 MB by default) it is refused with its size and the limit;
 * 2. signature: not a zip → what it looks like (PDF, CSV, web page, .ods…); an OLE compound file
 *    → an .xlsx encrypted with a password (it holds an EncryptionInfo stream) or an old .xls;
 * 3. zip directory: entry count, total declared size (200 MB) and ratio bounded before inflating;
 *    encrypted entries, unknown methods, duplicate parts, truncation → a typed problem;
 * 4. inflation: each entry capped at its declared size and CRC-checked (./zip.ts);
 * 5. content: DOCTYPE, links to other workbooks, outside-reaching formulas, formula-injection
 *    text, absurd merged ranges (./content-scan.ts);
 * 6. ExcelJS loads a stored re-pack of exactly the checked parts, so it inflates nothing itself.
 *
 * Never throws: every outcome is a workbook or a problem with French and English wording.
 */
import ExcelJS from 'exceljs';
import { type ContentLimits, DEFAULT_CONTENT_LIMITS, type SheetPart, scanParts } from './content-scan.ts';
import { type FileProblem, ProblemError, problem } from './file-problems.ts';
import { sniff, zipKind } from './sniff.ts';
import {
  DEFAULT_ZIP_LIMITS,
  inflateEntry,
  listEntries,
  type StoredPart,
  storedZip,
  type ZipLimits,
} from './zip.ts';

export interface OpenLimits extends ZipLimits, ContentLimits {
  /** Largest file accepted, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_OPEN_LIMITS: OpenLimits = {
  maxFileBytes: 10 * 1024 * 1024,
  ...DEFAULT_ZIP_LIMITS,
  ...DEFAULT_CONTENT_LIMITS,
};

export type Opened =
  | { ok: true; workbook: ExcelJS.Workbook; sheets: SheetPart[] }
  | { ok: false; problem: FileProblem };

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Steps 1–5: the checked parts, re-packed as a stored zip, and the sheets in tab order. Throws
 * ProblemError; exported for tests and for callers that only need to vet a file.
 */
export function checkPackage(bytes: Uint8Array, limits: OpenLimits): { zip: Buffer; sheets: SheetPart[] } {
  const buf = asBuffer(bytes);
  if (buf.length > limits.maxFileBytes) {
    throw new ProblemError(problem('file_too_large', { size: buf.length, limit: limits.maxFileBytes }));
  }
  const kind = sniff(buf);
  switch (kind.kind) {
    case 'empty':
      throw new ProblemError(problem('file_empty', {}));
    case 'encrypted':
      throw new ProblemError(problem('password_protected', {}));
    case 'xls':
      throw new ProblemError(problem('old_xls', {}));
    case 'other':
      throw new ProblemError(problem('not_xlsx', { looksLike: kind.looksLike }));
    case 'zip':
      break;
  }
  const entries = listEntries(buf, limits);
  const what = zipKind(new Set(entries.map((e) => e.name.toLowerCase())));
  if (what === 'broken_xlsx') throw new ProblemError(problem('corrupt_zip', { reason: 'not_workbook' }));
  if (what !== 'xlsx') throw new ProblemError(problem('not_xlsx', { looksLike: what }));

  const parts = new Map<string, Buffer>();
  const crcs = new Map<string, number>();
  for (const entry of entries) {
    parts.set(entry.name, inflateEntry(buf, entry));
    crcs.set(entry.name, entry.crc);
  }
  const { sheets, ready } = scanParts(parts, limits);
  // A part left whole keeps the CRC just checked; a cut one gets a new one.
  const stored: StoredPart[] = [...ready].map(([name, data]) =>
    data.length === 1 ? { name, data, crc: crcs.get(name) } : { name, data },
  );
  return { zip: storedZip(stored), sheets };
}

/** A short, single-line reason from whatever a library threw. */
function detailOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]?.slice(0, 200) || 'erreur inconnue';
}

export async function safeOpen(bytes: Uint8Array, limits: Partial<OpenLimits> = {}): Promise<Opened> {
  const all: OpenLimits = { ...DEFAULT_OPEN_LIMITS, ...limits };
  let checked: { zip: Buffer; sheets: SheetPart[] };
  try {
    checked = checkPackage(bytes, all);
  } catch (error) {
    if (error instanceof ProblemError) return { ok: false, problem: error.problem };
    return { ok: false, problem: problem('unreadable_workbook', { detail: detailOf(error) }) };
  }
  try {
    const workbook = new ExcelJS.Workbook();
    // ExcelJS's typings want its own Buffer interface; a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(checked.zip as unknown as ArrayBuffer);
    return { ok: true, workbook, sheets: checked.sheets };
  } catch (error) {
    return { ok: false, problem: problem('unreadable_workbook', { detail: detailOf(error) }) };
  }
}
