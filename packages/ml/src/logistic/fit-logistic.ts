/**
 * L2-penalised logistic regression by Newton's method.
 *
 * Objective: sum_i w_i * logloss_i + lambda/2 * ||beta||^2 (intercept not penalised), the same as
 * scikit-learn's LogisticRegression with C = 1/lambda. Each iteration makes one pass over all rows for
 * the loss and gradient; the Hessian X'WX comes from every row when there are few, else from a fixed
 * stride subsample (a "subsampled Newton" step, which still converges to the exact optimum because the
 * gradient is exact). On large data the first iterations run on that subsample alone. Convergence: the
 * largest gradient component, divided by the total weight, below `tolerance`.
 */
import type { DesignMatrix } from '../pipeline/design-matrix.ts';
import { choleskySolve, robustCholesky } from './cholesky.ts';
import { sharedUint8 } from '../util/shared-arrays.ts';
import { KernelPool, type KernelChoice } from './worker-pool.ts';

export interface LogisticFitOptions {
  lambda: number;
  weights?: Float32Array | null;
  /** Stop when max |gradient| / total weight is below this. */
  tolerance?: number;
  maxIterations?: number;
  /** Rows used for the Hessian (all rows when there are at most this many). */
  hessianRows?: number;
  /** Threads for the passes over rows; default: 1 for small data, all cores for large. */
  threads?: number;
  /** Start from these coefficients (intercept last). */
  init?: Float64Array;
  /** 'auto' runs the SIMD kernels when the design lives in WebAssembly memory. */
  kernels?: KernelChoice;
}

export interface LogisticFit {
  coef: Float64Array;
  intercept: number;
  iterations: number;
  /** max |gradient| / total weight at the solution. */
  gradientNorm: number;
  converged: boolean;
  /** Penalised objective and plain log-likelihood (sum of w_i log p(y_i)). */
  objective: number;
  logLikelihood: number;
  seconds: number;
  threads: number;
  kernels: 'wasm' | 'js';
}

const DEFAULT_TOLERANCE = 1e-8;
const PARALLEL_WORK = 4_000_000;

function penalty(coef: Float64Array, lambda: number): number {
  let sum = 0;
  for (const c of coef) sum += c * c;
  return 0.5 * lambda * sum;
}

interface Evaluation {
  objective: number;
  loss: number;
  grad: Float64Array;
}

function maxAbs(values: Float64Array): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}

class NewtonSolver {
  /** X'WX over rows 0, hessianStep, 2 hessianStep, ... at the last refresh. */
  private sampled: Float64Array | null = null;
  hessians = 0;

  constructor(
    private readonly pool: KernelPool,
    private readonly rows: number,
    private readonly p: number,
    private readonly hessianStep: number,
  ) {}

  async evaluate(beta: Float64Array, step: number, lambda: number): Promise<Evaluation> {
    const coef = beta.subarray(0, this.p);
    const { loss, grad } = await this.pool.lossGrad(Float64Array.from(coef), beta[this.p]!, this.rows, step);
    for (let j = 0; j < this.p; j++) grad[j]! += lambda * coef[j]!;
    return { objective: loss + penalty(coef, lambda), loss, grad };
  }

  private async refresh(beta: Float64Array): Promise<void> {
    this.sampled = await this.pool.hessian(Float64Array.from(beta.subarray(0, this.p)), beta[this.p]!, this.rows, this.hessianStep);
    this.hessians++;
  }

  /** Factor of the penalised Hessian, the sampled X'WX scaled to the objective's rows. */
  private factor(scale: number, lambda: number): Float64Array {
    const size = this.p + 1;
    const hessian = Float64Array.from(this.sampled!);
    if (scale !== 1) for (let j = 0; j < hessian.length; j++) hessian[j]! *= scale;
    for (let j = 0; j < this.p; j++) hessian[j * size + j]! += lambda;
    return robustCholesky(hessian, size).factor;
  }

