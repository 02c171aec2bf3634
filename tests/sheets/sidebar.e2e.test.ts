// The built Sidebar.html in headless Chromium, 300 px wide like Google's sidebar, as the add-on's
// Apps Script side serves it (the page HtmlService would show, PAC_START written in). Its
// google.script.run is a stand-in that calls the built add-on in the test's vm context
// (./apps-script.ts), which reaches the real sync service; the page itself may load nothing from
// the network. Connect, set up, reopen from « Vérifier » (checks at once), convert a text amount,
// submit, see the return sent back. Each step is kept as a screenshot under
// tests/artifacts/screenshots/sheets/; the pane's main states, and the page opened outside Google
// Sheets, are checked by axe-core in French and English and shot at 320, 390 and 1366 px under
// screenshots/pane/.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSheets } from '../../addin/sheets/build.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { inspectPane } from '../fixtures/pane-inspection.ts';
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
      // As in Excel: what cannot work yet is disabled, with its reason beside it.
      expect(await page.getByRole('button', { name: 'Vérifier' }).isDisabled()).toBe(true);
      expect(await page.locator('#pac-why-actions-connection').textContent()).toBe(
        '« Soumettre » : il faut être connecté au service (section « Connexion »).',
      );
      const problems = await inspectPane(page, 'sheets', '1-not-connected');
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
      expect(
        await page.locator('details[data-group="error:funding_split_mismatch"] summary').textContent(),
      ).toBe('1 ligne dont national + extérieur ne font pas le total');
      expect(
        await page.locator('details[data-group="warning:line_not_filled"] summary').textContent(),
      ).toMatch(/^\d+ lignes à remplir$/);
      await shot('03-checked');
      problems.push(...(await inspectPane(page, 'sheets', '2-findings')));

      // An amount pasted as text: converted once the person has seen what would be written.
      addOn.sheet.type('Saisie', `H${r1}`, "'50");
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await page.getByRole('button', { name: 'Convertir en nombre (1 cellule)' }).click();
      await expect
        .poll(() => page.locator('#pac-fix li').allTextContents())
        .toEqual([`Saisie!H${r1} : « 50 » → 50`]);
      problems.push(...(await inspectPane(page, 'sheets', '3-fix-confirmation')));
      await page.getByRole('button', { name: 'Écrire ces nombres' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toBe('1 cellule convertie en nombre ; la feuille a été vérifiée à nouveau.');
      expect(addOn.sheet.shown('Saisie', `H${r1}`)).toBe(50);
      addOn.sheet.type('Saisie', `H${r1}`, null);

      addOn.sheet.type('Saisie', `N${r1}`, 40);
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toMatch(/^Retour reçu : version 1, le \d\d\/\d\d\/\d{4} à \d\d:\d\d\.$/);
      await expect
        .poll(() => page.locator('#pac-review').textContent())
        .toMatch(/version 1 .* reçu, en attente de revue/);
      await shot('04-submitted');

      // Sent back by the secretariat: the sidebar opened again says so above everything else.
      const consolidator = await service.token('consolidator', 'Secrétariat permanent');
      const comment = `Ligne ${first.code} : précisez le financement extérieur.`;
      const review = await service.api('/api/returns/MARCC/1/review', consolidator, {
        action: 'return',
        comment,
      });
      expect(review.status).toBe(200);
      await open('checkFromMenu');
      await expect
        .poll(() => page.locator('#pac-review').textContent())
        .toMatch(/version 1 .* renvoyé pour correction\.$/);
      expect(await page.locator('#pac-review-comment').textContent()).toBe(
        `Commentaire de Secrétariat permanent : « ${comment} »`,
      );
      await expect.poll(() => page.locator('#pac-summary').count()).toBe(1);
      const top = (selector: string) =>
        page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
      expect(await top('#pac-review-comment')).toBeLessThan(await top('#pac-findings'));
      problems.push(...(await inspectPane(page, 'sheets', '4-review-returned')));
      expect(problems).toEqual([]);

      // The page reached nothing but itself: every request went through google.script.run.
      expect(new Set(requested)).toEqual(new Set([SANDBOX]));
      const returns = await service.api<{ returns: unknown[] }>(
        '/api/returns?ministry=MARCC',
        service.adminToken,
      );
      expect(returns.body.returns).toHaveLength(1);
    }, 120_000);

    it('says so when the page is opened outside Google Sheets, every button disabled with that reason', async () => {
      // The built page in a plain browser: no google.script.run, nothing else to reach.
      const context = await browser.newContext({ viewport: { width: 300, height: 800 }, locale: 'fr-FR' });
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const outside = await context.newPage();
      await outside.setContent(await readFile(join(dir, 'Sidebar.html'), 'utf8'));
      await expect
        .poll(() => outside.locator('#pac-host-problem').textContent())
        .toBe(
          "Google Sheets n'est pas disponible : ouvrez ce volet depuis une feuille Google Sheets, menu Extensions › PAC › Ouvrir PAC.",
        );
      for (const name of ['Se connecter', 'Préparer la feuille', 'Vérifier', 'Soumettre']) {
        expect(await outside.getByRole('button', { name }).isDisabled()).toBe(true);
      }
      expect(await outside.locator('#pac-token').isDisabled()).toBe(true);
      expect(
        await outside.getByRole('button', { name: 'Se connecter' }).getAttribute('aria-describedby'),
      ).toBe('pac-why-connection-host');
      expect(await outside.locator('.reason').allTextContents()).toEqual([
        "« Se connecter » : ce volet n'est pas ouvert dans Google Sheets ; voir le message en haut.",
        "« Préparer la feuille » : ce volet n'est pas ouvert dans Google Sheets ; voir le message en haut.",
        "« Vérifier », « Soumettre » : ce volet n'est pas ouvert dans Google Sheets ; voir le message en haut.",
      ]);
      const problems = await inspectPane(outside, 'sheets', '5-outside-sheets');
      await context.close();
      expect(problems).toEqual([]);
    }, 60_000);
  },
);
