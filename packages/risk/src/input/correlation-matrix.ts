/**
 * Checks a sector correlation matrix: square and as large as the sector list, finite, symmetric,
 * unit diagonal, entries in [-1, 1], and positive semi-definite (smallest eigenvalue not below
 * -1e-10). Each failure names the entry (`factorModel.correlation[2][5]`) or, for a matrix that is
 * not PSD, its smallest eigenvalue and the sectors its eigenvector loads on most.
 */
import { RiskInputError, inputError } from '../errors.ts';
import { symmetricEigen } from '../math/symmetric-eigen.ts';

export const PSD_TOLERANCE = 1e-10;

export function parseCorrelationMatrix(input: unknown, sectors: readonly string[], path: string): Float64Array {
  const n = sectors.length;
  if (!Array.isArray(input)) inputError(path, `must be an array of ${n} rows`);
  if (input.length !== n) inputError(path, `must have ${n} rows (one per sector), got ${input.length}`);
  const matrix = new Float64Array(n * n);
  input.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== n)
      inputError(`${path}[${i}]`, `must be an array of ${n} numbers (sector ${JSON.stringify(sectors[i])})`);
    row.forEach((value: unknown, j) => {
      if (typeof value !== 'number' || !Number.isFinite(value))
        inputError(`${path}[${i}][${j}]`, `must be a finite number, got ${JSON.stringify(value)}`);
      if (value < -1 || value > 1) inputError(`${path}[${i}][${j}]`, `must be in [-1, 1], got ${value}`);
      matrix[i * n + j] = value;
    });
  });
  for (let i = 0; i < n; i++) {
    if (Math.abs(matrix[i * n + i]! - 1) > 1e-12)
      inputError(`${path}[${i}][${i}]`, `diagonal must be 1 (sector ${JSON.stringify(sectors[i])}), got ${matrix[i * n + i]}`);
    for (let j = 0; j < i; j++) {
      const a = matrix[i * n + j]!;
      const b = matrix[j * n + i]!;
      if (Math.abs(a - b) > 1e-12) inputError(`${path}[${i}][${j}]`, `matrix must be symmetric: ${a} here but ${b} at [${j}][${i}]`);
    }
  }
  const { values, vectors } = symmetricEigen(matrix, n);
  const smallest = values[0]!;
  if (smallest < -PSD_TOLERANCE) {
    const loads = sectors
      .map((sector, k) => ({ sector, weight: vectors[k * n]! }))
      .sort((x, y) => Math.abs(y.weight) - Math.abs(x.weight))
      .slice(0, 3)
      .map(({ sector, weight }) => `${JSON.stringify(sector)} (${weight.toFixed(2)})`);
    throw new RiskInputError({
      path,
      message: `is not positive semi-definite: smallest eigenvalue ${smallest.toPrecision(4)}; its eigenvector loads most on sectors ${loads.join(', ')}, so the correlations among these sectors are inconsistent`,
    });
  }
  return matrix;
}
