// The legacy import: a faithful copy of the plan document's section IV maps every activity; the
// variants ministries produce (their own subset, unknown codes, garbled costs, a no-break space
// after a code, a title that is another activity's) are imported or refused row by row, with the
// reason; the written template carries the cost rule in numbers and in words, and passes its checks.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  type Activity,
  describeLine,
  entryColumns,
  type LegacyLine,
  leadingCode,
  MILLION,
  type PlanIndex,
  resultCodeOf,
} from '#core';
import { importLegacy } from '../../../server/legacy/import-legacy.ts';
import { readLegacyWorkbook } from '../../../server/legacy/read-legacy.ts';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { validateWorkbook } from '../../../server/returns/validate-file.ts';
import { safeOpen } from '../../../server/xlsx/safe-open.ts';
import { type LegacyBuildOptions, legacyWorkbook } from '../../fixtures/legacy-builder.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from '../xlsx/libreoffice.ts';

const index = shippedPlan();
const activity = (code: string): Activity => {
  const a = index.activity(code);
  if (!a) throw new Error(code);
  return a;
};

async function read(opts: LegacyBuildOptions = {}, ministry: string | null = null) {
  const opened = await safeOpen(await legacyWorkbook(index, opts));
  if (!opened.ok) throw new Error(opened.problem.code);
  const reading = readLegacyWorkbook(opened.workbook, index, { ministry });
  if (!reading) throw new Error('no legacy table');
  return reading;
}

const lineOf = (lines: readonly LegacyLine[], code: string) => lines.find((l) => l.activity?.code === code);
const rowOf = (lines: readonly LegacyLine[], asRead: string) =>
  lines.find((l) => l.source.codeAsRead === asRead);

describe('a faithful copy of section IV', () => {
  it.each(['one', 'per-pillar'] as const)('maps all 103 activities (%s sheet layout)', async (sheets) => {
    const { tables, mapping } = await read({ sheets });
    expect(tables).toHaveLength(5);
    expect(mapping.lines.filter((l) => l.skipped)).toEqual([]);
    expect(mapping.missing).toEqual([]);
    expect(mapping.lines.map((l) => l.activity?.code)).toEqual(index.plan.activities.map((a) => a.code));
  });

  it('settles the twice-printed 4.2.3.1 by its result, and reads "2.1.1. 1." as 2.1.1.1', async () => {
    const { mapping } = await read();
    const printedTwice = mapping.lines.filter((l) => l.source.code === '4.2.3.1');
    expect(printedTwice.map((l) => [l.source.result?.code, l.activity?.code])).toEqual([
      ['4.2.1', '4.2.1.1'],
      ['4.2.3', '4.2.3.1'],
    ]);
    expect(printedTwice[0]?.notes).toEqual([{ code: 'renumbered', result: '4.2.1' }]);
    expect(lineOf(mapping.lines, '2.1.1.1')?.source.codeAsRead).toBe('2.1.1. 1.');
    // The result printed without its code (2.1.3) is known by its title.
    expect(lineOf(mapping.lines, activity('2.2.5.1').code)?.source.result?.code).toBe('2.1.3');
  });

  it('reads costs as printed: text with spaces, numbers, PM, blank; X and x marks', async () => {
    const { mapping } = await read();
    // 1.1.2.2 costs "1 500" in the document, over 2021–2025.
    const spaced = index.plan.activities.find((a) => a.costAsWritten.includes(' '));
    expect(spaced).toBeDefined();
    const s = lineOf(mapping.lines, spaced?.code ?? '');
    expect(s?.cost).toMatchObject({ kind: 'split', cost: BigInt(spaced?.cost ?? 0) * MILLION });
    expect(lineOf(mapping.lines, '4.2.1.1')?.cost).toEqual({ kind: 'pm' });
    expect(lineOf(mapping.lines, '1.1.2.3')?.cost).toEqual({ kind: 'blank' });
    // The builder writes a lower-case x on every 7th activity: their years are read all the same.
    for (const l of mapping.lines) expect(l.execution).toEqual(l.activity?.years);
  });
});

