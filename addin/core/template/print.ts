/**
 * Page headers and footers of the printed template. The spec holds them as data (text and fields,
 * see ./spec.ts); `headerFooterCode` turns one section into Excel's header/footer code ("Page &P
 * sur &N"), which the .xlsx file and the Office JavaScript API both take, so the two cannot differ.
 *
 * Every printed sheet carries the same frame, so that a signed paper copy says on every page whose
 * return it is, against which plan and version, when it was printed, and which page of how many.
 */
import type { HeaderFooterPart, HeaderFooterSpec, PrintField, PrintSpec } from '../workbook-spec/spec.ts';
import type { TemplateWording } from './wording.ts';

const FIELD_CODES: Record<PrintField, string> = { page: '&P', pages: '&N', date: '&D', sheet: '&A' };

/** Excel refuses a header or footer longer than this (the whole code, all three sections). */
export const HEADER_FOOTER_MAX = 255;

/** One section as Excel code: "&" in text is doubled, so a ministry called "A & B" prints as such. */
export function headerFooterSection(parts: readonly HeaderFooterPart[]): string {
  return parts.map((p) => (typeof p === 'string' ? p.replaceAll('&', '&&') : FIELD_CODES[p.field])).join('');
}

/** The three sections as one code ("&L…&C…&R…"), as the .xlsx file stores a header or footer. */
export function headerFooterCode(hf: HeaderFooterSpec): string {
  const sections: [string, readonly HeaderFooterPart[]][] = [
    ['&L', hf.left],
    ['&C', hf.center],
    ['&R', hf.right],
  ];
  return sections
    .filter(([, parts]) => parts.length > 0)
    .map(([code, parts]) => code + headerFooterSection(parts))
    .join('');
}

/** Longest ministry name a page header carries; a longer one is left to the title rows. */
const HEADER_NAME_MAX = 48;

/**
 * The header and footer every printed sheet of a template carries. Top left the ministry (code and
 * name, or the code alone when the name would run into the right section), top right the plan and
 * its version; bottom left the print date, bottom centre the sheet, bottom right "page n of N".
 */
export function pageFrame(
  w: TemplateWording,
  ministry: { code: string; name: string } | null,
  planId: string,
  planVersion: string,
): Pick<PrintSpec, 'header' | 'footer'> {
  const who =
    ministry === null
      ? w.printWholePlan
      : ministry.name.length <= HEADER_NAME_MAX
        ? `${ministry.code} — ${ministry.name}`
        : w.printMinistryCode(ministry.code);
  return {
    header: { left: [who], center: [], right: [w.printPlan(planId, planVersion)] },
    footer: {
      left: [w.printedOn, { field: 'date' }],
      center: [{ field: 'sheet' }],
      right: w.pageOf({ field: 'page' }, { field: 'pages' }),
    },
  };
}
