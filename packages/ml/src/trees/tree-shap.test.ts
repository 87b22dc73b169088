/**
 * TreeSHAP against independent answers: brute-force Shapley values over every subset of features
 * (path-dependent conditional expectations, computed by the definition) on small trained ensembles,
 * and XGBoost 1.7's margins and pred_contribs for XGBoost's own models (scripts/xgboost-fixtures.py).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { boostTrees } from './boost.ts';
import { DEFAULT_GBDT_PARAMS } from './defaults.ts';
import { ensembleLogits, flattenEnsemble, type FlatEnsemble } from './ensemble.ts';
import { ensembleExpectation, TreeShap } from './tree-shap.ts';
import { MemoTreeShap } from './tree-shap-memo.ts';
import { treesFromXgboost } from './xgboost-import.ts';
import { seededRandom } from '../util/random.ts';

/** E[f(x) | x_S] with features outside S averaged over the children by cover (TreeSHAP's definition). */
function conditional(e: FlatEnsemble, x: Float64Array, known: Set<number>): number {
  const walk = (node: number): number => {
    const f = e.feature[node]!;
    if (f < 0) return e.value[node]!;
    const l = e.left[node]!;
    const r = e.right[node]!;
    if (known.has(f)) {
      const v = x[f]!;
      const left = v < e.threshold[node]! || (Number.isNaN(v) && e.missingLeft[node] === 1);
      return walk(left ? l : r);
    }
    return (e.cover[l]! * walk(l) + e.cover[r]! * walk(r)) / e.cover[node]!;
  };
  let sum = e.baseScore;
  for (let t = 0; t < e.trees; t++) sum += walk(e.roots[t]!);
  return sum;
}

function bruteForceShapley(e: FlatEnsemble, x: Float64Array, F: number): Float64Array {
  const phi = new Float64Array(F);
  const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));
  for (let mask = 0; mask < 1 << F; mask++) {
    const known = new Set<number>();
    for (let f = 0; f < F; f++) if (mask & (1 << f)) known.add(f);
    const without = conditional(e, x, known);
    for (let f = 0; f < F; f++) {
      if (known.has(f)) continue;
      const weight = (factorial(known.size) * factorial(F - known.size - 1)) / factorial(F);
      phi[f]! += weight * (conditional(e, x, new Set([...known, f])) - without);
    }
  }
  return phi;
}

function syntheticRows(n: number, F: number, seed: number): { values: Float64Array; labels: Uint8Array } {
  const random = seededRandom(seed);
  const values = new Float64Array(n * F);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < F; f++) values[i * F + f] = random() < 0.1 ? Number.NaN : Math.round(random() * 20) / 4;
    const v = (f: number) => (Number.isNaN(values[i * F + f]!) ? 2 : values[i * F + f]!);
    const z = 0.8 * (v(0) - 2.5) + (v(1) > 3 ? 1 : -0.5) * (v(2) > 2 ? 1 : 0) - 0.3 * v(3);
    labels[i] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { values, labels };
}

