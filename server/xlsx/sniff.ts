/**
 * What a file is, from its first bytes, before anything tries to unpack it: a zip (maybe an
 * .xlsx), an OLE compound file (an old .xls, or an .xlsx encrypted with a password, which Office
 * wraps in the same container), or something a person sent by mistake — a PDF, a CSV, a web page
 * saved as ".xls". The guess only chooses the message; it never lets a file through.
 */
import type { LooksLike } from './file-problems.ts';

export type Sniffed =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'encrypted' }
  | { kind: 'xls' }
  | { kind: 'other'; looksLike: LooksLike };

const CFB = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const utf16 = (text: string) => Buffer.from(text, 'utf16le');
// Stream names sit in the CFB directory in UTF-16LE. An encrypted OOXML package holds
// "EncryptionInfo" and "EncryptedPackage" (MS-OFFCRYPTO); an .xls holds "Workbook" (or "Book").
const ENCRYPTION_INFO = utf16('EncryptionInfo');
const ENCRYPTED_PACKAGE = utf16('EncryptedPackage');
const WORKBOOK = utf16('Workbook');
const BOOK = utf16('Book');
const WORD = utf16('WordDocument');

function startsWith(buf: Buffer, prefix: Buffer | string): boolean {
  const p = typeof prefix === 'string' ? Buffer.from(prefix, 'latin1') : prefix;
  return buf.length >= p.length && buf.subarray(0, p.length).equals(p);
}

/** How much of the start is read to tell text from binary and CSV from prose. */
const TEXT_PROBE = 4096;

function textKind(buf: Buffer): LooksLike | null {
  let probe = buf.subarray(0, TEXT_PROBE);
  if (startsWith(probe, Buffer.from([0xef, 0xbb, 0xbf]))) probe = probe.subarray(3);
  let control = 0;
  for (const b of probe) {
    if (b === 0) return null;
    if (b < 9 || (b > 13 && b < 32)) control++;
  }
  if (control > probe.length / 100) return null;
  const text = probe.toString('utf8').trimStart();
  const lower = text.slice(0, 512).toLowerCase();
  if (lower.startsWith('<!doctype html') || lower.startsWith('<html') || /<table[\s>]/.test(lower))
    return 'html';
  if (lower.startsWith('<?xml') && text.includes('urn:schemas-microsoft-com:office:spreadsheet'))
    return 'xml2003';
  // CSV: the first lines carry the same number (≥ 1) of one separator.
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 5);
  for (const sep of [';', ',', '\t']) {
    const counts = lines.map((l) => l.split(sep).length - 1);
    if (lines.length > 0 && (counts[0] ?? 0) > 0 && counts.every((c) => c === counts[0])) return 'csv';
  }
  return 'text';
}

export function sniff(buf: Buffer): Sniffed {
  if (buf.length === 0) return { kind: 'empty' };
  // Local file header, or an empty archive's end record.
  if (startsWith(buf, 'PK\x03\x04') || startsWith(buf, 'PK\x05\x06')) return { kind: 'zip' };
  if (startsWith(buf, CFB)) {
    if (buf.includes(ENCRYPTION_INFO) || buf.includes(ENCRYPTED_PACKAGE)) return { kind: 'encrypted' };
    if (buf.includes(WORKBOOK) || buf.includes(BOOK)) return { kind: 'xls' };
    return { kind: 'other', looksLike: buf.includes(WORD) ? 'doc' : 'ole' };
  }
  if (startsWith(buf, '%PDF-')) return { kind: 'other', looksLike: 'pdf' };
  if (
    startsWith(buf, '\x89PNG') ||
    startsWith(buf, Buffer.from([0xff, 0xd8, 0xff])) ||
    startsWith(buf, 'GIF8')
  )
    return { kind: 'other', looksLike: 'image' };
  return { kind: 'other', looksLike: textKind(buf) ?? 'unknown' };
}

/** What a zip that is not an .xlsx holds, from its part names. */
export function zipKind(names: ReadonlySet<string>): LooksLike | 'xlsx' | 'broken_xlsx' {
  if (names.has('xl/workbook.xml')) return 'xlsx';
  if (names.has('content.xml') && names.has('mimetype')) return 'ods';
  if (names.has('word/document.xml')) return 'docx';
  if (names.has('ppt/presentation.xml')) return 'pptx';
  // An OOXML package whose workbook part is gone is a damaged .xlsx rather than some other zip.
  if (names.has('[content_types].xml') && [...names].some((n) => n.startsWith('xl/'))) return 'broken_xlsx';
  return 'zip';
}
