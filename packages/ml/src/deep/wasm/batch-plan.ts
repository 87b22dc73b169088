// Compiles a deep model into calls of the SIMD kernels (kernels.wat): the weights packed into panels
// of 8 output columns, and two programs over per-thread buffers of points (rows or quadrature points):
// `forward` (input x -> logit) and `backward` (d logit / d x, after a forward that kept the
// pre-activations). Plain data, so worker threads receive it as it is.
//
// Input rows use a padded copy of the lean network's x = [dense | embedding vectors | sequence cells]:
// the dense and embedding block, then each sequence group, each starting at a multiple of 8 floats,
// so the 8-wide panels of the backward pass write into padding and never into a neighbour.
// - A convolution over time is one banded matrix product per group (sequence cells -> steps x filters,
//   each panel skipping the rows outside its band), its outputs side by side in buffer `conv`.
// - Mean pooling is folded into the next layer: its weights, divided by the steps, repeated per step.
// - The first hidden layer sums two products (dense and embeddings from `x`, then `conv`); the
//   logit is one dot product per part plus the wide term over `x`.
import { convPadBefore, inputLayout, parameterSpecs, sizeOf } from '../architecture.ts';
import { baselineInput, featureMap } from '../attribution-space.ts';
import { decodeFloat32 } from '../base64.ts';
import type { DeepActivation, DeepModelState } from '../types.ts';

export const ACTIVATION_KIND: Record<DeepActivation, number> = { swish: 0, gelu: 1, softplus: 2, tanh: 3, elu: 4, selu: 5 };

/** Epilogue bits of the `gemm` kernel. */
export const MODE = { store: 0, accumulate: 1, activate: 2, activationGradient: 4 } as const;

export interface GemmOp {
  op: 'gemm';
  /** Input buffer and the float column its rows start at. */
  a: string;
  aAt: number;
  /** Byte offset of the packed panels in the weight image, and their count. */
  w: number;
  panels: number;
  out: string;
  outAt: number;
  mode: number;
  /** Pre-activations: kept there by `activate` (when asked), read by `activationGradient`. */
  pre: string | null;
  preAt: number;
}

export interface DotsOp {
  op: 'dots';
  a: string;
  aAt: number;
  /** Byte offset of k float32 weights in the weight image. */
  w: number;
  k: number;
  bias: number;
  accumulate: boolean;
}

export type PlanOp = GemmOp | DotsOp;

export interface DeepPlan {
  activation: number;
  /** Floats per padded input row. */
  xWidth: number;
  /** Where the input's parts go in a padded row. */
  denseDim: number;
  embeddings: { at: number; dim: number; tableAt: number; cardinality: number }[];
  sequences: { at: number; cells: number }[];
  /** Floats per point of each buffer the programs use (multiples of 8). */
  buffers: Record<string, number>;
  forward: PlanOp[];
  backward: PlanOp[];
  /** Byte offset of the baseline row (xWidth float32) in the weight image. */
  baselineAt: number;
  /** Original features, and the feature of each padded input position (-1 for padding). */
  features: string[];
  featureOf: number[];
  /** Padded position of each position of the lean network's x. */
  paddedOf: number[];
}

const pad8 = (n: number): number => Math.ceil(n / 8) * 8;

/** Builds the weight image: panels, dot-product vectors, embedding tables, the baseline row. */
class ImageWriter {
  private parts: Uint8Array[] = [];
  private bytes = 0;

  private push(part: Uint8Array): number {
    const at = this.bytes;
    this.parts.push(part);
    this.bytes += Math.ceil(part.length / 16) * 16;
    if (part.length % 16 !== 0) this.parts.push(new Uint8Array(Math.ceil(part.length / 16) * 16 - part.length));
    return at;
  }

  floats(values: ArrayLike<number>): number {
    return this.push(new Uint8Array(Float32Array.from(values).buffer));
  }

