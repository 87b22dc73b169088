// TreeSHAP of a batch on one thread, alone, with its log-odds (as a worker thread of the trees' batch
// scorer makes them): explainTreeRows over MemoTreeShap on the shipped Taiwan file's rows, encoded once,
// in blocks the size a worker thread gets of a re-scoring batch; the first pass fills the per-tree
// answers, the others find them.
//   npx tsx bench/tree-shap-block.ts GBDT_MODEL.json [--rows 100000] [--block 2500] [--passes 4]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseModel, readCsvFile, type Table } from '../src/index.ts';
import { compileModel } from '../src/families/registry.ts';
import { flattenEnsemble } from '../src/trees/ensemble.ts';
import { MemoTreeShap } from '../src/trees/tree-shap-memo.ts';
import { explainTreeRows } from '../src/trees/shap-rows.ts';
import type { TreeBatch } from '../src/trees/features.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    rows: { type: 'string', default: '100000' },
    block: { type: 'string', default: '2500' },
    passes: { type: 'string', default: '4' },
  },
});
if (!positionals[0]) throw new Error('usage: tree-shap-block.ts GBDT_MODEL.json [--rows N] [--block N] [--passes N]');
const file = parseModel(readFileSync(positionals[0], 'utf8'));
if (file.model.kind !== 'gbdt') throw new Error(`${positionals[0]}: a gbdt model file, not ${file.model.kind}`);
const state = file.model.state;
const rows = Number(values.rows);
const block = Number(values.block);
const { table: csv } = await readCsvFile(new URL('../../../data/taiwan-credit-default.csv', import.meta.url).pathname);
const table: Table = {
  rowCount: rows,
  columns: csv.columns.map((c) => ({ ...c, numbers: Float64Array.from({ length: rows }, (_, i) => c.numbers[i % csv.rowCount]!) })),
};
const compiled = compileModel(file.model, file.pipeline);
const batch = compiled.encode(table, undefined) as TreeBatch;
const shap = new MemoTreeShap(flattenEnsemble(state.trees, state.baseScore));
const unitOf = Int32Array.from({ length: batch.features }, (_, f) => f);
console.log(`${state.trees.length} trees, ${rows.toLocaleString('en-US')} rows of ${batch.features} inputs, blocks of ${block}`);
let check = 0;
const logits = new Float64Array(block);
for (let pass = 0; pass < Number(values.passes); pass++) {
  const started = performance.now();
  for (let start = 0; start < rows; start += block) {
    const count = Math.min(block, rows - start);
    const part = batch.values.subarray(start * batch.features, (start + count) * batch.features);
    const c = explainTreeRows(shap, part, count, batch.features, unitOf, batch.features, logits.subarray(0, count));
    check += c[0]!;
  }
  const ms = performance.now() - started;
  console.log(`  pass ${pass + 1}: ${((ms * 1000) / rows).toFixed(2)} µs a row (${ms.toFixed(0)} ms)`);
}
console.log(`  (check ${check})`);
