/**
 * Stacking on out-of-fold log-odds over every non-test row. A 20% validation slice of a small file
 * holds 5 to 40 defaults: weights fitted there (and a pick of fusion or single there) are mostly
 * noise, which made the fusion worse than its own best member on synthetic loans and 1,000 Polish
 * rows. Members that can (logistic: refit per fold with its pipeline; trees: their own K-fold count
 * search) give each development row the log-odds of a fold model that never saw it, so the stacker
 * sees four or five times the defaults. The weights are still shrunk toward the best single member
 * (or the blend of those within one standard error of it), as strongly as PRIOR_DEFAULTS defaults
 * would pull them: with few defaults the fusion stays there, with many the data decide. Every subset's loss is held out by a second (nested) K-fold over
 * the same rows, so `--model auto` compares like with like.
 *
 * `--model auto` then keeps the simplest candidate (the single members in their order, logistic
 * first, then the fusion) whose held-out loss is within SIMPLER_MARGIN standard errors of the lowest:
 * a more complex model must beat a simpler one by a significant margin (about a 5% test), not by the
 * noise of a few hundred defaults. Replayed on the quality-cv folds (bench/fusion-replay.ts, label
 * f7-nested) against the earlier rule (fusion kept when it won by one standard error or when no single
 * member was clearly best, a "hedge"): german-like +0.0013, polish-1000 +0.0075, taiwan-700 +0.0010,
 * synthetic +0.0121, australian-like +0.0001, breast-cancer 0 test AUC of auto, the same for every
 * margin from 1.5 to 3; at one standard error taiwan-700 lost 0.0033 (the fusion kept on noise).
 */
import { plattTargets } from '../calibration/platt.ts';
import { stratifiedFolds } from '../trees/cross-validate.ts';
import { sigmoid, softplus } from '../util/logistic-math.ts';
import { fitSmallLogistic } from '../util/small-logistic.ts';
import { dropNonPositive, lowestLoss, pairedStandardError, subsetTrials, trialIndex, type StackSelection } from './select.ts';
import type { StackFit } from './stack.ts';

/** Pseudo-defaults of the prior toward the best single member (strength per weight: this / defaults). */
export const PRIOR_DEFAULTS = 20;
/** Standard errors by which a more complex candidate's held-out loss must beat a simpler one's. */
export const SIMPLER_MARGIN = 2;
/** Folds of the nested cross-validation that scores the stacker. */
export const NESTED_FOLDS = 5;
const SEED = 17;
const TOLERANCE = 1e-4;

function minorityCount(labels: Uint8Array): number {
  let positives = 0;
  for (const y of labels) positives += y;
  return Math.max(1, Math.min(positives, labels.length - positives));
}

function lossesOf(fit: StackFit, logits: ArrayLike<number>[], labels: Uint8Array): Float64Array {
  const loss = new Float64Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let z = fit.intercept;
    logits.forEach((l, j) => (z += fit.weights[j]! * l[i]!));
    loss[i] = labels[i] ? softplus(-z) : softplus(z);
  }
  return loss;
}

const mean = (a: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]!;
  return s / Math.max(a.length, 1);
};

/**
 * The members a stack is shrunk toward: the single member with the lowest loss (Platt on these rows;
 * the inputs are out-of-fold already) and every other one within one standard error of it. With few
 * defaults two members are often indistinguishable, and which one is "best" is a coin flip: the
 * prior then centres on their plain blend instead of on the flip's winner.
 */
export function centreSet(logits: ArrayLike<number>[], labels: Uint8Array, bestOnly = false): { members: number[]; slopes: number[] } {
  const targets = plattTargets(labels);
  const fits = logits.map((l) => fitSmallLogistic([l], targets, 1e-6));
  const losses = fits.map((fit, j) => lossesOf(fit, [logits[j]!], labels));
  const means = losses.map(mean);
  const best = means.reduce((b, m, j) => (m < means[b]! ? j : b), 0);
  const members = means
    .map((m, j) => j)
    .filter((j) => j === best || (!bestOnly && means[j]! - means[best]! <= pairedStandardError(losses[j]!, losses[best]!)));
  return { members, slopes: fits.map((f) => f.weights[0]!) };
}

/**
 * Stacks `logits` shrunk toward the centre set (`centreSet`, or `fixedCentre`): a Gaussian prior
 * centred on the plain blend of those members (each at its own Platt weight over their count, 0 for
 * the others), each weight with the curvature of PRIOR_DEFAULTS / defaults of the data's own Fisher
 * information. With few defaults the stack stays at the centre; with many the data decide.
 */
