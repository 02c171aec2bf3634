/**
 * /addin/* — the Excel add-in's static files (taskpane.html, its script, the ribbon's function
 * file, the service worker and the icons), built into dist/addin by `npm run build:addin`. Served
 * without authentication: the pane asks for its token itself. HTML and the service worker are
 * revalidated on every load so that a new build reaches people at once; scripts and icons are
 * cached for an hour. Only files inside the build directory are ever read.
 */
import { readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';

export const ADDIN_DIR = fileURLToPath(new URL('../../dist/addin/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

const NOT_BUILT =
  'Le complément Excel n\'est pas construit : lancez « npm run build:addin ». / The Excel add-in is not built: run "npm run build:addin".';

export function addinRoutes(dir: string = ADDIN_DIR): Hono {
  const root = resolve(dir);
  const app = new Hono();
  app.get('/*', async (c) => {
    const rel =
      decodeURIComponent(new URL(c.req.url).pathname.replace(/^.*?\/addin\/?/, '')) || 'taskpane.html';
    const path = resolve(root, rel);
    const type = TYPES[extname(path)];
    if (!type || (path !== root && !path.startsWith(root + sep))) return c.text('Not found', 404);
    try {
      if (!(await stat(path)).isFile()) return c.text('Not found', 404);
    } catch {
      return c.text(rel === 'taskpane.html' ? NOT_BUILT : 'Not found', 404);
    }
    const revalidate = type.startsWith('text/html') || rel === 'sw.js';
    return c.body(new Uint8Array(await readFile(path)), 200, {
      'Content-Type': type,
      'Cache-Control': revalidate ? 'no-cache' : 'public, max-age=3600',
      'X-Content-Type-Options': 'nosniff',
    });
  });
  return app;
}
