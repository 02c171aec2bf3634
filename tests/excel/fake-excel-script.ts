/**
 * The fake Excel (./fake-excel.ts) as a script for a browser page: installed as window.Excel /
 * window.Office before the pane loads, and reachable as window.__pacFake; and the Chromium the
 * pane's browser tests open it in.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH } from '../fixtures/chromium.ts';

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

/** Chromium with a profile in `dir`, Office.js stubbed and the fake Excel installed before every page. */
export async function launchPaneBrowser(
  dir: string,
  viewport: { width: number; height: number },
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    ...CHROMIUM_LAUNCH,
    viewport,
    // The pane's service worker is for offline use in Office; here the test plays the network.
    serviceWorkers: 'block',
    locale: 'fr-FR',
  });
  // Office.js comes from Microsoft's CDN in production; the stand-in replaces it here.
  await context.route('https://appsforoffice.microsoft.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
  );
  await context.addInitScript({ content: await fakeExcelScript() });
  return context;
}
