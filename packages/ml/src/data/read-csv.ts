/**
 * Streams a CSV into a columnar table: the file is read in chunks, parsed by csv-parse, and each cell
 * goes straight into its column's typed array, so the text is never held whole. The SHA-256 of the
 * bytes is computed on the way for the model file's training-data hash.
 *
 * Files that are not CSV text (empty, binary, compressed, spreadsheets) and CSV that cannot be parsed
 * stop with a DataValidationError naming the problem; UTF-16 and legacy Windows-1252 text are decoded
 * (the latter with a warning), so a file exported by an old system still reads.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { translateCsvError } from './csv-errors.ts';
import { parserDelimiter, sniffDelimiter, WHITESPACE } from './delimiter.ts';
import { whitespaceToTabs } from './whitespace.ts';
import { sniffFile, Utf8Checker, type TextEncoding } from './file-sniff.ts';
import { checkHeader } from './header.ts';
import { firstRowIsHeader, HEADER_SAMPLE_ROWS, numberedColumns, type HeaderMode } from './header-row.ts';
import { ColumnBuilder, defaultCellParsing, type Table } from './table.ts';
import { DataValidationError, describeRows, makeReport, RowList, type IssueCode, type ValidationIssue } from './validation-report.ts';

export interface ReadCsvOptions {
  /** Field delimiter; sniffed from the first lines when omitted. */
  delimiter?: string;
  /** Extra cell texts to read as missing (the empty cell always is). */
  missingTokens?: string[];
  /** Called every `progressEvery` rows with the count so far. */
  onProgress?: (rows: number) => void;
  progressEvery?: number;
  /** Stop reading (a memory-budget error) once the table's arrays pass this many bytes. */
  maxTableBytes?: number;
  /** Columns read as text whatever they hold (identifiers: "007" stays "007", never the number 7). */
  textColumns?: readonly string[];
  /**
   * Whether the first row names the columns: 'yes' (default), 'no' (columns 1..N), or 'auto' (decided
   * from the first rows, see header-row.ts: the Statlog files have no header).
   */
  header?: HeaderMode;
}

export interface CsvReadResult {
  table: Table;
  delimiter: string;
  /** Hex SHA-256 of the bytes read (the whole file). */
  sha256: string;
  bytes: number;
  /** The text encoding the file was read with. */
  encoding: TextEncoding;
  /** Structural problems (rows with the wrong number of fields, repeated header names, encoding). */
  issues: ValidationIssue[];
  /** False when the file had no header row (its columns are named 1..N). */
  header: boolean;
}

const SNIFF_BYTES = 64 * 1024;
/** A record longer than this is almost surely a quote left open; stop instead of buffering the file. */
const MAX_RECORD_BYTES = 32 * 1024 * 1024;

