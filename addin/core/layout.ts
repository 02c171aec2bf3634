/**
 * The layout of PAC's sheets, shared by the .xlsx template, the Excel add-in and the Google Sheets
 * add-on so that every host writes and reads the same cells. Column letters are fixed; the number
 * of year columns follows the plan's years.
 */
import type { LineField } from './model.ts';
import { type UnitWords, unitWords, yearMark } from './plan-words.ts';

export type Lang = 'fr' | 'en';
export type Label = Readonly<Record<Lang, string>>;

export const SHEET_NAMES = {
  instructions: { fr: "Mode d'emploi", en: 'Instructions' },
  entry: { fr: 'Saisie', en: 'Entry' },
  summary: { fr: 'Synthèse', en: 'Summary' },
  checks: { fr: 'Contrôles', en: 'Checks' },
  lists: { fr: 'Listes', en: 'Lists' },
  meta: { fr: 'PAC_meta', en: 'PAC_meta' },
} as const satisfies Record<string, Label>;

export type SheetKey = keyof typeof SHEET_NAMES;

/** Which sheet a name refers to, in either language (case and accents as written). */
export function sheetKeyOf(name: string): SheetKey | null {
  for (const [key, label] of Object.entries(SHEET_NAMES)) {
    if (label.fr === name || label.en === name) return key as SheetKey;
  }
  return null;
}

/** What a column of the entry sheet holds. Fields that come from the plan are locked. */
export type EntryColumnKey =
  | LineField
  | 'title'
  | 'result'
  | 'responsible'
  | 'planCost'
  | 'pillarKey'
  | 'ministryKey';

export interface EntryColumn {
  key: EntryColumnKey;
  /** 0-based column index (A = 0). */
  index: number;
  header: Label;
  /** Group header above the column header ("Montants par année"…), if any. */
  group?: Label;
  /** Filled from the canonical plan; protected. */
  locked: boolean;
  width: number;
  /** Keys for the summary's formulas (pillar, lead ministry): hidden from people. */
  hidden?: boolean;
}

/**
 * The columns of the entry sheet ("Saisie") for a plan with these years; `unit` only names the
 * amounts' group header (millions of FCFA unless the plan says otherwise), which no reader checks.
 */
export function entryColumns(years: readonly number[], unit: UnitWords = unitWords()): EntryColumn[] {
  const cols: Omit<EntryColumn, 'index'>[] = [
    { key: 'activity', header: { fr: 'Code', en: 'Code' }, locked: true, width: 10 },
    { key: 'title', header: { fr: 'Activité', en: 'Activity' }, locked: true, width: 60 },
    { key: 'result', header: { fr: 'Résultat', en: 'Result' }, locked: true, width: 9 },
    { key: 'responsible', header: { fr: 'Responsable', en: 'Responsible' }, locked: true, width: 13 },
    { key: 'planCost', header: { fr: 'Coût au plan', en: 'Cost in plan' }, locked: true, width: 11 },
    { key: 'nature', header: { fr: 'Nature', en: 'Type' }, locked: false, width: 10 },
  ];
  const amountsGroup = { fr: `Montants par année (${unit.fr.many})`, en: `Amounts per year (${unit.en})` };
  for (const y of years) {
    cols.push({
      key: `year:${y}`,
      header: { fr: String(y), en: String(y) },
      group: amountsGroup,
      locked: false,
      width: 11,
    });
  }
  const fundingGroup = { fr: 'Sources de financement', en: 'Funding sources' };
  cols.push(
    { key: 'total', header: { fr: 'Total', en: 'Total' }, locked: true, width: 12 },
    {
      key: 'national',
      header: { fr: 'Budget national', en: 'National budget' },
      group: fundingGroup,
      locked: false,
      width: 12,
    },
    {
      key: 'external',
      header: { fr: 'Extérieur', en: 'External' },
      group: fundingGroup,
      locked: false,
      width: 12,
    },
  );
  const marksGroup = { fr: "Périodes d'exécution", en: 'Execution periods' };
  years.forEach((y, i) => {
    cols.push({
      key: `mark:${y}`,
      header: { fr: yearMark(i, 'fr'), en: yearMark(i, 'en') },
      group: marksGroup,
      locked: false,
      width: 6,
    });
  });
  cols.push(
    { key: 'comment', header: { fr: 'Commentaire', en: 'Comment' }, locked: false, width: 40 },
    // The summary sheet adds lines up by pillar and lead ministry with SUMIFS on these two keys;
    // "Responsable" shows the text people know ("MARCC-MRN"), not a key.
    {
      key: 'pillarKey',
      header: { fr: 'Clé pilier', en: 'Pillar key' },
      locked: true,
      width: 6,
      hidden: true,
    },
    {
      key: 'ministryKey',
      header: { fr: 'Clé ministère', en: 'Ministry key' },
      locked: true,
      width: 8,
      hidden: true,
    },
  );
  return cols.map((c, index) => ({ ...c, index }));
}

/** Values accepted in the "Nature" column. */
export const NATURE_VALUES = {
  costed: { fr: 'Chiffré', en: 'Costed' },
  pm: { fr: 'PM', en: 'PM' },
} as const satisfies Record<string, Label>;

/** The entry sheet's first rows: title, context, group headers, column headers. */
export const ENTRY_HEADER_ROW = 5;
export const ENTRY_FIRST_DATA_ROW = ENTRY_HEADER_ROW + 1;

/** Labels in column A that start a subtotal row, per level. */
export const ROLLUP_LABELS = {
  pillar: { fr: 'Pilier', en: 'Pillar' },
  objective: { fr: 'OS', en: 'SO' },
  result: { fr: 'R', en: 'R' },
  grand: { fr: 'TOTAL', en: 'TOTAL' },
} as const satisfies Record<string, Label>;

/** The metadata a template carries in its hidden sheet, read back to detect foreign files. */
export const TEMPLATE_ID = 'pac-return';
export const TEMPLATE_VERSION = '1';
