/** `probity-ml score`: PDs (and optionally reason codes) for every row of a CSV, batch by batch on every CPU. */
import { availableParallelism } from 'node:os';
import { readCsvFile, requireReadable } from '../../data/read-csv.ts';
import { cellValue } from '../../data/table.ts';
import { reasonText } from '../../explain/reason-codes.ts';
import { scoreFromLogit } from '../../logistic/scorecard.ts';
import { loadModel } from '../../model-file/io.ts';
import { BatchScorer, DEFAULT_BATCH_SIZE } from '../../scorer/batch/batch-scorer.ts';
import { unitValues, unseenLevels } from '../../scorer/model-scorer.ts';
import { headerFlag, optionalNumber, parseFlags, requireString } from '../args.ts';
import { CsvWriter, csvLine } from '../csv-writer.ts';
import { writeLine, type CliIO } from '../io.ts';

const FLAGS = {
  model: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  explain: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'string' },
  'batch-size': { type: 'string' },
  threads: { type: 'string' },
} as const;

export async function scoreCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const modelPath = requireString(flags, 'model');
  const data = requireString(flags, 'data');
  const out = requireString(flags, 'out');
  const k = optionalNumber(flags, 'explain', (n) => Number.isInteger(n) && n >= 0, 'a whole number of reasons') ?? 0;
  const batchSize =
    optionalNumber(flags, 'batch-size', (n) => Number.isInteger(n) && n >= 1 && n <= 1 << 20, 'a whole number of rows from 1 to 1048576') ??
    DEFAULT_BATCH_SIZE;
  const threads =
    optionalNumber(flags, 'threads', (n) => Number.isInteger(n) && n >= 1 && n <= 256, 'a whole number of threads from 1 to 256') ??
    availableParallelism();
  const model = await loadModel(modelPath);
  const read = requireReadable(
    await readCsvFile(data, { delimiter: typeof flags.delimiter === 'string' ? flags.delimiter : undefined, header: headerFlag(flags) }),
  );
  const table = read.table;
  const scorer = new BatchScorer(model, { batchSize, threads });
  const idColumn = model.idColumn !== null ? table.columns.find((c) => c.name === model.idColumn) : undefined;
  const scorecard = model.model.kind === 'logistic' ? model.model.state.scorecard : null;
  const header = ['row', ...(idColumn ? [idColumn.name] : []), 'pd', 'logit', ...(scorecard ? ['score'] : [])];
  for (let r = 1; r <= k; r++) header.push(`reason_${r}`, `reason_${r}_feature`, `reason_${r}_contribution`);
  const units = scorer.units;
  const labels = units.map((name) => model.labels[name] ?? name);
  const valueOf = unitValues(model, table);
  const writer = new CsvWriter(out);
  try {
    await writer.write(csvLine(header));
    for await (const batch of scorer.batches(table, { reasons: k })) {
      let text = '';
      for (let j = 0; j < batch.n; j++) {
        const i = batch.from + j;
        const fields: (string | number | null)[] = [i + 1];
        if (idColumn) fields.push(cellValue(idColumn, i));
        fields.push(batch.pd[j]!, batch.logit[j]!);
        if (scorecard) fields.push(Math.round(scoreFromLogit(batch.logit[j]!, scorecard) * 100) / 100);
        for (let r = 0; r < k; r++) {
          const u = batch.reasons!.unit[j * k + r]!;
          const c = batch.reasons!.contribution[j * k + r]!;
          if (u < 0) fields.push(null, null, null);
          else fields.push(reasonText(labels[u]!, valueOf(u, i), c), units[u]!, c);
        }
        text += csvLine(fields);
      }
      await writer.write(text);
    }
    await writer.close();
  } finally {
    await scorer.close();
  }
  for (const issue of unseenLevels(model, table)) writeLine(io.stderr, `warning: ${issue.message}`);
  writeLine(io.stdout, `scored ${table.rowCount} rows with the ${model.model.kind} model; wrote ${out}`);
  return 0;
}