/** A problem with the file as a whole: training cannot start, exit code 2. */
export function fileError(code: IssueCode, message: string): DataValidationError {
  return new DataValidationError(makeReport([{ severity: 'error', code, message }]));
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function decodeHead(head: Buffer, encoding: TextEncoding): string {
  return new TextDecoder(encoding === 'utf-16be' ? 'utf-16be' : encoding).decode(head);
}

/** Classifies the file from its first bytes; throws for files that are not CSV text. */
function textEncodingOf(head: Buffer): TextEncoding {
  const kind = sniffFile(head);
  if (kind.kind === 'empty') throw fileError('empty-file', 'the file is empty (0 bytes): there is no header and no data');
  if (kind.kind === 'binary') throw fileError('binary-file', `the file is not CSV text: it looks like ${kind.what}`);
  return kind.encoding;
}

/** The start of a file as text, with its size, encoding and delimiter (for estimates before reading it). */
export async function inspectCsvFile(
  path: string,
  options: Pick<ReadCsvOptions, 'delimiter'> = {},
): Promise<{ bytes: number; sample: string; delimiter: string; encoding: TextEncoding }> {
  const head = await readHead(path);
  const encoding = textEncodingOf(head);
  const sample = decodeHead(head, encoding);
  const { size } = await stat(path);
  return { bytes: size, sample, delimiter: options.delimiter ?? sniffDelimiter(sample), encoding };
}

export async function readCsvFile(path: string, options: ReadCsvOptions = {}): Promise<CsvReadResult> {
  const head = await readHead(path);
  const encoding = textEncodingOf(head);
  const delimiter = options.delimiter ?? sniffDelimiter(decodeHead(head, encoding));
  const open = () => createReadStream(path, { highWaterMark: 1 << 20 });
  if (encoding === 'windows-1252') {
    const checker = new Utf8Checker();
    checker.push(head);
    return readCsvStream(open(), { ...options, delimiter, encoding, badUtf8Line: checker.badLine });
  }
  if (encoding !== 'utf-8') return readCsvStream(open(), { ...options, delimiter, encoding });
  try {
    return await readCsvStream(open(), { ...options, delimiter, encoding });
  } catch (error) {
    // Valid UTF-8 at the start but not further on: read it again as the legacy code page.
    if (!(error instanceof NotUtf8Error)) throw error;
    return readCsvStream(open(), { ...options, delimiter, encoding: 'windows-1252', badUtf8Line: error.line });
  }
}

/** For scoring: a file whose structure is broken (repeated names, ragged rows) cannot be scored safely. */
export function requireReadable(result: CsvReadResult): CsvReadResult {
  if (result.issues.some((issue) => issue.severity === 'error')) throw new DataValidationError(makeReport(result.issues));
  return result;
}

export async function readCsvText(text: string, options: ReadCsvOptions = {}): Promise<CsvReadResult> {
  if (text.length === 0) throw fileError('empty-file', 'the file is empty (0 bytes): there is no header and no data');
  const delimiter = options.delimiter ?? sniffDelimiter(text.slice(0, SNIFF_BYTES));
  return readCsvStream(Readable.from([Buffer.from(text, 'utf8')]), { ...options, delimiter, encoding: 'utf-8' });
}

function checkTableBytes(builders: ColumnBuilder[], rows: number, limit: number): void {
  let bytes = 0;
  for (const builder of builders) bytes += builder.bytes;
  if (bytes > limit) {
    throw fileError(
      'memory-budget',
      `the table passes ${(bytes / 1e9).toFixed(1)} GB after ${rows.toLocaleString('en-US')} rows, more than the memory budget leaves for it (${(limit / 1e9).toFixed(1)} GB): raise --max-memory, or use fewer rows or columns`,
    );
  }
}

export class NotUtf8Error extends Error {
  constructor(readonly line: number) {
    super(`invalid UTF-8 on line ${line}`);
  }
}

/** Decodes a non-UTF-8 byte stream into text for csv-parse. */
function decoder(encoding: TextEncoding): Transform {
  const textDecoder = new TextDecoder(encoding);
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      done(null, textDecoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, textDecoder.decode());
    },
  });
}

interface StreamOptions extends ReadCsvOptions {
  delimiter: string;
  encoding?: TextEncoding;
  /** Set when a UTF-8 read failed: the line of the first invalid byte (for the warning). */
  badUtf8Line?: number;
}

