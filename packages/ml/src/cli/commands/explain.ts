/** `probity-ml explain`: one row's PD, contributions per feature, reason codes and a counterfactual. */
import { readCsvFile, requireReadable } from '../../data/read-csv.ts';
import { counterfactual } from '../../explain/counterfactual.ts';
import { loadModel } from '../../model-file/io.ts';
import { ModelScorer } from '../../scorer/model-scorer.ts';
import { headerFlag, optionalNumber, parseFlags, requireString, UsageError } from '../args.ts';
import { writeLine, type CliIO } from '../io.ts';

const FLAGS = {
  model: { type: 'string' },
  data: { type: 'string' },
  row: { type: 'string' },
  threshold: { type: 'string' },
  top: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'string' },
} as const;

export async function explainCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const model = await loadModel(requireString(flags, 'model'));
  const row = optionalNumber(flags, 'row', (n) => Number.isInteger(n) && n >= 1, 'a data row number (1 = first data row)');
  if (row === undefined) throw new UsageError('--row is required (1 = first data row)');
  const top = optionalNumber(flags, 'top', (n) => Number.isInteger(n) && n >= 1, 'a positive whole number') ?? 3;
  const threshold =
    optionalNumber(flags, 'threshold', (n) => n > 0 && n < 1, 'a PD strictly between 0 and 1') ?? model.trainingData.defaultRate;
  const read = requireReadable(
    await readCsvFile(requireString(flags, 'data'), {
      delimiter: typeof flags.delimiter === 'string' ? flags.delimiter : undefined,
      header: headerFlag(flags),
    }),
  );
  if (row > read.table.rowCount) throw new UsageError(`--row ${row} is past the last data row (${read.table.rowCount})`);
  const scorer = new ModelScorer(model);
  const [explanation] = scorer.explain(read.table, [row - 1], { reasons: top });
  const result = { ...explanation!, row, counterfactual: counterfactual(scorer, read.table, row - 1, threshold) };
  writeLine(io.stdout, JSON.stringify(result, null, 2));
  return 0;
}
