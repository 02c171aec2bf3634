/**
 * /addin/* — the Excel add-in: its manifest for the service's public address (manifest.xml, made
 * from PAC_PUBLIC_URL, never read from disk), and the static files `npm run build:addin` writes
 * into dist/addin (taskpane.html, its scripts, the ribbon's function file, the service worker, the
 * icons). Served without authentication: the pane asks for its token itself. Only files inside
 * the build directory are ever read.
 *
 * Caching: the pages link their scripts and icon with the file's content hash (`?v=…`), cached for
 * a year; pages, the service worker and unversioned files are revalidated by ETag on every load,
 * so a new build reaches people at once. Text files go gzipped (../http/static-files.ts). Source
 * maps are served in development only (Config.sourceMaps).
 *
 * The pane's pages carry a Content-Security-Policy: scripts from the service itself and from
 * Office.js's CDN, and nothing else foreign; requests to the service only (Office.js's telemetry to
 * Microsoft is refused by that rule: the pane needs none of it). Two things are allowed
 * on purpose: inline styles, because Office.js draws its own notices with them (and the shared
 * pane adds its style sheet that way); and framing by anyone, because Office on the web shows the
 * pane in an iframe of its own pages, whose origins Microsoft changes over time (officeapps.live.com,
 * sharepoint.com, cloud.microsoft…) — a frame-ancestors list, or X-Frame-Options, would break the
 * pane there the day one is missing. Framing gains an attacker little: the pane's token sits in its
 * origin's storage, which a third-party frame does not share.
 */
import { extname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { cacheControl, sendStaticFile, staticFileCache } from '../http/static-files.ts';
import { addinManifest } from '../manifest/addin-manifest.ts';

export const ADDIN_DIR = fileURLToPath(new URL('../../dist/addin/', import.meta.url));

/** Office.js's origin: the pane's only foreign source. */
export const OFFICE_CDN = 'https://appsforoffice.microsoft.com';

export const PANE_CSP = [
  "default-src 'self'",
  `script-src 'self' ${OFFICE_CDN}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  // Office.js shows a trust prompt from its CDN in a frame when the Office host is unknown.
  `frame-src 'self' ${OFFICE_CDN}`,
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

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

const NO_PUBLIC_URL =
  "Le manifeste du complément n'est servi que pour l'adresse publique du service : démarrez-le avec PAC_PUBLIC_URL=https://… (voir README, « Déployer pour les ministères »), ou écrivez-en un avec « npm run pac -- manifest --url https://… ».\n" +
  'The add-in manifest is served only for the service\'s public address: start it with PAC_PUBLIC_URL=https://… (see README, "Deploying for the ministries"), or write one with "npm run pac -- manifest --url https://…".';

export interface AddinOptions {
  dir?: string | undefined;
  /** The service's public origin (PAC_PUBLIC_URL); without it there is no manifest to serve. */
  publicUrl?: string | null | undefined;
  /** The add-in's Id in the manifest; the development one when absent. */
  addinId?: string | null | undefined;
  /** Serve *.map files (development). */
  sourceMaps?: boolean | undefined;
}

export function addinRoutes(options: AddinOptions = {}): Hono {
  const root = resolve(options.dir ?? ADDIN_DIR);
  const load = staticFileCache();
  const manifest = options.publicUrl
    ? addinManifest({ url: options.publicUrl, id: options.addinId ?? undefined })
    : null;
  const app = new Hono();

  app.get('/manifest.xml', (c) => {
    const headers = { 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (!manifest) return c.text(NO_PUBLIC_URL, 404, headers);
    return c.body(manifest, 200, { ...headers, 'Content-Type': 'application/xml; charset=utf-8' });
  });

  app.get('/*', async (c) => {
    // The path under the mount point (/addin), decoded: "%2e%2e" is ".." and checked below like it.
    let rel: string;
    try {
      rel =
        decodeURIComponent(c.req.path.replace(/^\/addin(?=\/|$)/, '').replace(/^\/+/, '')) || 'taskpane.html';
    } catch {
      return c.text('Not found', 404); // not even a valid escape sequence
    }
    const path = resolve(root, rel);
    const ext = extname(path);
    const type = TYPES[ext];
    if (!type || (path !== root && !path.startsWith(root + sep))) return c.text('Not found', 404);
    if (ext === '.map' && !options.sourceMaps) return c.text('Not found', 404);
    const file = await load(path);
    if (!file) return c.text(rel === 'taskpane.html' ? NOT_BUILT : 'Not found', 404);
    const page = ext === '.html';
    const headers: Record<string, string> = {
      'Content-Type': type,
      'X-Content-Type-Options': 'nosniff',
      // The service worker must be fetched afresh to notice a new build; it is never versioned.
      'Cache-Control': cacheControl(c, page || rel === 'sw.js'),
    };
    if (page) headers['Content-Security-Policy'] = PANE_CSP;
    return sendStaticFile(c, file, headers);
  });
  return app;
}