export async function readCsvStream(source: Readable, options: StreamOptions): Promise<CsvReadResult> {
  const encoding = options.encoding ?? 'utf-8';
  const hash = createHash('sha256');
  let bytes = 0;
  const utf8 = encoding === 'utf-8' ? new Utf8Checker() : null;
  let parserRef: ReturnType<typeof parse> | null = null;
  source.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    bytes += chunk.length;
    if (utf8 && !utf8.push(chunk)) parserRef?.destroy(new NotUtf8Error(utf8.badLine));
  });
  const parsing = defaultCellParsing(options.delimiter === ';');
  const missingTokens = new Set(parsing.missingTokens);
  for (const token of options.missingTokens ?? []) missingTokens.add(token);
  const cellParsing = { ...parsing, missingTokens };

  // Line where the last complete record ended: a quote left open starts on the line after it.
  let lastRecordLine = 0;
  const parser = parse({
    delimiter: parserDelimiter(options.delimiter),
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  // Read from the parser's live counters as each record is handed on: an on_record callback would do
  // the same, but csv-parse then copies its whole info object for every record (about 1.4 s of a
  // million-row read).
  const info = (parser as unknown as { info: { lines: number } }).info;
  const pushRecord = parser.push.bind(parser);
  parser.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk !== null) lastRecordLine = info.lines;
    return pushRecord(chunk, encoding);
  };
  parserRef = parser;
  const decoded = encoding === 'utf-8' ? source : source.pipe(decoder(encoding));
  const text = options.delimiter === WHITESPACE ? decoded.pipe(whitespaceToTabs()) : decoded;
  text.pipe(parser);
  // A read error on the file does not propagate through pipe(); forward it so the loop ends.
  source.on('error', (error) => parser.destroy(error));
  text.on('error', (error) => parser.destroy(error));
  if (decoded !== text) decoded.on('error', (error) => parser.destroy(error));

  const issues: ValidationIssue[] = [];
  // Set by start() (a closure: the type says so, or the checks after the loop would narrow it to null).
  let builders = null as ColumnBuilder[] | null;
  const ragged = new RowList();
  let expectedFields = 0;
  let dataRow = 0;
  const progressEvery = options.progressEvery ?? 100_000;
  const headerMode = options.header ?? 'yes';
  let header = headerMode !== 'no';
  const addRow = (record: string[]) => {
    dataRow++;
    if (record.length !== expectedFields) ragged.add(dataRow);
    for (let c = 0; c < builders!.length; c++) builders![c]!.push(record[c], cellParsing);
    if (options.onProgress && dataRow % progressEvery === 0) options.onProgress(dataRow);
    if (options.maxTableBytes !== undefined && (dataRow & 0xffff) === 0) checkTableBytes(builders!, dataRow, options.maxTableBytes);
  };
  // The first rows, held until it is known whether the first one is a header ('auto').
  let held: string[][] | null = headerMode === 'auto' ? [] : null;
  const start = (rows: string[][]) => {
    header = headerMode === 'yes' || (headerMode === 'auto' && firstRowIsHeader(rows[0]!, rows.slice(1), cellParsing));
    const names = header ? checkHeader(rows[0]!, issues) : numberedColumns(rows[0]!.length);
    expectedFields = names.length;
    const textColumns = new Set(options.textColumns ?? []);
    builders = names.map((name) => new ColumnBuilder(name, 1024, textColumns.has(name)));
    for (const record of header ? rows.slice(1) : rows) addRow(record);
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (held) {
        held.push(record);
        if (held.length > HEADER_SAMPLE_ROWS) {
          start(held);
          held = null;
        }
      } else if (builders === null) start([record]);
      else addRow(record);
    }
    if (held && held.length > 0) start(held);
  } catch (error) {
    if (error instanceof NotUtf8Error || error instanceof DataValidationError) throw error;
    if (utf8 && utf8.badLine > 0) throw new NotUtf8Error(utf8.badLine);
    throw new DataValidationError(makeReport([translateCsvError(error, options.delimiter, lastRecordLine)]));
  }
  if (utf8 && !utf8.end()) throw new NotUtf8Error(utf8.badLine);
  if (builders === null) throw fileError('empty-file', 'the file holds no CSV rows (only blank lines): there is no header and no data');
  if (options.badUtf8Line !== undefined || encoding !== 'utf-8') {
    const where = options.badUtf8Line !== undefined ? ` (the first byte that is not UTF-8 is on line ${options.badUtf8Line})` : '';
    issues.push({
      severity: 'warning',
      code: 'text-encoding',
      message:
        encoding === 'windows-1252'
          ? `the file is not UTF-8${where}; it was read as Windows-1252 (Latin-1): check accented text, and save as UTF-8 to be sure`
          : `the file is ${encoding.toUpperCase()} text; it was decoded as such`,
    });
  }
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
  return { table, delimiter: options.delimiter, sha256: hash.digest('hex'), bytes, encoding, issues, header };
}
