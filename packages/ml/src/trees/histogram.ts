/**
 * Where the trees' training data and histograms live, and the kernel that fills a histogram: one
 * WebAssembly memory holding the row-major bins, the (gradient, hessian) pairs, the rows array and
 * a pool of histogram slots, so the SIMD kernel (wasm/train-kernels.wat) reads them in place. Data too
 * large for it falls back to plain arrays and the JavaScript kernel below, which adds rows in the
 * same order and so gives the same bits.
 */
import { wasmApi, type WasmMemory } from '../util/wasm/wasm-api.ts';
import { TREES_TRAIN_KERNELS_WASM_BASE64 } from './wasm/train-kernels-binary.ts';

export const BINS = 256;
const PAGE = 65536;
/** Above this the JavaScript kernel runs on plain arrays (WebAssembly memory stops at 4 GiB). */
const MAX_WASM_BYTES = 3.5 * 1024 ** 3;

/** One histogram: per feature and bin, gradient and hessian sums (pairs) and the row count. */
export interface Histogram {
  sums: Float64Array;
  counts: Int32Array;
  /** Byte offsets in the WebAssembly memory (-1 on plain arrays). */
  sumsOffset: number;
  countsOffset: number;
}

/** The histogram kernels' arguments: memory offsets, except F (features), begin, end and A (active count). */
type HistogramArgs = [
  bins: number,
  F: number,
  rows: number,
  begin: number,
  end: number,
  gh: number,
  active: number,
  A: number,
  sums: number,
  counts: number,
];

interface Kernels {
  histogram(...args: HistogramArgs): void;
  histogramMissing(...args: [...HistogramArgs, acc: number]): void;
  subtract(sums: number, counts: number, smallSums: number, smallCounts: number, pairs: number): void;
  partition(rows: number, begin: number, end: number, column: number, splitBin: number, missingLeft: number, scratch: number): number;
  scanFeature(
    sums: number,
    counts: number,
    nb: number,
    G: number,
    H: number,
    C: number,
    lo: number,
    hi: number,
    l2: number,
    minRows: number,
    minWeight: number,
    mono: number,
    parent: number,
    best: number,
    out: number,
  ): number;
}

/** A leaf's totals and limits, for scanning its features' splits. */
export interface ScanLimits {
  G: number;
  H: number;
  C: number;
  lo: number;
  hi: number;
  l2: number;
  minLeafRows: number;
  minLeafWeight: number;
  parentObjective: number;
}

let module: unknown = null;

function align16(n: number): number {
  return Math.ceil(n / 16) * 16;
}

export interface TrainingMemoryOptions {
  rows: number;
  features: number;
  /** Histograms alive at once at most (open leaves plus the one being built). */
  slots: number;
  /** False forces the plain-array JavaScript path (tests compare the two). */
  wasm?: boolean;
}

export class TrainingMemory {
  /** rows x features bin codes, row-major. */
  readonly bins: Uint8Array;
  /** Gradient and hessian of each row side by side (one 16-byte load for both). */
  readonly gh: Float64Array;
  /** Row indices, partitioned in place into leaves. */
  readonly rows: Int32Array;
  /** The bins again, column-major (features x rows): partitioning a leaf reads one feature's bytes. */
  readonly columns: Uint8Array;
  private readonly scratch: Int32Array;
  /** Where scanFeature leaves its best split: gain, bin, missingLeft, gl, hl, cl, wl, wr. */
  readonly scanOut: Float64Array;
  readonly features: number;
  private readonly rowCount: number;
  private readonly active: Int32Array;
  private readonly free: Histogram[] = [];
  private readonly kernels: Kernels | null;
  private readonly offsets: {
    bins: number;
    gh: number;
    rows: number;
    active: number;
    acc: number;
    columns: number;
    scratch: number;
    scan: number;
  };

