// The entry sheet ⇄ typed lines, and JSON returns → typed lines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CellValue,
  columnIndex,
  type EntryLineInput,
  entryHeaderValues,
  entryRowValues,
  flattenFindings,
  type Grid,
  type Lang,
  type Line,
  linesFromJson,
  type Money,
  moneyFromDecimal,
  moneyToNumber,
  normaliseText,
  parsedReturnFromJson,
  ReturnDocument,
  readEntryGrid,
  rollupOf,
} from '#core';

const YEARS = [2021, 2022, 2023, 2024, 2025];
// A code, B title, C result, D responsible, E plan cost, F nature, G–K years, L total,
// M national, N external, O–S marks (AN I–AN V), T comment.
const COL = {
  A: 0,
  B: 1,
  E: 4,
  F: 5,
  G: 6,
  H: 7,
  I: 8,
  K: 10,
  L: 11,
  M: 12,
  N: 13,
  O: 14,
  P: 15,
  S: 18,
  T: 19,
};

const m = (decimal: string): Money => {
  const v = moneyFromDecimal(decimal);
  if (v === null) throw new Error(decimal);
  return v;
};

/** Title rows, group headers on row 4, column headers on row 5, then `data` from row 6. */
function entryGrid(data: CellValue[][], lang: Lang = 'fr', years = YEARS): Grid {
  const { groups, headers } = entryHeaderValues(years, lang);
  return { sheet: 'Saisie', rows: [['PNLEVT — Saisie'], ['Ministère : MSPC'], [], groups, headers, ...data] };
}

/** A data row with the given cells set by column letter. */
function row(cells: Record<string, CellValue>): CellValue[] {
  const r: CellValue[] = [];
  for (const [letters, value] of Object.entries(cells)) r[columnIndex(letters)] = value;
  return r;
}

const core = (l: Line) => ({
  activity: l.activity,
  nature: l.nature,
  years: l.years,
  total: l.total,
  national: l.national,
  external: l.external,
  execution: l.execution,
  comment: l.comment,
});