  /**
   * Newton iterations on rows 0, step, 2 step, ... until converged; mutates `beta`. The Hessian is
   * computed at the start and then only when progress slows (or the step had to be cut): near the
   * optimum it barely changes. "Slow" depends on what a Hessian costs
   * next to a pass over the objective's rows (about p/4 passes' work per sampled row): when it is
   * cheap, refresh unless the gradient shrank 20x; when dear, only if it shrank less than 4x.
   */
  async run(beta: Float64Array, step: number, lambda: number, totalWeight: number, tolerance: number, maxIterations: number) {
    const size = this.p + 1;
    const scale = this.hessianStep / step;
    let current = await this.evaluate(beta, step, lambda);
    let iterations = 0;
    let factor: Float64Array | null = null;
    let stale = true;
    const slow = this.hessianStep / step >= this.p / 4 ? 0.05 : 0.25;
    while (iterations < maxIterations && maxAbs(current.grad) / totalWeight > tolerance) {
      iterations++;
      if (stale || factor === null) {
        await this.refresh(beta);
        factor = this.factor(scale, lambda);
      }
      const direction = choleskySolve(factor, size, current.grad);
      let slope = 0;
      for (let j = 0; j < size; j++) slope += direction[j]! * current.grad[j]!;
      let t = 1;
      let accepted: Evaluation | null = null;
      const trial = new Float64Array(size);
      for (let halving = 0; halving < 40; halving++) {
        for (let j = 0; j < size; j++) trial[j] = beta[j]! - t * direction[j]!;
        const candidate = await this.evaluate(trial, step, lambda);
        const decreased = candidate.objective <= current.objective - 1e-4 * t * slope;
        // Near the optimum the objective's rounding noise (a sum over all rows) exceeds its change;
        // there a smaller gradient is the better judge of progress.
        const withinNoise =
          candidate.objective - current.objective <= 1e-11 * Math.abs(current.objective) && maxAbs(candidate.grad) < maxAbs(current.grad);
        if (decreased || withinNoise) {
          accepted = candidate;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) break; // no further decrease possible at double precision
      stale = t < 1 || maxAbs(accepted.grad) > slow * maxAbs(current.grad);
      beta.set(trial);
      current = accepted;
    }
    return { current, iterations };
  }
}

export async function fitLogistic(design: DesignMatrix, labels: Uint8Array, options: LogisticFitOptions): Promise<LogisticFit> {
  const started = performance.now();
  const n = design.rows;
  const p = design.columnCount;
  if (labels.length !== n) throw new Error(`fitLogistic: ${labels.length} labels for ${n} rows`);
  if (!(options.lambda >= 0)) throw new Error(`fitLogistic: lambda must be >= 0, got ${options.lambda}`);
  const weights = options.weights ?? null;
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE;
  const maxIterations = options.maxIterations ?? 100;
  const hessianRows = options.hessianRows ?? 50_000;
  const work = n * (design.denseDim + design.slotCount + 1);
  const threads = options.threads ?? (work >= PARALLEL_WORK ? undefined : 1);
  const pool = KernelPool.create(threads, options.kernels);
  try {
    pool.setData({ design, labels, weights });
    let totalWeight = 0;
    let positives = 0;
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      totalWeight += w;
      positives += w * labels[i]!;
    }
    const beta = new Float64Array(p + 1);
    if (options.init) beta.set(options.init.subarray(0, p + 1));
    else {
      const rate = Math.min(Math.max(positives / totalWeight, 1e-6), 1 - 1e-6);
      beta[p] = Math.log(rate / (1 - rate));
    }
    const hessianStep = Math.max(1, Math.ceil(n / hessianRows));
    const solver = new NewtonSolver(pool, n, p, hessianStep);
    let iterations = 0;
    if (hessianStep > 4 && !options.init) {
      // Warm start: solve the subsample problem (same penalty per row) with its exact Hessian.
      const sub = await solver.run(
        beta,
        hessianStep,
        options.lambda / hessianStep,
        totalWeight / hessianStep,
        tolerance * 100,
        maxIterations,
      );
      iterations += sub.iterations;
    }
    const full = await solver.run(beta, 1, options.lambda, totalWeight, tolerance, maxIterations);
    iterations += full.iterations;
    const gradientNorm = maxAbs(full.current.grad) / totalWeight;
    return {
      coef: beta.slice(0, p),
      intercept: beta[p]!,
      iterations,
      gradientNorm,
      converged: gradientNorm <= tolerance,
      objective: full.current.objective,
      logLikelihood: -full.current.loss,
      seconds: (performance.now() - started) / 1000,
      threads: pool.threads,
      kernels: pool.kernelKind,
    };
  } finally {
    await pool.close();
  }
}

/** The exact penalised Hessian at a solution (intercept last), for standard errors. */
export async function exactHessian(
  design: DesignMatrix,
  weights: Float32Array | null,
  coef: Float64Array,
  intercept: number,
  lambda: number,
  kernels: KernelChoice = 'auto',
): Promise<Float64Array> {
  const work = design.rows * (design.denseDim + design.slotCount + 1);
  const pool = KernelPool.create(work >= PARALLEL_WORK ? undefined : 1, kernels);
  try {
    pool.setData({ design, labels: sharedUint8(0), weights });
    const hessian = await pool.hessian(coef, intercept, design.rows, 1);
    const size = coef.length + 1;
    for (let j = 0; j < coef.length; j++) hessian[j * size + j]! += lambda;
    return hessian;
  } finally {
    await pool.close();
  }
}
