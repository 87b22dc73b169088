/**
 * Delimiter sniffing: pick the candidate that splits the first lines (outside quotes) into the same
 * number of fields, preferring more fields. A loan file may come from Excel in a locale that writes
 * semicolons, from a database export with tabs, or from a pipe-separated mainframe dump.
 */

export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

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
  return best;
}
