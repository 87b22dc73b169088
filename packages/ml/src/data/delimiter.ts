/**
 * Delimiter sniffing: pick the candidate that splits the first lines (outside quotes) into the same
 * number of fields, preferring more fields. A loan file may come from Excel in a locale that writes
 * semicolons, from a database export with tabs, or from a pipe-separated mainframe dump.
 */

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

/**
 * Runs of spaces and tabs between fields, leading and trailing ones ignored (the UCI Statlog files,
 * fixed-width exports). Sniffed when no single character splits the lines consistently.
 */
export const WHITESPACE = 'whitespace';

/** A line's fields split on runs of spaces and tabs (no quotes in such files). */
function whitespaceFields(line: string): number {
  const trimmed = line.trim();
  return trimmed.length === 0 ? 0 : trimmed.split(/[ \t]+/).length;
}

/** The character a pattern delimiter is turned into before parsing (see whitespaceToTabs). */
export function parserDelimiter(delimiter: string): string {
  return delimiter === WHITESPACE ? '\t' : delimiter;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) count++;
  }
  return count;
}

/** Splits a sample into whole lines, dropping a possibly cut last line and blank lines. */
function sampleLines(sample: string, maxLines: number): string[] {
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 1) lines.pop();
  return lines.filter((line) => line.trim().length > 0).slice(0, maxLines);
}

export function sniffDelimiter(sample: string): string {
  const lines = sampleLines(sample, 50);
  if (lines.length === 0) return ',';
  let best: string = ',';
  let bestScore = -1;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((c) => c === headerCount).length / counts.length;
    // Consistency dominates; among equally consistent candidates, more fields wins.
    const score = consistent * 1000 + Math.min(headerCount, 999);
    if (score > bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  // Whitespace-separated: every line has the same number (>= 2) of fields split on runs of blanks,
  // and no single character did as well.
  const fields = lines.map(whitespaceFields);
  const consistent = fields.every((n) => n === fields[0]) && fields[0]! >= 2;
  if (consistent && bestScore < 1000) return WHITESPACE;
  return best;
}
