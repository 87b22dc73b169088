/**
 * The WebAssembly scoring kernel against the JavaScript walk: the same log-odds to the bit (same
 * comparisons, same order of additions) on trained trees with missing values both ways, values on the
 * thresholds, row counts that leave tails (not a multiple of the 4 rows walked together, more than one
 * chunk), and XGBoost's imported trees.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { compileKernelsWat } from '../util/wasm/compile-wat.ts';
import { boostTrees } from './boost.ts';
import { DEFAULT_GBDT_PARAMS } from './defaults.ts';
import { ensembleLogits, ensembleLogitsJs, flattenEnsemble } from './ensemble.ts';
import { TREES_KERNELS_WASM_BASE64 } from './wasm/kernels-binary.ts';
import { treesFromXgboost } from './xgboost-import.ts';

describe('trees scoring kernel', () => {
  it('the committed binary is kernels.wat compiled (run scripts/build-wasm.ts after editing it)', async () => {
    const wat = readFileSync(new URL('./wasm/kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await compileKernelsWat(wat)).toString('base64')).toBe(TREES_KERNELS_WASM_BASE64);
  });

  it.each([1, 3, 4, 257, 4096 + 1031])('gives the JavaScript walk its exact log-odds (%i rows)', (rows) => {
    const F = 7;
    const random = seededRandom(rows);
    const train = 3000;
    const values = new Float64Array(Math.max(train, rows) * F);
    const labels = new Uint8Array(train);
    for (let i = 0; i < values.length; i++) values[i] = random() < 0.15 ? Number.NaN : Math.round(random() * 40) / 8;
    for (let i = 0; i < train; i++) {
      const x = (f: number) => (Number.isNaN(values[i * F + f]!) ? 4 : values[i * F + f]!);
      labels[i] = random() < 1 / (1 + Math.exp(-(x(0) - 2.5 + (x(1) > 3 ? 1 : -1) * (x(2) > 2 ? 1 : 0)))) ? 1 : 0;
    }
    const fitted = boostTrees({
      features: F,
      train: { values: values.subarray(0, train * F), rows: train, labels },
      validation: null,
      monotone: new Int8Array(F),
      usable: new Uint8Array(F).fill(1),
      params: { ...DEFAULT_GBDT_PARAMS, maxTrees: 25, maxLeaves: 31, minLeafRows: 2, seed: rows },
      defaultWeight: 1,
    });
    const e = flattenEnsemble(fitted.trees, fitted.baseScore);
    const expected = ensembleLogitsJs(e, values, rows, F);
    expect(e.missingLeft.includes(0) && e.missingLeft.some((m, i) => m === 1 && e.feature[i]! >= 0)).toBe(true);
    expect([...ensembleLogits(e, values, rows, F)]).toEqual([...expected]);
    // Scored again through the same (cached) module: the same bits.
    expect([...ensembleLogits(e, values, rows, F)]).toEqual([...expected]);
  });

  it("scores XGBoost's trees as the JavaScript walk does", () => {
    const fixture = JSON.parse(readFileSync(new URL('../../test/fixtures/trees/xgboost-lossguide.json', import.meta.url), 'utf8')) as {
      model: unknown;
      rows: (number | null)[][];
    };
    const imported = treesFromXgboost(fixture.model);
    const e = flattenEnsemble(imported.trees, imported.baseScore);
    const values = Float64Array.from(fixture.rows.flat(), (v) => (v === null ? Number.NaN : v));
    const n = fixture.rows.length;
    expect([...ensembleLogits(e, values, n, imported.features)]).toEqual([...ensembleLogitsJs(e, values, n, imported.features)]);
  });
});
