// BatchScorer throughput on one model file: the shipped Taiwan file's rows repeated to --rows, scored
// with the top-5 reasons (as the re-scoring worker scores a batch job), three repetitions, wall and CPU
// seconds each (the first includes compiling the kernels and starting the threads).
//   npx tsx bench/batch-scorer.ts MODEL.json [--rows 200000] [--threads 1] [--batch 5000]
// Train a model on the file first, e.g.
//   node bin/probity-ml.js train --data ../../data/taiwan-credit-default.csv --id ID --target DEFAULT_NEXT_MONTH \
//     --limit-column LIMIT_BAL --model logistic --split mod5 --out /tmp/logistic.json
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { BatchScorer, parseModel, readCsvFile, type Table } from '../src/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '200000' },
    threads: { type: 'string', default: '1' },
    batch: { type: 'string', default: '5000' },
  },
});
if (!positionals[0]) throw new Error('usage: batch-scorer.ts MODEL.json [--rows N] [--threads N] [--batch N]');
const model = parseModel(readFileSync(positionals[0], 'utf8'));
const rows = Number(values.rows);
const { table: file } = await readCsvFile(new URL('../../../data/taiwan-credit-default.csv', import.meta.url).pathname);
const table: Table = {
  rowCount: rows,
  columns: file.columns.map((c) => ({ ...c, numbers: Float64Array.from({ length: rows }, (_, i) => c.numbers[i % file.rowCount]!) })),
};
const scorer = new BatchScorer(model, { threads: Number(values.threads), batchSize: Number(values.batch) });
console.log(
  `${model.model.kind}, ${rows.toLocaleString('en-US')} rows, top-5 reasons; load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (let rep = 0; rep < 3; rep++) {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const out = await scorer.score(table, { reasons: 5 });
  const used = process.cpuUsage(cpu);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `  ${seconds.toFixed(2)} s wall, ${((used.user + used.system) / 1e6).toFixed(2)} s CPU (all threads), ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s; pd[7] ${out.pd[7]}`,
  );
}
await scorer.close();
