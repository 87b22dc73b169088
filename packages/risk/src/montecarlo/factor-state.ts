/**
 * The distribution of the sector factors the simulation draws from: Y = mean + A z with z standard
 * normal in `rank` dimensions and A A' = covariance. Unstressed: mean 0 and covariance = the sector
 * correlation matrix. A stress scenario that fixes some factors gives the conditional mean and
 * covariance (see stress/factor-shock.ts); A then has fewer columns, and fixed factors none.
 */
import { symmetricEigen } from '../math/symmetric-eigen.ts';

export interface FactorState {
  mean: Float64Array;
  /** Row-major sectors x sectors. */
  covariance: Float64Array;
}

export interface FactorRoot {
  sectors: number;
  rank: number;
  /** Row-major sectors x rank. */
  load: Float64Array;
}

/** A with A A' = covariance from the eigen decomposition, dropping eigenvalues below 1e-12 x the largest. */
export function factorRoot(covariance: Float64Array, sectors: number): FactorRoot {
  const { values, vectors } = symmetricEigen(covariance, sectors);
  const largest = Math.max(0, values[sectors - 1] ?? 0);
  const kept: number[] = [];
  for (let j = sectors - 1; j >= 0; j--) if (values[j]! > 1e-12 * largest && values[j]! > 0) kept.push(j);
  const rank = kept.length;
  const load = new Float64Array(sectors * rank);
  kept.forEach((j, column) => {
    const root = Math.sqrt(values[j]!);
    for (let s = 0; s < sectors; s++) load[s * rank + column] = vectors[s * sectors + j]! * root;
  });
  return { sectors, rank, load };
}
