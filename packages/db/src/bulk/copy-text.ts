// COPY's text format, written by hand: it is the bulk path for millions of rows, where a generic CSV
// writer's per-cell work shows. Fields are tab-separated, rows end with a newline, \N is NULL.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import type pg from 'pg';

export const COPY_NULL = '\\N';

/** A text field for COPY: backslash, tab, newline and carriage return escaped. */
export function copyField(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
    : value;
}

/**
 * A float8[] literal. JavaScript's shortest round-trip form and PostgreSQL's float8 input agree, so the
 * stored double is the parsed one bit for bit; NaN marks a missing value.
 */
export function float8ArrayLiteral(values: ArrayLike<number>): string {
  let text = '{';
  for (let i = 0; i < values.length; i++) {
    if (i > 0) text += ',';
    const v = values[i]!;
    text += Number.isNaN(v) ? 'NaN' : v === Infinity ? 'Infinity' : v === -Infinity ? '-Infinity' : String(v);
  }
  return text + '}';
}

/** Parses a float8[] as COPY's text format writes it (`{1.5,NaN,-2}`), into `out` from `offset`. */
export function parseFloat8Array(text: string, out: Float64Array | number[], offset = 0): number {
  if (text.length <= 2) return 0;
  let n = 0;
  let start = 1;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 /* , */ || c === 125 /* } */) {
      const cell = text.slice(start, i);
      out[offset + n++] = cell === 'NULL' ? Number.NaN : Number(cell);
      start = i + 1;
    }
  }
  return n;
}

/** Reverses copyField for one field of a COPY text row. */
export function unescapeCopyField(field: string): string | null {
  if (field === COPY_NULL) return null;
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => (c === 't' ? '\t' : c === 'n' ? '\n' : c === 'r' ? '\r' : c));
}

/** Bytes per chunk sent to COPY. */
const CHUNK_BYTES = 1 << 16;

/**
 * Gathers rows into byte chunks: each row is encoded straight into the chunk's buffer, so no chunk is
 * ever a string. Joining rows into a 32 KB string and letting the stream encode it cost more than
 * making the rows: V8 flattened each chunk's rope of a few hundred template pieces before encoding
 * it (1.4 of the loader's 3.9 s of CPU for a million exposures and their obligors).
 */
class ChunkWriter {
  private buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
  private length = 0;

  /** Adds a row and its newline; returns a full chunk to send, if the row filled one. */
  add(row: string): Buffer | null {
    let full: Buffer | null = null;
    // A UTF-16 unit is at most three UTF-8 bytes: a row that may not fit closes the chunk first.
    if (this.length + row.length * 3 + 1 > CHUNK_BYTES) {
      full = this.take();
      if (row.length * 3 + 1 > CHUNK_BYTES) {
        this.buffer = Buffer.from(row + '\n'); // a row larger than a chunk goes alone
        this.length = this.buffer.length;
        return full ?? this.take();
      }
    }
    this.length += this.buffer.write(row, this.length, 'utf8');
    this.buffer[this.length++] = 0x0a; // \n
    return full;
  }

  /** The bytes gathered so far (null when none); the next rows go into a new buffer (the sent one is not reused). */
  take(): Buffer | null {
    if (this.length === 0) return null;
    const chunk = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafeSlow(CHUNK_BYTES);
    this.length = 0;
    return chunk;
  }
}

export interface CopyInOptions {
  /** COPY's options, as `(FREEZE)`. */
  with?: string;
  /**
   * Let other work on the event loop run between chunks. Rows from a plain iterable are otherwise made
   * chunk after chunk without reaching the event loop's I/O phase while the socket takes them: a COPY on
   * a second connection kept the load's own connection from hearing its replies until it ended.
   */
  shareEventLoop?: boolean;
}

/** COPYs rows (each already joined with tabs, no newline) into `table (columns)` in chunks of about 64 KB. */
export async function copyRowsIn(
  client: pg.ClientBase,
  target: string,
  rows: Iterable<string> | AsyncIterable<string>,
  options: CopyInOptions = {},
): Promise<void> {
  async function* chunksAsync(rows: AsyncIterable<string>): AsyncGenerator<Buffer> {
    const writer = new ChunkWriter();
    for await (const row of rows) {
      const full = writer.add(row);
      if (full) yield full;
    }
    const last = writer.take();
    if (last) yield last;
  }
  // Rows from a plain iterable are chunked without an await per row (a promise each showed at a million rows).
  function* chunks(rows: Iterable<string>): Generator<Buffer> {
    const writer = new ChunkWriter();
    for (const row of rows) {
      const full = writer.add(row);
      if (full) yield full;
    }
    const last = writer.take();
    if (last) yield last;
  }
  async function* sharing(chunks: Iterable<Buffer>): AsyncGenerator<Buffer> {
    for (const chunk of chunks) {
      yield chunk;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  const source = Symbol.asyncIterator in rows ? chunksAsync(rows) : options.shareEventLoop ? sharing(chunks(rows)) : chunks(rows);
  await pipeline(Readable.from(source), client.query(copyFrom(`COPY ${target} FROM STDIN${options.with ? ` WITH ${options.with}` : ''}`)));
}

/** Runs `COPY (query) TO STDOUT` and yields its rows split into fields (still escaped). */
export async function* copyRowsOut(client: pg.ClientBase, query: string): AsyncGenerator<string[]> {
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT`));
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + chunk.toString('utf8');
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) yield line.split('\t');
  }
  if (rest.length > 0) yield rest.split('\t');
}
