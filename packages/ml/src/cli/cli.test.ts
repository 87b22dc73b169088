/** The CLI end to end: Taiwan slice and an unfamiliar file, every model kind, scores, explanations, bad input. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { unfamiliarLoansCsv } from '../../test/support/unfamiliar-loans.ts';
import type { Counterfactual } from '../explain/counterfactual.ts';
import type { ModelFile } from '../model-file/types.ts';
import type { Explanation } from '../scorer/explanation-types.ts';
import type { TrainReport } from '../train/report.ts';
import { runCli } from './main.ts';

/** What `probity-ml explain` prints. */
type ExplainOutput = Explanation & { counterfactual: Counterfactual };

const TAIWAN = fileURLToPath(new URL('../../../../data/taiwan-credit-default.csv', import.meta.url));
const BIN = fileURLToPath(new URL('../../bin/probity-ml.js', import.meta.url));
let dir: string;
let taiwanSlice: string;
let unfamiliar: string;

function captured(): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = captured();
  const err = captured();
  const code = await runCli(argv, { stdout: out.stream, stderr: err.stream as unknown as NodeJS.WriteStream });
  return { code, stdout: out.text(), stderr: err.text() };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'probity-cli-'));
  const lines = readFileSync(TAIWAN, 'utf8').split('\n');
  taiwanSlice = join(dir, 'taiwan-slice.csv');
  writeFileSync(taiwanSlice, `${lines.slice(0, 3001).join('\n')}\n`);
  unfamiliar = join(dir, 'unfamiliar.csv');
  writeFileSync(unfamiliar, unfamiliarLoansCsv({ rows: 2500, seed: 13, european: true }));
});

describe('probity-ml train / score / explain on a slice of the Taiwan data', { timeout: 60_000 }, () => {
  it('trains a logistic model and writes the model file and the report', async () => {
    const model = join(dir, 'taiwan-logistic.json');
    const report = join(dir, 'taiwan-logistic-report.json');
    const run = await cli(
      'train',
      '--data',
      taiwanSlice,
      '--target',
      'DEFAULT_NEXT_MONTH',
      '--id',
      'ID',
      '--split',
      'mod5',
      '--model',
      'logistic',
      '--limit-column',
      'LIMIT_BAL',
      '--out',
      model,
      '--report',
      report,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/test: {7}AUC 0\.\d{4}/);
    const parsed = JSON.parse(readFileSync(report, 'utf8')) as TrainReport;
    for (const part of [parsed.test, parsed.validation])
      for (const key of ['auc', 'gini', 'ks', 'brier', 'logLoss'] as const) expect(typeof part?.[key]).toBe('number');
    expect(parsed.backend).toBe('newton');
    expect(parsed.trainSeconds).toBeGreaterThan(0);
    expect(parsed.data.testRows).toBe(600);
    expect(parsed.test?.auc).toBeGreaterThan(0.65);

    const scores = join(dir, 'taiwan-scores.csv');
    const scored = await cli('score', '--model', model, '--data', taiwanSlice, '--out', scores, '--explain', '2');
    expect(scored.code, scored.stderr).toBe(0);
    const rows = readFileSync(scores, 'utf8').trim().split('\n');
    expect(rows[0]).toBe('row,ID,pd,logit,reason_1,reason_1_feature,reason_1_contribution,reason_2,reason_2_feature,reason_2_contribution');
    expect(rows.length).toBe(3001);
    const pd = Number(rows[1]!.split(',')[2]);
    expect(pd > 0 && pd < 1).toBe(true);

    const explained = await cli('explain', '--model', model, '--data', taiwanSlice, '--row', '3', '--threshold', '0.2');
    expect(explained.code, explained.stderr).toBe(0);
    const explanation = JSON.parse(explained.stdout) as ExplainOutput;
    expect(explanation.row).toBe(3);
    const sum = explanation.contributions.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(explanation.logit - explanation.baseline.logit - sum)).toBeLessThan(1e-9);
    expect(explanation.counterfactual.threshold).toBe(0.2);
  });

  it.each(['deep', 'fusion'])('trains a %s model with the progress lines', async (kind) => {
    const model = join(dir, `taiwan-${kind}.json`);
    const run = await cli(
      'train',
      '--data',
      taiwanSlice,
      '--target',
      'DEFAULT_NEXT_MONTH',
      '--id',
      'ID',
      '--model',
      kind,
      '--epochs',
      '2',
      '--out',
      model,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/from scratch: epoch 2\/2 loss \d\.\d{4} val loss \d\.\d{4} val AUC \d\.\d{4}/);
    expect(run.stdout).toMatch(/backend (wasm|cpu|webgpu|tensorflow)/);
    const scored = await cli('score', '--model', model, '--data', taiwanSlice, '--out', join(dir, `${kind}-scores.csv`));
    expect(scored.code, scored.stderr).toBe(0);
    // Batches of 7 rows on two worker threads write the very same file as one thread and 4,096-row batches.
    const one = join(dir, `${kind}-explained-1.csv`);
    const two = join(dir, `${kind}-explained-2.csv`);
    expect((await cli('score', '--model', model, '--data', taiwanSlice, '--out', one, '--explain', '3', '--threads', '1')).code).toBe(0);
    const small = await cli(
      'score',
      '--model',
      model,
      '--data',
      taiwanSlice,
      '--out',
      two,
      '--explain',
      '3',
      '--threads',
      '2',
      '--batch-size',
      '7',
    );
    expect(small.code, small.stderr).toBe(0);
    const written = readFileSync(two, 'utf8');
    expect(written).toBe(readFileSync(one, 'utf8'));
    expect(written.split('\n')[1]).toMatch(/^1,1,0\.\d+,-?\d\.\d+,[^,]+ raises the risk \(\+\d\.\d{3} log-odds\),/);
  });
});

