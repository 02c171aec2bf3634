// The whole chain on plans that are not the PNLEVT, and on the PNLEVT: a planner's workbook
// imported (`pac plan import`'s function), the plan hosted by a fresh service, each ministry's
// template made from the plan the service serves (as the add-in does), filled as a person would,
// recalculated by LibreOffice (every formula total against the core's exact figures), read and
// validated by the reader the add-ins use, sent through the HTTP upload, and consolidated (JSON
// and workbook, the workbook recalculated by LibreOffice too). On SQLite, and on PostgreSQL when
// PAC_TEST_PG_URL is set.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Activity,
  CHECK_ORDER,
  columnLetter,
  DEFAULT_AMOUNT_UNIT,
  indexPlan,
  type Line,
  type LineField,
  type Money,
  messageOf,
  moneyToNumber,
  Plan,
  type PlanIndex,
  planWords,
  readEntryGrid,
  SUMMARY_HEADER_ROW,
  templateActivities,
} from '#core';
import { importPlanWorkbook } from '../../../server/plan-import/import-plan.ts';
import { type CheckedFile, validateWorkbook } from '../../../server/returns/validate-file.ts';
import { templateFile } from '../../../server/xlsx/template-file.ts';
import { planWorkbook } from '../../fixtures/plan-workbooks.ts';
import { type Service, startService } from '../http/harness.ts';
import { BACKENDS, PG_SKIP_REASON, PG_URL } from '../store/backends.ts';
import { hasLibreOffice, NEEDS_LIBREOFFICE, recalculate } from '../xlsx/libreoffice.ts';
import { worksheetGrid } from '../xlsx/workbook-helpers.ts';
import {
  amountFields,
  CHAIN_PLANS,
  type ChainPlan,
  columnA,
  countedLines,
  exact,
  type Filled,
  fillTemplate,
  MINISTRIES,
  sums,
  type Typed,
  typedAmount,
  workbookCells,
  workbookTexts,
} from './chain.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const GENERATED_AT = '2026-01-15T09:00:00Z';
const LO = hasLibreOffice();
if (!LO)
  console.warn(`whole-chain.test.ts: the LibreOffice recalculations are skipped — ${NEEDS_LIBREOFFICE}`);

/** What one backend's service answered. */
interface Hosted {
  backend: string;
  servedPlan: Plan;
  /** The ministry templates made from the served plan (ministry part, as the add-in asks for it). */
  templates: Map<string, Uint8Array>;
  uploads: Map<string, { status: number; body: Record<string, unknown> }>;
  consolidated: { status: number; body: Record<string, unknown> };
  workbook: Uint8Array;
}

interface Run {
  plan: Plan;
  index: PlanIndex;
  importReport: { blocking: number; findings: unknown[] };
  hosted: Hosted[];
  filled: Map<string, Filled>;
  validated: Map<string, CheckedFile>;
  /** The filled templates and the consolidated workbooks, recalculated by LibreOffice. */
  recalculated: Map<string, ExcelJS.Workbook>;
}

async function importPlan(c: ChainPlan): Promise<Run['importReport'] & { plan: Plan }> {
  const bytes = await planWorkbook(c.source, c.layout);
  const outcome = await importPlanWorkbook(bytes, {
    fileName: `${c.id}.xlsx`,
    id: c.id,
    adopted: c.adopted,
    directory: await c.directory(),
  });
  if (outcome.kind !== 'read' || outcome.plan === null) throw new Error(`${c.name}: not imported`);
  return { plan: outcome.plan, blocking: outcome.report.blocking, findings: outcome.report.findings };
}

