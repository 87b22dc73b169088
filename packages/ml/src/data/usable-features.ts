/**
 * "Nothing to learn from": when no column can be a feature, training stops with every column named
 * and the reason it was set aside, instead of fitting an intercept-only model (or failing deep inside
 * calibration).
 */
import type { ColumnProfile } from './column-types.ts';
import type { ValidationIssue } from './validation-report.ts';

const MAX_LISTED = 12;

export function describeDropped(columns: readonly { name: string; reason?: string }[]): string {
  const listed = columns.slice(0, MAX_LISTED).map((c) => `"${c.name}" (${c.reason ?? 'not usable'})`);
  const more = columns.length > MAX_LISTED ? ` and ${columns.length - MAX_LISTED} more` : '';
  return `${listed.join(', ')}${more}`;
}

/** An error when no column of the schema is a numeric or categorical feature; null otherwise. */
export function noUsableFeature(columns: readonly ColumnProfile[]): ValidationIssue | null {
  if (columns.some((c) => c.kind === 'numeric' || c.kind === 'categorical')) return null;
  const others = columns.filter((c) => c.kind !== 'target');
  const message =
    others.length === 0
      ? 'the file has only the target column: there is no feature to learn from'
      : `no column can be used as a feature: ${describeDropped(others)}; nothing is left to learn from`;
  return { severity: 'error', code: 'no-usable-feature', message };
}
