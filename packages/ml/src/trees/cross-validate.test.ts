/** The cross-validated tree count: stratified seeded folds, the mean held-out curve's minimum, out-of-fold log-odds. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { boostTrees, type BoostRows } from './boost.ts';
import { crossValidateTreeCount, stratifiedFolds } from './cross-validate.ts';
import { DEFAULT_GBDT_PARAMS } from './defaults.ts';

function rows(n: number, seed: number): BoostRows {
  const random = seededRandom(seed);
  const values = new Float64Array(n * 2);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    values[2 * i] = random() * 10;
    values[2 * i + 1] = random() < 0.1 ? NaN : random();
    labels[i] = random() < (values[2 * i]! > 7 ? 0.5 : 0.08) ? 1 : 0;
  }
  return { values, rows: n, labels };
}

describe('crossValidateTreeCount', () => {
  it('deals defaults and non-defaults evenly over seeded folds', () => {
    const data = rows(1003, 1);
    const folds = stratifiedFolds(data.labels, 5, 9);
    expect(stratifiedFolds(data.labels, 5, 9)).toEqual(folds);
    const defaults = [0, 0, 0, 0, 0];
    const sizes = [0, 0, 0, 0, 0];
    data.labels.forEach((y, i) => {
      sizes[folds[i]!]! += 1;
      defaults[folds[i]!]! += y;
    });
    expect(Math.max(...defaults) - Math.min(...defaults)).toBeLessThanOrEqual(1);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(2);
  });

  it('picks the minimum of the mean held-out curve and scores each row by the model that held it out', () => {
    const data = rows(1500, 2);
    const params = { ...DEFAULT_GBDT_PARAMS, maxTrees: 300, earlyStoppingRounds: 30 };
    const boost = (train: BoostRows, held: BoostRows) =>
      boostTrees({
        features: 2,
        train,
        validation: held,
        monotone: new Int8Array(2),
        usable: new Uint8Array([1, 1]),
        params,
        defaultWeight: 1,
        keepTrained: true,
      });
    const cv = crossValidateTreeCount(data, 2, 5, 4, boost);
    expect(cv.trees).toBeGreaterThan(0);
    expect(cv.curve[cv.trees - 1]).toBe(Math.min(...cv.curve));
    expect(cv.foldTrainRows).toBe(1200);
    // Out-of-fold log-odds: a fresh model on the other folds at the chosen count gives the same answers.
    const folds = stratifiedFolds(data.labels, 5, 4);
    const pick = (keep: (i: number) => boolean): BoostRows => {
      const index = [...data.labels.keys()].filter(keep);
      return {
        values: Float64Array.from(index.flatMap((i) => [data.values[2 * i]!, data.values[2 * i + 1]!])),
        rows: index.length,
        labels: Uint8Array.from(index, (i) => data.labels[i]!),
      };
    };
    const held = pick((i) => folds[i] === 0);
    const fit = boost(
      pick((i) => folds[i] !== 0),
      held,
    );
    let z = fit.baseScore;
    const first = [...data.labels.keys()].find((i) => folds[i] === 0)!;
    for (const tree of fit.trees.slice(0, cv.trees)) {
      let node = 0;
      while (tree.left[node]! >= 0) {
        const x = data.values[2 * first + tree.feature[node]!]!;
        node = Number.isNaN(x)
          ? tree.missingLeft[node]
            ? tree.left[node]!
            : tree.right[node]!
          : x < tree.threshold[node]!
            ? tree.left[node]!
            : tree.right[node]!;
      }
      z += tree.value[node]!;
    }
    expect(cv.outOfFold[first]).toBeCloseTo(z, 9);
  });

  it("gives the stacker each fold's log-odds at the count the other folds' curves choose", () => {
    const data = rows(1500, 3);
    const params = { ...DEFAULT_GBDT_PARAMS, maxTrees: 200, earlyStoppingRounds: 20 };
    const results: ReturnType<typeof boostTrees>[] = [];
    const heldRows: number[] = [];
    const cv = crossValidateTreeCount(data, 2, 5, 6, (train, held) => {
      const result = boostTrees({
        features: 2,
        train,
        validation: held,
        monotone: new Int8Array(2),
        usable: new Uint8Array([1, 1]),
        params,
        defaultWeight: 1,
        keepTrained: true,
      });
      results.push(result);
      heldRows.push(held.rows);
      return result;
    });
    const common = Math.min(...results.map((r) => r.validationLogLoss.length));
    const folds = stratifiedFolds(data.labels, 5, 6);
    for (const k of [0, 3]) {
      // Fold k's own curve takes no part in its count.
      let own = 0;
      let best = Infinity;
      for (let t = 0; t < common; t++) {
        let loss = 0;
        results.forEach((r, g) => g !== k && (loss += r.validationLogLoss[t]! * heldRows[g]!));
        if (loss < best - 1e-12 * data.rows) [best, own] = [loss, t + 1];
      }
      const row = [...data.labels.keys()].find((i) => folds[i] === k)!;
      let z = results[k]!.baseScore;
      for (const tree of results[k]!.trees.slice(0, own)) {
        let node = 0;
        while (tree.left[node]! >= 0) {
          const x = data.values[2 * row + tree.feature[node]!]!;
          node = (Number.isNaN(x) ? tree.missingLeft[node] : x < tree.threshold[node]!) ? tree.left[node]! : tree.right[node]!;
        }
        z += tree.value[node]!;
      }
      expect(cv.nestedOutOfFold[row]).toBeCloseTo(z, 9);
    }
  });
});
