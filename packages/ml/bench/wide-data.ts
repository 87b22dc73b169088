/**
 * Reads the wide benchmark's data (bench/wide_l1_bench.py generate: row-major float32, as numpy
 * writes it) into a column design, transposing a block of rows at a time: the matrix is held once,
 * by column, in shared memory (what the coordinate-descent solver and its threads read).
 */
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { denseColumnDesign, type ColumnDesign } from '../src/pipeline/column-design.ts';
import { sharedUint8 } from '../src/util/shared-arrays.ts';

export interface WideMeta {
  rows: number;
  columns: number;
  informative: number[];
  seed: number;
  defaultRate: number;
  generator: string;
}

export function readWideMeta(directory: string): WideMeta {
  return JSON.parse(readFileSync(join(directory, 'meta.json'), 'utf8')) as WideMeta;
}

export function loadWideColumns(directory: string): { design: ColumnDesign; labels: Uint8Array; meta: WideMeta } {
  const meta = readWideMeta(directory);
  const { rows, columns } = meta;
  const values = new Float32Array(new SharedArrayBuffer(rows * columns * 4));
  const block = 1024;
  const buffer = Buffer.alloc(block * columns * 4);
  const chunk = new Float32Array(buffer.buffer, buffer.byteOffset, block * columns);
  const fd = openSync(join(directory, 'X.f32'), 'r');
  try {
    for (let start = 0; start < rows; start += block) {
      const m = Math.min(block, rows - start);
      const bytes = m * columns * 4;
      let read = 0;
      while (read < bytes) read += readSync(fd, buffer, read, bytes - read, start * columns * 4 + read);
      for (let j = 0; j < columns; j++) {
        const out = j * rows + start;
        for (let i = 0; i < m; i++) values[out + i] = chunk[i * columns + j]!;
      }
    }
  } finally {
    closeSync(fd);
  }
  const raw = readFileSync(join(directory, 'y.u8'));
  const labels = sharedUint8(rows);
  labels.set(raw.subarray(0, rows));
  return { design: denseColumnDesign(rows, columns, values), labels, meta };
}
