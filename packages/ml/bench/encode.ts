// A model family's encode alone (the pipeline's derived inputs and the design or tree features of a
// batch), the first step of every batch the scorer runs: one 5,000-row batch of the shipped Taiwan
// file's rows encoded 100 times, six repetitions, nanoseconds a row each.
//   npx tsx bench/encode.ts MODEL.json
// Train a model on the file first (see bench/batch-scorer.ts).
import { readFileSync } from 'node:fs';
import { compileModel } from '../src/families/registry.ts';
import { parseModel, readCsvFile, type Table } from '../src/index.ts';

if (!process.argv[2]) throw new Error('usage: encode.ts MODEL.json');
const model = parseModel(readFileSync(process.argv[2], 'utf8'));
const { table: file } = await readCsvFile(new URL('../../../data/taiwan-credit-default.csv', import.meta.url).pathname);
const rows = 5000;
// Every 7th row of the file, so a batch is not the file's first rows in order.
const table: Table = {
  rowCount: rows,
  columns: file.columns.map((c) => ({ ...c, numbers: Float64Array.from({ length: rows }, (_, i) => c.numbers[(i * 7) % file.rowCount]!) })),
};
const compiled = compileModel(model.model, model.pipeline, { batchSize: rows, threads: 1 });
for (let rep = 0; rep < 6; rep++) {
  let ms = 0;
  for (let k = 0; k < 100; k++) {
    const started = performance.now();
    const batch = compiled.encode(table);
    ms += performance.now() - started;
    compiled.recycle?.(batch);
  }
  console.log(`${model.model.kind} encode: ${((ms * 1e6) / (rows * 100)).toFixed(0)} ns a row`);
}
await compiled.close?.();
