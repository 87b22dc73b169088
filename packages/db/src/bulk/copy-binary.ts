// COPY's binary format, written into one growing Buffer: for the scores' million-row write the server
// no longer parses uuids, floats and array literals from text (about half of a text COPY's time into an
// unindexed table, measured), and JavaScript no longer formats every double as its shortest decimal.
// A double goes in as its eight bytes, so the stored PD is the computed one bit for bit. Lengths and
// numbers go through a DataView (Buffer's readInt32BE/writeDoubleBE cost several times as much a call).
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';
import type { BytePool } from './byte-pool.ts';

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const TEXT_OID = 25;
const FLOAT8_OID = 701;
const INT2_OID = 21;
const POSTGRES_EPOCH_DAY = Date.UTC(2000, 0, 1) / 86_400_000;

// Hex digit values by character code (-1: not a hex digit), for the uuid parse's table lookups.
const HEX_VALUE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) HEX_VALUE[48 + c] = c;
for (let c = 0; c < 6; c++) HEX_VALUE[97 + c] = HEX_VALUE[65 + c] = 10 + c;
// Where each of a uuid's sixteen bytes starts in its 36-character text (the dashes skipped).
const UUID_PAIRS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

// Integers and doubles go through a DataView over the buffer: its big-endian accessors are compiled
// inline, where Buffer's writeInt32BE/readDoubleBE cost three to six times as much per call (measured),
// and a score row has a dozen of them.
const viewOf = (b: Buffer) => new DataView(b.buffer, b.byteOffset, b.length);

export class CopyBinaryWriter {
  private buf: Buffer;
  private dv: DataView;
  private at = 0;

  /** With a pool, the stream's memory is taken from it (and its growth too): `release()` hands it back. */
  constructor(
    initialBytes = 1 << 16,
    private readonly pool?: BytePool,
  ) {
    this.buf = this.allocate(Math.max(initialBytes, 64));
    this.dv = viewOf(this.buf);
    SIGNATURE.copy(this.buf, 0);
    this.buf.writeInt32BE(0, 11); // flags
    this.buf.writeInt32BE(0, 15); // header extension length
    this.at = 19;
  }

  private allocate(bytes: number): Buffer {
    if (!this.pool) return Buffer.allocUnsafe(bytes);
    const array = this.pool.take(bytes);
    return Buffer.from(array, 0, array.byteLength);
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    const next = this.allocate(Math.max(this.buf.length * 2, this.at + bytes));
    this.buf.copy(next, 0, 0, this.at);
    this.pool?.give(this.buf.buffer);
    this.buf = next;
    this.dv = viewOf(next);
  }

  /** Hands a pooled writer's memory back (its finished stream with it, once that has been sent). */
  release(): void {
    this.pool?.give(this.buf.buffer);
  }

  row(fields: number): this {
    this.room(2);
    this.dv.setInt16(this.at, fields);
    this.at += 2;
    return this;
  }

  /** Fields another writer encoded (its `encoded()`), appended as they are: a row's constant columns. */
  raw(fields: Buffer): this {
    const n = fields.length;
    this.room(n);
    if (n > 64) fields.copy(this.buf, this.at);
    else for (let i = 0; i < n; i++) this.buf[this.at + i] = fields[i]!; // short: cheaper than a native copy
    this.at += n;
    return this;
  }

  /** The fields written so far, without the stream's header, row counts or trailer if no row() was called. */
  encoded(): Buffer {
    return Buffer.from(this.buf.subarray(19, this.at));
  }

  /** A uuid from its 36-character text form. */
  uuid(text: string): this {
    // Fixed positions and a table lookup per digit: a million score rows carry two uuids each.
    if (
      text.length !== 36 ||
      text.charCodeAt(8) !== 45 ||
      text.charCodeAt(13) !== 45 ||
      text.charCodeAt(18) !== 45 ||
      text.charCodeAt(23) !== 45
    )
      throw new Error(`CopyBinaryWriter.uuid: not a UUID: ${text}`);
    this.room(20);
    const b = this.buf;
    this.dv.setInt32(this.at, 16);
    const o = this.at + 4;
    let bad = 0;
    for (let i = 0; i < 16; i++) {
      const p = UUID_PAIRS[i]!;
      const hi = HEX_VALUE[text.charCodeAt(p) & 127]! | (text.charCodeAt(p) >> 7 ? -1 : 0);
      const lo = HEX_VALUE[text.charCodeAt(p + 1) & 127]! | (text.charCodeAt(p + 1) >> 7 ? -1 : 0);
      bad |= hi | lo;
      b[o + i] = (hi << 4) | lo;
    }
    if (bad < 0) throw new Error(`CopyBinaryWriter.uuid: not a UUID: ${text}`);
    this.at = o + 16;
    return this;
  }

