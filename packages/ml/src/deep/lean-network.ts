// The deep network in plain typed-array maths: forward pass to the logit and the hand-written
// backward pass to the gradient of the logit with respect to the flat input vector
// x = [dense | embedding vectors | sequence cells]. No tfjs anywhere in this import graph.
import { activation, type ActivationPair } from './activations.ts';
import { convPadBefore, inputLayout, parameterSpecs, sizeOf, type InputLayout } from './architecture.ts';
import { decodeFloat32 } from './base64.ts';
import { assertDeepRow } from './dataset-check.ts';
import { rankGaussValue } from './input-transform.ts';
import type { DeepArchitecture, DeepDataset, DeepInputTransform, DeepModelState, DeepRow, DeepSchema } from './types.ts';

interface Dense {
  w: Float64Array; // [inputs, units] row-major, for the backward pass
  wT: Float64Array; // [units, inputs]: the forward pass runs contiguous dot products
  b: Float64Array;
  inputs: number;
  units: number;
}

interface Conv {
  w: Float64Array; // [kernelSize * channels, filters]
  b: Float64Array;
  steps: number;
  channels: number;
}

/** Intermediate values of one forward pass, kept for the backward pass. */
export interface Workspace {
  h0: Float64Array;
  convPre: Float64Array[]; // per group, steps x filters
  pre: Float64Array[]; // per hidden layer, before activation
  post: Float64Array[]; // per hidden layer, after activation
  grads: Float64Array[]; // scratch per layer width
  convGrad: Float64Array[];
}

export class LeanDeepNetwork {
  readonly arch: DeepArchitecture;
  readonly schema: DeepSchema;
  readonly layout: InputLayout;
  private readonly inputTransform: DeepInputTransform | null;
  private readonly act: ActivationPair;
  /** Embedding tables (cardinality x dim, row-major), per categorical feature. */
  readonly embeddingTables: Float64Array[];
  private readonly convs: Conv[];
  private readonly hidden: Dense[];
  private readonly output: Dense;
  private readonly wide: Float64Array | null;
  private readonly padBefore: number;
  /** End of the dense and embedding part of x (they sit at the same offsets in x and h0). */
  private readonly directWidth: number;

  constructor(state: DeepModelState) {
    this.inputTransform = state.inputTransform ?? null;
    this.arch = state.architecture;
    this.schema = state.schema;
    this.layout = inputLayout(this.arch, this.schema);
    this.act = activation(this.arch.activation);
    this.padBefore = convPadBefore(this.arch.conv.kernelSize);
    const w = new Map<string, Float64Array>();
    for (const spec of parameterSpecs(this.arch, this.schema)) {
      const t = state.weights[spec.name];
      if (!t) throw new Error(`deep model: weight '${spec.name}' is missing`);
      const values = decodeFloat32(t.data);
      if (values.length !== sizeOf(spec.shape)) {
        throw new Error(`deep model: weight '${spec.name}' has ${values.length} values, expected ${sizeOf(spec.shape)}`);
      }
      w.set(spec.name, Float64Array.from(values));
    }
    const get = (name: string): Float64Array => w.get(name)!;
    this.embeddingTables = this.schema.categorical.map((_, i) => get(`embedding/${i}`));
    this.convs = this.schema.sequences.map((s, g) => ({
      w: get(`conv/${g}/kernel`),
      b: get(`conv/${g}/bias`),
      steps: s.steps,
      channels: s.channels,
    }));
    let width = this.layout.mlpInputWidth;
    this.hidden = this.arch.hidden.map((units, l) => {
      const w = get(`hidden/${l}/kernel`);
      const layer = { w, wT: transpose(w, width, units), b: get(`hidden/${l}/bias`), inputs: width, units };
      width = units;
      return layer;
    });
    this.output = { w: get('output/kernel'), wT: get('output/kernel'), b: get('output/bias'), inputs: width, units: 1 };
    this.wide = this.arch.wide ? get('wide/kernel') : null;
    this.directWidth = this.layout.sequenceOffsets[0] ?? this.layout.width;
  }

