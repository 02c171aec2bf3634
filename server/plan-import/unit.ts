/**
 * The unit a plan's amounts are written in, read from the words of a header ("Coût en millions de
 * FCFA", "Prévisions en milliers de francs CFA", "Montant (millions USD)") or of the --unit option.
 * A unit is read, never guessed: a header that names something else than a scale and a currency
 * is unreadable, and one that names nothing leaves the unit unstated (the plan's default applies,
 * and the import says so). Amounts are never converted from one unit to another.
 */
import { type AmountUnit, wordKey } from '#core';

export interface ReadUnit extends AmountUnit {
  /** The unit in French words, as PlanMeta.unit records it: "millions FCFA", "milliers EUR". */
  label: string;
}

export type UnitReading = { kind: 'unit'; unit: ReadUnit } | { kind: 'none' } | { kind: 'unreadable' };

/** The shipped plan's unit, and the default of a workbook that states none. */
export const DEFAULT_UNIT: ReadUnit = { currency: 'FCFA', multiplier: 1_000_000, label: 'millions FCFA' };

const SCALES: { words: RegExp; multiplier: number; fr: string }[] = [
  { words: /^(milliards?|billions?|mds?|mrd)$/, multiplier: 1_000_000_000, fr: 'milliards' },
  { words: /^(millions?|mio|m)$/, multiplier: 1_000_000, fr: 'millions' },
  { words: /^(milliers?|thousands?|000|k)$/, multiplier: 1_000, fr: 'milliers' },
];

const CURRENCIES: { words: RegExp; code: string }[] = [
  { words: /^(fcfa|cfa|xof)$/, code: 'FCFA' },
  { words: /^(euros?|eur)$/, code: 'EUR' },
  { words: /^(dollars?|usd)$/, code: 'USD' },
];

/** Words a cost or amount header may hold besides its unit. */
const FILLER = new Set([
  'cout',
  'couts',
  'montant',
  'montants',
  'budget',
  'estimatif',
  'estime',
  'estimation',
  'total',
  'previsions',
  'prevision',
  'prevu',
  'cost',
  'costs',
  'amount',
  'en',
  'de',
  'des',
  'du',
  'in',
  'of',
  'francs',
  'franc',
  'f',
  'ou',
  'or',
  'pm',
  'pour',
  'memoire',
  'et',
  'and',
  'le',
  'la',
  'les',
]);

/** An amount unit as people write it; `none` when the text names no unit at all. */
export function readUnit(text: string): UnitReading {
  const original = text.replace(/€/g, ' EUR ').replace(/\$/g, ' USD ');
  const words = wordKey(original).split(' ').filter(Boolean);
  let scale: (typeof SCALES)[number] | null = null;
  let currency: string | null = null;
  const unknown: string[] = [];
  for (const word of words) {
    const s = SCALES.find((x) => x.words.test(word));
    const c = CURRENCIES.find((x) => x.words.test(word));
    if (s && !scale) scale = s;
    else if (c && !currency) currency = c.code;
    else if (!FILLER.has(word)) unknown.push(word);
  }
  // Any other currency by its ISO code, written in capitals ("millions de GNF").
  if (currency === null) {
    const iso = /\b([A-Z]{3})\b/.exec(original)?.[1];
    if (iso !== undefined && unknown.includes(iso.toLowerCase())) {
      currency = iso;
      unknown.splice(unknown.indexOf(iso.toLowerCase()), 1);
    }
  }
  if (unknown.length > 0) return { kind: 'unreadable' };
  if (scale === null && currency === null) return { kind: 'none' };
  // A scale without a currency ("Coût en millions") is the plan's default currency, the FCFA.
  const code = currency ?? DEFAULT_UNIT.currency;
  const multiplier = scale?.multiplier ?? 1;
  return {
    kind: 'unit',
    unit: { currency: code, multiplier, label: scale ? `${scale.fr} ${code}` : code },
  };
}

export function sameUnit(a: AmountUnit, b: AmountUnit): boolean {
  return a.currency === b.currency && a.multiplier === b.multiplier;
}