  /** A uuid as its sixteen bytes, taken from `source` at `offset` (say, where a binary COPY read it). */
  uuidBytes(source: Buffer, offset: number): this {
    this.room(20);
    const b = this.buf;
    const o = this.at;
    b[o] = 0;
    b[o + 1] = 0;
    b[o + 2] = 0;
    b[o + 3] = 16;
    // Byte by byte: a native copy per sixteen bytes cost more than the bytes.
    for (let i = 0; i < 16; i++) b[o + 4 + i] = source[offset + i]!;
    this.at = o + 20;
    return this;
  }

  /** A bytea of the `length` bytes of `source` from `offset` (a digest among a batch's, say). */
  bytes(source: Uint8Array, offset: number, length: number): this {
    this.room(4 + length);
    const b = this.buf;
    const o = this.at + 4;
    // Byte by byte, as uuidBytes: a native copy per short field cost more than its bytes.
    for (let i = 0; i < length; i++) b[o + i] = source[offset + i]!;
    this.dv.setInt32(this.at, length);
    this.at = o + length;
    return this;
  }

  /** A date from `YYYY-MM-DD`. */
  date(day: string): this {
    const ms = Date.parse(`${day}T00:00:00Z`);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(ms)) throw new Error(`CopyBinaryWriter.date: not a YYYY-MM-DD day: ${day}`);
    this.room(8);
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(ms / 86_400_000 - POSTGRES_EPOCH_DAY, this.at + 4);
    this.at += 8;
    return this;
  }

  /** Text (also char(n)), UTF-8. */
  text(value: string): this {
    const length = value.length;
    this.room(4 + length * 3);
    const b = this.buf;
    // Short ASCII (grades, reason names: five a row) byte by byte: a native write per string cost more
    // than the copy itself.
    if (length <= 32) {
      const start = this.at + 4;
      let i = 0;
      for (; i < length; i++) {
        const c = value.charCodeAt(i);
        if (c > 127) break;
        b[start + i] = c;
      }
      if (i === length) {
        this.dv.setInt32(this.at, length);
        this.at = start + length;
        return this;
      }
    }
    const n = b.write(value, this.at + 4, 'utf8');
    b.writeInt32BE(n, this.at);
    this.at += 4 + n;
    return this;
  }

  int4(value: number): this {
    this.room(8);
    this.dv.setInt32(this.at, 4);
    this.dv.setInt32(this.at + 4, value);
    this.at += 8;
    return this;
  }

  float8(value: number): this {
    this.room(12);
    this.dv.setInt32(this.at, 8);
    this.dv.setFloat64(this.at + 4, value);
    this.at += 12;
    return this;
  }

  /** A one-dimensional text[] (empty: no dimensions, as PostgreSQL writes '{}'). */
  textArray(items: readonly string[]): this {
    const start = this.arrayHeader(items.length, TEXT_OID);
    for (const item of items) this.text(item);
    this.dv.setInt32(start, this.at - start - 4);
    return this;
  }

  /** A one-dimensional float8[]: `values`, or the `count` of them from `from` (no view made per row). */
  float8Array(values: ArrayLike<number>, from = 0, count = values.length - from): this {
    const start = this.arrayHeader(count, FLOAT8_OID);
    this.room(12 * count);
    const dv = this.dv;
    let o = this.at;
    for (let i = from; i < from + count; i++) {
      dv.setInt32(o, 8);
      dv.setFloat64(o + 4, values[i]!);
      o += 12;
    }
    this.at = o;
    dv.setInt32(start, this.at - start - 4);
    return this;
  }

  /** A one-dimensional smallint[] (each value a whole number from -32768 to 32767): `values`, or the `count` of them from `from`. */
  int2Array(values: ArrayLike<number>, from = 0, count = values.length - from): this {
    const start = this.arrayHeader(count, INT2_OID);
    this.room(6 * count);
    const dv = this.dv;
    let o = this.at;
    for (let i = from; i < from + count; i++) {
      dv.setInt32(o, 2);
      dv.setInt16(o + 4, values[i]!);
      o += 6;
    }
    this.at = o;
    dv.setInt32(start, this.at - start - 4);
    return this;
  }

  private arrayHeader(length: number, elementOid: number): number {
    this.room(28);
    const start = this.at;
    const b = this.dv;
    b.setInt32(start, 0); // the field's length, filled in by the caller
    b.setInt32(start + 4, length > 0 ? 1 : 0); // dimensions
    b.setInt32(start + 8, 0); // no NULL elements
    b.setInt32(start + 12, elementOid);
    if (length > 0) {
      b.setInt32(start + 16, length);
      b.setInt32(start + 20, 1); // lower bound
      this.at = start + 24;
    } else this.at = start + 16;
    return start;
  }

  /** The whole stream: header, rows, trailer. The writer is spent afterwards. */
  finish(): Buffer {
    this.room(2);
    this.dv.setInt16(this.at, -1);
    this.at += 2;
    return this.buf.subarray(0, this.at);
  }
}