describe('readEntryGrid', () => {
  it('reads a line with exact amounts, marks, comment and the cell of every field', () => {
    const grid = entryGrid([
      row({ A: 'Pilier 1', B: 'Prévention' }),
      row({
        A: ' 1.1.1.1. ',
        B: 'Appui',
        E: 300,
        F: 'Chiffré',
        G: 100.1,
        H: '1\u202f00',
        I: 0.2,
        L: 300.3,
        M: 200,
        N: 100.3,
        O: 'X',
        P: 'x',
        T: '  à  revoir\n',
      }),
    ]);
    const r = readEntryGrid(grid, YEARS);
    expect(flattenFindings(r.findings)).toEqual([['Saisie!H7', 'unreadable_number']]);
    expect(r.lines).toHaveLength(1);
    const line = r.lines[0] as Line;
    expect(core(line)).toEqual({
      activity: '1.1.1.1',
      nature: 'costed',
      years: { 2021: m('100.1'), 2022: null, 2023: m('0.2'), 2024: null, 2025: null },
      total: m('300.3'),
      national: m('200'),
      external: m('100.3'),
      execution: [2021, 2022],
      comment: 'à revoir',
    });
    expect(line.unreadable).toEqual(['year:2022']);
    expect(line.index).toBe(0);
    expect(line.sheet).toBe('Saisie');
    expect(line.cells).toEqual({
      activity: 'A7',
      nature: 'F7',
      'year:2021': 'G7',
      'year:2022': 'H7',
      'year:2023': 'I7',
      'year:2024': 'J7',
      'year:2025': 'K7',
      total: 'L7',
      national: 'M7',
      external: 'N7',
      'mark:2021': 'O7',
      'mark:2022': 'P7',
      'mark:2023': 'Q7',
      'mark:2024': 'R7',
      'mark:2025': 'S7',
      comment: 'T7',
    });
    expect(r.subtotals).toEqual([
      {
        level: 'pillar',
        key: '1',
        amounts: {
          years: { 2021: null, 2022: null, 2023: null, 2024: null, 2025: null },
          total: null,
          national: null,
          external: null,
        },
        sheet: 'Saisie',
        cells: {
          activity: 'A6',
          'year:2021': 'G6',
          'year:2022': 'H6',
          'year:2023': 'I6',
          'year:2024': 'J6',
          'year:2025': 'K6',
          total: 'L6',
          national: 'M6',
          external: 'N6',
        },
        unreadable: [],
      },
    ]);
  });

  it('reports numbers typed or pasted as text, as the sheet leaves them out of its totals', () => {
    const r = readEntryGrid(
      entryGrid([
        row({
          A: '1.1.1.1',
          F: 'Chiffré',
          G: '1 500',
          H: '2\u00a0000',
          I: '1.500,5',
          J: ' 12 ',
          K: 7,
          M: '3\u202f500',
        }),
      ]),
      YEARS,
    );
    expect(flattenFindings(r.findings)).toEqual([
      ['Saisie!G6', 'amount_as_text'],
      ['Saisie!H6', 'amount_as_text'],
      ['Saisie!I6', 'amount_as_text'],
      ['Saisie!J6', 'amount_as_text'],
      ['Saisie!M6', 'amount_as_text'],
    ]);
    expect(r.findings.map((f) => [f.severity, f.params, f.where.field, f.where.activity])).toEqual([
      ['error', { text: '1 500', value: '1500' }, 'year:2021', '1.1.1.1'],
      ['error', { text: '2\u00a0000', value: '2000' }, 'year:2022', '1.1.1.1'],
      ['error', { text: '1.500,5', value: '1500.5' }, 'year:2023', '1.1.1.1'],
      ['error', { text: '12', value: '12' }, 'year:2024', '1.1.1.1'],
      ['error', { text: '3\u202f500', value: '3500' }, 'national', '1.1.1.1'],
    ]);
    const line = r.lines[0] as Line;
    expect(line.years).toEqual({ 2021: null, 2022: null, 2023: null, 2024: null, 2025: m('7') });
    expect(line.unreadable).toEqual(['year:2021', 'year:2022', 'year:2023', 'year:2024', 'national']);
  });

  it('reports error values where an amount belongs', () => {
    const r = readEntryGrid(
      entryGrid([row({ A: '1.1.1.1', G: '#REF!', N: '#VALUE!', L: '#DIV/0!' })]),
      YEARS,
    );
    expect(flattenFindings(r.findings)).toEqual([
      ['Saisie!G6', 'error_value'],
      ['Saisie!L6', 'error_value'],
      ['Saisie!N6', 'error_value'],
    ]);
    expect(r.findings.map((f) => f.params)).toEqual([
      { value: '#REF!' },
      { value: '#DIV/0!' },
      { value: '#VALUE!' },
    ]);
  });

  it('points year 2023 of row 12 at I12', () => {
    const data: CellValue[][] = Array.from({ length: 6 }, () => []);
    data.push(row({ A: '1.1.1.1', I: 'abc' }));
    const r = readEntryGrid(entryGrid(data), YEARS);
    expect(r.lines[0]?.cells['year:2023']).toBe('I12');
    expect(flattenFindings(r.findings)).toEqual([['Saisie!I12', 'unreadable_number']]);
    expect(r.findings[0]).toMatchObject({ severity: 'error', params: { text: 'abc' }, actual: 'abc' });
  });

  it('reports ambiguous numbers with both readings and sets the field aside', () => {
    const r = readEntryGrid(entryGrid([row({ A: '1.1.1.1', G: '1.500' })]), YEARS);
    expect(r.findings).toEqual([
      {
        code: 'ambiguous_number',
        severity: 'error',
        where: { sheet: 'Saisie', cell: 'G6', activity: '1.1.1.1', field: 'year:2021' },
        params: { text: '1.500', asThousands: '1500', asDecimal: '1.5' },
        actual: '1.500',
      },
    ]);
    expect(r.lines[0]?.years[2021]).toBeNull();
    expect(r.lines[0]?.unreadable).toEqual(['year:2021']);
  });

  it('reads "PM" in an amount cell as the nature when none is given, and as an error on a costed line', () => {
    const r = readEntryGrid(
      entryGrid([
        row({ A: '1.1.1.1', G: 'PM' }),
        row({ A: '1.1.1.2', F: 'Chiffré', L: 'p.m.' }),
        row({ A: '1.1.1.3', F: 'PM', G: 5 }),
        row({ A: '1.1.1.4', F: 'peut-être', G: 'PM' }),
      ]),
      YEARS,
    );
    expect(r.lines.map((l) => l.nature)).toEqual(['pm', 'costed', 'pm', null]);
    expect(r.lines[0]?.years[2021]).toBeNull();
    expect(r.lines[2]?.years[2021]).toBe(m('5'));
    expect(flattenFindings(r.findings)).toEqual([
      ['Saisie!L7', 'pm_in_costed_amount'],
      ['Saisie!F9', 'unreadable_nature'],
    ]);
    expect(r.lines[1]?.unreadable).toEqual(['total']);
    expect(r.lines[3]?.unreadable).toEqual(['nature']);
  });

  it('reports an X typed in an amount cell, a bad mark (warning) and a bad nature (error)', () => {
    const r = readEntryGrid(entryGrid([row({ A: '1.1.1.1', F: 'oui', H: 'x', O: 'oui', S: true })]), YEARS);
    expect(flattenFindings(r.findings)).toEqual([
      ['Saisie!F6', 'unreadable_nature'],
      ['Saisie!H6', 'unreadable_number'],
      ['Saisie!O6', 'unreadable_mark'],
    ]);
    expect(r.findings.map((f) => [f.severity, f.params])).toEqual([
      ['error', { text: 'oui' }],
      ['error', { text: 'x' }],
      ['warning', { text: 'oui' }],
    ]);
    expect(r.lines[0]?.execution).toEqual([2025]);
    expect(r.lines[0]?.unreadable).toEqual(['nature', 'year:2022', 'mark:2021']);
  });

  it('skips empty rows and headings, keeps lines without a code or with unknown text', () => {
    const r = readEntryGrid(
      entryGrid([
        [],
        row({ B: 'Titre de section', C: 'R 1.1.1', E: 12 }),
        row({ A: '  ', G: '  ', T: '\u00a0' }),
        row({ G: 10 }),
        row({ A: 'Activité sans code' }),
        row({ A: 'R 1.1.1.1', T: 'vu' }),
        [undefined, null, false],
      ]),
      YEARS,
    );
    expect(r.lines.map((l) => [l.activity, l.cells.activity])).toEqual([
      [null, 'A9'],
      ['Activité sans code', 'A10'],
      ['R 1.1.1.1', 'A11'],
    ]);
    expect(r.lines.map((l) => l.index)).toEqual([0, 1, 2]);
    expect(r.subtotals).toEqual([]);
  });

  it('reads roll-up rows in both languages, with the title in A or in B', () => {
    const labels = [
      ['Pilier 3', 'pillar', '3'],
      ['Pillar 2 : Protect', 'pillar', '2'],
      ['OS 1.2', 'objective', '1.2'],
      ['SO 1.3. Deprive', 'objective', '1.3'],
      ['OS 3.3 : Harmoniser', 'objective', '3.3'],
      ['R 1.1.1', 'result', '1.1.1'],
      ['R 2.1.1. ', 'result', '2.1.1'],
      ['r 5.1.1 : Une gestion', 'result', '5.1.1'],
      ['Sous-total R 1.1.2', 'result', '1.1.2'],
      ['Total OS 4.1', 'objective', '4.1'],
      ['TOTAL', 'grand', ''],
      ['Total général', 'grand', ''],
    ] as const;
    const r = readEntryGrid(
      entryGrid(labels.map(([label], i) => row({ A: label, B: i % 2 ? 'Titre' : null, L: i + 1 }))),
      YEARS,
    );
    expect(r.lines).toEqual([]);
    expect(r.subtotals.map((s) => [s.level, s.key, s.amounts.total, s.cells.total])).toEqual(
      labels.map(([, level, key], i) => [level, key, m(String(i + 1)), `L${6 + i}`]),
    );
  });

  it('skips notes and the signature block below TOTAL, but still reads an activity or values there', () => {
    const r = readEntryGrid(
      entryGrid([
        row({ A: '1.1.1.1', F: 'Chiffré', G: 5, L: 5 }),
        row({ A: 'TOTAL', G: 5, L: 5 }),
        row({ A: 'Établi par :', B: 'Nom : ____________' }),
        row({ A: 'Visa du responsable CPS', B: 'Date : ____________' }),
        row({ A: '1.1.1.2', F: 'Chiffré', H: 3 }),
        row({ A: 'Note', T: 'ajoutée sous le total' }),
      ]),
      YEARS,
    );
    expect(r.lines.map((l) => [l.activity, l.cells.activity])).toEqual([
      ['1.1.1.1', 'A6'],
      ['1.1.1.2', 'A10'],
      ['Note', 'A11'],
    ]);
  });

  it.each(['Totalement', 'OS 1', 'R 1.1', 'Pilier', 'OSC', '1.1.1', 'R 1.1.1.1', 'Rapport 1.1.1'])(
    '%j is not a roll-up label',
    (text) => {
      expect(rollupOf(text)).toBeNull();
    },
  );

  it('reports unreadable subtotal cells and reads "PM" there as empty', () => {
    const r = readEntryGrid(
      entryGrid([row({ A: 'OS 1.1', G: 'PM', H: 'beaucoup', I: '1 000', L: 1000 })]),
      YEARS,
    );
    expect(flattenFindings(r.findings)).toEqual([
      ['Saisie!H6', 'unreadable_number'],
      ['Saisie!I6', 'amount_as_text'],
    ]);
    expect(r.subtotals[0]?.amounts).toMatchObject({ total: m('1000'), years: { 2021: null, 2022: null } });
    expect(r.subtotals[0]?.unreadable).toEqual(['year:2022', 'year:2023']);
  });

  it('finds the header row wherever it is among the first 20 rows, in English too', () => {
    const { headers } = entryHeaderValues(YEARS, 'en');
    const grid: Grid = { sheet: 'Entry', rows: [headers, row({ A: '1.1.1.1', F: 'Costed', G: 1 })] };
    const r = readEntryGrid(grid, YEARS);
    expect(r.findings).toEqual([]);
    expect(r.lines[0]).toMatchObject({ activity: '1.1.1.1', nature: 'costed', sheet: 'Entry' });
    expect(r.lines[0]?.cells.activity).toBe('A2');
  });

  it('reports a missing header row', () => {
    const rows: CellValue[][] = Array.from({ length: 20 }, () => ['titre']);
    rows.push(['Code']);
    for (const grid of [
      { sheet: 'Saisie', rows },
      { sheet: 'Saisie', rows: [] },
    ]) {
      const r = readEntryGrid(grid, YEARS);
      expect(flattenFindings(r.findings)).toEqual([['Saisie!A1:A20', 'entry_header_missing']]);
      expect(r.lines).toEqual([]);
    }
  });

  it('reports header cells that do not match the layout (columns moved) and keeps reading', () => {
    const grid = entryGrid([row({ A: '1.1.1.1', G: 1 })]);
    const headers = grid.rows[4] as CellValue[];
    headers[COL.G] = 2022; // a year column deleted: 2022 now sits where 2021 should
    headers[COL.M] = ' budget  NATIONAL '; // spacing and case do not matter
    headers[COL.T] = null; // blank headers say nothing
    headers[COL.B] = 'Intitulé'; // locked text columns are not read
    const r = readEntryGrid(grid, YEARS);
    expect(flattenFindings(r.findings)).toEqual([['Saisie!G5', 'entry_column_mismatch']]);
    expect(r.findings[0]?.params).toEqual({ expected: { fr: '2021', en: '2021' }, actual: '2022' });
    expect(r.lines).toHaveLength(1);
  });

  it('never throws on odd cells and runs linearly on 100 000 rows', () => {
    const odd = [{}, Symbol('s'), 5n, new Date(0), Object.create(null), Number.NaN] as unknown as CellValue[];
    const r1 = readEntryGrid(entryGrid([['1.1.1.1', ...odd, ...odd, ...odd]]), YEARS);
    expect(r1.lines).toHaveLength(1);

    const data: CellValue[][] = [];
    for (let i = 0; i < 100_000; i++) {
      data.push([
        '1.1.1.1',
        'Titre',
        'R 1.1.1',
        'MSPC',
        100,
        'Chiffré',
        20,
        20,
        20,
        20.5,
        19.5,
        100,
        60,
        40,
        'X',
        'X',
        'X',
        'X',
        'X',
        null,
      ]);
    }
    const r = readEntryGrid(entryGrid(data), YEARS);
    expect(r.lines).toHaveLength(100_000);
    expect(r.findings).toEqual([]);
  });
});

