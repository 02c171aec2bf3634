/**
 * The zip layer of an .xlsx, read by hand so that nothing is inflated on trust: the central
 * directory is parsed and bounded (entry count, total declared size, compression ratio) before a
 * byte is inflated, each entry is then inflated with a hard output cap equal to its declared size
 * and its CRC checked, so a lying header cannot make it grow. What passes is re-packed as a
 * *stored* (uncompressed) zip for ExcelJS: its JSZip then only slices bytes that were already
 * inflated and scanned here, never inflating anything itself — and skips a second inflation.
 *
 * Every refusal is thrown as a ProblemError carrying a typed problem; callers catch it at their
 * edge. Supported: the zip that Excel, LibreOffice, Google Sheets and ExcelJS write (stored or
 * deflated entries, data descriptors, zip64 records). Not supported, and said so: multi-disk
 * archives, encrypted entries, other compression methods.
 */
import { crc32, inflateRawSync } from 'node:zlib';
import { type FileProblem, ProblemError, problem } from './file-problems.ts';

export interface ZipLimits {
  /** Most entries an archive may hold (an .xlsx has a few dozen). */
  maxEntries: number;
  /** Largest total of the entries' declared (and actual) uncompressed sizes, in bytes. */
  maxUnpackedBytes: number;
  /** Largest uncompressed/compressed ratio of one entry, once it is larger than ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 10_000,
  maxUnpackedBytes: 200 * 1024 * 1024,
  // Spreadsheet XML deflates 5–30 times, a sheet of repeated empty styled cells up to ~100;
  // deflate tops out near 1032 on runs of one byte, which is what bombs are made of.
  maxRatio: 250,
  ratioFloorBytes: 256 * 1024,
};

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the entry's data (after its local header). */
  dataStart: number;
}

const SIG_EOCD = 0x06054b50;
const SIG_EOCD64 = 0x06064b50;
const SIG_LOCATOR64 = 0x07064b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_UTF8 = 0x0800;
const METHOD_AES = 99;

const fail = (p: FileProblem): never => {
  throw new ProblemError(p);
};
const corrupt = (reason: 'truncated' | 'directory' | 'entry' | 'crc' | 'size_mismatch', entry?: string) =>
  fail(problem('corrupt_zip', entry === undefined ? { reason } : { reason, entry }));

function u64(buf: Buffer, at: number): number {
  const v = buf.readBigUInt64LE(at);
  return v > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v);
}

/** Offset of the end-of-central-directory record, searched backwards over the longest comment. */
function findEocd(buf: Buffer): number {
  const lowest = Math.max(0, buf.length - EOCD_SIZE - MAX_COMMENT);
  for (let at = buf.length - EOCD_SIZE; at >= lowest; at--) {
    if (buf.readUInt32LE(at) === SIG_EOCD && at + EOCD_SIZE + buf.readUInt16LE(at + 20) <= buf.length)
      return at;
  }
  return -1;
}

interface Directory {
  count: number;
  offset: number;
  size: number;
  /** Where the directory must end: the EOCD record or the zip64 records before it. */
  end: number;
}

function readDirectory(buf: Buffer): Directory {
  if (buf.length < EOCD_SIZE) return corrupt('truncated');
  const eocd = findEocd(buf);
  // A zip that starts right but has no end record was cut short in transit.
  if (eocd < 0) return corrupt('truncated');
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) return corrupt('directory');
  let count = buf.readUInt16LE(eocd + 10);
  let size = buf.readUInt32LE(eocd + 12);
  let offset = buf.readUInt32LE(eocd + 16);
  let end = eocd;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || buf.readUInt32LE(locator) !== SIG_LOCATOR64) return corrupt('directory');
    const at = u64(buf, locator + 8);
    if (at + 56 > locator || buf.readUInt32LE(at) !== SIG_EOCD64) return corrupt('directory');
    count = u64(buf, at + 32);
    size = u64(buf, at + 40);
    offset = u64(buf, at + 48);
    end = at;
  }
  if (offset + size > end) return corrupt('truncated');
  return { count, offset, size, end };
}

