/**
 * The consolidator's dashboard at the service's root: "/" is the page, "/dashboard.js" and
 * "/dashboard.css" its two files, built into dist/dashboard by `npm run build:dashboard`
 * (server/dashboard/build.ts). Only those three names are served — no path from the request is
 * ever joined to a directory — so /api/* and /addin/* keep their own routes and an unknown path
 * still gets the service's JSON 404.
 *
 * Served without authentication: the page asks for its token itself. For slow lines each file is
 * sent gzipped when the browser accepts it (../http/static-files.ts), the page is
 * revalidated by ETag on every load and its files, whose links carry a content hash, are cached
 * for good. A strict Content-Security-Policy keeps any script but the page's own out of a page
 * that holds a consolidator's token.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Context, Hono } from 'hono';
import { cacheControl, sendStaticFile, staticFileCache } from '../http/static-files.ts';

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

export function dashboardRoutes(dir: string = DASHBOARD_DIR): Hono {
  const load = staticFileCache();

  const serve = async (c: Context, path: keyof typeof FILES) => {
    const { file, type } = FILES[path];
    const entry = await load(join(dir, file));
    if (!entry) return c.text(NOT_BUILT, file === 'index.html' ? 503 : 404);
    const page = file === 'index.html';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': cacheControl(c, page),
    };
    if (page) {
      headers['Content-Security-Policy'] = CSP;
      headers['X-Frame-Options'] = 'DENY';
    }
    return sendStaticFile(c, entry, headers);
  };

  const app = new Hono();
  for (const path of Object.keys(FILES) as (keyof typeof FILES)[]) app.get(path, (c) => serve(c, path));
  return app;
}
