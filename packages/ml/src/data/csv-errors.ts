/**
 * csv-parse's errors in a user's words: what is wrong, on which line, and what usually causes it.
 * The parser names the line where it gave up; for a quote that is never closed that is the end of the
 * file, so the line where the unfinished record began is named instead.
 */
import type { ValidationIssue } from './validation-report.ts';

interface CsvParseError {
  code?: string;
  message?: string;
  lines?: number;
}

export function translateCsvError(error: unknown, delimiter: string, lastRecordLine: number): ValidationIssue {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CsvParseError;
  const line = typeof e.lines === 'number' ? e.lines : undefined;
  const opened = lastRecordLine + 1;
  let message: string;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      message = `unbalanced quotes: the double quote opening a field on line ${opened} is never closed, so the rest of the file would be one field; close it or double the quote ("") inside the text`;
      break;
    case 'CSV_MAX_RECORD_SIZE':
      message = `the record starting on line ${opened} grows past 32 MB: a double quote opened there is probably never closed`;
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
      message = `line ${line ?? opened}: text follows a closing double quote inside a field; quote the whole field and double any quote in it ("")`;
      break;
    default: {
      const detail = (e.message ?? String(error)).split('\n')[0];
      message = `cannot read the file as CSV (delimiter ${JSON.stringify(delimiter)}) near line ${line ?? opened}: ${detail}`;
    }
  }
  return { severity: 'error', code: 'csv-syntax', message };
}
