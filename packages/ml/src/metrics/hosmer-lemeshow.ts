import { equalCountTable, type CalibrationRow } from './calibration-table.ts';
import { chiSquareSf } from './distributions.ts';
import { checkCount, labelsWithPd } from './validate.ts';

export interface HosmerLemeshowResult {
  statistic: number;
  /** Number of groups in the table minus 2. */
  df: number;
  pValue: number;
  table: CalibrationRow[];
}

/**
 * Hosmer-Lemeshow goodness of fit over equal-count groups of PD:
 * sum over groups of (O - E)^2 / (E (1 - E / n)), E the sum of PDs, against chi-square(groups - 2).
 * Ties never straddle groups, so heavily tied PDs can give fewer groups; df follows the table.
 */
export function hosmerLemeshow(labels: ArrayLike<number>, pd: ArrayLike<number>, groups = 10): HosmerLemeshowResult {
  checkCount('groups', groups, 3);
  const { y, p } = labelsWithPd(labels, pd);
  const table = equalCountTable(y, p, groups);
  if (table.length < 3) {
    throw new RangeError(`hosmerLemeshow needs at least 3 groups of distinct PDs; pd gives only ${table.length}`);
  }
  let statistic = 0;
  for (const row of table) {
    const expected = row.count * row.meanPd;
    const variance = expected * (1 - row.meanPd);
    const gap = row.defaults - expected;
    // A group whose PDs are all 0 or all 1 has no variance: it fits only if it matches exactly.
    if (variance > 0) statistic += (gap * gap) / variance;
    else if (gap !== 0) statistic = Infinity;
  }
  const df = table.length - 2;
  return { statistic, df, pValue: chiSquareSf(statistic, df), table };
}
