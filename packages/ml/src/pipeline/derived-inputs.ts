/** Raw values of numeric inputs: a column as read, or a statistic over a repeated group of columns. */
import { requireColumn, type Table } from '../data/table.ts';
import type { AggregateStat, Derivation, RatioStat } from './types.ts';

/**
 * A statistic over a repeated group, for every row: the members are walked column by column (each a
 * contiguous array) into running per-row totals, rather than row by row across the members' arrays.
 * The additions happen in the same order (member by member within a row), so the values are the same bits.
 */
function groupStats(stat: AggregateStat | RatioStat, members: Float64Array[], n: number): Float64Array {
  const out = new Float64Array(n);
  if (stat === 'first') {
    // A row whose members are all missing has its first missing too.
    out.set(members[0]!.subarray(0, n));
    return out;
  }
  if (stat === 'trend') {
    const first = members[0]!;
    const last = members[members.length - 1]!;
    // NaN when either end is missing, so also when every member is.
    for (let row = 0; row < n; row++) out[row] = first[row]! - last[row]!;
    return out;
  }
  const count = new Float64Array(n);
  if (stat === 'max' || stat === 'min') {
    out.fill(stat === 'max' ? -Infinity : Infinity);
    const isMax = stat === 'max';
    for (const member of members) {
      for (let row = 0; row < n; row++) {
        const v = member[row]!;
        if (Number.isNaN(v)) continue;
        count[row]!++;
        if (isMax ? v > out[row]! : v < out[row]!) out[row] = v;
      }
    }
  } else {
    const sumSq = stat === 'std' ? new Float64Array(n) : null;
    for (const member of members) {
      for (let row = 0; row < n; row++) {
        const v = member[row]!;
        if (Number.isNaN(v)) continue;
        count[row]!++;
        out[row]! += v;
        if (sumSq) sumSq[row]! += v * v;
      }
    }
    for (let row = 0; row < n; row++) {
      const mean = out[row]! / count[row]!;
      out[row] = sumSq ? Math.sqrt(Math.max(0, sumSq[row]! / count[row]! - mean * mean)) : mean;
    }
  }
  for (let row = 0; row < n; row++) if (count[row] === 0) out[row] = Number.NaN;
  return out;
}

export function deriveInput(derivation: Derivation, table: Table): Float64Array {
  if (derivation.kind === 'column') return requireColumn(table, derivation.column).numbers;
  const members = derivation.columns.map((name) => requireColumn(table, name).numbers);
  const n = table.rowCount;
  const out = groupStats(derivation.stat, members, n);
  if (derivation.kind === 'ratio') {
    const denominator = requireColumn(table, derivation.denominator).numbers;
    for (let row = 0; row < n; row++) {
      const d = denominator[row]!;
      out[row] = d > 0 ? out[row]! / d : Number.NaN;
    }
  }
  return out;
}

export function derivationColumns(derivation: Derivation): string[] {
  if (derivation.kind === 'column') return [derivation.column];
  if (derivation.kind === 'aggregate') return [...derivation.columns];
  return [...derivation.columns, derivation.denominator];
}
