// The dashboard's view of two cycles' plans (server/dashboard/browser/views/plan-diff.ts), drawn in
// headless Chromium from a comparison made by the core: the count of each outcome, a table per
// kind of change, the money per pillar and ministry with the change column only when both plans
// count in one unit, French and English, and nothing axe-core finds wrong.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CycleDiff, diffPlanCycles, type Lang } from '#core';
import { cyclePlan, NEW, OLD } from '../core/fixtures/cycle-plans.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';

const VIEW = fileURLToPath(new URL('../../server/dashboard/browser/views/plan-diff.ts', import.meta.url));

const same = diffPlanCycles(cyclePlan('plan-2021', OLD), cyclePlan('plan-2026', NEW));
const units = diffPlanCycles(
  cyclePlan('plan-2021', OLD),
  cyclePlan('plan-2026', NEW, { currency: 'FCFA', multiplier: 1000 }, 'milliers FCFA'),
);

describe.skipIf(chromiumMissing !== null)(
  `the plan-diff view in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      // The view and what it uses of #core, bundled as the dashboard's own build bundles it.
      const bundle = await build({
        stdin: {
          contents: `import { planDiffView } from ${JSON.stringify(VIEW)};
            window.renderPlanDiff = (diff, lang) => {
              document.documentElement.lang = lang;
              document.getElementById('root').replaceChildren(planDiffView(diff, lang));
            };`,
          resolveDir: fileURLToPath(new URL('../..', import.meta.url)),
          loader: 'ts',
        },
        bundle: true,
        format: 'iife',
        target: ['es2020'],
        write: false,
        logLevel: 'warning',
      });
      browser = await chromium.launch(CHROMIUM_LAUNCH);
      page = await browser.newPage();
      await page.setContent(
        // Mounted as the dashboard mounts its views: in the page's main region, under its h1.
        '<!doctype html><html lang="fr"><head><title>PAC</title></head><body><main><h1>PAC</h1><div id="root"></div></main></body></html>',
      );
      await page.addScriptTag({ content: bundle.outputFiles[0]?.text ?? '' });
    });
    afterAll(() => browser?.close());

    const render = (diff: CycleDiff, lang: Lang) =>
      page.evaluate(
        ([d, l]) =>
          (window as unknown as { renderPlanDiff: (d: unknown, l: string) => void }).renderPlanDiff(d, l),
        [diff, lang] as const,
      );
    /** Each table as its caption and rows of cell texts. */
    const tables = () =>
      page.$$eval('table', (list) =>
        list.map((t) => ({
          caption: t.querySelector('caption')?.textContent ?? '',
          rows: [...t.querySelectorAll('tr')].map((r) =>
            // A list's items joined by " | "; only plain spaces folded: the grouping spaces stay.
            [...r.querySelectorAll('th, td')].map((c) => {
              const items = [...c.querySelectorAll('li')].map((li) => li.textContent ?? '');
              return (items.length > 0 ? items.join(' | ') : (c.textContent ?? ''))
                .replace(/[ \t\n]+/g, ' ')
                .trim();
            }),
          ),
        })),
      );

    it('draws the counts, a table per change and the money in French', async () => {
      await render(same, 'fr');
      expect(await page.textContent('h2')).toBe('Du plan plan-2021 au plan plan-2026');
      const all = await tables();
      expect(all.map((t) => t.caption)).toEqual([
        'Activités',
        'Renommées (1)',
        'Renumérotées (1)',
        'Fusionnées (1)',
        'Abandonnées (3)',
        'Nouvelles (2)',
        'Coûts par pilier',
        'Coûts par ministère responsable',
      ]);
      expect(all[0]?.rows.map((r) => r.slice(0, 2))).toEqual([
        ['Sort', 'Nombre'],
        ['Conservées', '1'],
        ['Renommées', '1'],
        ['Renumérotées', '1'],
        ['Fusionnées', '1'],
        ['Scindées', '0'],
        ['Abandonnées', '3'],
        ['Nouvelles', '2'],
      ]);
      expect(all[2]?.rows[1]).toEqual(['1.1.3', '1.2.1', 'Organiser des patrouilles mixtes.', '98\u00a0%']);
      expect(all[3]?.rows[1]).toEqual([
        '2.1.3 — Former les enseignants | 2.1.4 — Équiper les enseignants',
        '2.1.3 — Former et équiper les enseignants',
      ]);
      expect(all[4]?.rows[1]).toEqual(['2.1.1', 'Sensibiliser les jeunes des quartiers', 'MJS', 'PM']);
      expect(all[5]?.rows[2]).toEqual(['3.1.1', 'Appuyer les radios communautaires', 'MCENA', '30']);
      const pillars = all[6]?.rows ?? [];
      expect(pillars[0]).toEqual([
        'Pilier',
        'plan-2021 (millions FCFA)',
        'plan-2026 (millions FCFA)',
        'Écart',
        'Écart %',
      ]);
      expect(pillars[1]).toEqual(['1. Pilier 1', '350', '1\u202f800,5', '+1\u202f450,5', '+414,4\u00a0%']);
      expect(pillars[3]).toEqual(['3. Pilier 3', '—', '30', '+30', '—']);
      expect(pillars.at(-1)).toEqual(['Total', '830', '2\u202f040,5', '+1\u202f210,5', '+145,8\u00a0%']);
      // The plan's own words are marked French, for a screen reader on the English page.
      expect(await page.locator('td span[lang="fr"]', { hasText: 'Équiper les postes' }).count()).toBe(1);
      expect(await page.locator('[role="note"]').count()).toBe(0);
      expect(await axeViolations(page, 'plan diff fr')).toEqual([]);
    });

    it('draws it in English', async () => {
      await render(same, 'en');
      const all = await tables();
      expect(all.map((t) => t.caption)).toContain('Costs per lead ministry');
      expect(all[6]?.rows[1]).toEqual(['1. Pilier 1', '350', '1,800.5', '+1,450.5', '+414.4%']);
      expect(await page.textContent('h2')).toBe('From plan plan-2021 to plan plan-2026');
    });

    it('leaves the change out and says why when the units differ', async () => {
      await render(units, 'fr');
      const pillars = (await tables()).find((t) => t.caption === 'Coûts par pilier')?.rows ?? [];
      expect(pillars[0]).toEqual(['Pilier', 'plan-2021 (millions FCFA)', 'plan-2026 (milliers FCFA)']);
      expect(pillars[1]).toEqual(['1. Pilier 1', '350', '1\u202f800,5']);
      expect(await page.textContent('[role="note"]')).toContain('(millions FCFA et milliers FCFA)');
      expect(await axeViolations(page, 'plan diff units')).toEqual([]);
    });
  },
);
