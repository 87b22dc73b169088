/** Writes CSV rows to a file stream, quoting fields that need it and honouring back-pressure. */
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';

function quote(field: string | number | null): string {
  if (field === null) return '';
  const text = String(field);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export class CsvWriter {
  private readonly stream: WriteStream;

  constructor(path: string) {
    this.stream = createWriteStream(path);
  }

  async row(fields: (string | number | null)[]): Promise<void> {
    if (!this.stream.write(`${fields.map(quote).join(',')}\n`)) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    this.stream.end();
    await once(this.stream, 'finish');
  }
}
