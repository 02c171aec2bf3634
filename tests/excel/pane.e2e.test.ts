// The task pane end to end: the built pane in headless Chromium, served by a real sync service
// (HTTP, fresh SQLite, a ministry token made through the API), with the fake Excel installed in the
// page before the pane's script runs. Connect, set up, type, check, click a finding, convert a text
// amount, submit, go offline, come back: exactly one version per submission on the server. Each
// step is kept as a screenshot under tests/artifacts/screenshots/excel/; the pane's main states
// (not connected, findings, the fix to confirm, a return sent back, outside Excel) are checked by
// axe-core in French and English and shot at 320, 390 and 1366 px under screenshots/pane/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAddin } from '../../addin/excel/build.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { inspectPane } from '../fixtures/pane-inspection.ts';
import { listen, type Service, startService } from '../server/http/harness.ts';
import { BACKENDS } from '../server/store/backends.ts';
import { fakeExcelScript } from './fake-excel-script.ts';

const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/excel/', import.meta.url));

/** The harness's service (fresh SQLite, bootstrapped as npm start does) over real HTTP, with a MARCC token. */
interface Running extends Service {
  base: string;
  ministry: string;
  close(): Promise<void>;
}

async function startPaneService(): Promise<Running> {
  const service = await startService(BACKENDS[0] as (typeof BACKENDS)[number], {
    maxJsonBytes: 8 * 1024 * 1024,
    maxUploadBytes: 10 * 1024 * 1024,
  });
  const server = await listen(service);
  const ministry = await service.token('ministry', 'MARCC', 'CPS MARCC');
  return {
    ...service,
    base: server.base,
    ministry,
    close: async () => {
      await server.close();
      await service.db.cleanup();
    },
  };
}