export function fitShrunkStack(
  logits: ArrayLike<number>[],
  labels: Uint8Array,
  fixedCentre?: number[],
  priorDefaults = PRIOR_DEFAULTS,
  bestCentre = false,
): StackFit & { centre: number[] } {
  // Platt's targets (../calibration/platt.ts): a fold whose rows a member separates has no 0/1 optimum.
  const targets = plattTargets(labels);
  if (logits.length === 1) return { ...fitSmallLogistic(logits, targets, 1e-6), centre: [0] };
  const set = fixedCentre
    ? {
        members: fixedCentre,
        slopes: logits.map((l, j) => (fixedCentre.includes(j) ? fitSmallLogistic([l], targets, 1e-6).weights[0]! : 0)),
      }
    : centreSet(logits, labels, bestCentre);
  const centre = logits.map((_, j) => (set.members.includes(j) ? set.slopes[j]! / set.members.length : 0));
  const anchor = fitSmallLogistic(
    [Float64Array.from(labels, (_, i) => centre.reduce((z, w, j) => z + w * logits[j]![i]!, 0))],
    targets,
    1e-6,
  );
  const p = Float64Array.from(labels, (_, i) =>
    sigmoid(anchor.intercept + anchor.weights[0]! * centre.reduce((z, w, j) => z + w * logits[j]![i]!, 0)),
  );
  const scale = priorDefaults / minorityCount(labels);
  const strength = logits.map((l) => {
    // Fisher information of the weight (inputs centred: the intercept takes their mean).
    let wsum = 0;
    let zsum = 0;
    for (let i = 0; i < labels.length; i++) {
      const w = p[i]! * (1 - p[i]!);
      wsum += w;
      zsum += w * l[i]!;
    }
    const zbar = zsum / Math.max(wsum, 1e-300);
    let info = 0;
    for (let i = 0; i < labels.length; i++) info += p[i]! * (1 - p[i]!) * (l[i]! - zbar) ** 2;
    return scale * info;
  });
  const fit = fitSmallLogistic(logits, targets, 1e-6, { centre, strength });
  return { ...fit, centre: set.members };
}

/** How the out-of-fold stack is fitted and judged (defaults: the shipped rule). */
export interface StackRule {
  /** Pseudo-defaults of the prior toward the centre set (PRIOR_DEFAULTS). */
  priorDefaults?: number;
  /** Standard errors a more complex candidate must beat a simpler one by (SIMPLER_MARGIN). */
  simplerMargin?: number;
  /** Centre the prior on the best single member alone instead of the blend of those within one standard error (false). */
  bestCentre?: boolean;
  /** Standard errors a validation-row member must lower the loss by to join (1). */
  lateMargin?: number;
}

export interface OutOfFoldSelection extends StackSelection {
  /** Per-row nested held-out losses of the chosen subset and of `bestSingle`. */
  chosenLosses: Float64Array;
  bestSingleLosses: Float64Array;
  /**
   * The fusion is kept over every single member: of the singles (in member order, the simplest first)
   * and the fusion, it is the first whose held-out loss is within `simplerMargin` standard errors of
   * the lowest. Otherwise `bestSingle` is the single member kept (the simplest within the margin, not
   * necessarily the one with the lowest loss).
   */
  fusionWins: boolean;
  /** The lowest-loss single member's nested held-out loss is lower than every other single's by more than one standard error (reported). */
  singleClear: boolean;
}

/**
 * Selection as ./select.ts does it (all members, the lowest non-positive weight dropped until none is),
 * on out-of-fold log-odds with the shrunk stacker; scores from the nested cross-validation; then the
 * simplest candidate within `simplerMargin` standard errors of the lowest loss.
 */