describe('entryRowValues', () => {
  it('lays a line out in column order for writers', () => {
    const line: EntryLineInput = {
      activity: '2.1.1.3',
      nature: 'costed',
      years: { 2021: m('0.1'), 2022: m('1500.5') },
      total: m('1500.6'),
      national: null,
      external: m('-2'),
      execution: [2022, 2025],
      comment: 'Budget révisé',
    };
    const info = {
      title: 'Former les agents',
      result: '2.1.1',
      responsible: 'MSPC',
      planCost: 'PM' as const,
      pillar: '2',
      ministry: 'MSPC',
    };
    expect(entryRowValues(line, info, YEARS, 'fr')).toEqual([
      '2.1.1.3',
      'Former les agents',
      '2.1.1',
      'MSPC',
      'PM',
      'Chiffré',
      0.1,
      1500.5,
      null,
      null,
      null,
      1500.6,
      null,
      -2,
      null,
      'X',
      null,
      null,
      'X',
      'Budget révisé',
      '2',
      'MSPC',
    ]);
    expect(entryRowValues({ ...line, nature: 'costed' }, info, YEARS, 'en')[COL.F]).toBe('Costed');
  });
});

// --- Properties -------------------------------------------------------------------------------

const money = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
const code = fc
  .tuple(
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 1, max: 9 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 40 }),
  )
  .map((parts) => parts.join('.'));

