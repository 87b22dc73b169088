// PD to grade on the organization's master scale: bands [lower, upper), best grade first.
import type { MasterScaleGrade } from '@probity/db';
import { DEFAULT_MASTER_SCALE } from '@probity/ml';

export interface GradeBand {
  grade: string;
  lower: number;
  upper: number;
}

export function gradeBands(scale: readonly MasterScaleGrade[] | null): GradeBand[] {
  // No scale of the organization's own yet: packages/ml's ten-grade default. Both list each grade's
  // largest PD, best grade first; a band starts where the previous one ends.
  const grades = scale && scale.length > 0 ? scale : DEFAULT_MASTER_SCALE;
  let lower = 0;
  return grades.map((g) => {
    const band = { grade: g.grade, lower, upper: g.maxPd };
    lower = g.maxPd;
    return band;
  });
}

/** The grade whose band holds the PD (the last grade takes PD = 1). */
export function gradeOf(bands: readonly GradeBand[], pd: number): string {
  for (const band of bands) if (pd >= band.lower && pd < band.upper) return band.grade;
  return bands[bands.length - 1]!.grade;
}
