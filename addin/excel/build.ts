/**
 * `npm run build:addin`: the Excel add-in's static files in dist/addin, which the sync service
 * serves at /addin/* (server/routes/static.ts):
 *
 *   taskpane.html, taskpane.js   the pane (shared pane from #core + the Excel host), Office.js from
 *                                Microsoft's CDN
 *   commands.html, commands.js   the ribbon's function file
 *   check-browser.js             the pages' first script: says so when Excel's browser is too old
 *   sw.js                        keeps those files and Office.js for offline use
 *   assets/*.png                 icons at 16, 32, 64 and 80 px, drawn by ./icons.ts
 *   *.map                        source maps (served in development only)
 *
 * The pages link scripts and icon with a hash of their content (`taskpane.js?v=…`), so that the
 * service can let browsers keep them for a year and a new build is still seen at once.
 *
 * Scripts are bundled by esbuild for the browsers Office add-ins run in with BigInt (money is
 * exact, see #core): Microsoft 365 / Office 2021+ (WebView2), Excel on the web, Excel for Mac.
 * Also run by the pane's end-to-end test, and by `npm start` when dist/addin is missing.
 * Each page keeps only the core it uses: package.json's `sideEffects` names every folder but
 * addin/core, whose modules only define things (tests/project/bundles.test.ts holds it).
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { iconFiles } from './icons.ts';

export const ADDIN_DIST = fileURLToPath(new URL('../../dist/addin/', import.meta.url));
const SOURCE = fileURLToPath(new URL('.', import.meta.url));
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const TARGET = ['es2020', 'chrome90', 'edge90', 'safari15', 'firefox90'];

/** Shown by the page itself when its browser lacks BigInt: the bundle could not even be parsed there. */
const TOO_OLD =
  "Le navigateur intégré à cette version d'Excel est trop ancien pour PAC : utilisez Microsoft 365, Excel 2021 ou plus récent, ou Excel sur le web. / This version of Excel's embedded browser is too old for PAC: use Microsoft 365, Excel 2021 or later, or Excel on the web.";

/**
 * The page's first script, a file of its own rather than inline so that the pane's CSP allows no
 * inline script: when the browser lacks BigInt, the pane's bundle could not even be parsed there.
 */
const BROWSER_CHECK = `(function () {
  if (typeof BigInt !== 'undefined') return;
  var root = document.getElementById('pac-root');
  if (root) root.textContent = ${JSON.stringify(TOO_OLD)};
})();
`;

/** A file's version in the pages' links: a hash of its content, so a new build is a new address. */
export function contentVersion(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

function page(title: string, ref: (file: string) => string, script: string, body: string): string {
  return `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta http-equiv="X-UA-Compatible" content="IE=Edge">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" type="image/png" href="${ref('assets/icon-32.png')}">
<script src="${OFFICE_JS}"></script>
</head>
<body>
${body}
<script src="${ref('check-browser.js')}"></script>
<script src="${ref(script)}"></script>
</body>
</html>
`;
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await filesUnder(path)));
    else out.push(path);
  }
  return out.sort();
}

export interface BuildOptions {
  outDir?: string;
  minify?: boolean;
}

/** Builds the add-in into `outDir` (emptied first); returns the files written, relative to it. */
export async function buildAddin(options: BuildOptions = {}): Promise<string[]> {
  const outDir = options.outDir ?? ADDIN_DIST;
  const minify = options.minify ?? true;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(join(outDir, 'assets'), { recursive: true });

  await build({
    entryPoints: { taskpane: join(SOURCE, 'taskpane.ts'), commands: join(SOURCE, 'commands.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    target: TARGET,
    minify,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await writeFile(join(outDir, 'check-browser.js'), BROWSER_CHECK);
  for (const [name, bytes] of iconFiles()) await writeFile(join(outDir, 'assets', name), bytes);
  // Pages link each file with its version; the service (server/routes/static.ts) caches those for good.
  const versions = new Map<string, string>();
  for (const name of ['taskpane.js', 'commands.js', 'check-browser.js', 'assets/icon-32.png'])
    versions.set(name, contentVersion(await readFile(join(outDir, name))));
  const ref = (name: string) => (versions.has(name) ? `${name}?v=${versions.get(name)}` : name);
  await writeFile(
    join(outDir, 'taskpane.html'),
    page(
      "PAC – Plan d'action chiffré",
      ref,
      'taskpane.js',
      '<div id="pac-root"><p style="font-family:sans-serif;padding:12px">Chargement de PAC… / Loading PAC…</p></div>',
    ),
  );
  await writeFile(
    join(outDir, 'commands.html'),
    page('PAC', ref, 'commands.js', '<div id="pac-root"></div>'),
  );

  // The service worker names its cache after everything else it serves, so any change renews it,
  // and keeps each file under the address the pages ask for (with its version).
  const served = (await filesUnder(outDir)).filter((f) => !f.endsWith('.map'));
  const hash = createHash('sha256');
  for (const f of served) hash.update(await readFile(f));
  const names = served.map((f) => ref(relative(outDir, f).split('\\').join('/')));
  await build({
    entryPoints: { sw: join(SOURCE, 'sw.ts') },
    outdir: outDir,
    bundle: true,
    format: 'iife',
    target: TARGET,
    minify,
    define: { PAC_BUILD: JSON.stringify(hash.digest('hex').slice(0, 16)), PAC_FILES: JSON.stringify(names) },
    logLevel: 'warning',
  });
  return (await filesUnder(outDir)).map((f) => relative(outDir, f).split('\\').join('/'));
}

async function built(): Promise<boolean> {
  try {
    await readFile(join(ADDIN_DIST, 'taskpane.js'));
    return true;
  } catch {
    return false;
  }
}

// `--if-missing` (npm start's prestart): build only when dist/addin has not been built yet.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-missing') && (await built())) process.exit(0);
  const started = performance.now();
  const files = await buildAddin();
  console.log(`dist/addin : ${files.length} fichiers en ${Math.round(performance.now() - started)} ms`);
  for (const f of files) console.log(`  ${f}`);
}
