/**
 * Scoring in WebAssembly (wasm/kernels.wat): the ensemble as 16-byte nodes in the module's memory and
 * four rows walking each tree together, so their loads overlap instead of waiting on one another
 * (about twice the rows per second of the JavaScript walk, whose each step waits on the last). Rows
 * are copied in a chunk at a time; the same comparisons and the same order of additions as
 * ensembleLogitsJs, so the log-odds are the same bits.
 */
import { wasmApi, type WasmModule } from '../util/wasm/wasm-api.ts';
import type { FlatEnsemble } from './ensemble.ts';
import { TREES_KERNELS_WASM_BASE64 } from './wasm/kernels-binary.ts';

/** Rows copied into the module per call (32 features: 1 MiB). */
const CHUNK = 4096;
const PAGE = 65536;

let compiled: WasmModule | null = null;

type ScoreKernel = (
  rows: number,
  F: number,
  vals: number,
  nodes: number,
  leaves: number,
  roots: number,
  trees: number,
  out: number,
) => void;

export class WasmTreeScorer {
  private readonly score: ScoreKernel;
  private readonly memory: { buffer: ArrayBuffer | SharedArrayBuffer; grow(pages: number): number };
  private readonly nodesAt = 0;
  private readonly leavesAt: number;
  private readonly rootsAt: number;
  private readonly valuesAt: number;
  private features = 0;
  private outAt = 0;

  constructor(private readonly e: FlatEnsemble) {
    const n = e.packedValue.length;
    this.leavesAt = n * 16;
    this.rootsAt = this.leavesAt + n * 8;
    this.valuesAt = this.rootsAt + Math.ceil((e.trees * 4) / 8) * 8;
    this.memory = new wasmApi.Memory({ initial: Math.ceil(this.valuesAt / PAGE) + 1 });
    compiled ??= new wasmApi.Module(Buffer.from(TREES_KERNELS_WASM_BASE64, 'base64'));
    const instance = new wasmApi.Instance(compiled, { env: { memory: this.memory } });
    this.score = instance.exports.score as ScoreKernel;
    const view = new DataView(this.memory.buffer);
    const { packed, packedValue } = e;
    for (let i = 0; i < n; i++) {
      const at = this.nodesAt + i * 16;
      const feature = packed[i * 4]!;
      if (feature < 0) {
        // A leaf: NaN never compares >=, the word asks for no missing side, and its child is itself.
        view.setFloat64(at, Number.NaN, true);
        view.setInt32(at + 8, -0x80000000, true);
        view.setInt32(at + 12, i, true);
        view.setFloat64(this.leavesAt + i * 8, packedValue[i]!, true);
      } else {
        const left = packed[i * 4 + 1]!;
        view.setFloat64(at, packedValue[i]!, true);
        view.setInt32(at + 8, feature * 2 + (packed[i * 4 + 2] === left ? 0 : 1), true);
        view.setInt32(at + 12, left, true);
      }
    }
    new Int32Array(this.memory.buffer, this.rootsAt, e.trees).set(e.packedRoots);
  }

  /** Raw log-odds of rows x features values (row-major; NaN = missing) into out. */
  logits(values: Float64Array, rows: number, features: number, out: Float64Array): Float64Array {
    if (features !== this.features) {
      this.features = features;
      this.outAt = this.valuesAt + CHUNK * features * 8;
      const needed = Math.ceil((this.outAt + CHUNK * 8) / PAGE);
      const have = this.memory.buffer.byteLength / PAGE;
      if (needed > have) this.memory.grow(needed - have);
    }
    const buffer = this.memory.buffer as ArrayBuffer;
    const chunkValues = new Float64Array(buffer, this.valuesAt, CHUNK * features);
    const chunkOut = new Float64Array(buffer, this.outAt, CHUNK);
    for (let from = 0; from < rows; from += CHUNK) {
      const n = Math.min(CHUNK, rows - from);
      chunkValues.set(values.subarray(from * features, (from + n) * features));
      chunkOut.fill(this.e.baseScore, 0, n);
      this.score(n, features, this.valuesAt, this.nodesAt, this.leavesAt, this.rootsAt, this.e.trees, this.outAt);
      out.set(chunkOut.subarray(0, n), from);
    }
    return out;
  }
}
