/**
 * Validates a dataset as it streams in (an HTTP upload, a stored file): the bytes go through the same
 * reader and checks as training (readCsvStream, prepareDataset), never held whole, and come out as a
 * report a person can act on: every problem with its rows and column, the column types, the target
 * and its default rate. The platform stores a dataset only when `report.ok`.
 */
import { Readable } from 'node:stream';
import { DataValidationError, makeReport, type ValidationIssue, type ValidationReport } from './validation-report.ts';
import { sniffDelimiter } from './delimiter.ts';
import { sniffFile, type TextEncoding } from './file-sniff.ts';
import { prepareDataset } from './dataset.ts';
import { NotUtf8Error, readCsvStream } from './read-csv.ts';

export interface UploadColumn {
  name: string;
  /** numeric, categorical, identifier, date, target, ignored or unusable (packages/ml's inference). */
  type: string;
  missing: number;
}

export interface UploadValidation {
  report: ValidationReport;
  sha256: string;
  bytes: number;
  rows: number;
  columns: UploadColumn[];
  encoding: TextEncoding | null;
  delimiter: string | null;
  /** The default-flag column used (named by the caller or recognised by name). */
  target: string | null;
  defaults: number | null;
  defaultRate: number | null;
}

export interface ValidateUploadOptions {
  /** The default-flag column; recognised by name (default, bankrupt, target...) when omitted. */
  target?: string;
  defaultValue?: string;
  delimiter?: string;
  onProgress?: (rows: number) => void;
}

/** Names a default flag usually goes by, most specific first. */
const TARGET_NAMES = [
  /^default[_\s.-]?next[_\s.-]?month$/i,
  /^default(ed)?$/i,
  /^bankrupt(cy)?$/i,
  /^(target|label|class|bad|y)$/i,
  /default/i,
];

/** The column most likely to be the default flag, by name. */
export function guessTargetColumn(names: readonly string[]): string | null {
  for (const pattern of TARGET_NAMES) {
    const found = names.find((name) => pattern.test(name));
    if (found !== undefined) return found;
  }
  return null;
}

const HEAD_BYTES = 64 * 1024;

/** Reads the first bytes of a stream and gives back a stream that starts with them again. */
async function peek(source: AsyncIterable<Buffer | string>): Promise<{ head: Buffer; stream: Readable }> {
  const iterator = source[Symbol.asyncIterator]();
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    taken.push(chunk);
    size += chunk.length;
  }
  async function* replay(): AsyncGenerator<Buffer> {
    yield* taken;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    }
  }
  return { head: Buffer.concat(taken).subarray(0, HEAD_BYTES), stream: Readable.from(replay(), { objectMode: false }) };
}

function failed(issues: ValidationIssue[]): UploadValidation {
  return {
    report: makeReport(issues),
    sha256: '',
    bytes: 0,
    rows: 0,
    columns: [],
    encoding: null,
    delimiter: null,
    target: null,
    defaults: null,
    defaultRate: null,
  };
}

export async function validateUpload(
  source: AsyncIterable<Buffer | string>,
  options: ValidateUploadOptions = {},
): Promise<UploadValidation> {
  const { head, stream } = await peek(source);
  const kind = sniffFile(head);
  if (kind.kind === 'empty')
    return failed([{ severity: 'error', code: 'empty-file', message: 'the file is empty (0 bytes): there is no header and no data' }]);
  if (kind.kind === 'binary')
    return failed([{ severity: 'error', code: 'binary-file', message: `the file is not CSV text: it looks like ${kind.what}` }]);
  const encoding = kind.encoding;
  const sample = new TextDecoder(encoding === 'windows-1252' ? 'windows-1252' : encoding).decode(head);
  const delimiter = options.delimiter ?? sniffDelimiter(sample);
  let read;
  try {
    read = await readCsvStream(stream, { delimiter, encoding, onProgress: options.onProgress, progressEvery: 50_000 });
  } catch (error) {
    if (error instanceof DataValidationError) return failed(error.report.issues);
    // A file read from disk is re-read as Windows-1252; a stream cannot be, so the uploader re-saves it.
    if (error instanceof NotUtf8Error) {
      return failed([
        {
          severity: 'error',
          code: 'text-encoding',
          message: `the file is not valid UTF-8 (line ${error.line}): save it as UTF-8 and upload it again`,
        },
      ]);
    }
    throw error;
  }
  const names = read.table.columns.map((column) => column.name);
  const target = options.target ?? guessTargetColumn(names);
  const issues = [...read.issues];
  if (target === null) {
    issues.push({
      severity: 'error',
      code: 'missing-target-column',
      message: `no default-flag column found by name (default, bankrupt, target...): name it with the target field (columns: ${names.join(', ')})`,
    });
  }
  const prepared = prepareDataset(read.table, { target: target ?? '', defaultValue: options.defaultValue }, issues);
  const byName = new Map(prepared.columns.map((profile) => [profile.name, profile]));
  const hasTarget = target !== null && names.includes(target);
  let defaults = 0;
  if (hasTarget) for (const label of prepared.labels) defaults += label;
  return {
    report: target === null ? makeReport(issues) : prepared.report,
    sha256: read.sha256,
    bytes: read.bytes,
    rows: read.table.rowCount,
    columns: read.table.columns.map((column) => ({
      name: column.name,
      type: column.name === target ? 'target' : (byName.get(column.name)?.kind ?? 'unusable'),
      missing: column.missingCount,
    })),
    encoding: read.encoding,
    delimiter,
    target: hasTarget ? target : null,
    defaults: hasTarget ? defaults : null,
    defaultRate: hasTarget && read.table.rowCount > 0 ? defaults / read.table.rowCount : null,
  };
}