  createWorkspace(): Workspace {
    const f = this.arch.conv.filters;
    return {
      h0: new Float64Array(this.layout.mlpInputWidth),
      convPre: this.convs.map((c) => new Float64Array(c.steps * f)),
      pre: this.hidden.map((l) => new Float64Array(l.units)),
      post: this.hidden.map((l) => new Float64Array(l.units)),
      grads: [new Float64Array(this.layout.mlpInputWidth), ...this.hidden.map((l) => new Float64Array(l.units))],
      convGrad: this.convs.map((c) => new Float64Array(c.steps * f)),
    };
  }

  /** Embedding vector of one level (a view into the weights). */
  embedding(i: number, code: number): Float64Array {
    const dim = this.arch.embeddingDims[i]!;
    return this.embeddingTables[i]!.subarray(code * dim, (code + 1) * dim);
  }

  /** Dense input j as the network sees it: through the model's input transform, in float32 as training had it. */
  private denseInput(j: number, value: number): number {
    const t = this.inputTransform;
    return t ? Math.fround(rankGaussValue(t.knots[j]!, t.scores[j]!, value)) : value;
  }

  /** Writes row `row` of a dataset into x (length layout.width). */
  fillFromDataset(x: Float64Array, ds: DeepDataset, row: number): void {
    const d = this.layout.denseDim;
    for (let j = 0; j < d; j++) x[j] = this.denseInput(j, ds.dense[row * d + j]!);
    ds.categorical.forEach((c, i) => x.set(this.embedding(i, c.codes[row]!), this.layout.embeddingOffsets[i]));
    ds.sequences.forEach((s, g) => {
      const cells = s.steps * s.channels;
      x.set(s.values.subarray(row * cells, (row + 1) * cells), this.layout.sequenceOffsets[g]);
    });
  }

  /** Writes a single row into x, checking its shape and codes. */
  fillFromRow(x: Float64Array, row: DeepRow): void {
    assertDeepRow(row, this.schema);
    const d = this.layout.denseDim;
    for (let j = 0; j < d; j++) x[j] = this.denseInput(j, row.dense[j]!);
    this.schema.categorical.forEach((_, i) => x.set(this.embedding(i, row.categorical[i]!), this.layout.embeddingOffsets[i]));
    this.schema.sequences.forEach((s, g) => {
      const values = row.sequences[g]!;
      const at = this.layout.sequenceOffsets[g]!;
      for (let k = 0; k < s.steps * s.channels; k++) x[at + k] = values[k]!;
    });
  }

  /** The logit at input x; intermediate values stay in ws for `backward`. */
  forward(x: Float64Array, ws: Workspace): number {
    const { act, layout, arch } = this;
    const h0 = ws.h0;
    for (let j = 0; j < this.directWidth; j++) h0[j] = x[j]!;
    let at = this.directWidth;
    const filters = arch.conv.filters;
    const k = arch.conv.kernelSize;
    this.convs.forEach((conv, g) => {
      const xs = layout.sequenceOffsets[g]!;
      const pre = ws.convPre[g]!;
      const { steps, channels } = conv;
      for (let t = 0; t < steps; t++) {
        for (let f = 0; f < filters; f++) pre[t * filters + f] = conv.b[f]!;
        for (let j = 0; j < k; j++) {
          const src = t + j - this.padBefore;
          if (src < 0 || src >= steps) continue;
          for (let c = 0; c < channels; c++) {
            const v = x[xs + src * channels + c]!;
            const row = (j * channels + c) * filters;
            for (let f = 0; f < filters; f++) pre[t * filters + f]! += v * conv.w[row + f]!;
          }
        }
      }
      if (arch.conv.pooling === 'mean') {
        for (let f = 0; f < filters; f++) {
          let sum = 0;
          for (let t = 0; t < steps; t++) sum += act.f(pre[t * filters + f]!);
          h0[at + f] = sum / steps;
        }
        at += filters;
      } else {
        for (let i = 0; i < steps * filters; i++) h0[at + i] = act.f(pre[i]!);
        at += steps * filters;
      }
    });
    let input = h0;
    this.hidden.forEach((layer, l) => {
      const pre = ws.pre[l]!;
      const post = ws.post[l]!;
      denseForward(layer, input, pre);
      for (let u = 0; u < layer.units; u++) post[u] = act.f(pre[u]!);
      input = post;
    });
    let logit = this.output.b[0]!;
    for (let i = 0; i < this.output.inputs; i++) logit += input[i]! * this.output.w[i]!;
    if (this.wide) {
      for (let i = 0; i < layout.width; i++) logit += x[i]! * this.wide[i]!;
    }
    return logit;
  }

