/** Writes CSV text to a file stream, quoting fields that need it and honouring back-pressure. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

function quote(field: string | number | null): string {
  if (field === null) return '';
  if (typeof field === 'number') return String(field);
  return /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** One CSV line, newline included. */
export function csvLine(fields: (string | number | null)[]): string {
  return `${fields.map(quote).join(',')}\n`;
}

export class CsvWriter {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  /** Writes lines (many at once: one call per batch keeps the stream's overhead small). */
  async write(text: string): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
