/**
 * The consolidated workbook as a WorkbookSpec: "Synthèse" (section II.2.1 recomputed, beside the
 * adopted envelope and the gap), "Détail" (every plan activity and the line that counts for it),
 * "Constats" (every finding of the latest returns), "Journal" (the submissions log), then one sheet
 * per ministry that has sent a return (its lines). French names, English ones when lang is "en".
 *
 * Values and formulas are both there, so that the workbook can be checked by hand: Synthèse's
 * amounts and counts are SUMIFS/COUNTIFS over Détail keyed by its pillar and lead-ministry
 * columns, every TOTAL row is a SUM of the rows above, and beside each of them stand the numbers
 * PAC computed (exactly, in Money) with a "Concordance" formula that says OK when both agree
 * within half a millionth of the plan's unit (half a FCFA for a plan in millions) — spreadsheets
 * add in binary floating point, PAC does not.
 *
 * Derived and deterministic: the same consolidation and options give the same spec (no clock; the
 * only time shown is `generatedAt`, when given). Rows of Détail and of the ministry sheets are laid
 * out by entryRowValues, the template's own row layout, so a ministry sheet reads like the sheet it
 * was filled in. Text from returns and from the plan is written as plain strings, which every
 * renderer writes as text even when it starts with "=", "+", "-" or "@".
 */
import { type EntryRowInfo, entryHeaderValues, entryRowValues } from '../entry-grid.ts';
import type { CellValue } from '../grid.ts';
import { columnLetter } from '../grid.ts';
import {
  ENTRY_FIRST_DATA_ROW,
  ENTRY_HEADER_ROW,
  type EntryColumn,
  entryColumns,
  type Lang,
} from '../layout.ts';
import { messageOf, placeOf } from '../messages/index.ts';
import { emptyAmounts, type Line } from '../model.ts';
import { formatMoney, type Money, moneyToNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import { type PlanWords, planWords, type UnitWords } from '../plan-words.ts';
import type { Activity } from '../schemas/plan.ts';
import { absoluteA1, columnRect, rangeA1, sheetRef } from '../workbook-spec/ranges.ts';
import { columnRuns, emptySheet, LINE_HEIGHT, wrappedHeight } from '../workbook-spec/sheet.ts';
import {
  AMOUNT_FORMAT,
  type SheetSpec,
  type SpecCell,
  type StyleKey,
  type WorkbookSpec,
} from '../workbook-spec/spec.ts';
import type {
  ActivityDetail,
  Compared,
  Consolidation,
  Gap,
  MinistryReturn,
  ReturnState,
} from './consolidate.ts';
import { AGREEMENT_TOLERANCE, type ConsolidationWording, consolidationWording } from './wording.ts';

/** One submission of the log: what the store lists (SubmissionSummary has these fields). */
export interface SubmissionLogEntry {
  ministry: string;
  version: number;
  createdAt: string;
  tokenLabel: string;
  state: ReturnState;
  errorCount: number;
  warningCount: number;
  reviewComment?: string | null;
  reviewedAt?: string | null;
  reviewedBy?: string | null;
}

export interface ConsolidatedWorkbookOptions {
  lang: Lang;
  /** Shown as "données au …"; nothing time-dependent is written without it. */
  generatedAt?: string | null;
  /** Every submission, for the Journal sheet; empty when not given. */
  log?: readonly SubmissionLogEntry[];
}

export const CONSOLIDATED_WORKBOOK_ID = 'pac-consolidated';
export const CONSOLIDATED_WORKBOOK_VERSION = '1';

const PERCENT_FORMAT = '0.0';

const num = (v: Money | null | undefined): number | null =>
  v === null || v === undefined ? null : moneyToNumber(v);
const pct = (g: Gap | null | undefined): number | null =>
  g?.percent === null || g?.percent === undefined ? null : Number(g.percent);

/** What every sheet builder needs: the plan's years, the language, its words and the plan's. */
interface Context {
  years: readonly number[];
  lang: Lang;
  w: ConsolidationWording;
  plan: PlanWords;
}

/** A string inside a formula. */
const literal = (text: string) => `"${text.replaceAll('"', '""')}"`;

/**
 * A SUMIFS/COUNTIFS criterion that matches `text` exactly: wildcards escaped with "~", and a
 * leading comparison sign made literal by an explicit "=".
 */
function criterion(text: string): string {
  const escaped = text.replace(/[~*?]/g, (c) => `~${c}`);
  return literal(/^[<>=]/.test(escaped) ? `=${escaped}` : escaped);
}

const a1 = (col: number, row: number) => `${columnLetter(col)}${row}`;
const rowRange = (row: number, left: number, right: number) =>
  rangeA1({ top: row, bottom: row, left, right });

/** Sheet names: at most 31 characters, none of []:*?/\, unique without regard to case. */
function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, '_')
      .replace(/^'+|'+$/g, '')
      .slice(0, 31) || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * An empty sheet of the consolidated workbook: unprotected, because it is derived and can always
 * be rebuilt — people may sort, filter or annotate their copy.
 */
