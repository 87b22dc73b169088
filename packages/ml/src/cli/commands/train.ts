/** `probity-ml train`: read a CSV, train, write the model file and the report. */
import { writeFile } from 'node:fs/promises';
import { parseGroupSpec } from '../../data/groups.ts';
import { inspectCsvFile, readCsvFile } from '../../data/read-csv.ts';
import { checkMemoryBudget, defaultMemoryBudget, estimateFromFile, parseMemorySize, RUNTIME_BYTES } from '../../train/memory-budget.ts';
import { parseSplit } from '../../data/split.ts';
import { readLabelsFile } from '../../explain/labels.ts';
import { describePenalty, makePenalty } from '../../logistic/penalty.ts';
import { parseMonotoneSpec } from '../../trees/monotone.ts';
import { loadModel, saveModel } from '../../model-file/io.ts';
import type { TrainOptions } from '../../train/options.ts';
import { headerFlag, list, oneOf, optionalNumber, optionalString, parseFlags, requireString, UsageError } from '../args.ts';
import { backendFromEnvironment, prepareGpuEnvironment } from '../env.ts';
import { writeLine, type CliIO } from '../io.ts';
import { createProgress } from '../progress.ts';

const FLAGS = {
  data: { type: 'string' },
  target: { type: 'string' },
  'default-value': { type: 'string' },
  id: { type: 'string' },
  categorical: { type: 'string' },
  ignore: { type: 'string' },
  split: { type: 'string' },
  model: { type: 'string' },
  out: { type: 'string' },
  report: { type: 'string' },
  encoding: { type: 'string' },
  'limit-column': { type: 'string' },
  group: { type: 'string', multiple: true },
  calibration: { type: 'string' },
  anchor: { type: 'string' },
  'class-weight': { type: 'string' },
  penalty: { type: 'string' },
  'l1-ratio': { type: 'string' },
  lambda: { type: 'string' },
  labels: { type: 'string' },
  'warm-start': { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  delimiter: { type: 'string' },
  header: { type: 'string' },
  'max-memory': { type: 'string' },
  augment: { type: 'string' },
  'augment-ratio': { type: 'string' },
  monotone: { type: 'string' },
  trees: { type: 'string' },
  'learning-rate': { type: 'string' },
  refit: { type: 'string' },
  leaves: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

function classWeight(value: string | undefined): TrainOptions['classWeight'] {
  if (value === undefined) return undefined;
  if (value === 'balanced') return 'balanced';
  const n = Number(value);
  if (!(n > 0)) throw new UsageError(`--class-weight must be "balanced" or a positive number, got ${JSON.stringify(value)}`);
  return n;
}

function lambdaList(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const values = value.split(',').map((part) => Number(part.trim()));
  if (values.length === 0 || values.some((n) => !(Number.isFinite(n) && n > 0)))
    throw new UsageError(
      `--lambda must be one or more positive numbers separated by commas (1/C in scikit-learn's terms), got ${JSON.stringify(value)}`,
    );
  return values;
}

function logisticOptions(flags: Record<string, unknown>): NonNullable<TrainOptions['logistic']> {
  const kind = oneOf(flags, 'penalty', ['l2', 'l1', 'elasticnet'] as const);
  const l1Ratio = optionalNumber(flags, 'l1-ratio', (n) => n > 0 && n < 1, 'a share strictly between 0 and 1');
  if (l1Ratio !== undefined && kind !== 'elasticnet') throw new UsageError('--l1-ratio goes with --penalty elasticnet');
  const lambdas = lambdaList(optionalString(flags, 'lambda'));
  return { penalty: makePenalty(kind ?? 'l2', l1Ratio), ...(lambdas ? { lambdas } : {}) };
}

function augmentOptions(flags: Record<string, unknown>): TrainOptions['augment'] {
  const method = oneOf(flags, 'augment', ['smote', 'noise'] as const);
  const ratio = optionalNumber(flags, 'augment-ratio', (n) => n > 0 && n <= 1, 'a ratio of defaults to non-defaults in (0, 1]');
  if (method === undefined) {
    if (ratio !== undefined) throw new UsageError('--augment-ratio goes with --augment smote|noise');
    return undefined;
  }
  return { method, ...(ratio !== undefined ? { ratio } : {}) };
}

function gbdtOptions(flags: Record<string, unknown>): NonNullable<TrainOptions['gbdt']> {
  const monotone = optionalString(flags, 'monotone');
  const maxTrees = optionalNumber(flags, 'trees', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  const learningRate = optionalNumber(flags, 'learning-rate', (n) => n > 0 && n <= 1, 'a rate in (0, 1]');
  const maxLeaves = optionalNumber(flags, 'leaves', (n) => Number.isInteger(n) && n >= 2, 'an integer of at least 2');
  const refit = oneOf(flags, 'refit', ['scaled', 'same', 'off'] as const);
  let spec;
  try {
    spec = monotone === undefined ? undefined : parseMonotoneSpec(monotone);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    ...(spec ? { monotone: spec } : {}),
    ...(maxTrees !== undefined ? { maxTrees } : {}),
    ...(learningRate !== undefined ? { learningRate } : {}),
    ...(maxLeaves !== undefined ? { maxLeaves } : {}),
    ...(refit !== undefined ? { refit } : {}),
  };
}

function fmt(x: number | undefined): string {
  return x === undefined ? '-' : x.toFixed(4);
}

export async function trainCommand(argv: string[], io: CliIO): Promise<number> {
  const flags = parseFlags(argv, FLAGS);
  const data = requireString(flags, 'data');
  const out = requireString(flags, 'out');
  const model = oneOf(flags, 'model', ['logistic', 'deep', 'gbdt', 'fusion', 'auto'] as const);
  if (!model) throw new UsageError('--model is required (logistic, deep, gbdt, fusion or auto)');
  const epochs = optionalNumber(flags, 'epochs', (n) => Number.isInteger(n) && n > 0, 'a positive integer');
  const seed = optionalNumber(flags, 'seed', Number.isInteger, 'an integer');
  const warmStartPath = optionalString(flags, 'warm-start');
  const labelsPath = optionalString(flags, 'labels');
  const options: TrainOptions = {
    model,
    target: requireString(flags, 'target'),
    defaultValue: optionalString(flags, 'default-value'),
    id: optionalString(flags, 'id'),
    categorical: list(flags, 'categorical'),
    ignore: list(flags, 'ignore'),
    split: parseSplit(optionalString(flags, 'split') ?? 'mod5'),
    encoding: oneOf(flags, 'encoding', ['bins', 'woe', 'linear', 'hybrid'] as const),
    limitColumn: optionalString(flags, 'limit-column'),
    groups: ((flags.group as string[] | undefined) ?? []).map(parseGroupSpec),
    calibration: oneOf(flags, 'calibration', ['platt', 'isotonic'] as const),
    anchorRate: optionalNumber(flags, 'anchor', (n) => n > 0 && n < 1, 'a default rate strictly between 0 and 1'),
    classWeight: classWeight(optionalString(flags, 'class-weight')),
    logistic: logisticOptions(flags),
    augment: augmentOptions(flags),
    gbdt: gbdtOptions(flags),
    backend: optionalString(flags, 'backend') ?? backendFromEnvironment(),
    deep: { ...(epochs !== undefined ? { epochs } : {}), ...(seed !== undefined ? { seed } : {}) },
    ...(seed !== undefined ? { seed } : {}),
  };
  if (labelsPath) options.labels = await readLabelsFile(labelsPath);
  if (warmStartPath) options.warmStart = await loadModel(warmStartPath);

  const maxMemoryText = optionalString(flags, 'max-memory');
  const maxMemory = maxMemoryText === undefined ? defaultMemoryBudget() : parseMemorySize(maxMemoryText);
  if (maxMemory === null) throw new UsageError(`--max-memory must be a size such as 8G or 512M, got ${JSON.stringify(maxMemoryText)}`);
  options.maxMemory = maxMemory;
  const delimiter = optionalString(flags, 'delimiter');
  // Refuse a file that cannot fit before reading it, from its size and first lines.
  const head = await inspectCsvFile(data, { delimiter });
  checkMemoryBudget(estimateFromFile(head, { model, encoding: options.encoding }), maxMemory, `reading and training on ${data}:`);

  const progress = createProgress(io.stderr, flags.quiet === true);
  if (model === 'deep' || model === 'fusion' || model === 'auto') {
    const set = prepareGpuEnvironment();
    if (set.length > 0) progress.onLog?.(`for a GPU: ${set.join(', ')}`);
  }
  progress.onStage?.(`reading ${data}`);
  const read = await readCsvFile(data, { delimiter, header: headerFlag(flags), maxTableBytes: maxMemory - RUNTIME_BYTES });
  if (!read.header)
    progress.onLog?.(`no header row: the columns are named 1 to ${read.table.columns.length} (--header yes if the first row names them)`);
  progress.onLog?.(
    `${read.table.rowCount} rows, ${read.table.columns.length} columns, delimiter ${JSON.stringify(read.delimiter)}, sha256 ${read.sha256.slice(0, 16)}…`,
  );
  options.source = { file: data, sha256: read.sha256 };
  let result;
  try {
    const { trainModel } = await import('../../train/train-model.ts');
    result = await trainModel(read.table, options, progress, read.issues);
  } finally {
    progress.finish();
  }
  const { model: trained, report } = result;
  await saveModel(out, trained);
  const reportPath = optionalString(flags, 'report');
  if (reportPath) await writeFile(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  const t = report.test;
  const v = report.validation;
  writeLine(io.stdout, `model ${trained.model.kind} written to ${out}${reportPath ? `, report to ${reportPath}` : ''}`);
  writeLine(io.stdout, report.description);
  writeLine(
    io.stdout,
    `test:       AUC ${fmt(t?.auc)}${report.testAucInterval ? ` (95% CI ${fmt(report.testAucInterval.lower)}-${fmt(report.testAucInterval.upper)})` : ''}  Gini ${fmt(t?.gini)}  KS ${fmt(t?.ks)}  Brier ${fmt(t?.brier)}  log loss ${fmt(t?.logLoss)}`,
  );
  writeLine(
    io.stdout,
    `validation: AUC ${fmt(v.auc)}  Gini ${fmt(v.gini)}  KS ${fmt(v.ks)}  Brier ${fmt(v.brier)}  log loss ${fmt(v.logLoss)}`,
  );
  writeLine(io.stdout, `backend ${report.backend} (${report.backendDetail}); trained in ${report.trainSeconds.toFixed(1)} s`);
  if (report.augmentation) {
    const a = report.augmentation;
    writeLine(
      io.stdout,
      `rare defaults: ${a.syntheticRows} synthetic defaults (${a.method}); calibrated figures, validation | test (mean PD vs observed ${fmt(a.observedDefaultRate.test ?? undefined)}):`,
    );
    for (const v of a.comparison)
      writeLine(
        io.stdout,
        `  ${v.variant.padEnd(40)} AUC ${fmt(v.validation.auc)} | ${fmt(v.test?.auc)}  log loss ${fmt(v.validation.logLoss)} | ${fmt(v.test?.logLoss)}  mean PD ${fmt(v.meanPd.validationRaw)} raw -> ${fmt(v.meanPd.testCalibrated ?? undefined)}`,
      );
  }
  if (report.auto) {
    const a = report.auto;
    const by = a.runnerUp ? a.runnerUp.logLoss - a.logLoss : 0;
    // Above its runner-up: the fusion (stacked on few validation rows) keeps every member with a positive
    // stacking weight; a single model is kept as the simpler one, within two standard errors (out of fold).
    const margin = !a.runnerUp
      ? ''
      : by >= 0
        ? `, by ${by.toFixed(5)} log loss over ${a.runnerUp.model}`
        : `, ${(-by).toFixed(5)} log loss above ${a.runnerUp.model} (kept: ${a.chosen === 'fusion' ? 'every member with a positive stacking weight' : 'the simpler model, within two standard errors'})`;
    writeLine(io.stdout, `auto: ${a.chosen} won${margin}: ${a.reason}`);
  }
  if (report.fusion) {
    for (const c of [...report.fusion.candidates].sort((x, y) => x.crossValidatedLogLoss - y.crossValidatedLogLoss))
      writeLine(
        io.stdout,
        `  ${c.members.join(' + ').padEnd(26)} held-out log loss ${c.crossValidatedLogLoss.toFixed(5)}${c.admissible ? '' : ' (a negative weight: not allowed)'}`,
      );
  }
  const logistic = report.logistic;
  if (logistic) {
    writeLine(io.stdout, `logistic solver: ${logistic.solver.method}, because ${logistic.solver.reason}`);
    if (logistic.penalty.kind !== 'l2') {
      const shown = logistic.keptFeatures.slice(0, 10).map((f) => f.feature);
      const more =
        logistic.keptFeatures.length > shown.length ? `, and ${logistic.keptFeatures.length - shown.length} more in the report` : '';
      writeLine(
        io.stdout,
        `${describePenalty(logistic.penalty)} penalty, lambda ${logistic.lambda.toPrecision(4)}: kept ${logistic.keptFeatures.length} of ${logistic.features} features: ${shown.join(', ') || 'none'}${more}`,
      );
    }
  }
  for (const warning of report.warnings) writeLine(io.stderr, `warning: ${warning.message}`);
  for (const note of report.notes) writeLine(io.stderr, `note: ${note}`);
  return 0;
}
