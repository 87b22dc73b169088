// A worker thread of the trees' batch explanations (started by shap-pool.ts through
// util/worker-boot.mjs): its own flat ensemble and TreeSHAP memo, built once from the model's trees;
// each message is a block of encoded rows, answered with their log-odds and per-unit contributions.
import { parentPort, workerData } from 'node:worker_threads';
import { errorReply } from '../util/ts-worker.ts';
import { explainTreeRows, type TreeShapModel, type TreeShapTask } from './shap-rows.ts';
import { flattenEnsemble } from './ensemble.ts';
import { MemoTreeShap } from './tree-shap-memo.ts';

const model = (workerData as { data: TreeShapModel }).data;
const ensemble = flattenEnsemble(model.trees, model.baseScore);
const shap = new MemoTreeShap(ensemble);

parentPort!.on('message', ({ values, rows, features }: TreeShapTask) => {
  try {
    // The log-odds come with the explanation: each tree's leaf is found by the key its answer is kept under.
    const raw = new Float64Array(rows);
    const contributions = explainTreeRows(shap, values, rows, features, model.unitOf, model.units, raw);
    parentPort!.postMessage({ raw, contributions }, [raw.buffer, contributions.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage(errorReply(error));
  }
});
