/** Raw values of numeric inputs: a column as read, or a statistic over a repeated group of columns. */
import { requireColumn, type Table } from '../data/table.ts';
import type { AggregateStat, Derivation, RatioStat } from './types.ts';

function groupStat(stat: AggregateStat | RatioStat, members: Float64Array[], row: number): number {
  let count = 0;
  let sum = 0;
  let sumSq = 0;
  let max = -Infinity;
  let min = Infinity;
  for (const member of members) {
    const v = member[row]!;
    if (Number.isNaN(v)) continue;
    count++;
    sum += v;
    sumSq += v * v;
    if (v > max) max = v;
    if (v < min) min = v;
  }
  if (count === 0) return Number.NaN;
  switch (stat) {
    case 'max':
      return max;
    case 'min':
      return min;
    case 'mean':
      return sum / count;
    case 'std': {
      const mean = sum / count;
      return Math.sqrt(Math.max(0, sumSq / count - mean * mean));
    }
    case 'trend': {
      const first = members[0]![row]!;
      const last = members[members.length - 1]![row]!;
      return first - last;
    }
    case 'first':
      return members[0]![row]!;
  }
}

export function deriveInput(derivation: Derivation, table: Table): Float64Array {
  if (derivation.kind === 'column') return requireColumn(table, derivation.column).numbers;
  const members = derivation.columns.map((name) => requireColumn(table, name).numbers);
  const out = new Float64Array(table.rowCount);
  const denominator = derivation.kind === 'ratio' ? requireColumn(table, derivation.denominator).numbers : null;
  for (let row = 0; row < table.rowCount; row++) {
    const value = groupStat(derivation.stat, members, row);
    if (denominator) {
      const d = denominator[row]!;
      out[row] = d > 0 ? value / d : Number.NaN;
    } else {
      out[row] = value;
    }
  }
  return out;
}

export function derivationColumns(derivation: Derivation): string[] {
  if (derivation.kind === 'column') return [derivation.column];
  if (derivation.kind === 'aggregate') return [...derivation.columns];
  return [...derivation.columns, derivation.denominator];
}