function derivedSheet(name: string): SheetSpec {
  return { ...emptySheet('summary', name), key: 'other', protect: false };
}

/** Title, scope and a note merged across the sheet's width, wrapped to its height. */
function heading(
  sheet: SheetSpec,
  lines: [string, string, string],
  lastColumn: number,
  widthChars: number,
): void {
  sheet.cells[0] = [lines[0]];
  sheet.cells[1] = [lines[1]];
  sheet.cells[2] = [lines[2]];
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'note' },
  );
  if (lastColumn > 0) sheet.merges.push(rowRange(3, 0, lastColumn));
  sheet.rowHeights = { 3: Math.max(LINE_HEIGHT, wrappedHeight(lines[2], widthChars)) };
}

/** The agreement cells of one column, rows top…bottom: green when OK, red otherwise. */
function agreementLooks(
  sheet: SheetSpec,
  col: number,
  top: number,
  bottom: number,
  w: ConsolidationWording,
): void {
  const range = rangeA1(columnRect(col, top, bottom));
  const ref = `$${columnLetter(col)}${top}`;
  sheet.styles.push({ range, style: 'checkOk' });
  sheet.conditionalFormats.push(
    { range, formula: `${ref}=${literal(w.ok)}`, style: 'ok' },
    { range, formula: `${ref}=${literal(w.mismatch)}`, style: 'error' },
  );
}

/** IF(SUMPRODUCT(ABS(formulas − PAC values)) ≤ tolerance, "OK", "ÉCART"). */
function agreementFormula(formulas: string, values: string, w: ConsolidationWording): SpecCell {
  return {
    formula: `IF(SUMPRODUCT(ABS(${formulas}-${values}))<=${AGREEMENT_TOLERANCE},${literal(w.ok)},${literal(w.mismatch)})`,
  };
}

// --- Entry-layout sheets (Détail and one per ministry) ---------------------------------------

interface EntryLayoutSheet {
  columns: EntryColumn[];
  col: (key: EntryColumn['key']) => number;
  /** Years, total, national, external: contiguous, left to right. */
  sumFirst: number;
  sumLast: number;
  width: number;
}

function entryLayoutSheet(years: readonly number[], extras: number, unit: UnitWords): EntryLayoutSheet {
  const columns = entryColumns(years, unit);
  const byKey = new Map(columns.map((c) => [c.key, c.index]));
  const col = (key: EntryColumn['key']) => {
    const i = byKey.get(key);
    if (i === undefined) throw new Error(`entry column ${key} missing from the layout`);
    return i;
  };
  const sumFirst = col(`year:${years[0] ?? 0}`);
  const sumLast = col('external');
  return { columns, col, sumFirst, sumLast, width: columns.length + extras };
}

const textOrNull = (v: CellValue): SpecCell => (v === undefined || v === '' ? null : v);

/** What an entry-layout sheet shows about an activity; blanks for a code the plan lacks. */
function rowInfo(a: Activity | undefined): EntryRowInfo {
  if (!a) return { title: '', result: '', responsible: '', planCost: null, pillar: '', ministry: '' };
  return {
    title: a.title,
    result: a.result,
    responsible: a.responsibleAsWritten,
    planCost: a.costNote === 'PM' ? 'PM' : a.cost,
    pillar: a.pillar,
    ministry: a.responsible,
  };
}

/** A column after the entry layout's own. */
interface ExtraColumn {
  header: string;
  width: number;
  text: boolean;
}

interface EntrySheetEnd {
  extras: ExtraColumn[];
  /** Last data row (rows ENTRY_FIRST_DATA_ROW … lastRow are in place). */
  lastRow: number;
  /** PAC's sums of the amount columns (years, total, national, external), for the row under TOTAL. */
  pac: readonly (number | null)[];
  /** Shows the pillar and lead-ministry keys that Synthèse's SUMIFS read (Détail). */
  keysVisible: boolean;
  agreementColumn: number;
}

