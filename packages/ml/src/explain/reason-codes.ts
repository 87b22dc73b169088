/** Reason codes: the k contributions that raise the PD most, in words from the feature labels. */
import type { CellValue, Contribution, ReasonCode } from '../scorer/explanation-types.ts';

function formatValue(value: CellValue | CellValue[]): string {
  const one = (v: CellValue) => (v === null ? 'missing' : typeof v === 'number' ? String(Number(v.toPrecision(6))) : v);
  return Array.isArray(value) ? `[${value.map(one).join(', ')}]` : one(value);
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
      text: `${c.label} = ${formatValue(c.value)} raises the risk (+${c.contribution.toFixed(3)} log-odds)`,
    }));
}