  /**
   * Packs a K x M matrix (`weight(k, m)`) with a bias per column into panels of 8 columns, each with the
   * range of rows that holds a non-zero weight (a zero weight adds nothing to a finite sum).
   */
  panels(K: number, M: number, weight: (k: number, m: number) => number, bias: (m: number) => number): { w: number; panels: number } {
    const count = Math.ceil(M / 8);
    const dense = new Float32Array(K * count * 8);
    for (let k = 0; k < K; k++) for (let m = 0; m < M; m++) dense[k * count * 8 + m] = weight(k, m);
    const pieces: Uint8Array[] = [];
    for (let p = 0; p < count; p++) {
      let k0 = K;
      let kn = 0;
      for (let k = 0; k < K; k++) {
        for (let c = 0; c < 8; c++) {
          if (dense[k * count * 8 + p * 8 + c] !== 0) {
            k0 = Math.min(k0, k);
            kn = k + 1;
          }
        }
      }
      if (kn === 0) k0 = 0;
      const buffer = new ArrayBuffer(48 + (kn - k0) * 32);
      const header = new Int32Array(buffer, 0, 4);
      header[0] = k0;
      header[1] = kn;
      const floats = new Float32Array(buffer, 16);
      for (let c = 0; c < 8; c++) floats[c] = p * 8 + c < M ? bias(p * 8 + c) : 0;
      for (let k = k0; k < kn; k++) for (let c = 0; c < 8; c++) floats[8 + (k - k0) * 8 + c] = dense[k * count * 8 + p * 8 + c]!;
      pieces.push(new Uint8Array(buffer));
    }
    const all = new Uint8Array(pieces.reduce((n, piece) => n + piece.length, 0));
    let at = 0;
    for (const piece of pieces) {
      all.set(piece, at);
      at += piece.length;
    }
    return { w: this.push(all), panels: count };
  }

  image(): Uint8Array {
    const out = new Uint8Array(this.bytes);
    let at = 0;
    for (const part of this.parts) {
      out.set(part, at);
      at += part.length;
    }
    return out;
  }
}

