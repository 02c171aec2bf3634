/**
 * The execution follow-up workbook for one period, as a WorkbookSpec every host renders like the
 * planning template (ExcelJS for files, the Office JavaScript API, Apps Script): instructions, the
 * « Exécution » sheet — the ministry's activities with what was planned for the year locked, what
 * was committed and disbursed per source, the state and a comment open, the totals and the
 * disbursement rate as formulas — the « Indicateurs » sheet with each result's indicators, their
 * baseline, target and unit locked and the value reached open, the hidden lists and metadata.
 *
 * Formulas, spelled as the planning template spells its own so the same reader recognises them:
 * committed and disbursed totals IF(COUNT(…)=0,"",SUM(…)), the rate IF(planned>0, disbursed ÷
 * planned) rounded to a tenth of a percent, and a TOTAL row of SUBTOTALs. A disbursed total above
 * the committed one turns its row red, as the planning template's red line does.
 */
import { columnLetter } from '../grid.ts';
import type { Lang } from '../layout.ts';
import { SHEET_NAMES } from '../layout.ts';
import { moneyToNumber } from '../money.ts';
import type { PlanIndex } from '../plan-index.ts';
import type { Activity } from '../schemas/plan.ts';
import { templateActivities } from '../template/build.ts';
import { outline } from '../template/entry-sheet.ts';
import { templateMetaRows } from '../template/meta.ts';
import { absoluteA1, columnRect, rangeA1, sheetRef } from '../workbook-spec/ranges.ts';
import { emptySheet, LINE_HEIGHT, wrappedHeight } from '../workbook-spec/sheet.ts';
import {
  AMOUNT_FORMAT,
  type SheetSpec,
  type SpecCell,
  type TemplateMeta,
  type WorkbookSpec,
} from '../workbook-spec/spec.ts';
import {
  EXECUTION_COLUMNS,
  EXECUTION_FIRST_ROW,
  EXECUTION_HEADER_ROW,
  EXECUTION_TEMPLATE_ID,
  EXECUTION_TEMPLATE_VERSION,
  executionColumn,
  INDICATOR_COLUMNS,
  indicatorColumn,
} from './layout.ts';
import { EXECUTION_STATES, type IndicatorTarget, type Planned, parsePeriodKey } from './model.ts';
import { EXECUTION_WORDING, type ExecutionWording } from './wording.ts';

export interface ExecutionTemplateOptions {
  ministry: string | null;
  lang: Lang;
  /** "2026" or "2026-S1". */
  period: string;
  generatedAt: string;
  /** What was planned for each activity in the period's year (see plannedForYear). */
  planned: ReadonlyMap<string, Planned>;
  /** Baselines, targets and units of the indicators, where the administrator set them. */
  targets?: readonly IndicatorTarget[];
}

const PERCENT_FORMAT = '0.0%';

/** The activities in the order of the plan's outline (pillar › objective › result). */
function ordered(index: PlanIndex, activities: readonly Activity[]): Activity[] {
  return outline(index, activities).flatMap((p) =>
    p.objectives.flatMap((o) => o.results.flatMap((r) => r.activities)),
  );
}