/** Header rows, column looks and the TOTAL and "computed by PAC" rows of an entry-layout sheet. */
function finishEntrySheet(
  sheet: SheetSpec,
  layout: EntryLayoutSheet,
  end: EntrySheetEnd,
  { years, lang, w, plan }: Context,
): void {
  const { extras, lastRow, pac, keysVisible, agreementColumn } = end;
  const { columns } = layout;
  const { groups, headers } = entryHeaderValues(years, lang, plan.unit);
  sheet.cells[ENTRY_HEADER_ROW - 2] = [...groups.map(textOrNull), ...extras.map(() => null)];
  sheet.cells[ENTRY_HEADER_ROW - 1] = [...headers.map(textOrNull), ...extras.map((e) => e.header)];
  const keyColumn = (c: EntryColumn) => c.key === 'pillarKey' || c.key === 'ministryKey';
  sheet.columns = [
    ...columns.map((c) =>
      c.hidden && !(keysVisible && keyColumn(c)) ? { width: c.width, hidden: true } : { width: c.width },
    ),
    ...extras.map((e) => ({ width: e.width })),
  ];
  const last = layout.width - 1;
  const first = ENTRY_FIRST_DATA_ROW;
  const totalRow = lastRow + 1;
  const pacRow = totalRow + 1;

  const total: SpecCell[] = new Array(layout.width).fill(null);
  const values: SpecCell[] = new Array(layout.width).fill(null);
  total[0] = w.totalRow;
  values[0] = w.pacRow;
  for (let c = layout.sumFirst; c <= layout.sumLast; c++) {
    total[c] = lastRow < first ? 0 : { formula: `SUM(${rangeA1(columnRect(c, first, lastRow))})` };
    values[c] = pac[c - layout.sumFirst] ?? 0;
  }
  values[agreementColumn] = agreementFormula(
    rowRange(totalRow, layout.sumFirst, layout.sumLast),
    rowRange(pacRow, layout.sumFirst, layout.sumLast),
    w,
  );
  sheet.cells[totalRow - 1] = total;
  sheet.cells[pacRow - 1] = values;

  sheet.styles.push(
    { range: rowRange(ENTRY_HEADER_ROW - 1, 0, last), style: 'groupHeader' },
    { range: rowRange(ENTRY_HEADER_ROW, 0, last), style: 'header' },
  );
  // One merged group header over its columns, as on the template's entry sheet.
  for (const run of columnRuns(columns, (c) => c.group?.[lang] ?? null))
    if (run.right > run.left) sheet.merges.push(rowRange(ENTRY_HEADER_ROW - 1, run.left, run.right));
  if (lastRow >= first) {
    // Hidden columns stay unstyled; text and amounts look as in the template's locked cells.
    const looks: (StyleKey | null)[] = [
      ...columns.map((c): StyleKey | null =>
        c.hidden && !(keysVisible && keyColumn(c)) ? null : isAmountColumn(c) ? 'lockedAmount' : 'lockedText',
      ),
      ...extras.map((e): StyleKey => (e.text ? 'lockedText' : 'lockedAmount')),
    ];
    for (const run of columnRuns(looks, (look) => look))
      sheet.styles.push({
        range: rangeA1({ top: first, bottom: lastRow, left: run.left, right: run.right }),
        style: run.key,
      });
  }
  sheet.styles.push(
    { range: rowRange(totalRow, 0, last), style: 'grandTotalRow' },
    { range: rowRange(pacRow, layout.sumFirst, layout.sumLast), style: 'lockedAmount' },
    { range: a1(0, pacRow), style: 'subtitle' },
  );
  agreementLooks(sheet, agreementColumn, pacRow, pacRow, w);
  sheet.numberFormats.push({
    range: rangeA1({ top: first, bottom: pacRow, left: layout.col('planCost'), right: layout.sumLast }),
    format: AMOUNT_FORMAT,
  });
  sheet.rowHeights = { ...sheet.rowHeights, [ENTRY_HEADER_ROW]: 2 * LINE_HEIGHT };
  sheet.freeze = { rows: ENTRY_HEADER_ROW, columns: 1 };
  sheet.print = { landscape: true, fitToWidth: true };
}

const isAmountColumn = (c: EntryColumn) =>
  c.key === 'planCost' ||
  c.key.startsWith('year:') ||
  c.key === 'total' ||
  c.key === 'national' ||
  c.key === 'external';

