// The execution follow-up end to end, in headless Chromium against the real sync service over HTTP
// (fresh SQLite) hosting the next cycle's plan (the PNLEVT's activities moved to 2026–2030): the
// consolidator opens the 2026 period on the dashboard; two ministries each insert the « Exécution »
// template through the task pane (the Excel fake in the page), fill it, check it — one first with a
// disbursement above its commitment, found at its cell — and send it; the consolidator returns one
// with a comment and accepts the other; the returned ministry's pane shows the comment; the
// dashboard shows the rates, the charts and the ministry × year heat table as the service computes
// them, in French and in English, with readable contrast and no axe violation. Screenshots go to
// tests/artifacts/screenshots/execution/.
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeatTable, Plan } from '#core';
import { buildAddin } from '../../addin/excel/build.ts';
import { formatPercent } from '../../server/dashboard/browser/format.ts';
import { buildDashboard } from '../../server/dashboard/build.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { textContrast } from '../dashboard/contrast.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { type Listening, listen, type Service, startService } from '../server/http/harness.ts';
import { BACKENDS } from '../server/store/backends.ts';
import { fakeExcelScript } from './fake-excel-script.ts';

const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/execution/', import.meta.url));
/** A page's answer may take seconds on a busy machine: wait for it that long, not vitest's one second. */
const poll = <T>(read: () => Promise<T> | T) => expect.poll(read, { timeout: 15_000 });
const COMMENT = 'Décaissé du 1er semestre à justifier : joignez les ordres de paiement.';

/** The next cycle: the shipped plan's activities, envelope and years moved five years on (2026–2030). */
function nextCyclePlan(): Plan {
  const plan = structuredClone(shippedPlan().plan);
  const shift = (y: number) => y + 5;
  const shiftRecord = <T>(r: Record<string, T>) =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [String(shift(Number(k))), v]));
  plan.plan = { ...plan.plan, id: 'pnlevt-2026-2030', version: '2026.1', years: plan.plan.years.map(shift) };
  for (const a of plan.activities) a.years = a.years.map(shift);
  plan.envelope.years = plan.envelope.years.map(shift);
  for (const row of [...plan.envelope.rows, plan.envelope.totalRow]) row.years = shiftRecord(row.years);
  return plan;
}

/** Two ministries that send returns and have costed activities in 2026, MARCC first. */
function twoMinistries(plan: Plan): [string, string] {
  const costed = (m: string) =>
    plan.activities.some(
      (a) => a.responsible === m && a.cost !== null && a.cost > 0 && a.years.includes(2026),
    );
  const codes = plan.ministries.filter((m) => m.returns && costed(m.code)).map((m) => m.code);
  const others = codes.filter((c) => c !== 'MARCC');
  return [codes.includes('MARCC') ? 'MARCC' : (others.shift() as string), others[0] as string];
}

