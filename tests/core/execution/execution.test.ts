// The execution follow-up in the core: the workbook built for a period, read back the way every
// host reads it (amounts the sheet counts or errors at their cells, printed totals compared), the
// checks (disbursed over committed, over the plan, state, withdrawn activities), the JSON form, and
// the consolidation with its rates and the ministry × year table.
import { describe, expect, it } from 'vitest';
import {
  buildExecutionSpec,
  type CellValue,
  consolidateExecution,
  EXECUTION_TEMPLATE_ID,
  ExecutionDocument,
  executionColumn,
  executionDocument,
  executionFromJson,
  flattenFindings,
  heatTable,
  isFormula,
  MILLION,
  moneyFromDecimal,
  type Planned,
  plannedForYear,
  readExecution,
  readTemplateMeta,
  runExecutionChecks,
  type SheetContent,
  type SheetSpec,
  type WorkbookSpec,
} from '#core';
import { shippedPlan } from '../../../server/plan/shipped-plan.ts';

const index = shippedPlan();
const MINISTRY = 'MJDH';
const m = (d: string) => moneyFromDecimal(d) ?? 0n;

/** Planned for 2024: 100 for every MJDH activity, PM where the plan says PM. */
const planned = new Map<string, Planned>(
  index
    .activitiesOf(MINISTRY)
    .map((a) => [
      a.code,
      a.costNote === 'PM'
        ? { amount: null, pm: true, source: 'plan' }
        : { amount: 100n * MILLION, pm: false, source: 'plan' },
    ]),
);

const spec = (): WorkbookSpec =>
  buildExecutionSpec(index, {
    ministry: MINISTRY,
    lang: 'fr',
    period: '2024',
    generatedAt: '2026-01-05T00:00:00Z',
    planned,
  });

/** A sheet of the spec as a host hands it over, with cells typed into it ("=…" makes a formula). */
function content(sheet: SheetSpec, typed: Record<string, CellValue> = {}): SheetContent {
  const formulas = new Map<number, Map<number, string>>();
  const rows: CellValue[][] = sheet.cells.map((row, r) =>
    row.map((c, col) => {
      if (c !== null && isFormula(c)) {
        const cols = formulas.get(r + 1) ?? new Map();
        cols.set(col, c.formula);
        formulas.set(r + 1, cols);
        return null;
      }
      return c;
    }),
  );
  for (const [a1, value] of Object.entries(typed)) {
    const [, letters = '', digits = ''] = /^([A-Z]+)(\d+)$/.exec(a1) ?? [];
    const col = letters.charCodeAt(0) - 65;
    const row = Number(digits);
    const cells = rows[row - 1] ?? [];
    rows[row - 1] = cells;
    formulas.get(row)?.delete(col);
    if (typeof value === 'string' && value.startsWith('=')) {
      const cols = formulas.get(row) ?? new Map();
      cols.set(col, value.slice(1));
      formulas.set(row, cols);
      cells[col] = null;
    } else cells[col] = value;
  }
  return { grid: { sheet: sheet.name, rows }, formulas };
}

function rowOf(s: WorkbookSpec, code: string): number {
  return (s.sheets[1]?.cells.findIndex((r) => r[0] === code) ?? -1) + 1;
}

const col = (key: Parameters<typeof executionColumn>[0]) =>
  String.fromCharCode(65 + executionColumn(key).index);