describe('TreeSHAP', () => {
  it.each([
    { F: 4, leaves: 8, trees: 5, seed: 1 },
    { F: 5, leaves: 16, trees: 3, seed: 2 },
    { F: 6, leaves: 6, trees: 8, seed: 3 },
  ])('matches brute-force Shapley values over all subsets ($F features, $leaves leaves, $trees trees)', ({ F, leaves, trees, seed }) => {
    const data = syntheticRows(400, F, seed);
    const result = boostTrees({
      features: F,
      train: { values: data.values, rows: 400, labels: data.labels },
      validation: null,
      monotone: new Int8Array(F),
      usable: new Uint8Array(F).fill(1),
      params: { ...DEFAULT_GBDT_PARAMS, maxTrees: trees, maxLeaves: leaves, minLeafRows: 5, learningRate: 0.3, seed },
      defaultWeight: 1,
    });
    expect(result.trees.length).toBe(trees);
    const e = flattenEnsemble(result.trees, result.baseScore);
    const shap = new TreeShap(e);
    const expectation = ensembleExpectation(e);
    expect(expectation).toBeCloseTo(conditional(e, new Float64Array(F), new Set()), 12);
    const logits = ensembleLogits(e, data.values, 400, F);
    for (let row = 0; row < 40; row++) {
      const x = data.values.subarray(row * F, (row + 1) * F);
      const phi = new Float64Array(F);
      shap.explainRow(data.values, row, F, phi, 0);
      const expected = bruteForceShapley(e, x, F);
      for (let f = 0; f < F; f++) expect(Math.abs(phi[f]! - expected[f]!)).toBeLessThan(1e-12);
      const sum = phi.reduce((s, v) => s + v, 0);
      expect(Math.abs(expectation + sum - logits[row]!)).toBeLessThan(1e-12);
    }
  });

  // 15 leaves: 14 splits, each tree's answers found through a table indexed by the key; 24 leaves: 23
  // splits, past the table's 16, through a Map.
  it.each([15, 24])(
    "remembers each tree's answer per cell (%i leaves): the same values as row by row, and the same bits cached or not",
    (leaves) => {
      const F = 5;
      const data = syntheticRows(2000, F, 11);
      for (let i = 0; i < data.values.length; i += 7) data.values[i] = Number.NaN; // missing values take the default side
      const result = boostTrees({
        features: F,
        train: { values: data.values, rows: 2000, labels: data.labels },
        validation: null,
        monotone: new Int8Array(F),
        usable: new Uint8Array(F).fill(1),
        params: { ...DEFAULT_GBDT_PARAMS, maxTrees: 30, maxLeaves: leaves, maxDepth: 12, minLeafRows: 5, seed: 4 },
        defaultWeight: 1,
      });
      const splits = Math.max(...result.trees.map((t) => t.left.filter((child) => child >= 0).length));
      expect(splits > 16).toBe(leaves === 24); // the way the test means to take
      const e = flattenEnsemble(result.trees, result.baseScore);
      const plain = new TreeShap(e);
      const memo = new MemoTreeShap(e);
      const first: Float64Array[] = [];
      for (let row = 0; row < 2000; row++) {
        const expected = new Float64Array(F);
        plain.explainRow(data.values, row, F, expected, 0);
        const phi = new Float64Array(F);
        memo.explainRow(data.values, row, F, phi, 0);
        for (let f = 0; f < F; f++) expect(Math.abs(phi[f]! - expected[f]!)).toBeLessThan(1e-12);
        first.push(phi);
      }
      // A fresh explainer (nothing cached) and the warm one agree to the bit, in any row order.
      const fresh = new MemoTreeShap(e);
      for (const row of [1999, 3, 1000, 0]) {
        const cold = new Float64Array(F);
        fresh.explainRow(data.values, row, F, cold, 0);
        const warm = new Float64Array(F);
        memo.explainRow(data.values, row, F, warm, 0);
        expect([...cold]).toEqual([...first[row]!]);
        expect([...warm]).toEqual([...first[row]!]);
      }
    },
  );

  // Blocks of rows, tree after tree (the batch path), against row by row: the same bits, cold or warm,
  // with the whole-row cache (5 features: few enough cells) and without it (12 features: too many),
  // trees keyed by a table (15 leaves), by a Map (24) and not at all (40: past 31 splits); the log-odds
  // found with the answers are the scorer's to the bit.
  it.each([
    [5, 15],
    [12, 15],
    [12, 24],
    [12, 40],
  ])('explains a block of rows (%i features, %i leaves) to the same bits as row by row, with its log-odds', (F, leaves) => {
    const n = 1000;
    const data = syntheticRows(n, F, 21);
    // Values off the quarter grid, so the trees find many thresholds (12 features: too many cells to key).
    const jitter = seededRandom(5);
    for (let i = 0; i < data.values.length; i++) data.values[i]! += jitter() / 8;
    for (let i = 0; i < data.values.length; i += 7) data.values[i] = Number.NaN; // missing: each split's default side
    const result = boostTrees({
      features: F,
      train: { values: data.values, rows: n, labels: data.labels },
      validation: null,
      monotone: new Int8Array(F),
      usable: new Uint8Array(F).fill(1),
      params: { ...DEFAULT_GBDT_PARAMS, maxTrees: 25, maxLeaves: leaves, maxDepth: 12, minLeafRows: 5, seed: 9 },
      defaultWeight: 1,
    });
    const splits = Math.max(...result.trees.map((t) => t.left.filter((child) => child >= 0).length));
    expect(splits > 31).toBe(leaves === 40); // the way the test means to take
    const e = flattenEnsemble(result.trees, result.baseScore);
    const sides = new Set([...e.feature.keys()].filter((node) => e.feature[node]! >= 0).map((node) => e.missingLeft[node]));
    expect([...sides].sort()).toEqual([0, 1]); // missing values go left at some splits, right at others
    const byRow = new MemoTreeShap(e);
    const expected = new Float64Array(n * F);
    for (let row = 0; row < n; row++) byRow.explainRow(data.values, row, F, expected, row * F);
    const blocks = new MemoTreeShap(e);
    expect((blocks as unknown as { placeValue: Float64Array }).placeValue.length > 0).toBe(F === 5); // the way meant
    for (let pass = 0; pass < 2; pass++) {
      // Pass 0 starts cold; pass 1 finds every tree's answers (and whole rows) remembered, in larger
      // blocks (the kernels' scratch moves).
      const block = pass === 0 ? 97 : 300;
      for (let start = 0; start < n; start += block) {
        const count = Math.min(block, n - start);
        const phi = new Float64Array(count * F);
        const logits = new Float64Array(count);
        blocks.explainBlock(data.values, start, count, F, phi, logits);
        expect([...phi]).toEqual([...expected.subarray(start * F, (start + count) * F)]);
        expect([...logits]).toEqual([...ensembleLogits(e, data.values.subarray(start * F, (start + count) * F), count, F)]);
      }
    }
  });

  describe.each(['depthwise', 'lossguide', 'exact'])('XGBoost fixture %s', (name) => {
    const fixture = JSON.parse(readFileSync(new URL(`../../test/fixtures/trees/xgboost-${name}.json`, import.meta.url), 'utf8')) as {
      model: unknown;
      rows: (number | null)[][];
      margin: number[];
      contribs: number[][];
    };
    const imported = treesFromXgboost(fixture.model);
    const F = imported.features;
    const e = flattenEnsemble(imported.trees, imported.baseScore);
    const values = Float64Array.from(fixture.rows.flat(), (v) => (v === null ? Number.NaN : v));
    const n = fixture.rows.length;

    it("scores every row as XGBoost's predict (output_margin)", () => {
      const logits = ensembleLogits(e, values, n, F);
      // XGBoost adds float32 leaves in float32; we add them in float64.
      for (let i = 0; i < n; i++) expect(Math.abs(logits[i]! - fixture.margin[i]!)).toBeLessThan(2e-6);
    });

    it("gives XGBoost's pred_contribs, bias included", () => {
      const shap = new TreeShap(e);
      const expectation = ensembleExpectation(e);
      for (let i = 0; i < n; i++) {
        const phi = new Float64Array(F);
        shap.explainRow(values, i, F, phi, 0);
        const expected = fixture.contribs[i]!;
        for (let f = 0; f < F; f++) expect(Math.abs(phi[f]! - expected[f]!)).toBeLessThan(2e-5);
        expect(Math.abs(expectation - expected[F]!)).toBeLessThan(2e-5);
      }
    });

    it('explains the rows as a block to the same bits as row by row, with the scorer’s log-odds', () => {
      const byRow = new MemoTreeShap(e);
      const expected = new Float64Array(n * F);
      for (let i = 0; i < n; i++) byRow.explainRow(values, i, F, expected, i * F);
      const phi = new Float64Array(n * F);
      const logits = new Float64Array(n);
      new MemoTreeShap(e).explainBlock(values, 0, n, F, phi, logits);
      expect([...phi]).toEqual([...expected]);
      expect([...logits]).toEqual([...ensembleLogits(e, values, n, F)]);
    });
  });
});
