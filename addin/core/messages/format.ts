/**
 * How the wording shows values: amounts in the plan's unit the way each language writes them
 * ("1 500,5" / "1,500.5"), the tolerance, field and activity names. Shared by fr.ts and en.ts so
 * that both say the same thing with the same numbers.
 */
import type { PlaceField } from '../findings.ts';
import type { Lang } from '../layout.ts';
import { formatMoney, MILLION, type Money, moneyFromDecimal, moneyFromNumber } from '../money.ts';
import { type UnitWords, unitAfter } from '../plan-words.ts';

function toMoney(value: number | string): Money | null {
  return typeof value === 'number' ? moneyFromNumber(value) : moneyFromDecimal(value);
}

/** An amount in the plan's unit, without it; an empty value says so. */
export function amount(value: number | string | null | undefined, lang: Lang): string {
  if (value === null || value === undefined) return lang === 'fr' ? 'vide' : 'empty';
  const m = toMoney(value);
  return m === null ? String(value) : formatMoney(m, lang);
}

const belowTwo = (m: Money | null) => m !== null && m > -2n * MILLION && m < 2n * MILLION;

/** An amount with its unit: "1 500,5 millions FCFA", "0,3 million FCFA" (French "million" takes no s below 2). */
export function amountWithUnit(
  value: number | string | null | undefined,
  lang: Lang,
  unit: UnitWords,
): string {
  const shown = amount(value, lang);
  if (value === null || value === undefined) return shown;
  return `${shown} ${unitAfter(unit, lang, belowTwo(toMoney(value)))}`;
}

/** A signed gap: "+1 500" or "-20". */
export function signedAmount(decimal: string, lang: Lang): string {
  const m = moneyFromDecimal(decimal);
  if (m === null) return decimal;
  return `${m > 0n ? '+' : ''}${formatMoney(m, lang)}`;
}

/** A percentage given as a decimal string ("-12.5"), written the language's way ("-12,5"). */
export function percent(decimal: string, lang: Lang): string {
  const signed = decimal.startsWith('-') || decimal.startsWith('+') ? decimal : `+${decimal}`;
  return lang === 'fr' ? signed.replace('.', ',') : signed;
}

/** "écart toléré : 0" — with the unit once the tolerance is not zero. */
export function tolerance(decimal: string, lang: Lang, unit: UnitWords): string {
  const m = moneyFromDecimal(decimal) ?? 0n;
  const shown = `${formatMoney(m, lang)} ${unitAfter(unit, lang, belowTwo(m))}`;
  if (lang === 'fr') return m === 0n ? 'écart toléré : 0' : `écart toléré : ${shown}`;
  return m === 0n ? 'tolerance: 0' : `tolerance: ${shown}`;
}

/** A field of a line or summary row as its column is headed. */
export function fieldName(field: string, lang: Lang): string {
  if (field.startsWith('year:')) return field.slice(5);
  switch (field) {
    case 'total':
      return 'Total';
    case 'national':
      return lang === 'fr' ? 'Budget national' : 'National budget';
    case 'external':
      return lang === 'fr' ? 'Extérieur' : 'External';
    default:
      return field;
  }
}

/** "l'année 2023" / "la colonne « Total »": a field inside a sentence. */
export function fieldPhrase(field: string, lang: Lang): string {
  if (field.startsWith('year:'))
    return lang === 'fr' ? `l'année ${field.slice(5)}` : `year ${field.slice(5)}`;
  return lang === 'fr'
    ? `la colonne « ${fieldName(field, lang)} »`
    : `the "${fieldName(field, lang)}" column`;
}

/** The activity as a message names it; a line without a code says so. */
export function activityName(code: string, lang: Lang): string {
  if (code !== '') return code;
  return lang === 'fr' ? '(sans code)' : '(no code)';
}

/** Long titles are cut for a one-line message. */
export function shorten(text: string, max = 70): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A field of a line in words: "année 2023", "budget national", "période d'exécution 2023". */
export function fieldInWords(field: PlaceField, lang: Lang): string {
  const fr = lang === 'fr';
  if (field.startsWith('year:')) return `${fr ? 'année' : 'year'} ${field.slice(5)}`;
  if (field.startsWith('mark:'))
    return `${fr ? "période d'exécution" : 'execution period'} ${field.slice(5)}`;
  switch (field) {
    case 'total':
      return 'total';
    case 'national':
      return fr ? 'budget national' : 'national budget';
    case 'external':
      return fr ? 'financement extérieur' : 'external funding';
    case 'nature':
      return fr ? 'nature' : 'type';
    case 'comment':
      return fr ? 'commentaire' : 'comment';
    case 'committedNational':
      return fr ? 'engagé, budget national' : 'committed, national budget';
    case 'committedExternal':
      return fr ? 'engagé, extérieur' : 'committed, external';
    case 'committedTotal':
      return fr ? 'engagé, total' : 'committed, total';
    case 'disbursedNational':
      return fr ? 'décaissé, budget national' : 'disbursed, national budget';
    case 'disbursedExternal':
      return fr ? 'décaissé, extérieur' : 'disbursed, external';
    case 'disbursedTotal':
      return fr ? 'décaissé, total' : 'disbursed, total';
    case 'state':
      return fr ? "état de l'activité" : 'activity state';
    default:
      return fr ? "code de l'activité" : 'activity code';
  }
}
