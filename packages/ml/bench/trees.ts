/**
 * The trees benchmark (`npm run bench -w @probity/ml -- --only trees`, and part of the full run):
 * test AUC on the Taiwan and Polish files (`--split mod5`) of our gradient-boosted trees and fusion
 * next to scikit-learn's HistGradientBoosting, MLP and logistic regression and XGBoost, from one run;
 * then training speed on 1,000,000 x 32 float32 rows (100 trees of 63 leaves) next to XGBoost `hist`
 * with the same threads, scoring rows per second per core next to XGBoost's predict, and TreeSHAP
 * rows per second per core next to XGBoost's pred_contribs. Writes bench/results/trees.json,
 * trees.md and the README block between the bench-trees markers.
 *
 * Options: --trees-rows N (default 1,000,000) --trees-skip quality|speed
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvFile } from '../src/data/read-csv.ts';
import { trainModel } from '../src/train/train-model.ts';
import type { TrainOptions } from '../src/train/options.ts';
import { boostTrees } from '../src/trees/boost.ts';
import { DEFAULT_GBDT_PARAMS } from '../src/trees/defaults.ts';
import { ensembleLogits, flattenEnsemble } from '../src/trees/ensemble.ts';
import { TreeShap } from '../src/trees/tree-shap.ts';
import { PYTHON } from './python.ts';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const SCRIPT = join(HERE, 'trees_bench.py');
const DATA = fileURLToPath(new URL('../../../data/', import.meta.url));

const DATASETS = [
  {
    name: 'Taiwan cards',
    file: 'taiwan-credit-default.csv',
    options: { target: 'DEFAULT_NEXT_MONTH', id: 'ID', limitColumn: 'LIMIT_BAL' },
    idColumn: 'ID',
  },
  { name: 'Polish companies, 1st year', file: 'polish-bankruptcy-1year.csv', options: { target: 'BANKRUPT' }, idColumn: '-' },
];

function python<T>(args: string[]): T {
  const result = spawnSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (result.status !== 0) throw new Error(`${PYTHON} trees_bench.py ${args[0]} failed: ${result.stderr || result.error?.message}`);
  return JSON.parse(result.stdout) as T;
}

interface QualityRow {
  data: string;
  rows: number;
  ours: {
    gbdt: { testAuc: number; trees: number; seconds: number };
    fusion: { testAuc: number; kept: string[]; dropped: string[]; seconds: number };
  };
  reference: { models: Record<string, { testAuc: number; trainSeconds: number }>; sklearn: string; xgboost: string };
}

interface SpeedResult {
  rows: number;
  columns: number;
  trees: number;
  leaves: number;
  threads: number;
  ours: { trainSeconds: number; leaves: number; predictRowsPerSecond: number; shapRowsPerSecond: number };
  xgboost: { xgboost: string; trainSeconds: number; leaves: number; predictRowsPerSecond: number; contribsRowsPerSecond: number };
}

export interface TreesResults {
  generatedAt: string;
  machine: { cpu: string; cores: number; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] };
  quality?: QualityRow[];
  speed?: SpeedResult;
  /** Sections skipped this run and kept from an earlier one: when and under what load they were measured. */
  kept?: Partial<Record<'quality' | 'speed', { generatedAt: string; loadAverageAtStart: number[] }>>;
}

async function quality(log: (line: string) => void): Promise<QualityRow[]> {
  const rows: QualityRow[] = [];
  for (const set of DATASETS) {
    const path = join(DATA, set.file);
    const { table } = await readCsvFile(path);
    const base: Omit<TrainOptions, 'model'> = { ...set.options, split: { kind: 'mod5' } };
    log(`trees: ${set.name}: gbdt`);
    const gbdt = await trainModel(table, { ...base, model: 'gbdt' });
    log(`trees: ${set.name}: fusion (logistic, deep, trees)`);
    const fusion = await trainModel(table, { ...base, model: 'fusion' });
    log(`trees: ${set.name}: scikit-learn and XGBoost`);
    const reference = python<QualityRow['reference']>(['quality', path, set.options.target, set.idColumn]);
    const state = fusion.model.model.kind === 'fusion' ? fusion.model.model.state : null;
    rows.push({
      data: set.name,
      rows: table.rowCount,
      ours: {
        gbdt: { testAuc: gbdt.report.test!.auc, trees: gbdt.report.gbdt!.trees, seconds: gbdt.report.trainSeconds },
        fusion: {
          testAuc: fusion.report.test!.auc,
          kept: state?.members.map((m) => `${m.model.kind} x ${m.weight.toFixed(3)}`) ?? [],
          dropped: state?.dropped.map((d) => d.kind) ?? [],
          seconds: fusion.report.trainSeconds,
        },
      },
      reference,
    });
  }
  return rows;
}

