/**
 * How the dashboard writes numbers and dates. Amounts arrive from the service as numbers in
 * millions of FCFA (exact to the FCFA, see #core consolidationJson) and are written with the
 * core's own formatMoney, so the page, the workbook and the findings show the same "1 500,5".
 * Pure: unit-tested in tests/dashboard/format.test.ts.
 */
import { formatMoney, type Lang, MILLION, moneyFromNumber } from '#core';

/** "1 500,5" (fr) / "1,500.5" (en); an empty amount is a dash, never a zero. */
export function formatAmount(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const money = moneyFromNumber(value);
  return money === null ? '—' : formatMoney(money, lang);
}

/** A gap or a change, always signed so that its direction reads without colour: "+1 500", "-20", "0". */
export function formatSigned(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  const shown = formatAmount(value, lang);
  return value > 0 ? `+${shown}` : shown;
}

/**
 * A whole number (a count, a version) grouped as the amounts are: "1 029" (fr, narrow no-break
 * space) / "1,029" (en). The core's formatMoney does the grouping, so there is one rule for both.
 */
export function formatCount(value: number | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isSafeInteger(value)) return formatAmount(value, lang);
  return formatMoney(BigInt(value) * MILLION, lang);
}

/** A decimal string ("-1029.3") grouped and with the language's decimal mark, digits kept as sent. */
function formatDecimalText(decimal: string, lang: Lang): string {
  const m = /^([+-]?)(\d+)(?:\.(\d+))?$/.exec(decimal);
  if (!m) return decimal;
  const [, sign = '', whole = '0', fraction] = m;
  const mark = lang === 'fr' ? ',' : '.';
  return `${sign}${formatMoney(BigInt(whole) * MILLION, lang)}${fraction ? `${mark}${fraction}` : ''}`;
}

/**
 * A percentage the service sends as a one-decimal string ("1029.3"): "+1 029,3 %" in French
 * (grouped like the amounts, a no-break space before the sign, as French typography wants),
 * "+1,029.3%" in English.
 */
export function formatPercent(decimal: string | null | undefined, lang: Lang, signed = true): string {
  if (decimal === null || decimal === undefined || decimal === '') return '—';
  const withSign = signed && !/^[-+]/.test(decimal) && Number(decimal) > 0 ? `+${decimal}` : decimal;
  const shown = formatDecimalText(withSign, lang);
  return lang === 'fr' ? `${shown}\u00a0%` : `${shown}%`;
}

/**
 * A time stamp as people read it, in the browser's time zone (Bamako is UTC, as is the service):
 * "29/11/2026 14:05" (fr) / "29 Nov 2026, 14:05" (en). Unreadable input is shown as received.
 */
export function formatDateTime(iso: string | null | undefined, lang: Lang, timeZone?: string): string {
  if (!iso) return '—';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: lang === 'fr' ? 'short' : 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(time);
}

/** The name in the Content-Disposition header ("attachment; filename=\"x.xlsx\""), or a fallback. */
export function fileNameOf(contentDisposition: string | null, fallback: string): string {
  const m = /filename="?([^";]+)"?/i.exec(contentDisposition ?? '');
  return m?.[1] ?? fallback;
}
