// The template spec built from the canonical plan: sheets, rows, formulas, locks and metadata.
import { describe, expect, it } from 'vitest';
import {
  type Activity,
  AMOUNT_FORMAT,
  buildTemplateSpec,
  CHECK_ORDER,
  columnLetter,
  ENTRY_FIRST_DATA_ROW,
  ENTRY_HEADER_ROW,
  entryColumns,
  entryHeaderValues,
  isFormula,
  type Lang,
  NATURE_VALUES,
  type PlanIndex,
  parseRange,
  ROLLUP_AMOUNT_FORMAT,
  readEntryGrid,
  readTemplateMeta,
  SHEET_NAMES,
  type SheetSpec,
  type SpecCell,
  TEMPLATE_ID,
  TEMPLATE_VERSION,
  type TemplateOptions,
  templateActivities,
  templateMinistries,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';
import { cellsOf, gridOf, sheetOf, totalRowOf } from './spec-helpers.ts';
import { syntheticIndex } from './synthetic-plan.ts';

const index = shippedPlan();
const YEARS = index.years;
const GENERATED_AT = '2024-03-05T08:09:10Z';
const COLUMNS = entryColumns(YEARS);
const col = (key: string) => {
  const c = COLUMNS.find((x) => x.key === key);
  if (!c) throw new Error(key);
  return c.index;
};

function build(
  ministry: string | null,
  lang: Lang = 'fr',
  idx: PlanIndex = index,
  extra: Partial<TemplateOptions> = {},
) {
  return buildTemplateSpec(idx, { ministry, lang, generatedAt: GENERATED_AT, ...extra });
}

const sheet = sheetOf;

const formulaOf = (c: SpecCell | undefined): string | null =>
  c !== undefined && c !== null && isFormula(c) ? c.formula : null;

/** 1-based rows of the activity lines on the entry sheet, by activity code. */
function activityRows(s: SheetSpec): Map<string, number> {
  const rows = new Map<string, number>();
  const { lines } = readEntryGrid(gridOf(s), YEARS);
  for (const line of lines) rows.set(line.activity ?? '', Number(line.cells.activity?.slice(1)));
  return rows;
}

describe('buildTemplateSpec: sheets', () => {
  it.each(['fr', 'en'] as const)('names its sheets in %s, in order, with their states', (lang) => {
    const spec = build('MARCC', lang);
    expect(spec.sheets.map((s) => [s.key, s.name, s.state])).toEqual([
      ['instructions', SHEET_NAMES.instructions[lang], 'visible'],
      ['entry', SHEET_NAMES.entry[lang], 'visible'],
      ['summary', SHEET_NAMES.summary[lang], 'visible'],
      ['checks', SHEET_NAMES.checks[lang], 'visible'],
      ['lists', SHEET_NAMES.lists[lang], 'hidden'],
      ['meta', 'PAC_meta', 'veryHidden'],
    ]);
    expect(spec.sheets.every((s) => s.protect)).toBe(true);
  });

  it('writes the instructions in the chosen language', () => {
    const text = (lang: Lang) =>
      sheet(build(null, lang), 'instructions')
        .cells.flat()
        .filter((c): c is string => typeof c === 'string')
        .join('\n');
    expect(text('fr')).toMatch(/millions de FCFA/);
    expect(text('fr')).toMatch(/PM ne veut pas dire zéro/);
    expect(text('fr')).toMatch(/« Soumettre »/);
    expect(text('fr')).toMatch(/Ne renommez pas les feuilles/);
    expect(text('fr')).toMatch(/devient rouge/);
    expect(text('en')).toMatch(/million FCFA/);
    expect(text('en')).toMatch(/"Submit"/);
    expect(text('en')).not.toMatch(/Saisie/);
  });

  it('throws for a ministry with no activity; lists the ministries that have one', () => {
    expect(() => build('MEN')).toThrow(/MEN/);
    expect(templateMinistries(index)).toEqual([
      'MARCC',
      'MDAC',
      'MATD',
      'MSPC',
      'MJDH',
      'MSDS',
      'MEFP',
      'MRN',
      'MJS',
      'MEF',
      'MAECI',
    ]);
  });
});

describe('buildTemplateSpec: the entry sheet', () => {
  it.each(['fr', 'en'] as const)('has the header rows of entryHeaderValues (%s) on rows 4 and 5', (lang) => {
    const entry = sheet(build('MSPC', lang), 'entry');
    const { groups, headers } = entryHeaderValues(YEARS, lang);
    expect(entry.cells[ENTRY_HEADER_ROW - 2]).toEqual(groups);
    expect(entry.cells[ENTRY_HEADER_ROW - 1]).toEqual(headers);
    expect(entry.freeze).toEqual({ rows: ENTRY_HEADER_ROW, columns: 2 });
    expect(entry.print).toMatchObject({
      landscape: true,
      fitToWidth: true,
      pagesWide: 2,
      repeatRows: { from: 4, to: 5 },
      repeatColumns: { from: 0, to: 1 },
      overThenDown: true,
    });
    expect(entry.columns.map((c) => c.hidden ?? false)).toEqual(COLUMNS.map((c) => c.hidden ?? false));
  });

  it('holds one row per activity of each ministry, joint activities included, read back without findings', () => {
    for (const ministry of [...templateMinistries(index), null]) {
      const entry = sheet(build(ministry), 'entry');
      const reading = readEntryGrid(gridOf(entry), YEARS);
      expect(reading.findings).toEqual([]);
      const expected = templateActivities(index, ministry).map((a) => a.code);
      expect(reading.lines.map((l) => l.activity).sort()).toEqual([...expected].sort());
    }
    expect(templateActivities(index, null)).toHaveLength(103);
    // 5.3.2.3 is "MARCC-MRN", 4.2.3.4 "MJDH-MSDS": both ministries get them.
    const codes = (m: string) => [...activityRows(sheet(build(m), 'entry')).keys()];
    expect(codes('MRN')).toContain('5.3.2.3');
    expect(codes('MARCC')).toContain('5.3.2.3');
    expect(codes('MSDS')).toContain('4.2.3.4');
    expect(codes('MJDH')).toContain('4.2.3.4');
  });

  it('prefills PM and execution marks from the plan, and leaves costed lines and amounts empty', () => {
    const entry = sheet(build(null), 'entry');
    const { lines } = readEntryGrid(gridOf(entry), YEARS);
    for (const line of lines) {
      const a = index.activity(line.activity ?? '') as Activity;
      // An untouched costed line is "not filled yet" (a warning), not "costed without amounts".
      expect(line.nature).toBe(a.costNote === 'PM' ? 'pm' : null);
      expect(line.execution).toEqual(a.years);
      expect([line.total, line.national, line.external, ...Object.values(line.years)]).toEqual(
        new Array(3 + YEARS.length).fill(null),
      );
    }
    expect(lines.filter((l) => l.nature === 'pm').length).toBeGreaterThan(20);
  });

  it.each([
    ['fr', ['Pilier 1', 'OS 1.1', 'R 1.1.1']],
    ['en', ['Pillar 1', 'SO 1.1', 'R 1.1.1']],
  ] as const)('opens every group with a roll-up row read back as a subtotal (%s)', (lang, firstLabels) => {
    const entry = sheet(build(null, lang), 'entry');
    const first = entry.cells.slice(ENTRY_FIRST_DATA_ROW - 1, ENTRY_FIRST_DATA_ROW + 2).map((r) => r[0]);
    expect(first).toEqual(firstLabels);
    expect(entry.cells[ENTRY_FIRST_DATA_ROW - 1]?.[1]).toBe('Prévention');

    const { subtotals } = readEntryGrid(gridOf(entry), YEARS);
    const activities = index.plan.activities;
    const keys = (level: string) => subtotals.filter((s) => s.level === level).map((s) => s.key);
    const unique = (xs: string[]) => [...new Set(xs)];
    expect(keys('pillar')).toEqual(unique(activities.map((a) => a.pillar)));
    expect(keys('objective').sort()).toEqual(unique(activities.map((a) => a.objective)).sort());
    expect(keys('result').sort()).toEqual(unique(activities.map((a) => a.result)).sort());
    expect(keys('grand')).toEqual(['']);
    // The grand total is the last row with anything in column A (the signature block follows).
    const total = totalRowOf(entry);
    expect(entry.cells.slice(total).every((r) => r[0] === undefined || r[0] === null)).toBe(true);
  });

  it('sums each roll-up over exactly the rows of its block, and each line over its own years', () => {
    const entry = sheet(build(null), 'entry');
    const rows = activityRows(entry);
    const { subtotals } = readEntryGrid(gridOf(entry), YEARS);
    const groupOf = { pillar: 'pillar', objective: 'objective', result: 'result' } as const;
    const amountCols = [
      ...YEARS.map((y) => col(`year:${y}`)),
      col('total'),
      col('national'),
      col('external'),
    ];
    for (const s of subtotals) {
      const row = Number(s.cells.activity?.slice(1));
      const members = [...rows].filter(([code]) => {
        if (s.level === 'grand') return true;
        const a = index.activity(code) as Activity;
        return a[groupOf[s.level as keyof typeof groupOf]] === s.key;
      });
      const memberRows = members.map(([, r]) => r);
      for (const c of amountCols) {
        // A one-row block is written as a single cell ("G100").
        const m = /^SUBTOTAL\(9,([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?\)$/.exec(
          formulaOf(entry.cells[row - 1]?.[c]) ?? '',
        );
        expect(m, `${s.level} ${s.key} column ${c}`).not.toBeNull();
        const [, c1, r1, c2 = c1, r2 = r1] = m ?? [];
        expect([c1, c2]).toEqual([columnLetter(c), columnLetter(c)]);
        // The block holds this group's lines and nothing else (roll-up rows excepted).
        const top = Number(r1);
        const bottom = Number(r2);
        expect(Math.min(...memberRows)).toBeGreaterThanOrEqual(top);
        expect(Math.max(...memberRows)).toBeLessThanOrEqual(bottom);
        const inside = [...rows.values()].filter((r) => r >= top && r <= bottom);
        expect(inside.sort()).toEqual([...memberRows].sort());
      }
    }
    const g = columnLetter(col(`year:${YEARS[0]}`));
    const k = columnLetter(col(`year:${YEARS[YEARS.length - 1]}`));
    for (const row of rows.values()) {
      expect(formulaOf(entry.cells[row - 1]?.[col('total')])).toBe(
        `IF(COUNT(${g}${row}:${k}${row})=0,"",SUM(${g}${row}:${k}${row}))`,
      );
    }
  });

  it('fills the hidden pillar and lead-ministry keys on activity rows only', () => {
    const entry = sheet(build('MRN'), 'entry');
    const rows = activityRows(entry);
    for (let r = ENTRY_FIRST_DATA_ROW; r <= totalRowOf(entry); r++) {
      const cells = entry.cells[r - 1] ?? [];
      const code = [...rows].find(([, row]) => row === r)?.[0];
      if (code === undefined) {
        expect([cells[col('pillarKey')], cells[col('ministryKey')]]).toEqual([null, null]);
      } else {
        const a = index.activity(code) as Activity;
        expect([cells[col('pillarKey')], cells[col('ministryKey')]]).toEqual([a.pillar, a.responsible]);
      }
    }
    // MRN's template holds 5.3.2.3, whose lead is MARCC: keyed to MARCC for the summary.
    expect(entry.cells[(rows.get('5.3.2.3') ?? 0) - 1]?.[col('ministryKey')]).toBe('MARCC');
  });

  it('unlocks exactly the input cells of activity rows, in a few ranges', () => {
    for (const ministry of ['MJDH', null]) {
      const entry = sheet(build(ministry), 'entry');
      const rows = [...activityRows(entry).values()];
      const inputs = COLUMNS.filter((c) => !c.locked).map((c) => c.index);
      const expected = new Set(rows.flatMap((r) => inputs.map((c) => `${r}:${c}`)));
      expect(cellsOf(entry.unlocked)).toEqual(expected);
      // No formula is ever open to typing.
      for (const key of cellsOf(entry.unlocked)) {
        const [r = 0, c = 0] = key.split(':').map(Number);
        expect(formulaOf(entry.cells[r - 1]?.[c])).toBeNull();
      }
      // One range per run of consecutive activity rows and per block of input columns (2 blocks).
      const runs = rows.sort((a, b) => a - b).filter((r, i, all) => i === 0 || all[i - 1] !== r - 1).length;
      expect(entry.unlocked).toHaveLength(2 * runs);
    }
    for (const s of build(null).sheets.filter((s) => s.key !== 'entry')) expect(s.unlocked).toEqual([]);
  });

  it('validates amounts, marks and nature on the input cells, with messages Excel accepts', () => {
    for (const lang of ['fr', 'en'] as const) {
      const spec = build(null, lang);
      const entry = sheet(spec, 'entry');
      const covered = (pred: (c: (typeof COLUMNS)[number]) => boolean, kind: string) =>
        cellsOf(
          entry.validations
            .filter(
              (v) => v.kind === kind && COLUMNS.some((c) => pred(c) && parseRange(v.range)?.left === c.index),
            )
            .map((v) => v.range),
        );
      const rows = [...activityRows(entry).values()];
      const cellsFor = (pred: (c: (typeof COLUMNS)[number]) => boolean) =>
        new Set(rows.flatMap((r) => COLUMNS.filter(pred).map((c) => `${r}:${c.index}`)));
      const amount = (c: (typeof COLUMNS)[number]) =>
        c.key.startsWith('year:') || c.key === 'national' || c.key === 'external';
      expect(covered(amount, 'decimal')).toEqual(cellsFor(amount));
      const mark = (c: (typeof COLUMNS)[number]) => c.key.startsWith('mark:');
      expect(covered(mark, 'list')).toEqual(cellsFor(mark));
      const nature = (c: (typeof COLUMNS)[number]) => c.key === 'nature';
      expect(covered(nature, 'list')).toEqual(cellsFor(nature));

      const lists = sheet(spec, 'lists');
      for (const v of entry.validations) {
        // Excel refuses a file whose titles pass 32 characters or messages 255.
        expect(v.prompt.title.length).toBeLessThanOrEqual(32);
        expect(v.error.title.length).toBeLessThanOrEqual(32);
        expect(v.prompt.message.length).toBeLessThanOrEqual(255);
        expect(v.error.message.length).toBeLessThanOrEqual(255);
        if (v.kind === 'decimal') expect(v.min).toBe(0);
        else expect(v.source?.startsWith(`'${lists.name}'!`)).toBe(true);
      }
      expect(lists.cells.slice(1).map((r) => r[0])).toEqual([
        NATURE_VALUES.costed[lang],
        NATURE_VALUES.pm[lang],
      ]);
      expect(lists.cells[1]?.[1]).toBe('X');
    }
  });

  it('turns a line red through one conditional format on activity rows, rounded to the FCFA', () => {
    const entry = sheet(build('MSDS'), 'entry');
    expect(entry.conditionalFormats).toEqual([
      {
        range: `A6:T${totalRowOf(entry) - 1}`,
        formula:
          'AND($U6<>"",OR(ROUND(SUM($G6:$K6)-SUM($L6),6)<>0,AND(COUNT($M6:$N6)>0,ROUND(SUM($M6:$N6)-SUM($L6),6)<>0)))',
        style: 'error',
      },
    ]);
  });

  it('formats amounts: roll-up and TOTAL rows blank at zero, activity rows as typed', () => {
    const entry = sheet(build('MSDS'), 'entry');
    const total = totalRowOf(entry);
    // The same cells as ever carry an amount format: plan cost and years…external, rows 6 to TOTAL.
    const formatted = cellsOf(entry.numberFormats.map((n) => n.range));
    expect(formatted).toEqual(cellsOf([`E6:E${total}`, `G6:N${total}`]));
    const activity = new Set(activityRows(entry).values());
    const formatOf = new Map<string, string>();
    for (const n of entry.numberFormats) for (const cell of cellsOf([n.range])) formatOf.set(cell, n.format);
    for (const cell of formatted) {
      const row = Number(cell.split(':')[0]);
      expect(formatOf.get(cell), cell).toBe(activity.has(row) ? AMOUNT_FORMAT : ROLLUP_AMOUNT_FORMAT);
    }
    // The zero section is empty: a subtotal of nothing prints blank. The formulas are untouched.
    expect(ROLLUP_AMOUNT_FORMAT.split(';')).toEqual([AMOUNT_FORMAT, `-${AMOUNT_FORMAT}`, '', '@']);
    expect(formulaOf(entry.cells[total - 1]?.[col('total')])).toMatch(/^SUBTOTAL\(9,L6:L\d+\)$/);
    // On the summary, the SUMIFS columns and their TOTAL are roll-ups; the envelope and gap are not.
    const summary = sheet(build('MSDS'), 'summary');
    expect(summary.numberFormats.map((n) => [n.range.replace(/\d+/g, ''), n.format])).toEqual([
      ['C:J', ROLLUP_AMOUNT_FORMAT],
      ['L:M', AMOUNT_FORMAT],
    ]);
  });

  it('keeps formula-looking text from the plan as plain strings', () => {
    const evil = ['=HYPERLINK("http://x","clic")', "+cmd|' /C calc'!A0", '-2+3', '@SUM(A1)'];
    const idx = syntheticIndex({ activities: 8, perResult: 4, title: (i) => evil[i % evil.length] ?? '' });
    const entry = sheet(build('M01', 'fr', idx), 'entry');
    const titles = entry.cells.map((r) => r[col('title')]).filter((c) => evil.includes(c as string));
    expect(titles.length).toBeGreaterThan(0);
    for (const t of titles) expect(typeof t).toBe('string');
    const formulas = entry.cells.flat().filter((c) => c !== null && isFormula(c));
    for (const f of formulas) for (const e of evil) expect(formulaOf(f)).not.toContain(e);
  });
});

describe('buildTemplateSpec: summary and checks', () => {
  it('has one row per (pillar, lead ministry) pair, the envelope beside it, and a TOTAL row', () => {
    const spec = build('MARCC');
    const summary = sheet(spec, 'summary');
    const entry = sheet(spec, 'entry');
    const header = summary.cells[3];
    expect(header).toEqual([
      'Piliers',
      'Ministères',
      ...YEARS.map(String),
      'TOTAL',
      'Budget national',
      'Extérieur',
      null,
      'Enveloppe adoptée (II.2.1)',
      'Écart',
    ]);
    const rows = summary.cells.slice(4, -1);
    // Activities give (1, MARCC) and (5, MARCC); the envelope adds (2, MARCC), 3 600 with no activity.
    expect(rows.map((r) => [r[0], r[1], r[11]])).toEqual([
      ['Prévention', 'MARCC', 4250],
      ['Protection', 'MARCC', 3600],
      ['Cohésion sociale', 'MARCC', null],
    ]);
    const last = totalRowOf(entry) - 1;
    expect(formulaOf(rows[0]?.[2])).toBe(
      `SUMIFS('Saisie'!$G$6:$G$${last},'Saisie'!$U$6:$U$${last},"1",'Saisie'!$V$6:$V$${last},"MARCC")`,
    );
    expect(formulaOf(rows[2]?.[9])).toBe(
      `SUMIFS('Saisie'!$N$6:$N$${last},'Saisie'!$U$6:$U$${last},"5",'Saisie'!$V$6:$V$${last},"MARCC")`,
    );
    expect(formulaOf(rows[0]?.[12])).toBe('IF(ISNUMBER(L5),ROUND(H5-L5,6),"")');
    const total = summary.cells[summary.cells.length - 1] ?? [];
    expect(total[0]).toBe('TOTAL');
    expect(formulaOf(total[2])).toBe('SUM(C5:C7)');
    expect(formulaOf(total[11])).toBe('IF(COUNT(L5:L7)=0,"",SUM(L5:L7))');
    expect(summary.unlocked).toEqual([]);

    const plain = sheet(build('MARCC', 'fr', index, { envelope: false }), 'summary');
    expect(plain.cells[3]).toHaveLength(10);
  });

  it('covers every pair of the whole plan, whose envelope total is the adopted one', () => {
    const summary = sheet(build(null), 'summary');
    const pairs = new Set(summary.cells.slice(4, -1).map((r) => `${r[0]}|${r[1]}`));
    const name = new Map(index.plan.pillars.map((p) => [p.code, p.name]));
    for (const a of index.plan.activities)
      expect(pairs.has(`${name.get(a.pillar)}|${a.responsible}`)).toBe(true);
    const envelopes = summary.cells.slice(4, -1).map((r) => r[11]);
    const sum = envelopes.reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
    expect(sum).toBe(index.plan.envelope.totalRow.total);
  });

  it.each([
    ['fr', 'À corriger'],
    ['en', 'To fix'],
  ] as const)('lists the checks with a count and an OK / %s status (%s)', (lang, fix) => {
    const spec = build('MJDH', lang);
    const checks = sheet(spec, 'checks');
    const rows = checks.cells.slice(4, 4 + CHECK_ORDER.length);
    expect(rows).toHaveLength(6);
    rows.forEach((r, i) => {
      const row = 5 + i;
      expect(typeof r[0]).toBe('string');
      expect(formulaOf(r[1])).toMatch(/^IFERROR\(SUMPRODUCT\(/);
      expect(formulaOf(r[2])).toBe(`IF(AND(ISNUMBER(B${row}),B${row}=0),"OK","${fix}")`);
    });
    const entryName = SHEET_NAMES.entry[lang];
    expect(formulaOf(rows[0]?.[1])).toContain(`'${entryName}'!$M$6:$M$`);
    expect(formulaOf(rows[5]?.[1])).toContain(`'${SHEET_NAMES.summary[lang]}'!$C$`);
    const note = checks.cells.flat().find((c) => typeof c === 'string' && c.includes('pac validate'));
    expect(note).toBeDefined();
  });
});

describe('template metadata', () => {
  it('round-trips through readTemplateMeta', () => {
    for (const ministry of ['MSPC', null]) {
      const spec = build(ministry, 'en');
      const meta = readTemplateMeta(sheet(spec, 'meta').cells as string[][]);
      expect(meta).toEqual(spec.meta);
      expect(meta).toEqual({
        templateId: TEMPLATE_ID,
        templateVersion: TEMPLATE_VERSION,
        planId: 'pnlevt-2021-2025',
        planVersion: index.plan.plan.version,
        ministry,
        lang: 'en',
        generatedAt: GENERATED_AT,
        years: [...YEARS],
      });
    }
  });

  it('reads values a host turned into numbers, and returns null for anything else', () => {
    const rows = sheet(build('MSPC'), 'meta').cells.map((r) =>
      r.map((c) => (typeof c === 'string' && /^\d+$/.test(c) ? Number(c) : c)),
    ) as (string | number)[][];
    expect(readTemplateMeta(rows)?.templateVersion).toBe(TEMPLATE_VERSION);
    expect(readTemplateMeta([])).toBeNull();
    expect(
      readTemplateMeta([
        ['Code', 'Activité'],
        [null, 3],
      ]),
    ).toBeNull();
    expect(readTemplateMeta('nope' as unknown as string[][])).toBeNull();
    expect(
      readTemplateMeta([
        ['templateId', 'other'],
        ['templateVersion', '0'],
      ]),
    ).toMatchObject({
      templateId: 'other',
      templateVersion: '0',
      ministry: null,
      years: [],
    });
  });
});
