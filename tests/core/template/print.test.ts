// The printed template as the spec describes it: page header and footer, the signature block under
// the entry sheet's TOTAL, and an instructions sheet that fits A4 portrait. How it really prints is
// checked by tests/server/xlsx/print-pdf.test.ts through LibreOffice.
import { describe, expect, it } from 'vitest';
import {
  buildTemplateSpec,
  columnLetter,
  entryColumns,
  HEADER_FOOTER_MAX,
  headerFooterCode,
  type Lang,
  parseRange,
  readEntryGrid,
  TEMPLATE_WORDING,
  updateWorkbookSpec,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { cellsOf, gridOf, sheetOf, totalRowOf } from './spec-helpers.ts';

const index = shippedPlan();
const YEARS = index.years;
const GENERATED_AT = '2024-03-05T08:09:10Z';
const COLUMNS = entryColumns(YEARS);

const build = (ministry: string | null, lang: Lang = 'fr') =>
  buildTemplateSpec(index, { ministry, lang, generatedAt: GENERATED_AT });

describe('headerFooterCode', () => {
  it('writes fields as Excel codes, doubles "&" in text, and leaves out empty sections', () => {
    expect(
      headerFooterCode({
        left: ['MEF & co'],
        center: [],
        right: ['Page ', { field: 'page' }, ' sur ', { field: 'pages' }],
      }),
    ).toBe('&LMEF && co&RPage &P sur &N');
    expect(headerFooterCode({ left: [{ field: 'date' }], center: [{ field: 'sheet' }], right: [] })).toBe(
      '&L&D&C&A',
    );
  });
});

describe('page header and footer of the template', () => {
  it.each([
    ['MEF', 'fr', "MEF — Ministère de l'Économie et des Finances", 'Imprimé le &D', 'Page &P sur &N'],
    ['MEF', 'en', "MEF — Ministère de l'Économie et des Finances", 'Printed on &D', 'Page &P of &N'],
    [null, 'fr', 'Modèle complet (toutes les activités)', 'Imprimé le &D', 'Page &P sur &N'],
    // A name too long to sit beside the plan in a portrait header: the code alone.
    ['MRN', 'fr', 'Ministère : MRN', 'Imprimé le &D', 'Page &P sur &N'],
    ['MRN', 'en', 'Ministry: MRN', 'Printed on &D', 'Page &P of &N'],
  ] as const)(
    '%s (%s): ministry, plan version, print date and page n of N on every printed sheet',
    (ministry, lang, who, printed, page) => {
      const spec = build(ministry, lang);
      const printed$ = spec.sheets.filter((s) => s.print);
      expect(printed$.map((s) => s.key)).toEqual(['instructions', 'entry', 'summary', 'checks']);
      for (const s of printed$) {
        const header = headerFooterCode(s.print?.header ?? { left: [], center: [], right: [] });
        const footer = headerFooterCode(s.print?.footer ?? { left: [], center: [], right: [] });
        expect(header, s.name).toBe(`&L${who}&RPlan pnlevt-2021-2025, version ${index.plan.plan.version}`);
        expect(footer, s.name).toBe(`&L${printed}&C&A&R${page}`);
        expect(header.length + footer.length).toBeLessThanOrEqual(HEADER_FOOTER_MAX);
      }
      // Hidden sheets do not print.
      expect(spec.sheets.filter((s) => s.state !== 'visible').every((s) => s.print === undefined)).toBe(true);
    },
  );

  it('keeps every ministry header within Excel’s limit', () => {
    for (const m of index.plan.ministries.map((x) => x.code)) {
      if (index.activitiesOf(m).length === 0) continue;
      const entry = sheetOf(build(m), 'entry');
      const p = entry.print;
      if (!p?.header || !p.footer) throw new Error('no header');
      expect(headerFooterCode(p.header).length).toBeLessThanOrEqual(HEADER_FOOTER_MAX);
      // Short enough to leave room for the plan on the right of a portrait page.
      expect(headerFooterCode({ ...p.header, right: [] }).length).toBeLessThanOrEqual(60);
    }
  });
});

describe('the signature block under the entry sheet', () => {
  const locked = new Set(['result', 'responsible', 'planCost']);
  const allowed = new Set(COLUMNS.filter((c) => locked.has(c.key)).map((c) => c.index));

  it.each([
    [
      'fr',
      ['Établi par', 'Visa du responsable CPS'],
      ['Nom et fonction :', 'Date :', 'Signature et cachet :'],
    ],
    [
      'en',
      ['Prepared by', 'Approved by the head of the CPS'],
      ['Name and position:', 'Date:', 'Signature and stamp:'],
    ],
  ] as const)('comes after TOTAL, in locked non-input columns only (%s)', (lang, who, lines) => {
    const entry = sheetOf(build('MJDH', lang), 'entry');
    const total = totalRowOf(entry);
    const below = entry.cells.slice(total).map((r, i) => ({ row: total + 1 + i, r }));
    const texts = below.flatMap(({ row, r }) =>
      r.flatMap((v, c) => (v === null || v === undefined ? [] : [{ row, c, v }])),
    );
    // Two boxes, a blank row before and between them; each merged box holds its text in every cell.
    expect(texts.map((t) => `${t.row}:${columnLetter(t.c)}`)).toEqual(
      [total + 2, total + 4].flatMap((r) => [`${r}:C`, `${r}:D`, `${r}:E`]),
    );
    for (const t of texts) {
      expect(allowed.has(t.c), `column ${t.c}`).toBe(true);
      expect(typeof t.v).toBe('string');
    }
    const [prepared = '', approved = ''] = texts.filter((t) => t.c === 2).map((t) => String(t.v));
    expect(prepared.split('\n')[0]).toBe(who[0]);
    expect(approved.split('\n')[0]).toBe(who[1]);
    for (const line of lines) expect(approved).toContain(line);
    // Each box is one merged row across result…plan cost, framed, locked (no unlocked cell below TOTAL).
    const left = Math.min(...allowed);
    const right = Math.max(...allowed);
    expect([columnLetter(left), columnLetter(right)]).toEqual(['C', 'E']);
    for (const t of texts.filter((x) => x.c === left)) {
      const box = `C${t.row}:E${t.row}`;
      expect(entry.merges).toContain(box);
      expect(entry.styles).toContainEqual({ range: box, style: 'signature' });
    }
    expect([...cellsOf(entry.unlocked)].every((cell) => Number(cell.split(':')[0]) < total)).toBe(true);
    expect(entry.validations.every((v) => (parseRange(v.range)?.bottom ?? 0) < total)).toBe(true);
    expect(TEMPLATE_WORDING[lang].signature.preparedBy).toBe(who[0]);
  });

  it('is skipped by the reader and by a workbook update: no line, no finding, nothing withdrawn', () => {
    const spec = build('MJDH');
    const entry = sheetOf(spec, 'entry');
    const reading = readEntryGrid(gridOf(entry), YEARS);
    expect(reading.findings).toEqual([]);
    expect(reading.lines).toHaveLength(index.activitiesOf('MJDH').length);
    const { changes } = updateWorkbookSpec(
      index,
      { ministry: 'MJDH', lang: 'fr', generatedAt: GENERATED_AT },
      { meta: spec.meta, entry: { grid: gridOf(entry), formulas: new Map() }, withdrawn: null },
    );
    expect(changes.withdrawn).toEqual([]);
    expect(changes.withdrawnSheet).toBeNull();
  });
});

describe('the instructions sheet', () => {
  it('is one column narrower than A4 portrait, every long row wrapped, printed on one page', () => {
    for (const lang of ['fr', 'en'] as const) {
      const s = sheetOf(build('MRN', lang), 'instructions');
      expect(s.columns).toHaveLength(1);
      // A4 portrait between the default margins: about 93 characters of Calibri 11, 70 of DejaVu Sans.
      expect(s.columns[0]?.width).toBeLessThanOrEqual(70);
      expect(s.cells.every((r) => r.length <= 1)).toBe(true);
      // Rows 3 on (identity, plan title, paragraphs) wrap: nothing runs past the column.
      const wrapped = cellsOf(
        s.styles.filter((x) => x.style === 'note' || x.style === 'paragraph').map((x) => x.range),
      );
      s.cells.forEach((r, i) => {
        const text = r[0];
        if (i >= 2 && typeof text === 'string' && text.length > 60)
          expect(wrapped.has(`${i + 1}:0`), text).toBe(true);
      });
      expect(s.print).toMatchObject({ landscape: false, fitToWidth: true, pagesTall: 1 });
    }
  });
});