describe('probity-ml on an unfamiliar file (semicolons, decimal commas, string categoricals, missing values)', { timeout: 60_000 }, () => {
  it.each(['logistic', 'deep', 'gbdt', 'fusion', 'auto'])('trains, scores and explains a %s model', async (kind) => {
    const model = join(dir, `unfamiliar-${kind}.json`);
    const run = await cli(
      'train',
      '--data',
      unfamiliar,
      '--target',
      'status',
      '--default-value',
      'default',
      '--ignore',
      'loan_ref',
      '--limit-column',
      'credit_limit',
      '--split',
      'random:5:0.2',
      '--model',
      kind,
      '--epochs',
      '3',
      '--encoding',
      kind === 'logistic' ? 'woe' : 'bins',
      '--out',
      model,
    );
    expect(run.code, run.stderr).toBe(0);
    if (kind === 'auto')
      expect(run.stdout).toMatch(
        /^auto: (logistic|deep|gbdt|fusion) won, (by \d\.\d{5} log loss over .+|\d\.\d{5} log loss above .+ \(kept: (every member with a positive stacking weight|the simpler model, within two standard errors)\)): /m,
      );
    const auc = Number(/validation: AUC (\d\.\d+)/.exec(run.stdout)?.[1]);
    expect(auc).toBeGreaterThan(0.6);
    const explained = await cli('explain', '--model', model, '--data', unfamiliar, '--row', '10');
    expect(explained.code, explained.stderr).toBe(0);
    const explanation = JSON.parse(explained.stdout) as ExplainOutput;
    expect(explanation.pd).toBeGreaterThan(0);
    expect(explanation.gap).toBeLessThan(1e-3);
    expect(explanation.contributions.map((c) => c.feature)).toEqual(
      expect.arrayContaining(['employment', 'region', 'balance_1..balance_6']),
    );
  });
});

