/**
 * Wording of findings, apart from the findings themselves: messageOf picks the language's switch,
 * formatFinding puts the place in front ("Saisie!H12 — …") for lists, logs and the CLI.
 */
import { type Finding, formatWhere, type Where } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { messageEn } from './en.ts';
import { messageFr } from './fr.ts';

export { messageEn } from './en.ts';
export { messageFr } from './fr.ts';

const MESSAGES: Record<Lang, (f: Finding) => string> = { fr: messageFr, en: messageEn };

export function messageOf(f: Finding, lang: Lang): string {
  return MESSAGES[lang](f);
}

/**
 * The place, compact: "Saisie!H12", "pnlevt-….txt:2422"; a printed table's cell also names its
 * document line, since its columns are headings ("Tableau II.2.1!TOTAL (ligne 65)").
 */
export function placeOf(where: Where, lang: Lang): string {
  const place = formatWhere(where);
  if (where.line !== undefined && (where.cell ?? where.range) !== undefined)
    return `${place} (${lang === 'fr' ? 'ligne' : 'line'} ${where.line})`;
  return place;
}

export function formatFinding(f: Finding, lang: Lang): string {
  return `${placeOf(f.where, lang)} — ${messageOf(f, lang)}`;
}