  /** Gradient of the logit w.r.t. x at the point of the last `forward(x, ws)`, written into gx. */
  backward(ws: Workspace, gx: Float64Array): void {
    const { act, layout, arch } = this;
    const L = this.hidden.length;
    // Gradient w.r.t. the last hidden activations (or h0 when there are no hidden layers).
    let g = ws.grads[L]!;
    for (let i = 0; i < this.output.inputs; i++) g[i] = this.output.w[i]!;
    for (let l = L - 1; l >= 0; l--) {
      const layer = this.hidden[l]!;
      const pre = ws.pre[l]!;
      const gPre = g; // reuse: g becomes the gradient w.r.t. the pre-activation
      for (let u = 0; u < layer.units; u++) gPre[u] = g[u]! * act.df(pre[u]!);
      const gIn = ws.grads[l]!;
      for (let i = 0; i < layer.inputs; i++) {
        let sum = 0;
        const row = i * layer.units;
        for (let u = 0; u < layer.units; u++) sum += layer.w[row + u]! * gPre[u]!;
        gIn[i] = sum;
      }
      g = gIn;
    }
    for (let j = 0; j < this.directWidth; j++) gx[j] = g[j]!;
    let at = this.directWidth;
    const filters = arch.conv.filters;
    const k = arch.conv.kernelSize;
    this.convs.forEach((conv, gi) => {
      const xs = layout.sequenceOffsets[gi]!;
      const pre = ws.convPre[gi]!;
      const gPre = ws.convGrad[gi]!;
      const { steps, channels } = conv;
      if (arch.conv.pooling === 'mean') {
        for (let t = 0; t < steps; t++) {
          for (let f = 0; f < filters; f++) gPre[t * filters + f] = (g[at + f]! / steps) * act.df(pre[t * filters + f]!);
        }
        at += filters;
      } else {
        for (let i = 0; i < steps * filters; i++) gPre[i] = g[at + i]! * act.df(pre[i]!);
        at += steps * filters;
      }
      for (let i = 0; i < steps * channels; i++) gx[xs + i] = 0;
      for (let t = 0; t < steps; t++) {
        for (let j = 0; j < k; j++) {
          const src = t + j - this.padBefore;
          if (src < 0 || src >= steps) continue;
          for (let c = 0; c < channels; c++) {
            const row = (j * channels + c) * filters;
            let sum = 0;
            for (let f = 0; f < filters; f++) sum += conv.w[row + f]! * gPre[t * filters + f]!;
            gx[xs + src * channels + c]! += sum;
          }
        }
      }
    });
    if (this.wide) {
      for (let i = 0; i < layout.width; i++) gx[i]! += this.wide[i]!;
    }
  }
}

function denseForward(layer: Dense, input: Float64Array, out: Float64Array): void {
  const { wT, b, inputs, units } = layer;
  for (let u = 0; u < units; u++) {
    let sum = b[u]!;
    const row = u * inputs;
    for (let i = 0; i < inputs; i++) sum += input[i]! * wT[row + i]!;
    out[u] = sum;
  }
}

function transpose(w: Float64Array, rows: number, cols: number): Float64Array {
  const t = new Float64Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c]!;
  return t;
}