  constructor(options: TrainingMemoryOptions) {
    const { rows: n, features: F, slots } = options;
    this.features = F;
    const pairs = F * BINS;
    const sizes = {
      bins: align16(n * F),
      gh: n * 16,
      rows: align16(n * 4),
      active: align16(F * 4),
      acc: align16(F),
      columns: align16(n * F),
      scratch: align16(n * 4),
      scan: 64,
    };
    const slotBytes = pairs * 16 + align16(pairs * 4);
    const total = Object.values(sizes).reduce((a, b) => a + b, 0) + slots * slotBytes;
    if (options.wasm !== false && total <= MAX_WASM_BYTES) {
      const memory: WasmMemory = new wasmApi.Memory({ initial: Math.max(1, Math.ceil(total / PAGE)), maximum: 65536, shared: true });
      module ??= new wasmApi.Module(Buffer.from(TREES_TRAIN_KERNELS_WASM_BASE64, 'base64'));
      const instance = new wasmApi.Instance(module as never, { env: { memory } });
      this.kernels = instance.exports as unknown as Kernels;
      const buffer = memory.buffer;
      let top = 0;
      const take = (bytes: number) => {
        const at = top;
        top += bytes;
        return at;
      };
      this.offsets = {
        bins: take(sizes.bins),
        gh: take(sizes.gh),
        rows: take(sizes.rows),
        active: take(sizes.active),
        acc: take(sizes.acc),
        columns: take(sizes.columns),
        scratch: take(sizes.scratch),
        scan: take(sizes.scan),
      };
      this.bins = new Uint8Array(buffer, this.offsets.bins, n * F);
      this.gh = new Float64Array(buffer, this.offsets.gh, 2 * n);
      this.rows = new Int32Array(buffer, this.offsets.rows, n);
      this.active = new Int32Array(buffer, this.offsets.active, F);
      this.columns = new Uint8Array(buffer, this.offsets.columns, n * F);
      this.scratch = new Int32Array(buffer, this.offsets.scratch, n);
      this.scanOut = new Float64Array(buffer, this.offsets.scan, 8);
      for (let s = 0; s < slots; s++) {
        const sumsOffset = take(pairs * 16);
        this.free.push(histogramSlot(pairs, { buffer, sumsOffset, countsOffset: take(align16(pairs * 4)) }));
      }
      this.free.reverse();
    } else {
      this.kernels = null;
      this.offsets = { bins: -1, gh: -1, rows: -1, active: -1, acc: -1, columns: -1, scratch: -1, scan: -1 };
      this.bins = new Uint8Array(n * F);
      this.gh = new Float64Array(2 * n);
      this.rows = new Int32Array(n);
      this.active = new Int32Array(F);
      this.columns = new Uint8Array(n * F);
      this.scratch = new Int32Array(n);
      this.scanOut = new Float64Array(8);
    }
    this.rowCount = n;
  }

  /**
   * Partitions rows[begin, end) in place, stably: rows whose bin of `feature` is <= splitBin (or
   * missing, when missing values go left) first. Returns how many went left.
   */
  partition(begin: number, end: number, feature: number, splitBin: number, missingLeft: boolean): number {
    const n = this.rowCount;
    if (this.kernels) {
      const o = this.offsets;
      return this.kernels.partition(o.rows, begin, end, o.columns + feature * n, splitBin, missingLeft ? 1 : 0, o.scratch);
    }
    const { rows, scratch } = this;
    const column = this.columns.subarray(feature * n, (feature + 1) * n);
    const missingBit = missingLeft ? 1 : 0;
    let nl = 0;
    let nr = 0;
    // Branch-free, as the WebAssembly kernel: each row is written to both sides, its own side advances.
    for (let i = begin; i < end; i++) {
      const r = rows[i]!;
      const bin = column[r]!;
      // bin <= splitBin, or bin is MISSING_BIN (255, the only bin with (bin + 1) >> 8 = 1) and missing goes left.
      const goLeft = ((bin - splitBin - 1) >>> 31) | (missingBit & ((bin + 1) >>> 8));
      rows[begin + nl] = r;
      scratch[nr] = r;
      nl += goLeft;
      nr += 1 - goLeft;
    }
    rows.set(scratch.subarray(0, nr), begin + nl);
    return nl;
  }

  get usesWasm(): boolean {
    return this.kernels !== null;
  }

  take(): Histogram {
    return this.free.pop() ?? histogramSlot(this.features * BINS);
  }

  give(h: Histogram): void {
    this.free.push(h);
  }

