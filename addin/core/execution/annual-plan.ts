/**
 * The yearly action plan (« plan d'action annuel »): the activities planned for one year, with the
 * amount planned for that year and the responsible ministry, one printable sheet per ministry and
 * a summary sheet in front — what the Permanent Secretariat hands each ministry at the start of a
 * year. Amounts come from plannedForYear (the ministries' latest returns, else the plan's cost
 * split over its years, said in a column); PM activities are listed as PM. Built as a WorkbookSpec,
 * so the service renders it as .xlsx with the same renderer as the templates, A4 and paged.
 */
import type { Lang } from '../layout.ts';
import { type Money, moneyToNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { outline } from '../template/entry-sheet.ts';
import { columnRect, rangeA1 } from '../workbook-spec/ranges.ts';
import { emptySheet, LINE_HEIGHT, wrappedHeight } from '../workbook-spec/sheet.ts';
import {
  AMOUNT_FORMAT,
  type SheetSpec,
  type SpecCell,
  type TemplateMeta,
  type WorkbookSpec,
} from '../workbook-spec/spec.ts';
import type { Planned } from './model.ts';

export const ANNUAL_PLAN_ID = 'pac-annual-plan';

interface AnnualWording {
  summarySheet: string;
  title: (year: number, plan: string) => string;
  ministryTitle: (code: string, name: string, year: number) => string;
  headers: {
    code: string;
    title: string;
    result: string;
    responsible: string;
    amount: (y: number) => string;
    source: string;
    partners: string;
  };
  summaryHeaders: {
    ministry: string;
    name: string;
    activities: string;
    pm: string;
    amount: (y: number) => string;
  };
  sources: Record<Planned['source'], string>;
  total: string;
  note: string;
}

const WORDING: Record<Lang, AnnualWording> = {
  fr: {
    summarySheet: 'Synthèse',
    title: (year, plan) => `Plan d'action annuel ${year} — ${plan}`,
    ministryTitle: (code, name, year) => `${code} — ${name} : activités prévues en ${year}`,
    headers: {
      code: 'Code',
      title: 'Activité',
      result: 'Résultat',
      responsible: 'Responsable',
      amount: (y) => `Prévu ${y} (millions FCFA)`,
      source: 'Source du montant',
      partners: 'Partenaires',
    },
    summaryHeaders: {
      ministry: 'Ministère',
      name: 'Nom',
      activities: 'Activités prévues',
      pm: 'dont PM',
      amount: (y) => `Prévu ${y} (millions FCFA)`,
    },
    sources: { return: 'retour du ministère', plan: 'coût du plan réparti', none: '—' },
    total: 'TOTAL',
    note: 'Montants en millions de FCFA. « PM » : inscrite pour mémoire, sans montant — ce n’est pas zéro.',
  },
  en: {
    summarySheet: 'Summary',
    title: (year, plan) => `Annual action plan ${year} — ${plan}`,
    ministryTitle: (code, name, year) => `${code} — ${name}: activities planned in ${year}`,
    headers: {
      code: 'Code',
      title: 'Activity',
      result: 'Result',
      responsible: 'Responsible',
      amount: (y) => `Planned ${y} (million FCFA)`,
      source: 'Source of the amount',
      partners: 'Partners',
    },
    summaryHeaders: {
      ministry: 'Ministry',
      name: 'Name',
      activities: 'Activities planned',
      pm: 'of which PM',
      amount: (y) => `Planned ${y} (million FCFA)`,
    },
    sources: { return: "ministry's return", plan: "plan's cost split", none: '—' },
    total: 'TOTAL',
    note: 'Amounts in million FCFA. "PM": listed for the record, with no amount — it is not zero.',
  },
};

/** Activities planned in `year`: an amount for it, PM, or the year among their execution years. */
function plannedIn(a: Activity, year: number, planned: Planned | undefined): boolean {
  return (planned?.amount ?? 0n) !== 0n || a.years.includes(year);
}

const HEADER_ROW = 3;

export function annualPlanSpec(
  index: PlanIndex,
  year: number,
  planned: ReadonlyMap<string, Planned>,
  opts: { lang: Lang; generatedAt: string },
): WorkbookSpec {
  const w = WORDING[opts.lang];
  const ordered = outline(index, index.plan.activities).flatMap((p) =>
    p.objectives.flatMap((o) => o.results.flatMap((r) => r.activities)),
  );
  const perMinistry = new Map<string, Activity[]>();
  for (const a of ordered) {
    if (!plannedIn(a, year, planned.get(a.code))) continue;
    const list = perMinistry.get(a.responsible) ?? [];
    list.push(a);
    perMinistry.set(a.responsible, list);
  }
  const ministries = index.plan.ministries.filter((m) => perMinistry.has(m.code));
  const frame = (who: string): SheetSpec['print'] => ({
    landscape: true,
    fitToWidth: true,
    repeatRows: { from: HEADER_ROW, to: HEADER_ROW },
    header: { left: [who], center: [], right: [w.title(year, index.plan.plan.id)] },
    footer: {
      left: [{ field: 'date' }],
      center: [{ field: 'sheet' }],
      right: [{ field: 'page' }, ' / ', { field: 'pages' }],
    },
  });

  const summary = emptySheet('other', w.summarySheet);
  const sh = w.summaryHeaders;
  summary.columns = [{ width: 12 }, { width: 50 }, { width: 14 }, { width: 10 }, { width: 18 }];
  summary.cells = [
    [w.title(year, index.plan.plan.title)],
    [w.note],
    [sh.ministry, sh.name, sh.activities, sh.pm, sh.amount(year)],
  ];
  for (const m of ministries) {
    const list = perMinistry.get(m.code) ?? [];
    const amount = list.reduce<Money>((s, a) => s + (planned.get(a.code)?.amount ?? 0n), 0n);
    summary.cells.push([
      m.code,
      m.name,
      list.length,
      list.filter((a) => planned.get(a.code)?.pm).length,
      moneyToNumber(amount),
    ]);
  }
  const lastRow = summary.cells.length;
  summary.cells.push([
    w.total,
    null,
    { formula: `SUM(${rangeA1(columnRect(2, HEADER_ROW + 1, lastRow))})` },
    { formula: `SUM(${rangeA1(columnRect(3, HEADER_ROW + 1, lastRow))})` },
    { formula: `SUM(${rangeA1(columnRect(4, HEADER_ROW + 1, lastRow))})` },
  ]);
  summary.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'note' },
    { range: `A${HEADER_ROW}:E${HEADER_ROW}`, style: 'header' },
    { range: `A${lastRow + 1}:E${lastRow + 1}`, style: 'grandTotalRow' },
  );
  if (lastRow > HEADER_ROW)
    summary.styles.push({ range: `A${HEADER_ROW + 1}:E${lastRow}`, style: 'lockedText' });
  summary.numberFormats.push({ range: `E${HEADER_ROW + 1}:E${lastRow + 1}`, format: AMOUNT_FORMAT });
  summary.print = frame(index.plan.plan.id);
  summary.protect = false;

  const sheets: SheetSpec[] = [summary];
  for (const m of ministries) {
    const list = perMinistry.get(m.code) ?? [];
    const s = emptySheet('other', m.code.slice(0, 31));
    const h = w.headers;
    s.columns = [
      { width: 10 },
      { width: 60 },
      { width: 9 },
      { width: 14 },
      { width: 16 },
      { width: 20 },
      { width: 30 },
    ];
    s.cells = [
      [w.ministryTitle(m.code, m.name, year)],
      [w.note],
      [h.code, h.title, h.result, h.responsible, h.amount(year), h.source, h.partners],
    ];
    const heights: Record<number, number> = { [HEADER_ROW]: 2 * LINE_HEIGHT };
    for (const a of list) {
      const p = planned.get(a.code);
      const amount: SpecCell = p?.pm ? 'PM' : p?.amount != null ? moneyToNumber(p.amount) : null;
      s.cells.push([
        a.code,
        a.title,
        a.result,
        a.responsibleAsWritten,
        amount,
        w.sources[p?.source ?? 'none'],
        a.partnersAsWritten,
      ]);
      heights[s.cells.length] = Math.max(LINE_HEIGHT, wrappedHeight(a.title, 60));
    }
    const last = s.cells.length;
    s.cells.push([
      w.total,
      null,
      null,
      null,
      { formula: `SUM(${rangeA1(columnRect(4, HEADER_ROW + 1, Math.max(last, HEADER_ROW + 1)))})` },
    ]);
    s.rowHeights = heights;
    s.styles.push(
      { range: 'A1', style: 'title' },
      { range: 'A2', style: 'note' },
      { range: `A${HEADER_ROW}:G${HEADER_ROW}`, style: 'header' },
      { range: `A${last + 1}:G${last + 1}`, style: 'grandTotalRow' },
    );
    if (last > HEADER_ROW) s.styles.push({ range: `A${HEADER_ROW + 1}:G${last}`, style: 'lockedText' });
    s.numberFormats.push({ range: `E${HEADER_ROW + 1}:E${last + 1}`, format: AMOUNT_FORMAT });
    s.freeze = { rows: HEADER_ROW, columns: 0 };
    s.print = frame(`${m.code} — ${m.name}`.slice(0, 60));
    s.protect = false;
    sheets.push(s);
  }
  const meta: TemplateMeta = {
    templateId: ANNUAL_PLAN_ID,
    templateVersion: '1',
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    ministry: null,
    lang: opts.lang,
    generatedAt: opts.generatedAt,
    years: [year],
  };
  return { sheets, meta };
}
