// The dashboard as a consolidator meets it in the first week, in headless Chromium against the real
// service (./seed.ts), at the widths of a laptop (1366×768), a phone (390) and a small phone (320),
// in French and in English: every table column in view or in its own scroller, captions that wrap,
// chart text at 11 px or more, numbers grouped the language's way, no French left in the English
// page, every page's address surviving a reload, the notice never over a button, and axe-core
// finding nothing on any page. Screenshots of the board, a return and the money page at each width
// go to tests/artifacts/screenshots/dashboard/ (w1366-board.png and so on).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsolidationJson } from '#core';
import { WORDING } from '../../server/dashboard/browser/wording.ts';
import { buildDashboard } from '../../server/dashboard/build.ts';
import { axeViolations } from '../fixtures/axe.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import { failingMirror, type Seeded, seededService } from './seed.ts';

const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/dashboard/', import.meta.url));
const FR = WORDING.fr;
const EN = WORDING.en;
const NNBSP = '\u202f';
const NBSP = '\u00a0';

/**
 * MATD's line is big enough for pillar 2 to stand 1 029,3 % above its envelope of 15 600:
 * (176 171 − 15 600) / 15 600 = 10.293.
 */
const MATD_AMOUNT = 176_171;

type PageKey = 'board' | 'money' | 'return';
const PAGES: Record<PageKey, { hash: string; ready: string }> = {
  board: { hash: '#/', ready: '#board table' },
  money: { hash: '#/financement', ready: '#money-pairs table' },
  return: { hash: '#/retour/MEF/1', ready: '#return table.lines' },
};

/** Marks of French in text meant to be English: its accented letters, its quotes, its small words. */
const FRENCH = /[àâçéèêëîïôûùüÿœ«»]|\s:\s|\b(le|la|les|du|des|une?|et|sur|pour|aucune?|ministère)\b/i;

