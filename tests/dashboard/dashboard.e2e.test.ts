// The consolidator's dashboard end to end: the built page in headless Chromium, served by the
// sync service over real HTTP (./seed.ts: fresh SQLite, bootstrapped like `npm start`, tokens made
// through the API), seeded with returns from several ministries — MEF with warnings, MJS clean,
// MATD with thousands, MAECI with one refused send only, the others not started and past the deadline. One story, in order: sign in
// with the keyboard (a wrong token first) from a link to the money page, read the board, open
// MEF's return with the keyboard, return it with a comment, see the ministry's side change, let
// MEF send version 2, compare and accept it, download the workbook and check its totals, then
// English, print, sign-out and a revoked token. Accessibility basics are checked on the way:
// labels, keyboard, focus, contrast. Screenshots of each state go to
// tests/artifacts/screenshots/dashboard/ (NN-name.png; the widths are dashboard-layout's).
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConsolidationJson, type Finding, messageOf, placeOf } from '#core';
import { formatAmount, formatDateTime } from '../../server/dashboard/browser/format.ts';
import { WORDING } from '../../server/dashboard/browser/wording.ts';
import { buildDashboard } from '../../server/dashboard/build.ts';
import { CATALOGUE } from '../../server/http/errors.ts';
import { CHROMIUM_LAUNCH, chromiumMissing } from '../fixtures/chromium.ts';
import type { Service } from '../server/http/harness.ts';
import { textContrast } from './contrast.ts';
import { failingMirror, GOOGLE_QUOTA, line, MEF_V2, PLAN, type Seeded, seededService } from './seed.ts';

const SHOTS = fileURLToPath(new URL('../artifacts/screenshots/dashboard/', import.meta.url));
const FR = WORDING.fr;
/** MAECI's send, refused: 2.1.2.1's years (100) do not make its total (250). */
const MAECI_REFUSED = {
  ministry: 'MAECI',
  ...PLAN,
  lines: [line('2.1.2.1', 6, { years: { 2022: 100 }, total: 250, national: 250, execution: [2022] })],
};

const RETURN_COMMENT = 'Ligne 1.3.1.2 : chiffrez l’activité ; 2023 hors des années d’exécution de 1.3.1.1.';