export function planDeepNetwork(state: DeepModelState): { plan: DeepPlan; image: Uint8Array } {
  const { architecture: arch, schema } = state;
  const layout = inputLayout(arch, schema);
  const weights = new Map<string, Float32Array>();
  for (const spec of parameterSpecs(arch, schema)) {
    const t = state.weights[spec.name];
    if (!t) throw new Error(`deep model: weight '${spec.name}' is missing`);
    const values = decodeFloat32(t.data);
    if (values.length !== sizeOf(spec.shape)) {
      throw new Error(`deep model: weight '${spec.name}' has ${values.length} values, expected ${sizeOf(spec.shape)}`);
    }
    weights.set(spec.name, values);
  }
  const w = (name: string): Float32Array => weights.get(name)!;
  const writer = new ImageWriter();
  const F = arch.conv.filters;
  const kernelSize = arch.conv.kernelSize;
  const padBefore = convPadBefore(kernelSize);
  const direct = layout.sequenceOffsets[0] ?? layout.width;
  const L = arch.hidden.length;

  // Padded input row: the direct block, then each sequence group at a multiple of 8.
  let xWidth = pad8(direct);
  const sequences = schema.sequences.map((s) => {
    const at = xWidth;
    xWidth += pad8(s.steps * s.channels);
    return { at, cells: s.steps * s.channels };
  });
  const xWidthFinal = Math.max(8, xWidth);
  const paddedOf = (canonical: number): number => {
    if (canonical < direct) return canonical;
    for (let g = schema.sequences.length - 1; g >= 0; g--) {
      const start = layout.sequenceOffsets[g]!;
      if (canonical >= start) return sequences[g]!.at + canonical - start;
    }
    throw new Error(`input position ${canonical} outside the layout`);
  };

  // Convolution outputs (steps x filters per group) side by side, each padded to 8; which row of the
  // first layer after them (the lean network's h0) each column feeds, and with which scale.
  let convWidth = 0;
  const convAt = schema.sequences.map((s) => {
    const at = convWidth;
    convWidth += pad8(s.steps * F);
    return at;
  });
  const convRow = new Int32Array(convWidth).fill(-1);
  const convScale = new Float32Array(convWidth);
  let pooled = direct;
  schema.sequences.forEach((s, g) => {
    for (let q = 0; q < s.steps * F; q++) {
      convRow[convAt[g]! + q] = pooled + (arch.conv.pooling === 'mean' ? q % F : q);
      convScale[convAt[g]! + q] = arch.conv.pooling === 'mean' ? 1 / s.steps : 1;
    }
    pooled += layout.pooledWidths[g]!;
  });
  const toeplitz = (g: number, cell: number, q: number): number => {
    const s = schema.sequences[g]!;
    const tIn = Math.floor(cell / s.channels);
    const c = cell % s.channels;
    const tOut = Math.floor(q / F);
    const j = tIn - tOut + padBefore;
    return j >= 0 && j < kernelSize ? w(`conv/${g}/kernel`)[(j * s.channels + c) * F + (q % F)]! : 0;
  };
  const wide = arch.wide ? w('wide/kernel') : null;
  const wideAt = (m: number): number => (wide ? wide[m]! : 0);

  const buffers: Record<string, number> = { x: xWidthFinal, logit: 8 };
  const hasSequences = schema.sequences.length > 0;
  if (hasSequences) {
    buffers.conv = convWidth;
    buffers.preconv = convWidth;
  }
  arch.hidden.forEach((units, l) => {
    buffers[`h${l}`] = pad8(units);
    buffers[`pre${l}`] = pad8(units);
  });
  const gemm = (
    K: number,
    M: number,
    weight: (k: number, m: number) => number,
    bias: (m: number) => number,
    op: Omit<GemmOp, 'op' | 'w' | 'panels'>,
  ): GemmOp => ({ op: 'gemm', ...writer.panels(K, M, weight, bias), ...op });
  const forward: PlanOp[] = [];
  const backward: PlanOp[] = [];

  schema.sequences.forEach((s, g) => {
    const bias = w(`conv/${g}/bias`);
    forward.push(
      gemm(
        s.steps * s.channels,
        s.steps * F,
        (cell, q) => toeplitz(g, cell, q),
        (q) => bias[q % F]!,
        { a: 'x', aAt: sequences[g]!.at, out: 'conv', outAt: convAt[g]!, mode: MODE.activate, pre: 'preconv', preAt: convAt[g]! },
      ),
    );
  });
  const convWeight = (matrix: Float32Array, units: number) => (k: number, m: number) =>
    convRow[k]! < 0 ? 0 : Math.fround(matrix[convRow[k]! * units + m]! * convScale[k]!);

  if (L > 0) {
    const units = arch.hidden[0]!;
    const W0 = w('hidden/0/kernel');
    const b0 = w('hidden/0/bias');
    const first = { out: 'h0', outAt: 0, pre: 'pre0', preAt: 0 };
    if (direct > 0)
      forward.push(
        gemm(
          direct,
          units,
          (k, m) => W0[k * units + m]!,
          (m) => (hasSequences ? 0 : b0[m]!),
          { ...first, a: 'x', aAt: 0, mode: hasSequences ? MODE.store : MODE.activate },
        ),
      );
    if (hasSequences)
      forward.push(
        gemm(convWidth, units, convWeight(W0, units), (m) => b0[m]!, {
          ...first,
          a: 'conv',
          aAt: 0,
          mode: direct > 0 ? MODE.accumulate | MODE.activate : MODE.activate,
        }),
      );
    for (let l = 1; l < L; l++) {
      const inputs = arch.hidden[l - 1]!;
      const outputs = arch.hidden[l]!;
      const W = w(`hidden/${l}/kernel`);
      const b = w(`hidden/${l}/bias`);
      forward.push(
        gemm(
          inputs,
          outputs,
          (k, m) => W[k * outputs + m]!,
          (m) => b[m]!,
          { a: `h${l - 1}`, aAt: 0, out: `h${l}`, outAt: 0, mode: MODE.activate, pre: `pre${l}`, preAt: 0 },
        ),
      );
    }
    const last = arch.hidden[L - 1]!;
    const outW = w('output/kernel');
    const padded = new Float32Array(pad8(last));
    padded.set(outW);
    forward.push({
      op: 'dots',
      a: `h${L - 1}`,
      aAt: 0,
      w: writer.floats(padded),
      k: padded.length,
      bias: w('output/bias')[0]!,
      accumulate: false,
    });
    if (wide) {
      const wideRow = new Float32Array(xWidthFinal);
      for (let m = 0; m < layout.width; m++) wideRow[paddedOf(m)] = wide[m]!;
      forward.push({ op: 'dots', a: 'x', aAt: 0, w: writer.floats(wideRow), k: xWidthFinal, bias: 0, accumulate: true });
    }

    // Backward: d logit / d (last hidden pre-activation) = output weight x act'(pre), then down the layers.
    backward.push(
      gemm(
        0,
        last,
        () => 0,
        (m) => outW[m]!,
        {
          a: 'x',
          aAt: 0,
          out: `h${L - 1}`,
          outAt: 0,
          mode: MODE.activationGradient,
          pre: `pre${L - 1}`,
          preAt: 0,
        },
      ),
    );
    for (let l = L - 1; l >= 1; l--) {
      const inputs = arch.hidden[l - 1]!;
      const outputs = arch.hidden[l]!;
      const W = w(`hidden/${l}/kernel`);
      backward.push(
        gemm(
          outputs,
          inputs,
          (k, m) => W[m * outputs + k]!,
          () => 0,
          { a: `h${l}`, aAt: 0, out: `h${l - 1}`, outAt: 0, mode: MODE.activationGradient, pre: `pre${l - 1}`, preAt: 0 },
        ),
      );
    }
    if (direct > 0)
      backward.push(
        gemm(units, direct, (k, m) => W0[m * units + k]!, wideAt, {
          a: 'h0',
          aAt: 0,
          out: 'x',
          outAt: 0,
          mode: MODE.store,
          pre: null,
          preAt: 0,
        }),
      );
    if (hasSequences) {
      const forwardWeight = convWeight(W0, units);
      backward.push(
        gemm(
          units,
          convWidth,
          (k, m) => forwardWeight(m, k),
          () => 0,
          { a: 'h0', aAt: 0, out: 'conv', outAt: 0, mode: MODE.activationGradient, pre: 'preconv', preAt: 0 },
        ),
      );
    }
  } else {
    // No hidden layer: the logit reads the direct block and the convolution outputs itself.
    const outW = w('output/kernel');
    const xRow = new Float32Array(xWidthFinal);
    for (let m = 0; m < layout.width; m++) xRow[paddedOf(m)] = wideAt(m) + (m < direct ? outW[m]! : 0);
    forward.push({ op: 'dots', a: 'x', aAt: 0, w: writer.floats(xRow), k: xWidthFinal, bias: w('output/bias')[0]!, accumulate: false });
    const convOut = Float32Array.from({ length: convWidth }, (_, k) =>
      convRow[k]! < 0 ? 0 : Math.fround(outW[convRow[k]!]! * convScale[k]!),
    );
    if (hasSequences) forward.push({ op: 'dots', a: 'conv', aAt: 0, w: writer.floats(convOut), k: convWidth, bias: 0, accumulate: true });
    if (direct > 0)
      backward.push(
        gemm(
          0,
          direct,
          () => 0,
          (m) => outW[m]! + wideAt(m),
          { a: 'x', aAt: 0, out: 'x', outAt: 0, mode: MODE.store, pre: null, preAt: 0 },
        ),
      );
    if (hasSequences)
      backward.push(
        gemm(
          0,
          convWidth,
          () => 0,
          (m) => convOut[m]!,
          {
            a: 'x',
            aAt: 0,
            out: 'conv',
            outAt: 0,
            mode: MODE.activationGradient,
            pre: 'preconv',
            preAt: 0,
          },
        ),
      );
  }
  // Through each convolution back to its sequence cells, plus the wide term there.
  schema.sequences.forEach((s, g) => {
    const canonical = layout.sequenceOffsets[g]!;
    backward.push(
      gemm(
        s.steps * F,
        s.steps * s.channels,
        (q, cell) => toeplitz(g, cell, q),
        (cell) => wideAt(canonical + cell),
        { a: 'conv', aAt: convAt[g]!, out: 'x', outAt: sequences[g]!.at, mode: MODE.store, pre: null, preAt: 0 },
      ),
    );
  });

  const embeddingTables = schema.categorical.map((_, i) => w(`embedding/${i}`));
  const embeddings = schema.categorical.map((c, i) => ({
    at: layout.embeddingOffsets[i]!,
    dim: arch.embeddingDims[i]!,
    cardinality: c.cardinality,
    tableAt: writer.floats(embeddingTables[i]!),
  }));
  const baseline = baselineInput(schema, arch, layout, embeddingTables);
  const baselineRow = new Float32Array(xWidthFinal);
  for (let m = 0; m < layout.width; m++) baselineRow[paddedOf(m)] = baseline[m]!;
  const { features, featureOf } = featureMap(schema, arch, layout);
  const paddedFeatureOf = new Array<number>(xWidthFinal).fill(-1);
  for (let m = 0; m < layout.width; m++) paddedFeatureOf[paddedOf(m)] = featureOf[m]!;
  const plan: DeepPlan = {
    activation: ACTIVATION_KIND[arch.activation],
    xWidth: xWidthFinal,
    denseDim: layout.denseDim,
    embeddings,
    sequences,
    buffers,
    forward,
    backward,
    baselineAt: writer.floats(baselineRow),
    features,
    featureOf: paddedFeatureOf,
    paddedOf: Array.from({ length: layout.width }, (_, m) => paddedOf(m)),
  };
  return { plan, image: writer.image() };
}
