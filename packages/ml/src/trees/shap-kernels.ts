/**
 * The TreeSHAP memo's block work in WebAssembly (wasm/shap-kernels.wat), and the memory it works in.
 * MemoTreeShap.explainBlock spends nearly all its time in loops over a block's rows per tree: the
 * key (the side each row takes at each of the tree's splits, as bits), the look-up of each key's
 * answer in the tree's key table, and the adding of the tree's remembered answers to the rows' sums.
 * In JavaScript they cost about 9 µs a row on the Taiwan champion; here, the keys four rows at a time
 * with SIMD comparisons and the sums without bounds checks, about 3. The look-up, left in JavaScript
 * at first, had become the largest part of the rest: in a kernel too, the best warm pass took 3.38 µs
 * a row against 4.07 (bench/tree-shap-block.ts on the re-scoring bench's champion, six alternating
 * runs, 2026-12-05, a 2-core Intel Xeon host with noisy neighbours: the runs' means 3.6 to 6.6 against
 * 4.1 to 8.2). The same comparisons, look-ups and additions in the same order, so the same bits.
 *
 * One memory holds the model's splits, the features each tree uses, the block's scratch (its values
 * feature-major, its keys, its rows' answer places and its sums) and every tree's remembered answers,
 * placed by a bump allocator: an answer store that grows moves to a new place, the old left unused (at
 * most as much again). Views of the memory are made again whenever it grows: read `f64` and `i32`
 * after anything that may allocate.
 */
import { wasmApi, type WasmMemory, type WasmModule } from '../util/wasm/wasm-api.ts';
import { TREES_SHAP_KERNELS_WASM_BASE64 } from './wasm/shap-kernels-binary.ts';

const PAGE = 65536;
/** The most a wasm32 memory can hold, in pages (4 GiB). */
const MAX_PAGES = 65536;

type SplitKeysKernel = (cols: number, stride: number, meta: number, splits: number, keys: number) => void;
type AddAnswersKernel = (
  sums: number,
  rows: number,
  offsets: number,
  answers: number,
  capacity: number,
  width: number,
  used: number,
) => void;
type SlotOffsetsKernel = (keys: number, rows: number, slots: number, offsets: number) => number;

let compiled: WasmModule | null = null;

/**
 * Where a block's scratch lies (byte offsets), for blocks of up to `rows` rows of `features` values. The
 * columns hold feature f of row p at f x stride + p, stride the block's rows rounded up to four (the
 * keys' length; the rows past the block's are never read).
 */
export interface BlockScratch {
  rows: number;
  features: number;
  columnsAt: number;
  keysAt: number;
  /** The block's answer places (i32 per row) and sums (feature-major, f64, `rows` per feature as the block has them). */
  offsetsAt: number;
  sumsAt: number;
  /** The block's log-odds (f64 per row). */
  logitsAt: number;
}

export class ShapKernels {
  private readonly memory: WasmMemory;
  private readonly splitKeysKernel: SplitKeysKernel;
  private readonly addAnswersKernel: AddAnswersKernel;
  private readonly slotOffsetsKernel: SlotOffsetsKernel;
  /** The memory as doubles and as 32-bit integers (made again when it grows). */
  f64!: Float64Array;
  i32!: Int32Array;
  /** The memory as unsigned 16-bit integers: the trees' key tables (made again when it grows). */
  u16!: Uint16Array;
  /** Bytes handed out so far (the bump allocator's top). */
  private top = 0;
  /** Each tree's used features, in the order of its answers (i32s). */
  private readonly usedAt: number;
  /** An i32 0: the one-column list addLeaves hands the kernel. */
  private readonly zeroAt: number;
  private scratch: BlockScratch | null = null;
  private stagingAt = 0;
  private stagingDoubles = 0;

  /** The model's splits, tree after tree, in each tree's key bit order; every tree's used features, tree after tree. */
  constructor(splitFeature: Int32Array, splitThreshold: Float64Array, splitMissingLeft: Uint8Array, usedFeature: Int32Array) {
    this.memory = new wasmApi.Memory({ initial: 1 });
    compiled ??= new wasmApi.Module(Buffer.from(TREES_SHAP_KERNELS_WASM_BASE64, 'base64'));
    const { exports } = new wasmApi.Instance(compiled, { env: { memory: this.memory } });
    this.splitKeysKernel = exports.split_keys as SplitKeysKernel;
    this.addAnswersKernel = exports.add_answers as AddAnswersKernel;
    this.slotOffsetsKernel = exports.slot_offsets as SlotOffsetsKernel;
    this.views();
    const splits = splitFeature.length;
    const metaAt = this.allocate(splits * 16);
    const usedAt = this.allocate(usedFeature.length * 4);
    const zeroAt = this.allocate(4);
    if (metaAt !== 0 || usedAt < 0 || zeroAt < 0) throw new Error('TreeSHAP kernels: no memory for the model');
    this.usedAt = usedAt;
    this.zeroAt = zeroAt;
    const view = new DataView(this.memory.buffer);
    for (let s = 0; s < splits; s++) {
      view.setFloat64(s * 16, splitThreshold[s]!, true);
      view.setInt32(s * 16 + 8, splitFeature[s]!, true);
      view.setInt32(s * 16 + 12, splitMissingLeft[s]!, true);
    }
    this.i32.set(usedFeature, usedAt / 4);
  }

