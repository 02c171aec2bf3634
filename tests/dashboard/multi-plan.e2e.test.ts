// Two plans hosted at once, in headless Chromium: the shipped PNLEVT (the default) and the
// synthetic 7-year plan (tests/fixtures/plan-workbooks.ts), on a real service over HTTP. The
// Excel task pane of MARCC — in both plans — shows a plan choice, and setting up the sheet after
// choosing the 7-year plan writes that plan's activities; MJS, in one plan only, gets no choice.
// The consolidator's dashboard shows a plan picker, and choosing the 7-year plan shows its board
// (MARCC's return there, none of the PNLEVT's ministries). Screenshots go to
// tests/artifacts/screenshots/multi-plan/.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexPlan } from '#core';
import { buildAddin } from '../../addin/excel/build.ts';
import { WORDING } from '../../server/dashboard/browser/wording.ts';
import { buildDashboard } from '../../server/dashboard/build.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { launchPaneBrowser } from '../excel/fake-excel-script.ts';
import { chromiumMissing } from '../fixtures/chromium.ts';
import { returnOn } from '../fixtures/plan-returns.ts';
import { sevenYearPlan } from '../fixtures/plan-workbooks.ts';
import { type Listening, listen, type Service, startService } from '../server/http/harness.ts';
import { BACKENDS } from '../server/store/backends.ts';

const SHIPPED_TITLE = shippedPlan().plan.plan.title;
const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/multi-plan/', import.meta.url));
const SEVEN = sevenYearPlan();
const SEVEN_ID = SEVEN.plan.id;