const pacAmounts = (t: Compared['amounts'], years: readonly number[]): (number | null)[] => [
  ...years.map((y) => num(t.years[y])),
  num(t.total),
  num(t.national),
  num(t.external),
];

const totalOf = (line: Line | undefined, lang: Lang) =>
  line?.total === null || line?.total === undefined ? '—' : formatMoney(line.total, lang);

interface DetailSheet {
  sheet: SheetSpec;
  layout: EntryLayoutSheet;
  firstRow: number;
  lastRow: number;
  statusColumn: number;
}

function detailSheet(c: Consolidation, name: string, scope: string, ctx: Context): DetailSheet {
  const { years, lang, w } = ctx;
  const extras = [
    { header: w.detail.lineFrom, width: 11, text: true },
    { header: w.detail.version, width: 8, text: false },
    { header: w.detail.state, width: 10, text: true },
    { header: w.detail.status, width: 13, text: true },
    { header: w.detail.remark, width: 50, text: true },
  ];
  const layout = entryLayoutSheet(years, extras.length, ctx.plan.unit);
  const base = layout.columns.length;
  const sheet = derivedSheet(name);
  heading(sheet, [w.detailTitle, scope, w.detailNote], 12, 150);

  const remark = (d: ActivityDetail): string | null => {
    const parts: string[] = [];
    const lead = d.activity.responsible;
    for (const o of d.others) {
      if (o.ministry === lead && d.counted && d.counted.ministry !== lead)
        parts.push(w.leadNotFilled({ lead, ministry: d.counted.ministry }));
      else
        parts.push(
          w.otherLine({
            ministry: o.ministry,
            version: o.version,
            status: w.statuses[o.status],
            total: totalOf(o.line, lang),
          }),
        );
    }
    return parts.length > 0 ? parts.join(' ; ') : null;
  };

  let row = ENTRY_FIRST_DATA_ROW;
  for (const d of c.activities) {
    const line = d.counted?.line;
    const values: SpecCell[] = entryRowValues(
      line ?? {
        activity: d.activity.code,
        nature: null,
        ...emptyAmounts(years),
        execution: [],
        comment: null,
      },
      rowInfo(d.activity),
      years,
      lang,
    ).map(textOrNull);
    // The plan's code, whatever the line wrote ("1.2.1.3." is read as 1.2.1.3 anyway).
    values[0] = d.activity.code;
    values[base] = d.counted?.ministry ?? null;
    values[base + 1] = d.counted?.version ?? null;
    values[base + 2] = d.counted ? w.states[d.counted.state] : null;
    values[base + 3] = w.statuses[d.status];
    values[base + 4] = remark(d);
    sheet.cells[row - 1] = values;
    row++;
  }
  const lastRow = row - 1;
  finishEntrySheet(
    sheet,
    layout,
    {
      extras,
      lastRow,
      pac: pacAmounts(c.total.amounts, years),
      keysVisible: true,
      agreementColumn: base + 3,
    },
    ctx,
  );
  return { sheet, layout, firstRow: ENTRY_FIRST_DATA_ROW, lastRow, statusColumn: base + 3 };
}

function ministrySheet(m: MinistryReturn, name: string, c: Consolidation, ctx: Context): SheetSpec {
  const { years, lang, w } = ctx;
  const extras = [
    { header: w.ministrySheet.counted, width: 12, text: true },
    { header: w.detail.remark, width: 50, text: true },
  ];
  const layout = entryLayoutSheet(years, extras.length, ctx.plan.unit);
  const base = layout.columns.length;
  const sheet = derivedSheet(name);
  heading(
    sheet,
    [
      w.ministrySheet.title(m.ministry, m.name),
      w.ministrySheet.identity({
        version: m.version,
        state: w.states[m.state],
        createdAt: m.createdAt,
        tokenLabel: m.tokenLabel,
      }),
      w.ministryNote,
    ],
    12,
    150,
  );
  let row = ENTRY_FIRST_DATA_ROW;
  for (const l of m.lines) {
    const values: SpecCell[] = entryRowValues(l.line, rowInfo(l.activity), years, lang).map(textOrNull);
    values[base] = l.counted ? w.yes : w.no;
    values[base + 1] =
      l.reason === null
        ? null
        : w.notCounted(l.reason, {
            ministry: l.reason === 'other_line_counted' ? (l.countedFrom?.ministry ?? '') : m.ministry,
            version: l.countedFrom?.version ?? null,
            planVersion: c.planVersion,
          });
    sheet.cells[row - 1] = values;
    row++;
  }
  finishEntrySheet(
    sheet,
    layout,
    { extras, lastRow: row - 1, pac: pacAmounts(m.totals, years), keysVisible: false, agreementColumn: base },
    ctx,
  );
  return sheet;
}

