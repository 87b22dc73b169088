/**
 * Cell-level number parsing shared by the CSV reader and the single-row scorer, so a value typed by a
 * person ("5.00E+05", " 1200 ", "1,5" in a semicolon file) means the same number everywhere.
 */

const CODE_0 = 48;
const CODE_9 = 57;

function isDigit(code: number): boolean {
  return code >= CODE_0 && code <= CODE_9;
}

/**
 * Strict decimal grammar: optional sign, digits with an optional fraction, optional exponent.
 * Written as a scanner rather than `Number(text)` because `Number` also accepts hex ("0x1F"),
 * "Infinity" and whitespace-only strings, none of which are numbers in a loan file.
 */
function isDecimalLiteral(text: string, decimalSeparator: number): boolean {
  let i = 0;
  const n = text.length;
  const first = text.charCodeAt(0);
  if (first === 43 /* + */ || first === 45 /* - */) i++;
  let digits = 0;
  while (i < n && isDigit(text.charCodeAt(i))) {
    i++;
    digits++;
  }
  if (i < n && text.charCodeAt(i) === decimalSeparator) {
    i++;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      digits++;
    }
  }
  if (digits === 0) return false;
  if (i < n) {
    const e = text.charCodeAt(i);
    if (e !== 101 /* e */ && e !== 69 /* E */) return false;
    i++;
    const sign = text.charCodeAt(i);
    if (sign === 43 || sign === 45) i++;
    let expDigits = 0;
    while (i < n && isDigit(text.charCodeAt(i))) {
      i++;
      expDigits++;
    }
    if (expDigits === 0) return false;
  }
  return i === n;
}

/** Parses a trimmed cell as a finite number, or returns NaN when it is not one. */
export function parseNumberCell(text: string, decimalComma = false): number {
  if (text.length === 0) return Number.NaN;
  const separator = decimalComma ? 44 /* , */ : 46; /* . */
  if (!isDecimalLiteral(text, separator)) return Number.NaN;
  const value = Number(decimalComma ? text.replace(',', '.') : text);
  return Number.isFinite(value) ? value : Number.NaN;
}

/** Canonical text of a number, so "1", "1.0" and "1.00E+00" name the same categorical level. */
export function canonicalNumber(value: number): string {
  return Object.is(value, -0) ? '0' : String(value);
}

/** Cell texts read as missing, besides the empty cell. Compared after trimming. */
export const DEFAULT_MISSING_TOKENS: readonly string[] = ['NA', 'N/A', 'NaN', 'nan', 'null', 'NULL', 'None', '#N/A'];
