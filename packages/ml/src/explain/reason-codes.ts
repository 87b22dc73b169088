/** Reason codes: the k contributions that raise the PD most, in words from the feature labels. */
import type { CellValue, Contribution, ReasonCode } from '../scorer/explanation-types.ts';

function formatOne(v: CellValue): string {
  if (v === null) return 'missing';
  if (typeof v !== 'number') return v;
  // Whole numbers below 1e6 print the same either way; String is much cheaper than toPrecision.
  return Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v) : String(Number(v.toPrecision(6)));
}

function formatValue(value: CellValue | CellValue[]): string {
  return Array.isArray(value) ? `[${value.map(formatOne).join(', ')}]` : formatOne(value);
}

/** The sentence of a reason code. */
export function reasonText(label: string, value: CellValue | CellValue[], contribution: number): string {
  return `${label} = ${formatValue(value)} raises the risk (+${contribution.toFixed(3)} log-odds)`;
}

export function reasonCodes(contributions: readonly Contribution[], k: number): ReasonCode[] {
  return contributions
    .filter((c) => c.contribution > 0)
    .sort((a, b) => b.contribution - a.contribution)
    .slice(0, k)
    .map((c) => ({
      feature: c.feature,
      label: c.label,
      value: c.value,
      contribution: c.contribution,
      text: reasonText(c.label, c.value, c.contribution),
    }));
}