/** Host the plan, make each ministry's template from what the service serves, send the filled files, consolidate. */
async function host(
  backend: (typeof BACKENDS)[number],
  plan: Plan,
  fill: (ministry: string, template: Uint8Array) => Promise<Uint8Array>,
): Promise<Hosted> {
  const s: Service = await startService(backend, {}, {}, { plan });
  try {
    const served = await s.json('/api/plan');
    const templates = new Map<string, Uint8Array>();
    const uploads = new Map<string, { status: number; body: Record<string, unknown> }>();
    for (const ministry of MINISTRIES) {
      const token = await s.token('ministry', ministry, `CPS ${ministry}`);
      // The ministry's part of the plan, as the add-in fetches it, and the template made from it.
      const part = await s.json(`/api/plan?ministry=${ministry}`, { token });
      const index = indexPlan(Plan.parse(part.body.plan));
      const { buffer } = await templateFile(index, { ministry, lang: 'fr', generatedAt: GENERATED_AT });
      templates.set(ministry, buffer);
      const r = await s.json('/api/returns/upload', {
        token,
        body: new Uint8Array(await fill(ministry, buffer)),
        headers: { 'content-type': XLSX, 'x-file-name': `retour-${ministry}.xlsx` },
      });
      uploads.set(ministry, r);
    }
    const consolidated = await s.json('/api/consolidated');
    const xlsx = await s.call('/api/consolidated/workbook.xlsx');
    return {
      backend: backend.name,
      servedPlan: Plan.parse(served.body.plan),
      templates,
      uploads,
      consolidated,
      workbook: new Uint8Array(await xlsx.arrayBuffer()),
    };
  } finally {
    await s.db.cleanup();
  }
}

