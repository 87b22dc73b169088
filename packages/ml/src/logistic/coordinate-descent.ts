/**
 * Penalised logistic regression for wide designs: proximal Newton steps solved by coordinate descent
 * (the newGLMNET method behind glmnet and liblinear's L1 solver) on a working set of columns.
 *
 * Objective: sum_i w_i loss_i + l1 ||beta||_1 + l2 / 2 ||beta||^2 (see penalty.ts; the intercept is
 * not penalised unless asked, as liblinear does). Memory is linear in the design: a few vectors of the
 * rows and of the columns, never a columns x columns matrix.
 *
 * Outer loop: one pass over every column computes the gradient X'g; columns violating the optimality
 * conditions (|G_j| > l1 for a zero coefficient) join the working set, which holds the non-zero
 * coefficients and grows geometrically. The problem restricted to the working set is solved by
 * Newton steps: the quadratic model (gradient g, curvature h = w p (1 - p) per row) is minimised by
 * cyclic coordinate descent with soft-thresholding, then a line search on the true objective. Done when
 * the largest violation over all columns, divided by the total weight, is below the tolerance.
 */
import type { ColumnDesign } from '../pipeline/column-design.ts';
import { allColumnDots, columnAxpy, columnDot, columnGradCurvature } from './column-ops.ts';
import { penaltyParts, penaltyValue, type Penalty } from './penalty.ts';

export interface CoordinateDescentOptions {
  lambda: number;
  penalty: Penalty;
  weights?: Float32Array | null;
  /** Start from these coefficients (intercept last). */
  init?: Float64Array;
  /** Stop when the largest optimality violation / total weight is below this. */
  tolerance?: number;
  /** Newton steps in all (over every working set). */
  maxIterations?: number;
  /** Penalise the intercept's absolute value like a coefficient (liblinear's convention; off by default). */
  penalizeIntercept?: boolean;
  /** Full gradient passes over all columns (the caller may run them on several threads). */
  fullGradient?: (g: Float64Array, out: Float64Array) => Promise<void> | void;
}

export interface CoordinateDescentFit {
  coef: Float64Array;
  intercept: number;
  /** Newton steps taken. */
  iterations: number;
  /** Passes over every column (gradient checks). */
  passes: number;
  /** Columns in the largest working set. */
  workingSet: number;
  /** Largest optimality violation / total weight at the end. */
  gradientNorm: number;
  converged: boolean;
  objective: number;
  /** sum_i w_i log p(y_i). */
  logLikelihood: number;
  seconds: number;
}

const DEFAULT_TOLERANCE = 1e-7;
const MIN_CURVATURE = 1e-12;

function softThreshold(x: number, t: number): number {
  return x > t ? x - t : x < -t ? x + t : 0;
}

/** Weighted log loss of the rows at log-odds z. */
function lossAt(z: Float64Array, labels: Uint8Array, weights: Float32Array | null): number {
  let loss = 0;
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    const l = (zi > 0 ? zi : 0) + Math.log1p(Math.exp(-Math.abs(zi))) - (labels[i] === 1 ? zi : 0);
    loss += weights ? weights[i]! * l : l;
  }
  return loss;
}

/** g = w (p - y) and h = w p (1 - p) at log-odds z. */
function gradientAndCurvature(z: Float64Array, labels: Uint8Array, weights: Float32Array | null, g: Float64Array, h: Float64Array): void {
  for (let i = 0; i < z.length; i++) {
    const zi = z[i]!;
    const e = Math.exp(-Math.abs(zi));
    const p = zi >= 0 ? 1 / (1 + e) : e / (1 + e);
    const w = weights ? weights[i]! : 1;
    g[i] = w * (p - labels[i]!);
    h[i] = w * p * (1 - p);
  }
}

/** Minimum-norm subgradient of the penalised objective in coordinate j (0 at an optimum). */
function violation(grad: number, beta: number, l1: number, l2: number): number {
  if (beta !== 0) return Math.abs(grad + l2 * beta + (beta > 0 ? l1 : -l1));
  return Math.max(Math.abs(grad) - l1, 0);
}