function speed(rows: number, log: (line: string) => void): SpeedResult {
  const columns = 32;
  const trees = 100;
  const leaves = 63;
  const threads = 1; // ours trains on one thread: XGBoost gets the same
  const work = mkdtempSync(join(tmpdir(), 'probity-trees-bench-'));
  try {
    log(`trees: generating ${rows} x ${columns} float32 rows`);
    python(['generate', work, String(rows), String(columns)]);
    const x32 = new Float32Array(readFileSync(join(work, 'X.f32')).buffer.slice(0));
    const values = Float64Array.from(x32);
    const labels = new Uint8Array(readFileSync(join(work, 'y.u8')));
    log(`trees: ours, ${trees} trees of ${leaves} leaves`);
    const started = performance.now();
    const fitted = boostTrees({
      features: columns,
      train: { values, rows, labels },
      validation: null,
      monotone: new Int8Array(columns),
      usable: new Uint8Array(columns).fill(1),
      // XGBoost's settings: no row or column sampling, lambda 1, min_child_weight 1, no depth limit.
      params: {
        ...DEFAULT_GBDT_PARAMS,
        maxTrees: trees,
        maxLeaves: leaves,
        maxDepth: 0,
        minLeafRows: 0,
        minLeafWeight: 1,
        l2: 1,
        rowSample: 1,
        columnSample: 1,
        learningRate: 0.1,
      },
      defaultWeight: 1,
    });
    const trainSeconds = (performance.now() - started) / 1000;
    const ensemble = flattenEnsemble(fitted.trees, fitted.baseScore);
    const scoreRows = Math.min(rows, 200_000);
    const times: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      ensembleLogits(ensemble, values, scoreRows, columns);
      times.push((performance.now() - t) / 1000);
    }
    times.sort((a, b) => a - b);
    const shapRows = 5_000;
    const shap = new TreeShap(ensemble);
    const phi = new Float64Array(columns);
    const t = performance.now();
    for (let r = 0; r < shapRows; r++) {
      phi.fill(0);
      shap.explainRow(values, r, columns, phi, 0);
    }
    const shapSeconds = (performance.now() - t) / 1000;
    log('trees: XGBoost on the same data');
    const xgboost = python<SpeedResult['xgboost']>([
      'speed',
      work,
      String(threads),
      String(trees),
      String(leaves),
      String(scoreRows),
      String(shapRows),
    ]);
    return {
      rows,
      columns,
      trees,
      leaves,
      threads,
      ours: {
        trainSeconds,
        leaves: fitted.trees.reduce((n, tree) => n + tree.left.filter((l) => l < 0).length, 0),
        predictRowsPerSecond: scoreRows / times[1]!,
        shapRowsPerSecond: shapRows / shapSeconds,
      },
      xgboost,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const f4 = (x: number) => x.toFixed(4);
const int = (x: number) => Math.round(x).toLocaleString('en-US');

export function renderTrees(results: TreesResults): string {
  const m = results.machine;
  const lines = [
    `Measured ${results.generatedAt} with \`npm run bench -w @probity/ml -- --only trees\` on ${m.cpu}, ${m.cores} cores; load average at start ${m.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')}${m.loadAverageAtEnd ? `, at end ${m.loadAverageAtEnd.map((l) => l.toFixed(2)).join(' / ')}` : ''} (a shared, loaded machine: speed figures are what this load allowed; both sides ran under it).`,
    ...Object.entries(results.kept ?? {}).map(
      ([section, from]) =>
        `The ${section} figures are kept from the run of ${from.generatedAt} (load average at start ${from.loadAverageAtStart.map((l) => l.toFixed(2)).join(' / ')}).`,
    ),
    '',
  ];
  if (results.quality) {
    const ref = results.quality[0]!.reference;
    lines.push(
      `**Trees and fusion quality**, \`--split mod5\`, test AUC (our trees pick their number by 5-fold cross-validation over the non-test rows, then are refit on all of them; the fusion's logistic member chooses its strength on 20% of them and is refit on all of them, the deep member trains on 80%, and the stacking weights are fitted on out-of-fold log-odds of all of them (the deep member, which has none, joins on the other 20% when it helps there by more than one standard error); the references, scikit-learn ${ref.sklearn} and XGBoost ${ref.xgboost} with their defaults, train on all non-test rows)`,
      '',
      '| data | ours gbdt | ours fusion (members kept) | HistGradientBoosting | XGBoost | MLPClassifier | LogisticRegression | gbdt - HistGB | fusion - best reference |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const q of results.quality) {
      const r = q.reference.models;
      const best = Math.max(...Object.values(r).map((v) => v.testAuc));
      const hist = r.HistGradientBoostingClassifier!.testAuc;
      lines.push(
        `| ${q.data} | ${f4(q.ours.gbdt.testAuc)} (${q.ours.gbdt.trees} trees) | ${f4(q.ours.fusion.testAuc)} (${q.ours.fusion.kept.join(', ')}${q.ours.fusion.dropped.length ? `; weight 0: ${q.ours.fusion.dropped.join(', ')}` : ''}) | ${f4(hist)} | ${f4(r.XGBoost!.testAuc)} | ${f4(r.MLPClassifier!.testAuc)} | ${f4(r.LogisticRegression!.testAuc)} | ${(q.ours.gbdt.testAuc - hist).toFixed(4)} (target >= -0.005) | ${(q.ours.fusion.testAuc - best).toFixed(4)} (target >= -0.003) |`,
      );
    }
    lines.push('');
  }
  if (results.speed) {
    const s = results.speed;
    const ratio = s.ours.trainSeconds / s.xgboost.trainSeconds;
    const predict = s.ours.predictRowsPerSecond / s.xgboost.predictRowsPerSecond;
    const shap = s.ours.shapRowsPerSecond / s.xgboost.contribsRowsPerSecond;
    lines.push(
      `**Trees speed**: ${int(s.rows)} x ${s.columns} float32 rows (5% missing), ${s.trees} trees of up to ${s.leaves} leaves, ${s.threads} thread each side; XGBoost ${s.xgboost.xgboost} \`hist\`, lossguide, max_bin 256`,
      '',
      '| | ours | XGBoost | ours / XGBoost |',
      '| --- | --- | --- | --- |',
      `| training seconds (binning included) | ${s.ours.trainSeconds.toFixed(1)} (${int(s.ours.leaves)} leaves) | ${s.xgboost.trainSeconds.toFixed(1)} (${int(s.xgboost.leaves)} leaves) | **${ratio.toFixed(2)}** (target <= 1.0: ${ratio <= 1 ? 'met' : 'not met'}) |`,
      `| scoring rows / s / core | ${int(s.ours.predictRowsPerSecond)} | ${int(s.xgboost.predictRowsPerSecond)} | **${predict.toFixed(2)}** (target >= 1.0: ${predict >= 1 ? 'met' : 'not met'}) |`,
      `| TreeSHAP rows / s / core | ${int(s.ours.shapRowsPerSecond)} | ${int(s.xgboost.contribsRowsPerSecond)} (pred_contribs) | **${shap.toFixed(2)}** (target >= 1.0: ${shap >= 1 ? 'met' : 'not met'}) |`,
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}

const START = '<!-- bench-trees:start -->';
const END = '<!-- bench-trees:end -->';

export function updateTreesReadme(readme: string, markdown: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) return `${readme.trimEnd()}\n\n${START}\n${markdown}${END}\n`;
  return `${readme.slice(0, start + START.length)}\n${markdown}${readme.slice(end)}`;
}

export async function runTreesBench(args: string[], log: (line: string) => void): Promise<TreesResults & { markdown: string }> {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const skip = new Set((value('--trees-skip') ?? '').split(',').filter(Boolean));
  const results: TreesResults = {
    generatedAt: new Date().toISOString(),
    machine: { cpu: cpus()[0]?.model ?? 'unknown', cores: availableParallelism(), loadAverageAtStart: loadavg() },
  };
  const out = join(HERE, 'results');
  if (!skip.has('quality')) results.quality = await quality(log);
  if (!skip.has('speed')) results.speed = speed(Number(value('--trees-rows') ?? 1_000_000), log);
  // A skipped section keeps the figures of the last run that measured it (read now, at the end).
  const previous = existsSync(join(out, 'trees.json')) ? (JSON.parse(readFileSync(join(out, 'trees.json'), 'utf8')) as TreesResults) : null;
  for (const section of ['quality', 'speed'] as const) {
    if (!skip.has(section) || !previous?.[section]) continue;
    if (section === 'quality') results.quality = previous.quality;
    else results.speed = previous.speed;
    const from = previous.kept?.[section] ?? { generatedAt: previous.generatedAt, loadAverageAtStart: previous.machine.loadAverageAtStart };
    results.kept = { ...results.kept, [section]: from };
  }
  results.machine.loadAverageAtEnd = loadavg();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'trees.json'), `${JSON.stringify(results, null, 2)}\n`);
  const markdown = renderTrees(results);
  writeFileSync(join(out, 'trees.md'), markdown);
  const readme = join(HERE, '..', 'README.md');
  writeFileSync(readme, updateTreesReadme(readFileSync(readme, 'utf8'), markdown));
  log(`trees: wrote ${join(out, 'trees.json')}, trees.md and the README figures`);
  return { ...results, markdown };
}
