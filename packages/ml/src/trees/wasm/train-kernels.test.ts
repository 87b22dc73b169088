/**
 * The trees' SIMD histogram kernels against the JavaScript kernel: the same bits for every sum and
 * count (odd feature counts for the unrolled and 16-lane tails, column subsets, scattered rows, more
 * than 255 missing values in a row range for the byte counters), the stable branch-free partition
 * (the SIMD split scan is covered by the whole-model comparison: without WebAssembly the JavaScript scan runs),
 * and whole models trained either way are identical, subsampling, monotone constraints and a row
 * minimum included.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../util/random.ts';
import { compileKernelsWat } from '../../util/wasm/compile-wat.ts';
import { boostTrees, type BoostInput } from '../boost.ts';
import { DEFAULT_GBDT_PARAMS } from '../defaults.ts';
import { BINS, TrainingMemory } from '../histogram.ts';
import { TREES_TRAIN_KERNELS_WASM_BASE64 } from './train-kernels-binary.ts';

function filled(memory: TrainingMemory, n: number, F: number, seed: number): void {
  const random = seededRandom(seed);
  for (let i = 0; i < n * F; i++) memory.bins[i] = random() < 0.3 ? 255 : Math.floor(random() * 40);
  for (let i = 0; i < 2 * n; i++) memory.gh[i] = random() - 0.3;
  // Every other row, ascending: a leaf's rows are scattered through the data.
  let k = 0;
  for (let r = 0; r < n; r += 2) memory.rows[k++] = r;
  for (let r = 1; r < n; r += 2) memory.rows[k++] = r;
}

describe('trees SIMD kernels', () => {
  it('the committed binary is train-kernels.wat compiled (run scripts/build-wasm.ts after editing it)', async () => {
    const wat = readFileSync(new URL('./train-kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await compileKernelsWat(wat)).toString('base64')).toBe(TREES_TRAIN_KERNELS_WASM_BASE64);
  });

  it.each([
    [1500, 7, [0, 1, 2, 3, 4, 5, 6]],
    [1500, 33, [0, 2, 5, 9, 17, 31, 32]],
    [900, 16, [3]],
    [1200, 1, [0]],
  ])('histograms agree bit for bit with the JavaScript kernel (%i rows, %i features, active %j)', (n, F, activeList) => {
    const active = Int32Array.from(activeList);
    const wasm = new TrainingMemory({ rows: n, features: F, slots: 2 });
    const js = new TrainingMemory({ rows: n, features: F, slots: 2, wasm: false });
    expect(wasm.usesWasm).toBe(true);
    expect(js.usesWasm).toBe(false);
    filled(wasm, n, F, n + F);
    filled(js, n, F, n + F);
    for (const withCounts of [true, false]) {
      const [a, b] = [wasm.take(), js.take()];
      // Stale values first: building must clear the active features.
      a.sums.fill(7);
      a.counts.fill(7);
      b.sums.fill(7);
      b.counts.fill(7);
      wasm.build(3, n - 5, active, a, withCounts);
      js.build(3, n - 5, active, b, withCounts);
      for (const f of active) {
        const s = f * BINS;
        expect(a.sums.subarray(2 * s, 2 * s + 2 * BINS)).toEqual(b.sums.subarray(2 * s, 2 * s + 2 * BINS));
        expect(a.counts.subarray(s, s + BINS)).toEqual(b.counts.subarray(s, s + BINS));
        const missing = wasm.rows.subarray(3, n - 5).filter((r) => wasm.bins[r * F + f] === 255).length;
        expect(missing).toBeGreaterThan(255);
        expect(a.counts[s + 255]).toBe(missing);
        if (withCounts) expect(a.counts.subarray(s, s + BINS).reduce((x, y) => x + y, 0)).toBe(n - 8);
      }
      const [c, d] = [wasm.take(), js.take()];
      wasm.build(10, 400, active, c, withCounts);
      js.build(10, 400, active, d, withCounts);
      wasm.subtract(a, c);
      js.subtract(b, d);
      for (const f of active) {
        const s = f * BINS;
        expect(a.sums.subarray(2 * s, 2 * s + 2 * BINS)).toEqual(b.sums.subarray(2 * s, 2 * s + 2 * BINS));
        expect(a.counts.subarray(s, s + BINS)).toEqual(b.counts.subarray(s, s + BINS));
      }
      for (const h of [a, c]) wasm.give(h);
      for (const h of [b, d]) js.give(h);
    }
  });

  it('fills and subtracts a histogram past the pool (a plain array) with the same bits', () => {
    const [n, F] = [1000, 6];
    const memory = new TrainingMemory({ rows: n, features: F, slots: 1 });
    filled(memory, n, F, 4);
    const active = Int32Array.from([0, 1, 2, 3, 4, 5]);
    const [inPool, past] = [memory.take(), memory.take()];
    expect([inPool.sumsOffset >= 0, past.sumsOffset]).toEqual([true, -1]);
    memory.build(0, n, active, inPool, false);
    memory.build(0, n, active, past, false);
    expect(past.sums).toEqual(inPool.sums);
    expect(past.counts).toEqual(inPool.counts);
    const small = memory.take();
    memory.build(0, 300, active, small, false);
    memory.subtract(inPool, small);
    memory.subtract(past, small);
    expect(past.sums).toEqual(inPool.sums);
    expect(past.counts).toEqual(inPool.counts);
  });

  it('partitions a leaf the same way, stably, with and without WebAssembly', () => {
    const n = 2000;
    const F = 5;
    const [wasm, js] = [
      new TrainingMemory({ rows: n, features: F, slots: 1 }),
      new TrainingMemory({ rows: n, features: F, slots: 1, wasm: false }),
    ];
    for (const m of [wasm, js]) {
      filled(m, n, F, 9);
      for (let f = 0; f < F; f++) for (let r = 0; r < n; r++) m.columns[f * n + r] = m.bins[r * F + f]!;
    }
    for (const [feature, splitBin, missingLeft] of [
      [2, 20, true],
      [4, 0, false],
      [0, 39, false],
    ] as const) {
      const before = Array.from(wasm.rows.subarray(7, n - 3));
      const nl = wasm.partition(7, n - 3, feature, splitBin, missingLeft);
      expect(js.partition(7, n - 3, feature, splitBin, missingLeft)).toBe(nl);
      expect(wasm.rows).toEqual(js.rows);
      const goesLeft = (r: number) => {
        const bin = wasm.columns[feature * n + r]!;
        return bin === 255 ? missingLeft : bin <= splitBin;
      };
      expect(Array.from(wasm.rows.subarray(7, 7 + nl))).toEqual(before.filter(goesLeft));
      expect(Array.from(wasm.rows.subarray(7 + nl, n - 3))).toEqual(before.filter((r) => !goesLeft(r)));
    }
  });

  function problem(n: number, F: number): Omit<BoostInput, 'params'> {
    const random = seededRandom(5);
    const values = new Float64Array(n * F);
    const labels = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      let z = -1;
      for (let f = 0; f < F; f++) {
        const v = random() < 0.1 ? Number.NaN : random() * 4 - 2;
        values[r * F + f] = f === 3 ? Math.round(v) : v;
        if (!Number.isNaN(v)) z += (f % 3 === 0 ? 0.7 : -0.4) * v * (f < 6 ? 1 : 0);
        else if (f === 1) z += 1;
      }
      labels[r] = random() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    }
    const monotone = new Int8Array(F);
    monotone[0] = 1;
    monotone[1] = -1;
    const split = Math.floor(n * 0.8);
    return {
      features: F,
      train: { values: values.subarray(0, split * F), rows: split, labels: labels.subarray(0, split) },
      validation: { values: values.subarray(split * F), rows: n - split, labels: labels.subarray(split) },
      monotone,
      usable: new Uint8Array(F).fill(1),
      defaultWeight: 2,
    };
  }

  it.each([
    ['with a row minimum, row and column sampling', { minLeafRows: 20, rowSample: 0.8, columnSample: 0.7 }],
    ['without a row minimum or sampling', { minLeafRows: 0, rowSample: 1, columnSample: 1, maxDepth: 0, maxLeaves: 31 }],
  ])('trains the same trees with and without WebAssembly (%s)', (_name, overrides) => {
    const input = problem(4000, 11);
    const params = { ...DEFAULT_GBDT_PARAMS, maxTrees: 30, earlyStoppingRounds: 10, ...overrides };
    const a = boostTrees({ ...input, params });
    const b = boostTrees({ ...input, params, wasm: false });
    expect(a.trees.length).toBeGreaterThan(5);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });
});
