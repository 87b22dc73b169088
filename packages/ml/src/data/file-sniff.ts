/**
 * What a file is before it is parsed: empty, binary (an archive, a spreadsheet, a compressed export),
 * or text in UTF-8, UTF-16 or a legacy single-byte code page. Users hand over all of these as ".csv";
 * each gets either a reader that works or a message saying what the file really is.
 */
import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type FileKind = { kind: 'empty' } | { kind: 'binary'; what: string } | { kind: 'text'; encoding: TextEncoding };

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x1f, 0x8b], what: 'gzip-compressed data: decompress it first' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a ZIP archive (an .xlsx workbook is one): export the sheet as CSV' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel (.xls) workbook: export the sheet as CSV' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x41, 0x52, 0x31], what: 'a Parquet file' },
  { bytes: [0x42, 0x5a, 0x68], what: 'bzip2-compressed data: decompress it first' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], what: 'xz-compressed data: decompress it first' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], what: 'zstd-compressed data: decompress it first' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: 'a 7-Zip archive' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], what: 'an SQLite database' },
];

function startsWith(head: Uint8Array, bytes: number[]): boolean {
  return head.length >= bytes.length && bytes.every((b, i) => head[i] === b);
}

/** Bytes at the end of `chunk` that start a UTF-8 sequence the chunk cuts short (0 to 3). */
export function incompleteUtf8Tail(chunk: Uint8Array): number {
  const n = chunk.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const byte = chunk[n - back]!;
    if ((byte & 0xc0) === 0x80) continue; // continuation byte: keep looking for the lead byte
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** Classifies a file from its first bytes (up to 64 KB). */
export function sniffFile(head: Uint8Array): FileKind {
  if (head.length === 0) return { kind: 'empty' };
  for (const magic of MAGIC) if (startsWith(head, magic.bytes)) return { kind: 'binary', what: magic.what };
  if (startsWith(head, [0xff, 0xfe])) return { kind: 'text', encoding: 'utf-16le' };
  if (startsWith(head, [0xfe, 0xff])) return { kind: 'text', encoding: 'utf-16be' };
  let control = 0;
  for (const byte of head) {
    if (byte === 0) return { kind: 'binary', what: 'binary data (it holds NUL bytes), not CSV text' };
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  if (control > head.length / 100) return { kind: 'binary', what: 'binary data (control characters), not CSV text' };
  const whole = head.subarray(0, head.length - incompleteUtf8Tail(head));
  return { kind: 'text', encoding: isUtf8(whole) ? 'utf-8' : 'windows-1252' };
}

/**
 * Checks UTF-8 chunk by chunk (a sequence may straddle two chunks) and counts lines, so the first
 * invalid byte can be named by its line.
 */
export class Utf8Checker {
  private carry: Uint8Array = new Uint8Array(0);
  private lines = 1;
  /** 1-based line of the first invalid byte, or 0 while the text is valid. */
  badLine = 0;

  push(chunk: Uint8Array): boolean {
    if (this.badLine > 0) return false;
    const joined = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const cut = joined.length - incompleteUtf8Tail(joined);
    const whole = joined.subarray(0, cut);
    if (!isUtf8(whole)) {
      this.badLine = this.lines + countNewlinesBeforeInvalid(whole);
      return false;
    }
    for (let at = whole.indexOf(0x0a); at >= 0; at = whole.indexOf(0x0a, at + 1)) this.lines++;
    this.carry = joined.slice(cut);
    return true;
  }

  /** Call at the end: a sequence cut off by the end of the file is invalid too. */
  end(): boolean {
    if (this.carry.length > 0 && this.badLine === 0) this.badLine = this.lines;
    return this.badLine === 0;
  }
}

function countNewlinesBeforeInvalid(bytes: Uint8Array): number {
  let lines = 0;
  let i = 0;
  while (i < bytes.length) {
    const byte = bytes[i]!;
    const size = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : byte >= 0xf0 && byte < 0xf5 ? 4 : 0;
    if (size === 0 || i + size > bytes.length) return lines;
    for (let k = 1; k < size; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return lines;
    if (byte === 0x0a) lines++;
    i += size;
  }
  return lines;
}