/** Sizes and offset from the zip64 extra field, for those the fixed fields mark 0xFFFFFFFF. */
function zip64Fields(
  buf: Buffer,
  extraStart: number,
  extraEnd: number,
  want: { size: boolean; compressed: boolean; offset: boolean },
): { size?: number; compressed?: number; offset?: number } {
  let at = extraStart;
  while (at + 4 <= extraEnd) {
    const id = buf.readUInt16LE(at);
    const len = buf.readUInt16LE(at + 2);
    const body = at + 4;
    if (body + len > extraEnd) break;
    if (id === 0x0001) {
      const out: { size?: number; compressed?: number; offset?: number } = {};
      let p = body;
      const take = () => {
        if (p + 8 > body + len) return corrupt('directory');
        const v = u64(buf, p);
        p += 8;
        return v;
      };
      if (want.size) out.size = take();
      if (want.compressed) out.compressed = take();
      if (want.offset) out.offset = take();
      return out;
    }
    at = body + len;
  }
  return corrupt('directory');
}

/**
 * Lists the archive's file entries from its central directory, after checking each against its
 * local header and the limits. Directories are left out. Throws ProblemError.
 */
export function listEntries(buf: Buffer, limits: ZipLimits): ZipEntry[] {
  const dir = readDirectory(buf);
  if (dir.count > limits.maxEntries) {
    fail(problem('zip_bomb', { reason: 'entries', limit: limits.maxEntries, actual: dir.count }));
  }
  const entries: ZipEntry[] = [];
  const seen = new Set<string>();
  let declared = 0;
  let at = dir.offset;
  for (let i = 0; i < dir.count; i++) {
    if (at + 46 > dir.end || buf.readUInt32LE(at) !== SIG_CENTRAL) return corrupt('directory');
    const flags = buf.readUInt16LE(at + 8);
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    let compressedSize = buf.readUInt32LE(at + 20);
    let size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    let localOffset = buf.readUInt32LE(at + 42);
    const nameStart = at + 46;
    const extraStart = nameStart + nameLength;
    const next = extraStart + extraLength + commentLength;
    if (next > dir.end) return corrupt('directory');
    const name = buf.toString(flags & FLAG_UTF8 ? 'utf8' : 'latin1', nameStart, extraStart);
    if (size === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      const z = zip64Fields(buf, extraStart, extraStart + extraLength, {
        size: size === 0xffffffff,
        compressed: compressedSize === 0xffffffff,
        offset: localOffset === 0xffffffff,
      });
      size = z.size ?? size;
      compressedSize = z.compressed ?? compressedSize;
      localOffset = z.offset ?? localOffset;
    }
    at = next;

    if (flags & FLAG_ENCRYPTED || method === METHOD_AES) fail(problem('password_protected', {}));
    if (name.endsWith('/')) continue;
    // Part names are case-insensitive in OPC; two spellings of one part could be read differently
    // by two readers, so the archive must name each part once.
    const key = name.replace(/^\/+/, '').toLowerCase();
    if (seen.has(key)) fail(problem('corrupt_zip', { reason: 'duplicate_entry', entry: name }));
    seen.add(key);
    if (method !== 0 && method !== 8) fail(problem('corrupt_zip', { reason: 'method', entry: name }));
    if (method === 0 && size !== compressedSize) corrupt('size_mismatch', name);

    declared += size;
    if (size > limits.ratioFloorBytes && size / Math.max(1, compressedSize) > limits.maxRatio) {
      const ratio = Math.round(size / Math.max(1, compressedSize));
      fail(problem('zip_bomb', { reason: 'ratio', limit: limits.maxRatio, actual: ratio, entry: name }));
    }

    if (localOffset + 30 > dir.offset || buf.readUInt32LE(localOffset) !== SIG_LOCAL) corrupt('entry', name);
    const dataStart =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > dir.offset) corrupt('truncated', name);
    entries.push({ name: name.replace(/^\/+/, ''), method, crc, compressedSize, size, dataStart });
  }
  // Checked once the whole directory is read, so that the message gives the archive's full size.
  if (declared > limits.maxUnpackedBytes) {
    fail(problem('zip_bomb', { reason: 'total', limit: limits.maxUnpackedBytes, actual: declared }));
  }
  return entries;
}

/**
 * The entry's bytes, inflated with an output cap of its declared size (already counted against
 * the limits), then checked against that size and its CRC. Throws ProblemError.
 */