function executionSheet(
  activities: readonly Activity[],
  opts: ExecutionTemplateOptions,
  w: ExecutionWording,
  heading: string[],
  stateSource: string,
): SheetSpec {
  const year = parsePeriodKey(opts.period)?.year ?? 0;
  const sheet = emptySheet('other', w.sheets.execution);
  const width = EXECUTION_COLUMNS.length;
  sheet.columns = EXECUTION_COLUMNS.map((c) =>
    c.hidden ? { width: c.width, hidden: true } : { width: c.width },
  );
  const h = w.headers;
  const header = (key: (typeof EXECUTION_COLUMNS)[number]['key']): string => {
    switch (key) {
      case 'activity':
        return h.code;
      case 'planned':
        return h.planned(year);
      case 'committedNational':
      case 'disbursedNational':
        return h.national;
      case 'committedExternal':
      case 'disbursedExternal':
        return h.external;
      case 'committedTotal':
      case 'disbursedTotal':
        return h.total;
      case 'pillarKey':
        return 'pillar';
      case 'ministryKey':
        return 'ministry';
      default:
        return h[key as 'title' | 'result' | 'responsible' | 'rate' | 'state' | 'comment'];
    }
  };
  const groups: SpecCell[] = EXECUTION_COLUMNS.map((c) => (c.group ? w.groups[c.group] : null));
  sheet.cells = [
    [heading[0] ?? ''],
    [heading[1] ?? ''],
    [heading[2] ?? ''],
    groups,
    EXECUTION_COLUMNS.map((c) => header(c.key)),
  ];

  const col = (key: Parameters<typeof executionColumn>[0]) => executionColumn(key).index;
  const L = (key: Parameters<typeof executionColumn>[0], row: number) => `${columnLetter(col(key))}${row}`;
  const heights: Record<number, number> = { [EXECUTION_HEADER_ROW]: 2 * LINE_HEIGHT };
  let row = EXECUTION_FIRST_ROW;
  for (const a of activities) {
    const values: SpecCell[] = new Array(width).fill(null);
    const planned = opts.planned.get(a.code);
    values[col('activity')] = a.code;
    values[col('title')] = a.title;
    values[col('result')] = a.result;
    values[col('responsible')] = a.responsibleAsWritten;
    values[col('planned')] = planned?.pm
      ? 'PM'
      : planned?.amount != null
        ? moneyToNumber(planned.amount)
        : null;
    const sum = (
      from: 'committedNational' | 'disbursedNational',
      to: 'committedExternal' | 'disbursedExternal',
    ) => {
      const span = `${L(from, row)}:${L(to, row)}`;
      return { formula: `IF(COUNT(${span})=0,"",SUM(${span}))` };
    };
    values[col('committedTotal')] = sum('committedNational', 'committedExternal');
    values[col('disbursedTotal')] = sum('disbursedNational', 'disbursedExternal');
    const p = L('planned', row);
    const d = L('disbursedTotal', row);
    values[col('rate')] = {
      formula: `IF(AND(ISNUMBER(${p}),ISNUMBER(${d})),IF(${p}>0,ROUND(${d}/${p},3),""),"")`,
    };
    values[col('pillarKey')] = a.pillar;
    values[col('ministryKey')] = a.responsible;
    sheet.cells[row - 1] = values;
    heights[row] = Math.max(LINE_HEIGHT, wrappedHeight(a.title, executionColumn('title').width));
    row++;
  }
  const last = row - 1;
  const totalRow = row;
  const total: SpecCell[] = new Array(width).fill(null);
  total[0] = w.total;
  if (activities.length > 0) {
    for (const key of [
      'planned',
      'committedNational',
      'committedExternal',
      'committedTotal',
      'disbursedNational',
      'disbursedExternal',
      'disbursedTotal',
    ] as const) {
      total[col(key)] = {
        formula: `SUBTOTAL(9,${rangeA1(columnRect(col(key), EXECUTION_FIRST_ROW, last))})`,
      };
    }
    const p = L('planned', totalRow);
    total[col('rate')] = { formula: `IF(${p}>0,ROUND(${L('disbursedTotal', totalRow)}/${p},3),"")` };
  }
  sheet.cells[totalRow - 1] = total;
  sheet.rowHeights = heights;

  const lastVisible = EXECUTION_COLUMNS.filter((c) => !c.hidden).reduce((m, c) => Math.max(m, c.index), 0);
  const full = (r: number) => rangeA1({ top: r, bottom: r, left: 0, right: lastVisible });
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'meta' },
    { range: full(EXECUTION_HEADER_ROW - 1), style: 'groupHeader' },
    { range: full(EXECUTION_HEADER_ROW), style: 'header' },
    { range: full(totalRow), style: 'grandTotalRow' },
  );
  if (activities.length > 0) {
    const body = (left: number, right: number) =>
      rangeA1({ top: EXECUTION_FIRST_ROW, bottom: last, left, right });
    for (const c of EXECUTION_COLUMNS) {
      if (c.hidden) continue;
      const style =
        c.key === 'committedTotal' || c.key === 'disbursedTotal' || c.key === 'rate'
          ? 'formulaAmount'
          : c.key === 'planned'
            ? 'lockedAmount'
            : c.locked
              ? 'lockedText'
              : c.key === 'state' || c.key === 'comment'
                ? 'inputText'
                : 'inputAmount';
      sheet.styles.push({ range: body(c.index, c.index), style });
    }
    for (const [left, right] of [
      [col('committedNational'), col('committedExternal')],
      [col('disbursedNational'), col('disbursedExternal')],
    ] as const) {
      const range = body(left, right);
      sheet.unlocked.push(range);
      sheet.validations.push({
        range,
        kind: 'decimal',
        min: 0,
        prompt: w.prompts.amount,
        error: w.prompts.amountError,
      });
    }
    sheet.unlocked.push(body(col('state'), col('comment')));
    sheet.validations.push({
      range: body(col('state'), col('state')),
      kind: 'list',
      source: stateSource,
      prompt: w.prompts.state,
      error: w.prompts.stateError,
    });
    sheet.numberFormats.push(
      {
        range: rangeA1({
          top: EXECUTION_FIRST_ROW,
          bottom: totalRow,
          left: col('planned'),
          right: col('disbursedTotal'),
        }),
        format: AMOUNT_FORMAT,
      },
      {
        range: rangeA1({ top: EXECUTION_FIRST_ROW, bottom: totalRow, left: col('rate'), right: col('rate') }),
        format: PERCENT_FORMAT,
      },
    );
    // Disbursed above committed: the row turns red, as a line that does not add up does.
    const c$ = `$${columnLetter(col('committedTotal'))}${EXECUTION_FIRST_ROW}`;
    const d$ = `$${columnLetter(col('disbursedTotal'))}${EXECUTION_FIRST_ROW}`;
    sheet.conditionalFormats.push({
      range: rangeA1({ top: EXECUTION_FIRST_ROW, bottom: last, left: 0, right: lastVisible }),
      formula: `AND(ISNUMBER(${d$}),ROUND(N(${d$})-N(${c$}),6)>0)`,
      style: 'error',
    });
  }
  for (const g of ['committed', 'disbursed'] as const) {
    const cols = EXECUTION_COLUMNS.filter((c) => c.group === g).map((c) => c.index);
    sheet.merges.push(
      rangeA1({
        top: EXECUTION_HEADER_ROW - 1,
        bottom: EXECUTION_HEADER_ROW - 1,
        left: Math.min(...cols),
        right: Math.max(...cols),
      }),
    );
  }
  sheet.freeze = { rows: EXECUTION_HEADER_ROW, columns: 2 };
  sheet.print = {
    landscape: true,
    fitToWidth: true,
    repeatRows: { from: EXECUTION_HEADER_ROW - 1, to: EXECUTION_HEADER_ROW },
  };
  return sheet;
}

