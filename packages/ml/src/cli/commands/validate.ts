/**
 * `probity-ml validate`: read a CSV and check it as training would (readCsvFile, prepareDataset), then
 * print the report (rows, columns with their types, default rate, every problem) without training.
 * The platform's upload runs the same checks on a stream; this is its reference on a file.
 */
import { prepareDataset } from '../../data/dataset.ts';
import { readCsvFile } from '../../data/read-csv.ts';
import { formatReport } from '../../data/validation-report.ts';
import { headerFlag, optionalString, parseFlags, requireString } from '../args.ts';
import { writeLine, type CliIO } from '../io.ts';

const FLAGS = {
  data: { type: 'string' },
  target: { type: 'string' },
  'default-value': { type: 'string' },
  id: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'string' },
} as const;

export async function validateCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const data = requireString(flags, 'data');
  const target = requireString(flags, 'target');
  const started = performance.now();
  const read = await readCsvFile(data, { delimiter: optionalString(flags, 'delimiter'), header: headerFlag(flags) });
  const prepared = prepareDataset(
    read.table,
    { target, defaultValue: optionalString(flags, 'default-value'), id: optionalString(flags, 'id') },
    read.issues,
  );
  const rows = read.table.rowCount;
  let defaults = 0;
  for (const label of prepared.labels) defaults += label;
  const seconds = (performance.now() - started) / 1000;
  writeLine(
    io.stdout,
    `${rows} rows, ${read.table.columns.length} columns, ${read.bytes} bytes, sha256 ${read.sha256}, read and checked in ${seconds.toFixed(2)} s`,
  );
  for (const column of prepared.columns) writeLine(io.stdout, `  ${column.name}: ${column.kind}`);
  if (rows > 0) writeLine(io.stdout, `default rate ${(defaults / rows).toFixed(6)} (${defaults} defaults in ${target})`);
  writeLine(io.stdout, formatReport(prepared.report));
  return prepared.report.ok ? 0 : 2;
}
