/**
 * Which members a fusion keeps. Every non-empty subset of the members is stacked on the validation
 * rows and scored by its 5-fold cross-validated log loss on those rows (a subset fitted and judged on
 * the same rows always looks better with more members); subsets with a negative weight are not
 * admissible. Among the admissible ones, the largest whose held-out loss is within one standard error
 * (of its per-row difference to the lowest, and at least 1e-4) of the lowest is kept, the lower loss
 * first among equals. A validation slice of a small file holds a few dozen defaults: which single
 * member looks best there is mostly noise, and a blend of members whose gains cannot be told apart is
 * steadier than a pick among them. A member is left out (weight 0) when its stacking weight would be
 * negative or when every blend with it is clearly worse, with the figures that say why.
 */
import { softplus } from '../util/logistic-math.ts';
import { fitStack, type StackFit } from './stack.ts';

const FOLDS = 5;
/** Log-loss differences below this are noise on any validation set. */
const TOLERANCE = 1e-4;

export interface SubsetTrial {
  /** Indexes of the members in the subset. */
  members: number[];
  /** Full-validation-set stacking fit. */
  fit: StackFit;
  crossValidatedLogLoss: number;
  admissible: boolean;
}

export interface StackSelection {
  chosen: SubsetTrial;
  /** The subset with the lowest held-out loss (the chosen one may be a larger blend within its margin). */
  best: SubsetTrial;
  trials: SubsetTrial[];
  /** How far above the lowest held-out loss the kept subset's may be: one standard error, at least 1e-4. */
  tolerance: number;
}

/** Per-row held-out log loss of stacking these members, 5-fold on the rows. */
function heldOutLosses(logits: Float64Array[], labels: Uint8Array): Float64Array {
  const n = labels.length;
  const loss = new Float64Array(n);
  for (let fold = 0; fold < FOLDS; fold++) {
    const trainIdx: number[] = [];
    const testIdx: number[] = [];
    for (let i = 0; i < n; i++) (i % FOLDS === fold ? testIdx : trainIdx).push(i);
    const pick = (a: ArrayLike<number>, idx: number[]) => Float64Array.from(idx, (i) => a[i]!);
    const fit = fitStack(
      logits.map((l) => pick(l, trainIdx)),
      Uint8Array.from(trainIdx, (i) => labels[i]!),
    );
    for (const i of testIdx) {
      let z = fit.intercept;
      logits.forEach((l, j) => (z += fit.weights[j]! * l[i]!));
      loss[i] = labels[i] ? softplus(-z) : softplus(z);
    }
  }
  return loss;
}

/** Standard error of the mean of the per-row differences a - b. */
export function pairedStandardError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (n < 2) return 0;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += a[i]! - b[i]!;
  mean /= n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (a[i]! - b[i]! - mean) ** 2;
  return Math.sqrt(squares / (n - 1) / n);
}

export function selectStack(memberLogits: Float64Array[], labels: Uint8Array): StackSelection {
  const k = memberLogits.length;
  const trials: SubsetTrial[] = [];
  const losses: Float64Array[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const members = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
    const logits = members.map((j) => memberLogits[j]!);
    const fit = fitStack(logits, labels);
    const rowLosses = heldOutLosses(logits, labels);
    losses.push(rowLosses);
    const mean = rowLosses.reduce((s, v) => s + v, 0) / Math.max(rowLosses.length, 1);
    trials.push({ members, fit, crossValidatedLogLoss: mean, admissible: fit.weights.every((w) => w > 0) });
  }
  const all = trials.map((_, i) => i);
  const admissible = all.filter((i) => trials[i]!.admissible);
  const pool = admissible.length > 0 ? admissible : all.filter((i) => trials[i]!.members.length === 1);
  const best = pool.reduce((a, b) => (trials[b]!.crossValidatedLogLoss < trials[a]!.crossValidatedLogLoss ? b : a));
  const margin = (i: number) => Math.max(TOLERANCE, pairedStandardError(losses[i]!, losses[best]!));
  const within = pool.filter((i) => trials[i]!.crossValidatedLogLoss <= trials[best]!.crossValidatedLogLoss + margin(i));
  const chosen = within.sort(
    (a, b) => trials[b]!.members.length - trials[a]!.members.length || trials[a]!.crossValidatedLogLoss - trials[b]!.crossValidatedLogLoss,
  )[0]!;
  return { chosen: trials[chosen]!, best: trials[best]!, trials, tolerance: margin(chosen) };
}