describe.skipIf(chromiumMissing !== null)(
  `the consolidator's dashboard in Chromium${chromiumMissing ? ` — skipped: needs ${chromiumMissing}` : ''}`,
  () => {
    let dir: string;
    let seeded: Seeded | undefined;
    let s: Service;
    let base: string;
    let context: BrowserContext;
    let page: Page;
    let tokens: Seeded['tokens'];
    let maeci = '';
    let refusedSend: { errors: number; findings: Finding[] } = { errors: 0, findings: [] };
    let shot = 0;

    const snap = async (name: string, fullPage = true) => {
      shot++;
      await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage });
    };
    const api = <T>(path: string, token: string) => (seeded as Seeded).api<T>(path, token);
    const submit = (token: string, doc: unknown) => (seeded as Seeded).submit(token, doc);
    /** To a page through the header's links, as a person would. */
    const goTo = async (pageName: 'board' | 'money') => {
      await page.locator(`#nav-${pageName}`).click();
      await page
        .locator(pageName === 'money' ? '#money table' : '#board table')
        .first()
        .waitFor();
    };
    const boardRow = (ministry: string) => page.locator(`#board tr[data-ministry="${ministry}"]`);
    /** Presses Tab until `selector` has the focus; fails after `max` presses. */
    const tabTo = async (selector: string, max = 80) => {
      for (let i = 0; i < max; i++) {
        if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) return i;
        await page.keyboard.press('Tab');
      }
      throw new Error(`Tab never reached ${selector}`);
    };
    /** Every form control on the page has a label, every button a name. */
    const unlabelled = () =>
      page.evaluate(() => {
        const out: string[] = [];
        for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea')) {
          const c = el as HTMLInputElement;
          const named =
            (c.labels?.length ?? 0) > 0 ||
            el.getAttribute('aria-label') ||
            el.getAttribute('aria-labelledby');
          if (!named) out.push(el.outerHTML.slice(0, 80));
        }
        for (const el of document.querySelectorAll<HTMLElement>('button, a[href], summary')) {
          if (!(el.getAttribute('aria-label') || el.textContent?.trim())) out.push(el.outerHTML.slice(0, 80));
        }
        return out;
      });
    /** Text colour and the backgrounds behind it, for each visible element matching the selectors. */
    const contrasts = async (selectors: string[]) => {
      const samples = await page.evaluate((sels) => {
        const out: { selector: string; color: string; backgrounds: string[] }[] = [];
        for (const selector of sels) {
          const el = [...document.querySelectorAll<HTMLElement>(selector)].find(
            (e) => e.offsetParent !== null,
          );
          if (!el) continue;
          const backgrounds: string[] = [];
          for (let e: HTMLElement | null = el; e; e = e.parentElement)
            backgrounds.push(getComputedStyle(e).backgroundColor);
          out.push({ selector, color: getComputedStyle(el).color, backgrounds });
        }
        return out;
      }, selectors);
      return samples.map((x) => ({ selector: x.selector, ratio: textContrast(x.color, x.backgrounds) }));
    };

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'pac-dashboard-e2e-'));
      // Only this run's screenshots: a renamed or dropped step leaves no stale picture behind.
      await mkdir(SHOTS, { recursive: true });
      for (const name of await readdir(SHOTS))
        if (/^\d\d-.*\.png$/.test(name)) await rm(join(SHOTS, name), { force: true });
      await buildDashboard();
      seeded = await seededService();
      s = seeded.s;
      base = seeded.server.base;
      tokens = seeded.tokens;
      const mef = await api<{ returns: { warningCount: number }[] }>(
        '/api/returns?ministry=MEF',
        tokens.consolidator,
      );
      expect(mef.returns[0]?.warningCount).toBe(3);
      await failingMirror(s);
      maeci = await s.token('ministry', 'MAECI', 'CPS MAECI');
      const refused = await s.json('/api/returns', { token: maeci, json: MAECI_REFUSED });
      expect(refused.status).toBe(422);
      refusedSend = {
        errors: refused.body.error.details.stats.errors,
        findings: refused.body.error.details.findings,
      };

      context = await chromium.launchPersistentContext(join(dir, 'profile'), {
        ...CHROMIUM_LAUNCH,
        viewport: { width: 1366, height: 900 },
        locale: 'fr-FR',
        timezoneId: 'Africa/Bamako',
        acceptDownloads: true,
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(10_000);
    });

    afterAll(async () => {
      await context?.close();
      await seeded?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('signs in with the keyboard only, after refusing a wrong token in the service’s French words', async () => {
      // A link to the money page, opened before signing in: the page asked for is the one shown after.
      await page.goto(`${base}/#/financement`);
      await expect.poll(() => page.locator('#sign-in-h').textContent()).toBe(FR.signInHeading);
      expect(await unlabelled()).toEqual([]);
      await snap('sign-in');

      await page.locator('body').focus();
      await tabTo('#token');
      await page.keyboard.type('pac_pasbon.jeton-inconnu');
      await page.keyboard.press('Enter');
      const refusal = CATALOGUE.invalid_token.fr();
      await expect.poll(() => page.locator('#token-error').textContent()).toBe(refusal);
      // Back in the field, which says what is wrong with it.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');
      expect(await page.locator('#token').getAttribute('aria-describedby')).toContain('token-error');
      await snap('wrong-token');

      // A slow line: the money section says it is loading until its answer comes.
      await page.route('**/api/consolidated', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 700));
        await route.continue();
      });
      await page.keyboard.type(tokens.consolidator);
      await page.keyboard.press('Enter');
      await page.locator('#money .loading').waitFor();
      expect(await page.locator('#money .loading').textContent()).toBe(FR.loading);
      expect(await page.locator('#money').getAttribute('aria-busy')).toBe('true');
      await snap('loading', false);
      await page.locator('#money table').first().waitFor();
      expect(await page.locator('#money').getAttribute('aria-busy')).toBe('false');
      await page.unroute('**/api/consolidated');
      expect(await page.evaluate(() => sessionStorage.getItem('pac.dashboard.token'))).toBe(
        tokens.consolidator,
      );
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(tokens.consolidator);
      // The tab keeps the session across a reload; the token never shows in the address.
      await page.reload();
      await page.locator('#money table').first().waitFor();
      expect(page.url()).not.toContain(tokens.consolidator);
      await goTo('board');
      expect(new URL(page.url()).hash).toBe('#/');
    });

    it('shows every expected ministry with its state, counts and missing activities; late ones stand out', async () => {
      const status = await api<{
        totals: Record<string, number>;
        ministries: {
          ministry: string;
          state: keyof typeof FR.states;
          version: number | null;
          warnings: number;
          missing: string[];
          activities: number;
          late: boolean;
        }[];
      }>('/api/status', tokens.consolidator);
      expect(await page.locator('#board tbody tr').count()).toBe(status.ministries.length);
      for (const m of status.ministries) {
        const row = boardRow(m.ministry);
        expect([m.ministry, await row.locator('.state .badge').first().textContent()]).toEqual([
          m.ministry,
          FR.states[m.state],
        ]);
        const cells = await row.locator('td').allTextContents();
        expect([m.ministry, cells[1], cells[5]]).toEqual([
          m.ministry,
          m.version === null ? '—' : String(m.version),
          String(m.warnings),
        ]);
        // Late: a word and a sign, not a colour only.
        expect([m.ministry, (await row.locator('.badge.late').count()) > 0]).toEqual([m.ministry, m.late]);
        const summary =
          m.missing.length > 0 ? FR.missingCount(m.missing.length, m.activities) : FR.missingNone;
        expect(cells[6]).toContain(summary);
      }
      const byCode = new Map(status.ministries.map((m) => [m.ministry, m]));
      expect(byCode.get('MEF')).toMatchObject({
        state: 'submitted',
        warnings: 3,
        missing: ['1.3.1.2', '1.3.1.3'],
      });
      expect(byCode.get('MARCC')).toMatchObject({ state: 'not_started', late: true });
      expect(await page.locator('[data-tile="late"] .tile-n').textContent()).toBe(String(status.totals.late));
      expect(await page.locator('[data-tile="submitted"] .tile-n').textContent()).toBe('3');
      expect(await boardRow('MARCC').locator('.badge.late').textContent()).toContain(FR.late);
      expect(await unlabelled()).toEqual([]);
      // The mirror's state, since one is configured: failed, retry scheduled, with its error.
      const mirror = (await page.locator('#mirror').textContent()) ?? '';
      expect(mirror).toContain(FR.mirrorStates.retrying);
      expect(mirror).toContain(`${FR.mirrorLastSuccess}${FR.never}`);
      // Said in the page's words, Google's own after them.
      expect(mirror).toContain(FR.mirrorErrors.quota);
      expect(await page.locator('#mirror .technical code').textContent()).toBe(GOOGLE_QUOTA);

      // MEF's missing activities unfold, with their titles from the plan.
      await boardRow('MEF').locator('summary').click();
      await expect
        .poll(() => boardRow('MEF').locator('ul.codes li').allTextContents())
        .toEqual([expect.stringMatching(/^1\.3\.1\.2 \S/), expect.stringMatching(/^1\.3\.1\.3 \S/)]);
      await snap('board');
    });

    it('shows a ministry whose only send was refused, with its errors and time, and opens the findings', async () => {
      const status = await api<{ ministries: { ministry: string; lastAttempt: { at: string } | null }[] }>(
        '/api/status',
        tokens.consolidator,
      );
      const at = status.ministries.find((m) => m.ministry === 'MAECI')?.lastAttempt?.at ?? '';
      const row = boardRow('MAECI');
      expect(await row.locator('.state .badge').first().textContent()).toBe(FR.states.refused);
      expect(await row.locator('.refusal').textContent()).toContain(
        `${FR.refusedSend(refusedSend.errors)} ${FR.refusedAt(formatDateTime(at, 'fr', 'Africa/Bamako'))}`,
      );
      expect(refusedSend.errors).toBeGreaterThan(0);
      expect((await row.locator('td').allTextContents())[4]).toBe(String(refusedSend.errors));

      await row.locator('[data-key="refusal-MAECI"]').click();
      await page.locator('#attempt ul.findings').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('attempt-h');
      expect(new URL(page.url()).hash).toMatch(/^#\/envoi\/MAECI\//);
      const text = (await page.locator('#attempt').textContent()) ?? '';
      for (const f of refusedSend.findings)
        expect(text).toContain(`${placeOf(f.where, 'fr')} — ${messageOf(f, 'fr')}`);
      expect(await unlabelled()).toEqual([]);
      await snap('refused-send');
      await page.goBack();
      await page.locator('#board table').waitFor();
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe(
        'refusal-MAECI',
      );
    });

    it('shows the money by pillar, year and source beside the envelope, in French numbers, PM apart', async () => {
      await goTo('money');
      const c = await api<ConsolidationJson>('/api/consolidated', tokens.consolidator);
      const total = formatAmount(c.total.amounts.total, 'fr');
      expect(total).toBe('1\u202f935,5');
      const foot = await page.locator('#money table').first().locator('tfoot td').allTextContents();
      expect(foot.slice(0, 4)).toEqual([
        total,
        formatAmount(c.total.envelope?.total ?? null, 'fr'),
        formatAmount(c.total.gap?.total?.amount ?? null, 'fr'),
        `${c.total.gap?.total?.percent?.replace('.', ',')}\u00a0%`,
      ]);
      const years = await page.locator('#money-years table tbody tr').allTextContents();
      expect(years).toHaveLength(c.byYear.length);
      expect(years[0]).toContain(formatAmount(c.byYear[0]?.amount ?? 0, 'fr'));
      expect(await page.locator('#pm-note').textContent()).toBe(
        FR.pmNote(c.total.counts.pm, c.total.counts.activities),
      );
      // Three charts, each an image with a title and a description that say its numbers.
      for (const id of ['chart-pillars', 'chart-years', 'chart-funding']) {
        const svg = page.locator(`svg#${id}`);
        expect(await svg.getAttribute('role')).toBe('img');
        expect(await svg.locator('title').first().textContent()).not.toBe('');
        expect(await svg.locator('desc').textContent()).toContain(FR.chartSeeTable);
      }
      expect(await page.locator('svg#chart-years .bars rect.series-0').count()).toBe(c.byYear.length);
      expect(await page.locator('svg#chart-funding desc').textContent()).toContain(
        `${c.funding.national.share?.replace('.', ',')}\u00a0%`,
      );
      await snap('money');
      await goTo('board');
    });

    it('opens a return with the keyboard and shows its lines with the findings on them', async () => {
      await page.locator('#main').focus();
      await tabTo('[data-key="open-MEF"]');
      // The focus shows: a thick outline on the focused button.
      expect(
        await page.evaluate(() => {
          const style = getComputedStyle(document.activeElement as Element);
          return [style.outlineStyle, style.outlineWidth];
        }),
      ).toEqual(['solid', '3px']);
      await page.keyboard.press('Enter');
      await page.locator('#return table.lines').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('return-h');
      expect(await page.locator('#return-h').textContent()).toContain('MEF');
      expect(new URL(page.url()).hash).toBe('#/retour/MEF');

      const { return: ret } = await api<{ return: { findings: Finding[] } }>(
        '/api/returns/MEF/1',
        tokens.consolidator,
      );
      const text = (await page.locator('#return').textContent()) ?? '';
      for (const f of ret.findings)
        expect(text).toContain(`${placeOf(f.where, 'fr')} — ${messageOf(f, 'fr')}`);
      // On their line: the finding row follows the line it is about.
      const after = page.locator('#return tr[data-activity="1.3.1.1"] + tr.findings-row');
      expect(await after.textContent()).toContain('Saisie!I6');
      expect(await page.locator('#return tr[data-activity="1.3.1.4"] + tr.findings-row').count()).toBe(0);
      expect(await unlabelled()).toEqual([]);
      await snap('return');
    });

    it('returns it with a required comment, and the ministry sees the state and the comment', async () => {
      await page.locator('[data-key="review-return"]').click();
      await page.locator('#comment-error').waitFor();
      expect(await page.locator('#comment-error').textContent()).toBe(FR.commentRequired);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('comment');
      expect(await page.locator('#comment').getAttribute('aria-invalid')).toBe('true');
      await snap('comment-required');

      await page.keyboard.type(RETURN_COMMENT);
      await page.locator('[data-key="review-return"]').click();
      await expect
        .poll(() => page.locator('#return .meta .badge').first().textContent())
        .toBe(FR.states.returned);
      expect(await page.locator('.review-comment blockquote').textContent()).toBe(RETURN_COMMENT);
      await expect.poll(() => page.locator('#live').textContent()).toBe(FR.reviewDone.return('MEF', 1));
      await snap('returned');

      const own = await api<{ returns: { version: number; state: string; reviewComment: string | null }[] }>(
        '/api/returns?ministry=MEF',
        tokens.mef,
      );
      expect(own.returns[0]).toMatchObject({ version: 1, state: 'returned', reviewComment: RETURN_COMMENT });

      // Back on the board (Back button of the browser), refreshed, focus on the button that opened it.
      await page.goBack();
      await page.locator('#board table').waitFor();
      await expect
        .poll(() => boardRow('MEF').locator('.state .badge').first().textContent())
        .toBe(FR.states.returned);
      expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.key)).toBe(
        'open-MEF',
      );
    });

    it('shows what changed in the version the ministry sends next, and accepts it', async () => {
      expect((await submit(tokens.mef, MEF_V2)).version).toBe(2);
      await page.locator('[data-key="refresh"]').click();
      await expect.poll(() => boardRow('MEF').locator('td').nth(1).textContent()).toBe('2');
      expect(await boardRow('MEF').locator('.state .badge').first().textContent()).toBe(FR.states.submitted);

      await boardRow('MEF').locator('[data-key="open-MEF"]').click();
      await page.locator('.diff-result').waitFor();
      expect(await page.locator('#diff-from').inputValue()).toBe('1');
      expect(await page.locator('#diff-to').inputValue()).toBe('2');
      const changes = await page.locator('table.diff tbody tr').allTextContents();
      expect(changes.join('\n')).toContain('1.3.1.1');
      expect(
        changes.some(
          (r) => r.includes('2023') && r.includes('150') && r.includes('200') && r.includes('+50'),
        ),
      ).toBe(true);
      const added = await page.locator('.diff-result h4').allTextContents();
      expect(added).toEqual([FR.diffAdded(1), FR.diffRemoved(1)]);
      expect(await page.locator('.diff-result ul.codes').first().textContent()).toContain('1.3.1.3');
      expect(await page.locator('.diff-result ul.codes').nth(1).textContent()).toContain('1.3.1.4');
      expect(await page.locator('table.history tbody tr').count()).toBe(2);
      await page.locator('.diff-result').scrollIntoViewIfNeeded();
      await snap('diff');
      // Either end can be chosen, one after the other: 2 → 1 gives back what 1 → 2 removed.
      await page.locator('#diff-from').selectOption('2');
      await page.locator('#diff-to').selectOption('1');
      await page.locator('[data-key="compare"]').click();
      await expect
        .poll(() => page.locator('table.diff caption').textContent())
        .toBe(FR.diffChangedCaption(2, 1));
      expect(await page.locator('.diff-result ul.codes').first().textContent()).toContain('1.3.1.4');

      await page.locator('[data-key="review-accept"]').click();
      await expect
        .poll(() => page.locator('#return .meta .badge').first().textContent())
        .toBe(FR.states.accepted);
      const own = await api<{ returns: { version: number; state: string }[] }>('/api/returns', tokens.mef);
      expect(own.returns[0]).toMatchObject({ version: 2, state: 'accepted' });
      // Accepted: locked; the only decision left is to reopen it.
      expect(await page.locator('.decision button').allTextContents()).toEqual([FR.reopen]);
      await snap('accepted');
    });

    it('downloads the consolidated workbook, whose totals are the consolidation’s', async () => {
      await page.locator('[data-key="back"]').click();
      await page.locator('#board table').waitFor();
      await expect
        .poll(() => boardRow('MEF').locator('.state .badge').first().textContent())
        .toBe(FR.states.accepted);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-key="download"]').click(),
      ]);
      expect(download.suggestedFilename()).toMatch(/^pac-consolide-\d{4}-\d{2}-\d{2}\.xlsx$/);
      const file = join(dir, download.suggestedFilename());
      await download.saveAs(file);
      await expect.poll(() => page.locator('.done').textContent()).toContain(download.suggestedFilename());

      const c = await api<ConsolidationJson>('/api/consolidated', tokens.consolidator);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      const ws = wb.getWorksheet('Synthèse');
      if (!ws) throw new Error('no Synthèse sheet');
      const columns = new Map<string, number>();
      ws.getRow(5).eachCell((cell, col) => {
        if (typeof cell.value === 'string' && !columns.has(cell.value)) columns.set(cell.value, col);
      });
      let totalRow = 0;
      ws.eachRow((row, r) => {
        if (row.getCell(1).value === 'TOTAL') totalRow = r;
      });
      expect(totalRow).toBeGreaterThan(5);
      const pac = (name: string) => ws.getCell(totalRow, columns.get(`${name} (PAC)`) ?? -1).value;
      const expected = {
        ...Object.fromEntries(c.years.map((y) => [String(y), c.total.amounts.years[y]])),
        TOTAL: c.total.amounts.total,
        'Budget national': c.total.amounts.national,
        Extérieur: c.total.amounts.external,
        'Activités PM': c.total.counts.pm,
      };
      expect(Object.fromEntries(Object.keys(expected).map((k) => [k, pac(k)]))).toEqual(expected);
      expect(c.total.amounts.total).toBe(1500 + 135 + 300 + 80);
      await snap('downloaded', false);
      // And the page says the same total.
      await goTo('money');
      expect(await page.locator('#money table').first().locator('tfoot td').first().textContent()).toBe(
        formatAmount(c.total.amounts.total, 'fr'),
      );
    });

    it('keeps the main text colours at a contrast of 4.5:1 or more', async () => {
      const money = await contrasts(['.pm-note', '#money tfoot th', '#money caption', '.pages a']);
      await goTo('board');
      const board = await contrasts([
        'main p.meta',
        '#board caption',
        '#board thead th',
        '#board tbody th .name',
        '.badge.state-not_started',
        '.badge.state-submitted',
        '.badge.state-accepted',
        '.badge.late',
        '.tile-late',
        'button.primary',
        'button.secondary',
        'details summary',
        '.top .subtitle',
        '.pages a[aria-current="page"]',
      ]);
      await page.locator('[data-key="open-MEF"]').click();
      await page.locator('#return table.lines').waitFor();
      await page.locator('[data-key="view-1"]').click();
      await page.locator('#return tr.findings-row').first().waitFor();
      const detail = await contrasts([
        '.badge.sev-warning',
        'tr.findings-row td',
        '.badge.state-returned',
        '.review-comment blockquote',
        'button.link',
        'p.note',
      ]);
      const all = [...money, ...board, ...detail];
      expect(all.length).toBeGreaterThanOrEqual(22);
      expect(all.filter((x) => x.ratio < 4.5)).toEqual([]);
    });

    it('switches to English and back, and prints without its controls', async () => {
      await page.locator('#lang-switch').click();
      await expect.poll(() => page.locator('#return-h').textContent()).toContain('Return of MEF');
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('lang-switch');
      await page.locator('[data-key="back"]').click();
      await page.locator('#board table').waitFor();
      expect(await page.locator('#board-h').textContent()).toBe(WORDING.en.boardHeading);
      expect(await boardRow('MEF').locator('.state .badge').first().textContent()).toBe('Accepted');
      await snap('english');
      await page.locator('#lang-switch').click();
      await expect.poll(() => page.locator('#board-h').textContent()).toBe(FR.boardHeading);

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('#sign-out').isVisible()).toBe(false);
      expect(await page.locator('[data-key="download"]').isVisible()).toBe(false);
      expect(await page.locator('#board table').isVisible()).toBe(true);
      await snap('print');
      await page.emulateMedia({ media: 'screen' });
    });

    it('forgets the token on sign-out, and a revoked token brings back the sign-in with the service’s message', async () => {
      await page.locator('#sign-out').click();
      await page.locator('#token').waitFor();
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('token');

      // A ministry's token is a valid token, but not for this page.
      await page.locator('#token').fill(tokens.mef);
      await page.locator('#sign-in').click();
      await expect.poll(() => page.locator('#token-error').textContent()).toBe(FR.ministryToken);
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

      const made = await s.json('/api/tokens', { json: { role: 'consolidator', label: 'SP bis' } });
      await page.locator('#token').fill(made.body.secret);
      await page.locator('#sign-in').click();
      await page.locator('#board table').waitFor();
      expect((await s.json(`/api/tokens/${made.body.token.id}/revoke`, { method: 'POST' })).status).toBe(200);
      await page.locator('[data-key="refresh"]').click();
      await page.locator('#token-error').waitFor();
      expect(await page.locator('#token-error').textContent()).toBe(CATALOGUE.invalid_token.fr());
      expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
      await snap('revoked');
    });
  },
);