/** COPYs a finished binary stream into `target` (a table with its column list). */
export async function copyBinaryIn(client: pg.ClientBase, target: string, data: Buffer): Promise<void> {
  await pipeline(Readable.from([data]), client.query(copyFrom(`COPY ${target} FROM STDIN (FORMAT binary)`)));
}

/**
 * Runs `COPY (query) TO STDOUT (FORMAT binary)` and returns the whole stream (one batch's rows); with a
 * pool, in memory taken from it (the caller gives `result.buffer` back when done with it).
 */
export async function copyBinaryOut(client: pg.ClientBase, query: string, pool?: BytePool): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of client.query(copyTo(`COPY (${query}) TO STDOUT (FORMAT binary)`)) as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    length += chunk.length;
  }
  if (!pool) return Buffer.concat(chunks, length);
  const out = Buffer.from(pool.take(length), 0, length);
  let at = 0;
  for (const chunk of chunks) at += chunk.copy(out, at);
  return out;
}

const HEX_CHARS = Buffer.from('0123456789abcdef', 'latin1');

/** The last uuid a reader's `uuidRepeated` decoded for one column, bytes and string. */
export interface UuidMemo {
  bytes: Buffer;
  text: string | null;
}

export const uuidMemo = (): UuidMemo => ({ bytes: Buffer.alloc(16), text: null });
const UUID_SCRATCH = Buffer.alloc(36);

/** The uuid whose sixteen bytes start at `offset` of `buf`, as its 36-character text. */
export function uuidTextAt(buf: Buffer, offset: number): string {
  // The 36 characters written into a scratch buffer and read as one flat string: sixteen `+=` made a
  // rope per uuid, four uuids a row, most of a batch's read in the garbage collector.
  const out = UUID_SCRATCH;
  let o = offset;
  let w = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) out[w++] = 0x2d;
    const byte = buf[o++]!;
    out[w++] = HEX_CHARS[byte >> 4]!;
    out[w++] = HEX_CHARS[byte & 15]!;
  }
  return out.toString('latin1', 0, 36);
}

/**
 * Reads a binary COPY stream field by field, in the order the query selected them. Only the types the
 * scoring read needs: uuid, text (cast anything else to text in the query), float8 and float8[].
 */
export class CopyBinaryReader {
  private at: number;
  private readonly dv: DataView;

  constructor(private readonly buf: Buffer) {
    if (buf.length < 19 || !buf.subarray(0, 11).equals(SIGNATURE)) throw new Error('CopyBinaryReader: not a binary COPY stream');
    this.dv = viewOf(buf);
    this.at = 19 + buf.readInt32BE(15);
  }

  /** The stream itself, and where the next field's value starts (after its length): to copy its bytes. */
  get buffer(): Buffer {
    return this.buf;
  }

  get valueOffset(): number {
    return this.at + 4;
  }

  /** The next row's field count, or -1 at the end of the stream. */
  row(): number {
    const fields = this.dv.getInt16(this.at);
    this.at += 2;
    return fields;
  }

  private length(): number {
    const n = this.dv.getInt32(this.at);
    this.at += 4;
    return n;
  }

  uuid(): string | null {
    if (this.length() < 0) return null;
    const text = uuidTextAt(this.buf, this.at);
    this.at += 16;
    return text;
  }

