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
  /** Input rows: batchSize x plan.xWidth float32. */
  inputAt: number;
  batchSize: number;
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

export function memoryLayout(
  plan: DeepPlan,
  imageBytes: number,
  batchSize: number,
  threads: number,
  points: number,
  maxSteps: number,
): DeepMemoryLayout {
  // The first 16 bytes stay unused: offset 0 means "no buffer" to the kernels.
  let at = 16;
  const take = (bytes: number): number => {
    const start = at;
    at = align16(at + bytes);
    return start;
  };
  const weightsAt = take(imageBytes);
  const inputAt = take(batchSize * plan.xWidth * 4);
  const logitAt = take(batchSize * 8);
  const attributionAt = take(batchSize * plan.features.length * 8);
  const gapAt = take(batchSize * 8);
  const stepsAt = take(batchSize * 4);
  const scratchBytes = scratchBytesFor(plan, points, maxSteps);
  const scratchAt = take(scratchBytes * threads);
  return { weightsAt, inputAt, batchSize, logitAt, attributionAt, gapAt, stepsAt, scratchAt, scratchBytes, points, bytes: at };
}

export class DeepRunner {
  private readonly bufferAt: Record<string, number> = {};
  private readonly alphasAt: number;
  private readonly weightsAt: number;
  private readonly pathAt: number;
  private quadratureNodes = 0;
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
    this.alphasAt = at;
    this.weightsAt = at + align16(settings.maxSteps * 4);
    this.pathAt = this.weightsAt + align16(settings.maxSteps * 4);
    this.run(plan.forward, layout.weightsAt + plan.baselineAt, 1, false);
    this.baselineLogit = new Float32Array(memory.buffer, this.bufferAt.logit!, 1)[0]!;
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

  /** Logits of input rows [start, end) into the output block. */
  score(start: number, end: number): void {
    const { layout, plan } = this;
    const logits = new Float64Array(this.memory.buffer, layout.logitAt, layout.batchSize);
    const computed = new Float32Array(this.memory.buffer, this.bufferAt.logit!, layout.points);
    for (let from = start; from < end; from += layout.points) {
      const rows = Math.min(layout.points, end - from);
      this.run(plan.forward, layout.inputAt + from * plan.xWidth * 4, rows, false);
      for (let r = 0; r < rows; r++) logits[from + r] = computed[r]!;
    }
  }

  /** d logit / d x at input row `row` (padded layout); for the tests of the backward pass. */
  gradient(row: number): Float32Array {
    const { plan, layout, memory } = this;
    const xAt = this.bufferAt.x!;
    const width = plan.xWidth;
    new Float32Array(memory.buffer, xAt, width).set(new Float32Array(memory.buffer, layout.inputAt + row * width * 4, width));
    this.run(plan.forward, xAt, 1, true);
    this.run(plan.backward, xAt, 1, false);
    return new Float32Array(memory.buffer, xAt, width).slice();
  }

  private useQuadrature(nodes: number): void {
    if (this.quadratureNodes === nodes) return;
    const q = gaussLegendreUnit(nodes);
    new Float32Array(this.memory.buffer, this.alphasAt, nodes).set(q.nodes);
    new Float32Array(this.memory.buffer, this.weightsAt, nodes).set(q.weights);
    this.quadratureNodes = nodes;
  }

  /**
   * Integrated Gradients of input rows [start, end): all quadrature points of a group of rows go
   * through the network in one forward and one backward pass; rows whose completeness gap is still
   * above the tolerance are done again with twice the nodes. Writes logits, attributions per
   * feature, gaps and node counts into the output block.
   */
  explain(start: number, end: number): void {
    this.score(start, end);
    const { layout, plan, settings } = this;
    let pending = Array.from({ length: end - start }, (_, i) => start + i);
    for (let nodes = settings.minSteps; pending.length > 0; nodes *= 2) {
      const last = nodes * 2 > settings.maxSteps;
      const next: number[] = [];
      const group = Math.max(1, Math.floor(layout.points / nodes));
      for (let i = 0; i < pending.length; i += group) {
        const rows = pending.slice(i, i + group);
        this.pathIntegral(rows, nodes);
        for (let k = 0; k < rows.length; k++) if (!this.attribute(rows[k]!, k, nodes, last)) next.push(rows[k]!);
      }
      pending = next;
    }
  }

  /** Sum over the quadrature nodes of weight x gradient, per row of `rows`, into the path block. */
  private pathIntegral(rows: number[], nodes: number): void {
    const { exports, layout, plan } = this;
    const xBytes = plan.xWidth * 4;
    const xAt = this.bufferAt.x!;
    const baseAt = layout.weightsAt + plan.baselineAt;
    this.useQuadrature(nodes);
    if (rows.length * nodes <= layout.points) {
      rows.forEach((row, k) =>
        exports.interpolate(layout.inputAt + row * xBytes, plan.xWidth, 1, baseAt, this.alphasAt, nodes, xAt + k * nodes * xBytes),
      );
      const points = rows.length * nodes;
      this.run(plan.forward, xAt, points, true);
      this.run(plan.backward, xAt, points, false);
      exports.pathSum(xAt, plan.xWidth, rows.length, this.weightsAt, nodes, this.pathAt, 0);
      return;
    }
    // More nodes than scratch points: one row, its nodes in slices.
    const row = rows[0]!;
    for (let from = 0; from < nodes; from += layout.points) {
      const count = Math.min(layout.points, nodes - from);
      exports.interpolate(layout.inputAt + row * xBytes, plan.xWidth, 1, baseAt, this.alphasAt + from * 4, count, xAt);
      this.run(plan.forward, xAt, count, true);
      this.run(plan.backward, xAt, count, false);
      exports.pathSum(xAt, plan.xWidth, 1, this.weightsAt + from * 4, count, this.pathAt, from > 0 ? 1 : 0);
    }
  }

  /** Attributions of one row from its path sum (slot k); false when the gap is above tolerance and more nodes may help. */
  private attribute(row: number, k: number, nodes: number, last: boolean): boolean {
    const { layout, plan, memory } = this;
    const width = plan.xWidth;
    const featureCount = plan.features.length;
    const x = new Float32Array(memory.buffer, layout.inputAt + row * width * 4, width);
    const base = new Float32Array(memory.buffer, layout.weightsAt + plan.baselineAt, width);
    const path = new Float32Array(memory.buffer, this.pathAt + k * width * 4, width);
    const attributions = new Float64Array(memory.buffer, layout.attributionAt + row * featureCount * 8, featureCount);
    attributions.fill(0);
    let total = 0;
    for (let j = 0; j < width; j++) {
      const feature = plan.featureOf[j]!;
      if (feature < 0) continue;
      const a = (x[j]! - base[j]!) * path[j]!;
      attributions[feature]! += a;
      total += a;
    }
    const logit = new Float64Array(memory.buffer, layout.logitAt, layout.batchSize)[row]!;
    const gap = Math.abs(total - (logit - this.baselineLogit));
    if (gap > this.settings.tolerance && !last) return false;
    new Float64Array(memory.buffer, layout.gapAt, layout.batchSize)[row] = gap;
    new Int32Array(memory.buffer, layout.stepsAt, layout.batchSize)[row] = nodes;
    return true;
  }
}
