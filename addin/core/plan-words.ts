/**
 * What a plan's shape and unit change in the words people read: the unit amounts are written in
 * (plan.amountUnit; millions of FCFA when absent, as the schema says), an activity code of the
 * plan's shape for examples, the marks of its first and last execution years (AN I … AN n), whether
 * it has the strategic-objective (OS) level, and how its summary table is named. Every writer of
 * sheets and messages takes these from planWords(plan), so that a plan in thousands of FCFA never
 * says "millions", and one without OS never mentions them.
 *
 * The unit only changes words: amounts are kept and computed in the plan's own unit (see
 * money.ts), never converted.
 */
import type { Lang } from './layout.ts';
import type { AmountUnit, Plan } from './schemas/plan.ts';

/** The unit of a plan that does not state one (the shipped plan): millions of FCFA. */
export const DEFAULT_AMOUNT_UNIT: AmountUnit = { currency: 'FCFA', multiplier: 1_000_000 };

/** A unit in words, in each language, after an amount or inside a sentence. */
export interface UnitWords {
  /** The unit as given. */
  unit: AmountUnit;
  fr: {
    /** After an amount below 2: "0,5 million FCFA". */
    one: string;
    /** After an amount of 2 or more, and in headings: "1 500 millions FCFA". */
    many: string;
    /** Inside a sentence: "en millions de FCFA". */
    of: string;
  };
  /** "1,500 million FCFA", "in million FCFA": English does not inflect a scale after a number. */
  en: string;
}

interface Scale {
  multiplier: number;
  fr: [one: string, many: string];
  en: string;
}

const SCALES: Scale[] = [
  { multiplier: 1_000_000_000, fr: ['milliard', 'milliards'], en: 'billion' },
  { multiplier: 1_000_000, fr: ['million', 'millions'], en: 'million' },
  { multiplier: 1_000, fr: ['millier', 'milliers'], en: 'thousand' },
];

/** "de FCFA", "d'EUR": French elides before a vowel. */
const ofCurrency = (currency: string) =>
  /^[aeiouyAEIOUY]/.test(currency) ? `d'${currency}` : `de ${currency}`;

/** Groups digits by three: French with a plain space, English with a comma (text, not a cell). */
function grouped(digits: string, lang: Lang): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? ' ' : ',');
}

export function unitWords(unit: AmountUnit = DEFAULT_AMOUNT_UNIT): UnitWords {
  const { currency, multiplier } = unit;
  if (multiplier === 1) return { unit, fr: { one: currency, many: currency, of: currency }, en: currency };
  const scale = SCALES.find((s) => s.multiplier === multiplier);
  if (scale) {
    const [one, many] = scale.fr;
    return {
      unit,
      fr: { one: `${one} ${currency}`, many: `${many} ${currency}`, of: `${many} ${ofCurrency(currency)}` },
      en: `${scale.en} ${currency}`,
    };
  }
  // A multiplier no word names (10 000): said as units of it.
  const fr = grouped(String(multiplier), 'fr');
  return {
    unit,
    fr: {
      one: `unité de ${fr} ${currency}`,
      many: `unités de ${fr} ${currency}`,
      of: `unités de ${fr} ${currency}`,
    },
    en: `units of ${grouped(String(multiplier), 'en')} ${currency}`,
  };
}

/** The unit after an amount: "million FCFA" below 2 (French), "millions FCFA" from 2 on. */
export function unitAfter(words: UnitWords, lang: Lang, belowTwo: boolean): string {
  if (lang === 'en') return words.en;
  return belowTwo ? words.fr.one : words.fr.many;
}

/** "en millions de FCFA" / "in million FCFA". */
export function unitInSentence(words: UnitWords, lang: Lang): string {
  return lang === 'fr' ? `en ${words.fr.of}` : `in ${words.en}`;
}

/**
 * How much `units` of the plan's unit is in the currency, said as people say it: "1,5 milliard
 * de FCFA", "500 000 FCFA" ("1.5 billion FCFA", "500,000 FCFA"). `bare` leaves the currency out
 * after "milliard" ("1,5 milliard"), for a short prompt.
 */
export function spelledAmount(units: number, words: UnitWords, lang: Lang, bare = false): string {
  // Exact: thousandths of the plan's unit times its multiplier, in thousandths of the currency.
  const milli = BigInt(Math.round(units * 1000)) * BigInt(words.unit.multiplier);
  const currency = words.unit.currency;
  // Below a billion the amount is written out ("500 000 FCFA", "1 500 000 FCFA"): a word for
  // millions would read as the unit of a plan in thousands.
  for (const scale of SCALES.slice(0, 1)) {
    const size = BigInt(scale.multiplier) * 1000n;
    if (milli < size) continue;
    const whole = milli / size;
    // One decimal at most: 1,5 milliard; more would not help an example.
    const tenth = ((milli % size) * 10n) / size;
    const number = `${grouped(String(whole), lang)}${tenth === 0n ? '' : `${lang === 'fr' ? ',' : '.'}${tenth}`}`;
    const word = lang === 'en' ? scale.en : whole < 2n ? scale.fr[0] : scale.fr[1];
    if (bare) return `${number} ${word}`;
    return lang === 'fr' ? `${number} ${word} ${ofCurrency(currency)}` : `${number} ${word} ${currency}`;
  }
  return `${grouped(String(milli / 1000n), lang)} ${currency}`;
}