describe('the variants ministries keep', () => {
  it('a ministry’s own copy imports its activities, joint ones included', async () => {
    const mine = (a: Activity) => index.ministriesOf(a).includes('MJDH');
    const { mapping } = await read({ only: mine }, 'MJDH');
    expect(mapping.lines.map((l) => l.activity?.code)).toEqual(index.activitiesOf('MJDH').map((a) => a.code));
    expect(mapping.missing).toEqual([]);
  });

  it('with --ministry, another ministry’s rows are out of scope, not imported', async () => {
    const { mapping } = await read({}, 'MRN');
    const others = mapping.lines.filter((l) => l.skipped?.code === 'not_ministry');
    expect(others).toHaveLength(103 - index.activitiesOf('MRN').length);
    expect(others[0]?.skipped).toEqual({ code: 'not_ministry', responsible: 'MARCC', ministry: 'MRN' });
  });

  it('reports unknown codes, rows without a code and repeated activities, and imports the rest', async () => {
    const cells = (activityText: string, cost: string | number | null = 10) => ({
      activity: activityText,
      alignment: null,
      cost,
      responsible: 'MJDH',
      partners: '',
      marks: ['X', null, null, null, null],
    });
    const { mapping } = await read({
      extra: [
        { after: '1.1.1.3', cells: cells('9.9.9.9. Activité ajoutée par le ministère') },
        { after: '1.1.1.3', cells: cells('Appui aux comités locaux', 25) },
        { after: '1.1.2.1', cells: cells(`1.1.1.1. ${activity('1.1.1.1').title}`) },
      ],
    });
    expect(mapping.lines.filter((l) => l.skipped).map((l) => [l.source.codeAsRead, l.skipped?.code])).toEqual(
      [
        ['9.9.9.9.', 'unknown_code'],
        [null, 'no_code'],
        ['1.1.1.1.', 'duplicate'],
      ],
    );
    expect(mapping.lines.filter((l) => l.activity)).toHaveLength(103);
  });

  it('reads a code followed by a no-break space, and checks each title against its code', async () => {
    const { mapping } = await read({
      edit: (c, a) => {
        if (a.code === '1.1.1.1') return { ...c, activity: `1.1.1.1.\u00a0${a.title}` };
        // 1.1.1.2's row carries 1.1.1.3's title: which one is meant cannot be known.
        if (a.code === '1.1.1.2') return { ...c, activity: `1.1.1.2. ${activity('1.1.1.3').title}` };
        // Reworded: matches no activity, so the code stands, with a note.
        if (a.code === '1.1.2.1') return { ...c, activity: '1.1.2.1. Former les communautés exposées' };
        return c;
      },
    });
    expect(lineOf(mapping.lines, '1.1.1.1')?.notes).toEqual([]);
    expect(rowOf(mapping.lines, '1.1.1.2.')?.skipped).toEqual({ code: 'title_conflict', other: '1.1.1.3' });
    expect(lineOf(mapping.lines, '1.1.2.1')?.notes).toEqual([
      { code: 'title_mismatch', planTitle: activity('1.1.2.1').title },
    ]);
  });

  it('keeps garbled costs out of the amounts and says why', async () => {
    const costs: Record<string, string | { formula: string }> = {
      '1.1.1.1': '1.500',
      '1.1.1.2': 'deux cents',
      '1.1.1.3': '=1500+200',
      '1.1.2.1': { formula: 'SUM(H20:L20)' },
      '1.1.2.2': { formula: '700+800' },
    };
    const { mapping } = await read({
      edit: (c, a) => {
        const cost = costs[a.code];
        if (a.code === '1.3.1.1') return { ...c, marks: ['oui', ...c.marks.slice(1)] };
        return cost === undefined ? c : { ...c, cost };
      },
    });
    expect(
      ['1.1.1.1', '1.1.1.2', '1.1.1.3', '1.1.2.1'].map((code) => lineOf(mapping.lines, code)?.cost.kind),
    ).toEqual(['ambiguous', 'unreadable', 'unreadable', 'formula']);
    // A formula of constants is a value typed the long way.
    expect(lineOf(mapping.lines, '1.1.2.2')?.cost).toMatchObject({ kind: 'split', cost: 1500n * MILLION });
    expect(lineOf(mapping.lines, '1.3.1.1')?.notes).toEqual([
      { code: 'mark_unreadable', year: 2021, text: 'oui' },
    ]);
  });
});

