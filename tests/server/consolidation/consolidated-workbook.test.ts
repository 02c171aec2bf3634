// The consolidated workbook as a file: what the spec says is what the .xlsx holds, rebuilding gives
// the same bytes, text stays text, and LibreOffice computing the formulas finds PAC's numbers.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Activity,
  columnLetter,
  consolidate,
  consolidatedWorkbookSpec,
  type LatestReturn,
  type Line,
  moneyFromNumber,
  parseRange,
  type SubmissionLogEntry,
  type WorkbookSpec,
} from '#core';
import {
  buildConsolidatedXlsx,
  type ConsolidationInput,
  consolidationOf,
  dataTime,
} from '../../../server/consolidation/consolidated-workbook.ts';
import { streamWorkbookBuffer } from '../../../server/consolidation/stream-workbook.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { DEFAULT_ZIP_LIMITS, inflateEntry, listEntries } from '../../../server/xlsx/zip.ts';
import { blankLine, latest, pmLine } from '../../core/consolidation/returns.ts';
import { costed } from '../../core/fixtures/lines.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from '../xlsx/libreoffice.ts';
import { specCellsDiff } from '../xlsx/workbook-helpers.ts';

const index = shippedPlan();
const FORMULA_LIKE = ['=HYPERLINK("http://example.org","clic")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1:A9)'];

/**
 * Three ministries of the shipped plan: MARCC (lead of the joint 5.3.2.3, left blank), MRN (costs
 * it), MJDH; amounts with FCFA decimals and 0.1 + 0.2, PM lines, formula-looking comments.
 */
function returns(): LatestReturn[] {
  const lines = (ministry: string): Line[] =>
    index.activitiesOf(ministry).map((a: Activity, i) => {
      const row = 6 + i;
      if (a.code === '5.3.2.3')
        return ministry === 'MARCC' ? blankLine(row, a.code) : costed(row, a.code, { 2024: 12.5 });
      if (a.costNote === 'PM') return pmLine(row, a.code);
      return costed(
        row,
        a.code,
        { 2021: 0.1, 2022: 0.2, 2023: `${i}.00000${(i % 9) + 1}` },
        {
          national: `${i}`,
          comment: FORMULA_LIKE[i % 5] ?? null,
        },
      );
    });
  return [
    latest('MARCC', 2, lines('MARCC'), { state: 'accepted' }),
    latest('MRN', 1, lines('MRN')),
    latest('MJDH', 3, lines('MJDH'), { state: 'returned' }),
  ];
}

const LOG: SubmissionLogEntry[] = [
  {
    ministry: 'MARCC',
    version: 1,
    createdAt: '2024-03-01T08:00:00Z',
    tokenLabel: 'CPS MARCC',
    state: 'returned',
    errorCount: 0,
    warningCount: 3,
    reviewComment: '=À revoir',
    reviewedAt: '2024-03-01T12:00:00Z',
    reviewedBy: 'SP',
  },
  {
    ministry: 'MARCC',
    version: 2,
    createdAt: '2024-03-02T08:00:00Z',
    tokenLabel: 'CPS MARCC',
    state: 'accepted',
    errorCount: 0,
    warningCount: 0,
    reviewComment: null,
    reviewedAt: '2024-03-04T09:30:00Z',
    reviewedBy: 'SP',
  },
  {
    ministry: 'MRN',
    version: 1,
    createdAt: '2024-03-02T09:00:00Z',
    tokenLabel: 'CPS MRN',
    state: 'submitted',
    errorCount: 0,
    warningCount: 0,
  },
  {
    ministry: 'MJDH',
    version: 3,
    createdAt: '2024-03-03T09:00:00Z',
    tokenLabel: 'CPS MJDH',
    state: 'returned',
    errorCount: 0,
    warningCount: 0,
  },
];

const input = (): ConsolidationInput => ({ index, latest: returns(), log: LOG });

async function read(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

function specOf(lang: 'fr' | 'en' = 'fr'): WorkbookSpec {
  return consolidatedWorkbookSpec(consolidationOf(input()), index, {
    lang,
    generatedAt: dataTime(LOG),
    log: LOG,
  });
}

/** Cells covered by a merge but not its top-left one: ExcelJS reads the master's value there. */
function mergedSlaves(spec: WorkbookSpec): Set<string> {
  const out = new Set<string>();
  for (const sheet of spec.sheets)
    for (const range of sheet.merges) {
      const r = parseRange(range);
      if (!r) continue;
      for (let row = r.top; row <= r.bottom; row++)
        for (let col = r.left; col <= r.right; col++)
          if (row !== r.top || col !== r.left) out.add(`${sheet.name}!${columnLetter(col)}${row}`);
    }
  return out;
}

describe('buildConsolidatedXlsx', () => {
  let buf: Buffer;
  let wb: ExcelJS.Workbook;
  beforeAll(async () => {
    buf = await buildConsolidatedXlsx(input(), 'fr');
    wb = await read(buf);
  });

  it('writes exactly the cells of the spec, values and formulas', () => {
    const spec = specOf();
    const slaves = mergedSlaves(spec);
    const diffs = specCellsDiff(spec, wb).filter((d) => !slaves.has(d.split(':')[0] ?? ''));
    expect(diffs).toEqual([]);
  });

  it('gives the same bytes when rebuilt from the same data', async () => {
    const again = await buildConsolidatedXlsx(
      { ...input(), latest: returns().reverse(), log: [...LOG].reverse() },
      'fr',
    );
    expect(again.equals(buf)).toBe(true);
  });

  it('dates the workbook with its data, not the clock', () => {
    expect(dataTime(LOG)).toBe('2024-03-04T09:30:00Z');
    expect(wb.created.toISOString()).toBe('2024-03-04T09:30:00.000Z');
    const synthese = wb.getWorksheet('Synthèse');
    expect(String(synthese?.getCell('A2').value)).toContain('données au 2024-03-04T09:30:00Z');
  });

  it('writes formula-looking text from returns and reviews as text', () => {
    const found: string[] = [];
    for (const ws of wb.worksheets)
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && /^[=+\-@]/.test(cell.value)) {
            expect([cell.address, cell.type]).toEqual([cell.address, ExcelJS.ValueType.String]);
            found.push(cell.value);
          }
        }),
      );
    for (const text of [...FORMULA_LIKE, '=À revoir']) expect(found).toContain(text);
  });

  it('asks spreadsheets to recompute every formula on load', () => {
    const entries = listEntries(buf, DEFAULT_ZIP_LIMITS);
    const part = entries.find((e) => e.name === 'xl/workbook.xml');
    expect(part && inflateEntry(buf, part).toString('utf8')).toMatch(/<calcPr [^>]*fullCalcOnLoad="1"/);
  });

  it('names its sheets in English when asked', async () => {
    const en = await read(await buildConsolidatedXlsx(input(), 'en'));
    expect(en.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'Detail',
      'Findings',
      'Log',
      'MARCC',
      'MJDH',
      'MRN',
    ]);
  });
});