describe('the execution workbook', () => {
  it('lists the ministry’s activities with the year’s plan, open amounts, state and comment, and its metadata', () => {
    const s = spec();
    expect(s.sheets.map((x) => x.name)).toEqual([
      "Mode d'emploi",
      'Exécution',
      'Indicateurs',
      'Listes',
      'PAC_meta',
    ]);
    const meta = readTemplateMeta(s.sheets[4]?.cells as CellValue[][]);
    expect(meta).toMatchObject({ templateId: EXECUTION_TEMPLATE_ID, ministry: MINISTRY, period: '2024' });
    const entry = s.sheets[1] as SheetSpec;
    expect(entry.cells[4]?.[executionColumn('planned').index]).toBe('Prévu 2024');
    const codes = entry.cells
      .slice(5)
      .map((r) => r[0])
      .filter((c) => typeof c === 'string' && /^\d/.test(c));
    expect(codes).toEqual(
      index
        .activitiesOf(MINISTRY)
        .map((a) => a.code)
        .sort((a, b) => a.localeCompare(b, 'fr', { numeric: true })),
    );
    const r = rowOf(s, '1.2.1.2');
    expect(entry.cells[r - 1]?.[executionColumn('committedTotal').index]).toEqual({
      formula: `IF(COUNT(F${r}:G${r})=0,"",SUM(F${r}:G${r}))`,
    });
    expect(entry.unlocked).toContain(`F6:G${5 + codes.length}`);
  });

  it('reads a clean return with no error, and its totals as the sheet prints them', () => {
    const s = spec();
    const r = rowOf(s, '1.2.1.2');
    const reading = readExecution(
      {
        execution: content(s.sheets[1] as SheetSpec, {
          [`F${r}`]: 80,
          [`G${r}`]: 10,
          [`I${r}`]: 60,
          [`J${r}`]: 10,
          [`M${r}`]: 'En cours',
        }),
        indicators: content(s.sheets[2] as SheetSpec, { H6: 42.5 }),
      },
      readTemplateMeta(s.sheets[4]?.cells as CellValue[][]) as NonNullable<
        ReturnType<typeof readTemplateMeta>
      >,
      index,
    );
    if (reading.kind !== 'read') throw new Error('not read');
    expect(reading.findings).toEqual([]);
    const line = reading.parsed.lines.find((l) => l.activity === '1.2.1.2');
    expect(line).toMatchObject({ committedNational: m('80'), disbursedExternal: m('10'), state: 'ongoing' });
    expect(reading.parsed.indicators[0]).toMatchObject({ indicator: 0, value: 42.5 });
    const report = runExecutionChecks(index, reading.parsed, { ministry: MINISTRY, planned });
    expect(report.stats.errors).toBe(0);
  });

  it('reports text, formulas, unknown states, totals typed over, and disbursed over committed, at their cells', () => {
    const s = spec();
    const r = rowOf(s, '1.2.1.2');
    const q = rowOf(s, '3.1.1.1');
    const meta = readTemplateMeta(s.sheets[4]?.cells as CellValue[][]);
    if (!meta) throw new Error('no meta');
    const reading = readExecution(
      {
        execution: content(s.sheets[1] as SheetSpec, {
          [`F${r}`]: '1 500',
          [`G${r}`]: '=10+5',
          [`M${r}`]: 'fini',
          [`F${q}`]: 20,
          [`I${q}`]: 25,
          [`K${q}`]: 99,
        }),
        indicators: null,
      },
      meta,
      index,
    );
    if (reading.kind !== 'read') throw new Error('not read');
    const report = runExecutionChecks(index, reading.parsed, {
      ministry: MINISTRY,
      planned,
      readingFindings: reading.findings,
    });
    expect(flattenFindings(report.findings.filter((f) => f.severity === 'error'))).toEqual([
      [`Exécution!${col('committedNational')}${r}`, 'amount_as_text'],
      [`Exécution!${col('committedExternal')}${r}`, 'formula_in_input'],
      [`Exécution!${col('state')}${r}`, 'unreadable_state'],
      [`Exécution!${col('disbursedNational')}${q}`, 'disbursed_over_committed'],
      [`Exécution!${col('disbursedTotal')}${q}`, 'execution_total_mismatch'],
    ]);
  });

  it('warns of a commitment over the threshold, execution where nothing was planned, and states the amounts contradict', () => {
    const doc = ExecutionDocument.parse({
      ministry: MINISTRY,
      planId: index.plan.plan.id,
      planVersion: index.plan.plan.version,
      period: '2024',
      lines: [
        {
          activity: '1.2.1.2',
          committed: { national: 105 },
          disbursed: { national: 10 },
          state: 'not_started',
        },
        { activity: '3.1.1.1', committed: { national: 111 }, state: 'ongoing' },
        { activity: '3.1.1.2', committed: { external: 5 } },
        { activity: '3.1.1.4', state: 'done' },
        { activity: '9.9.9.1', committed: { national: 1 } },
        { activity: '1.1.1.1', committed: { national: 1 } },
      ],
    });
    const parsed = executionFromJson(doc);
    const report = runExecutionChecks(index, parsed, {
      ministry: MINISTRY,
      planned,
      threshold: 10,
      withdrawn: new Set(['9.9.9.1']),
    });
    const codes = report.findings
      .filter((f) => f.code !== 'activity_missing')
      .map((f) => [f.where.activity, f.code]);
    expect(codes).toEqual([
      ['1.2.1.2', 'execution_state_mismatch'],
      ['3.1.1.1', 'committed_over_planned'],
      ['3.1.1.2', 'execution_not_planned'],
      ['3.1.1.4', 'execution_state_mismatch'],
      ['9.9.9.1', 'execution_on_withdrawn'],
      ['1.1.1.1', 'activity_not_owned'],
    ]);
    expect(report.findings.find((f) => f.code === 'committed_over_planned')?.params).toMatchObject({
      percent: '11.0',
      threshold: '10',
    });
    // 5 % over is within the threshold: no warning for 1.2.1.2's 105 against 100.
    expect(
      report.findings.some((f) => f.code === 'committed_over_planned' && f.where.activity === '1.2.1.2'),
    ).toBe(false);
    // Back to JSON and again: the same document.
    expect(executionDocument(parsed, MINISTRY).lines).toEqual(
      ExecutionDocument.parse(executionDocument(parsed, MINISTRY)).lines,
    );
  });
});

