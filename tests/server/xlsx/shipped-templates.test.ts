// The templates checked in under templates/xlsx/ hold exactly what a fresh build writes: if this
// fails after a change to the plan or the template, run `npm run build:templates` and commit.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildTemplateSpec, readTemplateMeta } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { shippedTemplates, TEMPLATES_DIR } from '../../../server/templates/shipped-templates.ts';
import { renderWorkbookBuffer } from '../../../server/xlsx/render-workbook.ts';
import { specCellsDiff, worksheetGrid } from './workbook-helpers.ts';

const index = shippedPlan();

/** What a sheet's print looks like, as ExcelJS reads it back from the file. */
function printSetup(ws: ExcelJS.Worksheet) {
  const p = ws.pageSetup;
  const hf = ws.headerFooter as Partial<ExcelJS.HeaderFooter> | null;
  return {
    sheet: ws.name,
    page: [p.paperSize, p.orientation, p.fitToPage, p.fitToWidth, p.fitToHeight, p.pageOrder],
    titles: [p.printTitlesRow, p.printTitlesColumn],
    // Read back as null on a sheet without one, whatever the typings say.
    headerFooter: [hf?.oddHeader, hf?.oddFooter],
  };
}

describe('shipped templates (templates/xlsx)', () => {
  it('ship the whole plan and one file per ministry with activities', () => {
    expect(shippedTemplates(index).map((t) => t.file)).toEqual([
      'pac-modele-complet.xlsx',
      ...['MARCC', 'MDAC', 'MATD', 'MSPC', 'MJDH', 'MSDS', 'MEFP', 'MRN', 'MJS', 'MEF', 'MAECI'].map(
        (m) => `pac-modele-${m}.xlsx`,
      ),
    ]);
  });

  it.each(shippedTemplates(index).map((t) => [t.file, t] as const))(
    '%s equals a fresh build, cell by cell and in its print setup',
    async (file, t) => {
      const path = join(TEMPLATES_DIR, file);
      expect(existsSync(path), `${path} is missing: run npm run build:templates`).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const spec = buildTemplateSpec(index, t.options);
      expect(specCellsDiff(spec, wb)).toEqual([]);
      // The print setup too: page layout, title rows and columns, header and footer.
      const fresh = new ExcelJS.Workbook();
      await fresh.xlsx.load((await renderWorkbookBuffer(spec)) as unknown as ArrayBuffer);
      expect(wb.worksheets.map(printSetup)).toEqual(fresh.worksheets.map(printSetup));
      const meta = wb.getWorksheet('PAC_meta');
      expect(meta && readTemplateMeta(worksheetGrid(meta).rows)).toEqual(spec.meta);
    },
  );
});