// --- Synthèse --------------------------------------------------------------------------------

interface SummaryColumns {
  amountFirst: number;
  amountLast: number;
  countFirst: number;
  envelope: number;
  gap: number;
  gapPercent: number;
  pacFirst: number;
  pacCountLast: number;
  pacGap: number;
  pacGapPercent: number;
  agreement: number;
}

function summaryColumns(yearCount: number): SummaryColumns {
  const amountFirst = 2;
  const amountLast = amountFirst + yearCount + 2;
  const countFirst = amountLast + 1;
  const envelope = countFirst + 4;
  const pacFirst = envelope + 6;
  const pacCountLast = pacFirst + (countFirst + 2 - amountFirst);
  return {
    amountFirst,
    amountLast,
    countFirst,
    envelope,
    gap: envelope + 3,
    gapPercent: envelope + 4,
    pacFirst,
    pacCountLast,
    pacGap: pacCountLast + 1,
    pacGapPercent: pacCountLast + 2,
    agreement: pacCountLast + 3,
  };
}

function summarySheet(
  c: Consolidation,
  detail: DetailSheet,
  detailName: string,
  name: string,
  titles: [string, string],
  w: ConsolidationWording,
): SheetSpec {
  const years = c.years;
  const k = summaryColumns(years.length);
  const width = k.agreement + 1;
  const sheet = derivedSheet(name);
  heading(sheet, [titles[0], titles[1], w.summaryNote], k.gapPercent, 160);

  const s = w.summary;
  const amountHeaders = [...years.map(String), s.total, s.national, s.external];
  const countHeaders = [s.costed, s.pm, s.missing];
  const header: SpecCell[] = new Array(width).fill(null);
  header[0] = s.pillar;
  header[1] = s.ministry;
  [...amountHeaders, ...countHeaders].forEach((h, i) => {
    header[k.amountFirst + i] = h;
    header[k.pacFirst + i] = s.pac(h);
  });
  header[k.envelope] = s.envelopeTotal;
  header[k.envelope + 1] = s.envelopeNational;
  header[k.envelope + 2] = s.envelopeExternal;
  header[k.gap] = s.gap;
  header[k.gapPercent] = s.gapPercent;
  header[k.pacGap] = s.pac(s.gap);
  header[k.pacGapPercent] = s.pac(s.gapPercent);
  header[k.agreement] = s.agreement;
  const groups: SpecCell[] = new Array(width).fill(null);
  groups[k.amountFirst] = s.groups.recomputed;
  groups[k.countFirst] = s.groups.activities;
  groups[k.envelope] = s.groups.envelope;
  groups[k.pacFirst] = s.groups.pac;

  // References into Détail.
  const { layout, firstRow, lastRow } = detail;
  const hasDetail = lastRow >= firstRow;
  const detailRange = (col: number) => sheetRef(detailName, absoluteA1(columnRect(col, firstRow, lastRow)));
  const pillarKeys = detailRange(layout.col('pillarKey'));
  const ministryKeys = detailRange(layout.col('ministryKey'));
  const statuses = detailRange(detail.statusColumn);
  const totalColumn = k.amountFirst + years.length;

  const put = (row: number, values: SpecCell[]) => {
    sheet.cells[row - 1] = values;
  };

  /** One row: formulas keyed by `keys` (criteria pairs over Détail), PAC's numbers, envelope and gap. */
  const dataRow = (
    row: number,
    label: [string, string | null],
    keys: [string, string][],
    cmp: Compared,
  ): SpecCell[] => {
    const values: SpecCell[] = new Array(width).fill(null);
    values[0] = label[0];
    values[1] = label[1];
    const criteria = keys.map(([range, key]) => `${range},${criterion(key)}`).join(',');
    for (let col = k.amountFirst; col <= k.amountLast; col++) {
      const source = detailRange(layout.sumFirst + (col - k.amountFirst));
      values[col] = hasDetail ? { formula: `SUMIFS(${source},${criteria})` } : 0;
    }
    const count = (...labels: string[]): SpecCell =>
      hasDetail
        ? { formula: labels.map((l) => `COUNTIFS(${criteria},${statuses},${criterion(l)})`).join('+') }
        : 0;
    values[k.countFirst] = count(w.statuses.costed);
    values[k.countFirst + 1] = count(w.statuses.pm);
    values[k.countFirst + 2] = count(w.statuses.not_filled, w.statuses.no_line);
    envelopeAndGap(values, row, cmp);
    return values;
  };

  const envelopeAndGap = (values: SpecCell[], row: number, cmp: Compared) => {
    values[k.envelope] = num(cmp.envelope?.total);
    values[k.envelope + 1] = num(cmp.envelope?.national);
    values[k.envelope + 2] = num(cmp.envelope?.external);
    const total = a1(totalColumn, row);
    const env = a1(k.envelope, row);
    values[k.gap] = { formula: `IF(ISNUMBER(${env}),ROUND(${total}-${env},6),"")` };
    values[k.gapPercent] = {
      formula: `IF(AND(ISNUMBER(${env}),${env}<>0),ROUND((${total}-${env})/${env}*100,1),"")`,
    };
    const pac = [
      ...pacAmounts(cmp.amounts, years),
      cmp.counts.costed,
      cmp.counts.pm,
      cmp.counts.notFilled + cmp.counts.noLine,
    ];
    pac.forEach((v, i) => {
      values[k.pacFirst + i] = v;
    });
    values[k.pacGap] = num(cmp.gap?.total?.amount);
    values[k.pacGapPercent] = pct(cmp.gap?.total);
    values[k.agreement] = agreementFormula(
      rowRange(row, k.amountFirst, k.countFirst + 2),
      rowRange(row, k.pacFirst, k.pacCountLast),
      w,
    );
  };

  put(ENTRY_HEADER_ROW - 1, groups);
  put(ENTRY_HEADER_ROW, header);
  const first = ENTRY_HEADER_ROW + 1;
  let row = first;
  for (const r of c.rows) {
    put(
      row,
      dataRow(
        row,
        [r.pillarName, r.ministry],
        [
          [pillarKeys, r.pillar],
          [ministryKeys, r.ministry],
        ],
        r,
      ),
    );
    row++;
  }
  const last = row - 1;
  const totalRow = row;
  const total: SpecCell[] = new Array(width).fill(null);
  total[0] = w.totalRow;
  for (let col = k.amountFirst; col <= k.countFirst + 2; col++)
    total[col] = last < first ? 0 : { formula: `SUM(${rangeA1(columnRect(col, first, last))})` };
  envelopeAndGap(total, totalRow, c.total);
  put(totalRow, total);

  // By pillar, straight from Détail: a second path to the same money.
  const pillarTitle = totalRow + 2;
  const pillarHeader = pillarTitle + 1;
  put(pillarTitle, [s.byPillarTitle]);
  put(
    pillarHeader,
    header.map((h, i) => (i === 1 ? null : h)),
  );
  const pillarFirst = pillarHeader + 1;
  row = pillarFirst;
  for (const p of c.byPillar) {
    put(row, dataRow(row, [p.pillarName, null], [[pillarKeys, p.pillar]], p));
    row++;
  }
  const pillarLast = row - 1;

  // Looks.
  const bodyRuns = (top: number, bottom: number) => {
    if (bottom < top) return;
    const body = (left: number, right: number, style: StyleKey) =>
      sheet.styles.push({ range: rangeA1({ top, bottom, left, right }), style });
    body(0, 1, 'lockedText');
    body(k.amountFirst, k.countFirst + 2, 'formulaAmount');
    body(k.envelope, k.envelope + 2, 'lockedAmount');
    body(k.gap, k.gapPercent, 'formulaAmount');
    body(k.pacFirst, k.pacGapPercent, 'lockedAmount');
  };
  const headerLooks = (r: number) => {
    for (const [left, right] of [
      [0, k.countFirst + 2],
      [k.envelope, k.gapPercent],
      [k.pacFirst, k.agreement],
    ] as const)
      sheet.styles.push({ range: rowRange(r, left, right), style: 'header' });
  };
  for (const [left, right] of [
    [k.amountFirst, k.amountLast],
    [k.countFirst, k.countFirst + 2],
    [k.envelope, k.gapPercent],
    [k.pacFirst, k.pacGapPercent],
  ] as const) {
    sheet.styles.push({ range: rowRange(ENTRY_HEADER_ROW - 1, left, right), style: 'groupHeader' });
    sheet.merges.push(rowRange(ENTRY_HEADER_ROW - 1, left, right));
  }
  headerLooks(ENTRY_HEADER_ROW);
  bodyRuns(first, last);
  for (const [left, right] of [
    [0, k.countFirst + 2],
    [k.envelope, k.gapPercent],
    [k.pacFirst, k.pacGapPercent],
  ] as const)
    sheet.styles.push({ range: rowRange(totalRow, left, right), style: 'grandTotalRow' });
  sheet.styles.push({ range: a1(0, pillarTitle), style: 'subtitle' });
  headerLooks(pillarHeader);
  bodyRuns(pillarFirst, pillarLast);
  for (const [top, bottom] of [
    [first, totalRow],
    [pillarFirst, pillarLast],
  ] as const) {
    if (bottom < top) continue;
    agreementLooks(sheet, k.agreement, top, bottom, w);
    const amounts = (left: number, right: number, format: string) =>
      sheet.numberFormats.push({ range: rangeA1({ top, bottom, left, right }), format });
    amounts(k.amountFirst, k.amountLast, AMOUNT_FORMAT);
    amounts(k.envelope, k.gap, AMOUNT_FORMAT);
    amounts(k.gapPercent, k.gapPercent, PERCENT_FORMAT);
    amounts(k.pacFirst, k.pacFirst + years.length + 2, AMOUNT_FORMAT);
    amounts(k.pacGap, k.pacGap, AMOUNT_FORMAT);
    amounts(k.pacGapPercent, k.pacGapPercent, PERCENT_FORMAT);
    // A gap to the envelope is not always an error (plans move), but it must show.
    for (const col of [k.gap, k.pacGap]) {
      const ref = `$${columnLetter(col)}${top}`;
      sheet.conditionalFormats.push({
        range: rangeA1(columnRect(col, top, bottom)),
        formula: `AND(ISNUMBER(${ref}),${ref}<>0)`,
        style: 'warning',
      });
    }
  }

  sheet.columns = [
    { width: 24 },
    { width: 11 },
    ...years.map(() => ({ width: 11 })),
    { width: 12 },
    { width: 13 },
    { width: 12 },
    { width: 11 },
    { width: 10 },
    { width: 11 },
    { width: 2 },
    { width: 13 },
    { width: 13 },
    { width: 13 },
    { width: 12 },
    { width: 9 },
    { width: 2 },
    ...years.map(() => ({ width: 11 })),
    { width: 12 },
    { width: 13 },
    { width: 12 },
    { width: 11 },
    { width: 10 },
    { width: 11 },
    { width: 12 },
    { width: 9 },
    { width: 13 },
  ];
  sheet.rowHeights = {
    ...sheet.rowHeights,
    [ENTRY_HEADER_ROW]: 3 * LINE_HEIGHT,
    [pillarHeader]: 3 * LINE_HEIGHT,
  };
  sheet.freeze = { rows: ENTRY_HEADER_ROW, columns: 2 };
  sheet.print = { landscape: true, fitToWidth: true };
  return sheet;
}

