// Validating a filled PAC template: values are read, never a formula's cached result; a total typed
// over its formula is compared with the real sum; a changed formula is reported; a file made from
// another template or an older template or plan version is refused, saying which.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { flattenFindings, type Report, ReturnDocument, SHEET_NAMES } from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import {
  type CheckedFile,
  type ValidationResult,
  validateWorkbook,
} from '../../../server/returns/validate-file.ts';
import { editWorkbook, entryCell, filledTemplate } from '../../fixtures/filled-template.ts';
import { rezip } from '../../fixtures/zip-builder.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from './libreoffice.ts';

const index = shippedPlan();

function checked(result: ValidationResult): CheckedFile {
  if (result.kind !== 'checked') throw new Error(`unusable: ${JSON.stringify(result.problem)}`);
  return result;
}

/** Errors only, compact: the filled fixtures carry envelope warnings by design. */
const errors = (report: Report) => flattenFindings(report.findings.filter((f) => f.severity === 'error'));

function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

const mjdh = await filledTemplate(index, { ministry: 'MJDH' });
const L = (code: string, key: string) => entryCell(mjdh.spec, index, code, key);
const entryRows = mjdh.spec.sheets.find((s) => s.key === 'entry')?.cells ?? [];
const resultRow = entryRows.findIndex((r) => r[0] === 'R 1.2.1') + 1;
const summary = mjdh.spec.sheets.find((s) => s.key === 'summary');
const summaryRow = (summary?.cells.findIndex((r) => r[1] === 'MJDH') ?? -1) + 1;

