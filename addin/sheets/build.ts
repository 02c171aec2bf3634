/**
 * `PAC_PUBLIC_URL=https://pac.example.org npm run build:sheets` (or `-- --service URL`): the Google
 * Sheets add-on as Apps Script files in dist/sheets, ready for `clasp push` (README):
 *
 *   pac.js           the Apps Script side (./apps-script.ts and what it uses of #core), one IIFE whose
 *                    value is the global `PAC`
 *   Code.js          the global functions Apps Script calls by name — triggers, menu items and
 *                    every google.script.run target — each a one-line hand-over to PAC, because
 *                    Apps Script only sees top-level function declarations
 *   Sidebar.html     the sidebar page with its script inlined (HtmlService serves one file)
 *   appsscript.json  ./appsscript.json, plus `urlFetchWhitelist` for the service when given
 *
 * A `.clasp.json` already in the directory (clasp's link to the Apps Script project) survives the
 * rebuild, so that `clasp push` can be run there after every build.
 *
 * `--service` (or PAC_PUBLIC_URL, the same variable the service and its Excel manifest take; the
 * older PAC_SERVICE_URL still works) is the sync service's public HTTPS address: it fills the
 * sidebar's connection form the first time and is the only address UrlFetchApp may reach, which
 * Google requires of a published add-on. Without it the form starts empty and any address works,
 * for trying the add-on out.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { SERVER_FUNCTIONS, SIDEBAR_START_MARKER, TRIGGER_FUNCTIONS } from './rpc.ts';

export const SHEETS_DIST = fileURLToPath(new URL('../../dist/sheets/', import.meta.url));
const SOURCE = fileURLToPath(new URL('.', import.meta.url));
const CLASP_FILE = '.clasp.json';
/** Apps Script's V8 runtime; BigInt (exact money in #core) is part of it. */
const SERVER_TARGET = 'es2020';
/** The browsers Google Sheets supports. */
const BROWSER_TARGET = ['es2020', 'chrome100', 'edge100', 'safari15', 'firefox100'];

export interface BuildOptions {
  outDir?: string;
  /** The sync service's public address, https only. */
  service?: string;
  minify?: boolean;
}

/** The service address as the whitelist and the form take it, or an error saying what is wrong. */
export function checkedService(service: string): string {
  const trimmed = service.trim().replace(/\/+$/, '');
  if (!/^https:\/\/[^/\s]+(\/[^\s]*)?$/.test(trimmed)) {
    throw new Error(
      `--service doit être une adresse https (reçu « ${service} ») / --service must be an https address`,
    );
  }
  return trimmed;
}

export function manifest(base: Record<string, unknown>, service: string | null): Record<string, unknown> {
  return service ? { ...base, urlFetchWhitelist: [`${service}/`] } : base;
}

/** The global declarations Apps Script needs, handing each call to the bundle's `PAC`. */
export function wrapperSource(): string {
  const lines = [
    '// Built by addin/sheets/build.ts — do not edit. Apps Script calls these functions by name;',
    '// each hands over to PAC (pac.js), the bundled add-on.',
    '',
  ];
  for (const name of TRIGGER_FUNCTIONS) {
    lines.push(`function ${name}(...args) {`, `  return PAC.triggers.${name}(...args);`, '}', '');
  }
  for (const name of SERVER_FUNCTIONS) {
    lines.push(`function ${name}(...args) {`, `  return PAC.api.${name}(...args);`, '}', '');
  }
  return lines.join('\n');
}

/**
 * An inline script must not contain "</script" (it would end the element) nor "<!--" (it changes
 * how the browser finds the end): esbuild escapes the first in strings; both are checked here.
 */
export function inlineScript(code: string): string {
  const safe = code.replace(/<\/(script)/gi, '<\\/$1');
  if (/<!--/.test(safe)) throw new Error('The sidebar bundle holds "<!--", which cannot be inlined in HTML');
  return safe;
}

function sidebarPage(script: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<base target="_top">
<meta charset="utf-8">
<title>PAC</title>
</head>
<body>
<div id="pac-root"><p style="font-family:sans-serif;padding:12px">Chargement de PAC… / Loading PAC…</p></div>
<script>window.PAC_START = ${SIDEBAR_START_MARKER};</script>
<script>${inlineScript(script)}</script>
</body>
</html>
`;
}

/** Builds the add-on into `outDir` (emptied first, but for clasp's settings); returns the files written. */
export async function buildSheets(options: BuildOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? SHEETS_DIST;
  const service = options.service ? checkedService(options.service) : null;
  // clasp's .clasp.json (which Apps Script project to push to) lives beside the files: kept.
  const clasp = await readFile(join(outDir, CLASP_FILE), 'utf8').catch(() => null);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  if (clasp !== null) await writeFile(join(outDir, CLASP_FILE), clasp);

  const server = await build({
    entryPoints: [join(SOURCE, 'apps-script.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'PAC',
    target: SERVER_TARGET,
    // Readable in the Apps Script editor and its stack traces; size does not matter there.
    minify: false,
    legalComments: 'none',
    define: { PAC_DEFAULT_SERVICE: JSON.stringify(service ?? '') },
    write: false,
    logLevel: 'warning',
  });
  const sidebar = await build({
    entryPoints: [join(SOURCE, 'sidebar', 'sidebar.ts')],
    bundle: true,
    format: 'iife',
    target: BROWSER_TARGET,
    minify: options.minify ?? true,
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const base = JSON.parse(await readFile(join(SOURCE, 'appsscript.json'), 'utf8')) as Record<string, unknown>;
  const files: Record<string, string> = {
    'pac.js': `// Built by addin/sheets/build.ts from addin/sheets/apps-script.ts — do not edit.\n${server.outputFiles[0]?.text ?? ''}`,
    'Code.js': wrapperSource(),
    'Sidebar.html': sidebarPage(sidebar.outputFiles[0]?.text ?? ''),
    'appsscript.json': `${JSON.stringify(manifest(base, service), null, 2)}\n`,
  };
  for (const [name, text] of Object.entries(files)) await writeFile(join(outDir, name), text);
  return Object.keys(files);
}

/** The service address the command line names: `--service`, else PAC_PUBLIC_URL, else PAC_SERVICE_URL. */
export function serviceOf(argv: readonly string[], env: NodeJS.ProcessEnv): string | undefined {
  const i = argv.indexOf('--service');
  return (i >= 0 ? argv[i + 1] : undefined) || env.PAC_PUBLIC_URL || env.PAC_SERVICE_URL || undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const service = serviceOf(process.argv, process.env);
  const files = await buildSheets(service ? { service } : {});
  console.log(`dist/sheets : ${files.length} fichiers en ${Math.round(performance.now() - started)} ms`);
  for (const f of files) {
    const bytes = (await readFile(join(SHEETS_DIST, f))).length;
    console.log(`  ${f.padEnd(16)} ${Math.round(bytes / 1024)} ko`);
  }
}
