/**
 * Which members a fusion keeps. All members are stacked on the validation rows; while a stacking weight
 * is not positive, the member with the lowest weight is left out and the rest are stacked again (a
 * member may only add). No subset is picked by its validation loss: a validation slice of a small file
 * holds a few dozen defaults, and which member or blend looks best there is mostly noise (replayed on
 * the quality-cv folds, picking the lowest-loss blend within one standard error lost 0.015 to 0.03 test
 * AUC (0.015 and 0.028) on synthetic loans and 1,000 Polish rows against this rule, and nothing on Taiwan). Every subset
 * is still scored by its 5-fold held-out log loss on the validation rows, for the report and for
 * `--model auto`'s reason.
 */
import { softplus } from '../util/logistic-math.ts';
import { fitStack, type StackFit } from './stack.ts';

const FOLDS = 5;
/** The smallest standard error reported: log-loss differences below this are noise on any validation set. */
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
  /** The subset with the lowest held-out loss (for the report; the chosen one need not be it). */
  best: SubsetTrial;
  trials: SubsetTrial[];
  /** One standard error of the per-row difference between the chosen subset's held-out loss and the lowest (at least 1e-4). */
  tolerance: number;
  /** Members left out, in the order they were, with their stacking weight when they were. */
  dropped: { member: number; weight: number; with: number[] }[];
  /** The kept member with the lowest held-out loss alone, and one standard error of its per-row difference to the chosen subset's (at least 1e-4), for `--model auto`'s reason. */
  bestSingle: SubsetTrial;
  singleMargin: number;
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

/**
 * Every non-empty subset of the members stacked (fit on all rows) and scored by its per-row held-out
 * losses, in bitmask order; shared by the validation-row (here) and out-of-fold (./out-of-fold.ts) selections.
 */
export function subsetTrials(
  memberLogits: Float64Array[],
  labels: Uint8Array,
  fitOf: (logits: Float64Array[], labels: Uint8Array) => StackFit,
  heldOutOf: (logits: Float64Array[], labels: Uint8Array) => Float64Array,
): { trials: SubsetTrial[]; losses: Float64Array[] } {
  const k = memberLogits.length;
  const trials: SubsetTrial[] = [];
  const losses: Float64Array[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const members = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
    const logits = members.map((j) => memberLogits[j]!);
    const fit = fitOf(logits, labels);
    const rowLosses = heldOutOf(logits, labels);
    losses.push(rowLosses);
    const mean = rowLosses.reduce((s, v) => s + v, 0) / Math.max(rowLosses.length, 1);
    trials.push({ members, fit, crossValidatedLogLoss: mean, admissible: fit.weights.every((w) => w > 0) });
  }
  return { trials, losses };
}

/** Index of the trial of exactly these members. */
export function trialIndex(trials: SubsetTrial[], members: number[]): number {
  return trials.findIndex((t) => t.members.join() === members.join());
}

/** Of these trial indexes, the one with the lowest held-out loss (the first on ties). */
export function lowestLoss(trials: SubsetTrial[], indexes: number[]): number {
  return indexes.reduce((a, b) => (trials[b]!.crossValidatedLogLoss < trials[a]!.crossValidatedLogLoss ? b : a));
}

/** All members, then the one with the lowest non-positive stacking weight left out until none is (or one is left). */
export function dropNonPositive(trials: SubsetTrial[], k: number): { kept: number[]; dropped: StackSelection['dropped'] } {
  const dropped: StackSelection['dropped'] = [];
  let kept = Array.from({ length: k }, (_, j) => j);
  for (;;) {
    const weights = trials[trialIndex(trials, kept)]!.fit.weights;
    const lowest = weights.reduce((a, w, i) => (w < weights[a]! ? i : a), 0);
    if (weights[lowest]! > 0 || kept.length === 1) break;
    dropped.push({ member: kept[lowest]!, weight: weights[lowest]!, with: kept.filter((_, i) => i !== lowest) });
    kept = kept.filter((_, i) => i !== lowest);
  }
  return { kept, dropped };
}

export function selectStack(memberLogits: Float64Array[], labels: Uint8Array): StackSelection {
  const { trials, losses } = subsetTrials(memberLogits, labels, fitStack, heldOutLosses);
  const all = trials.map((_, i) => i);
  const { kept, dropped } = dropNonPositive(trials, memberLogits.length);
  const best = lowestLoss(trials, all);
  const singles = all.filter((i) => trials[i]!.members.length === 1);
  // The last one left scores the wrong way round (a broken member): the single member with the lowest loss instead.
  const chosen = trials[trialIndex(trials, kept)]!.admissible ? trialIndex(trials, kept) : lowestLoss(trials, singles);
  const tolerance = Math.max(TOLERANCE, pairedStandardError(losses[chosen]!, losses[best]!));
  const keptSingles = singles.filter((i) => trials[chosen]!.members.includes(trials[i]!.members[0]!));
  const single = lowestLoss(trials, keptSingles);
  const singleMargin = Math.max(TOLERANCE, pairedStandardError(losses[chosen]!, losses[single]!));
  return { chosen: trials[chosen]!, best: trials[best]!, trials, tolerance, dropped, bestSingle: trials[single]!, singleMargin };
}
