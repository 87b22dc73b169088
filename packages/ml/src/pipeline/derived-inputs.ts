/** Raw values of numeric inputs: a column as read, or a statistic over a repeated group of columns. */
import { requireColumn, type Table } from '../data/table.ts';
import type { AggregateStat, Derivation, RatioStat } from './types.ts';

/**
 * A repeated group's running figures per row, its members walked column by column (each a contiguous
 * array) in member order: the count of present values, their sum, sum of squares, largest and
 * smallest. Every statistic but 'first' and 'trend' reads them, so a group's five to eight derived
 * inputs cost one pass over its members instead of one each. The additions happen in the same order
 * (member by member within a row) as a row-by-row definition, so the values are the same bits.
 */
export interface GroupFigures {
  count: Float64Array;
  sum: Float64Array;
  sumSq: Float64Array;
  max: Float64Array;
  min: Float64Array;
}

function groupFigures(members: Float64Array[], n: number): GroupFigures {
  const count = new Float64Array(n);
  const sum = new Float64Array(n);
  const sumSq = new Float64Array(n);
  const max = new Float64Array(n).fill(-Infinity);
  const min = new Float64Array(n).fill(Infinity);
  for (const member of members) {
    for (let row = 0; row < n; row++) {
      const v = member[row]!;
      if (Number.isNaN(v)) continue;
      count[row]!++;
      sum[row]! += v;
      sumSq[row]! += v * v;
      if (v > max[row]!) max[row] = v;
      if (v < min[row]!) min[row] = v;
    }
  }
  return { count, sum, sumSq, max, min };
}

/** A statistic over a repeated group, for every row (NaN where every member is missing). */
function groupStat(stat: AggregateStat | RatioStat, members: Float64Array[], n: number, figures: () => GroupFigures): Float64Array {
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
  const { count, sum, sumSq, max, min } = figures();
  if (stat === 'max') out.set(max);
  else if (stat === 'min') out.set(min);
  else if (stat === 'mean') for (let row = 0; row < n; row++) out[row] = sum[row]! / count[row]!;
  else {
    for (let row = 0; row < n; row++) {
      const mean = sum[row]! / count[row]!;
      out[row] = Math.sqrt(Math.max(0, sumSq[row]! / count[row]! - mean * mean));
    }
  }
  for (let row = 0; row < n; row++) if (count[row] === 0) out[row] = Number.NaN;
  return out;
}

/**
 * Group figures kept for one table while its derived inputs are computed (by group: the members' names),
 * so the statistics of one group share a pass. Only for one table: the key does not name it. It holds
 * the latest group only (a pipeline lists a group's inputs together), so a wide file's hundreds of
 * groups never sit in memory at once.
 */
export type GroupFiguresCache = Map<string, GroupFigures>;

/** The input's raw values for every row of the table; `groups` shares group passes between the table's inputs. */
export function deriveInput(derivation: Derivation, table: Table, groups?: GroupFiguresCache): Float64Array {
  if (derivation.kind === 'column') return requireColumn(table, derivation.column).numbers;
  const members = derivation.columns.map((name) => requireColumn(table, name).numbers);
  const n = table.rowCount;
  const figures = () => {
    const key = derivation.columns.join('\n');
    let found = groups?.get(key);
    if (!found) {
      found = groupFigures(members, n);
      groups?.clear();
      groups?.set(key, found);
    }
    return found;
  };
  const out = groupStat(derivation.stat, members, n, figures);
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