describe('the execution consolidation', () => {
  it('rates execution against the plan per activity, result, pillar, ministry and source, and per year', () => {
    const line = (activity: string, cn: number, dn: number, de = 0) => ({
      activity,
      committed: { national: cn, external: de },
      disbursed: { national: dn, external: de },
      state: 'ongoing' as const,
    });
    const parsed = executionFromJson(
      ExecutionDocument.parse({
        ministry: MINISTRY,
        planId: index.plan.plan.id,
        planVersion: index.plan.plan.version,
        period: '2024',
        lines: [line('1.2.1.2', 80, 40, 10), line('3.1.1.1', 50, 50)],
      }),
    );
    const c = consolidateExecution(index, '2024', planned, [
      {
        ministry: MINISTRY,
        version: 2,
        state: 'submitted',
        createdAt: '2025-01-10T00:00:00Z',
        lines: parsed.lines,
        indicators: [],
      },
    ]);
    const a = c.activities.find((x) => x.activity.code === '1.2.1.2');
    expect(a?.figures.rates).toEqual({ committed: '90.0', disbursed: '50.0', disbursedOfCommitted: '55.6' });
    const mjdh = c.byMinistry.find((x) => x.ministry === MINISTRY);
    expect(mjdh?.disbursed).toEqual({ national: m('90'), external: m('10'), total: m('100') });
    expect(mjdh?.version).toBe(2);
    expect(mjdh?.reported).toBe(2);
    // Every pillar of the plan, reported on or not.
    expect(c.byPillar.map((p) => p.pillar)).toEqual(['1', '2', '3', '4', '5']);
    const pillar1 = c.byPillar[0];
    // Pillar 1 holds three MJDH activities planned at 100 each: 50 of 300.
    expect(pillar1?.rates.disbursed).toBe('16.7');
    const heat = heatTable([c, { ...c, period: '2025', year: 2025 }]);
    expect(heat.years).toEqual([2024, 2025]);
    expect(heat.rows.find((r) => r.ministry === MINISTRY)?.rates).toEqual([
      mjdh?.rates.disbursed,
      mjdh?.rates.disbursed,
    ]);
  });

  it('takes the year’s plan from the planning returns, else the plan’s cost split over its years, PM as PM', () => {
    const p = plannedForYear(index, 2023, null);
    const a = index.plan.activities.find(
      (x) => x.cost !== null && x.years.includes(2023) && x.years.length === 2,
    );
    if (!a || a.cost === null) throw new Error('no such activity');
    expect(p.get(a.code)).toEqual({ amount: m(String(a.cost / 2)), pm: false, source: 'plan' });
    const pm = index.plan.activities.find((x) => x.costNote === 'PM');
    expect(p.get(pm?.code ?? '')).toEqual({ amount: null, pm: true, source: 'plan' });
  });
});
