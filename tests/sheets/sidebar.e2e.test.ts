// The built Sidebar.html in headless Chromium, 300 px wide like Google's sidebar, as the add-on's
// Apps Script side serves it (the page HtmlService would show, PAC_START written in). Its
// google.script.run is a stand-in that calls the built add-on in the test's vm context
// (./apps-script.ts), which reaches the real sync service; the page itself may load nothing from
// the network. Connect, set up, reopen from « Vérifier » (checks at once), fix, submit. Each state
// is kept as a screenshot under tests/artifacts/screenshots/sheets/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheets } from '../../addin/sheets/build.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { type AddOn, loadAddOn } from './apps-script.ts';
import { type RunningService, startService } from './service.ts';

const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/sheets/', import.meta.url));
/** Where Google serves add-on pages from; any other address the page asks for is refused. */
const SANDBOX = 'https://n-pac-0lu-script.googleusercontent.com/userCodeAppPanel';

/** google.script.run in the page, each call going to the test through an exposed function. */
const SCRIPT_RUN = `
window.google = { script: { run: (function make(ok, fail) {
  return new Proxy({}, { get(_, name) {
    if (name === 'withSuccessHandler') return (f) => make(f, fail);
    if (name === 'withFailureHandler') return (f) => make(ok, f);
    if (typeof name !== 'string') return undefined;
    return (...args) => { window.__pacRun(name, args).then((r) => r.ok ? ok && ok(r.value) : fail && fail(new Error(r.message))); };
  } });
})() } };
`;

describe.skipIf(chromiumMissing !== null)(
  `the Sheets sidebar in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let dir: string;
    let service: RunningService;
    let addOn: AddOn;
    let browser: Browser;
    let page: Page;
    const requested: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-sheets-e2e-'));
      [service] = await Promise.all([
        startService(),
        buildSheets({ outDir: dir }),
        mkdir(SHOTS, { recursive: true }),
      ]);
      addOn = loadAddOn({ dir, locale: 'fr_FR' });
      browser = await chromium.launch(CHROMIUM_LAUNCH);
      const context = await browser.newContext({ viewport: { width: 300, height: 1000 }, locale: 'fr-FR' });
      await context.exposeFunction('__pacRun', (name: string, args: unknown[]) => {
        try {
          return { ok: true, value: addOn.call(name, ...args) ?? null };
        } catch (error) {
          return { ok: false, message: error instanceof Error ? error.message : String(error) };
        }
      });
      await context.addInitScript({ content: SCRIPT_RUN });
      await context.route('**/*', (route) => {
        const url = route.request().url();
        requested.push(url);
        const sidebar = addOn.sheet.sidebars.at(-1);
        if (url === SANDBOX && sidebar) {
          return route.fulfill({
            status: 200,
            contentType: 'text/html; charset=utf-8',
            body: sidebar.content,
          });
        }
        return route.abort('blockedbyclient');
      });
      page = await context.newPage();
    }, 120_000);

    afterAll(async () => {
      await browser?.close();
      await addOn?.close();
      await service?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    /** Opens the sidebar as a menu item does: Apps Script renders the page, the browser shows it. */
    const open = async (menuItem: 'showSidebar' | 'checkFromMenu' | 'submitFromMenu') => {
      addOn.call(menuItem);
      await page.goto(SANDBOX);
    };

    it('connects, sets up, checks from the menu, submits', async () => {
      const token = await service.token('ministry', 'CPS MARCC', 'MARCC');
      await open('showSidebar');
      await expect.poll(() => page.locator('#pac-connection-status').textContent()).toBe('Non connecté');
      expect(await page.locator('.hint').textContent()).toContain('dans votre compte Google');
      await page.fill('#pac-service', service.base);
      await page.fill('#pac-token', token);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect
        .poll(() => page.locator('#pac-connection-status').textContent())
        .toBe('Connecté : CPS MARCC (MARCC)');
      await shot('01-connected');

      await page.getByRole('button', { name: 'Préparer la feuille' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toMatch(/^Feuille prête : 12 activités/);
      await shot('02-set-up');

      const row = (code: string) => {
        for (const [r, cols] of addOn.sheet.sheet('Saisie').cells)
          if (cols.get(0)?.value === code) return r + 1;
        throw new Error(code);
      };
      const [first] = shippedPlan()
        .activitiesOf('MARCC')
        .filter((a) => a.costNote === null);
      if (!first) throw new Error('MARCC needs a costed activity');
      const r1 = row(first.code);
      addOn.sheet.type('Saisie', `G${r1}`, 100);
      addOn.sheet.type('Saisie', `M${r1}`, 60);
      addOn.sheet.type('Saisie', `N${r1}`, 60);

      // « Vérifier » in the menu: a new page that checks as soon as it is ready.
      await open('checkFromMenu');
      await expect
        .poll(() => page.locator('#pac-summary').textContent())
        .toMatch(/^1 erreur, \d+ avertissements$/);
      const link = page.locator('li[data-code="funding_split_mismatch"] button');
      expect(await link.textContent()).toBe(`Saisie!M${r1}`);
      await link.click();
      await expect.poll(() => addOn.sheet.selection).toEqual({ sheet: 'Saisie', a1: `M${r1}` });
      expect(addOn.sheet.cell('Saisie', `M${r1}`)?.background).toBe('#ffc7ce');
      await shot('03-checked');

      addOn.sheet.type('Saisie', `N${r1}`, 40);
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await expect
        .poll(() => page.locator('#pac-receipt').textContent())
        .toMatch(/^Retour reçu : version 1, le \d\d\/\d\d\/\d{4} à \d\d:\d\d\.$/);
      expect(await page.locator('#pac-review').textContent()).toMatch(
        /version 1 .* reçu, en attente de revue/,
      );
      await shot('04-submitted');

      // The page reached nothing but itself: every request went through google.script.run.
      expect(new Set(requested)).toEqual(new Set([SANDBOX]));
      const returns = await service.api<{ returns: unknown[] }>(
        '/api/returns?ministry=MARCC',
        service.adminToken,
      );
      expect(returns.body.returns).toHaveLength(1);
    });
  },
);