describe.skipIf(chromiumMissing !== null)(
  `choosing the plan in the pane and the dashboard, in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let dir: string;
    let s: Service;
    let server: Listening;
    let context: BrowserContext;
    let page: Page;
    const tokens = { marcc: '', mjs: '', consolidator: '' };
    const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-multi-plan-e2e-'));
      await Promise.all([buildAddin(), buildDashboard(), mkdir(SHOTS, { recursive: true })]);
      s = await startService(BACKENDS[0] as (typeof BACKENDS)[number]);
      const hosted = await s.json('/api/plans', { json: SEVEN });
      if (hosted.status !== 201) throw new Error(`hosting refused: ${JSON.stringify(hosted.body)}`);
      server = await listen(s);
      tokens.marcc = await s.token('ministry', 'MARCC', 'CPS MARCC');
      tokens.mjs = await s.token('ministry', 'MJS', 'CPS MJS');
      tokens.consolidator = await s.token('consolidator', undefined, 'Secrétariat permanent');
      const sent = await s.json(`/api/returns?plan=${SEVEN_ID}`, {
        token: tokens.marcc,
        json: returnOn(SEVEN, 'MARCC'),
      });
      if (sent.status !== 201) throw new Error(`return refused: ${JSON.stringify(sent.body)}`);
      context = await launchPaneBrowser(dir, { width: 380, height: 1000 });
      page = context.pages()[0] ?? (await context.newPage());
    }, 120_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
      await s?.db.cleanup();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const connectPane = async (token: string, label: string) => {
      await page.goto(`${server.base}/addin/taskpane.html`);
      // A pane opened before is still connected (its token and plan kept): disconnect first.
      const disconnect = page.getByRole('button', { name: 'Se déconnecter' });
      await page.locator('#pac-token').or(disconnect).first().waitFor();
      if (await disconnect.isVisible()) await disconnect.click();
      await page.fill('#pac-token', token);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => page.locator('#pac-connection-status').textContent()).toBe(label);
    };

    it('lets MARCC pick the 7-year plan in the pane, and sets up that plan’s sheet', async () => {
      await connectPane(tokens.marcc, 'Connecté : CPS MARCC (MARCC)');
      const picker = page.getByLabel('Plan', { exact: true });
      await picker.waitFor();
      const options = await picker.locator('option').allTextContents();
      expect(options).toHaveLength(2);
      expect(options.some((o) => o.includes(SEVEN.plan.title) && o.includes(SEVEN_ID))).toBe(true);
      // The service's default plan first.
      expect(await picker.inputValue()).toBe('pnlevt-2021-2025');
      await shot('01-pane-two-plans');

      await picker.selectOption(SEVEN_ID);
      await expect.poll(() => page.locator('p.sub').textContent()).toContain(SEVEN.plan.title);
      expect(await page.getByLabel('Plan', { exact: true }).inputValue()).toBe(SEVEN_ID);
      await page.getByRole('button', { name: 'Préparer la feuille' }).click();
      await expect.poll(() => page.locator('.notice.success').textContent()).toMatch(/^Feuille prête/);
      const codes = await page.evaluate(() =>
        [...window.__pacFake.sheet('Saisie').cells.values()].map((cols) => String(cols.get(0)?.value ?? '')),
      );
      const own = indexPlan(SEVEN)
        .activitiesOf('MARCC')
        .map((a) => a.code);
      expect(own.length).toBeGreaterThan(0);
      for (const code of own) expect(codes).toContain(code);
      // The 7-year plan's years head the entry sheet, not the PNLEVT's.
      const texts = await page.evaluate(() =>
        [...window.__pacFake.sheet('Saisie').cells.values()].flatMap((cols) =>
          [...cols.values()].map((c) => String(c.value ?? '')),
        ),
      );
      expect(texts.some((t) => t.includes('2032'))).toBe(true);
      await shot('02-pane-seven-year-plan');

      // The choice is kept: a pane opened again works on the same plan.
      await page.reload();
      await expect.poll(() => page.locator('#pac-connection-status').textContent()).toContain('CPS MARCC');
      await expect.poll(() => page.getByLabel('Plan', { exact: true }).inputValue()).toBe(SEVEN_ID);
    });

    it('gives MJS, in one plan only, no choice to make', async () => {
      await connectPane(tokens.mjs, 'Connecté : CPS MJS (MJS)');
      await expect.poll(() => page.locator('p.sub').textContent()).toContain('PNLEVT');
      const left = await page.locator('#pac-plan option').allTextContents();
      expect(left, left.join(' / ')).toEqual([]);
    });

    it('shows a plan picker on the dashboard and the chosen plan’s board', async () => {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`${server.base}/`);
      await page.locator('#token').fill(tokens.consolidator);
      await page.locator('#sign-in').click();
      const picker = page.getByLabel(WORDING.fr.planPicker.label);
      await picker.waitFor();
      expect(await picker.inputValue()).toBe('pnlevt-2021-2025');
      await page.locator('#board tr[data-ministry="MJS"]').waitFor();
      await shot('03-dashboard-pnlevt');

      // The header names the plan every figure is for.
      expect(await page.locator('.subtitle').textContent()).toContain(SHIPPED_TITLE);
      await picker.selectOption(SEVEN_ID);
      await expect.poll(() => page.locator('.subtitle').textContent()).toContain(SEVEN.plan.title);
      await expect.poll(() => page.locator('#board tr[data-ministry="MJS"]').count()).toBe(0);
      const marcc = page.locator('#board tr[data-ministry="MARCC"]');
      await marcc.waitFor();
      await expect.poll(() => marcc.textContent()).toMatch(/[Ss]oumis/);
      // The board's figures are the 7-year plan's: its years appear on the money page.
      await page.locator('#nav-money').click();
      await page.locator('#money table').first().waitFor();
      await expect.poll(() => page.locator('#money').textContent()).toContain('2032');
      await shot('04-dashboard-seven-year-plan');

      // Under the money, the two cycles compared as GET /api/plans/diff (pac plan diff) says.
      const cycles = page.locator('#cycles');
      await cycles.locator('#plan-diff').waitFor();
      expect(await page.getByLabel(WORDING.fr.cycles.compareWith).inputValue()).toBe('pnlevt-2021-2025');
      const answer = await fetch(`${server.base}/api/plans/diff?from=pnlevt-2021-2025&to=${SEVEN_ID}`, {
        headers: { authorization: `Bearer ${tokens.consolidator}` },
      });
      const { diff } = (await answer.json()) as { diff: Record<string, unknown[]> };
      for (const kind of ['kept', 'renamed', 'dropped', 'added'] as const) {
        const shown = await cycles.locator(`tr[data-kind="${kind}"] td`).first().textContent();
        expect(Number((shown ?? '').replace(/\D/g, '')), kind).toBe(diff[kind]?.length);
      }
      expect(await cycles.textContent()).toContain(SEVEN.plan.title);
      await shot('05-dashboard-cycles');

      // A comparison that fails says why, keeps the choice of the other plan, and retries.
      await page.route('**/api/plans/diff?**', (route) =>
        route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            error: { code: 'unavailable', messages: { fr: 'Service indisponible', en: 'Unavailable' } },
          }),
        }),
      );
      await page.locator('#nav-board').click();
      await page.getByLabel(WORDING.fr.planPicker.label).selectOption('pnlevt-2021-2025');
      await page.locator('#nav-money').click();
      await expect.poll(() => cycles.locator('.failure').textContent()).toContain('Service indisponible');
      expect(await page.getByLabel(WORDING.fr.cycles.compareWith).inputValue()).toBe(SEVEN_ID);
      expect(await cycles.locator('#plan-diff').count()).toBe(0);
      await page.unroute('**/api/plans/diff?**');
      await cycles.getByRole('button', { name: WORDING.fr.retry }).click();
      await cycles.locator('#plan-diff').waitFor();
      expect(await page.getByLabel(WORDING.fr.cycles.compareWith).inputValue()).toBe(SEVEN_ID);
    });
  },
);
