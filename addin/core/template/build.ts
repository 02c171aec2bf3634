/**
 * The PAC template as a WorkbookSpec: instructions, the entry sheet, the summary in the layout of
 * section II.2.1, visible checks, the hidden lists the validations point at, and the very hidden
 * metadata. Built from the canonical plan for one ministry (its activities, joint ones included) or
 * for the whole plan; each host renders the same spec (server/xlsx/render-workbook.ts for files).
 *
 * Text from the plan is written as plain strings: a title starting with "=" or "+" stays text in
 * every host, because renderers only ever write SpecFormula cells as formulas.
 */
import { type Lang, NATURE_VALUES, SHEET_NAMES, TEMPLATE_ID, TEMPLATE_VERSION } from '../layout.ts';
import type { PlanIndex } from '../plan-index.ts';
import { planWords } from '../plan-words.ts';
import type { Activity } from '../schemas/plan.ts';
import { absoluteA1, sheetRef } from '../workbook-spec/ranges.ts';
import { emptySheet, wrappedHeight } from '../workbook-spec/sheet.ts';
import type { SheetSpec, TemplateMeta, WorkbookSpec } from '../workbook-spec/spec.ts';
import { buildChecksSheet } from './checks-sheet.ts';
import { buildEntrySheet } from './entry-sheet.ts';
import { templateMetaRows } from './meta.ts';
import { pageFrame } from './print.ts';
import { buildSummarySheet } from './summary-sheet.ts';
import { type TemplateWording, templateWording } from './wording.ts';

export interface TemplateOptions {
  /** Ministry code (one of plan.ministries), or null for the whole-plan template. */
  ministry: string | null;
  lang: Lang;
  /** ISO 8601 time written in the metadata and the title rows; fixed by callers that need repeatable files. */
  generatedAt: string;
  /** Adds the adopted envelope and the gap to it on the summary sheet (default true). */
  envelope?: boolean;
}

/** The activities a template holds: the ministry's, joint ones included, or the whole plan's. */
export function templateActivities(index: PlanIndex, ministry: string | null): Activity[] {
  return ministry === null ? [...index.plan.activities] : index.activitiesOf(ministry);
}

/** Ministries a template can be made for: those responsible for at least one activity. */
export function templateMinistries(index: PlanIndex): string[] {
  return index.plan.ministries.map((m) => m.code).filter((code) => index.activitiesOf(code).length > 0);
}

/**
 * Builds the template. Throws when the ministry has no activity in the plan: callers check the
 * code first (templateMinistries) and say so in the person's language.
 */
export function buildTemplateSpec(index: PlanIndex, opts: TemplateOptions): WorkbookSpec {
  const { lang, ministry } = opts;
  const activities = templateActivities(index, ministry);
  if (activities.length === 0) {
    throw new Error(`No activity in plan ${index.plan.plan.id} for ministry ${ministry ?? '(all)'}`);
  }
  const w = templateWording(lang, planWords(index.plan));
  const names = {
    instructions: SHEET_NAMES.instructions[lang],
    entry: SHEET_NAMES.entry[lang],
    summary: SHEET_NAMES.summary[lang],
    checks: SHEET_NAMES.checks[lang],
    lists: SHEET_NAMES.lists[lang],
    meta: SHEET_NAMES.meta[lang],
  };
  const meta: TemplateMeta = {
    templateId: TEMPLATE_ID,
    templateVersion: TEMPLATE_VERSION,
    planId: index.plan.plan.id,
    planVersion: index.plan.plan.version,
    ministry,
    lang,
    generatedAt: opts.generatedAt,
    years: [...index.years],
  };
  const scope =
    ministry === null ? w.scopeWholePlan : w.scopeMinistry(ministry, index.ministryName(ministry));
  const identity = w.identity(meta);
  const title = index.plan.plan.title;

  const lists = listsSheet(names.lists, lang, w);
  const entry = buildEntrySheet({
    index,
    activities,
    lang,
    name: names.entry,
    wording: w,
    heading: [title, scope, identity],
    natureSource: lists.natureSource,
    markSource: lists.markSource,
  });
  const summary = buildSummarySheet({
    index,
    activities,
    ministry,
    lang,
    name: names.summary,
    wording: w,
    heading: [w.summaryTitle, scope],
    entry,
    entryName: names.entry,
    envelope: opts.envelope ?? true,
  });
  const checks = buildChecksSheet({
    lang,
    name: names.checks,
    wording: w,
    heading: [w.checksTitle, scope],
    entry,
    entryName: names.entry,
    summary,
    summaryName: names.summary,
  });
  const markHeaders = entry.markColumns.map((c) => entry.columns[c]?.header[lang] ?? '');
  const sheets = [
    instructionsSheet(names.instructions, w, [title, scope, identity], markHeaders),
    entry.sheet,
    summary.sheet,
    checks,
    lists.sheet,
    metaSheet(names.meta, meta),
  ];
  // Every sheet that prints says whose return it is, against which plan, when, and page n of N.
  const who = ministry === null ? null : { code: ministry, name: index.ministryName(ministry) };
  const frame = pageFrame(w, who, meta.planId, meta.planVersion);
  for (const sheet of sheets) if (sheet.print) Object.assign(sheet.print, frame);
  return { sheets, meta };
}

