/**
 * The fake Excel (./fake-excel.ts) as a script for a browser page: installed as window.Excel and
 * window.Office (and kept as window.__pacFake) by an init script, before the task pane loads.
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = fileURLToPath(new URL('.', import.meta.url));

declare global {
  interface Window {
    __pacFake: import('./fake-excel.ts').FakeExcel;
  }
}

export async function fakeExcelScript(): Promise<string> {
  const out = await build({
    stdin: {
      contents:
        "import { FakeExcel } from './fake-excel.ts'; const f = new FakeExcel(); f.install(window); window.__pacFake = f;",
      resolveDir: HERE,
      loader: 'ts',
    },
    bundle: true,
    format: 'iife',
    target: 'es2020',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]?.text ?? '';
}