describe.skipIf(chromiumMissing !== null)(
  `the dashboard at 1366, 390 and 320 px, in French and English${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let dir: string;
    let seeded: Seeded | undefined;
    let base: string;
    let context: BrowserContext;
    let page: Page;
    /** Words the plan and the people write (names, titles, labels): French whatever the page's language. */
    let quoted: string[] = [];

    const ready = (key: PageKey) => page.locator(PAGES[key].ready).first().waitFor();
    /** Every fetch answered: no section still says it is loading. */
    const settled = () => expect.poll(() => page.locator('[aria-busy="true"]').count()).toBe(0);
    const visit = async (key: PageKey) => {
      await page.evaluate((hash) => {
        location.hash = hash;
      }, PAGES[key].hash);
      await ready(key);
      await settled();
    };
    const signIn = async () => {
      await page.locator('#token').fill(seeded?.tokens.consolidator ?? '');
      await page.locator('#sign-in').click();
    };
    const setLang = async (lang: 'fr' | 'en') => {
      if ((await page.evaluate(() => document.documentElement.lang)) !== lang)
        await page.locator('#lang-switch').click();
      await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(lang);
    };
    /** A full-page picture, each table scrolled to its start (focus may have scrolled one sideways). */
    const shoot = async (name: string) => {
      await page.evaluate(() => {
        for (const el of document.querySelectorAll('.scroller')) el.scrollLeft = 0;
      });
      await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    };

    /** Tables whose columns do not all show: wider than their scroller, or cells out of its box. */
    const clippedTables = () =>
      page.evaluate(() => {
        const out: string[] = [];
        for (const table of document.querySelectorAll('table')) {
          const box = (table.closest('.scroller') ?? table.parentElement) as HTMLElement;
          const edge = box.getBoundingClientRect().right + 1;
          const name = table.querySelector('caption')?.textContent?.slice(0, 40) ?? table.className;
          if (box.scrollWidth > box.clientWidth + 1)
            out.push(`${name}: ${box.scrollWidth} > ${box.clientWidth}`);
          for (const cell of table.querySelectorAll('th, td'))
            if (cell.getBoundingClientRect().right > edge)
              out.push(`${name}: "${cell.textContent?.slice(0, 20)}" ends past the edge`);
        }
        return out;
      });
    /** What sticks out of the window sideways (the page itself must never scroll that way). */
    const pageOverflow = () =>
      page.evaluate(() =>
        document.documentElement.scrollWidth > window.innerWidth
          ? [`page ${document.documentElement.scrollWidth} > ${window.innerWidth}`]
          : [],
      );
    /** Captions wider than what shows of their table, or running past the window. */
    const unwrappedCaptions = () =>
      page.evaluate(() => {
        const out: string[] = [];
        for (const caption of document.querySelectorAll('caption')) {
          const box = (caption.closest('.scroller') as HTMLElement | null) ?? document.body;
          const r = caption.getBoundingClientRect();
          const visible = box.getBoundingClientRect();
          if (r.width > visible.width + 1 || r.right > window.innerWidth + 1)
            out.push(
              `${caption.textContent?.slice(0, 40)}: ${Math.round(r.width)} px in ${Math.round(visible.width)}`,
            );
        }
        return out;
      });
    /** Chart text as it is drawn on screen: its font size times the chart's scale. */
    const chartText = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<SVGTextElement>('svg.chart text')].map((t) => {
          const svg = t.ownerSVGElement as SVGSVGElement;
          const scale = svg.getScreenCTM()?.a ?? 1;
          const r = t.getBoundingClientRect();
          const frame = svg.getBoundingClientRect();
          return {
            text: t.textContent ?? '',
            px: Number.parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= frame.left - 1 && r.right <= frame.right + 1,
          };
        }),
      );
    /** The page's English text, minus what the plan and people wrote, and what marks itself French. */
    const frenchLeft = () =>
      page.evaluate(
        ({ quoted, pattern }) => {
          const french = new RegExp(pattern, 'i');
          const texts: string[] = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            const own = n.parentElement?.closest('[lang]')?.getAttribute('lang');
            if (own === 'fr') continue;
            if (n.parentElement?.closest('script, style, noscript')) continue;
            texts.push(n.textContent ?? '');
          }
          for (const el of document.querySelectorAll('[aria-label], [title]'))
            if (el.closest('[lang]')?.getAttribute('lang') !== 'fr')
              texts.push(el.getAttribute('aria-label') ?? '', el.getAttribute('title') ?? '');
          texts.push(document.title);
          return texts
            .map((t) => {
              let rest = t;
              for (const q of quoted) rest = rest.split(q).join('X');
              return rest;
            })
            .filter((t) => french.test(t))
            .map((t) => t.trim().slice(0, 120));
        },
        { quoted, pattern: FRENCH.source },
      );

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-dashboard-layout-'));
      await mkdir(SHOTS, { recursive: true });
      for (const name of await readdir(SHOTS))
        if (/^w\d+-.*\.png$/.test(name)) await rm(join(SHOTS, name), { force: true });
      await buildDashboard();
      seeded = await seededService({ matdAmount: MATD_AMOUNT });
      await failingMirror(seeded.s);
      base = seeded.server.base;
      const c = await seeded.api<ConsolidationJson>('/api/consolidated', seeded.tokens.consolidator);
      const status = await seeded.api<{ ministries: { name: string }[] }>(
        '/api/status',
        seeded.tokens.consolidator,
      );
      quoted = [
        ...c.activities.map((a) => a.activity.title),
        ...status.ministries.map((m) => m.name),
        ...c.byPillar.map((p) => p.pillarName),
        'Secrétariat permanent',
      ].sort((a, b) => b.length - a.length);

      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        ...CHROMIUM_LAUNCH,
        viewport: { width: 1366, height: 768 },
        locale: 'fr-FR',
        timezoneId: 'Africa/Bamako',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(10_000);
      await page.goto(base);
      await signIn();
      await ready('board');
    });

    afterAll(async () => {
      await context?.close();
      await seeded?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('shows every column of every table at 1366×768, on the board, the money page and a return', async () => {
      const problems: string[] = [];
      for (const key of ['board', 'money', 'return'] as const) {
        await visit(key);
        problems.push(...(await clippedTables()).map((p) => `${key}: ${p}`));
        problems.push(...(await pageOverflow()).map((p) => `${key}: ${p}`));
        await shoot(`w1366-${key}`);
      }
      expect(problems).toEqual([]);
    });

    for (const width of [390, 320]) {
      it(`keeps captions wrapped and chart text at 11 px or more at ${width} px`, async () => {
        await page.setViewportSize({ width, height: 800 });
        const problems: string[] = [];
        try {
          for (const key of ['board', 'money', 'return'] as const) {
            await visit(key);
            // Redrawn for the new width: the charts are measured once the page has settled.
            await page.waitForTimeout(100);
            problems.push(...(await pageOverflow()).map((p) => `${key}: ${p}`));
            problems.push(...(await unwrappedCaptions()).map((p) => `${key} caption ${p}`));
            const texts = await chartText();
            if (key === 'money') expect(texts.length).toBeGreaterThan(20);
            for (const t of texts) {
              if (t.px < 11) problems.push(`${key} chart text "${t.text}" at ${t.px.toFixed(1)} px`);
              if (!t.inside) problems.push(`${key} chart text "${t.text}" outside its chart`);
            }
            await shoot(`w${width}-${key}`);
          }
        } finally {
          await page.setViewportSize({ width: 1366, height: 768 });
        }
        expect(problems).toEqual([]);
      });
    }

    it('groups every number and percentage the language’s way', async () => {
      await visit('money');
      const pillarTwo = () => page.locator('#money-pillars tbody tr').nth(1).textContent();
      expect(await pillarTwo()).toContain(`+1${NNBSP}029,3${NBSP}%`);
      expect(await pillarTwo()).toContain(`176${NNBSP}171`);
      await setLang('en');
      expect(await pillarTwo()).toContain('+1,029.3%');
      expect(await pillarTwo()).toContain('176,171');
      await setLang('fr');
    });

    it('words the PM note in the singular for one activity, the plural for more, and leaves it out for none', async () => {
      const withPm = async (pm: number | null) => {
        await page.route('**/api/consolidated', async (route) => {
          const response = await route.fetch();
          const body = (await response.json()) as ConsolidationJson;
          if (pm !== null) body.total.counts.pm = pm;
          await route.fulfill({ response, json: body });
        });
        await page.locator('#nav-board').click();
        await ready('board');
        await page.locator('#nav-money').click();
        await ready('money');
        await settled();
        await page.unroute('**/api/consolidated');
      };
      const note = page.locator('#pm-note');
      await withPm(1);
      expect(await note.textContent()).toBe(
        `1 activité sur 103 est inscrite « PM » (pour mémoire) : sans montant, elle ne compte pas comme zéro et est comptée à part.`,
      );
      await withPm(0);
      expect(await note.count()).toBe(0);
      await withPm(null);
      expect(await note.textContent()).toBe(FR.pmNote(2, 103));
      expect(FR.pmNote(2, 103)).toContain('2 activités sur 103 sont inscrites');
    });

    it('leaves the « En retard » tile plain when nobody is late, and marks it red when someone is', async () => {
      const lateTile = page.locator('[data-tile="late"]');
      const looks = () =>
        lateTile.evaluate((el) => ({
          color: getComputedStyle(el).color,
          border: getComputedStyle(el).borderTopColor,
        }));
      await visit('board');
      const plain = await page.locator('[data-tile="accepted"]').evaluate((el) => getComputedStyle(el).color);
      expect(await lateTile.locator('.tile-n').textContent()).not.toBe('0');
      expect((await looks()).color).not.toBe(plain);
      await page.route('**/api/status', async (route) => {
        const response = await route.fetch();
        const body = await response.json();
        body.totals.late = 0;
        await route.fulfill({ response, json: body });
      });
      await page.locator('[data-key="refresh"]').click();
      await expect.poll(() => lateTile.locator('.tile-n').textContent()).toBe('0');
      await settled();
      await page.unroute('**/api/status');
      expect((await looks()).color).toBe(plain);
      expect(await lateTile.getAttribute('class')).toBe('tile');
    });

    it('lands on the page that was shown after a reload, and after signing in again in a new tab', async () => {
      for (const key of ['board', 'money', 'return'] as const) {
        await visit(key);
        await page.reload();
        await ready(key);
        expect(new URL(page.url()).hash).toBe(PAGES[key].hash);
      }
      await visit('board');
      await page.locator('[data-key="open-MEF"]').click();
      await page.reload();
      await ready('return');
      expect(new URL(page.url()).hash).toBe('#/retour/MEF');
      // A link opened in a tab with no session: the sign-in first, then the page the link named.
      const other = await context.newPage();
      try {
        await other.goto(`${base}/${PAGES.money.hash}`);
        await other.locator('#token').fill(seeded?.tokens.consolidator ?? '');
        await other.locator('#sign-in').click();
        await other.locator(PAGES.money.ready).first().waitFor();
        expect(new URL(other.url()).hash).toBe(PAGES.money.hash);
      } finally {
        await other.close();
      }
    });

    it('leaves no French in the English page, the mirror’s error and the service’s refusals included', async () => {
      await setLang('en');
      const found: string[] = [];
      for (const key of ['board', 'money', 'return'] as const) {
        await visit(key);
        found.push(...(await frenchLeft()).map((t) => `${key}: ${t}`));
      }
      await visit('board');
      expect(await page.locator('#mirror').textContent()).toContain(EN.mirrorErrors.quota);
      // A version that does not exist: the service's own refusal, in English.
      await page.evaluate(() => {
        location.hash = '#/retour/MEF/9';
      });
      await page.locator('#return .failure').waitFor();
      expect(await page.locator('#return .failure p').textContent()).toBe(
        "Not found: version 9 of MEF's return.",
      );
      found.push(...(await frenchLeft()).map((t) => `missing version: ${t}`));
      expect(found).toEqual([]);
      await setLang('fr');
    });

    it('shows the notice above the page, over no button, in the page’s language, and forgets it on sign-out', async () => {
      await visit('return');
      await page.locator('[data-key="review-accept"]').click();
      await expect.poll(() => page.locator('#live').textContent()).toBe(FR.reviewDone.accept('MEF', 1));
      const covered = await page.evaluate(() => {
        const notice = (document.getElementById('live') as HTMLElement).getBoundingClientRect();
        return [...document.querySelectorAll('button, a[href], input, select, textarea, summary')]
          .filter((el) => {
            const r = el.getBoundingClientRect();
            return (
              r.width > 0 &&
              r.left < notice.right &&
              r.right > notice.left &&
              r.top < notice.bottom &&
              r.bottom > notice.top
            );
          })
          .map((el) => el.outerHTML.slice(0, 60));
      });
      expect(covered).toEqual([]);
      expect(
        await page.evaluate(() => getComputedStyle(document.getElementById('live') as HTMLElement).position),
      ).toBe('static');
      await shoot('w1366-notice');
      await setLang('en');
      expect(await page.locator('#live').textContent()).toBe(EN.reviewDone.accept('MEF', 1));
      await setLang('fr');
      await page.locator('#sign-out').click();
      await page.locator('#token').waitFor();
      expect(await page.locator('#live').textContent()).toBe('');
      await signIn();
      await ready('board');
    });

    it('has no axe-core violation on any page, in French and English, at 1366 and 390 px', async () => {
      const found: string[] = [];
      for (const width of [1366, 390]) {
        await page.setViewportSize({ width, height: width === 390 ? 800 : 768 });
        for (const lang of ['fr', 'en'] as const) {
          await setLang(lang);
          for (const key of ['board', 'money', 'return'] as const) {
            await visit(key);
            found.push(
              ...(await axeViolations(page, `${key} ${lang} ${width}`)).map((v) => `${v.rule}: ${v.where}`),
            );
          }
          await page.locator('#sign-out').click();
          await page.locator('#token').waitFor();
          found.push(
            ...(await axeViolations(page, `sign-in ${lang} ${width}`)).map((v) => `${v.rule}: ${v.where}`),
          );
          await signIn();
          await ready('board');
        }
      }
      await page.setViewportSize({ width: 1366, height: 768 });
      await setLang('fr');
      expect(found).toEqual([]);
    });
  },
);
