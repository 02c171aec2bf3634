/**
 * Reading what people type or paste into a cell: amounts in millions of FCFA written the French or
 * the English way ("1 500,5", "1,500.5"), "PM" (pour mémoire), execution marks ("X") and the
 * nature of a line. A reader never guesses: what it cannot read for sure is returned as
 * unreadable, and "1.500" — a thousand and a half or one and a half — as ambiguous with both
 * readings, so that the checks can ask the person who typed it.
 *
 * Decisions on inputs the rules leave open:
 * - exponent notation in text ("1e3") is unreadable: nobody types it, and a cell showing it is
 *   more likely a paste gone wrong. A JS number cell of 1e21 is read exactly, as any number.
 * - a leading separator (".5", ",5") is a decimal separator: it cannot be a thousands group.
 *   A trailing one ("5.", "1 500,") is unreadable: it looks like a half-typed number.
 * - grouping uses one kind of separator: spaces (any of the four kinds, mixed), or "." or ",".
 *   "1 500.000,5" (spaces and dots as groups) is unreadable; "1 500.5" is 1500.5.
 * - a grouped number cannot start with a zero group ("0 500", "0.500.000" are unreadable), which
 *   is also why "0,500" is plainly 0.5 and not ambiguous.
 * - decimals beyond the FCFA (more than 6 in millions) round half away from zero (see money.ts).
 * - text longer than 64 characters is unreadable (no amount is that long), and the text kept for
 *   messages is cut at 100 characters.
 */
import type { CellValue } from './grid.ts';
import { NATURE_VALUES } from './layout.ts';
import type { Nature } from './model.ts';
import { type Money, moneyFromDecimal, moneyFromNumber } from './money.ts';

export type AmountReading =
  | { kind: 'empty' }
  | { kind: 'amount'; value: Money }
  | { kind: 'pm' }
  | { kind: 'mark' }
  | { kind: 'unreadable'; text: string }
  | { kind: 'ambiguous'; text: string; asThousands: Money; asDecimal: Money };

export type MarkReading = { kind: 'marked' } | { kind: 'empty' } | { kind: 'unreadable'; text: string };

export type NatureReading = Nature | null | { kind: 'unreadable'; text: string };

const MAX_AMOUNT_LENGTH = 64;
const MAX_SHOWN_LENGTH = 100;

// JS trim() already covers NBSP, NNBSP, thin space, BOM and line breaks; zero-width spaces come
// along with text pasted from Word and are not whitespace to JS.
const EDGE_SPACE = /^[\s\u200b]+|[\s\u200b]+$/g;
const ANY_SPACE = /[\s\u200b]+/g;

