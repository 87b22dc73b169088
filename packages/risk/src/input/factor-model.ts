/**
 * The factor model: one systematic factor per sector, a sector correlation matrix, and asset
 * correlations (loadings sqrt(R)) per obligor. Shape checked by zod, the matrix by
 * parseCorrelationMatrix.
 */
import { z } from 'zod';
import { RiskInputError } from '../errors.ts';
import { parseCorrelationMatrix } from './correlation-matrix.ts';
import { zodProblems } from './zod-problems.ts';

export const factorModelSchema = z.object({
  /** Sector ids, one factor each. */
  sectors: z.array(z.string().min(1, 'must be a non-empty string')).min(1, 'must list at least one sector'),
  /** Correlation of the sector factors, sectors x sectors, positive semi-definite. */
  correlation: z.array(z.array(z.number())),
  /** Asset correlation R per sector for exposures without their own; else the Basel formula. */
  sectorAssetCorrelation: z.record(z.string(), z.number().min(0, 'must be in [0, 1)').lt(1, 'must be in [0, 1)')).optional(),
});

export type FactorModelInput = z.infer<typeof factorModelSchema>;

export interface FactorModel {
  sectors: string[];
  /** Row-major sectors x sectors. */
  correlation: Float64Array;
  sectorAssetCorrelation: Record<string, number>;
}

export function parseFactorModel(input: unknown, path = 'factorModel'): FactorModel {
  const parsed = factorModelSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    throw new RiskInputError(zodProblems(parsed.error, undefined, path).map((problem) => ({ ...problem })));
  }
  const { sectors, sectorAssetCorrelation = {} } = parsed.data;
  const seen = new Set<string>();
  sectors.forEach((sector, i) => {
    if (seen.has(sector))
      throw new RiskInputError({ path: `${path}.sectors[${i}]`, message: `duplicates sector ${JSON.stringify(sector)}` });
    seen.add(sector);
  });
  for (const sector of Object.keys(sectorAssetCorrelation)) {
    if (!seen.has(sector))
      throw new RiskInputError({ path: `${path}.sectorAssetCorrelation.${sector}`, message: 'is not one of the sectors' });
  }
  const correlation = parseCorrelationMatrix(parsed.data.correlation, sectors, `${path}.correlation`);
  return { sectors, correlation, sectorAssetCorrelation };
}

/** A one-sector model (Vasicek) or independent sectors; handy defaults and tests. */
export function singleFactorModel(sector = 'all'): FactorModelInput {
  return { sectors: [sector], correlation: [[1]] };
}

/** Sectors with one common correlation between every pair. */
export function uniformFactorModel(sectors: string[], interSectorCorrelation: number): FactorModelInput {
  return {
    sectors,
    correlation: sectors.map((_, i) => sectors.map((__, j) => (i === j ? 1 : interSectorCorrelation))),
  };
}
