/**
 * Repeated monthly fields: columns named STEM + index (BILL_AMT1..BILL_AMT6, PAY_0, PAY_2..PAY_6) form a
 * group ordered by index; gaps in the numbering are fine. Callers may name groups themselves, which
 * takes those columns out of detection.
 */

export interface ColumnGroup {
  name: string;
  /** Member columns, ordered by their index (step 0 first). */
  columns: string[];
}

const INDEXED_NAME = /^(.*?[A-Za-z])[_\s.-]?(\d{1,3})$/;

export function detectGroups(candidateColumns: readonly string[], explicit: readonly ColumnGroup[] = [], minSize = 3): ColumnGroup[] {
  const taken = new Set(explicit.flatMap((group) => group.columns));
  const byStem = new Map<string, { column: string; index: number }[]>();
  for (const column of candidateColumns) {
    if (taken.has(column)) continue;
    const match = INDEXED_NAME.exec(column);
    if (!match) continue;
    const stem = match[1]!;
    const members = byStem.get(stem) ?? [];
    members.push({ column, index: Number(match[2]) });
    byStem.set(stem, members);
  }
  const detected: ColumnGroup[] = [];
  for (const [stem, members] of byStem) {
    if (members.length < minSize) continue;
    members.sort((a, b) => a.index - b.index);
    detected.push({ name: stem, columns: members.map((m) => m.column) });
  }
  return [...explicit.map((group) => ({ name: group.name, columns: [...group.columns] })), ...detected];
}

/** Parses `NAME=A,B,C` as given on the command line. */
export function parseGroupSpec(text: string): ColumnGroup {
  const eq = text.indexOf('=');
  const name = eq > 0 ? text.slice(0, eq).trim() : '';
  const columns = (eq > 0 ? text.slice(eq + 1) : '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  if (!name || columns.length < 2)
    throw new Error(`--group must look like NAME=COL1,COL2,... with two or more columns, got ${JSON.stringify(text)}`);
  return { name, columns };
}
