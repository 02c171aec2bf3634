// The template as it prints: generated like `pac template` does, printed to PDF by LibreOffice
// (formulas recomputed, page setup, header and footer applied), and read back page by page with
// poppler's pdftotext. What is asserted, per page: its size and orientation, the sheet named in its
// footer, the words it shows and their boxes. Page images go to tests/artifacts/screenshots/print/
// for people to look at.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { entryColumns, isFormula, type Lang, SHEET_NAMES, type SheetSpec, type WorkbookSpec } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { workbookBuffer } from '../../../server/xlsx/render-workbook.ts';
import { templateWorkbook } from '../../../server/xlsx/template-file.ts';
import {
  hasCalibriMetrics,
  hasLibreOffice,
  NEEDS_CALIBRI_METRICS,
  NEEDS_LIBREOFFICE,
  printToPdf,
} from './libreoffice.ts';
import {
  hasPoppler,
  NEEDS_POPPLER,
  type PdfPage,
  type PdfWord,
  pageImages,
  pdfPages,
  squeezed,
} from './pdf-pages.ts';

const index = shippedPlan();
const GENERATED_AT = '2024-03-05T08:09:10Z';
const SHOTS = fileURLToPath(new URL('../../artifacts/screenshots/print/', import.meta.url));

interface Case {
  file: string;
  ministry: string | null;
  lang: Lang;
  /** What the page header says top left. */
  who: string;
  /** Types a 0 into one amount cell, to see how a typed zero prints. */
  typedZero?: boolean;
}

const CASES: Case[] = [
  {
    file: 'pac-modele-MEF',
    ministry: 'MEF',
    lang: 'fr',
    who: "MEF — Ministère de l'Économie et des Finances",
  },
  { file: 'pac-modele-complet', ministry: null, lang: 'fr', who: 'Modèle complet (toutes les activités)' },
  { file: 'pac-template-MRN-en', ministry: 'MRN', lang: 'en', who: 'Ministry: MRN' },
  { file: 'MEF-typed-zero', ministry: 'MEF', lang: 'fr', who: '', typedZero: true },
];

interface Printed {
  c: Case;
  spec: WorkbookSpec;
  pages: PdfPage[];
}

/**
 * The header and footer print about 0.3 in from the page edges, the body starts lower (LibreOffice
 * puts it under the header, at about 0.6 in): half an inch tells them apart.
 */
const MARGIN = 36;
const header = (p: PdfPage) => p.words.filter((w) => w.yMax < MARGIN);
const footer = (p: PdfPage) => p.words.filter((w) => w.yMin > p.height - MARGIN);
const body = (p: PdfPage) => p.words.filter((w) => w.yMin >= MARGIN && w.yMax <= p.height - MARGIN);
const text = (words: PdfWord[]) => words.map((w) => w.text).join(' ');
const landscape = (p: PdfPage) => p.width > p.height;
/** A4 in points, either way round. */
const isA4 = (p: PdfPage) =>
  [Math.round(Math.min(p.width, p.height)), Math.round(Math.max(p.width, p.height))].join('x') === '595x842';

/** The sheet a page belongs to, from the sheet name the footer prints (&A). */
function sheetKey(p: PdfPage, lang: Lang): SheetSpec['key'] | null {
  const f = text(footer(p));
  for (const key of ['instructions', 'entry', 'summary', 'checks'] as const) {
    if (f.includes(SHEET_NAMES[key][lang])) return key;
  }
  return null;
}

const pagesOf = (p: Printed, key: SheetSpec['key']) =>
  p.pages.filter((page) => sheetKey(page, p.c.lang) === key);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const height = (w: PdfWord) => w.yMax - w.yMin;

/** Every piece of text the instructions sheet holds. */
function instructionTexts(spec: WorkbookSpec): string[] {
  const sheet = spec.sheets.find((s) => s.key === 'instructions');
  return (sheet?.cells ?? []).flat().filter((v): v is string => typeof v === 'string');
}