describe('streamWorkbookBuffer', () => {
  it('refuses what it cannot write rather than dropping it', async () => {
    const spec = specOf();
    const first = spec.sheets[0];
    if (!first) throw new Error('no sheet');
    first.protect = true;
    await expect(streamWorkbookBuffer(spec)).rejects.toThrow(/protection/);
  });
});

describe.skipIf(!hasLibreOffice())(`the consolidated workbook in LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  let wb: ExcelJS.Workbook;
  const c = consolidate(index, returns());

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-consolidated-'));
    const file = join(dir, 'consolidated.xlsx');
    writeFileSync(file, await buildConsolidatedXlsx(input(), 'fr'));
    const out = join(dir, 'out');
    await recalculate([file], out);
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, 'consolidated.xlsx'));
  }, 120_000);

  /** The computed value of a cell: a formula's result, or the value. */
  const value = (ws: ExcelJS.Worksheet, row: number, col: number): unknown => {
    const cell = ws.getCell(row, col);
    return cell.formula ? cell.result : cell.value;
  };
  const sheet = (name: string) => {
    const ws = wb.getWorksheet(name);
    if (!ws) throw new Error(`no sheet ${name}`);
    return ws;
  };
  const headerIndex = (ws: ExcelJS.Worksheet, row: number) => {
    const map = new Map<string, number>();
    ws.getRow(row).eachCell((cell, col) => {
      if (typeof cell.value === 'string' && !map.has(cell.value)) map.set(cell.value, col);
    });
    return map;
  };

  it("computes Synthèse's formulas to PAC's exact amounts, row by row", () => {
    const ws = sheet('Synthèse');
    const h = headerIndex(ws, 5);
    const col = (name: string) => h.get(name) ?? -1;
    const fields = ['2021', '2022', '2023', '2024', '2025', 'TOTAL', 'Budget national', 'Extérieur'];
    const rows = [...c.rows, { ...c.total, pillarName: 'TOTAL', ministry: null }];
    rows.forEach((r, i) => {
      const row = 6 + i;
      const exact = [
        ...index.years.map((y) => r.amounts.years[y]),
        r.amounts.total,
        r.amounts.national,
        r.amounts.external,
      ];
      const computed = fields.map((f) => moneyFromNumber(value(ws, row, col(f)) as number));
      const pac = fields.map((f) => moneyFromNumber(value(ws, row, col(`${f} (PAC)`)) as number));
      expect([row, computed]).toEqual([row, exact]);
      expect([row, pac]).toEqual([row, exact]);
      expect([row, value(ws, row, col('Activités PM')), value(ws, row, col('Sans ligne chiffrée'))]).toEqual([
        row,
        r.counts.pm,
        r.counts.notFilled + r.counts.noLine,
      ]);
      expect([row, value(ws, row, col('Concordance'))]).toEqual([row, 'OK']);
      const gap = r.gap?.total;
      expect([row, value(ws, row, col('Écart au TOTAL')) ?? '']).toEqual([
        row,
        gap ? Number(gap.amount) / 1e6 : '',
      ]);
    });
  });

  it('finds the same agreement on the pillar rows, on Détail and on every ministry sheet', () => {
    const ws = sheet('Synthèse');
    const col = headerIndex(ws, 5).get('Concordance') ?? -1;
    for (let row = 15; row < 15 + c.byPillar.length; row++)
      expect([row, value(ws, row, col)]).toEqual([row, 'OK']);
    for (const name of ['Détail', 'MARCC', 'MRN', 'MJDH']) {
      const s = sheet(name);
      const agreements: unknown[] = [];
      s.eachRow((row, r) => {
        row.eachCell((cell) => {
          if (cell.formula?.startsWith('IF(SUMPRODUCT')) agreements.push([r, value(s, r, Number(cell.col))]);
        });
      });
      expect(agreements.length).toBe(1);
      expect((agreements[0] as unknown[])[1]).toBe('OK');
    }
  });
});