// --- Constats and Journal --------------------------------------------------------------------

function tableSheet(
  name: string,
  title: string,
  scope: string,
  headers: { text: string; width: number }[],
  rows: SpecCell[][],
  empty: string | null,
): SheetSpec {
  const sheet = derivedSheet(name);
  sheet.columns = headers.map((h) => ({ width: h.width }));
  const last = headers.length - 1;
  sheet.cells = [
    [title],
    [scope],
    headers.map((h) => h.text),
    ...(rows.length > 0 || empty === null ? rows : [[empty]]),
  ];
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: rowRange(3, 0, last), style: 'header' },
  );
  if (rows.length > 0)
    sheet.styles.push({
      range: rangeA1({ top: 4, bottom: 3 + rows.length, left: 0, right: last }),
      style: 'lockedText',
    });
  sheet.freeze = { rows: 3, columns: 0 };
  sheet.print = { landscape: true, fitToWidth: true };
  return sheet;
}

function findingsSheet(c: Consolidation, name: string, scope: string, { lang, w, plan }: Context): SheetSpec {
  const f = w.findings;
  const rows = c.findings.map((s): SpecCell[] => [
    s.ministry,
    s.version,
    placeOf(s.finding.where, lang),
    s.finding.code,
    s.finding.severity === 'error' ? f.error : f.warning,
    messageOf(s.finding, lang, plan),
  ]);
  const sheet = tableSheet(
    name,
    f.title,
    scope,
    [
      { text: f.ministry, width: 12 },
      { text: f.version, width: 8 },
      { text: f.place, width: 22 },
      { text: f.code, width: 26 },
      { text: f.severity, width: 14 },
      { text: f.message, width: 100 },
    ],
    rows,
    f.none,
  );
  if (rows.length > 0) {
    const range = rangeA1(columnRect(4, 4, 3 + rows.length));
    sheet.conditionalFormats.push(
      { range, formula: `$E4=${literal(f.error)}`, style: 'error' },
      { range, formula: `$E4=${literal(f.warning)}`, style: 'warning' },
    );
  }
  return sheet;
}