describe.skipIf(chromiumMissing !== null)(
  `the execution follow-up in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    const plan = nextCyclePlan();
    const [first, second] = twoMinistries(plan);
    let dir: string;
    let service: Service;
    let server: Listening;
    let browser: Browser;
    let dashboardContext: BrowserContext;
    let dashboard: Page;
    const panes = new Map<string, { context: BrowserContext; page: Page; token: string }>();
    let consolidator = '';
    let shot = 0;
    const snap = async (page: Page, name: string) => {
      shot++;
      await page.screenshot({
        path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`),
        fullPage: true,
      });
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-execution-e2e-'));
      await mkdir(SHOTS, { recursive: true });
      for (const name of await readdir(SHOTS))
        if (/^\d\d-.*\.png$/.test(name)) await rm(join(SHOTS, name), { force: true });
      await Promise.all([buildAddin(), buildDashboard()]);
      service = await startService(
        BACKENDS[0] as (typeof BACKENDS)[number],
        { maxJsonBytes: 8 * 1024 * 1024, maxUploadBytes: 10 * 1024 * 1024 },
        {},
        { plan },
      );
      server = await listen(service);
      consolidator = await service.token('consolidator', undefined, 'Secrétariat permanent');
      browser = await chromium.launch(CHROMIUM_LAUNCH);
      const fake = await fakeExcelScript();
      for (const ministry of [first, second]) {
        const context = await browser.newContext({
          viewport: { width: 400, height: 1000 },
          locale: 'fr-FR',
          serviceWorkers: 'block',
        });
        await context.route('https://appsforoffice.microsoft.com/**', (route) =>
          route.fulfill({ status: 200, contentType: 'text/javascript', body: '' }),
        );
        await context.addInitScript({ content: fake });
        const page = await context.newPage();
        page.setDefaultTimeout(15_000);
        panes.set(ministry, {
          context,
          page,
          token: await service.token('ministry', ministry, `CPS ${ministry}`),
        });
      }
      dashboardContext = await browser.newContext({
        viewport: { width: 1366, height: 900 },
        locale: 'fr-FR',
        timezoneId: 'Africa/Bamako',
      });
      dashboard = await dashboardContext.newPage();
      dashboard.setDefaultTimeout(15_000);
    }, 180_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
      await service?.db.cleanup();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const pane = (ministry: string) => {
      const p = panes.get(ministry);
      if (!p) throw new Error(`no pane for ${ministry}`);
      return p;
    };
    const statusRow = (ministry: string) =>
      dashboard.locator(`#execution-status tr[data-ministry="${ministry}"]`);

    /** The pane connected, the 2026 template inserted into the (empty) workbook of the Excel fake. */
    async function insertTemplate(ministry: string): Promise<void> {
      const { page, token } = pane(ministry);
      await page.goto(`${server.base}/addin/taskpane.html`);
      await page.locator('#pac-token').fill(token);
      await page.locator('form[data-action="connect"] button[type="submit"]').click();
      await poll(() => page.locator('#pac-connection-status').textContent()).toContain(ministry);
      await page.getByRole('button', { name: "Télécharger le modèle d'exécution" }).click();
      await page.getByRole('button', { name: 'Insérer le modèle 2026' }).click();
      await poll(() => page.locator('#pac-workbook-status').textContent()).toBe(
        `Classeur de suivi de l'exécution, période 2026 (${ministry}).`,
      );
      expect(await page.evaluate(() => window.__pacFake.hasSheet('Exécution'))).toBe(true);
    }

    /** The first row of the « Exécution » sheet whose activity has at least 10 planned for 2026. */
    const plannedRow = (page: Page) =>
      page.evaluate(() => {
        for (const [r, cols] of window.__pacFake.sheet('Exécution').cells) {
          const planned = cols.get(4)?.value;
          if (r >= 5 && typeof planned === 'number' && planned >= 10) return r + 1;
        }
        return -1;
      });
    const type = (page: Page, cell: string, value: string | number) =>
      page.evaluate(
        ([c, v]) => window.__pacFake.type('Exécution', c as string, v as string | number),
        [cell, value],
      );

    it('lets the consolidator open the 2026 period on the dashboard', async () => {
      await dashboard.goto(`${server.base}/#/execution`);
      await dashboard.locator('#token').fill(consolidator);
      await dashboard.locator('#token').press('Enter');
      await poll(() => dashboard.locator('#execution-h').textContent()).toBe("Suivi de l'exécution");
      await poll(() => dashboard.locator('#no-period').isVisible()).toBe(true);
      await dashboard.locator('#period-key').fill('2026');
      await dashboard.locator('#period-deadline').fill('2027-03-31');
      await snap(dashboard, 'dashboard-open-period');
      await dashboard.locator('#period-open').click();
      await poll(() => statusRow(first).locator('.badge').textContent()).toBe('Pas encore rendu');
      expect(await dashboard.locator('#period-line').textContent()).toContain('Période 2026 · à rendre le');
      expect(await dashboard.locator('#period-select').inputValue()).toBe('2026');
      // Opened once: the service refuses the same period again, said in its own French words.
      await dashboard.locator('#period-key').fill('2026');
      await dashboard.locator('#period-open').click();
      await poll(() => dashboard.locator('#period-open-error').isVisible()).toBe(true);
      await snap(dashboard, 'dashboard-period-opened');
    });

    it('lets the first ministry insert the template, fill it, check it and send it through the pane', async () => {
      await insertTemplate(first);
      const { page } = pane(first);
      await snap(page, `pane-${first}-template`);
      const row = await plannedRow(page);
      expect(row).toBeGreaterThan(5);
      await type(page, `F${row}`, 8);
      await type(page, `G${row}`, 2);
      await type(page, `I${row}`, 4);
      await type(page, `M${row}`, 'En cours');
      await page.getByRole('button', { name: 'Vérifier' }).click();
      await poll(() => page.locator('#pac-summary').textContent()).toContain('0 erreur');
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await poll(() => page.locator('#pac-notices').textContent()).toContain('Suivi 2026 reçu : version 1');
      await poll(() => page.locator('#pac-exec-latest').textContent()).toContain('reçu, en attente de revue');
      await snap(page, `pane-${first}-sent`);
    });

    it('finds the second ministry’s disbursement above its commitment at the cell, then sends once corrected', async () => {
      await insertTemplate(second);
      const { page } = pane(second);
      const row = await plannedRow(page);
      await type(page, `F${row}`, 5);
      await type(page, `I${row}`, 9);
      await page.getByRole('button', { name: 'Vérifier' }).click();
      const place = page.locator('#pac-findings button.place').first();
      await poll(() => place.textContent()).toContain(`I${row}`);
      await snap(page, `pane-${second}-finding`);
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await poll(() => page.locator('#pac-notices').textContent()).toContain('Envoi impossible');
      await place.click();
      await type(page, `I${row}`, 3);
      await page.getByRole('button', { name: 'Envoyer' }).click();
      await poll(() => page.locator('#pac-notices').textContent()).toContain('Suivi 2026 reçu : version 1');
    });

    it('lets the consolidator return one follow-up with a comment and accept the other', async () => {
      await dashboard.locator('#execution-refresh').click();
      await poll(() => statusRow(first).locator('.badge').textContent()).toBe('Reçu');
      await poll(() => statusRow(second).locator('.badge').textContent()).toBe('Reçu');
      await dashboard.locator(`#exec-return-${second}`).click();
      // No comment, no return: the field says why.
      await dashboard.locator('#return-confirm').click();
      await poll(() => dashboard.locator('#return-comment-missing').isVisible()).toBe(true);
      await dashboard.locator('#return-comment').fill(COMMENT);
      await snap(dashboard, 'dashboard-return-comment');
      await dashboard.locator('#return-confirm').click();
      await poll(() => statusRow(second).locator('.badge').textContent()).toBe('Renvoyé');
      await dashboard.locator(`#exec-accept-${first}`).click();
      await poll(() => statusRow(first).locator('.badge').textContent()).toBe('Accepté');
    });

    it('shows a third ministry’s refused send on the execution page and opens its findings', async () => {
      const third = plan.ministries.find(
        (m) =>
          m.returns &&
          m.code !== first &&
          m.code !== second &&
          plan.activities.some((a) => a.responsible === m.code && a.years.includes(2026)),
      )?.code as string;
      const activity = plan.activities.find((a) => a.responsible === third && a.years.includes(2026))
        ?.code as string;
      const token = await service.token('ministry', third, `CPS ${third}`);
      const refused = await service.json('/api/periods/2026/returns', {
        token,
        json: {
          ministry: third,
          planId: plan.plan.id,
          planVersion: plan.plan.version,
          period: '2026',
          lines: [
            {
              activity,
              committed: { national: 5, external: null },
              disbursed: { national: 9, external: null },
              state: 'ongoing',
              comment: null,
            },
          ],
          indicators: [],
        },
      });
      expect([refused.status, refused.body.error.code]).toEqual([422, 'return_has_errors']);
      await dashboard.locator('#execution-refresh').click();
      await poll(() => statusRow(third).locator('.badge').textContent()).toBe('Envoi refusé');
      // The ministries that sent since have no refusal to show.
      expect(await dashboard.locator(`#exec-refusal-${first}`).count()).toBe(0);
      await dashboard.locator(`#exec-refusal-${third}`).click();
      await poll(() => dashboard.locator('#attempt-period').textContent()).toBe(
        "Suivi de l'exécution, période 2026.",
      );
      expect(new URL(dashboard.url()).hash).toMatch(new RegExp(`^#/envoi/${third}/`));
      // Part of the execution page, as the navigation says.
      expect(await dashboard.locator('#nav-execution').getAttribute('aria-current')).toBe('page');
      expect(await dashboard.locator('#attempt ul.findings').textContent()).toMatch(/décaiss/i);
      // The other refusals listed are this period's: this one.
      expect(await dashboard.locator('#attempt table.history tbody tr').count()).toBe(1);
      expect(await axeViolations(dashboard, 'execution refusal')).toEqual([]);
      await snap(dashboard, 'dashboard-execution-refusal');
      await dashboard.getByRole('button', { name: "← Retour au suivi de l'exécution" }).click();
      await poll(() => dashboard.locator('#execution-h').textContent()).toBe("Suivi de l'exécution");
      expect(await statusRow(third).locator('.badge').textContent()).toBe('Envoi refusé');
      // Back where the keyboard user left off: on the button that opened it.
      await poll(() => dashboard.evaluate(() => document.activeElement?.id)).toBe(`exec-refusal-${third}`);
    });

    it("shows the consolidator's comment in the returned ministry's pane", async () => {
      const { page, token } = pane(second);
      // The pane opened again: the connection reads the latest state of the period.
      await page.getByRole('button', { name: 'Se déconnecter' }).click();
      await page.locator('#pac-token').fill(token);
      await page.locator('form[data-action="connect"] button[type="submit"]').click();
      await poll(() => page.locator('#pac-exec-latest').textContent()).toContain('renvoyé pour correction');
      expect(await page.locator('#pac-exec-comment').textContent()).toBe(
        `Commentaire du Secrétariat permanent : ${COMMENT}`,
      );
      expect(await axeViolations(page, 'pane, execution mode')).toEqual([]);
      await snap(page, `pane-${second}-returned`);
    });

    it('shows the rates, the charts and the heat table as the service computes them, in French and English', async () => {
      await dashboard.locator('#execution-refresh').click();
      await poll(() => dashboard.locator('#table-heat').isVisible()).toBe(true);
      const answer = await service.json('/api/periods/2026/consolidation', { token: consolidator });
      expect(answer.status).toBe(200);
      const heat = answer.body.heat as HeatTable;
      expect(heat.years).toEqual([2026]);
      const firstRate = heat.rows.find((r) => r.ministry === first)?.rates[0] ?? null;
      expect(Number(firstRate)).toBeGreaterThan(0);
      const heatCell = dashboard.locator(`#table-heat tr[data-ministry="${first}"] td`).first();
      expect(await heatCell.textContent()).toBe(formatPercent(firstRate, 'fr', false));
      // The returned follow-up does not count: only the accepted ministry's money is in the totals.
      const total = answer.body.consolidation.total;
      expect(total.disbursed.total).toBe(4);
      expect(total.committed.total).toBe(10);
      expect(await dashboard.locator('#exec-total').textContent()).toContain('décaissé 4');
      expect(await dashboard.locator('#table-sources tbody tr').first().textContent()).toContain(
        'Budget national',
      );
      expect(await dashboard.locator('#chart-exec-pillars').getAttribute('role')).toBe('img');
      expect(await dashboard.locator('#table-pillars tbody tr').count()).toBe(plan.pillars.length);
      expect(await dashboard.locator('#table-ministries tbody tr').count()).toBeGreaterThan(0);
      await snap(dashboard, 'dashboard-rates-heat');

      // Readable: the heat cells and the state badges at 4.5:1 or more; no axe violation.
      const ratios = await dashboard.evaluate(() =>
        [
          ...document.querySelectorAll<HTMLElement>(
            '#table-heat td, #execution-status .badge, #execution caption',
          ),
        ]
          .filter((el) => el.offsetParent !== null)
          .map((el) => {
            const backgrounds: string[] = [];
            for (let e: HTMLElement | null = el; e; e = e.parentElement)
              backgrounds.push(getComputedStyle(e).backgroundColor);
            return { text: el.textContent ?? '', color: getComputedStyle(el).color, backgrounds };
          }),
      );
      expect(ratios.length).toBeGreaterThan(3);
      for (const r of ratios)
        expect(textContrast(r.color, r.backgrounds), r.text).toBeGreaterThanOrEqual(4.5);
      expect(await axeViolations(dashboard, 'execution')).toEqual([]);

      await dashboard.locator('#lang-switch').click();
      await poll(() => dashboard.locator('#execution-h').textContent()).toBe('Execution follow-up');
      expect(await heatCell.textContent()).toBe(formatPercent(firstRate, 'en', false));
      expect(await statusRow(second).locator('.badge').textContent()).toBe('Returned');
      await snap(dashboard, 'dashboard-rates-heat-en');
      // On a phone the tables scroll in their frames and the charts lie down: nothing spills over.
      await dashboard.setViewportSize({ width: 390, height: 900 });
      await poll(() => dashboard.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        390,
      );
      await snap(dashboard, 'dashboard-rates-heat-390');
    });
  },
);