describe('what the report says, row by row', () => {
  it('words each outcome in French and in English', async () => {
    const { mapping } = await read({
      extra: [
        {
          after: '1.1.1.3',
          cells: {
            activity: '9.9.9.9 Inventée',
            alignment: null,
            cost: 5,
            responsible: '',
            partners: '',
            marks: [],
          },
        },
      ],
    });
    const shown = (code: string, lang: 'fr' | 'en') => {
      const l = lineOf(mapping.lines, code) ?? rowOf(mapping.lines, code);
      return l ? describeLine(l, lang) : '';
    };
    expect(shown('1.1.1.3', 'fr')).toMatchInlineSnapshot(
      `"Plan d'action 2021-2025!C8 (1.1.1.3.) → 1.1.1.3 : coût 5 000 millions FCFA réparti à parts égales sur 2022, 2023, 2024 et 2025 (1 250 par an)."`,
    );
    expect(shown('4.2.1.1', 'en')).toMatchInlineSnapshot(
      `"Plan d'action 2021-2025!C105 (4.2.3.1) → 4.2.1.1: PM (pour mémoire, not costed). Printed code 4.2.3.1: it is activity 4.2.1.1 of the plan (result 4.2.1)."`,
    );
    expect(shown('9.9.9.9', 'fr')).toMatchInlineSnapshot(
      `"Plan d'action 2021-2025!C9 (9.9.9.9) : non importée — le code 9.9.9.9 n'est pas une activité du plan."`,
    );
    expect(shown('1.1.2.3', 'fr')).toMatchInlineSnapshot(
      `"Plan d'action 2021-2025!C12 (1.1.2.3.) → 1.1.2.3 : coût absent du tableau : ligne à compléter."`,
    );
  });
});

/** Cell values of the written entry sheet, by activity code and column key. */
async function written(bytes: Buffer, idx: PlanIndex) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('Saisie');
  if (!ws) throw new Error('no Saisie');
  const columns = new Map<string, number>(entryColumns(idx.years).map((c) => [c.key, c.index + 1]));
  const rows = new Map<string, number>();
  ws.eachRow((row, r) => {
    const a = row.getCell(1).value;
    if (typeof a === 'string') rows.set(a, r);
  });
  return (code: string, key: string) => ws.getCell(rows.get(code) ?? 0, columns.get(key) ?? 0);
}