function logSheet(
  c: Consolidation,
  log: readonly SubmissionLogEntry[],
  name: string,
  scope: string,
  w: ConsolidationWording,
): SheetSpec {
  const l = w.log;
  const latest = new Set(c.ministries.map((m) => `${m.ministry}\u0000${m.version}`));
  const ordered = [...log].sort(
    (a, b) => compare(a.createdAt, b.createdAt) || compare(a.ministry, b.ministry) || a.version - b.version,
  );
  const rows = ordered.map((e): SpecCell[] => [
    e.ministry,
    e.version,
    e.createdAt,
    e.tokenLabel,
    w.states[e.state],
    e.errorCount,
    e.warningCount,
    e.reviewComment ?? null,
    e.reviewedAt ?? null,
    e.reviewedBy ?? null,
    latest.has(`${e.ministry}\u0000${e.version}`) ? w.yes : w.no,
  ]);
  return tableSheet(
    name,
    l.title,
    scope,
    [
      { text: l.ministry, width: 12 },
      { text: l.version, width: 8 },
      { text: l.date, width: 22 },
      { text: l.token, width: 20 },
      { text: l.state, width: 11 },
      { text: l.errors, width: 8 },
      { text: l.warnings, width: 14 },
      { text: l.review, width: 50 },
      { text: l.reviewedAt, width: 22 },
      { text: l.reviewedBy, width: 20 },
      { text: l.latest, width: 14 },
    ],
    rows,
    null,
  );
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// --- The workbook ----------------------------------------------------------------------------

export function consolidatedWorkbookSpec(
  c: Consolidation,
  index: PlanIndex,
  opts: ConsolidatedWorkbookOptions,
): WorkbookSpec {
  const { lang } = opts;
  const words = planWords(index.plan);
  const w = consolidationWording(lang, words);
  const asOf = opts.generatedAt ?? null;
  const expected = c.completeness.byMinistry.filter((m) => m.activities > 0).length;
  const scope = w.scope({
    planId: c.planId,
    planVersion: c.planVersion,
    submitted: c.ministries.length,
    expected,
    asOf,
  });
  const taken = new Set<string>();
  const names = {
    summary: uniqueSheetName(w.sheets.summary, taken),
    detail: uniqueSheetName(w.sheets.detail, taken),
    findings: uniqueSheetName(w.sheets.findings, taken),
    log: uniqueSheetName(w.sheets.log, taken),
  };
  const ctx: Context = { years: c.years, lang, w, plan: words };
  const detail = detailSheet(c, names.detail, scope, ctx);
  const summary = summarySheet(
    c,
    detail,
    names.detail,
    names.summary,
    [w.title(index.plan.plan.title), scope],
    w,
  );
  const ministries = c.ministries.map((m) => ministrySheet(m, uniqueSheetName(m.ministry, taken), c, ctx));
  const sheets = [
    summary,
    detail.sheet,
    findingsSheet(c, names.findings, scope, ctx),
    logSheet(c, opts.log ?? [], names.log, scope, w),
    ...ministries,
  ];
  // Rows were placed by number; a skipped row is an empty row, not a hole in the array.
  for (const sheet of sheets) for (let i = 0; i < sheet.cells.length; i++) sheet.cells[i] ??= [];
  return {
    sheets,
    meta: {
      templateId: CONSOLIDATED_WORKBOOK_ID,
      templateVersion: CONSOLIDATED_WORKBOOK_VERSION,
      planId: c.planId,
      planVersion: c.planVersion,
      ministry: null,
      lang,
      generatedAt: asOf ?? '',
      years: [...c.years],
    },
  };
}