describe('bad input', () => {
  it('prints the validation report naming rows and columns, and exits 2', async () => {
    const bad = join(dir, 'bad.csv');
    const lines = ['id,income,grade,target'];
    for (let i = 1; i <= 40; i++)
      lines.push(`${i === 30 ? 4 : i},${i === 7 ? 'twelve' : i * 1000},${'ABC'[i % 3]},${i === 12 ? '' : i === 25 ? 7 : i % 2}`);
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const run = await cli(
      'train',
      '--data',
      bad,
      '--target',
      'target',
      '--id',
      'id',
      '--model',
      'logistic',
      '--out',
      join(dir, 'never.json'),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/ERROR missing-target \[column target\]: .*row 12/);
    expect(run.stderr).toMatch(/ERROR non-binary-target \[column target\]: .*row 25/);
    expect(run.stderr).toMatch(/ERROR duplicate-id \[column id\]: .*rows 4 and 30/);
    expect(run.stderr).toMatch(/WARNING text-in-numeric-column \[column income\]: .*"twelve".*row 7/);
  });

  it('validate prints the same report without training: exit 2 with the rows and columns, exit 0 on a good file', async () => {
    const bad = join(dir, 'bad-validate.csv');
    const lines = ['id,income,target'];
    for (let i = 1; i <= 40; i++) lines.push(`${i},${i * 1000},${i === 9 ? 'maybe' : i % 2}`);
    writeFileSync(bad, `${lines.join('\n')}\n`);
    const run = await cli('validate', '--data', bad, '--target', 'target');
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^40 rows, 3 columns/);
    expect(run.stdout).toMatch(/ERROR non-binary-target \[column target\]: .*row 9/);
    const good = await cli('validate', '--data', taiwanSlice, '--target', 'DEFAULT_NEXT_MONTH', '--id', 'ID');
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^3000 rows, 25 columns/);
    expect(good.stdout).toMatch(/LIMIT_BAL: numeric/);
    expect(good.stdout).toMatch(/default rate 0\.2\d+ \(\d+ defaults in DEFAULT_NEXT_MONTH\)/);
    expect(good.stdout).toMatch(/No problems found\./);
  });

  it('validate reads a Statlog file without a header row as columns 1..N (--header auto), or its first row as names', async () => {
    const statlog = join(dir, 'german.data');
    const rows = Array.from(
      { length: 60 },
      (_, i) => `A1${1 + (i % 4)} ${6 + (i % 30)} A3${i % 5} ${1000 + 37 * i} ${1 + (i % 3 === 0 ? 1 : 0)}`,
    );
    writeFileSync(statlog, `${rows.join('\n')}\n`);
    const run = await cli('validate', '--data', statlog, '--target', '5', '--default-value', '2');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^60 rows, 5 columns/);
    expect(run.stdout).toMatch(/default rate 0\.3\d* \(20 defaults in 5\)/);
    const named = await cli('validate', '--data', statlog, '--target', '5', '--header', 'yes');
    expect(named.code).toBe(2);
    expect(named.stdout).toMatch(/target column "5" is not in the data \(columns: A11, 6, A30/);
    expect((await cli('validate', '--data', statlog, '--target', '5', '--header', 'maybe')).stderr).toMatch(
      /--header must be auto, yes or no, got "maybe"/,
    );
  });

  it('explains usage mistakes and exits 1', async () => {
    const run = await cli('train', '--data', 'x.csv', '--model', 'logistic', '--out', 'm.json');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/--target is required/);
    expect((await cli('train', '--data', 'x.csv', '--target', 't', '--model', 'tree', '--out', 'm.json')).stderr).toMatch(
      /--model must be one of logistic, deep, gbdt, fusion, auto, got "tree"/,
    );
    expect((await cli('frobnicate')).code).toBe(1);
    const threads = await cli('score', '--model', 'm.json', '--data', taiwanSlice, '--out', 'x.csv', '--threads', '0');
    expect(threads.code).toBe(1);
    expect(threads.stderr).toMatch(/--threads must be a whole number of threads from 1 to 256, got "0"/);
    expect((await cli('score', '--model', 'm.json', '--data', taiwanSlice, '--out', 'x.csv', '--batch-size', 'many')).stderr).toMatch(
      /--batch-size must be a whole number of rows from 1 to 1048576, got "many"/,
    );
    expect((await cli('score', '--model', join(dir, 'missing.json'), '--data', taiwanSlice, '--out', 'x.csv')).stderr).toMatch(
      /cannot read model file/,
    );
  });
});