describe.skipIf(chromiumMissing !== null)(
  `the Excel task pane in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let dir: string;
    let service: Running;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-pane-e2e-'));
      await Promise.all([buildAddin(), mkdir(SHOTS, { recursive: true })]);
      service = await startPaneService();
      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        ...CHROMIUM_LAUNCH,
        viewport: { width: 380, height: 1100 },
        // The pane's service worker is for offline use in Office; here the test plays the network.
        serviceWorkers: 'block',
        locale: 'fr-FR',
      });
      // Office.js comes from Microsoft's CDN in production; the stand-in replaces it here.
      await context.route('https://appsforoffice.microsoft.com/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
      );
      await context.addInitScript({ content: await fakeExcelScript() });
      page = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await service?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    const type = (cell: string, value: string | number | null) =>
      page.evaluate(
        ([c, v]) => window.__pacFake.type('Saisie', c as string, v as string | number | null),
        [cell, value],
      );
    const rowOf = (code: string) =>
      page.evaluate((c) => {
        for (const [r, cols] of window.__pacFake.sheet('Saisie').cells)
          if (cols.get(0)?.value === c) return r + 1;
        return -1;
      }, code);

    it('connects, sets up, checks, submits, and sends a return kept offline exactly once', async () => {
      await page.goto(`${service.base}/addin/taskpane.html`);
      await expect.poll(() => page.locator('#pac-connection-status').textContent()).toBe('Non connecté');
      await expect
        .poll(() => page.locator('#pac-workbook-status').textContent())
        .toContain("n'a pas encore la feuille PAC");
      await shot('01-start');

      // What cannot work yet is disabled, with the reason beside it and read with the button.
      const setUp = page.getByRole('button', { name: 'Préparer la feuille' });
      expect(await setUp.isDisabled()).toBe(true);
      expect(await setUp.getAttribute('aria-describedby')).toBe('pac-why-workbook-connection');
      expect(await page.locator('#pac-why-workbook-connection').textContent()).toBe(
        '« Préparer la feuille » : il faut être connecté au service (section « Connexion »).',
      );
      const submit = page.getByRole('button', { name: 'Soumettre' });
      expect(await submit.isDisabled()).toBe(true);
      expect(await submit.getAttribute('aria-describedby')).toBe(
        'pac-why-actions-connection pac-why-actions-sheet',
      );
      expect(await page.locator('#pac-why-actions-sheet').textContent()).toBe(
        "« Vérifier », « Soumettre » : le classeur n'a pas encore la feuille PAC : préparez-la, ou convertissez l'ancienne, d'abord.",
      );
      const problems = await inspectPane(page, 'excel', '1-not-connected');

      // Connect: the service address is the pane's own origin; the token stays in localStorage.
      expect(await page.inputValue('#pac-service')).toBe(service.base);
      await page.fill('#pac-token', service.ministry);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect
        .poll(() => page.locator('#pac-connection-status').textContent())
        .toBe('Connecté : CPS MARCC (MARCC)');
      await shot('02-connected');

      // Set up: the ministry's template written into the workbook.
      await page.getByRole('button', { name: 'Préparer la feuille' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toMatch(/^Feuille prête : \d+ activités/);
      expect(await page.evaluate(() => window.__pacFake.sheets.map((s) => s.name))).toEqual([
        'Feuil1',
        "Mode d'emploi",
        'Saisie',
        'Synthèse',
        'Contrôles',
        'Listes',
        'PAC_meta',
      ]);
      await shot('03-set-up');

      // Type amounts: the split does not add up, and one cell is not a number.
      const costed = shippedPlan()
        .activitiesOf('MARCC')
        .filter((a) => a.costNote === null);
      const [first, second] = costed;
      if (!first || !second) throw new Error('MARCC needs two costed activities');
      const r1 = await rowOf(first.code);
      const r2 = await rowOf(second.code);
      await type(`G${r1}`, 100);
      await type(`H${r1}`, 50);
      await type(`M${r1}`, 100);
      await type(`N${r1}`, 20);
      await type(`I${r2}`, 'abc');

      expect(await page.getByRole('button', { name: 'Vérifier' }).isDisabled()).toBe(false);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect
        .poll(() => page.locator('#pac-summary').textContent())
        .toMatch(/^2 erreurs, \d+ avertissements?$/);
      expect(await page.locator('h3.errors').textContent()).toBe('Erreurs (2)');
      // Grouped by code with a count: a short group is open, the long one shows its title until opened.
      const toFill = page.locator('details[data-group="warning:line_not_filled"]');
      const unfilled = Number(
        /^(\d+) lignes à remplir$/.exec((await toFill.locator('summary').textContent()) ?? '')?.[1],
      );
      expect(unfilled).toBeGreaterThan(3);
      expect(await toFill.getAttribute('open')).toBeNull();
      expect(await toFill.locator('li.finding').count()).toBe(unfilled);
      expect(await page.locator('details[data-group="error:unreadable_number"]').getAttribute('open')).toBe(
        '',
      );
      problems.push(...(await inspectPane(page, 'excel', '2-findings')));
      // Opened by the person, it stays open when the pane redraws.
      await toFill.locator('summary').click();
      await page.getByRole('button', { name: 'English' }).click();
      await page.getByRole('button', { name: 'Français' }).click();
      expect(await toFill.getAttribute('open')).toBe('');
      expect(await toFill.locator('summary').textContent()).toBe(`${unfilled} lignes à remplir`);
      await shot('04-checked');

      // A finding's place selects its cell in the workbook.
      const link = page.locator('li[data-code="unreadable_number"] button');
      expect(await link.textContent()).toBe(`Saisie!I${r2}`);
      await link.click();
      await expect
        .poll(() => page.evaluate(() => window.__pacFake.selection))
        .toEqual({ sheet: 'Saisie', address: `I${r2}` });
      expect(
        await page.evaluate(
          (c) => window.__pacFake.cellAt('Saisie', c)?.format.borders?.EdgeTop?.color,
          `I${r2}`,
        ),
      ).toBe('#C00000');

      // An amount pasted as text: the pane offers to write it as a number, and asks first.
      await type(`H${r1}`, "'50");
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect
        .poll(() => page.locator('details[data-group="error:amount_as_text"] summary').textContent())
        .toBe('1 montant saisi comme du texte');
      await page.getByRole('button', { name: 'Convertir en nombre (1 cellule)' }).click();
      await expect
        .poll(() => page.locator('#pac-fix li').allTextContents())
        .toEqual([`Saisie!H${r1} : « 50 » → 50`]);
      // The confirmation takes the focus from the button that opened it.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('data-action'))).toBe(
        'fix-apply',
      );
      problems.push(...(await inspectPane(page, 'excel', '3-fix-confirmation')));
      await page.getByRole('button', { name: 'Écrire ces nombres' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toBe('1 cellule convertie en nombre ; la feuille a été vérifiée à nouveau.');
      expect(await page.evaluate((c) => window.__pacFake.valueAt('Saisie', c), `H${r1}`)).toBe(50);

      // Fixed, checked again: marks cleared, then sent.
      await type(`N${r1}`, 50);
      await type(`I${r2}`, null);
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toMatch(/^Retour reçu : version 1, le \d\d\/\d\d\/\d{4} à \d\d:\d\d\.$/);
      expect(
        await page.evaluate(
          (c) => window.__pacFake.cellAt('Saisie', c)?.format.borders?.EdgeTop?.color,
          `I${r2}`,
        ),
      ).toBe('#BFBFBF');
      // The review state follows the receipt, from its own request.
      await expect
        .poll(() => page.locator('#pac-review').textContent())
        .toMatch(/version 1 .* reçu, en attente de revue/);
      await shot('05-receipt');
      // The receipt is said once, by the notice: the review line already names version 1.
      expect(await page.locator('#pac-receipt').count()).toBe(0);
      // The last action's result and the review are above the findings, whatever their number.
      const top = (selector: string) =>
        page.locator(selector).evaluate((el) => el.getBoundingClientRect().top);
      expect(await top('.notice.success')).toBeLessThan(await top('#pac-findings'));
      expect(await top('#pac-review')).toBeLessThan(await top('#pac-findings'));

      // Offline: nothing reaches the service; the return is kept in the add-in's storage.
      await type(`J${r1}`, 25);
      await type(`M${r1}`, 125);
      await context.route(`${service.base}/api/**`, (route) => route.abort('internetdisconnected'));
      await page.getByRole('button', { name: 'Soumettre' }).click();
      await expect
        .poll(() => page.locator('#pac-notices').textContent())
        .toMatch(/^Hors ligne : le retour préparé le .* est conservé/);
      expect(await page.locator('#pac-pending').textContent()).toMatch(
        /^Retour du .* en attente d'envoi \(1 essai\), conservé sur cet ordinateur\.$/,
      );
      const pending = await page.evaluate(() => JSON.parse(localStorage.getItem('pac.pending') ?? 'null'));
      expect(pending?.key).toMatch(/^pac-/);
      expect(await page.evaluate(() => JSON.stringify(window.__pacFake.settings))).not.toContain(
        service.ministry,
      );
      await shot('06-offline');

      // A flaky line: the return reaches the service, its answer is lost.
      await context.unroute(`${service.base}/api/**`);
      await context.route(`${service.base}/api/returns`, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        await route.fetch();
        await route.abort('connectionreset');
      });
      await page.getByRole('button', { name: 'Réessayer maintenant' }).click();
      await expect
        .poll(() => page.evaluate(() => JSON.parse(localStorage.getItem('pac.pending') ?? 'null')?.attempts))
        .toBe(2);
      expect(await page.locator('#pac-pending').isVisible()).toBe(true);

      // Back online: sent again with the same key; the service answers with the version it made.
      await context.unroute(`${service.base}/api/returns`);
      await page.getByRole('button', { name: 'Réessayer maintenant' }).click();
      // One sentence says it: received before, as version 2 (not « reçu » then « déjà reçu »).
      await expect
        .poll(() => page.locator('.notice.success').textContent())
        .toMatch(
          /^Ce retour avait déjà été reçu : c'est la version 2, du \d\d\/\d\d\/\d{4} à \d\d:\d\d ; aucune nouvelle version n'a été créée\.$/,
        );
      expect(await page.locator('#pac-notices').textContent()).not.toContain('Retour reçu');
      expect(await page.evaluate(() => localStorage.getItem('pac.pending'))).toBeNull();
      await shot('07-back-online');

      const listed = await service.json('/api/returns', { token: service.ministry });
      expect(listed.body.returns.map((r: { version: number }) => r.version).sort()).toEqual([1, 2]);
      const sent = await service.json('/api/returns/MARCC/2', { token: service.ministry });
      expect(sent.body.return.clientKey).toBe(pending.key);

      // A new plan version: one activity withdrawn (the one with amounts), one renamed, one added.
      const v1 = shippedPlan().plan;
      const added = {
        ...first,
        code: `${first.result}.99`,
        title: 'Activité ajoutée au plan',
        source: { code: null, line: 1 },
      };
      const v2 = {
        ...v1,
        plan: { ...v1.plan, version: '2' },
        activities: [
          ...v1.activities
            .filter((a) => a.code !== first.code)
            .map((a) => (a.code === second.code ? { ...a, title: `${a.title} (révisé)` } : a)),
          added,
        ],
      };
      expect((await service.json('/api/plan/versions', { json: v2 })).status).toBe(201);
      await page.getByRole('button', { name: 'Mettre à jour' }).click();
      await expect.poll(() => page.locator('#pac-changes').textContent()).toContain('Plan : version 1 → 2.');
      const changes = await page.locator('#pac-changes li').allTextContents();
      expect(changes).toContain(`Nouvelles activités ajoutées : ${added.code}.`);
      // Long titles are cut in the list; the sheet has them whole.
      expect(changes.some((c) => c.startsWith(`Activité ${second.code} renommée : « `))).toBe(true);
      expect(changes.some((c) => c.startsWith(`Activités retirées du plan : ${first.code}.`))).toBe(true);
      const kept = await page.evaluate((code) => {
        const f = window.__pacFake;
        for (const [r, cols] of f.sheet('Retirées').cells)
          if (cols.get(0)?.value === code) return f.valueAt('Retirées', `G${r + 1}`);
        return null;
      }, first.code);
      expect(kept).toBe(100);
      expect(await page.locator('#pac-workbook-status').textContent()).toBe(
        'Modèle PAC de MARCC, plan version 2.',
      );
      await shot('07b-updated');

      // The Permanent Secretariat returns version 2 with a comment; the pane shows it when it opens.
      const consolidator = await service.token('consolidator', undefined, 'SP PNLEVT');
      const review = await service.json('/api/returns/MARCC/2/review', {
        token: consolidator,
        json: { action: 'return', comment: 'Précisez le financement extérieur de 1.1.1.1.' },
      });
      expect(review.status).toBe(200);
      await page.reload();
      await expect
        .poll(() => page.locator('#pac-review').textContent())
        .toMatch(/version 2 .* renvoyé pour correction\.$/);
      expect(await page.locator('#pac-review-comment').textContent()).toBe(
        'Commentaire de SP PNLEVT : « Précisez le financement extérieur de 1.1.1.1. »',
      );
      await shot('08-review');
      // The test's Excel starts empty on every page load: set up again, then check, to see the
      // review above the findings.
      await page.getByRole('button', { name: 'Préparer la feuille' }).click();
      await expect
        .poll(() => page.locator('#pac-workbook-status').textContent())
        .toBe('Modèle PAC de MARCC, plan version 2.');
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await expect.poll(() => page.locator('#pac-summary').count()).toBe(1);
      expect(await top('#pac-review-comment')).toBeLessThan(await top('#pac-findings'));
      problems.push(...(await inspectPane(page, 'excel', '4-review-returned')));

      // English, from the same pane.
      await page.getByRole('button', { name: 'English' }).click();
      await expect
        .poll(() => page.locator('#pac-connection-status').textContent())
        .toBe('Connected: CPS MARCC (MARCC)');
      await shot('09-english');
      expect(problems).toEqual([]);
    }, 180_000);

    it('says so when opened outside Excel, every workbook button disabled with that reason', async () => {
      const outside = await context.newPage();
      // Office.js and Excel missing: the page opened in a plain browser.
      await outside.addInitScript(() => {
        delete (window as { Office?: unknown }).Office;
        delete (window as { Excel?: unknown }).Excel;
      });
      await outside.setViewportSize({ width: 380, height: 900 });
      await outside.goto(`${service.base}/addin/taskpane.html`);
      // The first test ended in English, which the pane keeps: back to French.
      await outside.getByRole('button', { name: 'Français' }).click();
      await expect
        .poll(() => outside.locator('#pac-host-problem').textContent())
        .toBe("Excel n'est pas disponible : ouvrez ce volet depuis Excel, onglet PAC.");
      for (const name of ['Vérifier', 'Soumettre']) {
        const button = outside.getByRole('button', { name });
        expect(await button.isDisabled()).toBe(true);
        expect(await button.getAttribute('aria-describedby')).toBe('pac-why-actions-host');
      }
      // That reason alone: being connected or not does not matter without a workbook.
      expect(await outside.locator('.reason').allTextContents()).toEqual([
        "« Préparer la feuille » : ce volet n'est pas ouvert dans Excel ; voir le message en haut.",
        "« Vérifier », « Soumettre » : ce volet n'est pas ouvert dans Excel ; voir le message en haut.",
      ]);
      const problems = await inspectPane(outside, 'excel', '5-outside-excel');
      await outside.close();
      expect(problems).toEqual([]);
    }, 60_000);
  },
);
