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
 * The place, compact: "Saisie!H12", "pnlevt-….txt:2422"; a cell of a table printed in the
 * document is named by its document line and its column heading, which is what a reader of the
 * document can find ("Tableau II.2.1, ligne 65, colonne TOTAL").
 */
export function placeOf(where: Where, lang: Lang): string {
  const column = where.cell ?? where.range;
  if (where.line !== undefined && column !== undefined) {
    return lang === 'fr'
      ? `${where.sheet}, ligne ${where.line}, colonne ${column}`
      : `${where.sheet}, line ${where.line}, column ${column}`;
  }
  return formatWhere(where);
}

export function formatFinding(f: Finding, lang: Lang): string {
  return `${placeOf(f.where, lang)} — ${messageOf(f, lang)}`;
}
