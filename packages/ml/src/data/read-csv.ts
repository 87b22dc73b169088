/**
 * Streams a CSV into a columnar table: the file is read in chunks, parsed by csv-parse, and each cell
 * goes straight into its column's typed array, so the text is never held whole. The SHA-256 of the
 * bytes is computed on the way for the model file's training-data hash.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { sniffDelimiter } from './delimiter.ts';
import { ColumnBuilder, defaultCellParsing, type Table } from './table.ts';
import { describeRows, RowList, type ValidationIssue } from './validation-report.ts';

export interface ReadCsvOptions {
  /** Field delimiter; sniffed from the first lines when omitted. */
  delimiter?: string;
  /** Extra cell texts to read as missing (the empty cell always is). */
  missingTokens?: string[];
  /** Called every `progressEvery` rows with the count so far. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
}

export interface CsvReadResult {
  table: Table;
  delimiter: string;
  /** Hex SHA-256 of the bytes read (the whole file). */
  sha256: string;
  bytes: number;
  /** Structural problems (rows with the wrong number of fields, repeated header names). */
  issues: ValidationIssue[];
}

const SNIFF_BYTES = 64 * 1024;

async function readHead(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

export async function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<CsvReadResult> {
  const delimiter = options.delimiter ?? sniffDelimiter(await readHead(path));
  return readCsvStream(createReadStream(path, { highWaterMark: 1 << 20 }), { ...options, delimiter });
}

export async function readCsvText(text: string, options: ReadCsvOptions = {}): Promise<CsvReadResult> {
  const delimiter = options.delimiter ?? sniffDelimiter(text.slice(0, SNIFF_BYTES));
  return readCsvStream(Readable.from([Buffer.from(text, 'utf8')]), { ...options, delimiter });
}

function uniqueHeader(header: string[], issues: ValidationIssue[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, index) => {
    const name = raw.trim().length > 0 ? raw.trim() : `column_${index + 1}`;
    const times = seen.get(name) ?? 0;
    seen.set(name, times + 1);
    if (times === 0) return name;
    const renamed = `${name}_${times + 1}`;
    issues.push({
      severity: 'warning',
      code: 'duplicate-column',
      column: name,
      message: `the header names column "${name}" more than once; field ${index + 1} is read as "${renamed}"`,
    });
    return renamed;
  });
}

export async function readCsvStream(source: Readable, options: ReadCsvOptions & { delimiter: string }): Promise<CsvReadResult> {
  const hash = createHash('sha256');
  let bytes = 0;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
  });
  const parsing = defaultCellParsing(options.delimiter === ';');
  const missingTokens = new Set(parsing.missingTokens);
  for (const token of options.missingTokens ?? []) missingTokens.add(token);
  const cellParsing = { ...parsing, missingTokens };

  const parser = source.pipe(
    parse({
      delimiter: options.delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }),
  );
  // A read error on the file does not propagate through pipe(); forward it so the loop ends.
  source.on('error', (error) => parser.destroy(error));

  const issues: ValidationIssue[] = [];
  let builders: ColumnBuilder[] | null = null;
  const ragged = new RowList();
  let expectedFields = 0;
  let dataRow = 0;
  const progressEvery = options.progressEvery ?? 100_000;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (builders === null) {
        const header = uniqueHeader(record, issues);
        expectedFields = header.length;
        builders = header.map((name) => new ColumnBuilder(name));
        continue;
      }
      dataRow++;
      if (record.length !== expectedFields) ragged.add(dataRow);
      for (let c = 0; c < builders.length; c++) builders[c]!.push(record[c], cellParsing);
      if (options.onProgress && dataRow % progressEvery === 0) options.onProgress(dataRow);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // csv-parse names the line where it stopped.
    throw new Error(`cannot parse the CSV (delimiter ${JSON.stringify(options.delimiter)}): ${message}`);
  }
  if (builders === null) throw new Error('the CSV is empty: no header row');
  if (ragged.count > 0) {
    issues.push({
      severity: 'error',
      code: 'ragged-row',
      rows: ragged.rows,
      count: ragged.count,
      message: `${describeRows(ragged.rows, ragged.count)} do not have the header's ${expectedFields} fields`,
    });
  }
  const table: Table = { rowCount: dataRow, columns: builders.map((builder) => builder.finish()) };
  return { table, delimiter: options.delimiter, sha256: hash.digest('hex'), bytes, issues };
}
