// The ExcelJS rendering of the template spec, read back from the .xlsx bytes.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { AMOUNT_FORMAT, buildTemplateSpec, ROLLUP_AMOUNT_FORMAT, type WorkbookSpec } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { renderWorkbook, renderWorkbookBuffer } from '../../../server/xlsx/render-workbook.ts';
import { syntheticIndex } from '../../core/template/synthetic-plan.ts';
import { specCellsDiff } from './workbook-helpers.ts';

const GENERATED_AT = '2024-03-05T08:09:10Z';

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

function sheetOf(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

/** ExcelJS reads these back but leaves them out of its typings. */
interface LoadedSheet {
  sheetProtection?: Record<string, unknown>;
  dataValidations: { model: Record<string, ExcelJS.DataValidation | undefined> };
  conditionalFormattings: { ref: string; rules: { type: string; formulae: string[] }[] }[];
}

describe('renderWorkbook: the MJDH template', () => {
  let spec: WorkbookSpec;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    spec = buildTemplateSpec(shippedPlan(), { ministry: 'MJDH', lang: 'fr', generatedAt: GENERATED_AT });
    wb = await load(await renderWorkbookBuffer(spec));
  });

  it('writes every value and formula of the spec, and nothing else', () => {
    expect(specCellsDiff(spec, wb)).toEqual([]);
  });

  it('keeps sheet states, frozen panes, print setup and the recalculation flag', () => {
    expect(wb.worksheets.map((ws) => ws.state)).toEqual([
      'visible',
      'visible',
      'visible',
      'visible',
      'hidden',
      'veryHidden',
    ]);
    const entry = sheetOf(wb, 'Saisie');
    expect(entry.views[0]).toMatchObject({ state: 'frozen', xSplit: 2, ySplit: 5 });
    expect(entry.pageSetup).toMatchObject({
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 2,
      fitToHeight: 0,
      printTitlesRow: '4:5',
      printTitlesColumn: 'A:B',
      pageOrder: 'overThenDown',
    });
    expect(entry.headerFooter).toMatchObject({
      oddHeader:
        "&LMJDH — Ministère de la Justice et des Droits de l'Homme&RPlan pnlevt-2021-2025, version 1",
      oddFooter: '&LImprimé le &D&C&A&RPage &P sur &N',
    });
    const instructions = sheetOf(wb, "Mode d'emploi");
    expect(instructions.pageSetup).toMatchObject({
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 1,
    });
    expect(instructions.headerFooter.oddFooter).toBe(entry.headerFooter.oddFooter);
    expect(entry.getColumn('U').hidden).toBe(true);
    expect(entry.getColumn('V').hidden).toBe(true);
  });

  it('asks spreadsheets to recalculate on load, since formulas carry no cached result', async () => {
    // ExcelJS does not read calcPr back, so this looks at the workbook before it is written.
    expect((await renderWorkbook(spec)).calcProperties.fullCalcOnLoad).toBe(true);
  });

  it('protects every sheet without a password, input cells of activity rows left unlocked', () => {
    for (const ws of wb.worksheets) {
      const p = (ws as unknown as LoadedSheet).sheetProtection;
      expect(p).toMatchObject({ sheet: true, formatColumns: true, formatRows: true });
      expect(p?.hashValue).toBeUndefined();
    }
    const entry = sheetOf(wb, 'Saisie');
    const entrySpec = spec.sheets[1];
    const unlocked = new Set<string>();
    entry.eachRow((row) => {
      row.eachCell({ includeEmpty: true }, (cell) => {
        if (cell.protection?.locked === false) unlocked.add(cell.address);
      });
    });
    // The spec's unlocked ranges, cell by cell, are exactly the cells ExcelJS reads as unlocked.
    const expected = new Set<string>();
    for (const range of entrySpec?.unlocked ?? []) {
      const [from = '', to = from] = range.split(':');
      const tl = entry.getCell(from);
      const br = entry.getCell(to);
      for (let r = Number(tl.row); r <= Number(br.row); r++) {
        for (let c = Number(tl.col); c <= Number(br.col); c++) expected.add(entry.getCell(r, c).address);
      }
    }
    expect(unlocked).toEqual(expected);
    expect(entry.getCell('G6').protection?.locked).not.toBe(false);
  });

  it('writes validations, conditional formats and number formats', () => {
    const entry = sheetOf(wb, 'Saisie') as unknown as ExcelJS.Worksheet & LoadedSheet;
    const row = 9; // the first activity row of MJDH (pillar 1 › OS 1.1 › R 1.1.3)
    expect(entry.getCell(`A${row}`).value).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(entry.dataValidations.model[`G${row}`]).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      formulae: [0],
      showErrorMessage: true,
      errorTitle: 'Montant non valide',
    });
    expect(entry.dataValidations.model[`O${row}`]).toMatchObject({
      type: 'list',
      formulae: ["'Listes'!$B$2"],
    });
    expect(entry.dataValidations.model[`F${row}`]).toMatchObject({
      type: 'list',
      formulae: ["'Listes'!$A$2:$A$3"],
    });
    expect(entry.dataValidations.model.G6).toBeUndefined();
    expect(entry.conditionalFormattings).toHaveLength(1);
    expect(entry.conditionalFormattings[0]?.rules[0]?.formulae[0]).toMatch(/^AND\(\$U6<>"",OR\(ROUND\(/);
    expect(entry.getCell(`G${row}`).numFmt).toBe(AMOUNT_FORMAT);
    // L6 is the first pillar's Total: a roll-up, blank at zero.
    expect(entry.getCell('L6').numFmt).toBe(ROLLUP_AMOUNT_FORMAT);
  });
});

describe('renderWorkbook: text that looks like a formula', () => {
  it('stays a string in the file', async () => {
    const evil = ['=HYPERLINK("http://x")', "+cmd|' /C calc'!A0", '-1+1', '@SUM(A1:A2)', '=1+1'];
    const index = syntheticIndex({ activities: 5, perResult: 5, title: (i) => evil[i] ?? '' });
    const spec = buildTemplateSpec(index, { ministry: null, lang: 'en', generatedAt: GENERATED_AT });
    const wb = await load(await renderWorkbookBuffer(spec));
    const entry = sheetOf(wb, 'Entry');
    const found: string[] = [];
    entry.eachRow((row) => {
      const cell = row.getCell(2);
      if (typeof cell.value === 'string' && evil.includes(cell.value)) {
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        expect(cell.formula).toBeUndefined();
        found.push(cell.value);
      }
    });
    expect(found.sort()).toEqual([...evil].sort());
  });
});