describe('a filled PAC template', () => {
  it('passes when every line adds up, and gives a ReturnDocument payload with entry rows', async () => {
    const result = checked(await validateWorkbook(mjdh.bytes, index));
    expect(result.layout).toBe('template');
    expect(result.ministry).toBe('MJDH');
    expect(errors(result.report)).toEqual([]);
    expect(result.report.stats.lines).toBe(index.activitiesOf('MJDH').length);
    const payload = ReturnDocument.parse(result.payload);
    expect(payload).toMatchObject({ ministry: 'MJDH', planId: index.plan.plan.id, templateVersion: '1' });
    const first = payload.lines.find((l) => l.activity === '1.2.1.2');
    expect(first?.row).toBe(Number(L('1.2.1.2', 'activity').slice(1)));
    // The total is derived from the years, as the template's formula computes it.
    expect(first?.total).toBe(Object.values(first?.years ?? {}).reduce((a: number, b) => a + (b ?? 0), 0));
  });

  it('compares a total typed over its formula with the sum of the years', async () => {
    const cell = L('1.2.1.2', 'total');
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      sheet(wb, 'Saisie').getCell(cell).value = 1;
    });
    const result = checked(await validateWorkbook(bytes, index));
    // The national budget still says the plan cost, so the split no longer makes the typed total either.
    expect(errors(result.report)).toEqual([
      [`Saisie!${cell}`, 'line_total_mismatch'],
      [`Saisie!${L('1.2.1.2', 'national')}`, 'funding_split_mismatch'],
    ]);
    expect(result.report.findings.find((f) => f.code === 'line_total_mismatch')).toMatchObject({ actual: 1 });
  });

  it('does not trust a cached formula result', async () => {
    const cell = L('1.2.1.2', 'total');
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      const c = sheet(wb, 'Saisie').getCell(cell);
      c.value = { formula: c.formula ?? '', result: 987654 };
    });
    expect(errors(checked(await validateWorkbook(bytes, index)).report)).toEqual([]);
  });

  it('recognises the template’s formulas when Excel stores them as shared formulas', async () => {
    const rows = ['1.2.1.2', '1.2.1.3'].map((code) => L(code, 'total').slice(1));
    const [first, second] = rows;
    const bytes = rezip(mjdh.bytes, (parts) => {
      const formula = (r: string | undefined) => `IF(COUNT(G${r}:K${r})=0,&quot;&quot;,SUM(G${r}:K${r}))`;
      const xml = (parts.get('xl/worksheets/sheet2.xml')?.toString('utf8') ?? '')
        .replace(
          `<f>${formula(first)}</f>`,
          `<f t="shared" ref="L${first}:L${second}" si="0">${formula(first)}</f>`,
        )
        .replace(`<f>${formula(second)}</f>`, '<f t="shared" si="0"/>');
      if (!xml.includes('<f t="shared" si="0"/>')) throw new Error('formulas not found');
      parts.set('xl/worksheets/sheet2.xml', Buffer.from(xml));
    });
    expect(errors(checked(await validateWorkbook(bytes, index)).report)).toEqual([]);
  });

  it('reports a formula changed into another one, and does not compare what it prints', async () => {
    const cell = L('1.2.1.2', 'total');
    const row = cell.slice(1);
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      sheet(wb, 'Saisie').getCell(cell).value = { formula: `SUM(G${row}:H${row})`, result: 5 };
    });
    const result = checked(await validateWorkbook(bytes, index));
    expect(errors(result.report)).toEqual([[`Saisie!${cell}`, 'formula_modified']]);
    expect(result.report.findings[0]?.params).toMatchObject({
      formula: `SUM(G${row}:H${row})`,
      template: `IF(COUNT(G${row}:K${row})=0,"",SUM(G${row}:K${row}))`,
    });
  });

  it('reads a subtotal typed over and compares it, and the subtotals that now count it, with the lines', async () => {
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      sheet(wb, 'Saisie').getCell(`H${resultRow}`).value = 42;
    });
    const result = checked(await validateWorkbook(bytes, index));
    // A value is no SUBTOTAL: the objective's, the pillar's and the grand total's SUBTOTALs now add
    // it to the lines they already count, and print that — as Excel and LibreOffice do.
    const rowOf = (label: string) => entryRows.findIndex((r) => r[0] === label) + 1;
    expect(errors(result.report)).toEqual(
      [rowOf('Pilier 1'), rowOf('OS 1.2'), resultRow, rowOf('TOTAL')].map((r) => [
        `Saisie!H${r}`,
        'subtotal_mismatch',
      ]),
    );
    expect(result.report.findings.find((f) => f.where.cell === `H${resultRow}`)).toMatchObject({
      actual: 42,
    });
  });

  it('compares the summary sheet, as its formulas print it, with the lines, and a number typed over it', async () => {
    expect(checked(await validateWorkbook(mjdh.bytes, index)).parsed.summaries[0]).toMatchObject({
      name: 'Synthèse',
      fromWorkbook: true,
    });
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      sheet(wb, 'Synthèse').getCell(`D${summaryRow}`).value = 1;
    });
    const result = checked(await validateWorkbook(bytes, index));
    // The TOTAL row adds the typed cell up with the others: it agrees with its rows.
    expect(errors(result.report)).toEqual([[`Synthèse!D${summaryRow}`, 'summary_detail_mismatch']]);
  });

  it('reports formulas typed into amount cells, with the value of plain arithmetic for the fix', async () => {
    // 1.2.1.2 is filled 62.5 a year over 2022–2025.
    const [h, i] = [L('1.2.1.2', 'year:2022'), L('1.2.1.2', 'year:2023')];
    const bytes = await editWorkbook(mjdh.bytes, (wb) => {
      const ws = sheet(wb, 'Saisie');
      ws.getCell(h).value = { formula: '62.4+0.1', result: 0 };
      ws.getCell(i).value = { formula: `${h}*1`, result: 62.5 };
    });
    const result = checked(await validateWorkbook(bytes, index));
    const line = result.parsed.lines.find((l) => l.activity === '1.2.1.2');
    // Neither year is read, and so neither is the total.
    expect(line?.unreadable).toEqual(['year:2022', 'year:2023', 'total']);
    expect(errors(result.report)).toEqual([
      [`Saisie!${h}`, 'formula_in_input'],
      [`Saisie!${i}`, 'formula_in_input'],
    ]);
    expect(result.report.findings.filter((f) => f.code === 'formula_in_input').map((f) => f.params)).toEqual([
      { formula: '62.4+0.1', value: '62.5' },
      { formula: `${h}*1`, value: null },
    ]);
  });

  it('refuses a file made from another template, or from an older template or plan version', async () => {
    const withMeta = (row: number, value: string) =>
      editWorkbook(mjdh.bytes, (wb) => {
        sheet(wb, SHEET_NAMES.meta.fr).getCell(`B${row}`).value = value;
      });
    const other = await validateWorkbook(await withMeta(1, 'budget-programme'), index);
    expect(other).toMatchObject({ kind: 'unusable', problem: { code: 'other_template' } });
    const older = await validateWorkbook(await withMeta(2, '0'), index);
    expect(older).toMatchObject({
      kind: 'unusable',
      problem: { code: 'template_version', params: { made: '0', current: '1' } },
      meta: { templateVersion: '0', ministry: 'MJDH' },
    });
    const plan = await validateWorkbook(await withMeta(4, '0.9'), index);
    expect(plan).toMatchObject({
      kind: 'unusable',
      problem: { code: 'plan_version', params: { made: '0.9', current: index.plan.plan.version } },
      meta: { planVersion: '0.9' },
    });
  });

  it('checks a whole-plan template for one ministry without the rows it never touched', async () => {
    const whole = await filledTemplate(index, {
      ministry: null,
      // Only MRN's rows are filled; the others stay as the template wrote them.
      line: (line, a) => (index.ministriesOf(a).includes('MRN') ? line : null),
    });
    const result = checked(await validateWorkbook(whole.bytes, index, { ministry: 'MRN' }));
    expect(result.ministry).toBe('MRN');
    expect(result.parsed.lines.map((l) => l.activity)).toEqual(index.activitiesOf('MRN').map((a) => a.code));
    expect(errors(result.report)).toEqual([]);
    expect(result.payload.ministry).toBe('MRN');
  });

  it('reads the English template', async () => {
    const en = await filledTemplate(index, { ministry: 'MSPC', lang: 'en' });
    const result = checked(await validateWorkbook(en.bytes, index));
    expect(result.meta?.lang).toBe('en');
    expect(errors(result.report)).toEqual([]);
  });
});

describe.skipIf(!hasLibreOffice())(`a template saved again by LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  it('still recognises every template formula, and a typed-over total', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-validate-lo-'));
    const cell = L('1.2.1.2', 'total');
    const typed = await editWorkbook(mjdh.bytes, (wb) => {
      sheet(wb, 'Saisie').getCell(cell).value = 1;
    });
    writeFileSync(join(dir, 'clean.xlsx'), mjdh.bytes);
    writeFileSync(join(dir, 'typed.xlsx'), typed);
    const out = join(dir, 'out');
    await recalculate([join(dir, 'clean.xlsx'), join(dir, 'typed.xlsx')], out);
    const clean = checked(await validateWorkbook(await readFile(join(out, 'clean.xlsx')), index));
    expect(errors(clean.report)).toEqual([]);
    const typedBack = checked(await validateWorkbook(await readFile(join(out, 'typed.xlsx')), index));
    expect(errors(typedBack.report)).toEqual([
      [`Saisie!${cell}`, 'line_total_mismatch'],
      [`Saisie!${L('1.2.1.2', 'national')}`, 'funding_split_mismatch'],
    ]);
  });
});