function indicatorsSheet(
  index: PlanIndex,
  activities: readonly Activity[],
  opts: ExecutionTemplateOptions,
  w: ExecutionWording,
  heading: string[],
): SheetSpec {
  const sheet = emptySheet('other', w.sheets.indicators);
  sheet.columns = INDICATOR_COLUMNS.map((c) => ({ width: c.width }));
  const h = w.indicatorHeaders;
  sheet.cells = [[heading[0] ?? ''], [heading[1] ?? ''], [], [], INDICATOR_COLUMNS.map((c) => h[c.key])];
  const results = new Set(activities.map((a) => a.result));
  const targetOf = (result: string, i: number) =>
    opts.targets?.find((t) => t.result === result && t.indicator === i);
  let row = EXECUTION_FIRST_ROW;
  for (const r of index.plan.results) {
    if (!results.has(r.code)) continue;
    r.indicators.forEach((text, i) => {
      const t = targetOf(r.code, i);
      const values: SpecCell[] = new Array(INDICATOR_COLUMNS.length).fill(null);
      values[indicatorColumn('result')] = r.code;
      values[indicatorColumn('resultTitle')] = r.title;
      values[indicatorColumn('number')] = i + 1;
      values[indicatorColumn('indicator')] = text;
      values[indicatorColumn('unit')] = t?.unit ?? null;
      values[indicatorColumn('baseline')] = t?.baseline ?? null;
      values[indicatorColumn('target')] = t?.target ?? null;
      sheet.cells[row - 1] = values;
      row++;
    });
  }
  const last = row - 1;
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    {
      range: rangeA1({
        top: EXECUTION_HEADER_ROW,
        bottom: EXECUTION_HEADER_ROW,
        left: 0,
        right: INDICATOR_COLUMNS.length - 1,
      }),
      style: 'header',
    },
  );
  if (last >= EXECUTION_FIRST_ROW) {
    const body = (left: number, right: number) =>
      rangeA1({ top: EXECUTION_FIRST_ROW, bottom: last, left, right });
    sheet.styles.push(
      { range: body(0, indicatorColumn('target')), style: 'lockedText' },
      { range: body(indicatorColumn('value'), indicatorColumn('value')), style: 'inputAmount' },
      { range: body(indicatorColumn('comment'), indicatorColumn('comment')), style: 'inputText' },
    );
    sheet.unlocked.push(body(indicatorColumn('value'), indicatorColumn('comment')));
    sheet.validations.push({
      range: body(indicatorColumn('value'), indicatorColumn('value')),
      kind: 'decimal',
      min: -1e12,
      prompt: w.prompts.value,
      error: w.prompts.amountError,
    });
  }
  sheet.rowHeights = { [EXECUTION_HEADER_ROW]: 2 * LINE_HEIGHT };
  sheet.freeze = { rows: EXECUTION_HEADER_ROW, columns: 0 };
  sheet.print = {
    landscape: true,
    fitToWidth: true,
    repeatRows: { from: EXECUTION_HEADER_ROW, to: EXECUTION_HEADER_ROW },
  };
  return sheet;
}

