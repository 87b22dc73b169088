// One thread's share of the batched deep scorer: runs the plan's programs over rows of the shared
// input block and writes logits and explanations into the shared output block. The main thread and
// each worker thread own one runner, each with its own scratch buffers in the same memory.
import { gaussLegendreUnit } from '../gauss-legendre.ts';
import type { WasmMemory } from '../../util/wasm/wasm-api.ts';
import { MODE, type DeepPlan, type PlanOp } from './batch-plan.ts';

export interface DeepKernelExports {
  gemm(
    a: number,
    lda: number,
    rows: number,
    w: number,
    panels: number,
    out: number,
    ldo: number,
    mode: number,
    kind: number,
    pre: number,
    ldp: number,
  ): void;
  dots(a: number, lda: number, rows: number, w: number, k: number, bias: number, out: number, accumulate: number): void;
  interpolate(x: number, ld: number, rows: number, base: number, alphas: number, nodes: number, out: number): void;
  pathSum(g: number, ld: number, rows: number, weights: number, nodes: number, out: number, accumulate: number): void;
  activate(x: number, n: number, out: number, kind: number, derivative: number): void;
}

export interface ExplainSettings {
  /** Completeness gap to reach, in log-odds. */
  tolerance: number;
  /** First number of Gauss-Legendre nodes; doubled for the rows above the tolerance. */
  minSteps: number;
  maxSteps: number;
}

/** Byte offsets of everything in the shared memory (the same numbers on every thread). */
export interface DeepMemoryLayout {
  weightsAt: number;
  batchSize: number;
  /**
   * Input and output blocks, `slots` of them (two: one batch is encoded and read back while the
   * worker threads run the other): slot s's blocks are the offsets below plus s * slotBytes.
   */
  slots: number;
  slotBytes: number;
  /** Input rows: batchSize x plan.xWidth float32. */
  inputAt: number;
  /** Outputs per input row: logit (f64), attributions (features f64), gap (f64), steps (i32). */
  logitAt: number;
  attributionAt: number;
  gapAt: number;
  stepsAt: number;
  /** Scratch of thread t at scratchAt + t * scratchBytes, for `points` points at a time. */
  scratchAt: number;
  scratchBytes: number;
  points: number;
  bytes: number;
}

const align16 = (n: number): number => Math.ceil(n / 16) * 16;

/** Bytes of one thread's scratch: every plan buffer for `points` points, quadrature tables, path sums. */
export function scratchBytesFor(plan: DeepPlan, points: number, maxSteps: number): number {
  let bytes = 0;
  for (const width of Object.values(plan.buffers)) bytes += align16(points * width * 4);
  return bytes + align16(maxSteps * 4) * 2 + align16(points * plan.xWidth * 4);
}

/** Scratch for `threads` threads and `slots` slots of input and output blocks. */
export function memoryLayout(
  plan: DeepPlan,
  imageBytes: number,
  options: { batchSize: number; threads: number; slots: number; points: number; maxSteps: number },
): DeepMemoryLayout {
  const { batchSize, threads, slots, points, maxSteps } = options;
  // The first 16 bytes stay unused: offset 0 means "no buffer" to the kernels.
  let at = 16;
  const take = (bytes: number): number => {
    const start = at;
    at = align16(at + bytes);
    return start;
  };
  const weightsAt = take(imageBytes);
  const slotStart = at;
  const inputAt = take(batchSize * plan.xWidth * 4);
  const logitAt = take(batchSize * 8);
  const attributionAt = take(batchSize * plan.features.length * 8);
  const gapAt = take(batchSize * 8);
  const stepsAt = take(batchSize * 4);
  const slotBytes = at - slotStart;
  at = slotStart + slots * slotBytes;
  const scratchBytes = scratchBytesFor(plan, points, maxSteps);
  const scratchAt = take(scratchBytes * threads);
  return {
    weightsAt,
    batchSize,
    slots,
    slotBytes,
    inputAt,
    logitAt,
    attributionAt,
    gapAt,
    stepsAt,
    scratchAt,
    scratchBytes,
    points,
    bytes: at,
  };
}

