/**
 * Spec formulas are in Excel's English syntax ("SUMIFS(A:A,B:B,\"1\")"). Apps Script parses a
 * formula written into a cell the way the spreadsheet's locale reads typing: where the decimal
 * separator is a comma (fr_FR, the likely setting in Bamako), arguments are separated by ";",
 * decimals written "0,5" and array columns "\". Function names stay English, which Sheets accepts
 * in every locale. So the host rewrites each formula for the spreadsheet's locale before writing.
 *
 * The rewrite only touches separators outside string literals ("…", "" inside) and quoted sheet
 * names ('…', '' inside): "À corriger, SVP" and 'Mode d''emploi' are left alone. It serves both
 * the Sheets add-on (formulas written by Apps Script) and the service's mirror (formulas sent
 * through the Sheets API), which parse them the same way.
 *
 * Which locales write decimals with a comma: Intl says so where it has the locale's data; where it
 * does not (an engine built with English-only data answers for "en" whatever it was asked), the
 * language's usual separator from the table below is used instead.
 */

/** Languages whose usual decimal separator is a comma (CLDR), for engines without locale data. */
const COMMA_LANGUAGES = new Set(
  'af az be bg bs ca cs da de el es et eu fi fo fr gl hr hu hy id is it ka kk ky lt lv mk nb nl nn no pl pt ro ru sk sl sq sr sv tr uk uz vi'.split(
    ' ',
  ),
);

/** Whether the spreadsheet's locale ("fr_FR", "en_US"…) writes 1.5 as "1,5". */
export function usesDecimalComma(locale: string | null | undefined): boolean {
  if (!locale) return false;
  const tag = locale.replace('_', '-');
  const language = tag.split('-')[0]?.toLowerCase() ?? '';
  try {
    const format = new Intl.NumberFormat(tag);
    if (format.resolvedOptions().locale.split('-')[0]?.toLowerCase() === language) {
      return format.formatToParts(1.5).find((p) => p.type === 'decimal')?.value === ',';
    }
  } catch {
    // An unknown tag or no Intl at all: the table decides.
  }
  return COMMA_LANGUAGES.has(language);
}

const DIGIT = /[0-9]/;

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

/** The formula (without "=") as a spreadsheet with a decimal comma reads it, or unchanged. */
export function formulaForLocale(formula: string, decimalComma: boolean): string {
  if (!decimalComma) return formula;
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
 * A formula read back from a spreadsheet with a decimal comma, in the English syntax the core's
 * readers expect. Only rewritten when it holds a ";" outside literals — the sure sign of the
 * locale's syntax; a formula without one is left as read (at worst the reader does not recognise
 * a constant like "1500,5+250" and says so, it never misreads it).
 */
export function formulaToEnglish(formula: string): string {
  let semicolon = false;
  let quote: string | null = null;
  for (const ch of formula) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ';') semicolon = true;
  }
  if (!semicolon) return formula;
  let out = '';
  quote = null;
  for (let i = 0; i < formula.length; i++) {
    const ch = formula[i] ?? '';
    if (quote) {
      out += ch;
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      out += ch;
    } else if (ch === ';') out += ',';
    else if (ch === '\\') out += ',';
    else if (ch === ',' && DIGIT.test(formula[i - 1] ?? '') && DIGIT.test(formula[i + 1] ?? '')) out += '.';
    else out += ch;
  }
  return out;
}