/** The execution follow-up workbook of one period, for a ministry (its activities, joint ones included) or the whole plan. */
export function buildExecutionSpec(index: PlanIndex, opts: ExecutionTemplateOptions): WorkbookSpec {
  const w = EXECUTION_WORDING[opts.lang];
  const activities = ordered(index, templateActivities(index, opts.ministry));
  const meta: TemplateMeta = {
    templateId: EXECUTION_TEMPLATE_ID,
    templateVersion: EXECUTION_TEMPLATE_VERSION,
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    ministry: opts.ministry,
    lang: opts.lang,
    generatedAt: opts.generatedAt,
    years: [...index.years],
    period: opts.period,
  };
  const scope =
    opts.ministry === null
      ? w.scopeWholePlan
      : w.scopeMinistry(opts.ministry, index.ministryName(opts.ministry));
  const heading = [w.title(opts.period), scope, w.identity(meta.planId, meta.planVersion, opts.period)];

  const lists = emptySheet('lists', w.sheets.lists, 'hidden');
  lists.columns = [{ width: 16 }];
  lists.cells = [[w.listHeader], ...EXECUTION_STATES.map((s) => [w.states[s]])];
  const stateSource = sheetRef(
    lists.name,
    absoluteA1({ top: 2, bottom: EXECUTION_STATES.length + 1, left: 0, right: 0 }),
  );

  const instructions = emptySheet('instructions', w.sheets.instructions);
  instructions.columns = [{ width: 70 }];
  instructions.cells = [
    [w.instructionsTitle],
    [heading[1] ?? ''],
    [heading[2] ?? ''],
    ...w.instructions.map((t) => [t]),
  ];
  instructions.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3', style: 'meta' },
  );
  const heights: Record<number, number> = {};
  w.instructions.forEach((t, i) => {
    instructions.styles.push({ range: `A${i + 4}`, style: 'paragraph' });
    heights[i + 4] = wrappedHeight(t, 70);
  });
  instructions.rowHeights = heights;
  instructions.print = { landscape: false, fitToWidth: true };

  const meta$ = emptySheet('meta', SHEET_NAMES.meta[opts.lang], 'veryHidden');
  meta$.columns = [{ width: 18 }, { width: 40 }];
  meta$.cells = templateMetaRows(meta);

  return {
    sheets: [
      instructions,
      executionSheet(activities, opts, w, heading, stateSource),
      indicatorsSheet(index, activities, opts, w, heading),
      lists,
      meta$,
    ],
    meta,
  };
}
