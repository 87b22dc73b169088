/**
 * The memory budget of a training run (--max-memory). A file that cannot fit is refused before the
 * work starts, with the figure it would need: first from the file's size and its first lines (before
 * reading), then from the table as read (before the pipeline), then from the fitted pipeline's design
 * (before the models). The figures are estimates of the large typed arrays (the table, the designs,
 * the solvers' matrices) plus the runtime; small objects are ignored.
 */
import { WHITESPACE } from '../data/delimiter.ts';
import { freemem, totalmem } from 'node:os';
import { DataValidationError, makeReport } from '../data/validation-report.ts';
import type { Table } from '../data/table.ts';
import { coordinateDescentBytes, formatBytes, newtonBytes, type SolverMethod } from '../logistic/solver-choice.ts';
import { DEFAULT_PIPELINE_OPTIONS } from '../pipeline/types.ts';

/** Node.js, tsx and the package's code before any data. */
export const RUNTIME_BYTES = 150e6;
/** Per row, the run's smaller arrays together (measured on the 1M-row benchmark file). */
const WORKING_BYTES_PER_ROW = 48;
/** Share of the machine's memory used when --max-memory is not given. */
export const DEFAULT_SHARE = 0.5;

export interface MemoryPart {
  name: string;
  bytes: number;
}

export interface MemoryEstimate {
  /** What is estimated ("reading and training on loans.csv (about 1,200,000 rows x 40 columns)"). */
  what: string;
  parts: MemoryPart[];
  total: number;
}

/** The default budget: half the machine's memory, or what is free now if that is less (other work shares it). */
export function defaultMemoryBudget(): number {
  return Math.min(DEFAULT_SHARE * totalmem(), Math.max(freemem(), 0.25 * totalmem()));
}

const UNITS: Record<string, number> = { '': 1, b: 1, k: 1e3, kb: 1e3, m: 1e6, mb: 1e6, g: 1e9, gb: 1e9, t: 1e12, tb: 1e12 };

/** "8G", "512MB", "1.5 GB", "2000000000" to bytes; null when it is not a size. */
export function parseMemorySize(text: string): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (!match) return null;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return null;
  const bytes = Number(match[1]) * unit;
  return bytes > 0 ? bytes : null;
}

/** Capacity a column builder ends with for `rows` rows (it starts at 1,024 and doubles). */
function builderCapacity(rows: number): number {
  let capacity = 1024;
  while (capacity < rows) capacity *= 2;
  return capacity;
}

function estimate(what: string, parts: MemoryPart[]): MemoryEstimate {
  const kept = parts.filter((p) => p.bytes > 0);
  return { what, parts: kept, total: kept.reduce((sum, p) => sum + p.bytes, 0) };
}

export interface ModelShape {
  /** 'logistic', 'deep' or 'fusion' (a string: the CLI passes its flag through); only 'deep' and 'logistic' change the estimate. */
  model: string;
  /** Columns in the logistic design per row as stored (dense values plus one-hot slots). */
  storedPerRow: number;
  /** Model columns of the logistic design (dense plus every one-hot column). */
  designColumns: number;
  solver: SolverMethod;
  /** Dense inputs of the deep model per row. */
  deepInputs: number;
  threads: number;
}

/** Values stored per row and logistic design columns per feature for an encoding (one-hot bins: a slot per row, about 11 columns). */
function designShape(encoding: string | undefined, features: number): { storedPerRow: number; designColumns: number } {
  const dense = { bins: 0, woe: 1, linear: 2, hybrid: 3 }[encoding ?? DEFAULT_PIPELINE_OPTIONS.encoding] ?? 0;
  return dense === 0
    ? { storedPerRow: features, designColumns: 11 * features }
    : { storedPerRow: dense * features, designColumns: Math.max(2, dense) * features };
}

/** Designs and solver memory for `rows` rows (train, validation and test together) of a given shape. */
function modelParts(rows: number, shape: ModelShape): MemoryPart[] {
  // Splits, labels, sorted copies for quantiles, level codes, scores and PDs of the measuring passes.
  const parts: MemoryPart[] = [{ name: 'working arrays', bytes: rows * WORKING_BYTES_PER_ROW }];
  const trainRows = Math.ceil(0.64 * rows);
  if (shape.model !== 'deep') {
    // Train, validation and test designs, then the scorer's pass over the training rows (score stability).
    parts.push({ name: 'logistic designs', bytes: (rows + trainRows) * shape.storedPerRow * 4 });
    parts.push({
      name: shape.solver === 'newton' ? "Newton's Hessians" : 'coordinate-descent vectors',
      bytes:
        shape.solver === 'newton'
          ? newtonBytes(shape.designColumns, shape.threads)
          : coordinateDescentBytes(trainRows, shape.designColumns),
    });
  }
  if (shape.model !== 'logistic') {
    // Float32 datasets, and TensorFlow.js's copy of the training and validation inputs.
    parts.push({ name: 'deep datasets and tensors', bytes: (rows + 0.8 * rows) * shape.deepInputs * 4 });
  }
  return parts;
}

