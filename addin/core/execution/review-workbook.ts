/**
 * The execution part of the consolidated workbook, laid out for the annual review meeting: a
 * summary sheet (each pillar, each ministry and each funding source, planned against committed and
 * disbursed, with the rates) and one sheet per pillar that prints on one page — its results, their
 * activities with the ministry, what was planned for the year, committed, disbursed, the rate and
 * the state, and the results' indicators against baseline and target. Values only (it is derived
 * data, rebuilt from the returns); amounts in the plan's unit.
 */
import type { Lang } from '../layout.ts';
import { type Money, moneyToNumber } from '../money.ts';
import { emptySheet, wrappedHeight } from '../workbook-spec/sheet.ts';
import { AMOUNT_FORMAT, type SheetSpec, type SpecCell } from '../workbook-spec/spec.ts';
import type { ExecutionConsolidation, ExecutionFigures } from './consolidate.ts';
import type { ExecutionState } from './model.ts';
import { EXECUTION_WORDING } from './wording.ts';

interface ReviewWording {
  summary: (period: string) => string;
  pillarSheet: (code: string) => string;
  title: (period: string) => string;
  pillarTitle: (code: string, name: string, period: string) => string;
  headers: string[];
  summaryHeaders: string[];
  byPillar: string;
  byMinistry: string;
  bySource: string;
  national: string;
  external: string;
  total: string;
  indicators: string;
  indicatorHeaders: string[];
  notReported: string;
}

const WORDING: Record<Lang, ReviewWording> = {
  fr: {
    summary: (p) => `Exécution ${p}`,
    pillarSheet: (c) => `Exéc. pilier ${c}`,
    title: (p) => `Exécution du plan — période ${p} (montants en millions de FCFA)`,
    pillarTitle: (c, n, p) => `Pilier ${c} — ${n} : exécution ${p}`,
    headers: ['Code', 'Activité', 'Ministère', 'Prévu', 'Engagé', 'Décaissé', 'Taux de décaissement', 'État'],
    summaryHeaders: [
      '',
      'Prévu',
      'Engagé',
      'Décaissé',
      'Taux d’engagement',
      'Taux de décaissement',
      'Activités rapportées',
    ],
    byPillar: 'Par pilier',
    byMinistry: 'Par ministère',
    bySource: 'Par source de financement',
    national: 'Budget national',
    external: 'Extérieur',
    total: 'TOTAL',
    indicators: 'Indicateurs des résultats',
    indicatorHeaders: [
      'Résultat',
      'Indicateur',
      'Unité',
      'Référence',
      'Cible',
      'Valeur atteinte',
      'Progrès (%)',
    ],
    notReported: 'non rapportée',
  },
  en: {
    summary: (p) => `Execution ${p}`,
    pillarSheet: (c) => `Exec. pillar ${c}`,
    title: (p) => `Execution of the plan — period ${p} (amounts in million FCFA)`,
    pillarTitle: (c, n, p) => `Pillar ${c} — ${n}: execution ${p}`,
    headers: [
      'Code',
      'Activity',
      'Ministry',
      'Planned',
      'Committed',
      'Disbursed',
      'Disbursement rate',
      'State',
    ],
    summaryHeaders: [
      '',
      'Planned',
      'Committed',
      'Disbursed',
      'Commitment rate',
      'Disbursement rate',
      'Activities reported',
    ],
    byPillar: 'By pillar',
    byMinistry: 'By ministry',
    bySource: 'By funding source',
    national: 'National budget',
    external: 'External',
    total: 'TOTAL',
    indicators: "Results' indicators",
    indicatorHeaders: ['Result', 'Indicator', 'Unit', 'Baseline', 'Target', 'Value reached', 'Progress (%)'],
    notReported: 'not reported',
  },
};

const n = (v: Money) => moneyToNumber(v);
/** A rate as a number (87.5 for "87.5"), or empty. */
const rate = (r: string | null): SpecCell => (r === null ? null : Number(r));

function figureRow(label: string, f: ExecutionFigures): SpecCell[] {
  return [
    label,
    n(f.planned),
    n(f.committed.total),
    n(f.disbursed.total),
    rate(f.rates.committed),
    rate(f.rates.disbursed),
    `${f.reported} / ${f.activities}`,
  ];
}

const RATE_FORMAT = '0.0';

