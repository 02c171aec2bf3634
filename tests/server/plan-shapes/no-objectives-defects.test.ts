// The reader on a plan without OS level, in thousands of FCFA (codes pillar.result.activity,
// subtotal rows "R 1.1"): a filled whole-plan template edited the ways people edit — rows sorted
// across results by LibreOffice (one rows_reordered error), sorted within one result (accepted), a
// value typed over a result's subtotal (compared, at its cell, in thousands), its formula's range
// shrunk (worked out from the file and compared) — each found at its cell, as on the PNLEVT.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CodeLevels,
  columnLetter,
  entryColumns,
  type Finding,
  indexPlan,
  messageOf,
  Plan,
  planWords,
} from '#core';
import { validateWorkbook } from '../../../server/returns/validate-file.ts';
import { editWorkbook, filledTemplate } from '../../fixtures/filled-template.ts';
import {
  type EditOp,
  editWithLibreOffice,
  hasLibreOfficeUno,
  NEEDS_LIBREOFFICE_UNO,
} from '../../fixtures/libreoffice-edit.ts';
import { thousandsPlan } from '../../fixtures/plan-workbooks.ts';

const index = indexPlan(Plan.parse(thousandsPlan()));
const words = planWords(index.plan);
const levels: CodeLevels = words;
const E = 'Saisie';

/** The 1-based row of column A's text on the entry sheet of the template. */
function rowOf(cells: (readonly unknown[])[], text: string): number {
  const i = cells.findIndex((r) => r[0] === text);
  if (i < 0) throw new Error(`no row ${text}`);
  return i + 1;
}

const column = (key: string) =>
  columnLetter(entryColumns(index.years).find((c) => c.key === key)?.index ?? -1);

async function errorsOf(bytes: Uint8Array): Promise<{ places: string[][]; findings: Finding[] }> {
  const checked = await validateWorkbook(bytes, index);
  if (checked.kind !== 'checked') throw new Error(JSON.stringify(checked.problem));
  const findings = checked.report.findings.filter((f) => f.severity === 'error');
  return { places: findings.map((f) => [`${f.where.sheet}!${f.where.cell}`, f.code]), findings };
}

let base: { cells: (readonly unknown[])[]; bytes: Buffer };

beforeAll(async () => {
  const { spec, bytes } = await filledTemplate(index, { ministry: null });
  const entry = spec.sheets.find((s) => s.key === 'entry');
  base = { cells: entry?.cells ?? [], bytes };
});

describe('a filled template of a plan without OS level', () => {
  it('has result subtotals under their pillars and is read without an error', async () => {
    expect(levels.objectives).toBe(false);
    const labels = base.cells.map((r) => String(r[0] ?? '')).filter((t) => /^(Pilier|OS|R) /.test(t));
    expect(labels.slice(0, 4)).toEqual(['Pilier 1', 'R 1.1', 'R 1.2', 'R 1.3']);
    expect((await errorsOf(base.bytes)).places).toEqual([]);
  });

  it('compares a value typed over a result’s subtotal with its lines, at its cell, in thousands', async () => {
    const row = rowOf(base.cells, 'R 1.2');
    const cell = `${column('total')}${row}`;
    const edited = await editWorkbook(base.bytes, (wb) => {
      const c = wb.getWorksheet(E)?.getCell(cell);
      if (c) c.value = 1;
    });
    const { places, findings } = await errorsOf(edited);
    // A value is no SUBTOTAL: the pillar's and the grand total's rows now count it too.
    const pillar = `${column('total')}${rowOf(base.cells, 'Pilier 1')}`;
    const total = `${column('total')}${rowOf(base.cells, 'TOTAL')}`;
    expect(places).toEqual([
      [`${E}!${pillar}`, 'subtotal_mismatch'],
      [`${E}!${cell}`, 'subtotal_mismatch'],
      [`${E}!${total}`, 'subtotal_mismatch'],
    ]);
    const result = findings[1] as Finding;
    expect(result.params).toMatchObject({ level: 'result', key: '1.2', field: 'total' });
    const fr = messageOf(result, 'fr', words);
    expect(fr).toMatch(/^Sous-total du résultat 1\.2 \(Total\) : ses activités totalisent .* milliers FCFA/);
    expect(fr).not.toMatch(/million/);
    expect(messageOf(result, 'en', words)).toMatch(/thousand FCFA/);
  });

  it('works out a result subtotal from its formula as the file has it, and compares it', async () => {
    const row = rowOf(base.cells, 'R 2.1');
    const cell = `${column('national')}${row}`;
    const edited = await editWorkbook(base.bytes, (wb) => {
      const c = wb.getWorksheet(E)?.getCell(cell);
      // Still a SUBTOTAL (so the pillar's row skips it), over one line instead of the block.
      if (c)
        c.value = {
          formula: `SUBTOTAL(9,${column('national')}${row + 1}:${column('national')}${row + 1})`,
        };
    });
    // The range shrank to one line: the printed value leaves the other out of the result's total.
    expect((await errorsOf(edited)).places).toEqual([[`${E}!${cell}`, 'subtotal_mismatch']]);
  });

  describe.skipIf(!hasLibreOfficeUno())(`rows sorted by LibreOffice (${NEEDS_LIBREOFFICE_UNO})`, () => {
    let sorted: Buffer[] = [];
    beforeAll(async () => {
      const first = rowOf(base.cells, 'Pilier 1') + 1;
      const total = rowOf(base.cells, 'TOTAL');
      const r11 = rowOf(base.cells, 'R 1.1');
      const ops: EditOp[][] = [
        // By title, descending, across the whole sheet: activities leave their result's rows.
        [{ op: 'sort', sheet: E, rows: [first, total - 1], column: 1, ascending: false }],
        // Within result 1.1 only: every subtotal still adds up its own activities.
        [{ op: 'sort', sheet: E, rows: [r11 + 1, r11 + 2], column: 1, ascending: false }],
      ];
      sorted = await editWithLibreOffice(ops.map((o) => ({ bytes: base.bytes, ops: o })));
    }, 240_000);

    it('reports rows sorted across results as one rows_reordered error', async () => {
      const { places, findings } = await errorsOf(sorted[0] as Buffer);
      expect(places.map(([, code]) => code)).toEqual(['rows_reordered']);
      const f = findings[0];
      expect(f?.code === 'rows_reordered' && f.params.count).toBeGreaterThan(1);
    });

    it('accepts rows sorted within their result', async () => {
      expect((await errorsOf(sorted[1] as Buffer)).places).toEqual([]);
    });
  });
});
