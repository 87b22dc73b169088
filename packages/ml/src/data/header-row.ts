/**
 * Whether a file's first row names its columns. Most files have a header; the UCI Statlog files
 * (german.data, australian.dat) and other exports do not, and reading their first row of data as
 * names loses a row and names columns "A11", "6", "A34". Decided from the first row and the rows
 * after it, as a reader would: a column of numbers under a word has a header; a first row that holds
 * numbers where the rows below do, or the values its columns hold below, is data. A file without a
 * header gets the columns 1..N (Statlog's attribute numbers: `--target 21` in german.data).
 */
import { parseNumberCell } from './number-cell.ts';
import type { CellParsing } from './table.ts';

/** `auto`: decided from the rows (see firstRowIsHeader); `yes` / `no`: as the caller says. */
export type HeaderMode = 'auto' | 'yes' | 'no';

/** Rows after the first that the decision reads. */
export const HEADER_SAMPLE_ROWS = 50;

const isMissing = (text: string, parsing: CellParsing) => text.length === 0 || parsing.missingTokens.has(text);
const isNumber = (text: string, parsing: CellParsing) => !Number.isNaN(parseNumberCell(text, parsing.decimalComma));

/**
 * True when `first` is a header for the rows of `sample` (the rows after it). With no rows to compare
 * against, the first row is taken as a header (the usual case, and what an empty table needs).
 */
export function firstRowIsHeader(first: readonly string[], sample: readonly (readonly string[])[], parsing: CellParsing): boolean {
  if (sample.length === 0) return true;
  let numericColumns = 0;
  let numericAbove = 0;
  let textColumns = 0;
  let seenBelow = 0;
  for (let c = 0; c < first.length; c++) {
    const top = first[c]!.trim();
    const below = sample.map((row) => (row[c] ?? '').trim()).filter((v) => !isMissing(v, parsing));
    if (below.length === 0) continue;
    if (below.every((v) => isNumber(v, parsing))) {
      numericColumns++;
      // A word over a column of numbers: a name.
      if (!isMissing(top, parsing) && !isNumber(top, parsing)) return true;
      if (isNumber(top, parsing)) numericAbove++;
    } else {
      textColumns++;
      if (below.includes(top)) seenBelow++;
    }
  }
  // Numbers where the rows below hold numbers, and no name over any of them: data.
  if (numericColumns > 0) return numericAbove === 0;
  // Text only: data when most of the first row's values recur in their columns (codes, categories).
  return !(textColumns > 0 && seenBelow * 2 > textColumns);
}

/** The names of a file without a header: 1..N. */
export function numberedColumns(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i + 1));
}