  /** `bytes` of the memory (64-byte aligned), or -1 when it cannot grow that far. */
  allocate(bytes: number): number {
    const at = Math.ceil(this.top / 64) * 64;
    const pages = Math.ceil((at + bytes) / PAGE);
    const have = this.memory.buffer.byteLength / PAGE;
    if (pages > have) {
      if (pages > MAX_PAGES) return -1;
      try {
        this.memory.grow(Math.max(pages - have, Math.min(have, MAX_PAGES - have)));
      } catch {
        try {
          this.memory.grow(pages - have);
        } catch {
          return -1;
        }
      }
      this.views();
    }
    this.top = at + bytes;
    return at;
  }

  /** Scratch for a block of `rows` rows of `features` values (kept, and reused by smaller blocks of as many features). */
  block(rows: number, features: number): BlockScratch {
    const have = this.scratch;
    if (have && have.features === features && have.rows >= rows) return have;
    // Room for twice as many rows as asked, rounded to 64: blocks that grow a little move rarely.
    const capacity = Math.max(64, Math.ceil((2 * rows) / 64) * 64);
    const columnsAt = this.allocate(capacity * features * 8);
    const keysAt = this.allocate(capacity * 4);
    const offsetsAt = this.allocate(capacity * 4);
    const sumsAt = this.allocate(capacity * features * 8);
    const logitsAt = this.allocate(capacity * 8);
    if (columnsAt < 0 || keysAt < 0 || offsetsAt < 0 || sumsAt < 0 || logitsAt < 0)
      throw new Error(`TreeSHAP kernels: no memory for a block of ${rows} rows`);
    this.scratch = { rows: capacity, features, columnsAt, keysAt, offsetsAt, sumsAt, logitsAt };
    return this.scratch;
  }

  /**
   * A place for one tree's answers while a block adds them (byte offset, room for `doubles`): the
   * answers, spread over megabytes of the memory, are copied there in one sequential move before the
   * kernel reads them in row order (3.4 µs a row against 4.3 reading them where they lie).
   */
  staging(doubles: number): number {
    if (doubles > this.stagingDoubles) {
      const grown = Math.max(doubles, 2 * this.stagingDoubles);
      const at = this.allocate(grown * 8);
      if (at < 0) throw new Error(`TreeSHAP kernels: no memory to stage ${doubles} answers`);
      this.stagingAt = at;
      this.stagingDoubles = grown;
    }
    return this.stagingAt;
  }

  /** The keys of splits `first` to `first + count - 1` (one tree's), for the block's columns (`stride` apart), into its keys. */
  splitKeys(block: BlockScratch, stride: number, first: number, count: number): void {
    this.splitKeysKernel(block.columnsAt, stride, first * 16, count, block.keysAt);
  }

  /**
   * Each of the block's rows' place in a tree's answers (its key's slot in the tree's key table at
   * byte `slotsAt`, less one: -1 where the table holds no answer yet) into the block's offsets, from
   * the keys splitKeys left; returns how many rows have a place.
   */
  slotOffsets(block: BlockScratch, rows: number, slotsAt: number): number {
    return this.slotOffsetsKernel(block.keysAt, rows, slotsAt, block.offsetsAt);
  }

  /**
   * A tree's remembered answers (feature-major at `answersAt`, `capacity` per feature) added to the
   * block's sums (`rows` per feature) for each row whose place is 0 or more; `usedFirst`: the tree's
   * first used feature in the model's list, `width` of them.
   */
  addAnswers(block: BlockScratch, rows: number, answersAt: number, capacity: number, width: number, usedFirst: number): void {
    this.addAnswersKernel(block.sumsAt, rows, block.offsetsAt, answersAt, capacity, width, this.usedAt + usedFirst * 4);
  }

  /** A tree's leaf values (one run at `leavesAt`, by answer place) added to the block's log-odds of the rows with a place. */
  addLeaves(block: BlockScratch, rows: number, leavesAt: number): void {
    // The same kernel, one run into one column: the "used feature" list is a single 0.
    this.addAnswersKernel(block.logitsAt, rows, block.offsetsAt, leavesAt, 0, 1, this.zeroAt);
  }

  private views(): void {
    const buffer = this.memory.buffer as ArrayBuffer;
    this.f64 = new Float64Array(buffer);
    this.i32 = new Int32Array(buffer);
    this.u16 = new Uint16Array(buffer);
  }
}