export function selectOutOfFoldStack(memberLogits: Float64Array[], labels: Uint8Array, rule: StackRule = {}): OutOfFoldSelection {
  const priorDefaults = rule.priorDefaults ?? PRIOR_DEFAULTS;
  const margin = rule.simplerMargin ?? SIMPLER_MARGIN;
  const { trials, losses } = subsetTrials(
    memberLogits,
    labels,
    (logits, y) => {
      const fit = fitShrunkStack(logits, y, undefined, priorDefaults, rule.bestCentre);
      return { weights: fit.weights, intercept: fit.intercept };
    },
    (logits, y) => nestedLosses(logits, y, undefined, priorDefaults, rule.bestCentre),
  );
  const { kept, dropped } = dropNonPositive(trials, memberLogits.length);
  const all = trials.map((_, i) => i);
  // Bitmask order lists the singles in member order: the simplest first.
  const singles = all.filter((i) => trials[i]!.members.length === 1);
  const lowestSingle = lowestLoss(trials, singles);
  const chosen = trials[trialIndex(trials, kept)]!.admissible ? trialIndex(trials, kept) : lowestSingle;
  const best = lowestLoss(trials, all);
  const pool = trials[chosen]!.members.length > 1 ? [...singles, chosen] : singles;
  const low = lowestLoss(trials, pool);
  const loss = (i: number) => trials[i]!.crossValidatedLogLoss;
  const pick = pool.find((i) => loss(i) - loss(low) <= margin * Math.max(TOLERANCE, pairedStandardError(losses[i]!, losses[low]!)))!;
  const fusionWins = pick === chosen && trials[chosen]!.members.length > 1;
  const single = fusionWins ? lowestSingle : pick;
  const singleClear = singles.every(
    (i) => i === lowestSingle || loss(i) - loss(lowestSingle) > pairedStandardError(losses[i]!, losses[lowestSingle]!),
  );
  return {
    chosen: trials[chosen]!,
    best: trials[best]!,
    trials,
    tolerance: Math.max(TOLERANCE, pairedStandardError(losses[chosen]!, losses[best]!)),
    dropped,
    bestSingle: trials[single]!,
    singleMargin: Math.max(TOLERANCE, pairedStandardError(losses[chosen]!, losses[single]!)),
    chosenLosses: losses[chosen]!,
    bestSingleLosses: losses[single]!,
    fusionWins,
    singleClear,
  };
}

export interface ValidationMemberTrial {
  /** Stacked with the out-of-fold fusion on the validation rows: fused = intercept + scale * base + weight * member. */
  fit: { intercept: number; scale: number; weight: number };
  /** Nested held-out log loss on the validation rows without and with the member, and one standard error of the difference. */
  without: number;
  with: number;
  margin: number;
  kept: boolean;
}

/**
 * A member without out-of-fold log-odds (the deep network: K refits cost K trainings) joins on the
 * validation rows, where its log-odds are held out: stacked on top of the out-of-fold fusion (shrunk
 * toward it), and kept only when its weight is positive and it lowers the held-out loss there by more
 * than one standard error. Few validation defaults then mean it is left out, not guessed in.
 */
export function addValidationMember(base: Float64Array, member: Float64Array, labels: Uint8Array, lateMargin = 1): ValidationMemberTrial {
  const withoutLosses = nestedLosses([base], labels, [0]);
  const withLosses = nestedLosses([base, member], labels, [0]);
  const fit = fitShrunkStack([base, member], labels, [0]);
  const without = mean(withoutLosses);
  const withMember = mean(withLosses);
  const margin = Math.max(TOLERANCE, pairedStandardError(withoutLosses, withLosses));
  return {
    fit: { intercept: fit.intercept, scale: fit.weights[0]!, weight: fit.weights[1]! },
    without,
    with: withMember,
    margin,
    kept: fit.weights[1]! > 0 && fit.weights[0]! > 0 && without - withMember > lateMargin * margin,
  };
}

/** Per-row loss of `fitShrunkStack` on rows it did not see (NESTED_FOLDS-fold). */
function nestedLosses(
  logits: Float64Array[],
  labels: Uint8Array,
  centre?: number[],
  priorDefaults = PRIOR_DEFAULTS,
  bestCentre = false,
): Float64Array {
  const fold = stratifiedFolds(labels, NESTED_FOLDS, SEED);
  const loss = new Float64Array(labels.length);
  for (let f = 0; f < NESTED_FOLDS; f++) {
    const fitIdx: number[] = [];
    const heldIdx: number[] = [];
    for (let i = 0; i < labels.length; i++) (fold[i] === f ? heldIdx : fitIdx).push(i);
    if (heldIdx.length === 0) continue;
    const pick = (a: ArrayLike<number>, idx: number[]) => Float64Array.from(idx, (i) => a[i]!);
    const fit = fitShrunkStack(
      logits.map((l) => pick(l, fitIdx)),
      Uint8Array.from(fitIdx, (i) => labels[i]!),
      centre,
      priorDefaults,
      bestCentre,
    );
    const held = lossesOf(
      fit,
      logits.map((l) => pick(l, heldIdx)),
      Uint8Array.from(heldIdx, (i) => labels[i]!),
    );
    heldIdx.forEach((i, r) => (loss[i] = held[r]!));
  }
  return loss;
}
