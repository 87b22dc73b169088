// Grade migration between two runs: how many exposures moved from each grade (previous run, rows) to
// each grade (this run, columns), on the master scale's order, best grade first.

export interface GradePair {
  /** The grade in the previous run; null for an exposure the previous run did not score. */
  from: string | null;
  to: string;
  count: number;
}

export interface MigrationMatrix {
  /** Row and column order: the scale's grades, then any other grade found, in first-seen order. */
  grades: string[];
  /** counts[i][j]: exposures in grades[i] before and grades[j] now. */
  counts: number[][];
  /** Exposures in both runs, and how they moved. */
  matched: number;
  stable: number;
  /** Moved to a better (earlier) grade. */
  upgrades: number;
  downgrades: number;
  /** Moved two grades or more towards default. */
  downgradesTwoPlus: number;
  /** Scored now but not in the previous run. */
  newExposures: number;
}

export function migrationMatrix(pairs: readonly GradePair[], scale: readonly string[]): MigrationMatrix {
  const grades = [...scale];
  const rank = new Map(grades.map((g, i) => [g, i]));
  const rankOf = (g: string): number => {
    let r = rank.get(g);
    if (r === undefined) {
      r = grades.length;
      grades.push(g);
      rank.set(g, r);
    }
    return r;
  };
  const cells: [number, number, number][] = [];
  const result = { matched: 0, stable: 0, upgrades: 0, downgrades: 0, downgradesTwoPlus: 0, newExposures: 0 };
  for (const { from, to, count } of pairs) {
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`count of ${from} -> ${to} must be a whole number >= 0, got ${count}`);
    const j = rankOf(to);
    if (from === null) {
      result.newExposures += count;
      continue;
    }
    const i = rankOf(from);
    cells.push([i, j, count]);
    result.matched += count;
    if (i === j) result.stable += count;
    else if (j < i) result.upgrades += count;
    else {
      result.downgrades += count;
      if (j - i >= 2) result.downgradesTwoPlus += count;
    }
  }
  const counts = grades.map(() => new Array<number>(grades.length).fill(0));
  for (const [i, j, c] of cells) counts[i]![j]! += c;
  return { grades, counts, ...result };
}