const skip = !hasLibreOffice() || !hasPoppler();
const why = hasLibreOffice() ? NEEDS_POPPLER : NEEDS_LIBREOFFICE;
if (skip) console.warn(`print-pdf.test.ts skipped: ${why}`);

describe.skipIf(skip)(
  `the printed template, through LibreOffice (${NEEDS_LIBREOFFICE}; ${NEEDS_POPPLER})`,
  () => {
    const printed = new Map<string, Printed>();
    let fallback: Printed;
    const get = (file: string) => {
      const p = printed.get(file);
      if (!p) throw new Error(`${file} not printed`);
      return p;
    };

    beforeAll(async () => {
      const dir = mkdtempSync(join(tmpdir(), 'pac-print-'));
      const specs = new Map<string, WorkbookSpec>();
      for (const c of CASES) {
        const { spec, workbook } = await templateWorkbook(index, {
          ministry: c.ministry,
          lang: c.lang,
          generatedAt: GENERATED_AT,
        });
        if (c.typedZero) {
          // 1.3.1.4, MEF's one costed activity: 0 typed for 2022.
          const ws = workbook.getWorksheet(SHEET_NAMES.entry[c.lang]);
          if (!ws) throw new Error('no entry sheet');
          const entry = spec.sheets.find((s) => s.key === 'entry');
          const row = (entry?.cells.findIndex((r) => r[0] === '1.3.1.4') ?? -1) + 1;
          const col = (entryColumns(index.years).find((x) => x.key === 'year:2022')?.index ?? -1) + 1;
          ws.getCell(row, col).value = 0;
        }
        writeFileSync(join(dir, `${c.file}.xlsx`), await workbookBuffer(workbook));
        specs.set(c.file, spec);
      }
      await printToPdf(
        CASES.map((c) => join(dir, `${c.file}.xlsx`)),
        dir,
      );
      const fallbackDir = join(dir, 'fallback');
      await printToPdf([join(dir, 'pac-modele-MEF.xlsx')], fallbackDir, { fallbackFonts: true });

      rmSync(SHOTS, { recursive: true, force: true });
      for (const c of CASES) {
        const pdf = join(dir, `${c.file}.pdf`);
        printed.set(c.file, { c, spec: specs.get(c.file) as WorkbookSpec, pages: pdfPages(pdf) });
        if (!c.typedZero) pageImages(pdf, SHOTS, c.file);
      }
      const mef = get('pac-modele-MEF');
      fallback = { ...mef, pages: pdfPages(join(fallbackDir, 'pac-modele-MEF.pdf')) };
      pageImages(join(fallbackDir, 'pac-modele-MEF.pdf'), SHOTS, 'pac-modele-MEF-fallback-fonts');
    }, 180_000);

    it('prints every visible sheet on A4, each page with the ministry, the plan version, the print date and page n of N', () => {
      for (const c of CASES.filter((x) => !x.typedZero)) {
        const { pages } = get(c.file);
        const printedOn = c.lang === 'fr' ? 'Imprimé le' : 'Printed on';
        const of = c.lang === 'fr' ? 'sur' : 'of';
        expect(pages.length).toBeGreaterThan(4);
        for (const page of pages) {
          const where = `${c.file} page ${page.number}`;
          expect(isA4(page), where).toBe(true);
          expect(text(header(page)), where).toBe(
            `${c.who} Plan pnlevt-2021-2025, version ${index.plan.plan.version}`,
          );
          const f = text(footer(page));
          // The date is the day of printing, in the machine's format: some digits and separators.
          expect(f, where).toMatch(new RegExp(`^${printedOn} [\\d./-]*\\d[\\d./-]* `));
          expect(f, where).toMatch(new RegExp(` Page ${page.number} ${of} ${pages.length}$`));
          expect(sheetKey(page, c.lang), where).not.toBeNull();
        }
        // Every visible sheet prints, in order; hidden ones do not.
        const keys = pages.map((p) => sheetKey(p, c.lang));
        expect([...new Set(keys)]).toEqual(['instructions', 'entry', 'summary', 'checks']);
      }
    });

    it("prints « Mode d'emploi » on one portrait page, every word of it, also with fallback fonts", () => {
      for (const p of [...CASES.filter((x) => !x.typedZero).map((c) => get(c.file)), fallback]) {
        const pages = pagesOf(p, 'instructions');
        expect(pages, p.c.file).toHaveLength(1);
        const [page] = pages as [PdfPage];
        expect(landscape(page)).toBe(false);
        // Text cut at the page edge would be missing here: every paragraph is printed whole.
        const shown = squeezed(body(page));
        for (const t of instructionTexts(p.spec))
          expect(shown, `${p.c.file}: ${t}`).toContain(t.replace(/\s+/g, ''));
        for (const w of page.words) expect(w.xMax, w.text).toBeLessThanOrEqual(page.width);
      }
    });

    it('prints Saisie two landscape pages wide: code and title on both halves, halves in turn', () => {
      for (const file of ['pac-modele-MEF', 'pac-modele-complet', 'pac-template-MRN-en']) {
        const p = get(file);
        const fr = p.c.lang === 'fr';
        const pages = pagesOf(p, 'entry');
        expect(pages.every(landscape), file).toBe(true);
        // Left halves hold the plan columns and the years, right halves the funding, marks and comment;
        // no group heading is cut in two by the page break.
        const years = fr ? 'Montantsparannée(millionsFCFA)' : 'Amountsperyear(millionFCFA)';
        const right = fr
          ? ['Sourcesdefinancement', "Périodesd'exécution", 'Commentaire']
          : ['Fundingsources', 'Executionperiods', 'Comment'];
        const side = pages.map((page) => {
          const s = squeezed(body(page));
          const isLeft = s.includes(years) && !s.includes(right[2] as string);
          const isRight = right.every((r) => s.includes(r)) && !s.includes(years);
          return isLeft ? 'L' : isRight ? 'R' : '?';
        });
        // Across then down: L R L R …, the last band's right half left out when it holds nothing.
        expect(side.join(''), file).toMatch(/^(LR)+L?$/);
        for (const page of pages) {
          const words = new Set(body(page).map((w) => w.text));
          expect(
            words.has('Code') && words.has(fr ? 'Activité' : 'Activity'),
            `${file} page ${page.number}`,
          ).toBe(true);
        }
        // Each activity prints on one left page and on the right page just after it.
        const codes = (p.spec.sheets.find((s) => s.key === 'entry')?.cells ?? [])
          .map((r) => r[0])
          .filter((v): v is string => typeof v === 'string' && /^\d+(\.\d+){3,}$/.test(v));
        expect(codes.length).toBeGreaterThan(0);
        for (const code of codes) {
          const on = pages.flatMap((page, i) => (body(page).some((w) => w.text === code) ? [i] : []));
          expect(on, `${file} ${code}`).toHaveLength(2);
          const [l = -1, r = -1] = on;
          expect([side[l], side[r], r - l], `${file} ${code}`).toEqual(['L', 'R', 1]);
        }
      }
      expect(pagesOf(get('pac-modele-complet'), 'entry').length).toBeGreaterThanOrEqual(10);
    });

    // The scale follows the column widths, which LibreOffice measures in the template's font: with a
    // wider stand-in for Calibri every column grows and the type shrinks (about 67 % instead of 80 %).
    it.skipIf(!hasCalibriMetrics())(
      `prints Saisie legibly, at 75 % of full size or more (${NEEDS_CALIBRI_METRICS})`,
      () => {
        const instructions = pagesOf(get('pac-modele-complet'), 'instructions')[0] as PdfPage;
        const fullSize = median(body(instructions).map(height));
        for (const file of ['pac-modele-MEF', 'pac-modele-complet', 'pac-template-MRN-en']) {
          const p = get(file);
          const entry = p.spec.sheets.find((s) => s.key === 'entry');
          const codes = new Set((entry?.cells ?? []).map((r) => r[0]).filter((v) => typeof v === 'string'));
          const sizes = pagesOf(p, 'entry').flatMap((page) =>
            body(page)
              .filter((w) => codes.has(w.text))
              .map(height),
          );
          // One page wide, the same words print at about 50 %.
          expect(median(sizes) / fullSize, file).toBeGreaterThanOrEqual(0.75);
        }
      },
    );

    it('ends Saisie with the signature block, printed once, under TOTAL, on a left-hand page', () => {
      for (const [file, labels] of [
        ['pac-modele-MEF', ['Établi', 'Visa']],
        ['pac-modele-complet', ['Établi', 'Visa']],
        ['pac-template-MRN-en', ['Prepared', 'Approved']],
      ] as const) {
        const p = get(file);
        const pages = pagesOf(p, 'entry');
        const at = (word: string) =>
          pages.flatMap((page, i) => body(page).flatMap((w) => (w.text === word ? [{ i, w }] : [])));
        const total = at('TOTAL');
        // TOTAL prints on both halves of its band.
        expect(total, file).toHaveLength(2);
        const [{ i: totalPage = 0, w: totalWord } = { i: 0, w: undefined }] = total;
        const signed = squeezed(pages.flatMap(body));
        for (const label of labels) {
          const hits = at(label);
          expect(hits, `${file} ${label}`).toHaveLength(1);
          const [{ i, w } = { i: -1, w: undefined }] = hits;
          // On the left half of TOTAL's band, below it, or on a later left page.
          expect((i - totalPage) % 2, `${file} ${label}`).toBe(0);
          if (i === totalPage) expect(w?.yMin ?? 0).toBeGreaterThan(totalWord?.yMax ?? Infinity);
        }
        const lines =
          p.c.lang === 'fr'
            ? ['Nomet', 'Date:', 'Signatureetcachet:']
            : ['Nameand', 'Date:', 'Signatureandstamp:'];
        for (const line of lines) expect(signed, file).toContain(line);
      }
    });

    it('prints empty subtotals blank, and a typed 0 as 0.0', () => {
      const zeros = (p: Printed, key: SheetSpec['key']) =>
        pagesOf(p, key).flatMap((page) => body(page).filter((w) => /^-?0([.,]0+)?$/.test(w.text)));
      for (const file of ['pac-modele-MEF', 'pac-modele-complet', 'pac-template-MRN-en']) {
        const p = get(file);
        expect(zeros(p, 'entry'), file).toEqual([]);
        expect(zeros(p, 'summary'), file).toEqual([]);
      }
      // The typed cell and its line's total show 0.0; the roll-ups over them (R, OS, pillar, TOTAL, the
      // summary) are 0 too and print nothing.
      const typed = get('MEF-typed-zero');
      expect(zeros(typed, 'entry').map((w) => w.text)).toEqual(['0.0', '0.0']);
      expect(zeros(typed, 'summary')).toEqual([]);
      // The formulas are the template's: nothing was changed to blank them.
      const entry = typed.spec.sheets.find((s) => s.key === 'entry');
      const totalRow = entry?.cells.find((r) => r[0] === 'TOTAL') ?? [];
      expect(totalRow.filter((v) => v !== null && isFormula(v)).length).toBeGreaterThan(0);
    });

    it('writes page images for people to look at', () => {
      const images = readdirSync(SHOTS);
      for (const c of CASES.filter((x) => !x.typedZero)) {
        const count = get(c.file).pages.length;
        const mine = images.filter((f) => f.startsWith(`${c.file}-`) && !f.includes('fallback'));
        expect(mine, c.file).toHaveLength(count);
      }
    });
  },
);
