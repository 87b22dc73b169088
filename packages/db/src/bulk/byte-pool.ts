// Large byte arrays taken for one batch and handed back for the next. A re-scoring batch of 5,000 rows
// allocated about 7 MB of array buffers (its read stream, its feature values, its score rows), off the
// JavaScript heap: V8 answers that much new external memory with extra collections (a scavenge every
// 70 to 80 ms and a full mark-compact every half second through a million-row run, measured with
// --trace-gc). Arrays taken from here are allocated once and reused, so that churn goes away.
export class BytePool {
  private readonly free: ArrayBuffer[] = [];
  private readonly ours = new WeakSet<ArrayBuffer>();

  /** `keep`: arrays held for reuse at most (more given back are left to the collector). */
  constructor(private readonly keep = 16) {}

  /**
   * An array of at least `bytes` bytes (a power of two, 64 KiB at least, so a slightly larger batch
   * reuses it too). Its contents are whatever its last user left: the caller overwrites what it reads.
   */
  take(bytes: number): ArrayBuffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const size = this.free[i]!.byteLength;
      if (size >= bytes && (best < 0 || size < this.free[best]!.byteLength)) best = i;
    }
    if (best >= 0) return this.free.splice(best, 1)[0]!;
    const array = new ArrayBuffer(Math.max(1 << 16, 2 ** Math.ceil(Math.log2(Math.max(1, bytes)))));
    this.ours.add(array);
    return array;
  }

  /** Hands an array taken from this pool back; nothing may read or write it afterwards. Others are ignored. */
  give(array: ArrayBufferLike): void {
    if (!(array instanceof ArrayBuffer) || !this.ours.has(array) || this.free.includes(array)) return;
    if (this.free.length < this.keep) this.free.push(array);
    else this.ours.delete(array);
  }
}
