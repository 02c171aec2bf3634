/**
 * Wording of findings, apart from the findings themselves: messageOf picks the language's switch,
 * formatFinding puts the place in front ("Saisie!H12 — …") for lists, logs and the CLI, and
 * placeOf says the place in words a person can act on.
 */
import { type Finding, formatWhere, type Where } from '../findings.ts';
import type { Lang } from '../layout.ts';
import type { LineField } from '../model.ts';
import type { PlanWords } from '../plan-words.ts';
import { messageEn } from './en.ts';
import { fieldInWords, shorten } from './format.ts';

export { fieldInWords } from './format.ts';

import { messageFr } from './fr.ts';

export { messageEn } from './en.ts';
export { messageFr } from './fr.ts';

const MESSAGES: Record<Lang, (f: Finding, words?: PlanWords) => string> = { fr: messageFr, en: messageEn };

/**
 * The finding in words. `words` (planWords(plan)) gives the plan's unit, code shape, year marks and
 * summary table; without it, a plan in millions of FCFA of the shipped plan's shape is assumed.
 */
export function messageOf(f: Finding, lang: Lang, words?: PlanWords): string {
  return MESSAGES[lang](f, words);
}

const TITLE_LENGTH = 50;

/**
 * The line a finding is about, in words: « Activité 1.2.1.3 « Former les… » — année 2023 »;
 * null when the finding does not name an activity or a field.
 */
export function lineInWords(where: Where, lang: Lang): string | null {
  const parts: string[] = [];
  if (where.activity !== undefined) {
    const title = where.title
      ? ` ${lang === 'fr' ? `« ${shorten(where.title, TITLE_LENGTH)} »` : `"${shorten(where.title, TITLE_LENGTH)}"`}`
      : '';
    parts.push(`${lang === 'fr' ? 'Activité' : 'Activity'} ${where.activity}${title}`);
  }
  if (where.field !== undefined) parts.push(fieldInWords(where.field, lang));
  return parts.length > 0 ? parts.join(' — ') : null;
}

// Findings stored before they named their activity pointed into a JSON return by path.
const JSON_PATH =
  /^lines\[(\d+)\](?:\.(years)\.(\d{4})|\.(total|national|external|nature|comment|execution)(?:\[\d+\])?)?$/;

function jsonPathInWords(path: string, lang: Lang): string | null {
  const m = JSON_PATH.exec(path);
  if (!m) return null;
  const line = `${lang === 'fr' ? 'Ligne' : 'Line'} ${Number(m[1]) + 1}${lang === 'fr' ? ' du retour' : ' of the return'}`;
  const field: LineField | null = m[3]
    ? `year:${Number(m[3])}`
    : m[4] === 'execution'
      ? null
      : ((m[4] as LineField | undefined) ?? null);
  return field === null ? line : `${line} — ${fieldInWords(field, lang)}`;
}

/**
 * The place, for people: the cell where there is one ("Saisie!H12", "Synthèse!B4:H4"); a cell of
 * a table printed in the plan document by its line and column heading ("Tableau II.2.1, ligne 65,
 * colonne TOTAL"); without a cell — a return sent as JSON — the activity, its title and the field
 * in words; never a JSON path.
 */
export function placeOf(where: Where, lang: Lang): string {
  const column = where.cell ?? where.range;
  if (where.line !== undefined && column !== undefined) {
    return lang === 'fr'
      ? `${where.sheet}, ligne ${where.line}, colonne ${column}`
      : `${where.sheet}, line ${where.line}, column ${column}`;
  }
  if (column !== undefined) return jsonPathInWords(column, lang) ?? formatWhere(where);
  return lineInWords(where, lang) ?? formatWhere(where);
}

export function formatFinding(f: Finding, lang: Lang, words?: PlanWords): string {
  return `${placeOf(f.where, lang)} — ${messageOf(f, lang, words)}`;
}