/** What marks a year of execution; the reader (readMark) takes it in either case. */
const EXECUTION_MARK = 'X';
/**
 * The instructions' one column, in characters. Fit-to-width cannot shrink a single column wider
 * than the page (it is already "one page wide"), so LibreOffice cuts it at the page edge: the
 * column itself must fit A4 portrait between the default margins (6.87 in). 70 does with Calibri
 * (Excel, 5.2 in) and with LibreOffice's fallback when no Calibri-metric font is installed (DejaVu
 * Sans, 6.8 in); 110 did not.
 */
const INSTRUCTIONS_WIDTH = 70;

function instructionsSheet(
  name: string,
  w: TemplateWording,
  heading: [string, string, string],
  markHeaders: string[],
): SheetSpec {
  const sheet = emptySheet('instructions', name);
  sheet.columns = [{ width: INSTRUCTIONS_WIDTH }];
  sheet.cells = [[w.instructionsTitle], [heading[1]], [heading[2]], [heading[0]]];
  // Rows 3 and 4 wrap (the "note" look): nothing may run past the column onto a second page.
  sheet.styles.push(
    { range: 'A1', style: 'title' },
    { range: 'A2', style: 'subtitle' },
    { range: 'A3:A4', style: 'note' },
  );
  const heights: Record<number, number> = {
    3: wrappedHeight(heading[2], INSTRUCTIONS_WIDTH),
    4: wrappedHeight(heading[0], INSTRUCTIONS_WIDTH),
  };
  for (const part of w.instructions(markHeaders[0] ?? '', markHeaders[markHeaders.length - 1] ?? '')) {
    if (part.heading !== undefined) {
      // A blank line before each heading, so sections read apart.
      sheet.cells.push([], [part.heading]);
      sheet.styles.push({ range: `A${sheet.cells.length}`, style: 'subtitle' });
    }
    if (part.text !== undefined) {
      sheet.cells.push([part.text]);
      sheet.styles.push({ range: `A${sheet.cells.length}`, style: 'paragraph' });
      heights[sheet.cells.length] = wrappedHeight(part.text, INSTRUCTIONS_WIDTH);
    }
  }
  sheet.rowHeights = heights;
  // One page: the instructions are read before anything else, and a heading must not be parted
  // from its paragraph by a page break.
  sheet.print = { landscape: false, fitToWidth: true, pagesTall: 1 };
  return sheet;
}

/** The values the list validations offer, on a hidden sheet so that people cannot edit them. */
function listsSheet(
  name: string,
  lang: Lang,
  w: TemplateWording,
): { sheet: SheetSpec; natureSource: string; markSource: string } {
  const sheet = emptySheet('lists', name, 'hidden');
  sheet.columns = [{ width: 14 }, { width: 10 }];
  const natures = Object.values(NATURE_VALUES).map((label) => label[lang]);
  const marks = [EXECUTION_MARK];
  const height = Math.max(natures.length, marks.length);
  sheet.cells = [
    [w.listHeaders.nature, w.listHeaders.marks],
    ...Array.from({ length: height }, (_, i) => [natures[i] ?? null, marks[i] ?? null]),
  ];
  const column = (left: number, count: number) =>
    sheetRef(name, absoluteA1({ top: 2, bottom: count + 1, left, right: left }));
  return { sheet, natureSource: column(0, natures.length), markSource: column(1, marks.length) };
}

function metaSheet(name: string, meta: TemplateMeta): SheetSpec {
  const sheet = emptySheet('meta', name, 'veryHidden');
  sheet.columns = [{ width: 18 }, { width: 40 }];
  sheet.cells = templateMetaRows(meta);
  return sheet;
}
