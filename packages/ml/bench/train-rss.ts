/**
 * Child process of the benchmark: trains a logistic model on a CSV and prints its peak resident
 * memory, so the figure covers exactly one training run (read, validate, pipeline, solve, measure).
 * Usage: tsx bench/train-rss.ts FILE TARGET DEFAULT_VALUE
 */
import { readCsvFile } from '../src/data/read-csv.ts';
import { trainModel } from '../src/train/train-model.ts';

/** What this process prints (one JSON line), read by run.ts. */
export interface RssResult {
  rows: number;
  columns: number;
  fileMegabytes: number;
  readSeconds: number;
  totalSeconds: number;
  logisticSeconds: number | undefined;
  testAuc: number | undefined;
  peakRssMegabytes: number;
}

const [file, target, defaultValue] = process.argv.slice(2);
if (!file || !target) throw new Error('usage: train-rss.ts FILE TARGET [DEFAULT_VALUE]');
const started = performance.now();
const read = await readCsvFile(file);
const readSeconds = (performance.now() - started) / 1000;
const { report } = await trainModel(
  read.table,
  { model: 'logistic', target, defaultValue, split: { kind: 'random', seed: 1, fraction: 0.2 } },
  {},
  read.issues,
);
const result: RssResult = {
  rows: read.table.rowCount,
  columns: read.table.columns.length,
  fileMegabytes: read.bytes / 1e6,
  readSeconds,
  totalSeconds: (performance.now() - started) / 1000,
  logisticSeconds: report.logistic?.seconds,
  testAuc: report.test?.auc,
  peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
