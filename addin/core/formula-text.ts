/**
 * Formula text as PAC compares and reads it, without a spreadsheet engine:
 *
 * - formulaKey: a form of a formula that two spreadsheet programs agree on — no spaces, upper case
 *   outside string literals, sheet names unquoted, "_xlfn." prefixes dropped, "$" anchors dropped
 *   and rows counted from the formula's own cell — so that the template's
 *   `IF(COUNT(G9:K9)=0,"",SUM(G9:K9))` in row 9 and the same formula re-saved by Excel or
 *   LibreOffice (or moved down two rows with its row) compare equal, and anything else does not.
 * - constantValue: the exact value of a formula made only of numbers and + - * / ( ), such as
 *   "=1500+250" typed into an amount cell: reading it is reading what the person typed, not a
 *   cached result.
 */
import { type Money, moneyFromDecimal } from './money.ts';

const REF = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})/;
const IDENT_CHAR = /[A-Za-z0-9_.]/;

/** See the header. `row` is the 1-based row of the cell holding the formula. */
export function formulaKey(formula: string, row: number): string {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (ch === '"') {
      // A string literal, "" standing for a quote: kept as written.
      let j = i + 1;
      while (j < text.length) {
        if (text[j] === '"') {
          if (text[j + 1] === '"') j += 2;
          else break;
        } else j++;
      }
      out += text.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === "'") {
      // A quoted sheet name: 'Saisie'!A1 is Saisie!A1.
      let j = i + 1;
      let name = '';
      while (j < text.length) {
        if (text[j] === "'") {
          if (text[j + 1] === "'") {
            name += "'";
            j += 2;
          } else break;
        } else name += text[j++];
      }
      out += name.toUpperCase();
      i = j + 1;
      continue;
    }
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const before = i === 0 ? '' : (text[i - 1] as string);
    if (!IDENT_CHAR.test(before)) {
      if (text.startsWith('_xlfn.', i) || text.startsWith('_xlws.', i)) {
        i += 6;
        continue;
      }
      const m = REF.exec(text.slice(i, i + 12));
      const after = m ? (text[i + m[0].length] ?? '') : '';
      if (m && !IDENT_CHAR.test(after) && after !== '(') {
        out += `${(m[1] as string).toUpperCase()}[${Number(m[2]) - row}]`;
        i += m[0].length;
        continue;
      }
    }
    out += ch.toUpperCase();
    i++;
  }
  return out;
}

// --- Constant arithmetic ----------------------------------------------------------------------

interface Ratio {
  n: bigint;
  d: bigint;
}

const MAX_LENGTH = 200;

/** Parses and evaluates numbers with + - * / and parentheses; null for anything else. */
function evaluate(text: string): Ratio | null {
  let i = 0;
  const peek = () => text[i];
  const skip = () => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const number = (): Ratio | null => {
    const m = /^(\d+)(?:\.(\d+))?/.exec(text.slice(i));
    if (!m) return null;
    i += m[0].length;
    const frac = m[2] ?? '';
    return { n: BigInt((m[1] as string) + frac), d: 10n ** BigInt(frac.length) };
  };
  let depth = 0;
  const factor = (): Ratio | null => {
    skip();
    const c = peek();
    if (c === '-' || c === '+') {
      i++;
      const f = factor();
      return f && c === '-' ? { n: -f.n, d: f.d } : f;
    }
    if (c === '(') {
      if (++depth > 20) return null;
      i++;
      const e = expr();
      skip();
      if (!e || peek() !== ')') return null;
      i++;
      depth--;
      return e;
    }
    return number();
  };
  const term = (): Ratio | null => {
    let left = factor();
    for (;;) {
      skip();
      const c = peek();
      if (!left || (c !== '*' && c !== '/')) return left;
      i++;
      const right = factor();
      if (!right) return null;
      if (c === '*') left = { n: left.n * right.n, d: left.d * right.d };
      else if (right.n === 0n) return null;
      else left = { n: left.n * right.d, d: left.d * right.n };
    }
  };
  const expr = (): Ratio | null => {
    let left = term();
    for (;;) {
      skip();
      const c = peek();
      if (!left || (c !== '+' && c !== '-')) return left;
      i++;
      const right = term();
      if (!right) return null;
      left = { n: left.n * right.d + (c === '+' ? right.n : -right.n) * left.d, d: left.d * right.d };
    }
  };
  const result = expr();
  skip();
  return result && i === text.length ? result : null;
}

/**
 * The value in millions of a constant formula ("1500+250", "=12*25", "(100+50)/3"), rounded to
 * the FCFA as any amount is; null when the formula refers to anything (a cell, a function, a name).
 */
export function constantValue(formula: string): Money | null {
  const text = formula.startsWith('=') ? formula.slice(1) : formula;
  if (text.length === 0 || text.length > MAX_LENGTH || !/^[\d\s.+\-*/()]+$/.test(text)) return null;
  const r = evaluate(text);
  if (!r) return null;
  const d = r.d < 0n ? -r.d : r.d;
  const n = r.d < 0n ? -r.n : r.n;
  // Seven decimals, then moneyFromDecimal rounds the seventh half away from zero, as for any amount.
  const scaled = (n * 10_000_000n) / d;
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(8, '0');
  return moneyFromDecimal(`${negative ? '-' : ''}${digits.slice(0, -7)}.${digits.slice(-7)}`);
}
