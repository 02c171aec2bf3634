// The built Apps Script side (dist/sheets) in a vm context against the counting SpreadsheetApp
// fake: templates written as the spec says in a number of calls that does not grow with the rows,
// text kept as text, formulas in the spreadsheet's locale, reading, marks put back, storage cut
// into chunks under Apps Script's limits, requests only to the connected service, the menu.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTemplateSpec,
  type CellMark,
  isFormula,
  type PlanIndex,
  parseRange,
  type SheetSpec,
  STYLE_LOOKS,
  type WorkbookSpec,
} from '#core';
import { buildSheets } from '../../addin/sheets/build.ts';
import { SERVER_FUNCTIONS, TRIGGER_FUNCTIONS } from '../../addin/sheets/rpc.ts';
import { shippedPlan } from '../../server/plan/shipped-plan.ts';
import { syntheticIndex } from '../core/template/synthetic-plan.ts';
import { type AddOn, loadAddOn } from './apps-script.ts';
import { a1Of, parseA1 } from './fake-spreadsheet.ts';

const AT = '2026-01-15T09:00:00Z';
let dir: string;
let addOn: AddOn | null = null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pac-sheets-host-'));
  await buildSheets({ outDir: dir });
});
afterEach(async () => {
  await addOn?.close();
  addOn = null;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function load(locale = 'en_US', sheets?: string[]): AddOn {
  addOn = loadAddOn({ dir, locale, ...(sheets ? { sheets } : {}) });
  return addOn;
}

const spec = (index: PlanIndex, ministry: string | null, lang: 'fr' | 'en' = 'fr'): WorkbookSpec =>
  buildTemplateSpec(index, { ministry, lang, generatedAt: AT });

/** What the sidebar's PaneHost does for writeWorkbook: one call to start, one per sheet, one to end. */
function write(a: AddOn, s: WorkbookSpec): void {
  a.call('pacBeginWrite', JSON.stringify({ sheets: s.sheets.map((x) => x.name) }));
  for (const sheet of s.sheets) a.call('pacWriteSheet', JSON.stringify(sheet));
  a.call(
    'pacEndWrite',
    JSON.stringify({ sheets: s.sheets.map(({ key, name, state }) => ({ key, name, state })) }),
  );
}

const cellsOf = (range: string) => {
  const r = parseRange(range);
  if (!r) throw new Error(range);
  const out: string[] = [];
  for (let row = r.top; row <= r.bottom; row++)
    for (let col = r.left; col <= r.right; col++)
      out.push(a1Of({ top: row - 1, bottom: row - 1, left: col, right: col }));
  return out;
};

/** Values, formulas, looks, locks, validation, rules, panes and visibility of a sheet, against its spec. */
function expectSheetAsSpec(a: AddOn, sheet: SheetSpec, formula: (f: string) => string = (f) => f): void {
  const s = a.sheet.sheet(sheet.name);
  expect(s.hidden, sheet.name).toBe(sheet.state !== 'visible');
  sheet.cells.forEach((row, r) => {
    row.forEach((cell, c) => {
      const got = s.cellAt(r, c);
      const where = `${sheet.name}!${a1Of({ top: r, bottom: r, left: c, right: c })}`;
      if (cell === null) expect(got?.value ?? '', where).toBe('');
      else if (isFormula(cell)) expect(got?.formula, where).toBe(`=${formula(cell.formula)}`);
      else {
        expect(got?.formula ?? null, where).toBeNull();
        expect(got?.value, where).toBe(cell);
      }
    });
  });
  const protections = s.protections;
  expect(protections.length, sheet.name).toBe(sheet.protect ? 1 : 0);
  if (sheet.protect) {
    expect(protections[0]?.warningOnly).toBe(true);
    expect(protections[0]?.unprotected).toEqual(sheet.unlocked);
  }
  for (const nf of sheet.numberFormats)
    for (const c of cellsOf(nf.range)) expect(a.sheet.cell(sheet.name, c)?.numberFormat, c).toBe(nf.format);
  for (const st of sheet.styles) {
    const fill = STYLE_LOOKS[st.style].fill;
    if (fill)
      for (const c of cellsOf(st.range))
        expect(a.sheet.cell(sheet.name, c)?.background).toBe(`#${fill.toLowerCase()}`);
  }
  for (const v of sheet.validations) {
    for (const c of cellsOf(v.range)) {
      const rule = a.sheet.cell(sheet.name, c)?.validation;
      expect(rule?.criteria, c).toBe(
        v.kind === 'decimal' ? 'NUMBER_GREATER_THAN_OR_EQUAL_TO' : 'VALUE_IN_RANGE',
      );
      expect(rule?.allowInvalid).toBe(false);
      expect(rule?.helpText).toBe(v.prompt.message);
    }
  }
  expect(s.conditionalRules.map((r) => [r.ranges, r.formula])).toEqual(
    sheet.conditionalFormats.map((cf) => [[cf.range], `=${formula(cf.formula)}`]),
  );
  expect(s.merges.map(a1Of)).toEqual(sheet.merges);
  expect([s.frozenRows, s.frozenColumns]).toEqual([sheet.freeze?.rows ?? 0, sheet.freeze?.columns ?? 0]);
  expect([...s.hiddenColumns].sort()).toEqual(sheet.columns.flatMap((c, i) => (c.hidden ? [i] : [])));
}

describe('writing a template', () => {
  it('writes every sheet as its spec says, after the sheets already there', () => {
    const a = load();
    const s = spec(shippedPlan(), 'MARCC');
    write(a, s);
    expect(a.sheet.sheets.map((x) => x.name)).toEqual(['Feuille 1', ...s.sheets.map((x) => x.name)]);
    for (const sheet of s.sheets) expectSheetAsSpec(a, sheet);
    // The entry sheet is shown, at A1; the lists and the metadata are hidden.
    expect(a.sheet.selection).toEqual({ sheet: 'Saisie', a1: 'A1' });
    expect(a.sheet.sheets.filter((x) => x.hidden).map((x) => x.name)).toEqual(['Listes', 'PAC_meta']);
    // A line total computed from the amounts typed, as Sheets would.
    const row = 1 + (s.sheets[1] as SheetSpec).cells.findIndex((r) => r[0] === '1.1.1.1');
    a.sheet.type('Saisie', `G${row}`, 100);
    a.sheet.type('Saisie', `H${row}`, 25.5);
    expect(a.sheet.shown('Saisie', `L${row}`)).toBe(125.5);
  });

  it('writes one setValues per block and nothing cell by cell; the calls do not grow with the rows', () => {
    const count = (s: WorkbookSpec) => {
      const a = load();
      write(a, s);
      const calls = new Map(a.sheet.calls);
      void a.close();
      return calls;
    };
    const small = count(spec(shippedPlan(), 'MARCC'));
    const whole = count(spec(shippedPlan(), null));
    const huge = spec(syntheticIndex({ activities: 2_000 }), null);
    const big = count(huge);
    // Blocks of at most 20,000 cells: the 2,000-activity entry sheet (22 columns) takes several.
    const blocks = huge.sheets.reduce((n, sh) => {
      const width = sh.cells.reduce((w, r) => Math.max(w, r.length), 0);
      return n + (width === 0 ? 0 : Math.ceil(sh.cells.length / Math.floor(20_000 / width)));
    }, 0);
    expect(big.get('Range.setValues')).toBe(blocks);
    expect(blocks).toBeGreaterThan(huge.sheets.length);
    expect(small.get('Range.setValues')).toBe(6);
    for (const calls of [small, whole, big]) {
      for (const perCell of [
        'Range.setValue',
        'Range.setFormula',
        'Range.setFormulas',
        'Range.setBackground',
        'Range.setNumberFormat',
        'Range.setDataValidation',
        'Range.setFontWeight',
      ])
        expect(calls.get(perCell) ?? 0, perCell).toBe(0);
    }
    const total = (c: Map<string, number>) => [...c.values()].reduce((x, y) => x + y, 0);
    // Looks, formats, validations and rules cost the same whatever the number of rows.
    expect(total(whole) - (whole.get('Range.setValues') ?? 0)).toBe(
      total(small) - (small.get('Range.setValues') ?? 0),
    );
    expect(total(big) - (big.get('Range.setValues') ?? 0)).toBeLessThan(total(small) + 40);
    expect(total(small)).toBeLessThan(450);
  });

  it('keeps text that looks like a formula, a number, a date or a boolean as text', () => {
    const tricky = [
      '=HYPERLINK("http://x")',
      "+cmd|' /C calc'!A0",
      '-12',
      '@SUM(A1)',
      '2021,2022',
      '1 500',
      '2026-01-15T09:00:00Z',
      'TRUE',
      "'already quoted",
    ];
    const a = load();
    const s = spec(
      syntheticIndex({ activities: 18, title: (i, code) => tricky[i % tricky.length] ?? code }),
      null,
    );
    write(a, s);
    const entry = JSON.parse(a.call('pacReadSheet', 'Saisie') as string) as { rows: unknown[][] };
    const titles = entry.rows.map((r) => r[1]).filter((t) => typeof t === 'string' && tricky.includes(t));
    expect(titles).toHaveLength(18);
    for (const [r, row] of entry.rows.entries()) {
      if (tricky.includes(row[1] as string))
        expect(a.sheet.sheet('Saisie').cellAt(r, 1)?.formula ?? null).toBeNull();
    }
    // The metadata reads back as written: the plan version "1" stays "1", the years a list.
    const meta = JSON.parse(a.call('pacReadSheet', 'PAC_meta') as string) as { rows: unknown[][] };
    expect(meta.rows).toContainEqual(['years', '2021,2022,2023,2024,2025']);
    expect(meta.rows).toContainEqual(['generatedAt', AT]);
    // Without the apostrophe, Sheets would have made these a formula, a number and a date.
    a.sheet.type('Feuille 1', 'A1', '=HYPERLINK("http://x")');
    a.sheet.type('Feuille 1', 'A2', '2021,2022');
    a.sheet.type('Feuille 1', 'A3', AT);
    expect(a.sheet.cell('Feuille 1', 'A1')?.formula).toBe('=HYPERLINK("http://x")');
    expect(a.sheet.cell('Feuille 1', 'A2')?.value).toBe(20212022);
    expect(a.sheet.cell('Feuille 1', 'A3')?.value).toBeInstanceOf(Date);
  });

  it('writes formulas in the syntax of a French spreadsheet, which computes them', () => {
    const a = load('fr_FR');
    const s = spec(shippedPlan(), 'MARCC');
    write(a, s);
    const semicolons = (f: string) => f.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';');
    for (const sheet of s.sheets) expectSheetAsSpec(a, sheet, semicolons);
    const entry = s.sheets[1] as SheetSpec;
    const row = 1 + entry.cells.findIndex((r) => r[0] === '1.1.1.1');
    expect(a.sheet.cell('Saisie', `L${row}`)?.formula).toBe(
      `=IF(COUNT(G${row}:K${row})=0;"";SUM(G${row}:K${row}))`,
    );
    a.sheet.type('Saisie', `G${row}`, 10);
    expect(a.sheet.shown('Saisie', `L${row}`)).toBe(10);
    // The same English formula typed into a French sheet is a parse error: the rewrite matters.
    a.sheet.type('Feuille 1', 'A1', '=IF(COUNT(G9:K9)=0,"",SUM(G9:K9))');
    expect(a.sheet.shown('Feuille 1', 'A1')).toBe('#ERROR!');
  });

  it('updates a template in place: no second sheet, protection, validation or merge', () => {
    const a = load();
    const s = spec(shippedPlan(), 'MARCC');
    write(a, s);
    a.sheet.type('Feuille 1', 'B2', 'kept');
    a.sheet.sheet('Saisie').protect();
    write(a, s);
    expect(a.sheet.sheets.map((x) => x.name)).toEqual(['Feuille 1', ...s.sheets.map((x) => x.name)]);
    for (const sheet of s.sheets) expectSheetAsSpec(a, sheet);
    expect(a.sheet.shown('Feuille 1', 'B2')).toBe('kept');
  });
});

describe('reading', () => {
  it('reads the template back: metadata, entry and summary sheets with formulas apart, dates as ISO days', () => {
    const a = load();
    write(a, spec(shippedPlan(), 'MARCC'));
    a.sheet.type('Saisie', 'G9', '2024-03-01');
    a.sheet.type('Saisie', 'H9', '=2+3');
    a.sheet.resetCalls();
    const reading = JSON.parse(a.call('pacReadWorkbook') as string);
    expect(reading.kind).toBe('template');
    expect(reading.meta).toMatchObject({
      ministry: 'MARCC',
      planVersion: '1',
      lang: 'fr',
      years: [2021, 2022, 2023, 2024, 2025],
    });
    expect(reading.entry.grid.sheet).toBe('Saisie');
    expect(reading.entry.grid.rows[8][6]).toBe('2024-03-01');
    // A formula's cell is empty; its formula travels apart, as [row, [[column, formula]]].
    expect(reading.entry.grid.rows[8][7]).toBeNull();
    const formulas = new Map(reading.entry.formulas as [number, [number, string][]][]);
    expect(new Map(formulas.get(9)).get(7)).toBe('2+3');
    expect(reading.summary.grid.sheet).toBe('Synthèse');
    expect(reading.sheets).toEqual([
      'Feuille 1',
      "Mode d'emploi",
      'Saisie',
      'Synthèse',
      'Contrôles',
      'Listes',
      'PAC_meta',
    ]);
    // Three sheets read, each in one getValues, whatever their size; two with their formulas.
    expect(a.sheet.callCount('Range.getValues')).toBe(3);
    expect(a.sheet.callCount('Range.getFormulas')).toBe(2);
    expect(JSON.parse(a.call('pacReadSheet', 'Retirées') as string)).toBeNull();
  });

  it('says "other" for a spreadsheet without PAC metadata, and reads its visible sheets for import', () => {
    const a = load('fr_FR', ['Plan', 'Caché']);
    a.sheet.type('Plan', 'A1', 'Activité');
    a.sheet.type('Plan', 'B2', 1500);
    a.sheet.type('Plan', 'C2', '=1500,5+250');
    a.sheet.type('Plan', 'D2', '=SOMME(B2;C2)');
    a.sheet.sheet('Caché').hidden = true;
    expect(JSON.parse(a.call('pacReadWorkbook') as string)).toEqual({
      kind: 'other',
      sheets: ['Plan', 'Caché'],
    });
    const contents = JSON.parse(a.call('pacReadSheetsForImport') as string);
    expect(contents).toHaveLength(1);
    expect(contents[0].grid.rows[1]).toEqual(['', 1500, null, null]);
    // Formulas apart, in English syntax once they show the locale's ";".
    expect(contents[0].formulas).toEqual([
      [
        2,
        [
          [2, '1500,5+250'],
          [3, 'SOMME(B2,C2)'],
        ],
      ],
    ]);
  });
});

describe('converting text to numbers', () => {
  it('writes the confirmed numbers with the amount format, in a few calls', () => {
    const a = load('fr_FR');
    write(a, spec(shippedPlan(), 'MARCC'));
    a.sheet.type('Saisie', 'G9', "'1 500");
    a.sheet.type('Saisie', 'H9', '=1000+500');
    a.sheet.resetCalls();
    a.call(
      'pacWriteNumbers',
      JSON.stringify([
        { sheet: 'Saisie', cell: 'G9', text: '1 500', value: 1500 },
        { sheet: 'Saisie', cell: 'H9', text: '=1000+500', value: 1500.5 },
      ]),
    );
    expect(a.sheet.cell('Saisie', 'G9')).toMatchObject({
      value: 1500,
      formula: null,
      numberFormat: '#,##0.0##',
    });
    expect(a.sheet.cell('Saisie', 'H9')).toMatchObject({ value: 1500.5, formula: null });
    expect(a.sheet.callCount('RangeList.setNumberFormat')).toBe(1);
  });
});

describe('marks', () => {
  it('colours the cells of findings and puts their own background back on the next check', () => {
    const a = load();
    write(a, spec(shippedPlan(), 'MARCC'));
    const input = `#${(STYLE_LOOKS.inputAmount.fill as string).toLowerCase()}`;
    expect(a.sheet.cell('Saisie', 'G9')?.background).toBe(input);
    const marks: CellMark[] = [
      { sheet: 'Saisie', range: 'G9', severity: 'error' },
      { sheet: 'Saisie', range: 'H9:H10', severity: 'warning' },
      { sheet: 'Saisie', range: 'H10', severity: 'error' },
      { sheet: 'Gone', range: 'A1', severity: 'error' },
      { sheet: 'Saisie', range: 'A5000', severity: 'error' },
    ];
    a.sheet.resetCalls();
    a.call('pacMarkCells', JSON.stringify(marks));
    expect(['G9', 'H9', 'H10'].map((c) => a.sheet.cell('Saisie', c)?.background)).toEqual([
      '#ffc7ce',
      '#ffeb9c',
      '#ffc7ce',
    ]);
    expect(a.sheet.callCount('Range.getBackgrounds')).toBe(1);
    expect(a.sheet.callCount('RangeList.setBackground')).toBe(2);
    expect(a.document.data.get('pac.marks')).toContain('"cell":"H10"');

    a.call('pacMarkCells', JSON.stringify([{ sheet: 'Saisie', range: 'I9', severity: 'warning' }]));
    expect(['G9', 'H9', 'H10', 'I9'].map((c) => a.sheet.cell('Saisie', c)?.background)).toEqual([
      input,
      input,
      input,
      '#ffeb9c',
    ]);
    a.call('pacMarkCells', '[]');
    expect(a.sheet.cell('Saisie', 'I9')?.background).toBe(input);
    expect(a.document.data.size).toBe(0);
  });

  it('draws at most 500 cells, errors first, in a constant number of calls', () => {
    const a = load();
    write(a, spec(syntheticIndex({ activities: 400 }), null));
    const marks: CellMark[] = [
      { sheet: 'Saisie', range: 'G9:K150', severity: 'warning' },
      { sheet: 'Saisie', range: 'M9:N200', severity: 'error' },
    ];
    a.sheet.resetCalls();
    a.call('pacMarkCells', JSON.stringify(marks));
    // 500 remembered cells do not fit one property: the add-on's store cuts them into chunks.
    const header = a.document.data.get('pac.marks') ?? '';
    expect(header).toMatch(/^c\d+$/);
    const text = Array.from({ length: Number(header.slice(1)) }, (_, i) =>
      a.document.data.get(`pac.marks/${i}`),
    ).join('');
    expect(JSON.parse(text)).toHaveLength(500);
    expect(a.sheet.cell('Saisie', 'M200')?.background).toBe('#ffc7ce');
    expect(a.sheet.cell('Saisie', 'G9')?.background).toBe('#ffeb9c');
    expect(a.sheet.cell('Saisie', 'K150')?.background).not.toBe('#ffeb9c');
    expect(a.sheet.callCount('Range.getBackgrounds') + a.sheet.callCount('RangeList.setBackground')).toBe(3);
  });

  it('selects a finding’s cell', () => {
    const a = load();
    write(a, spec(shippedPlan(), 'MARCC'));
    a.call('pacSelectCell', 'Saisie', 'H12');
    expect(a.sheet.selection).toEqual({ sheet: 'Saisie', a1: 'H12' });
    expect(() => a.call('pacSelectCell', 'Nope', 'A1')).toThrow('No sheet "Nope"');
  });
});

describe('storage and requests', () => {
  it('keeps long values in chunks under the 9 kB limit, and removes what is left over', () => {
    const a = load();
    const long = JSON.stringify({ plan: 'é€😀'.repeat(6_000), n: 1 });
    a.call('pacStorageSet', 'pac.plan', long);
    expect(a.call('pacStorageGet', 'pac.plan')).toBe(long);
    const chunks = [...a.user.data.keys()].filter((k) => k.startsWith('pac.plan/'));
    expect(chunks.length).toBeGreaterThan(5);
    for (const [, v] of a.user.data) expect(Buffer.byteLength(v)).toBeLessThanOrEqual(8000);
    a.call('pacStorageSet', 'pac.plan', '{"short":true}');
    expect([...a.user.data.keys()]).toEqual(['pac.plan']);
    expect(a.call('pacStorageGet', 'pac.plan')).toBe('{"short":true}');
    a.call('pacStorageRemove', 'pac.plan');
    expect(a.user.data.size).toBe(0);
    expect(a.call('pacStorageGet', 'pac.plan')).toBeNull();
    expect(() => a.call('pacStorageSet', 'pac.plan/0', 'x')).toThrow('Unknown storage key');
    // The spreadsheet's own properties are not where the pane's storage goes.
    expect(a.document.data.size).toBe(0);
  });

  it('sends requests only to the connected service', () => {
    const a = load();
    const request = (url: string) => JSON.stringify({ method: 'GET', url, headers: {} });
    expect(() => a.call('pacFetch', request('https://pac.example.org/api/me'))).toThrow(
      'hors du service connecté',
    );
    a.call(
      'pacStorageSet',
      'pac.connection',
      JSON.stringify({ service: 'https://pac.example.org/', token: 't' }),
    );
    expect(() => a.call('pacFetch', request('https://pac.example.org.evil.test/api/me'))).toThrow(
      'hors du service',
    );
    expect(() => a.call('pacFetch', request('https://elsewhere.test/api/me'))).toThrow('hors du service');
    expect(a.urlFetch.requests).toEqual([]);
  });
});

describe('menu, sidebar and the built files', () => {
  it('adds the PAC menu and opens the sidebar with the action asked for', () => {
    const a = load();
    a.call('onOpen', { authMode: 'NONE' });
    expect(a.sheet.menus).toEqual([
      {
        items: [
          { label: 'Ouvrir PAC', functionName: 'showSidebar' },
          { label: 'Vérifier', functionName: 'checkFromMenu' },
          { label: 'Soumettre', functionName: 'submitFromMenu' },
        ],
      },
    ]);
    // Nothing but the menu in onOpen: no properties read before the add-on is authorised.
    expect(a.user.calls + a.document.calls).toBe(0);
    a.call('checkFromMenu');
    a.call('submitFromMenu');
    a.call('showSidebar');
    const starts = a.sheet.sidebars.map((s) => /window\.PAC_START = (\{[^<]*\});/.exec(s.content)?.[1]);
    expect(starts).toEqual([
      '{"action":"check","defaultService":""}',
      '{"action":"submit","defaultService":""}',
      '{"action":null,"defaultService":""}',
    ]);
    expect(a.sheet.sidebars[0]?.title).toBe('PAC');
  });

  it('declares every function Apps Script and the sidebar call, and nothing else', () => {
    const a = load();
    const declared = Object.keys(a.context).filter((k) => typeof a.context[k] === 'function');
    expect(declared.sort()).toEqual([...TRIGGER_FUNCTIONS, ...SERVER_FUNCTIONS].sort());
    for (const name of SERVER_FUNCTIONS) expect(typeof a.context.PAC.api[name]).toBe('function');
  });

  it('puts the service address in the whitelist and the form, https only', async () => {
    const other = await mkdtemp(join(tmpdir(), 'pac-sheets-svc-'));
    try {
      await buildSheets({ outDir: other, service: 'https://pac.example.org/' });
      const { readFile } = await import('node:fs/promises');
      const manifest = JSON.parse(await readFile(join(other, 'appsscript.json'), 'utf8'));
      expect(manifest).toEqual({
        timeZone: 'Africa/Bamako',
        runtimeVersion: 'V8',
        exceptionLogging: 'STACKDRIVER',
        oauthScopes: [
          'https://www.googleapis.com/auth/spreadsheets.currentonly',
          'https://www.googleapis.com/auth/script.container.ui',
          'https://www.googleapis.com/auth/script.external_request',
        ],
        urlFetchWhitelist: ['https://pac.example.org/'],
      });
      const a = loadAddOn({ dir: other });
      try {
        a.call('showSidebar');
        expect(a.sheet.sidebars[0]?.content).toContain('"defaultService":"https://pac.example.org"');
      } finally {
        await a.close();
      }
      await expect(buildSheets({ outDir: other, service: 'http://pac.example.org' })).rejects.toThrow(
        'https',
      );
      // clasp's link to the Apps Script project survives a rebuild; nothing else does.
      const { writeFile, readdir } = await import('node:fs/promises');
      await writeFile(join(other, '.clasp.json'), '{"scriptId":"abc","rootDir":""}');
      await writeFile(join(other, 'old.js'), '');
      await buildSheets({ outDir: other });
      expect((await readdir(other)).sort()).toEqual([
        '.clasp.json',
        'Code.js',
        'Sidebar.html',
        'appsscript.json',
        'pac.js',
      ]);
      expect(await readFile(join(other, '.clasp.json'), 'utf8')).toBe('{"scriptId":"abc","rootDir":""}');
    } finally {
      await rm(other, { recursive: true, force: true });
    }
  });
});

// parseA1 is the fake's own reader; kept honest here since every assertion above leans on it.
it('reads A1 addresses as the fake means them', () => {
  expect(parseA1('$B$3:D9')).toEqual({ top: 2, left: 1, bottom: 8, right: 3 });
});
