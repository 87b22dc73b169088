import { binomialTest, jeffreysTest, type TestOutcome } from './default-tests.ts';
import { tabulate, type CalibrationRow } from './calibration-table.ts';
import { checkProbabilityArg, labelsWithPd } from './validate.ts';

export interface GradeBound {
  grade: string;
  /** Upper PD bound of the grade, inclusive. */
  maxPd: number;
}

/** Grades ordered from best to worst; a PD belongs to the first grade whose maxPd it does not exceed. */
export type GradeScale = readonly GradeBound[];

/**
 * Ten-grade master scale from the 0.03% Basel PD floor to 100%, roughly doubling to tripling
 * per grade, in the AAA..D style of rating agencies (D here is the worst performing grade,
 * not the defaulted state).
 */
export const DEFAULT_MASTER_SCALE: GradeScale = Object.freeze([
  { grade: 'AAA', maxPd: 0.0003 },
  { grade: 'AA', maxPd: 0.001 },
  { grade: 'A', maxPd: 0.0025 },
  { grade: 'BBB', maxPd: 0.006 },
  { grade: 'BB', maxPd: 0.015 },
  { grade: 'B', maxPd: 0.035 },
  { grade: 'CCC', maxPd: 0.08 },
  { grade: 'CC', maxPd: 0.18 },
  { grade: 'C', maxPd: 0.4 },
  { grade: 'D', maxPd: 1 },
]);

export interface GradeRow extends CalibrationRow {
  grade: string;
  /** The grade's upper PD bound from the scale. */
  maxPd: number;
  /** Exact binomial test of the grade's defaults against its mean PD. */
  binomial: TestOutcome;
  /** Jeffreys test of the grade's defaults against its mean PD. */
  jeffreys: TestOutcome;
}

export function checkGradeScale(scale: GradeScale): void {
  const input: unknown = scale; // checked through a copy: Array.isArray would narrow `scale` itself to any[]
  if (!Array.isArray(input) || scale.length === 0) {
    throw new RangeError('scale must be a non-empty array of { grade, maxPd }');
  }
  const seen = new Set<string>();
  scale.forEach((g: GradeBound, i: number) => {
    if (typeof g?.grade !== 'string' || g.grade === '') {
      throw new RangeError(`scale[${i}].grade must be a non-empty string`);
    }
    if (seen.has(g.grade)) throw new RangeError(`scale[${i}].grade "${g.grade}" appears twice`);
    seen.add(g.grade);
    checkProbabilityArg(`scale[${i}].maxPd`, g.maxPd);
    if (i > 0 && !(g.maxPd > scale[i - 1]!.maxPd)) {
      throw new RangeError(`scale[${i}].maxPd must be above scale[${i - 1}].maxPd`);
    }
  });
}

/**
 * Calibration per rating grade, with the binomial and Jeffreys tests applied using the grade's
 * mean PD as the hypothesised PD. Grades without rows are left out.
 */
export function calibrationByGrade(
  labels: ArrayLike<number>,
  pd: ArrayLike<number>,
  scale: GradeScale = DEFAULT_MASTER_SCALE,
  alpha = 0.05,
): GradeRow[] {
  checkGradeScale(scale);
  checkProbabilityArg('alpha', alpha, true);
  const { y, p } = labelsWithPd(labels, pd);
  const bounds = Float64Array.from(scale, (g) => g.maxPd);
  const top = bounds[bounds.length - 1]!;
  const gradeOfRow = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const v = p[i]!;
    if (v > top) {
      throw new RangeError(`pd[${i}] = ${v} is above the top grade's maxPd ${top}`);
    }
    // Linear scan: master scales are short, and most PDs sit in the first grades.
    let g = 0;
    while (v > bounds[g]!) g++;
    gradeOfRow[i] = g;
  }
  return tabulate(y, p, gradeOfRow, scale.length, (g) => scale[g]!.grade).map(({ bucketIndex, row }) => {
    const band = scale[bucketIndex]!;
    return {
      ...row,
      grade: band.grade,
      maxPd: band.maxPd,
      binomial: binomialTest(row.defaults, row.count, row.meanPd, alpha),
      jeffreys: jeffreysTest(row.defaults, row.count, row.meanPd, alpha),
    };
  });
}