describe('the probity-ml binary', { timeout: 60_000 }, () => {
  it('runs through node and prints plain progress lines when not on a terminal', () => {
    const model = join(dir, 'bin-model.json');
    const result = spawnSync(
      process.execPath,
      [BIN, 'train', '--data', unfamiliar, '--target', 'status', '--default-value', 'default', '--model', 'logistic', '--out', model],
      { encoding: 'utf8' },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/\[probity-ml\] training the logistic model/);
    expect((JSON.parse(readFileSync(model, 'utf8')) as ModelFile).format).toBe('probity-pd-model');
  });
});

describe('rare defaults, feature selection and usage checks of the new flags', { timeout: 120_000 }, () => {
  it('--augment smote prints the comparison with class weighting and nothing, and writes it to the report', async () => {
    const rare = join(dir, 'rare.csv');
    writeFileSync(rare, unfamiliarLoansCsv({ rows: 6000, seed: 43, shift: -2 }));
    const report = join(dir, 'rare-report.json');
    const run = await cli(
      'train',
      '--data',
      rare,
      '--target',
      'status',
      '--default-value',
      'default',
      '--model',
      'logistic',
      '--augment',
      'smote',
      '--augment-ratio',
      '0.5',
      '--out',
      join(dir, 'rare.json'),
      '--report',
      report,
      '--quiet',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/rare defaults: \d+ synthetic defaults \(smote\)/);
    expect(run.stdout).toMatch(/augmented \(smote, the model kept\) +AUC 0\.\d{4}/);
    expect(run.stdout).toMatch(/class weighting \(balanced\) +AUC/);
    expect(run.stdout).toMatch(/nothing +AUC/);
    const augmentation = (JSON.parse(readFileSync(report, 'utf8')) as TrainReport).augmentation;
    expect(augmentation?.ratio).toBe(0.5);
    expect(augmentation?.trainingDefaultRate.after).toBeCloseTo(1 / 3, 2);
  });

  it('--penalty elasticnet reports its solver and kept features; wrong combinations are usage errors', async () => {
    const run = await cli(
      'train',
      '--data',
      unfamiliar,
      '--target',
      'status',
      '--default-value',
      'default',
      '--model',
      'logistic',
      '--penalty',
      'elasticnet',
      '--l1-ratio',
      '0.3',
      '--out',
      join(dir, 'en.json'),
      '--quiet',
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/logistic solver: coordinate-descent, because the elastic-net penalty/);
    expect(run.stdout).toMatch(/elastic net \(L1 share 0\.3\) penalty, lambda [\d.]+: kept \d+ of \d+ features/);
    const usage = async (...flags: string[]) =>
      (await cli('train', '--data', unfamiliar, '--target', 'status', '--model', 'logistic', '--out', 'x.json', ...flags)).stderr;
    expect(await usage('--l1-ratio', '0.3')).toMatch(/--l1-ratio goes with --penalty elasticnet/);
    expect(await usage('--penalty', 'l3')).toMatch(/--penalty must be one of l2, l1, elasticnet/);
    expect(await usage('--lambda', '10,-1')).toMatch(/--lambda must be one or more positive numbers/);
    expect(await usage('--augment', 'copies')).toMatch(/--augment must be one of smote, noise/);
    expect(await usage('--augment-ratio', '0.5')).toMatch(/--augment-ratio goes with --augment/);
    expect(await usage('--max-memory', 'plenty')).toMatch(/--max-memory must be a size such as 8G/);
  });
});