describe('the written template', () => {
  it('holds the imported values, splits costs evenly to the FCFA, says so, and passes its checks', async () => {
    const costs: Record<string, string> = { '1.1.1.3': '=1500+200' };
    const bytes = await legacyWorkbook(index, {
      edit: (c, a) => (costs[a.code] === undefined ? c : { ...c, cost: costs[a.code] ?? null }),
    });
    const result = await importLegacy(bytes, index, {
      ministry: null,
      lang: 'fr',
      generatedAt: '2024-01-01T00:00:00Z',
    });
    if (result.kind !== 'imported') throw new Error(result.problem.code);
    const cell = await written(result.file, index);

    // 1.1.1.1: 500 over 2021–2025 → 100 a year.
    expect([2021, 2022, 2023, 2024, 2025].map((y) => cell('1.1.1.1', `year:${y}`).value)).toEqual([
      100, 100, 100, 100, 100,
    ]);
    expect(cell('1.1.1.1', 'nature').value).toBe('Chiffré');
    expect(cell('1.1.1.1', 'comment').value).toBe(
      'Importé du tableau au format du plan : coût 500 millions FCFA réparti à parts égales sur 2021, 2022, 2023, 2024 et 2025 (100 par an). Répartition automatique, à ajuster par année.',
    );
    // A cost that does not divide evenly: the remainder goes on the last marked year, to the FCFA.
    const uneven = index.plan.activities.find(
      (a) =>
        a.cost !== null && a.years.length > 1 && (BigInt(a.cost) * MILLION) % BigInt(a.years.length) !== 0n,
    );
    if (uneven) {
      const values = uneven.years.map((y) => Math.round(Number(cell(uneven.code, `year:${y}`).value) * 1e6));
      expect(values.reduce((a, b) => a + b, 0)).toBe((uneven.cost ?? 0) * 1e6);
      expect(new Set(values.slice(0, -1)).size).toBe(1);
    }
    expect(cell('4.2.1.1', 'nature').value).toBe('PM');
    expect(cell('4.2.1.1', 'comment').value).toBeNull();
    // Text that looks like a formula stays text.
    const garbled = cell('1.1.1.3', 'comment');
    expect(garbled.formula).toBeUndefined();
    expect(garbled.value).toBe(
      'Importé du tableau au format du plan : coût illisible « =1500+200 » : à saisir dans le modèle.',
    );
    expect(cell('1.1.1.3', 'year:2022').value).toBeNull();

    if (result.validation.kind !== 'checked') throw new Error('unusable');
    const { report } = result.validation;
    expect(report.findings.filter((f) => f.severity === 'error').map((f) => [f.where.cell, f.code])).toEqual(
      [],
    );
    expect(Object.keys(report.stats.byCode).sort()).toEqual(['envelope_gap', 'line_not_filled']);
  });

  it('is the ministry’s template with --ministry, and validates as the ministry’s return', async () => {
    const bytes = await legacyWorkbook(index, { only: (a) => index.ministriesOf(a).includes('MSPC') });
    const result = await importLegacy(bytes, index, {
      ministry: 'MSPC',
      lang: 'en',
      generatedAt: '2024-01-01T00:00:00Z',
    });
    if (result.kind !== 'imported' || result.validation.kind !== 'checked') throw new Error('not imported');
    expect(result.validation.meta).toMatchObject({ ministry: 'MSPC', lang: 'en' });
    expect(result.validation.report.stats.errors).toBe(0);
    expect(result.validation.parsed.lines).toHaveLength(index.activitiesOf('MSPC').length);
  });

  it('is refused when the workbook holds no table in the plan’s layout', async () => {
    const template = (await import('node:fs')).readFileSync('templates/xlsx/pac-modele-MJDH.xlsx');
    const result = await importLegacy(template, index, {
      ministry: null,
      lang: 'fr',
      generatedAt: '2024-01-01T00:00:00Z',
    });
    expect(result).toEqual({ kind: 'unusable', problem: { code: 'legacy_table_missing', params: {} } });
  });
});