const lineArb = (years: number[]) =>
  fc.record({
    activity: code,
    nature: fc.constantFrom(null, 'costed' as const, 'pm' as const),
    years: fc
      .tuple(...years.map(() => fc.option(money)))
      .map((values) => Object.fromEntries(years.map((y, i) => [y, values[i] ?? null]))),
    total: fc.option(money),
    national: fc.option(money),
    external: fc.option(money),
    execution: fc.subarray(years),
    comment: fc.string({ unit: 'grapheme', maxLength: 30 }).map((s) => normaliseText(s)),
  });

describe('entry grid properties', () => {
  it('reads back what entryRowValues wrote, in both languages and for any number of years', () => {
    const years = fc
      .integer({ min: 2000, max: 2090 })
      .chain((first) =>
        fc.integer({ min: 1, max: 8 }).map((n) => Array.from({ length: n }, (_, i) => first + i)),
      );
    fc.assert(
      fc.property(
        years.chain((ys) =>
          fc.tuple(
            fc.constant(ys),
            fc.array(lineArb(ys), { maxLength: 8 }),
            fc.constantFrom<Lang>('fr', 'en'),
          ),
        ),
        ([ys, lines, lang]) => {
          const info = {
            title: 'Titre',
            result: '1.1.1',
            responsible: 'MSPC',
            planCost: 12.5,
            pillar: '1',
            ministry: 'MSPC',
          };
          const grid = entryGrid(
            lines.map((l) => entryRowValues(l, info, ys, lang)),
            lang,
            ys,
          );
          const r = readEntryGrid(grid, ys);
          expect(r.findings).toEqual([]);
          expect(r.subtotals).toEqual([]);
          expect(r.lines.map(core)).toEqual(lines);
          expect(r.lines.map((l) => [l.index, l.unreadable, l.cells.activity])).toEqual(
            lines.map((_, i) => [i, [], `A${6 + i}`]),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never throws on ragged grids, and every finding points at a cell that exists', () => {
    const cell = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        'X',
        'PM',
        'Pilier 3',
        'OS 1.2',
        'TOTAL',
        '1.1.1.1',
        '1.500',
        '1 500,5',
        'Chiffré',
        'Code',
        '2021',
      ),
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
    );
    const rows = fc.array(fc.array(cell, { maxLength: 25 }), { maxLength: 30 });
    fc.assert(
      fc.property(rows, fc.boolean(), fc.nat(25), (raw, withHeader, at) => {
        const grid: Grid = { sheet: 'Saisie', rows: raw };
        if (withHeader) raw.splice(Math.min(at, raw.length), 0, entryHeaderValues(YEARS, 'fr').headers);
        const r = readEntryGrid(grid, YEARS);
        for (const f of r.findings) {
          if (f.where.cell === undefined) continue;
          const [, letters = '', digits = ''] = /^([A-Z]+)(\d+)$/.exec(f.where.cell) ?? [];
          const rowCells = grid.rows[Number(digits) - 1];
          expect(rowCells, f.where.cell).toBeDefined();
          expect(columnIndex(letters)).toBeLessThan(rowCells?.length ?? 0);
        }
        for (const l of r.lines) expect(l.cells.activity).toMatch(/^A\d+$/);
      }),
      { numRuns: 500 },
    );
  });
});

// --- JSON returns -----------------------------------------------------------------------------

describe('JSON returns', () => {
  const doc = ReturnDocument.parse({
    ministry: 'MSPC',
    planId: 'pnlevt-2021-2025',
    planVersion: '1',
    lines: [
      {
        activity: ' 1.1.1.1. ',
        nature: 'costed',
        years: { '2021': 0.1, '2022': 0.2, '2031': 5 },
        total: 0.3,
        execution: [2022, 2021, 2021],
        comment: '  ok  ',
        row: 12,
      },
      { activity: '1.1.1.2', years: { '2023': null }, execution: [2030] },
    ],
  });

  it('fills defaults and refuses malformed documents', () => {
    expect(doc.lines[1]).toMatchObject({ nature: null, total: null, comment: null, execution: [2030] });
    const bad = ReturnDocument.safeParse({ ...doc, lines: [{ activity: '1', years: { '21': 1 } }] });
    expect(bad.success).toBe(false);
    expect(ReturnDocument.safeParse({ ...doc, lines: [{ activity: '  ' }] }).success).toBe(false);
  });

  it('converts lines exactly, pointing at entry cells when a row is given and at the activity otherwise', () => {
    const { parsed, findings } = parsedReturnFromJson(doc, YEARS);
    expect(parsed).toMatchObject({
      ministry: 'MSPC',
      planId: 'pnlevt-2021-2025',
      planVersion: '1',
      subtotals: [],
      summaries: [],
    });
    const [first, second] = parsed.lines as [Line, Line];
    expect(core(first)).toEqual({
      activity: '1.1.1.1',
      nature: 'costed',
      years: { 2021: m('0.1'), 2022: m('0.2'), 2023: null, 2024: null, 2025: null },
      total: m('0.3'),
      national: null,
      external: null,
      execution: [2021, 2022],
      comment: 'ok',
    });
    expect(first).toMatchObject({ index: 0, sheet: 'Saisie', unreadable: [] });
    expect(first.cells).toMatchObject({
      activity: 'A12',
      'year:2023': 'I12',
      total: 'L12',
      'mark:2025': 'S12',
    });
    expect(second).toMatchObject({ index: 1, sheet: 'JSON', activity: '1.1.1.2' });
    expect(second.cells).toEqual({});
    expect(flattenFindings(findings)).toEqual([
      ['Saisie!A12', 'unknown_year'],
      ['JSON!1.1.1.2 year:2030', 'unknown_year'],
    ]);
    expect(findings[1]?.where).toEqual({ sheet: 'JSON', item: 1, activity: '1.1.1.2', field: 'year:2030' });
    expect(findings.map((f) => [f.severity, f.params])).toEqual([
      ['error', { activity: '1.1.1.1', year: '2031' }],
      ['error', { activity: '1.1.1.2', year: '2030' }],
    ]);
  });

  it('names an unknown year key of a line without a row by its activity and year', () => {
    const { findings } = linesFromJson(
      ReturnDocument.parse({
        ministry: 'M',
        planId: 'p',
        planVersion: '1',
        lines: [{ activity: 'a' }, { activity: 'b', years: { '2031': 1 } }],
      }).lines,
      YEARS,
    );
    expect(flattenFindings(findings)).toEqual([['JSON!b year:2031', 'unknown_year']]);
  });

  it('reads back what the grid reader produced, through JSON numbers', () => {
    fc.assert(
      fc.property(fc.array(lineArb(YEARS), { maxLength: 5 }), (lines) => {
        const json = lines.map((l) => ({
          activity: l.activity,
          nature: l.nature,
          years: Object.fromEntries(
            Object.entries(l.years).map(([y, v]) => [y, v === null ? null : moneyToNumber(v)]),
          ),
          total: l.total === null ? null : moneyToNumber(l.total),
          national: l.national === null ? null : moneyToNumber(l.national),
          external: l.external === null ? null : moneyToNumber(l.external),
          execution: l.execution,
          comment: l.comment,
        }));
        const parsed = ReturnDocument.parse({ ministry: 'M', planId: 'p', planVersion: '1', lines: json });
        const { lines: read, findings } = linesFromJson(parsed.lines, YEARS);
        expect(findings).toEqual([]);
        expect(read.map(core)).toEqual(lines);
      }),
    );
  });
});
