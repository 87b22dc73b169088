import { describe, expect, it } from 'vitest';
import { symmetricEigen } from './symmetric-eigen.ts';

describe('symmetric eigen decomposition', () => {
  it('gives 1 - r and 1 + r for a 2 x 2 correlation matrix', () => {
    const { values } = symmetricEigen([1, 0.3, 0.3, 1], 2);
    expect(values[0]).toBeCloseTo(0.7, 14);
    expect(values[1]).toBeCloseTo(1.3, 14);
  });

  it('gives 1 + (n-1) r and 1 - r (n-1 times) for an equicorrelation matrix', () => {
    const n = 6;
    const r = 0.4;
    const matrix = Array.from({ length: n * n }, (_, e) => (Math.floor(e / n) === e % n ? 1 : r));
    const { values } = symmetricEigen(matrix, n);
    for (let i = 0; i < n - 1; i++) expect(values[i]).toBeCloseTo(1 - r, 13);
    expect(values[n - 1]).toBeCloseTo(1 + (n - 1) * r, 13);
  });

  it('reconstructs the matrix from V diag(values) V^T', () => {
    const n = 5;
    const matrix = [4, 1, -2, 0.5, 0, 1, 3, 0.2, 0, 1, -2, 0.2, 5, 1, -1, 0.5, 0, 1, 2, 0.3, 0, 1, -1, 0.3, 6];
    const { values, vectors } = symmetricEigen(matrix, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        for (let k = 0; k < n; k++) sum += vectors[i * n + k]! * values[k]! * vectors[j * n + k]!;
        expect(sum).toBeCloseTo(matrix[i * n + j]!, 12);
      }
    }
  });
});
