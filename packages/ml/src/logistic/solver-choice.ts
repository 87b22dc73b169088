/**
 * Which logistic solver runs, and why (the reason goes into the report). Newton's method is the
 * fastest and most exact for narrow designs, but its Hessian grows with the square of the design
 * width (every bin of every column): 3,000 binned columns make a 30,000-column design and a 7 GB
 * Hessian. Past NEWTON_MAX_COLUMNS, and for any L1 or elastic-net penalty (which Newton steps cannot
 * bring to exact zeros), coordinate descent runs instead: memory linear in the design's width.
 */
import type { Penalty } from './penalty.ts';

export type SolverMethod = 'newton' | 'coordinate-descent';

export interface SolverChoice {
  method: SolverMethod;
  reason: string;
  /** Bytes the solver needs beyond the design itself (Hessians or working vectors). */
  workingBytes: number;
}

/** Widest design Newton's method takes: one factorisation is ~columns^3 / 3 flops (0.1 s at 1,000 columns). */
export const NEWTON_MAX_COLUMNS = 1500;

export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(0)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/** Newton's working memory: the Hessian per thread plus the merged copy and its factor. */
export function newtonBytes(columns: number, threads: number): number {
  return (threads + 2) * (columns + 1) * (columns + 1) * 8;
}

/** Coordinate descent's working memory: seven float64 vectors of the rows and three of the columns. */
export function coordinateDescentBytes(rows: number, columns: number): number {
  return 7 * rows * 8 + 3 * (columns + 1) * 8;
}

export function chooseSolver(shape: { rows: number; columns: number; penalty: Penalty; threads?: number }): SolverChoice {
  const { rows, columns, penalty } = shape;
  const cd = coordinateDescentBytes(rows, columns);
  if (penalty.kind !== 'l2') {
    return {
      method: 'coordinate-descent',
      reason: `the ${penalty.kind === 'l1' ? 'L1' : 'elastic-net'} penalty sets coefficients to exactly zero, which coordinate descent does and Newton steps cannot (working memory ${formatBytes(cd)})`,
      workingBytes: cd,
    };
  }
  const newton = newtonBytes(columns, shape.threads ?? 2);
  if (columns > NEWTON_MAX_COLUMNS) {
    return {
      method: 'coordinate-descent',
      reason: `the design has ${columns.toLocaleString('en-US')} columns: Newton's Hessian would take ${formatBytes(newton)} and a ${columns.toLocaleString('en-US')}-square factorisation per step; coordinate descent needs ${formatBytes(cd)}`,
      workingBytes: cd,
    };
  }
  return {
    method: 'newton',
    reason: `the design has ${columns.toLocaleString('en-US')} columns: Newton's method with the exact Hessian (${formatBytes(newton)}) converges in a few passes`,
    workingBytes: newton,
  };
}
