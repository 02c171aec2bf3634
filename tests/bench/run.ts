/**
 * `npm run bench`: runs every tests/bench/*.bench.ts module's `bench()` in turn and prints the
 * markdown each returns. `npm run bench -- checks` runs only the modules whose name contains
 * "checks". Memory figures need `global.gc`, so the runner starts itself again with --expose-gc
 * (keeping tsx's loader flags) when it was not given.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const filter = process.argv[2] ?? '';

if (typeof globalThis.gc !== 'function' && process.env.PAC_BENCH_CHILD !== '1') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, self, ...process.argv.slice(2)],
    {
      stdio: 'inherit',
      env: { ...process.env, PAC_BENCH_CHILD: '1' },
    },
  );
  process.exit(child.status ?? 1);
}

interface BenchModule {
  bench(): Promise<string>;
}

const dir = dirname(self);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts') && f.includes(filter))
  .sort();
if (files.length === 0) {
  console.error(`No benchmark matches "${filter}" in ${dir}.`);
  process.exit(1);
}
console.log(
  `Node ${process.version}, ${process.platform}/${process.arch}${globalThis.gc ? '' : ' (no --expose-gc: memory figures are rough)'}\n`,
);
for (const file of files) {
  const mod = (await import(pathToFileURL(join(dir, file)).href)) as BenchModule;
  const started = performance.now();
  const table = await mod.bench();
  console.log(
    `## ${file.replace(/\.bench\.ts$/, '')} (${((performance.now() - started) / 1000).toFixed(1)} s)\n\n${table}\n`,
  );
}
