/**
 * What the Google Sheets mirror's last error means, for the person reading the dashboard. The
 * worker stores the failure as received (server/mirror/backoff.ts: "HTTP 429: …" from Google, a
 * network code such as "ECONNRESET: …", or PAC's own bilingual "workbook too large"), so the page
 * explains it in the chosen language and shows Google's own words only as a detail. Pure.
 */
import type { MirrorErrorKind } from './wording.ts';

export function mirrorErrorKind(message: string): MirrorErrorKind {
  if (/Google Sheets' limit|limite de Google Sheets/.test(message)) return 'too_large';
  const status = /^HTTP (\d{3})\b/.exec(message)?.[1];
  if (status === '429') return 'quota';
  if (status === '403' || status === '401') return 'forbidden';
  if (status === '404') return 'not_found';
  if (status?.startsWith('5') || status === '408') return 'server';
  if (status === undefined && /^(E[A-Z]+|UND_ERR\w*|ABORT_ERR)\b/.test(message)) return 'network';
  return 'other';
}

/** Google's words are worth showing; PAC's own message is already said by the explanation. */
export function mirrorErrorDetail(message: string): string | null {
  return mirrorErrorKind(message) === 'too_large' ? null : message;
}
