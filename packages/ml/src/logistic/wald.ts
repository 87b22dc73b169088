/**
 * Standard errors and Wald p-values from the inverse of the penalised Hessian at the solution (the
 * usual approximation for a ridge-penalised fit; with lambda = 0 it is the classical one).
 */
import { normalSf } from '../metrics/index.ts';
import { inverseDiagonal, robustCholesky } from './cholesky.ts';

export function waldStatistics(
  hessian: Float64Array,
  coefficients: ArrayLike<number>,
  intercept: number,
): { standardErrors: number[]; pValues: number[] } {
  const size = coefficients.length + 1;
  const { factor } = robustCholesky(hessian, size);
  const variance = inverseDiagonal(factor, size);
  const standardErrors = Array.from(variance, (v) => Math.sqrt(Math.max(v, 0)));
  const pValues = standardErrors.map((se, j) => {
    const beta = j < coefficients.length ? coefficients[j]! : intercept;
    return se > 0 ? Math.min(1, 2 * normalSf(Math.abs(beta / se))) : 1;
  });
  return { standardErrors, pValues };
}