export async function fitCoordinateDescent(
  design: ColumnDesign,
  labels: Uint8Array,
  options: CoordinateDescentOptions,
): Promise<CoordinateDescentFit> {
  const started = performance.now();
  const n = design.rows;
  const p = design.columnCount;
  if (labels.length !== n) throw new Error(`fitCoordinateDescent: ${labels.length} labels for ${n} rows`);
  if (!(options.lambda >= 0)) throw new Error(`fitCoordinateDescent: lambda must be >= 0, got ${options.lambda}`);
  const weights = options.weights ?? null;
  const { l1, l2 } = penaltyParts(options.penalty, options.lambda);
  const interceptL1 = options.penalizeIntercept ? l1 : 0;
  const maxIterations = options.maxIterations ?? 1000;
  let totalWeight = 0;
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i]! : 1;
    totalWeight += w;
    positives += w * labels[i]!;
  }
  const tolerance = (options.tolerance ?? DEFAULT_TOLERANCE) * totalWeight;

  const beta = new Float64Array(p);
  let intercept: number;
  if (options.init) {
    beta.set(options.init.subarray(0, p));
    intercept = options.init[p]!;
  } else {
    const rate = Math.min(Math.max(positives / totalWeight, 1e-6), 1 - 1e-6);
    intercept = options.penalizeIntercept ? 0 : Math.log(rate / (1 - rate));
  }
  const z = new Float64Array(n).fill(intercept);
  for (let j = 0; j < p; j++) if (beta[j] !== 0) columnAxpy(design, j, beta[j]!, z);

  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const hu = new Float64Array(n);
  const u = new Float64Array(n);
  const trialZ = new Float64Array(n);
  const fullGrad = new Float64Array(p);
  const objectiveOf = (loss: number, b: number) => loss + penaltyValue(beta, l1, l2) + interceptL1 * Math.abs(b);
  const runFullGradient = options.fullGradient ?? ((gv: Float64Array, out: Float64Array) => allColumnDots(design, gv, out));

  let iterations = 0;
  let passes = 0;
  let largestSet = 0;
  let objective = objectiveOf(lossAt(z, labels, weights), intercept);
  let worst = Number.POSITIVE_INFINITY;
  let working: Int32Array = new Int32Array(0);

  const interceptViolation = (gradB: number) => (interceptL1 === 0 ? Math.abs(gradB) : violation(gradB, intercept, interceptL1, 0));

  while (iterations < maxIterations) {
    // Full check: gradient over every column.
    gradientAndCurvature(z, labels, weights, g, h);
    let gradB = 0;
    for (let i = 0; i < n; i++) gradB += g[i]!;
    await runFullGradient(g, fullGrad);
    passes++;
    worst = interceptViolation(gradB);
    const violators: { j: number; v: number }[] = [];
    let support = 0;
    for (let j = 0; j < p; j++) {
      const v = violation(fullGrad[j]!, beta[j]!, l1, l2);
      if (v > worst) worst = v;
      if (beta[j] !== 0) support++;
      else if (v > 0) violators.push({ j, v });
    }
    if (worst <= tolerance) break;

    // Working set: the non-zero coefficients, plus the worst violators (all columns for a pure L2 penalty).
    const room = l1 === 0 ? p : Math.max(2 * working.length, support, 50);
    violators.sort((a, b) => b.v - a.v);
    const chosen = new Set<number>();
    for (let j = 0; j < p; j++) if (beta[j] !== 0) chosen.add(j);
    for (const { j, v } of violators.slice(0, Math.max(0, room - support))) if (v > tolerance) chosen.add(j);
    for (const j of working) chosen.add(j); // columns that left the support may come back
    working = Int32Array.from(chosen).sort();
    largestSet = Math.max(largestSet, working.length);
    const objectiveBefore = objective;
    let noiseSteps = 0;
    let stalled = false;

    // Restricted problem, solved a little past the current violation (proximal Newton converges fast).
    const target = Math.max(tolerance / 2, worst / 10);
    const m = working.length;
    const gradW = new Float64Array(m);
    const curvW = new Float64Array(m);
    const meanW = new Float64Array(m);
    const delta = new Float64Array(m);
    let gb = 0;
    let hb = 0;
    let restrictedWorst = 0;
    const done = (modelWorst: number) => modelWorst <= restrictedWorst / 10 || modelWorst <= tolerance / 4;

    /**
     * Coordinate descent on the quadratic model, the intercept solved exactly for any step of the
     * columns: that centres each column on its h-weighted mean, so an uncentred column (a ratio that
     * is never negative, a one-hot bin) does not zig-zag against the intercept. hu = h * (X d) is kept
     * up to date and sumHu is its sum. Returns the intercept's step.
     */
    const centredSweeps = (): number => {
      hu.fill(0);
      delta.fill(0);
      let sumHu = 0;
      for (let sweep = 0; sweep < 1000; sweep++) {
        let modelWorst = 0;
        for (let k = 0; k < m; k++) {
          const j = working[k]!;
          const mean = meanW[k]!;
          const a = curvW[k]! - mean * mean * hb;
          const gradQ = gradW[k]! - mean * gb + columnDot(design, j, hu) - mean * sumHu;
          const current = beta[j]! + delta[k]!;
          modelWorst = Math.max(modelWorst, violation(gradQ, current, l1, l2));
          if (a + l2 <= MIN_CURVATURE) continue;
          const next = softThreshold(a * current - gradQ, l1) / (a + l2);
          const step = next - current;
          if (step !== 0) {
            delta[k]! += step;
            columnAxpy(design, j, step, hu, h);
            sumHu += step * mean * hb;
          }
        }
        if (done(modelWorst)) break;
      }
      return hb > MIN_CURVATURE ? -(gb + sumHu) / hb : 0;
    };

    /** The same with the intercept as one more coordinate (needed when it is penalised like the others). */
    const plainSweeps = (): number => {
      hu.fill(0);
      delta.fill(0);
      let deltaB = 0;
      for (let sweep = 0; sweep < 1000; sweep++) {
        let modelWorst = 0;
        if (hb > MIN_CURVATURE) {
          let sumHu = 0;
          for (let i = 0; i < n; i++) sumHu += hu[i]!;
          const gradQ = gb + sumHu;
          const current = intercept + deltaB;
          const next = softThreshold(hb * current - gradQ, interceptL1) / hb;
          modelWorst = Math.max(modelWorst, violation(gradQ, current, interceptL1, 0));
          const step = next - current;
          if (step !== 0) {
            deltaB += step;
            for (let i = 0; i < n; i++) hu[i]! += step * h[i]!;
          }
        }
        for (let k = 0; k < m; k++) {
          const j = working[k]!;
          const a = curvW[k]!;
          const gradQ = gradW[k]! + columnDot(design, j, hu);
          const current = beta[j]! + delta[k]!;
          modelWorst = Math.max(modelWorst, violation(gradQ, current, l1, l2));
          if (a + l2 <= MIN_CURVATURE) continue;
          const next = softThreshold(a * current - gradQ, l1) / (a + l2);
          const step = next - current;
          if (step !== 0) {
            delta[k]! += step;
            columnAxpy(design, j, step, hu, h);
          }
        }
        if (done(modelWorst)) break;
      }
      return deltaB;
    };

    let first = true;
    while (iterations < maxIterations) {
      if (!first) gradientAndCurvature(z, labels, weights, g, h);
      first = false;
      gb = 0;
      hb = 0;
      for (let i = 0; i < n; i++) {
        gb += g[i]!;
        hb += h[i]!;
      }
      restrictedWorst = interceptViolation(gb);
      for (let k = 0; k < m; k++) {
        const j = working[k]!;
        const [gj, cj, mj] = columnGradCurvature(design, j, g, h);
        gradW[k] = gj;
        curvW[k] = cj;
        meanW[k] = hb > 0 ? mj / hb : 0;
        restrictedWorst = Math.max(restrictedWorst, violation(gradW[k]!, beta[j]!, l1, l2));
      }
      if (restrictedWorst <= target) break;
      iterations++;

      const deltaB = interceptL1 === 0 ? centredSweeps() : plainSweeps();

      // Line search along (delta, deltaB) on the true objective (Tseng and Yun's sufficient decrease).
      u.fill(deltaB);
      let decrease = gb * deltaB;
      let newAbs = 0;
      let oldAbs = 0;
      let newSq = 0;
      let oldSq = 0;
      for (let k = 0; k < m; k++) {
        const j = working[k]!;
        const d = delta[k]!;
        if (d !== 0) columnAxpy(design, j, d, u);
        decrease += gradW[k]! * d;
        oldAbs += Math.abs(beta[j]!);
        newAbs += Math.abs(beta[j]! + d);
        oldSq += beta[j]! * beta[j]!;
        newSq += (beta[j]! + d) * (beta[j]! + d);
      }
      decrease += l1 * (newAbs - oldAbs) + 0.5 * l2 * (newSq - oldSq) + interceptL1 * (Math.abs(intercept + deltaB) - Math.abs(intercept));
      // Every non-zero coefficient is in the working set, so the penalty outside it is zero.
      let t = 1;
      let accepted = false;
      const trialBeta = new Float64Array(m);
      for (let halving = 0; halving < 40; halving++) {
        for (let i = 0; i < n; i++) trialZ[i] = z[i]! + t * u[i]!;
        for (let k = 0; k < m; k++) trialBeta[k] = beta[working[k]!]! + t * delta[k]!;
        const trialIntercept = intercept + t * deltaB;
        const trial = lossAt(trialZ, labels, weights) + penaltyValue(trialBeta, l1, l2) + interceptL1 * Math.abs(trialIntercept);
        // Near the optimum the objective's rounding noise (a sum over all rows) exceeds its change.
        const withinNoise = trial - objective <= 1e-13 * Math.abs(objective);
        if (trial <= objective + 1e-4 * t * Math.min(decrease, 0) || withinNoise) {
          noiseSteps = trial < objective ? 0 : noiseSteps + 1;
          for (let k = 0; k < m; k++) beta[working[k]!] = trialBeta[k]!;
          intercept = trialIntercept;
          z.set(trialZ);
          objective = trial;
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      // No decrease left at double precision: this working set is solved as far as it can be.
      if (!accepted || noiseSteps >= 3) {
        stalled = true;
        break;
      }
    }
    if (stalled && objective >= objectiveBefore) break;
  }
  const loss = lossAt(z, labels, weights);
  return {
    coef: beta,
    intercept,
    iterations,
    passes,
    workingSet: largestSet,
    gradientNorm: worst / totalWeight,
    converged: worst <= tolerance,
    objective: objectiveOf(loss, intercept),
    logLikelihood: -loss,
    seconds: (performance.now() - started) / 1000,
  };
}
