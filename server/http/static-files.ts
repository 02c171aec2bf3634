/**
 * Built files sent the way slow lines need them, shared by the dashboard's route and the add-in's:
 * each file is read, hashed (its ETag) and gzipped once, then again only when a new build replaced
 * it (its mtime changed); a browser that already has it gets a 304, one that accepts gzip gets the
 * compressed bytes. The callers decide which files exist and how long each may be cached.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Context } from 'hono';
import { matchesEtag } from './etag.ts';

export interface StaticFile {
  mtimeMs: number;
  raw: Uint8Array<ArrayBuffer>;
  /** Null for formats that are compressed already (images). */
  gzip: Uint8Array<ArrayBuffer> | null;
  etag: string;
}

/** Text formats gain from gzip; PNG does not. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.map', '.xml', '.svg', '.txt']);

/** Loads files by absolute path, each kept in memory until its build changes. */
export function staticFileCache(): (path: string) => Promise<StaticFile | null> {
  const cache = new Map<string, StaticFile>();
  return async (path) => {
    let mtimeMs: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) return null;
      mtimeMs = info.mtimeMs;
    } catch {
      return null;
    }
    const seen = cache.get(path);
    if (seen && seen.mtimeMs === mtimeMs) return seen;
    const raw = new Uint8Array(await readFile(path));
    const entry: StaticFile = {
      mtimeMs,
      raw,
      gzip: COMPRESSIBLE.has(extname(path)) ? new Uint8Array(gzipSync(raw, { level: 9 })) : null,
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    };
    cache.set(path, entry);
    return entry;
  };
}

/**
 * Links that carry their file's content hash (`?v=…`, written by the builds) name one content for
 * ever: a new build is a new address, so they are cached for a year. Pages, and any file asked
 * for without a version, are revalidated on every use (cheap: a 304 by ETag).
 */
export function cacheControl(c: Context, page: boolean): string {
  return !page && c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** The file's response: 304 when the browser has it, gzipped when it accepts that, with `headers` added. */
export function sendStaticFile(c: Context, file: StaticFile, headers: Record<string, string>): Response {
  const all: Record<string, string> = { ...headers, ETag: file.etag };
  if (file.gzip) all.Vary = 'Accept-Encoding';
  if (matchesEtag(c.req.header('if-none-match'), file.etag)) return c.body(null, 304, all);
  const gzip = file.gzip !== null && /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
  if (gzip) all['Content-Encoding'] = 'gzip';
  return c.body(gzip && file.gzip ? file.gzip : file.raw, 200, all);
}