/** Before reading: rows and columns guessed from the file's size and its first lines. */
export function estimateFromFile(
  file: { bytes: number; sample: string; delimiter: string },
  model: { model: string; encoding?: string; threads?: number },
): MemoryEstimate & { rows: number; columns: number } {
  const lines = file.sample.split(/\r?\n/);
  if (file.bytes > file.sample.length) lines.pop(); // the last line of the sample may be cut
  const header = lines[0] ?? '';
  const data = lines.slice(1).filter((line) => line.trim().length > 0);
  const columns = Math.max(1, header.split(splitter(file.delimiter)).length);
  const sampleBytes = data.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
  const rows = data.length === 0 ? 0 : Math.ceil(((file.bytes - Buffer.byteLength(header)) * data.length) / Math.max(sampleBytes, 1));
  const textColumns = countTextColumns(data, file.delimiter, columns);
  const features = Math.max(columns - 1, 1);
  const capacity = builderCapacity(rows);
  const parts: MemoryPart[] = [
    { name: 'runtime', bytes: RUNTIME_BYTES },
    // While the columns double for the last time, the old halves are still held.
    { name: 'table (8 bytes a cell, while growing)', bytes: 1.5 * capacity * (columns * 8 + textColumns * 4) },
    ...modelParts(rows, {
      model: model.model,
      ...designShape(model.encoding, features),
      solver: features * 11 > 1500 ? 'coordinate-descent' : 'newton',
      deepInputs: 2 * features,
      threads: model.threads ?? 2,
    }),
  ];
  return {
    ...estimate(`about ${rows.toLocaleString('en-US')} rows x ${columns.toLocaleString('en-US')} columns`, parts),
    rows,
    columns,
  };
}

/** What splits a line into fields: the delimiter, or runs of blanks for whitespace-delimited files. */
function splitter(delimiter: string): string | RegExp {
  return delimiter === WHITESPACE ? /[ \t]+/ : delimiter;
}

function countTextColumns(lines: string[], delimiter: string, columns: number): number {
  const text = new Array<boolean>(columns).fill(false);
  for (const line of lines.slice(0, 200)) {
    line.split(splitter(delimiter)).forEach((cell, c) => {
      const trimmed = cell.trim().replace(/^"|"$/g, '');
      if (c < columns && trimmed.length > 0 && Number.isNaN(Number(trimmed.replace(',', '.')))) text[c] = true;
    });
  }
  return text.filter(Boolean).length;
}

/** The table as read: its arrays' real sizes. */
export function tableBytes(table: Table): number {
  let bytes = 0;
  for (const column of table.columns) {
    bytes += column.numbers.buffer.byteLength;
    if (column.textCodes) bytes += column.textCodes.buffer.byteLength;
  }
  return bytes;
}

/** After reading: the table's real size, the designs guessed from its columns. */
export function estimateFromTable(table: Table, model: { model: string; encoding?: string; threads?: number }): MemoryEstimate {
  const features = Math.max(table.columns.length - 1, 1);
  return estimate(`${table.rowCount.toLocaleString('en-US')} rows x ${table.columns.length.toLocaleString('en-US')} columns`, [
    { name: 'runtime', bytes: RUNTIME_BYTES },
    { name: 'table', bytes: tableBytes(table) },
    ...modelParts(table.rowCount, {
      model: model.model,
      ...designShape(model.encoding, features),
      solver: features * 11 > 1500 ? 'coordinate-descent' : 'newton',
      deepInputs: 2 * features,
      threads: model.threads ?? 2,
    }),
  ]);
}

/** After the pipeline: the designs' exact shapes (and, with augmentation, the table's copy with its synthetic rows). */
export function estimateFromDesign(table: Table, shape: ModelShape, syntheticRows = 0): MemoryEstimate {
  const perRow = tableBytes(table) / Math.max(table.rowCount, 1);
  return estimate(`${table.rowCount.toLocaleString('en-US')} rows, ${shape.designColumns.toLocaleString('en-US')} design columns`, [
    { name: 'runtime', bytes: RUNTIME_BYTES },
    { name: 'table', bytes: tableBytes(table) },
    { name: 'augmented table', bytes: syntheticRows > 0 ? perRow * (table.rowCount + syntheticRows) : 0 },
    ...modelParts(table.rowCount + syntheticRows, shape),
  ]);
}

export function describeEstimate(e: MemoryEstimate): string {
  return `${formatBytes(e.total)} (${e.parts.map((p) => `${p.name} ${formatBytes(p.bytes)}`).join(', ')})`;
}

/** Refuses (exit code 2, before the work) when the estimate passes the budget. */
export function checkMemoryBudget(e: MemoryEstimate, budget: number, stage: string): void {
  if (e.total <= budget) return;
  throw new DataValidationError(
    makeReport([
      {
        severity: 'error',
        code: 'memory-budget',
        message: `${stage} ${e.what} needs about ${describeEstimate(e)}, more than the memory budget of ${formatBytes(budget)}: give --max-memory ${Math.ceil(e.total / 1e8) / 10}G or more if the machine has it, or use fewer rows or columns`,
      },
    ]),
  );
}
