/**
 * The consolidator's dashboard at the service's root: "/" is the page, "/dashboard.js" and
 * "/dashboard.css" its two files, built into dist/dashboard by `npm run build:dashboard`
 * (server/dashboard/build.ts). Only those three names are served — no path from the request is
 * ever joined to a directory — so /api/* and /addin/* keep their own routes and an unknown path
 * still gets the service's JSON 404.
 *
 * Served without authentication: the page asks for its token itself. For slow lines each file is
 * sent gzipped when the browser accepts it (compressed once, when the file changes), the page is
 * revalidated by ETag on every load and its files, whose links carry a content hash, are cached
 * for good. A strict Content-Security-Policy keeps any script but the page's own out of a page
 * that holds a consolidator's token.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { type Context, Hono } from 'hono';

export const DASHBOARD_DIR = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));

const FILES = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/dashboard.js': { file: 'dashboard.js', type: 'text/javascript; charset=utf-8' },
  '/dashboard.css': { file: 'dashboard.css', type: 'text/css; charset=utf-8' },
} as const;

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT =
  'Le tableau de bord n\'est pas construit : lancez « npm run build:dashboard ». / The dashboard is not built: run "npm run build:dashboard".';

interface Cached {
  mtimeMs: number;
  raw: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

export function dashboardRoutes(dir: string = DASHBOARD_DIR): Hono {
  const cache = new Map<string, Cached>();

  /** The file as built, re-read (and re-compressed) only when a new build replaced it. */
  const load = async (name: string): Promise<Cached | null> => {
    const path = join(dir, name);
    let mtimeMs: number;
    try {
      mtimeMs = (await stat(path)).mtimeMs;
    } catch {
      return null;
    }
    const seen = cache.get(name);
    if (seen && seen.mtimeMs === mtimeMs) return seen;
    const raw = new Uint8Array(await readFile(path));
    const entry = {
      mtimeMs,
      raw,
      gzip: new Uint8Array(gzipSync(raw, { level: 9 })),
      etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    };
    cache.set(name, entry);
    return entry;
  };

  const serve = async (c: Context, path: keyof typeof FILES) => {
    const { file, type } = FILES[path];
    const entry = await load(file);
    if (!entry) return c.text(NOT_BUILT, file === 'index.html' ? 503 : 404);
    const page = file === 'index.html';
    const headers: Record<string, string> = {
      'Content-Type': type,
      ETag: entry.etag,
      Vary: 'Accept-Encoding',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      // The files' links carry their content hash (?v=…): a new build is a new address.
      'Cache-Control': !page && c.req.query('v') ? 'public, max-age=31536000, immutable' : 'no-cache',
    };
    if (page) {
      headers['Content-Security-Policy'] = CSP;
      headers['X-Frame-Options'] = 'DENY';
    }
    if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304, headers);
    const gzip = /\bgzip\b/i.test(c.req.header('accept-encoding') ?? '');
    if (gzip) headers['Content-Encoding'] = 'gzip';
    return c.body(gzip ? entry.gzip : entry.raw, 200, headers);
  };

  const app = new Hono();
  for (const path of Object.keys(FILES) as (keyof typeof FILES)[]) app.get(path, (c) => serve(c, path));
  return app;
}
