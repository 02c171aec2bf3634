// The templates checked in under templates/xlsx/ hold exactly what a fresh build writes: if this
// fails after a change to the plan or the template, run `npm run build:templates` and commit.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { buildTemplateSpec, readTemplateMeta } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { shippedTemplates, TEMPLATES_DIR } from '../../../server/templates/shipped-templates.ts';
import { specCellsDiff, worksheetGrid } from './workbook-helpers.ts';

const index = shippedPlan();

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
    '%s equals a fresh build, cell by cell',
    async (file, t) => {
      const path = join(TEMPLATES_DIR, file);
      expect(existsSync(path), `${path} is missing: run npm run build:templates`).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
      const spec = buildTemplateSpec(index, t.options);
      expect(specCellsDiff(spec, wb)).toEqual([]);
      const meta = wb.getWorksheet('PAC_meta');
      expect(meta && readTemplateMeta(worksheetGrid(meta).rows)).toEqual(spec.meta);
    },
  );
});
