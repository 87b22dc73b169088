/** Dense symmetric positive-definite solves for Newton steps and covariance matrices. */

/**
 * In-place Cholesky factor (lower triangle) of a symmetric matrix given by its upper triangle.
 * Returns false when the matrix is not positive definite.
 */
export function choleskyInPlace(a: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    // Mirror the upper triangle of column j into the lower triangle.
    for (let i = j + 1; i < n; i++) a[i * n + j] = a[j * n + i]!;
  }
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * n + k]! * a[j * n + k]!;
    if (!(diag > 0)) return false;
    const root = Math.sqrt(diag);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = sum / root;
    }
  }
  return true;
}

/** Solves L L' x = b given the lower Cholesky factor. */
export function choleskySolve(l: Float64Array, n: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = x[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = x[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/** Diagonal of the inverse from a lower Cholesky factor (for standard errors). */
export function inverseDiagonal(l: Float64Array, n: number): Float64Array {
  const diag = new Float64Array(n);
  const e = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    e.fill(0);
    e[j] = 1;
    diag[j] = choleskySolve(l, n, e)[j]!;
  }
  return diag;
}

/**
 * Factors `a` (upper triangle given), adding a growing ridge to the diagonal if needed. Returns the
 * factor and the ridge used (0 when none was needed).
 */
export function robustCholesky(a: Float64Array, n: number): { factor: Float64Array; ridge: number } {
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, Math.abs(a[i * n + i]!));
  let ridge = 0;
  for (let attempt = 0; attempt < 30; attempt++) {
    const work = Float64Array.from(a);
    for (let i = 0; i < n; i++) work[i * n + i]! += ridge;
    if (choleskyInPlace(work, n)) return { factor: work, ridge };
    ridge = ridge === 0 ? Math.max(1e-12, maxDiag * 1e-12) : ridge * 10;
  }
  throw new Error('the Hessian could not be factored (the design has a degenerate column)');
}
