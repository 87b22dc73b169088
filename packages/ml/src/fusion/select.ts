/**
 * Which members a fusion keeps. Every non-empty subset of the members is stacked on the validation
 * rows and scored by its 5-fold cross-validated log loss on those rows (a subset fitted and judged on
 * the same rows always looks better with more members); subsets with a negative weight are not
 * admissible. The lowest loss wins, and among subsets within 1e-4 of it the smallest: a member that
 * does not lower the held-out loss gets weight 0 and is left out, with the figures that say why.
 */
import { softplus } from '../util/logistic-math.ts';
import { fitStack, type StackFit } from './stack.ts';

const FOLDS = 5;
/** Log-loss differences below this are noise on validation sets of a few thousand rows. */
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
  trials: SubsetTrial[];
}

function crossValidatedLogLoss(logits: Float64Array[], labels: Uint8Array): number {
  const n = labels.length;
  let loss = 0;
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
      loss += labels[i] ? softplus(-z) : softplus(z);
    }
  }
  return loss / n;
}

export function selectStack(memberLogits: Float64Array[], labels: Uint8Array): StackSelection {
  const k = memberLogits.length;
  const trials: SubsetTrial[] = [];
  for (let mask = 1; mask < 1 << k; mask++) {
    const members = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
    const logits = members.map((j) => memberLogits[j]!);
    const fit = fitStack(logits, labels);
    trials.push({
      members,
      fit,
      crossValidatedLogLoss: crossValidatedLogLoss(logits, labels),
      admissible: fit.weights.every((w) => w > 0),
    });
  }
  const admissible = trials.filter((t) => t.admissible);
  const pool = admissible.length > 0 ? admissible : trials.filter((t) => t.members.length === 1);
  const best = Math.min(...pool.map((t) => t.crossValidatedLogLoss));
  const chosen = pool
    .filter((t) => t.crossValidatedLogLoss <= best + TOLERANCE)
    .sort((a, b) => a.members.length - b.members.length || a.crossValidatedLogLoss - b.crossValidatedLogLoss)[0]!;
  return { chosen, trials };
}
