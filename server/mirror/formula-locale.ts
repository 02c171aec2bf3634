/**
 * Spec formulas are in Excel's English syntax ("SUMIFS(A:A,B:B,\"1\")", "ROUND(x,0.5)"). Google
 * Sheets parses a formula sent through the API in the spreadsheet's locale: in a locale whose
 * decimal separator is a comma (fr_FR, the likely one in Bamako), arguments are separated by ";",
 * decimals written with "," and array columns with "\". A formula sent unchanged there would show
 * #ERROR!, so it is rewritten for the locale read from the spreadsheet. Function names stay in
 * English, which Sheets accepts in every locale.
 *
 * The rewrite only touches separators outside string literals ("…", with "" inside) and quoted
 * sheet names ('…', with '' inside), so "À corriger, SVP" or 'Mode d''emploi' are left alone.
 */

/** Whether the spreadsheet's locale ("fr_FR", "en_US"…) writes 1.5 as "1,5". */
export function usesDecimalComma(locale: string | null | undefined): boolean {
  if (!locale) return false;
  try {
    const parts = new Intl.NumberFormat(locale.replace('_', '-')).formatToParts(1.5);
    return parts.find((p) => p.type === 'decimal')?.value === ',';
  } catch {
    // An unknown locale tag: English syntax is what Sheets falls back on.
    return false;
  }
}

const DIGIT = /[0-9]/;

/** The formula (without "=") as Sheets expects it in that locale. */
export function formulaForLocale(formula: string, locale: string | null | undefined): string {
  if (!usesDecimalComma(locale)) return formula;
  let out = '';
  let quote: '"' | "'" | null = null;
  let braces = 0;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i] ?? '';
    if (quote) {
      out += ch;
      // A doubled quote is an escaped one and does not end the literal.
      if (ch === quote) {
        if (formula[i + 1] === quote) out += formula[++i] ?? '';
        else quote = null;
      }
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === '{') {
      braces += 1;
      out += ch;
    } else if (ch === '}') {
      braces = Math.max(0, braces - 1);
      out += ch;
    } else if (ch === ',') {
      out += braces > 0 ? '\\' : ';';
    } else if (ch === '.' && DIGIT.test(formula[i + 1] ?? '') && isNumberStart(formula, i)) {
      out += ',';
    } else {
      out += ch;
    }
  }
  return out;
}

/**
 * Whether the "." at `dot` is a decimal point: digits (or nothing) before it, reached from an
 * operator, a bracket or a separator rather than from a name ("Sheet1.5" is not a number).
 */
function isNumberStart(formula: string, dot: number): boolean {
  let i = dot - 1;
  while (i >= 0 && DIGIT.test(formula[i] ?? '')) i--;
  const before = i >= 0 ? (formula[i] ?? '') : '';
  return before === '' || /[\s(,;=+\-*/^<>&{]/.test(before);
}
