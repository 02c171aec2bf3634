/**
 * Exact money. An amount is a bigint of millionths of the plan's unit: 1 unit of the plan (one
 * million FCFA for the shipped plan, one thousand FCFA for a plan in "milliers FCFA", see
 * plan.amountUnit) is `MILLION`. Sums stay exact — 0.1 + 0.2 is 0.3, and a gap of one millionth of
 * the unit (1 FCFA in a plan in millions) never vanishes in floating-point rounding.
 *
 * The unit is never converted: a return, a sheet and the consolidation of a plan all count in
 * that plan's unit, and only the words change with it (./plan-words.ts). Comments below say
 * "FCFA" and "millions" for the shipped plan's unit; read "millionth of the unit" and "units".
 */

/** An amount in millionths of the plan's unit (FCFA for a plan in millions). One unit is `MILLION`. */
export type Money = bigint;

export const MILLION: Money = 1_000_000n;
const SCALE_DIGITS = 6;

/**
 * Reads a plain decimal string in millions ("1500", "-2.75", "0.000001", "1e3") into FCFA.
 * Digits beyond the FCFA are rounded half away from zero: nobody plans in fractions of a franc.
 * Returns null for anything that is not a plain decimal number.
 */
export function moneyFromDecimal(text: string): Money | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!m) return null;
  const [, sign = '', intPart = '', fracPart = '', expPart] = m;
  if (intPart === '' && fracPart === '') return null;
  const exponent = expPart === undefined ? 0 : Number(expPart);
  if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 400) return null;
  // Shift the decimal point: digits * 10^(exponent - fracLen) millions, in FCFA.
  const digits = BigInt(`${intPart}${fracPart}` || '0');
  const shift = exponent - fracPart.length + SCALE_DIGITS;
  let value: bigint;
  if (shift >= 0) {
    value = digits * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    value = digits / divisor;
    if ((digits % divisor) * 2n >= divisor) value += 1n;
  }
  return sign === '-' ? -value : value;
}

/**
 * Converts a JavaScript number (a cell value, a JSON field) in millions to FCFA. The number's
 * shortest round-trip decimal form is used, so 0.1 is exactly one tenth of a million, not the
 * binary fraction closest to it.
 */
export function moneyFromNumber(value: number): Money | null {
  if (!Number.isFinite(value)) return null;
  // Fast path, the same answer without the text: when the amount in FCFA, rounded, gives the
  // number back (one correctly rounded division), the number is that multiple of a millionth, and
  // below 2^32 millions its rounding interval is narrower than a millionth, so that multiple is
  // also the one its shortest decimal form reads as. A return converts every amount; building
  // the text and a bigint from it cost more than all the checks together.
  if (value < FAST_LIMIT && value > -FAST_LIMIT) {
    const fcfa = Math.round(value * 1e6);
    if (fcfa / 1e6 === value) return BigInt(fcfa);
  }
  return moneyFromDecimal(String(value));
}

/** Below this many millions, one millionth is wider than a double's rounding interval (see above). */
const FAST_LIMIT = 2 ** 32;

/** The amount as a decimal string in millions, without trailing zeros ("1500", "0.3", "-2.000001"). */
export function moneyToDecimal(value: Money): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const whole = abs / MILLION;
  const frac = (abs % MILLION).toString().padStart(SCALE_DIGITS, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** Below 2^53 FCFA both the integer and 1e6 are exact doubles, so one division is correctly rounded. */
const EXACT = 2n ** 53n;

/**
 * The amount in millions as a JavaScript number, for JSON and for cells: the double nearest the
 * exact amount, as parsing its decimal text gives, without building that text below 2^53 FCFA
 * (validating a large return converts every amount).
 */
export function moneyToNumber(value: Money): number {
  if (value < EXACT && value > -EXACT) return Number(value) / 1e6;
  return Number(moneyToDecimal(value));
}

export function sumMoney(values: Iterable<Money | null | undefined>): Money {
  let total = 0n;
  for (const v of values) if (typeof v === 'bigint') total += v;
  return total;
}

export function absMoney(value: Money): Money {
  return value < 0n ? -value : value;
}

/**
 * Formats millions for people: French groups thousands with a narrow no-break space and uses a
 * decimal comma ("1 500,5"); English uses "1,500.5".
 */
export function formatMoney(value: Money, locale: 'fr' | 'en'): string {
  const [intPart = '0', fracPart] = moneyToDecimal(value).split('.');
  const negative = intPart.startsWith('-');
  const digits = negative ? intPart.slice(1) : intPart;
  const groupSep = locale === 'fr' ? '\u202f' : ',';
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, groupSep);
  const decimalSep = locale === 'fr' ? ',' : '.';
  return `${negative ? '-' : ''}${grouped}${fracPart ? decimalSep + fracPart : ''}`;
}