export function inflateEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const raw = buf.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  let data: Buffer;
  if (entry.method === 0) data = raw;
  else {
    try {
      data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.size) });
    } catch (error) {
      // ERR_BUFFER_TOO_LARGE: the entry inflates past what it declared — a lying header.
      const code = (error as { code?: unknown }).code;
      return corrupt(code === 'ERR_BUFFER_TOO_LARGE' ? 'size_mismatch' : 'entry', entry.name);
    }
  }
  if (data.length !== entry.size) return corrupt('size_mismatch', entry.name);
  if (crc32(data) !== entry.crc) return corrupt('crc', entry.name);
  return data;
}

export interface StoredPart {
  name: string;
  /** The part's bytes, possibly in several segments (a sheet with a block cut out). */
  data: readonly Buffer[];
  /** The part's CRC when already known (an entry as inflated); computed otherwise. */
  crc?: number;
}

/** 1980-01-01 as a DOS date: the zip format has no earlier day, and this archive never leaves memory. */
const DOS_DATE = 0x21;

/**
 * A zip of stored (uncompressed) entries holding exactly these parts, for ExcelJS to load without
 * inflating anything. Each part is copied once, from its segments straight into the archive.
 */
export function storedZip(parts: readonly StoredPart[]): Buffer {
  const names = parts.map((p) => Buffer.from(p.name, 'utf8'));
  const sizes = parts.map((p) => p.data.reduce((n, d) => n + d.length, 0));
  let size = EOCD_SIZE;
  parts.forEach((_, i) => {
    const n = (names[i] as Buffer).length;
    size += 30 + n + (sizes[i] as number) + 46 + n;
  });
  const out = Buffer.allocUnsafe(size);
  const offsets: number[] = [];
  const crcs: number[] = [];
  let at = 0;
  parts.forEach((p, i) => {
    const name = names[i] as Buffer;
    const length = sizes[i] as number;
    const known = p.data.length === 1 ? p.crc : undefined;
    let crc = known ?? 0;
    if (known === undefined) for (const d of p.data) crc = crc32(d, crc);
    offsets.push(at);
    crcs.push(crc);
    out.writeUInt32LE(SIG_LOCAL, at);
    out.writeUInt16LE(10, at + 4);
    out.writeUInt16LE(FLAG_UTF8, at + 6);
    out.writeUInt16LE(0, at + 8);
    out.writeUInt16LE(0, at + 10);
    out.writeUInt16LE(DOS_DATE, at + 12);
    out.writeUInt32LE(crc, at + 14);
    out.writeUInt32LE(length, at + 18);
    out.writeUInt32LE(length, at + 22);
    out.writeUInt16LE(name.length, at + 26);
    out.writeUInt16LE(0, at + 28);
    name.copy(out, at + 30);
    let pos = at + 30 + name.length;
    for (const d of p.data) pos += d.copy(out, pos);
    at = pos;
  });
  const directory = at;
  parts.forEach((_, i) => {
    const name = names[i] as Buffer;
    const length = sizes[i] as number;
    out.writeUInt32LE(SIG_CENTRAL, at);
    out.writeUInt16LE(20, at + 4);
    out.writeUInt16LE(10, at + 6);
    out.writeUInt16LE(FLAG_UTF8, at + 8);
    out.writeUInt16LE(0, at + 10);
    out.writeUInt16LE(0, at + 12);
    out.writeUInt16LE(DOS_DATE, at + 14);
    out.writeUInt32LE(crcs[i] as number, at + 16);
    out.writeUInt32LE(length, at + 20);
    out.writeUInt32LE(length, at + 24);
    out.writeUInt16LE(name.length, at + 28);
    out.writeUInt16LE(0, at + 30);
    out.writeUInt16LE(0, at + 32);
    out.writeUInt16LE(0, at + 34);
    out.writeUInt16LE(0, at + 36);
    out.writeUInt32LE(0, at + 38);
    out.writeUInt32LE(offsets[i] as number, at + 42);
    name.copy(out, at + 46);
    at += 46 + name.length;
  });
  out.writeUInt32LE(SIG_EOCD, at);
  out.writeUInt16LE(0, at + 4);
  out.writeUInt16LE(0, at + 6);
  out.writeUInt16LE(parts.length, at + 8);
  out.writeUInt16LE(parts.length, at + 10);
  out.writeUInt32LE(at - directory, at + 12);
  out.writeUInt32LE(directory, at + 16);
  out.writeUInt16LE(0, at + 20);
  return out;
}
