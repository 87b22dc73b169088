// PD to grade on the organization's master scale: bands [pdLower, pdUpper), best grade first.
import type { MasterScaleGrade } from '@probity/db';
import { DEFAULT_MASTER_SCALE } from '@probity/ml';

export interface GradeBand {
  grade: string;
  lower: number;
  upper: number;
}

export function gradeBands(scale: readonly MasterScaleGrade[] | null): GradeBand[] {
  if (scale && scale.length > 0) return scale.map((g) => ({ grade: g.grade, lower: Number(g.pdLower), upper: Number(g.pdUpper) }));
  // No scale of the organization's own yet: packages/ml's ten-grade default.
  let lower = 0;
  return DEFAULT_MASTER_SCALE.map((g) => {
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
