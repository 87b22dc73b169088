/**
 * The header row: names are trimmed, a blank name becomes `column_N` (with a warning), and a name
 * used twice is an error. Two columns under one name would make every later reference to it (the
 * target, --id, a model's pipeline, an explanation) ambiguous, so the file is refused with the
 * positions of each repeated name; the columns are still read (renamed) so the report can go on.
 */
import type { ValidationIssue } from './validation-report.ts';

export function checkHeader(header: string[], issues: ValidationIssue[]): string[] {
  const positions = new Map<string, number[]>();
  const trimmed = header.map((raw, index) => {
    const name = raw.trim();
    if (name.length === 0) {
      issues.push({
        severity: 'warning',
        code: 'blank-column-name',
        column: `column_${index + 1}`,
        message: `field ${index + 1} of the header has no name; it is read as "column_${index + 1}"`,
      });
      return `column_${index + 1}`;
    }
    const list = positions.get(name) ?? [];
    list.push(index + 1);
    positions.set(name, list);
    return name;
  });
  const repeated = [...positions.entries()].filter(([, at]) => at.length > 1);
  if (repeated.length > 0) {
    const listed = repeated.map(([name, at]) => `"${name}" at fields ${at.join(', ')}`).join('; ');
    issues.push({
      severity: 'error',
      code: 'duplicate-column',
      column: repeated[0]![0],
      message: `the header repeats column name${repeated.length > 1 ? 's' : ''} ${listed}: rename them so each column has its own name`,
    });
  }
  // Keep reading: later copies of a name get a suffix so the rest of the report can refer to them.
  const seen = new Map<string, number>();
  return trimmed.map((name) => {
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    return times === 1 ? name : `${name}_${times}`;
  });
}