describe.each(CHAIN_PLANS)('the whole chain on a plan of $name', (c) => {
  const run = {} as Run;
  const words = () => planWords(run.plan);
  const years = () => run.index.years;

  beforeAll(async () => {
    const imported = await importPlan(c);
    run.plan = imported.plan;
    run.index = indexPlan(imported.plan);
    run.importReport = imported;
    run.filled = new Map();
    run.validated = new Map();
    run.recalculated = new Map();
    // Every backend gets the same filled files: the first one's are kept and sent to the others.
    const fill = async (ministry: string, template: Uint8Array) => {
      let filled = run.filled.get(ministry);
      if (!filled) {
        filled = await fillTemplate(template, run.index, ministry);
        run.filled.set(ministry, filled);
      }
      return filled.bytes;
    };
    run.hosted = [];
    for (const backend of BACKENDS) run.hosted.push(await host(backend, run.plan, fill));
    for (const [ministry, filled] of run.filled) {
      const checked = await validateWorkbook(filled.bytes, run.index);
      if (checked.kind !== 'checked') throw new Error(`${ministry}: ${JSON.stringify(checked.problem)}`);
      run.validated.set(ministry, checked);
    }
    if (!LO) return;
    // One LibreOffice run for every workbook of this plan: the filled templates and the
    // consolidated workbook of each backend.
    const dir = mkdtempSync(join(tmpdir(), `pac-chain-${c.id}-`));
    const files = new Map<string, Uint8Array>();
    for (const [ministry, filled] of run.filled) files.set(`filled-${ministry}`, filled.bytes);
    for (const h of run.hosted) files.set(`consolidated-${h.backend}`, h.workbook);
    for (const [name, bytes] of files) writeFileSync(join(dir, `${name}.xlsx`), bytes);
    await recalculate(
      [...files.keys()].map((name) => join(dir, `${name}.xlsx`)),
      join(dir, 'out'),
    );
    for (const name of files.keys()) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, 'out', `${name}.xlsx`));
      run.recalculated.set(name, wb);
    }
  }, 300_000);

  afterAll(() => {
    run.recalculated?.clear();
  });

  it('imports the workbook into the plan it was written from, without a blocking finding', () => {
    expect(run.importReport.blocking).toBe(0);
    const facts = (a: Activity) => [a.code, a.result, a.objective, a.pillar, a.cost, a.costNote, a.years];
    expect(run.plan.activities.map(facts)).toEqual(c.source.activities.map(facts));
    expect(run.plan.plan.years).toEqual(c.source.plan.years);
    // The shipped plan states no unit: millions of FCFA, which the import writes down.
    expect(run.plan.plan.amountUnit).toEqual(c.source.plan.amountUnit ?? DEFAULT_AMOUNT_UNIT);
  });

  it.each(BACKENDS.map((b) => b.name))('is hosted by a fresh service as its plan [%s]', (backend) => {
    const h = run.hosted.find((x) => x.backend === backend) as Hosted;
    expect(h.servedPlan).toEqual(run.plan);
  });

  it('gives each ministry a template of the plan’s shape: its levels, years and unit', async () => {
    const h = run.hosted[0] as Hosted;
    for (const ministry of MINISTRIES) {
      const bytes = h.templates.get(ministry) as Uint8Array;
      // The same template whatever the backend that served the plan (the zip's own dates aside).
      for (const other of run.hosted)
        expect(await workbookCells(other.templates.get(ministry) as Uint8Array)).toEqual(
          await workbookCells(bytes),
        );
      const labels = (await columnA(bytes, 'Saisie')).filter((t) => /^(Pilier|OS|R) /.test(t));
      const filled = run.filled.get(ministry) as Filled;
      expect(filled.template.map((l) => l.activity)).toEqual(
        templateActivities(run.index, ministry).map((a) => a.code),
      );
      if (words().objectives) expect(labels.some((t) => t.startsWith('OS '))).toBe(true);
      else {
        // No OS level: results right under their pillar, with codes of two parts.
        expect(labels.filter((t) => t.startsWith('OS'))).toEqual([]);
        expect(labels.filter((t) => t.startsWith('R ')).every((t) => /^R \d+\.\d+$/.test(t))).toBe(true);
        expect(filled.template.every((l) => /^\d+\.\d+\.\d+$/.test(l.activity ?? ''))).toBe(true);
      }
      const texts = await workbookTexts(bytes);
      const n = years().length;
      expect(texts).toContain(`AN ${['I', 'II', 'III', 'IV', 'V', 'VI', 'VII'][n - 1]}`);
      expect(
        texts.some((t) => t.includes('positif ou nul')),
        'the validation prompts are read',
      ).toBe(true);
      expect(texts.filter((t) => c.unitWords.fr.test(t)).length).toBeGreaterThan(3);
      if (c.forbidden) expect(texts.filter((t) => c.forbidden?.test(t))).toEqual([]);
    }
  });

  it('reads and validates each filled file with the add-ins’ reader: what was typed, no error', () => {
    for (const [ministry, checked] of run.validated) {
      const filled = run.filled.get(ministry) as Filled;
      expect(checked.readingFindings).toEqual([]);
      expect(checked.report.stats.errors, ministry).toBe(0);
      // What is read is what was typed, to the millionth of the unit.
      const fields = amountFields(years());
      const read = checked.parsed.lines
        .filter((l) => l.nature === 'costed')
        .map((l) => [l.activity, ...fields.map((f) => num(lineAmount(l, f)))]);
      const typed = filled.typed.map((t) => [t.activity, ...fields.map((f) => num(typedAmount(t, f)))]);
      expect(read).toEqual(typed);
      // Warnings (the gap to the envelope) are worded in the plan's unit, in French and English.
      for (const f of checked.report.findings) {
        for (const lang of ['fr', 'en'] as const) {
          const text = messageOf(f, lang, words());
          if (c.forbidden) expect(text).not.toMatch(c.forbidden);
          if (/envelope_gap/.test(f.code)) expect(text).toMatch(c.unitWords[lang]);
        }
      }
    }
  });

  it.each(BACKENDS.map((b) => b.name))(
    'takes each file through the HTTP upload, without an error [%s]',
    (backend) => {
      const h = run.hosted.find((x) => x.backend === backend) as Hosted;
      for (const ministry of MINISTRIES) {
        const r = h.uploads.get(ministry);
        expect(r?.status, JSON.stringify(r?.body).slice(0, 400)).toBe(201);
        expect(r?.body.receipt).toMatchObject({ ministry, version: 1, errors: 0, planId: c.id });
      }
    },
  );

  it.each(BACKENDS.map((b) => b.name))(
    'consolidates the returns: every row, pillar, year and the TOTAL as the lines that count add up [%s]',
    (backend) => {
      const h = run.hosted.find((x) => x.backend === backend) as Hosted;
      expect(h.consolidated.status).toBe(200);
      const body = h.consolidated.body as {
        unit: unknown;
        objectives: boolean;
        years: number[];
        rows: { pillar: string; ministry: string; amounts: Amounts }[];
        byPillar: { pillar: string; amounts: Amounts }[];
        total: { amounts: Amounts };
        activities: {
          activity: { code: string; objective: string | null };
          counted: { ministry: string } | null;
        }[];
      };
      expect(body.years).toEqual(years());
      expect(body.unit).toEqual(run.plan.plan.amountUnit ?? { currency: 'FCFA', multiplier: 1_000_000 });
      expect(body.objectives).toBe(words().objectives);
      const counted = countedLines(run.plan, typedByMinistry(run));
      const of = (pick: (a: Activity) => boolean) =>
        run.plan.activities
          .filter(pick)
          .flatMap((a) => (counted.has(a.code) ? [counted.get(a.code) as Typed] : []));
      const shown = (a: Amounts) =>
        [...years().map((y) => a.years[String(y)] ?? 0), a.total, a.national, a.external].map(exact);
      for (const row of body.rows)
        expect(shown(row.amounts), `${row.pillar} / ${row.ministry}`).toEqual(
          sums(
            of((a) => a.pillar === row.pillar && a.responsible === row.ministry),
            years(),
          ),
        );
      for (const p of body.byPillar)
        expect(shown(p.amounts), `pillar ${p.pillar}`).toEqual(
          sums(
            of((a) => a.pillar === p.pillar),
            years(),
          ),
        );
      expect(shown(body.total.amounts)).toEqual(sums([...counted.values()], years()));
      expect(body.total.amounts.total).toBeGreaterThan(0);
      // A joint activity counts its lead's line; a plan without objectives names none.
      const joint = run.plan.activities.find((a) => a.responsible === 'MARCC' && a.jointWith.includes('MRN'));
      expect(body.activities.find((d) => d.activity.code === joint?.code)?.counted?.ministry).toBe('MARCC');
      expect(body.activities.every((d) => (d.activity.objective === null) === !words().objectives)).toBe(
        true,
      );
    },
  );

  it.each(BACKENDS.map((b) => b.name))(
    'writes the consolidated workbook in the plan’s unit, without OS rows, PAC’s figures as the JSON’s [%s]',
    async (backend) => {
      const h = run.hosted.find((x) => x.backend === backend) as Hosted;
      const texts = await workbookTexts(h.workbook);
      expect(texts.filter((t) => c.unitWords.fr.test(t)).length).toBeGreaterThan(0);
      if (c.forbidden) expect(texts.filter((t) => c.forbidden?.test(t))).toEqual([]);
      const detail = await columnA(h.workbook, 'Détail');
      expect(detail.filter((t) => /^(OS|R|Pilier) /.test(t))).toEqual([]);
      expect(detail.filter((t) => run.index.activity(t)).length).toBe(run.plan.activities.length);
    },
  );

  describe.skipIf(!LO)(`recalculated by LibreOffice (${NEEDS_LIBREOFFICE})`, () => {
    const sheetGrid = (name: string, sheet: string) => {
      const ws = run.recalculated.get(name)?.getWorksheet(sheet);
      if (!ws) throw new Error(`no sheet ${sheet} in ${name}`);
      return worksheetGrid(ws);
    };

    it('every formula of the filled templates gives the core’s exact figure', () => {
      for (const ministry of MINISTRIES) {
        const filled = run.filled.get(ministry) as Filled;
        const byCode = new Map(filled.typed.map((t) => [t.activity, t]));
        const reading = readEntryGrid(sheetGrid(`filled-${ministry}`, 'Saisie'), years(), words());
        expect(reading.findings).toEqual([]);
        // Line totals.
        for (const line of reading.lines) {
          const t = byCode.get(line.activity ?? '');
          expect(num(line.total), line.activity ?? '').toEqual(t ? num(typedAmount(t, 'total')) : null);
        }
        // Roll-up rows: each the exact sum of the lines under it; no OS row without objectives.
        const levels = new Set(reading.subtotals.map((s) => s.level));
        expect(levels.has('objective')).toBe(words().objectives);
        for (const s of reading.subtotals) {
          const under = filled.typed.filter((t) => {
            if (s.level === 'grand') return true;
            const a = run.index.activity(t.activity) as Activity;
            return a[s.level as 'pillar' | 'objective' | 'result'] === s.key;
          });
          const shown = amountFields(years()).map((f) => num(lineAmount(s.amounts, f) ?? 0n));
          expect(shown, `${s.level} ${s.key}`).toEqual(sums(under, years()));
        }
        // The summary sheet: one row per pillar and lead ministry, then TOTAL.
        const summary = sheetGrid(`filled-${ministry}`, 'Synthèse');
        const pillarOf = new Map(run.plan.pillars.map((p) => [p.name, p.code]));
        let row = SUMMARY_HEADER_ROW + 1;
        for (; summary.rows[row - 1]?.[0] !== 'TOTAL'; row++) {
          const cells = summary.rows[row - 1] ?? [];
          const pillar = pillarOf.get(String(cells[0]));
          const lead = String(cells[1]);
          const under = filled.typed.filter((t) => {
            const a = run.index.activity(t.activity) as Activity;
            return a.pillar === pillar && a.responsible === lead;
          });
          const shown = amountFields(years()).map((_, k) => exact(cells[2 + k] ?? 0));
          expect(shown, `${cells[0]} / ${lead}`).toEqual(sums(under, years()));
        }
        const total = summary.rows[row - 1] ?? [];
        expect(amountFields(years()).map((_, k) => exact(total[2 + k] ?? 0))).toEqual(
          sums(filled.typed, years()),
        );
        // The checks sheet says OK everywhere: the values typed are consistent.
        const checks = sheetGrid(`filled-${ministry}`, 'Contrôles');
        expect(CHECK_ORDER.map((_, i) => checks.rows[4 + i]?.[2])).toEqual(CHECK_ORDER.map(() => 'OK'));
      }
    });

    it('reads the file LibreOffice saved as the one typed: the same lines, no error', async () => {
      for (const ministry of MINISTRIES) {
        const wb = run.recalculated.get(`filled-${ministry}`) as ExcelJS.Workbook;
        const checked = await validateWorkbook(new Uint8Array(await wb.xlsx.writeBuffer()), run.index);
        if (checked.kind !== 'checked') throw new Error(JSON.stringify(checked.problem));
        expect(checked.report.stats.errors).toBe(0);
        const lines = (r: CheckedFile) =>
          r.payload.lines.map((l) => [l.activity, l.years, l.national, l.external]);
        expect(lines(checked)).toEqual(lines(run.validated.get(ministry) as CheckedFile));
      }
    });

    it.each(BACKENDS.map((b) => b.name))(
      'the consolidated workbook’s formulas agree with PAC’s figures everywhere [%s]',
      (backend) => {
        const name = `consolidated-${backend}`;
        const wb = run.recalculated.get(name) as ExcelJS.Workbook;
        let ok = 0;
        const mismatches: string[] = [];
        for (const ws of wb.worksheets) {
          const grid = worksheetGrid(ws);
          grid.rows.forEach((r, i) => {
            r.forEach((v, k) => {
              if (v === 'OK') ok++;
              if (v === 'ÉCART') mismatches.push(`${ws.name}!${columnLetter(k)}${i + 1}`);
            });
          });
        }
        expect(mismatches).toEqual([]);
        expect(ok).toBeGreaterThan(run.plan.pillars.length);
        // The TOTAL of Synthèse, recomputed by LibreOffice from Détail, is the lines that count.
        const summary = sheetGrid(name, 'Synthèse');
        const total = summary.rows.find((r) => r[0] === 'TOTAL') ?? [];
        expect(amountFields(years()).map((_, k) => exact(total[2 + k] ?? 0))).toEqual(
          sums([...countedLines(run.plan, typedByMinistry(run)).values()], years()),
        );
      },
    );
  });

  if (!PG_URL) it.skip(`runs on PostgreSQL too — ${PG_SKIP_REASON}`, () => {});
});

interface Amounts {
  years: Record<string, number | null>;
  total: number;
  national: number;
  external: number;
}

/** An amount as a number of the plan's unit; null stays null. */
const num = (m: Money | null | undefined) => (m === null || m === undefined ? null : moneyToNumber(m));

function lineAmount(l: Pick<Line, 'years' | 'total' | 'national' | 'external'>, f: LineField): Money | null {
  if (f.startsWith('year:')) return l.years[Number(f.slice(5))] ?? null;
  return l[f as 'total' | 'national' | 'external'];
}

function typedByMinistry(run: Run): Map<string, Typed[]> {
  return new Map([...run.filled].map(([m, f]) => [m, f.typed]));
}