describe('validating a legacy sheet directly', () => {
  it('reports each row it cannot take as a finding, so that an upload is refused with it', async () => {
    const extra = (after: string, activityText: string) => ({
      after,
      cells: {
        activity: activityText,
        alignment: null,
        cost: 10,
        responsible: 'MARCC',
        partners: '',
        marks: ['X'],
      },
    });
    const bytes = await legacyWorkbook(index, {
      only: (a) => a.responsible === 'MARCC',
      extra: [
        extra('1.1.1.2', '9.9.9.9. Activité ajoutée'),
        extra('1.1.1.3', `1.1.1.1. ${activity('1.1.1.1').title}`),
      ],
    });
    const result = await validateWorkbook(bytes, index, { ministry: 'MARCC' });
    if (result.kind !== 'checked') throw new Error(result.problem.code);
    expect(result.report.valid).toBe(false);
    expect(
      result.report.findings
        .filter((f) => f.code === 'legacy_row_not_mapped')
        .map((f) => [f.where.cell, f.params]),
    ).toEqual([
      ['C8', { code: '9.9.9.9', title: 'Activité ajoutée', reason: 'unknown_code', related: [] }],
      [
        'C10',
        {
          code: '1.1.1.1',
          title: activity('1.1.1.1').title,
          reason: 'duplicate',
          related: ["Plan d'action 2021-2025!C6"],
        },
      ],
    ]);
  });

  it('does not count another ministry’s rows against the ministry checking the sheet', async () => {
    const result = await validateWorkbook(await legacyWorkbook(index), index, { ministry: 'MJS' });
    if (result.kind !== 'checked') throw new Error(result.problem.code);
    expect(result.report.stats.byCode.legacy_row_not_mapped).toBeUndefined();
    expect(result.parsed.lines.map((l) => l.activity)).toEqual(index.activitiesOf('MJS').map((a) => a.code));
  });

  it('maps it first and checks the same values the import would write', async () => {
    const result = await validateWorkbook(await legacyWorkbook(index), index);
    if (result.kind !== 'checked') throw new Error(result.problem.code);
    expect(result.layout).toBe('legacy');
    expect(result.parsed.lines).toHaveLength(103);
    expect(result.report.stats.errors).toBe(0);
    // Findings point at the legacy sheet's own cells.
    expect(result.report.findings.find((f) => f.code === 'line_not_filled')?.where).toMatchObject({
      sheet: "Plan d'action 2021-2025",
      cell: 'E11',
      activity: '1.1.2.3',
    });
  });
});

describe('reading codes and results', () => {
  it.each([
    ['1.1.1.1. Réaliser des études', '1.1.1.1', 'Réaliser des études'],
    ['1.1.1.1 Réaliser', '1.1.1.1', 'Réaliser'],
    ['2.1.1.\u00a01. Réaliser', '2.1.1.1', 'Réaliser'],
    ['2.1.1. 1. Réaliser', '2.1.1.1', 'Réaliser'],
    ['4.2.3.1\u00a0Former', '4.2.3.1', 'Former'],
    ['1.1.1.10. Dix', '1.1.1.10', 'Dix'],
  ])('%j → %s', (text, code, rest) => {
    expect(leadingCode(text)).toMatchObject({ code, rest });
  });

  it('takes no code from a title that starts with a number', () => {
    expect(leadingCode('5 ateliers régionaux')).toBeNull();
    expect(leadingCode('2021-2025 : programme')).toBeNull();
  });

  it.each([
    ['Résultat 1.1.1. Les facteurs', '1.1.1'],
    ['R 2.1.1. L’évaluation', '2.1.1'],
    ['R 3.1.1 Les textes', '3.1.1'],
    ['Résultats attendus 5.4.1 :', '5.4.1'],
    ['La coordination est renforcée', null],
  ])('result %j → %s', (text, code) => {
    expect(resultCodeOf(text)).toBe(code);
  });
});

describe.skipIf(!hasLibreOffice())(`a legacy copy saved again by LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
  it('still maps every activity', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pac-legacy-lo-'));
    writeFileSync(join(dir, 'legacy.xlsx'), await legacyWorkbook(index));
    await recalculate([join(dir, 'legacy.xlsx')], join(dir, 'out'));
    const opened = await safeOpen(readFileSync(join(dir, 'out', 'legacy.xlsx')));
    if (!opened.ok) throw new Error(opened.problem.code);
    const reading = readLegacyWorkbook(opened.workbook, index, { ministry: null });
    expect(reading?.mapping.lines.filter((l) => l.activity)).toHaveLength(103);
    expect(reading?.mapping.lines.filter((l) => l.skipped)).toEqual([]);
  });
});