  /** Passes over the next field; false when it is NULL. */
  skip(): boolean {
    const n = this.length();
    if (n < 0) return false;
    this.at += n;
    return true;
  }

  /**
   * A uuid that often repeats from row to row (a feature load's id): the string of the memo's last one
   * when the sixteen bytes are the same, so a batch of one load makes one string, not one per row.
   */
  uuidRepeated(memo: UuidMemo): string | null {
    const n = this.dv.getInt32(this.at);
    if (n < 0) {
      this.at += 4;
      return null;
    }
    const start = this.at + 4;
    // Four 32-bit compares in JavaScript: a native Buffer.compare per row cost more than the bytes.
    const b = this.buf;
    const m = memo.bytes;
    if (
      memo.text !== null &&
      b.readInt32LE(start) === m.readInt32LE(0) &&
      b.readInt32LE(start + 4) === m.readInt32LE(4) &&
      b.readInt32LE(start + 8) === m.readInt32LE(8) &&
      b.readInt32LE(start + 12) === m.readInt32LE(12)
    ) {
      this.at = start + 16;
      return memo.text;
    }
    this.buf.copy(memo.bytes, 0, start, start + 16);
    memo.text = this.uuid();
    return memo.text;
  }

  text(): string | null {
    const n = this.length();
    if (n < 0) return null;
    const s = this.buf.toString('utf8', this.at, this.at + n);
    this.at += n;
    return s;
  }

  float8(): number | null {
    if (this.length() < 0) return null;
    const v = this.dv.getFloat64(this.at);
    this.at += 8;
    return v;
  }

  /**
   * A float8[] of at most one dimension, NULL elements as NaN; null for a NULL array. With a slab, the
   * array is a view of the slab's current chunk rather than an array of its own (see Float64Slab).
   */
  float8Array(slab?: Float64Slab): Float64Array | null {
    const n = this.length();
    if (n < 0) return null;
    const end = this.at + n;
    const b = this.dv;
    const dims = b.getInt32(this.at);
    const elementOid = b.getInt32(this.at + 8);
    if (elementOid !== FLOAT8_OID || dims > 1)
      throw new Error(`CopyBinaryReader.float8Array: not a one-dimensional float8[] (oid ${elementOid}, ${dims} dimensions)`);
    const count = dims === 0 ? 0 : b.getInt32(this.at + 12);
    const out = slab ? slab.take(count) : new Float64Array(count);
    let o = this.at + (dims === 0 ? 12 : 20);
    for (let i = 0; i < count; i++) {
      const len = b.getInt32(o);
      o += 4;
      if (len < 0) out[i] = Number.NaN;
      else {
        out[i] = b.getFloat64(o);
        o += 8;
      }
    }
    this.at = end;
    return out;
  }
}

/**
 * Consecutive views of a few large Float64Arrays, handed out one array at a time: a batch's feature rows
 * share one backing store per 65,536 values instead of allocating one each. A Float64Array of 23 values
 * has its own off-heap store, about 0.7 us to allocate and later collect against 0.1 us for a view: 0.6 s of
 * the read's CPU per million rows. A view keeps its whole chunk alive, so a slab lives as long as its batch.
 */
export class Float64Slab {
  private chunk = new Float64Array(0);
  private used = 0;
  private readonly taken: ArrayBuffer[] = [];

  /** With a pool, the chunks are taken from it and `release()` hands them back. */
  constructor(
    private readonly chunkSize = 65_536,
    private readonly pool?: BytePool,
  ) {}

  /** `n` values, a view no other take shares: zeroed, or with a pool whatever the chunk's last user left. */
  take(n: number): Float64Array {
    if (this.used + n > this.chunk.length) {
      const size = Math.max(this.chunkSize, n);
      if (this.pool) {
        const array = this.pool.take(size * 8);
        this.taken.push(array);
        this.chunk = new Float64Array(array, 0, size);
      } else this.chunk = new Float64Array(size);
      this.used = 0;
    }
    const view = this.chunk.subarray(this.used, this.used + n);
    this.used += n;
    return view;
  }

  /** Hands the chunks back to the pool; no view taken may be read afterwards. */
  release(): void {
    for (const array of this.taken.splice(0)) this.pool?.give(array);
    this.chunk = new Float64Array(0);
    this.used = 0;
  }
}
