/**
 * The template's identity, kept as key/value rows in its very hidden "PAC_meta" sheet: which
 * template and version, which plan and version, which ministry, language and generation time. A
 * reader uses it to tell a PAC template from any other workbook, and an old template from the
 * current one, before reading a single amount.
 */
import type { CellValue } from '../grid.ts';
import type { TemplateMeta } from '../workbook-spec/spec.ts';

type MetaKey = keyof TemplateMeta;

/** Row order in the sheet; readers look keys up, so order only matters to people. */
const KEYS: readonly MetaKey[] = [
  'templateId',
  'templateVersion',
  'planId',
  'planVersion',
  'ministry',
  'lang',
  'generatedAt',
  'years',
];

/** The metadata as rows of [key, value]; every value is text, so no host turns it into a number. */
export function templateMetaRows(meta: TemplateMeta): string[][] {
  const text = (key: MetaKey): string => {
    const value = meta[key];
    if (value === null || value === undefined) return '';
    return Array.isArray(value) ? value.join(',') : String(value);
  };
  const rows = KEYS.map((key) => [key, text(key)]);
  // Only an execution follow-up workbook has a period; planning templates keep their rows as they were.
  if (meta.period !== undefined) rows.push(['period', meta.period]);
  return rows;
}

/** Text of a cell as a host hands it over: Google Sheets may give "1" back as the number 1. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/**
 * Reads the metadata rows back. Returns null when the rows are not PAC metadata at all (no
 * templateId); otherwise returns what they say, even for another template id or version, so that
 * the caller can tell people which template their file was made from. Never throws.
 */
export function readTemplateMeta(rows: CellValue[][]): TemplateMeta | null {
  if (!Array.isArray(rows)) return null;
  const values = new Map<string, string>();
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const key = cellText(row[0]);
    if (key !== '' && !values.has(key)) values.set(key, cellText(row[1]));
  }
  const templateId = values.get('templateId');
  if (!templateId) return null;
  const years = (values.get('years') ?? '')
    .split(',')
    .map((y) => Number(y.trim()))
    .filter((y) => Number.isInteger(y) && y > 0);
  return {
    templateId,
    templateVersion: values.get('templateVersion') ?? '',
    planId: values.get('planId') ?? '',
    planVersion: values.get('planVersion') ?? '',
    ministry: values.get('ministry') || null,
    // An unknown language reads as French, the working language; it never makes the file unusable.
    lang: values.get('lang') === 'en' ? 'en' : 'fr',
    generatedAt: values.get('generatedAt') ?? '',
    years,
    ...(values.get('period') ? { period: values.get('period') as string } : {}),
  };
}
