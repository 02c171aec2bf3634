/**
 * `npm run build:dashboard`: the consolidator's dashboard in dist/dashboard, served at the
 * service's root by server/routes/dashboard.ts:
 *
 *   index.html      the page shell (./browser/index.html), its links stamped with a hash of the files
 *   dashboard.js    ./browser/main.ts and what it uses of #core (finding wording, money formatting)
 *   dashboard.css   ./browser/dashboard.css
 *
 * Everything the browser runs is in ./browser/; this file, run by Node, is the only one outside it.
 *
 * One script and one style sheet, minified, no framework: the page is meant for slow lines. Run by
 * `npm start` when dist/dashboard is missing (--if-missing) and by the dashboard's tests. Only the
 * core the page uses is kept, because package.json's `sideEffects` leaves addin/core out: its
 * modules only define things (tests/project/bundles.test.ts holds it).
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

export const DASHBOARD_DIST = fileURLToPath(new URL('../../dist/dashboard/', import.meta.url));
/** The dashboard's browser code and its page. */
const SOURCE = fileURLToPath(new URL('./browser/', import.meta.url));
/** Browsers with BigInt (the core's exact money) and CSS.escape: every current desktop browser. */
const TARGET = ['es2020', 'chrome90', 'edge90', 'safari15', 'firefox90'];

export interface BuiltFile {
  name: string;
  bytes: number;
  gzipBytes: number;
}

export async function buildDashboard(
  options: { outDir?: string; minify?: boolean } = {},
): Promise<BuiltFile[]> {
  const outDir = options.outDir ?? DASHBOARD_DIST;
  const minify = options.minify ?? true;
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { dashboard: join(SOURCE, 'main.ts'), 'dashboard-style': join(SOURCE, 'dashboard.css') },
    outdir: outDir,
    entryNames: '[name]',
    bundle: true,
    format: 'iife',
    target: TARGET,
    minify,
    legalComments: 'none',
    logLevel: 'warning',
  });
  // esbuild names a CSS entry after itself; the page links "dashboard.css".
  const css = await readFile(join(outDir, 'dashboard-style.css'));
  await rm(join(outDir, 'dashboard-style.css'));
  await writeFile(join(outDir, 'dashboard.css'), css);
  const js = await readFile(join(outDir, 'dashboard.js'));
  const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
  // The source's comments are for its readers, not for every page load.
  const html = (await readFile(join(SOURCE, 'index.html'), 'utf8'))
    .replace(/<!--[\s\S]*?-->\n?/g, '')
    .replaceAll('__PAC_VERSION__', version);
  await writeFile(join(outDir, 'index.html'), html);

  const files: BuiltFile[] = [];
  for (const name of ['index.html', 'dashboard.js', 'dashboard.css']) {
    const bytes = await readFile(join(outDir, name));
    files.push({ name, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return files;
}

async function built(): Promise<boolean> {
  try {
    return (await stat(join(DASHBOARD_DIST, 'index.html'))).isFile();
  } catch {
    return false;
  }
}

// `--if-missing` (npm start's prestart): build only when dist/dashboard has not been built yet.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes('--if-missing') && (await built())) process.exit(0);
  const started = performance.now();
  const files = await buildDashboard();
  const kb = (n: number) => `${(n / 1024).toFixed(1)} ko`;
  console.log(`dist/dashboard : ${files.length} fichiers en ${Math.round(performance.now() - started)} ms`);
  for (const f of files)
    console.log(`  ${f.name.padEnd(14)} ${kb(f.bytes).padStart(9)}  (gzip ${kb(f.gzipBytes)})`);
}
