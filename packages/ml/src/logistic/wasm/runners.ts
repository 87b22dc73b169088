/**
 * JavaScript halves of the SIMD kernels: blocks of rows go through the WebAssembly dot products and
 * gradient / Hessian accumulation, while the exp/log maths per row stays here. Like ../kernels.ts these
 * functions are self-contained (no imports, no outer names): the worker pool ships their source.
 *
 * Rows go through in blocks of 1024 (a literal in each function, which must stay self-contained).
 * Scratch layout per thread, in float64 slots from `scratch` (a byte offset, 16-aligned):
 * coef [size] | grad [size] | z [block] | r [block] | row [d] | hessian [size * size], size = p + 1.
 */

export interface WasmKernelExports {
  lossGrad(
    x: number,
    d: number,
    oh: number,
    s: number,
    coef: number,
    b: number,
    y: number,
    w: number,
    z: number,
    r: number,
    grad: number,
    p: number,
    start: number,
    end: number,
    step: number,
  ): number;
  dots(x: number, d: number, oh: number, s: number, coef: number, b: number, z: number, start: number, end: number, step: number): void;
  gradAccum(x: number, d: number, oh: number, s: number, r: number, grad: number, start: number, end: number, step: number): void;
  hessAccum(
    x: number,
    d: number,
    oh: number,
    s: number,
    h: number,
    hessian: number,
    size: number,
    row: number,
    start: number,
    end: number,
    step: number,
  ): void;
  /** Clamps z[0..n) to +-bound in place and writes sigmoid(z) to out. */
  sigmoids(z: number, out: number, n: number, bound: number): void;
}

export interface WasmLayout {
  /** Byte offsets of the design's dense block and one-hot block in the memory. */
  dense: number;
  onehot: number;
  d: number;
  s: number;
  /** Model columns (coefficients without the intercept). */
  p: number;
}

/** Bytes of scratch one thread needs; a multiple of 16. */
export function scratchBytes(layout: WasmLayout, withHessian: boolean): number {
  const size = layout.p + 1;
  const slots = 2 * size + 2 * 1024 + layout.d + (withHessian ? size * size : 0);
  return Math.ceil((slots * 8) / 16) * 16;
}

/** Weighted log loss over the visited rows, adding its gradient into grad (intercept last). */
export function wasmLossGrad(
  exports: WasmKernelExports,
  memory: { readonly buffer: ArrayBuffer | SharedArrayBuffer },
  layout: WasmLayout,
  scratch: number,
  labelsAt: number,
  weightsAt: number,
  coef: Float64Array,
  intercept: number,
  grad: Float64Array,
  start: number,
  end: number,
  step: number,
): number {
  const block = 1024;
  const size = layout.p + 1;
  const f64 = new Float64Array(memory.buffer);
  const coefAt = scratch / 8;
  const gradAt = coefAt + size;
  const zAt = gradAt + size;
  const rAt = zAt + block;
  f64.set(coef, coefAt);
  f64.fill(0, gradAt, gradAt + size);
  const loss = exports.lossGrad(
    layout.dense,
    layout.d,
    layout.onehot,
    layout.s,
    coefAt * 8,
    intercept,
    labelsAt,
    weightsAt,
    zAt * 8,
    rAt * 8,
    gradAt * 8,
    layout.p,
    start,
    end,
    step,
  );
  for (let j = 0; j < size; j++) grad[j]! += f64[gradAt + j]!;
  return loss;
}

export function wasmHessian(
  exports: WasmKernelExports,
  memory: { readonly buffer: ArrayBuffer | SharedArrayBuffer },
  layout: WasmLayout,
  scratch: number,
  weights: Float32Array | null,
  coef: Float64Array,
  intercept: number,
  hessian: Float64Array,
  start: number,
  end: number,
  step: number,
): void {
  const block = 1024;
  const size = layout.p + 1;
  const f64 = new Float64Array(memory.buffer);
  const coefAt = scratch / 8;
  const zAt = coefAt + 2 * size;
  const hAt = zAt + block;
  const rowAt = hAt + block;
  const hessianAt = rowAt + layout.d;
  f64.set(coef, coefAt);
  f64.fill(0, hessianAt, hessianAt + size * size);
  for (let from = start; from < end; from += block * step) {
    const to = Math.min(end, from + block * step);
    exports.dots(layout.dense, layout.d, layout.onehot, layout.s, coefAt * 8, intercept, zAt * 8, from, to, step);
    let k = 0;
    for (let i = from; i < to; i += step, k++) {
      const e = Math.exp(-Math.abs(f64[zAt + k]!));
      const prob = 1 / (1 + e);
      f64[hAt + k] = (weights === null ? 1 : weights[i]!) * prob * (1 - prob);
    }
    exports.hessAccum(layout.dense, layout.d, layout.onehot, layout.s, hAt * 8, hessianAt * 8, size, rowAt * 8, from, to, step);
  }
  for (let j = 0; j < size * size; j++) hessian[j]! += f64[hessianAt + j]!;
}

/**
 * Log-odds of rows start..end into `logits`; with `pds`, also the PDs sigmoid(clamp(z, +-bound)),
 * the logits then clamped to the same bound (what the scorer reports).
 */
export function wasmLogits(
  exports: WasmKernelExports,
  memory: { readonly buffer: ArrayBuffer | SharedArrayBuffer },
  layout: WasmLayout,
  scratch: number,
  coef: Float64Array,
  intercept: number,
  logits: Float64Array,
  start: number,
  end: number,
  pds: Float64Array | null,
  bound: number,
): void {
  const block = 1024;
  const size = layout.p + 1;
  const f64 = new Float64Array(memory.buffer);
  const coefAt = scratch / 8;
  const zAt = coefAt + 2 * size;
  const pAt = zAt + block;
  f64.set(coef, coefAt);
  for (let from = start; from < end; from += block) {
    const to = Math.min(end, from + block);
    const count = to - from;
    exports.dots(layout.dense, layout.d, layout.onehot, layout.s, coefAt * 8, intercept, zAt * 8, from, to, 1);
    if (pds === null) {
      logits.set(f64.subarray(zAt, zAt + count), from);
      continue;
    }
    exports.sigmoids(zAt * 8, pAt * 8, count, bound);
    pds.set(f64.subarray(pAt, pAt + count), from);
    logits.set(f64.subarray(zAt, zAt + count), from);
  }
}
