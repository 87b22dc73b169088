// Rank-gauss input transform of the dense block, fitted on training rows and stored in the model.
//
// Why: the pipeline clips at training percentiles and standardises, which leaves heavy-tailed
// inputs (financial ratios: most rows near 0, a few at 50 standard deviations) as a spike plus
// outliers; the first layer then sees almost no spread where the rows are, and a handful of rows
// dominate the gradients. Mapping each column through its training quantiles onto normal scores
// spreads the rows evenly and bounds every input (|x| <= 2.4), whatever the tails.
// Piecewise linear between knots, flat beyond them: a monotone map, so order (and each input's
// direction) is kept. Columns with under three distinct training values (missing indicators) are
// left as they are. The transform is applied where a DeepDataset is built for a model (the deep
// family), so training, the lean scorer and Integrated Gradients all see the same inputs.
import { normalQuantile } from '../metrics/distributions.ts';
import type { DeepDataset, DeepInputTransform } from './types.ts';

/** Knots per column: quantiles at (k + 0.5) / KNOTS, scores from -2.42 to 2.42. */
export const RANK_GAUSS_KNOTS = 64;

function quantileSorted(sorted: Float64Array, q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** Fits the knots of every dense column on `train` (its rows are the training rows). */
export function fitRankGauss(train: DeepDataset, points = RANK_GAUSS_KNOTS): DeepInputTransform {
  const knots: number[][] = [];
  const scores: number[][] = [];
  const column = new Float64Array(train.n);
  for (let j = 0; j < train.denseDim; j++) {
    for (let i = 0; i < train.n; i++) column[i] = train.dense[i * train.denseDim + j]!;
    column.sort();
    let distinct = 0;
    for (let i = 0; i < train.n && distinct < 3; i++) if (i === 0 || column[i] !== column[i - 1]) distinct++;
    const k: number[] = [];
    const s: number[] = [];
    if (distinct >= 3) {
      // Tied quantiles (a point mass, e.g. many zeros) become one knot at the mean of their scores.
      let tied = 0;
      for (let p = 0; p < points; p++) {
        const q = (p + 0.5) / points;
        const x = Math.fround(quantileSorted(column, q));
        const z = normalQuantile(q);
        if (k.length > 0 && k[k.length - 1] === x) {
          tied++;
          s[s.length - 1] = s[s.length - 1]! + (z - s[s.length - 1]!) / (tied + 1);
        } else {
          k.push(x);
          s.push(z);
          tied = 0;
        }
      }
    }
    if (k.length < 2) {
      knots.push([]);
      scores.push([]);
    } else {
      knots.push(k);
      scores.push(s.map((z) => Math.fround(z)));
    }
  }
  return { kind: 'rank-gauss', knots, scores };
}

/** The normal score of one value of column j (identity for a column without knots). */
export function rankGaussValue(knots: number[], scores: number[], x: number): number {
  if (knots.length === 0) return x;
  if (x <= knots[0]!) return scores[0]!;
  const last = knots.length - 1;
  if (x >= knots[last]!) return scores[last]!;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (knots[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - knots[lo]!) / (knots[hi]! - knots[lo]!);
  return scores[lo]! + t * (scores[hi]! - scores[lo]!);
}

/** The dataset with its dense block transformed (a new dense array; the rest is shared). */
export function applyInputTransform(transform: DeepInputTransform | undefined, ds: DeepDataset): DeepDataset {
  if (!transform) return ds;
  if (transform.knots.length !== ds.denseDim) {
    throw new Error(`deep input transform has ${transform.knots.length} columns, the data has ${ds.denseDim} dense columns`);
  }
  const dense = new Float32Array(ds.dense.length);
  for (let j = 0; j < ds.denseDim; j++) {
    const knots = transform.knots[j]!;
    const scores = transform.scores[j]!;
    for (let i = 0; i < ds.n; i++) dense[i * ds.denseDim + j] = rankGaussValue(knots, scores, ds.dense[i * ds.denseDim + j]!);
  }
  return { ...ds, dense };
}

/** Throws naming the first bad field of a stored transform (column count checked against denseDim). */
export function checkInputTransform(t: DeepInputTransform, denseDim: number): void {
  if (t.kind !== 'rank-gauss') throw new Error(`inputTransform.kind: '${String(t.kind)}' is not 'rank-gauss'`);
  if (t.knots.length !== denseDim || t.scores.length !== denseDim) {
    throw new Error(`inputTransform: knots and scores need ${denseDim} columns (one per dense input)`);
  }
  t.knots.forEach((k, j) => {
    if (t.scores[j]!.length !== k.length)
      throw new Error(`inputTransform.scores[${j}]: ${t.scores[j]!.length} scores for ${k.length} knots`);
    if (k.length === 1) throw new Error(`inputTransform.knots[${j}]: needs 0 or at least 2 knots`);
    for (let i = 1; i < k.length; i++) {
      if (!(k[i]! > k[i - 1]!)) throw new Error(`inputTransform.knots[${j}]: knots must increase strictly (at ${i})`);
    }
  });
}