/** String form of any value a host may pass, even one outside CellValue; never throws. */
function textOf(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function trimmed(value: unknown): string {
  return textOf(value).replace(EDGE_SPACE, '');
}

/** The text a finding quotes: trimmed, and cut so that a pasted page does not flood a message. */
function shown(text: string): string {
  return text.length > MAX_SHOWN_LENGTH ? `${text.slice(0, MAX_SHOWN_LENGTH)}…` : text;
}

/** Trimmed text with every run of whitespace (NBSP and NNBSP included) made one space; null when empty. */
export function normaliseText(value: CellValue): string | null {
  if (value === null || value === undefined) return null;
  const text = textOf(value).replace(ANY_SPACE, ' ').trim();
  return text === '' ? null : text;
}

const PM_TEXT = /^p\.?\s?m\.?$/i;
const MARK_TEXT = /^x$/i;
const AMOUNT_CHARS = /^[0-9 \u00a0\u202f\u2009.,]+$/;
const SPACE_SEP = /[ \u00a0\u202f\u2009]/;
const LEAD_GROUP = /^[1-9]\d{0,2}$/;
const GROUP = /^\d{3}$/;
const DIGITS = /^\d+$/;

type BodyReading = { decimal: string } | { thousands: string; decimal: string } | null;

function count(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

/** Integer digits of a grouped part ("1 500 000" → "1500000"), or null when the grouping is wrong. */
function ungroup(intPart: string, sep: RegExp | string | null): string | null {
  if (sep === null) return /^\d*$/.test(intPart) ? intPart : null;
  const groups = intPart.split(sep);
  if (groups.length === 1) return DIGITS.test(intPart) ? intPart : null;
  const [first = '', ...rest] = groups;
  if (!LEAD_GROUP.test(first) || !rest.every((g) => GROUP.test(g))) return null;
  return groups.join('');
}

/** Reads an unsigned amount into a plain decimal string ("1500.5"), or both readings when ambiguous. */
function readBody(body: string): BodyReading {
  if (!AMOUNT_CHARS.test(body)) return null;
  const hasSpace = SPACE_SEP.test(body);
  const dots = count(body, '.');
  const commas = count(body, ',');
  let intPart: string;
  let frac: string | null = null;
  let sep: RegExp | string | null = hasSpace ? SPACE_SEP : null;

  if (dots > 0 && commas > 0) {
    // Both kinds: the last one is the decimal separator, the other one groups thousands.
    const last = Math.max(body.lastIndexOf('.'), body.lastIndexOf(','));
    const decimalChar = body[last] ?? '';
    if (count(body, decimalChar) !== 1 || hasSpace) return null;
    intPart = body.slice(0, last);
    frac = body.slice(last + 1);
    sep = decimalChar === '.' ? ',' : '.';
  } else if (dots + commas === 0) {
    intPart = body;
  } else {
    const p = dots > 0 ? '.' : ',';
    if (dots + commas > 1) {
      // "1.500.000": a decimal separator appears once, so repeated it can only group thousands.
      if (hasSpace) return null;
      intPart = body;
      sep = p;
    } else {
      const at = body.indexOf(p);
      intPart = body.slice(0, at);
      frac = body.slice(at + 1);
      if (!hasSpace && LEAD_GROUP.test(intPart) && GROUP.test(frac)) {
        return { thousands: intPart + frac, decimal: `${intPart}.${frac}` };
      }
    }
  }
  if (frac !== null && !DIGITS.test(frac)) return null;
  const digits = ungroup(intPart, sep);
  if (digits === null || (digits === '' && frac === null)) return null;
  return { decimal: frac === null ? digits : `${digits || '0'}.${frac}` };
}

/** Reads an amount cell in millions of FCFA. Never throws. */
export function readAmount(value: CellValue): AmountReading {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'number') {
    const money = moneyFromNumber(value);
    return money === null ? { kind: 'unreadable', text: String(value) } : { kind: 'amount', value: money };
  }
  if (typeof value !== 'string') return { kind: 'unreadable', text: shown(trimmed(value)) };

  const text = trimmed(value);
  if (text === '') return { kind: 'empty' };
  if (PM_TEXT.test(text)) return { kind: 'pm' };
  if (MARK_TEXT.test(text)) return { kind: 'mark' };
  if (text.length > MAX_AMOUNT_LENGTH) return { kind: 'unreadable', text: shown(text) };

  const first = text[0];
  // U+2212 is the minus sign Word and typeset documents use.
  const negative = first === '-' || first === '\u2212';
  const signed = negative || first === '+';
  const reading = readBody(signed ? text.slice(1) : text);
  const sign = negative ? '-' : '';
  if (reading === null) return { kind: 'unreadable', text: shown(text) };
  if ('thousands' in reading) {
    const asThousands = moneyFromDecimal(sign + reading.thousands);
    const asDecimal = moneyFromDecimal(sign + reading.decimal);
    if (asThousands === null || asDecimal === null) return { kind: 'unreadable', text: shown(text) };
    return { kind: 'ambiguous', text, asThousands, asDecimal };
  }
  const money = moneyFromDecimal(sign + reading.decimal);
  return money === null ? { kind: 'unreadable', text: shown(text) } : { kind: 'amount', value: money };
}

/** Reads an execution-period cell: "X"/"x" or a ticked checkbox (true) mark the year. Never throws. */
export function readMark(value: CellValue): MarkReading {
  if (value === null || value === undefined || value === false) return { kind: 'empty' };
  if (value === true) return { kind: 'marked' };
  const text = trimmed(value);
  if (text === '') return { kind: 'empty' };
  if (MARK_TEXT.test(text)) return { kind: 'marked' };
  return { kind: 'unreadable', text: shown(text) };
}

/** Nature spellings compare without case, accents, spaces or dots: "chiffre", "P.M.", "Costed". */
function natureKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').replace(/[\s.]/g, '').toLowerCase();
}

const NATURES = new Map<string, Nature>([
  ...Object.entries(NATURE_VALUES).flatMap(([nature, label]) => [
    [natureKey(label.fr), nature as Nature] as const,
    [natureKey(label.en), nature as Nature] as const,
  ]),
  // The words behind the abbreviation, as some people write them out.
  [natureKey('pour mémoire'), 'pm'],
]);

/** Reads the "Nature" cell in French or English; null when empty. Never throws. */
export function readNature(value: CellValue): NatureReading {
  if (value === null || value === undefined) return null;
  const text = trimmed(value);
  if (text === '') return null;
  if (typeof value !== 'string') return { kind: 'unreadable', text: shown(text) };
  return NATURES.get(natureKey(text)) ?? { kind: 'unreadable', text: shown(text) };
}
