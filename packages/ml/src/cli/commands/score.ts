/** `probity-ml score`: PDs (and optionally reason codes) for every row of a CSV. */
import { readCsvFile, requireReadable } from '../../data/read-csv.ts';
import { cellValue } from '../../data/table.ts';
import { scoreFromLogit } from '../../logistic/scorecard.ts';
import { loadModel } from '../../model-file/io.ts';
import { ModelScorer } from '../../scorer/model-scorer.ts';
import { optionalNumber, parseFlags, requireString } from '../args.ts';
import { CsvWriter } from '../csv-writer.ts';
import { writeLine, type CliIO } from '../io.ts';

const FLAGS = {
  model: { type: 'string' },
  data: { type: 'string' },
  out: { type: 'string' },
  explain: { type: 'string' },
  delimiter: { type: 'string' },
} as const;

/** Rows explained per batch: bounds memory for large files. */
const EXPLAIN_BATCH = 5000;

export async function scoreCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const model = await loadModel(requireString(flags, 'model'));
  const data = requireString(flags, 'data');
  const out = requireString(flags, 'out');
  const k = optionalNumber(flags, 'explain', (n) => Number.isInteger(n) && n >= 0, 'a whole number of reasons') ?? 0;
  const read = requireReadable(await readCsvFile(data, { delimiter: typeof flags.delimiter === 'string' ? flags.delimiter : undefined }));
  const table = read.table;
  const scorer = new ModelScorer(model);
  const scores = scorer.score(table);
  const idColumn = model.idColumn !== null ? table.columns.find((c) => c.name === model.idColumn) : undefined;
  const scorecard = model.model.kind === 'logistic' ? model.model.state.scorecard : null;
  const header = ['row', ...(idColumn ? [idColumn.name] : []), 'pd', 'logit', ...(scorecard ? ['score'] : [])];
  for (let r = 1; r <= k; r++) header.push(`reason_${r}`, `reason_${r}_feature`, `reason_${r}_contribution`);
  const writer = new CsvWriter(out);
  await writer.row(header);
  for (let start = 0; start < table.rowCount; start += EXPLAIN_BATCH) {
    const end = Math.min(table.rowCount, start + EXPLAIN_BATCH);
    const rows = Int32Array.from({ length: end - start }, (_, i) => start + i);
    const explanations = k > 0 ? scorer.explain(table, rows, { reasons: k }) : null;
    for (let i = start; i < end; i++) {
      const fields: (string | number | null)[] = [i + 1];
      if (idColumn) fields.push(cellValue(idColumn, i));
      fields.push(scores.pd[i]!, scores.logit[i]!);
      if (scorecard) fields.push(Math.round(scoreFromLogit(scores.logit[i]!, scorecard) * 100) / 100);
      if (explanations) {
        const reasons = explanations[i - start]!.reasons;
        for (let r = 0; r < k; r++) {
          const reason = reasons[r];
          fields.push(reason?.text ?? null, reason?.feature ?? null, reason ? reason.contribution : null);
        }
      }
      await writer.row(fields);
    }
  }
  await writer.close();
  for (const issue of scorer.unseenLevels(table)) writeLine(io.stderr, `warning: ${issue.message}`);
  writeLine(io.stdout, `scored ${table.rowCount} rows with the ${model.model.kind} model; wrote ${out}`);
  return 0;
}