/**
 * A quantity of the plan's unit given as a decimal string ("0.0000005"), in the currency itself,
 * exactly: "0,5 FCFA" for a plan in millions, "0,0005 FCFA" for one in thousands.
 */
export function inCurrency(decimalUnits: string, words: UnitWords, lang: Lang): string {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(decimalUnits.trim());
  const [whole = '', fraction = ''] = m ? [m[1], m[2]] : ['0', ''];
  const scaled = BigInt(`${whole}${fraction}` || '0') * BigInt(words.unit.multiplier);
  const digits = scaled.toString().padStart(fraction.length + 1, '0');
  const intPart = digits.slice(0, digits.length - fraction.length);
  const fracPart = digits.slice(digits.length - fraction.length).replace(/0+$/, '');
  const shown = `${grouped(intPart, lang)}${fracPart ? `${lang === 'fr' ? ',' : '.'}${fracPart}` : ''}`;
  return `${shown} ${words.unit.currency}`;
}

/** Roman numerals, for the execution-year marks: AN I … AN XII. */
export function romanNumeral(n: number): string {
  const parts: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let rest = Math.max(1, Math.floor(n));
  let out = '';
  for (const [value, letters] of parts) {
    while (rest >= value) {
      out += letters;
      rest -= value;
    }
  }
  return out;
}

/** The mark heading of the plan's year number `i` (0-based): "AN III" / "YR III". */
export function yearMark(i: number, lang: Lang): string {
  return `${lang === 'fr' ? 'AN' : 'YR'} ${romanNumeral(i + 1)}`;
}

/** How the plan's summary table (its envelope) is named. */
export interface EnvelopeWords {
  /** As a finding names the table: "Tableau II.2.1", or the table's own title. */
  name: string;
  /** The table's number as the document prints it ("II.2.1"), when it has one. */
  number: string | null;
}

const NUMBERED_TABLE = /^Tableau\s+([IVXLC\d][\w.]*)\s*(?:[—–:-]|$)/i;

/**
 * "Tableau II.2.1 — Estimation des coûts" is table II.2.1; a table titled otherwise is named by its
 * title ("Tableau de synthèse des coûts"), and an untitled one "Tableau de synthèse".
 */
export function envelopeWords(plan: Plan): EnvelopeWords {
  const title = plan.envelope.title.trim();
  const m = NUMBERED_TABLE.exec(title);
  if (m) return { name: `Tableau ${m[1]}`, number: m[1] as string };
  return { name: title || 'Tableau de synthèse', number: null };
}

/** The table inside a sentence: "tableau II.2.1" / "table II.2.1", or its title in quotes. */
export function envelopeInSentence(e: EnvelopeWords, lang: Lang): string {
  if (e.number !== null) return `${lang === 'fr' ? 'tableau' : 'table'} ${e.number}`;
  return lang === 'fr' ? `tableau « ${e.name} »` : `table "${e.name}"`;
}

/** Whether the plan has strategic objectives between its pillars and results (see schemas/plan.ts). */
export function hasObjectiveLevel(plan: Pick<Plan, 'objectives'>): boolean {
  return plan.objectives.length > 0;
}

export interface PlanWords {
  unit: UnitWords;
  /** An activity code of the plan, for examples ("1.1.1.1", or "1.1.1" without OS). */
  exampleCode: string;
  /** Marks of the first and last years of execution: "AN I" and "AN V". */
  marks: Record<Lang, [first: string, last: string]>;
  objectives: boolean;
  envelope: EnvelopeWords;
}

const memo = new WeakMap<Plan, PlanWords>();

export function planWords(plan: Plan): PlanWords {
  const known = memo.get(plan);
  if (known) return known;
  const objectives = hasObjectiveLevel(plan);
  const last = Math.max(0, plan.plan.years.length - 1);
  const words: PlanWords = {
    unit: unitWords(plan.plan.amountUnit),
    exampleCode: plan.activities[0]?.code ?? (objectives ? '1.1.1.1' : '1.1.1'),
    marks: { fr: [yearMark(0, 'fr'), yearMark(last, 'fr')], en: [yearMark(0, 'en'), yearMark(last, 'en')] },
    objectives,
    envelope: envelopeWords(plan),
  };
  memo.set(plan, words);
  return words;
}

/**
 * The words of a finding or sheet when no plan is at hand (a stored finding shown on its own):
 * millions of FCFA, the schema's default unit, and the shape of the shipped plan — four levels of
 * codes, five years, its summary table II.2.1. Whoever has the plan passes planWords(plan).
 */
export const DEFAULT_PLAN_WORDS: PlanWords = {
  unit: unitWords(DEFAULT_AMOUNT_UNIT),
  exampleCode: '1.1.1.1',
  marks: { fr: ['AN I', 'AN V'], en: ['YR I', 'YR V'] },
  objectives: true,
  envelope: { name: 'Tableau II.2.1', number: 'II.2.1' },
};

/**
 * A wording (every sentence of a sheet, in both languages) built once per plan's words: `build`
 * gives each language's from the words; the result picks one.
 */
export function wordingPerPlan<T>(
  build: Readonly<Record<Lang, (words: PlanWords) => T>>,
): (lang: Lang, words: PlanWords) => T {
  const built = new WeakMap<PlanWords, Record<Lang, T>>();
  return (lang, words) => {
    let both = built.get(words);
    if (!both) {
      both = { fr: build.fr(words), en: build.en(words) };
      built.set(words, both);
    }
    return both[lang];
  };
}
