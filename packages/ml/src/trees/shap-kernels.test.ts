/**
 * The TreeSHAP memo's WebAssembly kernels against the JavaScript they stand for: the keys bit for bit
 * (values on the thresholds, missing values both ways, infinities, -0, block tails that are not a
 * multiple of four), each row's place in a tree's answers from its key, the answers added in place
 * (rows without a place untouched, -0 included), and memory growth keeping what was stored.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../util/random.ts';
import { compileKernelsWat } from '../util/wasm/compile-wat.ts';
import { ShapKernels } from './shap-kernels.ts';
import { TREES_SHAP_KERNELS_WASM_BASE64 } from './wasm/shap-kernels-binary.ts';

describe('TreeSHAP block kernels', () => {
  it('the committed binary is shap-kernels.wat compiled (run scripts/build-wasm.ts after editing it)', async () => {
    const wat = readFileSync(new URL('./wasm/shap-kernels.wat', import.meta.url), 'utf8');
    expect(Buffer.from(await compileKernelsWat(wat)).toString('base64')).toBe(TREES_SHAP_KERNELS_WASM_BASE64);
  });

  it.each([1, 5, 130])('makes the keys JavaScript makes (%i rows)', (rows) => {
    const F = 3;
    const random = seededRandom(rows);
    // Two trees: 31 splits (every bit of the key) and 3.
    const splits = 34;
    const feature = Int32Array.from({ length: splits }, (_, s) => s % F);
    const threshold = Float64Array.from({ length: splits }, (_, s) => (s % 5) - 2);
    const missingLeft = Uint8Array.from({ length: splits }, (_, s) => ((s * 7) % 3 === 0 ? 1 : 0));
    const kernels = new ShapKernels(feature, threshold, missingLeft, new Int32Array(0));
    const specials = [Number.NaN, -2, 0, -0, 2, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 1.5];
    const values = Float64Array.from({ length: rows * F }, (_, i) =>
      i % 3 === 0 ? specials[i % specials.length]! : Math.round((random() * 6 - 3) * 4) / 4,
    );
    const block = kernels.block(rows, F);
    const stride = Math.ceil(rows / 4) * 4;
    for (let p = 0; p < rows; p++) for (let f = 0; f < F; f++) kernels.f64[block.columnsAt / 8 + f * stride + p] = values[p * F + f]!;
    for (const [first, count] of [
      [0, 31],
      [31, 3],
    ] as const) {
      kernels.splitKeys(block, stride, first, count);
      for (let p = 0; p < rows; p++) {
        let expected = 0;
        for (let i = 0; i < count; i++) {
          const x = values[p * F + feature[first + i]!]!;
          if (x < threshold[first + i]! || (Number.isNaN(x) && missingLeft[first + i] === 1)) expected |= 1 << i;
        }
        expect(kernels.i32[block.keysAt / 4 + p]).toBe(expected);
      }
    }
  });

  it('adds a tree’s answers to the rows that have a place, feature by feature, and leaves the others', () => {
    // The tree uses features 2 and 0 (in that order); three answers, stored feature-major with room for 4.
    const kernels = new ShapKernels(new Int32Array(1), new Float64Array(1), new Uint8Array(1), Int32Array.from([7, 2, 0]));
    const rows = 5;
    const F = 3;
    const block = kernels.block(rows, F);
    const sums = block.sumsAt / 8;
    const heap = kernels.f64;
    for (let i = 0; i < rows * F; i++) heap[sums + i] = i === 4 ? -0 : i / 8;
    const capacity = 4;
    const answersAt = kernels.allocate(capacity * 2 * 8);
    const answers = [
      [0.5, 0.25, -1], // feature 2 of answers 0, 1, 2
      [3, -0.125, 1e-300], // feature 0
    ];
    answers.forEach((run, j) => run.forEach((v, k) => (heap[answersAt / 8 + j * capacity + k] = v)));
    const places = [2, -1, 0, 2, -1];
    places.forEach((k, p) => (kernels.i32[block.offsetsAt / 4 + p] = k));
    const before = heap.slice(sums, sums + rows * F);
    kernels.addAnswers(block, rows, answersAt, capacity, 2, 1);
    for (let f = 0; f < F; f++)
      for (let p = 0; p < rows; p++) {
        const j = f === 2 ? 0 : f === 0 ? 1 : -1;
        const k = places[p]!;
        const expected = j >= 0 && k >= 0 ? before[f * rows + p]! + answers[j]![k]! : before[f * rows + p]!;
        expect(Object.is(heap[sums + f * rows + p], expected)).toBe(true);
      }
    expect(Object.is(heap[sums + 4], -0)).toBe(true); // feature 0 of row 4: no place, still -0
  });

  it.each([1, 7, 300])('finds each row’s place in a tree’s key table, -1 where the key has no answer (%i rows)', (rows) => {
    const kernels = new ShapKernels(new Int32Array(1), new Float64Array(1), new Uint8Array(1), new Int32Array(0));
    const block = kernels.block(rows, 2);
    const random = seededRandom(rows);
    // A 6-split tree's table: 64 slots, answer number + 1, every third key without an answer yet.
    const slotsAt = kernels.allocate(64 * 2);
    const slots = Uint16Array.from({ length: 64 }, (_, key) => (key % 3 === 0 ? 0 : 1 + ((key * 5) % 40)));
    kernels.u16.set(slots, slotsAt / 2);
    const keys = Int32Array.from({ length: rows }, () => Math.floor(random() * 64));
    kernels.i32.set(keys, block.keysAt / 4);
    kernels.i32.fill(99, block.offsetsAt / 4, block.offsetsAt / 4 + rows);
    const found = kernels.slotOffsets(block, rows, slotsAt);
    const expected = Array.from(keys, (key) => slots[key]! - 1);
    expect(Array.from(kernels.i32.subarray(block.offsetsAt / 4, block.offsetsAt / 4 + rows))).toEqual(expected);
    expect(found).toBe(expected.filter((k) => k >= 0).length);
  });

  it('grows its memory and keeps what it holds', () => {
    const kernels = new ShapKernels(Int32Array.from([1]), Float64Array.from([0.5]), Uint8Array.from([1]), Int32Array.from([1]));
    const at = kernels.allocate(1024);
    kernels.f64[at / 8 + 3] = 42.5;
    const far = kernels.allocate(8 * 1024 * 1024);
    expect(far).toBeGreaterThan(at);
    kernels.f64[far / 8] = -1;
    expect(kernels.f64[at / 8 + 3]).toBe(42.5);
    expect(kernels.f64.length * 8).toBeGreaterThanOrEqual(far + 8 * 1024 * 1024);
  });
});