/** Typed-array views of one slot's blocks. */
export function slotViews(memory: WasmMemory, plan: DeepPlan, layout: DeepMemoryLayout, slot: number) {
  const shift = slot * layout.slotBytes;
  const n = layout.batchSize;
  return {
    inputAt: layout.inputAt + shift,
    input: new Float32Array(memory.buffer, layout.inputAt + shift, n * plan.xWidth),
    logit: new Float64Array(memory.buffer, layout.logitAt + shift, n),
    attributions: new Float64Array(memory.buffer, layout.attributionAt + shift, n * plan.features.length),
    gap: new Float64Array(memory.buffer, layout.gapAt + shift, n),
    steps: new Int32Array(memory.buffer, layout.stepsAt + shift, n),
  };
}

export type SlotViews = ReturnType<typeof slotViews>;

export class DeepRunner {
  private readonly bufferAt: Record<string, number> = {};
  private readonly nodesAt: number;
  private readonly nodeWeightsAt: number;
  private readonly pathAt: number;
  private quadratureNodes = 0;
  private readonly slotCache: SlotViews[] = [];
  private readonly base: Float32Array;
  private readonly path: Float32Array;
  /** The baseline's logit through the same kernels (the completeness check compares like with like). */
  readonly baselineLogit: number;

  constructor(
    private readonly exports: DeepKernelExports,
    private readonly memory: WasmMemory,
    private readonly plan: DeepPlan,
    private readonly layout: DeepMemoryLayout,
    thread: number,
    private readonly settings: ExplainSettings,
  ) {
    let at = layout.scratchAt + thread * layout.scratchBytes;
    for (const [name, width] of Object.entries(plan.buffers)) {
      this.bufferAt[name] = at;
      at += align16(layout.points * width * 4);
    }
    this.nodesAt = at;
    this.nodeWeightsAt = at + align16(settings.maxSteps * 4);
    this.pathAt = this.nodeWeightsAt + align16(settings.maxSteps * 4);
    this.base = new Float32Array(memory.buffer, layout.weightsAt + plan.baselineAt, plan.xWidth);
    this.path = new Float32Array(memory.buffer, this.pathAt, layout.points * plan.xWidth);
    this.run(plan.forward, layout.weightsAt + plan.baselineAt, 1, false);
    this.baselineLogit = new Float32Array(memory.buffer, this.bufferAt.logit, 1)[0]!;
  }

  private address(buffer: string, xAt: number): number {
    return buffer === 'x' ? xAt : this.bufferAt[buffer]!;
  }

  /** Runs a program over `rows` points whose inputs start at byte xAt (stride plan.xWidth). */
  private run(ops: PlanOp[], xAt: number, rows: number, keepPre: boolean): void {
    const { exports, plan, layout } = this;
    const logitAt = this.bufferAt.logit!;
    for (const op of ops) {
      const a = this.address(op.a, xAt) + op.aAt * 4;
      const lda = plan.buffers[op.a]!;
      if (op.op === 'dots') {
        exports.dots(a, lda, rows, layout.weightsAt + op.w, op.k, op.bias, logitAt, op.accumulate ? 1 : 0);
        continue;
      }
      const wantPre = op.pre !== null && (keepPre || (op.mode & MODE.activationGradient) !== 0);
      const pre = wantPre ? this.bufferAt[op.pre!]! + op.preAt * 4 : 0;
      exports.gemm(
        a,
        lda,
        rows,
        layout.weightsAt + op.w,
        op.panels,
        this.address(op.out, xAt) + op.outAt * 4,
        plan.buffers[op.out]!,
        op.mode,
        plan.activation,
        pre,
        op.pre === null ? 0 : plan.buffers[op.pre]!,
      );
    }
  }

  /** The views of each slot, made once (the memory never grows, so they stay valid). */
  private slot(slot: number): SlotViews {
    this.slotCache[slot] ??= slotViews(this.memory, this.plan, this.layout, slot);
    return this.slotCache[slot];
  }

  /** Logits of input rows [start, end) of a slot into its output block. */
  score(slot: number, start: number, end: number): void {
    const { layout, plan } = this;
    const { inputAt, logit } = this.slot(slot);
    const computed = new Float32Array(this.memory.buffer, this.bufferAt.logit, layout.points);
    for (let from = start; from < end; from += layout.points) {
      const rows = Math.min(layout.points, end - from);
      this.run(plan.forward, inputAt + from * plan.xWidth * 4, rows, false);
      for (let r = 0; r < rows; r++) logit[from + r] = computed[r]!;
    }
  }