export function executionReviewSheets(c: ExecutionConsolidation, lang: Lang): SheetSpec[] {
  const w = WORDING[lang];
  const states = EXECUTION_WORDING[lang].states;
  const summary = emptySheet('other', w.summary(c.period).slice(0, 31));
  summary.protect = false;
  summary.columns = [
    { width: 42 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 14 },
    { width: 12 },
  ];
  const rows: SpecCell[][] = [[w.title(c.period)], []];
  const headings: number[] = [];
  const block = (heading: string, lines: SpecCell[][]) => {
    rows.push([heading]);
    headings.push(rows.length);
    rows.push(w.summaryHeaders);
    headings.push(-rows.length);
    rows.push(...lines);
    rows.push([]);
  };
  block(w.byPillar, [
    ...c.byPillar.map((p) => figureRow(`${p.pillar} — ${p.name}`, p)),
    figureRow(w.total, c.total),
  ]);
  block(
    w.byMinistry,
    c.byMinistry.map((m) => figureRow(`${m.ministry} — ${m.name}`, m)),
  );
  const source = (label: string, committed: Money, disbursed: Money): SpecCell[] => [
    label,
    null,
    n(committed),
    n(disbursed),
    null,
    null,
    null,
  ];
  block(w.bySource, [
    source(w.national, c.total.committed.national, c.total.disbursed.national),
    source(w.external, c.total.committed.external, c.total.disbursed.external),
  ]);
  summary.cells = rows;
  summary.styles.push({ range: 'A1', style: 'title' });
  for (const h of headings) {
    if (h > 0) summary.styles.push({ range: `A${h}`, style: 'subtitle' });
    else summary.styles.push({ range: `A${-h}:G${-h}`, style: 'header' });
  }
  summary.numberFormats.push(
    { range: `B3:D${rows.length}`, format: AMOUNT_FORMAT },
    { range: `E3:F${rows.length}`, format: RATE_FORMAT },
  );
  summary.print = { landscape: true, fitToWidth: true, pagesTall: 1 };

  const sheets = [summary];
  for (const pillar of c.byPillar) {
    const s = emptySheet('other', w.pillarSheet(pillar.pillar).slice(0, 31));
    s.protect = false;
    s.columns = [
      { width: 10 },
      { width: 58 },
      { width: 11 },
      { width: 12 },
      { width: 12 },
      { width: 12 },
      { width: 13 },
      { width: 14 },
    ];
    const cells: SpecCell[][] = [[w.pillarTitle(pillar.pillar, pillar.name, c.period)], [], w.headers];
    const styles: SheetSpec['styles'] = [
      { range: 'A1', style: 'title' },
      { range: 'A3:H3', style: 'header' },
    ];
    const heights: Record<number, number> = {};
    for (const r of c.byResult.filter((x) => x.pillar === pillar.pillar)) {
      cells.push([
        `R ${r.result}`,
        r.title,
        null,
        n(r.planned),
        n(r.committed.total),
        n(r.disbursed.total),
        rate(r.rates.disbursed),
        null,
      ]);
      styles.push({ range: `A${cells.length}:H${cells.length}`, style: 'resultRow' });
      heights[cells.length] = wrappedHeight(r.title, 58);
      for (const a of c.activities.filter((x) => x.activity.result === r.result)) {
        const line = a.counted?.line;
        const state: ExecutionState | null = line?.state ?? null;
        cells.push([
          a.activity.code,
          a.activity.title,
          a.counted?.ministry ?? a.activity.responsible,
          a.planned.pm ? 'PM' : a.planned.amount === null ? null : n(a.planned.amount),
          n(a.figures.committed.total),
          n(a.figures.disbursed.total),
          rate(a.figures.rates.disbursed),
          line ? (state ? states[state] : null) : w.notReported,
        ]);
        heights[cells.length] = wrappedHeight(a.activity.title, 58);
      }
    }
    cells.push([
      w.total,
      null,
      null,
      n(pillar.planned),
      n(pillar.committed.total),
      n(pillar.disbursed.total),
      rate(pillar.rates.disbursed),
      null,
    ]);
    styles.push({ range: `A${cells.length}:H${cells.length}`, style: 'grandTotalRow' });
    const last = cells.length;
    const indicators = c.indicators.filter((i) =>
      c.byResult.some((r) => r.result === i.result && r.pillar === pillar.pillar),
    );
    if (indicators.length > 0) {
      cells.push([], [w.indicators], w.indicatorHeaders);
      styles.push(
        { range: `A${cells.length - 1}`, style: 'subtitle' },
        { range: `A${cells.length}:G${cells.length}`, style: 'header' },
      );
      for (const i of indicators) {
        cells.push([
          i.result,
          i.text,
          i.unit,
          i.baseline,
          i.target,
          i.value,
          i.progress === null ? null : Number(i.progress),
        ]);
        heights[cells.length] = wrappedHeight(i.text, 58);
      }
    }
    s.cells = cells;
    s.styles = styles;
    s.rowHeights = heights;
    s.numberFormats.push(
      { range: `D4:F${last}`, format: AMOUNT_FORMAT },
      { range: `G4:G${last}`, format: RATE_FORMAT },
    );
    s.print = { landscape: true, fitToWidth: true, pagesTall: 1, repeatRows: { from: 3, to: 3 } };
    sheets.push(s);
  }
  return sheets;
}