  /**
   * Fills `hist` (the active features' part) from rows[begin, end). Without `withCounts` only the
   * missing bin's count is kept (enough when leaves have no row minimum, and cheaper).
   */
  build(begin: number, end: number, active: Int32Array, hist: Histogram, withCounts: boolean): void {
    for (let a = 0; a < active.length; a++) {
      const f = active[a]!;
      hist.sums.fill(0, f * BINS * 2, (f + 1) * BINS * 2);
      hist.counts.fill(0, f * BINS, (f + 1) * BINS);
    }
    if (this.kernels && hist.sumsOffset >= 0) {
      this.active.set(active);
      const o = this.offsets;
      const args: HistogramArgs = [
        o.bins,
        this.features,
        o.rows,
        begin,
        end,
        o.gh,
        o.active,
        active.length,
        hist.sumsOffset,
        hist.countsOffset,
      ];
      if (withCounts) this.kernels.histogram(...args);
      else this.kernels.histogramMissing(...args, o.acc);
      return;
    }
    buildHistogramJs(this.bins, this.features, this.rows, begin, end, this.gh, active, hist.sums, hist.counts, withCounts);
  }

  /** Whether scanFeature can scan this histogram (it lives in WebAssembly memory). */
  canScan(hist: Histogram): boolean {
    return this.kernels !== null && hist.sumsOffset >= 0;
  }

  /**
   * The SIMD split scan of one feature (grow.ts's bestSplit, two sides of a bin per instruction);
   * true, with the split in scanOut, when a candidate beats `best`.
   */
  scanFeature(hist: Histogram, feature: number, valueBins: number, mono: number, s: ScanLimits, best: number): boolean {
    const k = this.kernels!;
    return (
      k.scanFeature(
        hist.sumsOffset + feature * BINS * 16,
        hist.countsOffset + feature * BINS * 4,
        valueBins,
        s.G,
        s.H,
        s.C,
        s.lo,
        s.hi,
        s.l2,
        s.minLeafRows,
        s.minLeafWeight,
        mono,
        s.parentObjective,
        best,
        this.offsets.scan,
      ) === 1
    );
  }

  /** large -= small over every feature (inactive ones hold stale values that nothing reads). */
  subtract(large: Histogram, small: Histogram): void {
    if (this.kernels && large.sumsOffset >= 0 && small.sumsOffset >= 0) {
      this.kernels.subtract(large.sumsOffset, large.countsOffset, small.sumsOffset, small.countsOffset, this.features * BINS);
      return;
    }
    const { sums, counts } = large;
    for (let o = 0; o < sums.length; o++) sums[o]! -= small.sums[o]!;
    for (let o = 0; o < counts.length; o++) counts[o]! -= small.counts[o]!;
  }
}

/** A histogram of `pairs` (feature, bin) pairs: views of WebAssembly memory at the given offsets, or plain arrays. */
function histogramSlot(pairs: number, at?: { buffer: ArrayBufferLike; sumsOffset: number; countsOffset: number }): Histogram {
  if (!at) return { sums: new Float64Array(2 * pairs), counts: new Int32Array(pairs), sumsOffset: -1, countsOffset: -1 };
  const { buffer, sumsOffset, countsOffset } = at;
  return {
    sums: new Float64Array(buffer, sumsOffset, 2 * pairs),
    counts: new Int32Array(buffer, countsOffset, pairs),
    sumsOffset,
    countsOffset,
  };
}

/** The JavaScript kernel: the fallback, and the reference the WebAssembly one is tested against. */
export function buildHistogramJs(
  bins: Uint8Array,
  F: number,
  rows: Int32Array,
  begin: number,
  end: number,
  gh: Float64Array,
  active: Int32Array,
  sums: Float64Array,
  counts: Int32Array,
  withCounts: boolean,
): void {
  const A = active.length;
  for (let i = begin; i < end; i++) {
    const r = rows[i]!;
    const g = gh[2 * r]!;
    const h = gh[2 * r + 1]!;
    const base = r * F;
    for (let a = 0; a < A; a++) {
      const f = active[a]!;
      const bin = bins[base + f]!;
      const k = (f << 8) + bin;
      sums[2 * k]! += g;
      sums[2 * k + 1]! += h;
      if (withCounts || bin === 255) counts[k]!++;
    }
  }
  if (withCounts) return;
  // As the WebAssembly kernel: missing values are counted for inactive features too.
  const activeSet = new Uint8Array(F);
  for (let a = 0; a < A; a++) activeSet[active[a]!] = 1;
  for (let f = 0; f < F; f++) {
    if (activeSet[f]) continue;
    let missing = 0;
    for (let i = begin; i < end; i++) if (bins[rows[i]! * F + f] === 255) missing++;
    counts[(f << 8) + 255]! += missing;
  }
}