  /** d logit / d x at input row `row` of slot 0 (padded layout); for the tests of the backward pass. */
  gradient(row: number): Float32Array {
    const { plan, memory } = this;
    const xAt = this.bufferAt.x!;
    const width = plan.xWidth;
    new Float32Array(memory.buffer, xAt, width).set(this.slot(0).input.subarray(row * width, (row + 1) * width));
    this.run(plan.forward, xAt, 1, true);
    this.run(plan.backward, xAt, 1, false);
    return new Float32Array(memory.buffer, xAt, width).slice();
  }

  private useQuadrature(nodes: number): void {
    if (this.quadratureNodes === nodes) return;
    const q = gaussLegendreUnit(nodes);
    new Float32Array(this.memory.buffer, this.nodesAt, nodes).set(q.nodes);
    new Float32Array(this.memory.buffer, this.nodeWeightsAt, nodes).set(q.weights);
    this.quadratureNodes = nodes;
  }

  /**
   * Integrated Gradients of input rows [start, end) of a slot: all quadrature points of a group of
   * rows go through the network in one forward and one backward pass; rows whose completeness gap is
   * still above the tolerance are done again with twice the nodes. Writes logits, attributions per
   * feature, gaps and node counts into the slot's output block.
   */
  explain(slot: number, start: number, end: number, tolerance = this.settings.tolerance): void {
    this.score(slot, start, end);
    const { layout, settings } = this;
    const views = this.slot(slot);
    let pending = Array.from({ length: end - start }, (_, i) => start + i);
    for (let nodes = settings.minSteps; pending.length > 0; nodes *= 2) {
      const last = nodes * 2 > settings.maxSteps;
      const next: number[] = [];
      const group = Math.max(1, Math.floor(layout.points / nodes));
      for (let i = 0; i < pending.length; i += group) {
        const rows = pending.slice(i, i + group);
        this.pathIntegral(views.inputAt, rows, nodes);
        for (let k = 0; k < rows.length; k++) if (!this.attribute(views, rows[k]!, k, nodes, last, tolerance)) next.push(rows[k]!);
      }
      pending = next;
    }
  }

  /** Sum over the quadrature nodes of weight x gradient, per row of `rows`, into the path block. */
  private pathIntegral(inputAt: number, rows: number[], nodes: number): void {
    const { exports, layout, plan } = this;
    const xBytes = plan.xWidth * 4;
    const xAt = this.bufferAt.x!;
    const baseAt = layout.weightsAt + plan.baselineAt;
    this.useQuadrature(nodes);
    if (rows.length * nodes <= layout.points) {
      rows.forEach((row, k) =>
        exports.interpolate(inputAt + row * xBytes, plan.xWidth, 1, baseAt, this.nodesAt, nodes, xAt + k * nodes * xBytes),
      );
      const points = rows.length * nodes;
      this.run(plan.forward, xAt, points, true);
      this.run(plan.backward, xAt, points, false);
      exports.pathSum(xAt, plan.xWidth, rows.length, this.nodeWeightsAt, nodes, this.pathAt, 0);
      return;
    }
    // More nodes than scratch points: one row, its nodes in slices.
    const row = rows[0]!;
    for (let from = 0; from < nodes; from += layout.points) {
      const count = Math.min(layout.points, nodes - from);
      exports.interpolate(inputAt + row * xBytes, plan.xWidth, 1, baseAt, this.nodesAt + from * 4, count, xAt);
      this.run(plan.forward, xAt, count, true);
      this.run(plan.backward, xAt, count, false);
      exports.pathSum(xAt, plan.xWidth, 1, this.nodeWeightsAt + from * 4, count, this.pathAt, from > 0 ? 1 : 0);
    }
  }

  /** Attributions of one row from row k of the path block; false when the gap is above tolerance and more nodes may help. */
  private attribute(views: SlotViews, row: number, k: number, nodes: number, last: boolean, tolerance: number): boolean {
    const { plan } = this;
    const width = plan.xWidth;
    const featureCount = plan.features.length;
    const { input, attributions } = views;
    const { base, path } = this;
    const x = row * width;
    const p = k * width;
    const a = row * featureCount;
    attributions.fill(0, a, a + featureCount);
    let total = 0;
    for (let j = 0; j < width; j++) {
      const feature = plan.featureOf[j]!;
      if (feature < 0) continue;
      const value = (input[x + j]! - base[j]!) * path[p + j]!;
      attributions[a + feature]! += value;
      total += value;
    }
    const gap = Math.abs(total - (views.logit[row]! - this.baselineLogit));
    if (gap > tolerance && !last) return false;
    views.gap[row] = gap;
    views.steps[row] = nodes;
    return true;
  }
}
